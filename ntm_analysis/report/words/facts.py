"""The period's qualitative points (activities, legal bases, causes, tasks) in one language,
ready for a section's template.

A builder chooses which points a paragraph prints; the template only words them. `linked_to`
and `unlinked` select points by the figures that measure them, `ByFigure` (`points.CODE` in a
template) gives the points measured by one figure, and `Fact.document` names a point's legal
document with its kind ("Công văn số 1399/UBDT-VP135 …"), chosen once here for both languages.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ntm_analysis.dataset.period import PeriodData
from ntm_analysis.dataset.qualitative import Document, QualitativePoint
from ntm_analysis.i18n import t

UNTRANSLATED = "(Vietnamese only) "
"""Put before a point shown on an English page because it has no English text."""

PROSE_KINDS = ("activity", "legal_basis", "note", "cause")
"""The kinds of point a section's prose tells beside its figures (achievements, shortcomings,
tasks and solutions belong to sections B and C)."""

JOINT_CIRCULAR_CODE = "TTLT"  # a joint circular's type code, which the dataset's table lacks
COUNCIL_ISSUER = "Hội đồng nhân dân"  # parsing token: a People's Council (its Vietnamese name)


@dataclass(frozen=True)
class Fact:
    """A qualitative point in one language, ready for a template."""

    kind: str
    section: str
    text: str
    cite: str  # the legal document in words ("số 12/KH-BCĐ ngày 05/3/2021 của …"), or ""
    indicators: tuple[str, ...]
    title: str = ""  # a short heading (e.g. of a group of solutions), or ""
    cite_full: str = ""  # the document with its kind when its number says it, else `cite`
    list: str = ""  # the named list the point enumerates (render it with names(f.list))
    document: str = ""  # the document with its kind, always ("Công văn số …"), or ""

    @property
    def clause(self) -> str:
        """The text without its final full stop, to continue the sentence (a citation)."""
        return self.text.rstrip().rstrip(".")


def facts(data: PeriodData, section: str, lang: str, kind: str | None = None) -> list[Fact]:
    """The qualitative points of `section` (and below it), optionally of one kind."""
    out = []
    for point in data.notes:
        if kind is not None and point.kind != kind:
            continue
        if not (point.section == section or point.section.startswith(section + ".")):
            continue
        out.append(_fact(point, lang))
    return out


def document_kind(document: Document, lang: str) -> str:
    """The kind of a document in words: the one its number's type code names ("Quyết định"
    for …/QĐ-UBND); a joint circular by its TTLT code; a resolution when a People's Council
    issued it; else an official letter, whose number carries no type code (Decree 30/2020)."""
    kind = document.type_name(lang)
    if kind:
        return kind
    if JOINT_CIRCULAR_CODE in re.split(r"[-/]", document.number):
        return t(lang, "Thông tư liên tịch")
    issuer = document.issuer
    issuer_vi = issuer if isinstance(issuer, str) else (issuer.vi if issuer else "")
    if COUNCIL_ISSUER.casefold() in issuer_vi.casefold():
        return t(lang, "Nghị quyết")
    return t(lang, "Công văn")


def document_words(point: QualitativePoint, lang: str) -> str:
    """The point's document with its kind first ("Nghị quyết số 80 ngày 12/4/2019 của …"),
    "" when the point cites none."""
    if point.document is None:
        return ""
    return f"{document_kind(point.document, lang)} {point.citation(lang)}"


def _fact(point: QualitativePoint, lang: str) -> Fact:
    text = point.text_in(lang)
    if lang != "vi" and not point.has_text(lang):
        text = UNTRANSLATED + text
    return Fact(
        kind=point.kind,
        section=point.section,
        text=text,
        cite=point.citation(lang),
        indicators=point.indicators,
        title=point.title_in(lang),
        cite_full=point.citation(lang, with_type=True),
        list=point.list or "",
        document=document_words(point, lang),
    )


def linked_to(
    points: Iterable[Fact], codes: Iterable[str], kinds: Iterable[str] = PROSE_KINDS
) -> list[Fact]:
    """The points of `kinds` measured by at least one of `codes`, in their order."""
    wanted, kinds = set(codes), set(kinds)
    return [f for f in points if f.kind in kinds and wanted.intersection(f.indicators)]


def unlinked(points: Iterable[Fact], kinds: Iterable[str] = PROSE_KINDS) -> list[Fact]:
    """The points of `kinds` that no figure measures, in their order."""
    kinds = set(kinds)
    return [f for f in points if f.kind in kinds and not f.indicators]


class ByFigure:
    """`points.CODE` in a template: the points (of the prose kinds) measured by figure CODE,
    in their order; an empty list when none is."""

    def __init__(self, points: Sequence[Fact], kinds: Iterable[str] = PROSE_KINDS) -> None:
        self._points, self._kinds = tuple(points), tuple(kinds)

    def __getitem__(self, code: str) -> list[Fact]:
        return linked_to(self._points, (code,), self._kinds)

    def __getattr__(self, code: str) -> list[Fact]:
        if code.startswith("_"):
            raise AttributeError(code)
        return self[code]


__all__ = [
    "PROSE_KINDS",
    "UNTRANSLATED",
    "ByFigure",
    "Fact",
    "document_kind",
    "document_words",
    "facts",
    "linked_to",
    "unlinked",
]
