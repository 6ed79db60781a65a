"""A.II.4.1 planning and A.II.4.2 socio-economic infrastructure: one page (notebook 05, the
outline's sections a2_4_1 and a2_4_2).

`context` gives the templates (`vi.md.j2`, `en.md.j2`; parts "4.1", "4.2", "criteria") the
points beside each figure, the districts that report the waste-sorting model and the communes
meeting each infrastructure criterion; the tables are declared in `tables.yml`, the charts
draw printed figures.
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
from ntm_analysis.report.words.markdown import MarkdownText
from ntm_analysis.report.words.places import Place, places

BUILDER = "a2_4_1"
INFRASTRUCTURE = "A.II.4.2"  # the source section of the infrastructure and its criteria
WASTE_SORTING = "waste_sorting_households"  # reported by the districts running the model
WASTE_SORTING_COMMUNES = "waste_sorting_communes"  # the named list of their communes
ROADS_SHARE_COLUMN = 2  # the roads table's column of shares meeting the standard


@dataclass(frozen=True)
class Criterion:
    """An infrastructure criterion: its name in the criteria set, the communes meeting it
    (a number) and the communes counted (with their unit, "85 xã")."""

    name: str
    met: MarkdownText
    total: MarkdownText


@dataclass(frozen=True, kw_only=True)
class Context(SectionContext):
    """A.II.4.1–4.2 in words: the infrastructure activities no figure measures (the opening
    of 4.2), `points.CODE` (the points beside figure CODE), the districts running the
    waste-sorting model (with their communes) and the criteria results."""

    activities: list[Fact]
    points: ByFigure
    waste_sorting: list[Place]
    criteria: list[Criterion]


def context(data: PeriodData, lang: str = "vi") -> Context:
    """The page's figures and points in words, for its templates."""
    base = base_values(data, BUILDER, lang)
    points = facts(data, INFRASTRUCTURE, lang)
    miss = base["tracker"].miss
    return Context(
        **base,
        activities=unlinked(points, ("activity",)),
        points=ByFigure(points),
        waste_sorting=places(data, WASTE_SORTING, lang, WASTE_SORTING_COMMUNES, miss),
        criteria=criteria_results(data, base),
    )


def criteria_results(data: PeriodData, base: dict[str, Any]) -> list[Criterion]:
    """Each infrastructure criterion the catalogue declares and the period reports (met and
    total), in the criteria set's order; one the period lacks is remembered as missing."""
    num, fig, lang = base["num"], base["fig"], base["lang"]
    out = []
    for number, met, total in grouped.criteria_codes(data, [INFRASTRUCTURE], reported=False):
        met_text, total_text = num[met], fig[total]
        if met_text is not None and total_text is not None:
            name = grouped.criterion_name(data, number, lang)
            out.append(Criterion(name, met_text, total_text))
    return out


def roads_table(data: PeriodData, lang: str = "vi") -> pd.DataFrame:
    """Roads by class: length meeting the standard, total length and share."""
    return grouped.figure_table(data, grouped.builder_tables(BUILDER)["roads"], lang)


def roads_chart(data: PeriodData, title: str, lang: str = "vi") -> Figure | None:
    """The share of each road class meeting the standard, as bars (None under two)."""
    spec = grouped.builder_tables(BUILDER)["roads"]
    return grouped.table_chart(data, spec, ROADS_SHARE_COLUMN, title, lang)


def criteria_table(data: PeriodData, lang: str = "vi") -> pd.DataFrame:
    """Communes meeting each infrastructure criterion, with the communes counted."""
    return grouped.criteria_table(data, [INFRASTRUCTURE], lang)


def criteria_chart(data: PeriodData, title: str, lang: str = "vi") -> Figure | None:
    """Communes meeting each infrastructure criterion, as bars "83/85" (None under two)."""
    return grouped.criteria_chart(data, [INFRASTRUCTURE], title, lang)
