"""Qualitative facts of a period, recorded as data (`data/periods/<P>/qualitative.yml`).

Each point is what a report says in words rather than figures: an activity, a legal basis
(with its document number, date and issuer), an achievement, a shortcoming, a cause, a task,
a solution or a note. It names its report section ("A.I.3", "C.II.2") and, optionally, the
indicators that measure it. Text is given in Vietnamese and, optionally, in English (an
English page falls back to the Vietnamese text and marks it).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from ntm_analysis import i18n
from ntm_analysis.dataset.catalogue import Catalogue
from ntm_analysis.dataset.files import read_yaml
from ntm_analysis.errors import InputError
from ntm_analysis.i18n import pick

KINDS = (
    "activity",
    "legal_basis",
    "achievement",
    "shortcoming",
    "cause",
    "task",
    "solution",
    "note",
)
Kind = Literal[
    "activity", "legal_basis", "achievement", "shortcoming", "cause", "task", "solution", "note"
]
_MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


class LocalText(BaseModel):
    """A text in Vietnamese and, optionally, English."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    vi: str
    en: str | None = None

    @field_validator("vi")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("must not be blank")
        return value.strip()


# The kind of a document, read from its number's type code ("15-CT/TU" is a directive).
DOCUMENT_TYPES = {
    "QĐ": ("Quyết định", "Decision"),
    "CT": ("Chỉ thị", "Directive"),
    "KHPH": ("Kế hoạch phối hợp", "Joint plan"),
    "KH": ("Kế hoạch", "Plan"),
    "NQ": ("Nghị quyết", "Resolution"),
    "NĐ": ("Nghị định", "Decree"),
    "TT": ("Thông tư", "Circular"),
    "CV": ("Công văn", "Official letter"),
    "BC": ("Báo cáo", "Report"),
    "HD": ("Hướng dẫn", "Guidance"),
}


class Document(BaseModel):
    """A legal or administrative document: number, date, issuer."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    number: str
    date: dt.date | None = None
    issuer: LocalText | str | None = None  # a plain string is the Vietnamese name

    def type_name(self, lang: str = "vi") -> str:
        """ "Quyết định", "Directive" …: the kind the number's type code names, or ""."""
        for code in re.split(r"[-/]", self.number):
            if code in DOCUMENT_TYPES:
                return pick(lang, *DOCUMENT_TYPES[code])
        return ""

    def citation(self, lang: str = "vi") -> str:
        """ "số 12/KH-BCĐ ngày 05/3/2021 của Ban Chỉ đạo tỉnh" / "No. 12/KH-BCĐ of 5 March 2021
        by the provincial steering committee"."""
        issuer = self.issuer if not isinstance(self.issuer, str) else LocalText(vi=self.issuer)
        words = i18n.text("dataset.citation.number", lang, number=self.number)
        if self.date:
            day = self.date
            date = pick(
                lang,
                f"{day.day:02d}/{day.month}/{day.year}",
                f"{day.day} {_MONTHS_EN[day.month - 1]} {day.year}",
            )
            words += i18n.text("dataset.citation.date", lang, date=date)
        name = pick(lang, issuer.vi, issuer.en) if issuer else None
        if name:  # an untranslated issuer is left out of English text
            words += i18n.text("dataset.citation.issuer", lang, issuer=name)
        return words


class QualitativePoint(BaseModel):
    """One qualitative fact with the indicators that measure it."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    kind: Kind
    section: str
    text: LocalText
    title: LocalText | None = None  # a short heading, e.g. of a group of solutions
    document: Document | None = None
    list: str | None = None  # the named list (lists.csv) the point enumerates, if any
    indicators: tuple[str, ...] = ()

    @field_validator("section")
    @classmethod
    def _section(cls, value: str) -> str:
        if not re.match(r"^[A-C](\.[IVX]+)?(\.\d+)*$", str(value)):
            raise ValueError("expected a report section such as A.I.3 or C.II.2")
        return str(value)

    def has_text(self, lang: str) -> bool:
        return pick(lang, True, bool(self.text.en))

    def text_in(self, lang: str = "vi") -> str:
        """The text in `lang`, the Vietnamese one when there is no translation."""
        return pick(lang, self.text.vi, self.text.en or self.text.vi)

    def citation(self, lang: str = "vi", with_type: bool = False) -> str:
        """The document in words; with its kind first when `with_type` ("Quyết định số …")."""
        if not self.document:
            return ""
        text = self.document.citation(lang)
        kind = self.document.type_name(lang) if with_type else ""
        return f"{kind} {text}" if kind else text

    def title_in(self, lang: str = "vi") -> str:
        if self.title is None:
            return ""
        return pick(lang, self.title.vi, self.title.en or self.title.vi)


class QualitativeFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    points: list[QualitativePoint] = []


def load_qualitative(path: Path, catalogue: Catalogue) -> list[QualitativePoint]:
    """The period's qualitative points; none when the file is absent."""
    if not path.is_file():
        return []
    raw = read_yaml(path)
    try:
        parsed = QualitativeFile.model_validate(raw if raw is not None else {})
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        expected = f"one of {KINDS}" if where.endswith(".kind") else None
        raise InputError(
            f"{where}: {first['msg']}", path=path, column=where, expected=expected
        ) from None
    for i, point in enumerate(parsed.points, start=1):
        unknown = [c for c in point.indicators if c not in catalogue]
        if unknown:
            raise InputError(
                f"point #{i} names unknown indicator(s) {unknown}", path=path, column="indicators"
            )
    return parsed.points
