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

from ntm_analysis.dataset.catalogue import Catalogue
from ntm_analysis.dataset.files import read_yaml
from ntm_analysis.errors import InputError, Message
from ntm_analysis.i18n import N_, pick, t, tp

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
            raise ValueError(Message(N_("không được để trống")))
        return value.strip()


# The type codes of a document number ("15-CT/TU" is a directive), with their kinds.
DOCUMENT_CODES = ("QĐ", "CT", "KHPH", "KH", "NQ", "NĐ", "TT", "CV", "BC", "HD")


def document_kind(code: str, lang: str) -> str:
    """The kind of document a type code names, in `lang` ("" for an unknown code)."""
    kinds = {
        "QĐ": tp(lang, "kind of document", "Quyết định"),
        "CT": tp(lang, "kind of document", "Chỉ thị"),
        "KHPH": tp(lang, "kind of document", "Kế hoạch phối hợp"),
        "KH": tp(lang, "kind of document", "Kế hoạch"),
        "NQ": tp(lang, "kind of document", "Nghị quyết"),
        "NĐ": tp(lang, "kind of document", "Nghị định"),
        "TT": tp(lang, "kind of document", "Thông tư"),
        "CV": tp(lang, "kind of document", "Công văn"),
        "BC": tp(lang, "kind of document", "Báo cáo"),
        "HD": tp(lang, "kind of document", "Hướng dẫn"),
    }
    return kinds.get(code, "")


class Document(BaseModel):
    """A legal or administrative document: number, date, issuer."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    number: str
    date: dt.date | None = None
    issuer: LocalText | str | None = None  # a plain string is the Vietnamese name

    def type_name(self, lang: str = "vi") -> str:
        """ "Quyết định", "Directive" …: the kind the number's type code names, or ""."""
        for code in re.split(r"[-/]", self.number):
            if code in DOCUMENT_CODES:
                return document_kind(code, lang)
        return ""

    def citation(self, lang: str = "vi") -> str:
        """ "số 12/KH-BCĐ ngày 05/3/2021 của Ban Chỉ đạo tỉnh" / "No. 12/KH-BCĐ of 5 March 2021
        by the provincial steering committee"."""
        issuer = self.issuer if not isinstance(self.issuer, str) else LocalText(vi=self.issuer)
        words = t(lang, "số {number}", number=self.number)
        if self.date:
            day = self.date
            date = pick(
                lang,
                f"{day.day:02d}/{day.month}/{day.year}",
                f"{day.day} {_MONTHS_EN[day.month - 1]} {day.year}",
            )
            words += t(lang, " ngày {date}", date=date)
        name = pick(lang, issuer.vi, issuer.en) if issuer else None
        if name:  # an untranslated issuer is left out of English text
            words += t(lang, " của {issuer}", issuer=name)
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
            raise ValueError(Message(N_("cần một mục của báo cáo, ví dụ A.I.3 hoặc C.II.2")))
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
        raise InputError(
            N_("{where}: {reason}"),
            path=path,
            column=where,
            expected=N_("một trong {kinds}") if where.endswith(".kind") else None,
            where=where,
            reason=first["msg"],
            kinds=KINDS,
        ) from None
    for i, point in enumerate(parsed.points, start=1):
        unknown = [c for c in point.indicators if c not in catalogue]
        if unknown:
            raise InputError(
                N_("nội dung số {i} nêu chỉ tiêu không có trong danh mục: {unknown}"),
                path=path,
                column="indicators",
                i=i,
                unknown=unknown,
            )
    return parsed.points
