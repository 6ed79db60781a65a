"""A.II.4.5: the "All people unite to build a cultural life" movement — the cultural titles
(families, hamlets and blocks, agencies, communes and wards) and sport.

`context` gives the templates (`vi.md.j2`, `en.md.j2`) the two parts the page shows under its
own headings, the points beside each figure (`points.CODE`) and those no figure measures (they
close the section); the table is declared in `tables.yml`, `culture_table` and `culture_chart`
fill and draw it.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from matplotlib.figure import Figure

from ntm_analysis.dataset.period import PeriodData
from ntm_analysis.report.sections import grouped
from ntm_analysis.report.sections.context import SectionContext, base_values
from ntm_analysis.report.sections.parts import Parts, parts
from ntm_analysis.report.words.facts import ByFigure, Fact, facts, unlinked

BUILDER = "a2_4_5"
REF = "A.II.4.5"
PARTS = parts(BUILDER, {"titles": ("titles",), "sport": ("sport",)})
"""The cultural titles, then the sport facilities and mass sport."""
SHARE_COLUMN = 2  # the culture table's column of shares holding each title


@dataclass(frozen=True, kw_only=True)
class Context(SectionContext):
    """A.II.4.5 in words: the parts of the prose, `points.CODE` (the points beside figure
    CODE) and the points no figure measures (`closing`)."""

    parts: Parts
    points: ByFigure
    closing: list[Fact]


def context(data: PeriodData, lang: str = "vi") -> Context:
    """The section's figures and points in words, for its templates."""
    points = facts(data, REF, lang)
    return Context(
        **base_values(data, BUILDER, lang),
        parts=PARTS,
        points=ByFigure(points),
        closing=unlinked(points),
    )


def culture_table(data: PeriodData, lang: str = "vi") -> pd.DataFrame:
    """Each cultural title: units holding it, units counted and the share."""
    return grouped.figure_table(data, grouped.builder_tables(BUILDER)["culture"], lang)


def culture_chart(data: PeriodData, title: str, lang: str = "vi") -> Figure | None:
    """The share holding each cultural title (None with fewer than two)."""
    spec = grouped.builder_tables(BUILDER)["culture"]
    return grouped.table_chart(data, spec, SHARE_COLUMN, title, lang)
