"""A.II.4.5: the "All people unite to build a cultural life" movement — the cultural titles
(families, hamlets and blocks, agencies, communes and wards) and sport.

`context` gives the templates (`vi.md.j2`, `en.md.j2`) the two parts the page shows under its
own headings; `culture_table` and `culture_chart` are the page's table and chart.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from matplotlib.figure import Figure

from ntm_analysis.dataset.period import PeriodData
from ntm_analysis.report.sections import grouped
from ntm_analysis.report.sections.context import SectionContext, base_values
from ntm_analysis.report.sections.parts import Parts, parts

BUILDER = "a2_4_5"
PARTS = parts(BUILDER, {"titles": ("titles",), "sport": ("sport",)})
"""The cultural titles, then the sport facilities and mass sport."""


@dataclass(frozen=True, kw_only=True)
class Context(SectionContext):
    """A.II.4.5 in words: the figures and points, and the parts of the prose."""

    parts: Parts


def context(data: PeriodData, lang: str = "vi") -> Context:
    """The section's figures and points in words, for its templates."""
    return Context(**base_values(data, BUILDER, lang), parts=PARTS)


def culture_table(data: PeriodData, lang: str = "vi") -> pd.DataFrame:
    """Each cultural title: units holding it, units counted and the share."""
    return grouped.figure_table(data, "culture", lang)


def culture_chart(data: PeriodData, title: str, lang: str = "vi") -> Figure | None:
    """The share holding each cultural title (None with fewer than two)."""
    return grouped.table_chart(data, "culture", 2, title, lang)
