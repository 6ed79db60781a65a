"""A.II.4.7–4.8 on one page: the political system, public services and access to law (4.7),
defence, security and social order in rural areas (4.8).

`context` gives the templates (`vi.md.j2`, `en.md.j2`) the two parts, the outline's headings,
the points beside each figure (`points.CODE`), the points that open 4.7 and the movement's
points of 4.8, the commune criteria the section reports (named from the criteria set) and the
province's own name; the table is declared in `tables.yml`, `security_table` fills it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from ntm_analysis.dataset.period import PeriodData
from ntm_analysis.report.sections import grouped
from ntm_analysis.report.sections.context import SectionContext, base_values
from ntm_analysis.report.sections.parts import Parts, headings, parts
from ntm_analysis.report.words.facts import ByFigure, Fact, facts, unlinked
from ntm_analysis.report.words.markdown import MarkdownText

BUILDER = "a2_4_7"
REFS = ("A.II.4.7", "A.II.4.8")
PARTS = parts(BUILDER, {"4.7": ("4.7",), "4.8": ("4.8",)}, headings=True)
"""The page heads 4.8 under its own heading after 4.7."""
HEADINGS = ("a2_4_7", "a2_4_8")
OPENING_KINDS = ("legal_basis", "cause")  # the points no figure measures that open 4.7


@dataclass(frozen=True)
class CriterionMet:
    """A commune criterion the section reports: its number and name in the period's criteria
    set, the communes meeting it (a number) and the communes counted (with their unit)."""

    number: int
    name: str
    met: MarkdownText
    total: MarkdownText


@dataclass(frozen=True, kw_only=True)
class Context(SectionContext):
    """A.II.4.7–4.8 in words: the parts and their headings, the province's own name (as in
    its television's), `points.CODE` (the points beside figure CODE), the points opening 4.7
    (legal bases and causes no figure measures), the movement's points of 4.8 (no figure
    measures them) and the criteria met."""

    parts: Parts
    headings: dict[str, str | None]
    province: str
    points: ByFigure
    opening: list[Fact]
    movement: list[Fact]
    criteria: list[CriterionMet]


def criteria_met(data: PeriodData, base: dict[str, Any]) -> list[CriterionMet]:
    """The commune criteria the section's figures count, in the criteria set's order; one the
    period lacks a figure of is left out (and recorded as missing)."""
    num, fig, lang = base["num"], base["fig"], base["lang"]
    out = []
    for number, met, total in grouped.criteria_codes(data, REFS, reported=False):
        met_text = num[met]
        total_text = fig[total] if met_text is not None else None
        if met_text is not None and total_text is not None:
            name = grouped.criterion_name(data, number, lang)
            out.append(CriterionMet(number, name, met_text, total_text))
    return out


def province_name(data: PeriodData) -> str:
    """The province's name without its kind ("Trà Vinh")."""
    units = data.units
    names = units.loc[units["province_code"] == data.province, "province_name"]
    return str(names.iloc[0]) if not names.empty else data.area_names("vi")[data.province]


def context(data: PeriodData, lang: str = "vi") -> Context:
    """The page's figures and points in words, for its templates."""
    base = base_values(data, BUILDER, lang)
    governance, security = (facts(data, ref, lang) for ref in REFS)
    return Context(
        **base,
        parts=PARTS,
        headings=headings(data, HEADINGS, lang),
        province=province_name(data),
        points=ByFigure(governance + security),
        opening=unlinked(governance, OPENING_KINDS),
        movement=unlinked(security),
        criteria=criteria_met(data, base),
    )


def security_table(data: PeriodData, lang: str = "vi") -> pd.DataFrame:
    """4.8 in figures: political security and social order side by side."""
    return grouped.figure_table(data, grouped.builder_tables(BUILDER)["security"], lang)
