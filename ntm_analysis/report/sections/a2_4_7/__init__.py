"""A.II.4.7–4.8 on one page: the political system, public services and access to law (4.7),
defence, security and social order in rural areas (4.8).

`context` gives the templates (`vi.md.j2`, `en.md.j2`) the two parts, the outline's headings,
the points that open 4.7 and the movement's points of 4.8, the commune criteria the section
reports (named from the criteria set) and the province's own name; `security_table` is the
page's table.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ntm_analysis.dataset.period import PeriodData
from ntm_analysis.report.sections import grouped
from ntm_analysis.report.sections.context import Figures, SectionContext, base_values
from ntm_analysis.report.sections.parts import Parts, headings, parts
from ntm_analysis.report.words.facts import Fact, facts
from ntm_analysis.report.words.markdown import MarkdownText

BUILDER = "a2_4_7"
REFS = ("A.II.4.7", "A.II.4.8")
PARTS = parts(BUILDER, {"4.7": ("4.7",), "4.8": ("4.8",)}, headings=True)
"""The page heads 4.8 under its own heading after 4.7."""
HEADINGS = ("a2_4_7", "a2_4_8")
PROSE_KINDS = ("activity", "legal_basis", "note", "cause")  # points told beside the figures
COMMUNES_COUNTED = "communes_total_c{number:02d}"  # the communes a criterion is counted over


@dataclass(frozen=True)
class CriterionMet:
    """A commune criterion the section reports: its number and name in the period's criteria
    set, the communes meeting it (number only) and the communes counted (with the unit)."""

    number: int
    name: str
    met: MarkdownText
    total: MarkdownText


@dataclass(frozen=True, kw_only=True)
class Context(SectionContext):
    """A.II.4.7–4.8 in words: the parts and their headings, the province's own name (as in
    its television's), the points opening 4.7 (legal bases and causes no figure measures), the
    movement's points of 4.8 (no figure measures them) and the criteria met."""

    parts: Parts
    headings: dict[str, str | None]
    province: str
    opening: list[Fact]
    movement: list[Fact]
    criteria: list[CriterionMet]


def criteria_met(data: PeriodData, num: Figures, fig: Figures, lang: str) -> list[CriterionMet]:
    """The commune criteria the section's figures count, in the criteria set's order; one the
    period lacks a figure of is left out (and recorded as missing)."""
    out = []
    for code, indicator in data.catalogue.indicators.items():
        if indicator.section not in REFS or indicator.criterion not in data.criteria.ids():
            continue
        criterion = data.criteria.get(indicator.criterion)
        met = num[code]
        total = fig[COMMUNES_COUNTED.format(number=criterion.number)] if met else None
        if met is not None and total is not None:
            out.append(CriterionMet(criterion.number, criterion.name(lang), met, total))
    return sorted(out, key=lambda c: c.number)


def province_name(data: PeriodData) -> str:
    """The province's name without its kind ("Trà Vinh")."""
    units = data.units
    names = units.loc[units["province_code"] == data.province, "province_name"]
    return str(names.iloc[0]) if not names.empty else data.area_names("vi")[data.province]


def context(data: PeriodData, lang: str = "vi") -> Context:
    """The section's figures and points in words, for its templates."""
    base = base_values(data, BUILDER, lang)
    opening = facts(data, REFS[0], lang)
    movement = facts(data, REFS[1], lang)
    return Context(
        **base,
        parts=PARTS,
        headings=headings(data, HEADINGS, lang),
        province=province_name(data),
        opening=[f for f in opening if f.kind in ("legal_basis", "cause") and not f.indicators],
        movement=[f for f in movement if f.kind in PROSE_KINDS and not f.indicators],
        criteria=criteria_met(data, base["num"], base["fig"], lang),
    )


def security_table(data: PeriodData, lang: str = "vi") -> pd.DataFrame:
    """4.8 in figures: political security and social order side by side."""
    return grouped.figure_table(data, "security", lang)
