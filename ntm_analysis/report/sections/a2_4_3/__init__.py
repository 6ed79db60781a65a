"""A.II.4.3: production linked with agricultural restructuring (notebook 06): land conversion
and aquaculture, OCOP products, craft villages, the cooperative economy.

`context` gives the templates (`vi.md.j2`, `en.md.j2`; parts "land", "ocop", "craft", "coop")
the points beside each figure, the districts that report a figure of their own (land
conversion, rice linkage) and the year of the OCOP round; the tables are declared in
`tables.yml`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd
from matplotlib.figure import Figure

from ntm_analysis.dataset.period import PeriodData
from ntm_analysis.report.sections import grouped
from ntm_analysis.report.sections.context import SectionContext, base_values
from ntm_analysis.report.words.facts import ByFigure, Fact, facts, unlinked
from ntm_analysis.report.words.figures import figure_text, qualifier_word
from ntm_analysis.report.words.markdown import MarkdownText, escape_markdown
from ntm_analysis.report.words.places import Place, places

BUILDER = "a2_4_3"
REF = "A.II.4.3"
LAND_COLUMN = 0  # the land table's only column: the area converted to each use
# Figures a district reports of its own (indicators.yml), and the named list of its communes
GARDEN = "mixed_garden_conversion_ha"
SUGARCANE = "sugarcane_conversion_ha"
RICE_LINKAGE = "rice_linkage_projects"
RICE_LINKAGE_COMMUNES = "rice_linkage_communes"
LINKAGE_IN_PREPARATION = "linkage_projects_in_preparation"
# Ranges printed as two figures ("50-70 tấn/ha", "khoảng 18-20")
SHRIMP_YIELD = ("shrimp_yield_low", "shrimp_yield_high")
MEMBERS_PER_GROUP = ("coop_group_members_avg_low", "coop_group_members_avg_high")


@dataclass(frozen=True, kw_only=True)
class Context(SectionContext):
    """A.II.4.3 in words: `points.CODE` (the points beside figure CODE), the causes of the
    section, its legal bases no figure measures, the districts reporting a conversion of
    mixed gardens or of sugarcane land, those running or preparing a rice linkage (with its
    communes), and the year of the OCOP assessment round recognised this year (the previous
    one); two ranges in words, the shrimp yield (with its unit) and the members per cooperative
    group (without)."""

    points: ByFigure
    causes: list[Fact]
    bases: list[Fact]
    garden: list[Place]
    sugarcane: list[Place]
    linkage: list[Place]
    preparing: list[Place]
    round_year: int
    shrimp_yield: MarkdownText | None
    members_per_group: MarkdownText | None


def context(data: PeriodData, lang: str = "vi") -> Context:
    """The section's figures and points in words, for its templates."""
    base = base_values(data, BUILDER, lang)
    points = facts(data, REF, lang)
    miss = base["tracker"].miss
    return Context(
        **base,
        points=ByFigure(points),
        causes=[f for f in points if f.kind == "cause"],
        bases=unlinked(points, ("legal_basis",)),
        garden=places(data, GARDEN, lang, miss=miss),
        sugarcane=places(data, SUGARCANE, lang, miss=miss),
        linkage=places(data, RICE_LINKAGE, lang, RICE_LINKAGE_COMMUNES, miss),
        preparing=places(data, LINKAGE_IN_PREPARATION, lang, miss=miss),
        round_year=data.year - 1,
        shrimp_yield=figure_range(data, base, *SHRIMP_YIELD, unit=True),
        members_per_group=figure_range(data, base, *MEMBERS_PER_GROUP, unit=False),
    )


def figure_range(
    data: PeriodData, base: dict[str, Any], low: str, high: str, *, unit: bool
) -> MarkdownText | None:
    """Two figures as a range, the qualifier said once ("khoảng 18-20", "50-70 tấn/ha");
    None (remembered as missing) when the period lacks either."""
    if base["fig"][low] is None or base["fig"][high] is None:
        return None
    lang = base["lang"]
    high_word = qualifier_word(data.figure(high).qualifier, lang)
    high_text = figure_text(data, high, None, lang, unit=unit).removeprefix(high_word).strip()
    low_text = figure_text(data, low, None, lang, unit=False)
    return MarkdownText(escape_markdown(f"{low_text}-{high_text}"))


def _table(data: PeriodData, name: str, lang: str) -> pd.DataFrame:
    return grouped.figure_table(data, grouped.builder_tables(BUILDER)[name], lang)


def land_table(data: PeriodData, lang: str = "vi") -> pd.DataFrame:
    """Rice land converted, by new use, the total last."""
    return _table(data, "land", lang)


def land_chart(data: PeriodData, title: str, lang: str = "vi") -> Figure | None:
    """Rice land converted to each use, as bars (the total left out; None under two)."""
    spec = grouped.builder_tables(BUILDER)["land"]
    return grouped.table_chart(data, spec, LAND_COLUMN, title, lang)


def aquaculture_table(data: PeriodData, lang: str = "vi") -> pd.DataFrame:
    """The area of each aquaculture model."""
    return _table(data, "aquaculture", lang)


def ocop_table(data: PeriodData, lang: str = "vi") -> pd.DataFrame:
    """OCOP products by rating, the total last."""
    return _table(data, "ocop", lang)


def craft_villages_table(data: PeriodData, lang: str = "vi") -> pd.DataFrame:
    """Recognised craft villages by field, the total last."""
    return _table(data, "craft_villages", lang)


def cooperatives_table(data: PeriodData, lang: str = "vi") -> pd.DataFrame:
    """Cooperatives, unions and cooperative groups: founded in the period and active."""
    return _table(data, "cooperatives", lang)
