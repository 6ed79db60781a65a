"""The period's qualitative points (activities, legal bases, causes, tasks) in one language,
ready for a section's template."""

from __future__ import annotations

from dataclasses import dataclass

from ntm_analysis.dataset.period import PeriodData
from ntm_analysis.dataset.qualitative import QualitativePoint

UNTRANSLATED = "(Vietnamese only) "
"""Put before a point shown on an English page because it has no English text."""


@dataclass(frozen=True)
class Fact:
    """A qualitative point in one language, ready for a template."""

    kind: str
    section: str
    text: str
    cite: str  # the legal document in words ("số 12/KH-BCĐ ngày 05/3/2021 của …"), or ""
    indicators: tuple[str, ...]
    title: str = ""  # a short heading (e.g. of a group of solutions), or ""
    cite_full: str = ""  # the document with its kind ("Quyết định số 12/QĐ-UBND ngày …")
    list: str = ""  # the named list the point enumerates (render it with names(f.list))

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
    )
