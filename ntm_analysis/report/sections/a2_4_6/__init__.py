"""A.II.4.6: grassroots health care — health-station staff, communes meeting the national
health criteria, health-insurance coverage and child stunting.

`context` gives the templates (`vi.md.j2`, `en.md.j2`) the points beside each figure
(`points.CODE`) and the legal bases grounding each figure (`legal.CODE`); the table is
declared in `tables.yml`, `health_table` fills it.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ntm_analysis.dataset.period import PeriodData
from ntm_analysis.report.sections import grouped
from ntm_analysis.report.sections.context import SectionContext, base_values
from ntm_analysis.report.words.facts import ByFigure, facts

BUILDER = "a2_4_6"
REF = "A.II.4.6"


@dataclass(frozen=True, kw_only=True)
class Context(SectionContext):
    """A.II.4.6 in words: `points.CODE` (the points beside figure CODE) and `legal.CODE`
    (the legal bases grounding figure CODE)."""

    points: ByFigure
    legal: ByFigure


def context(data: PeriodData, lang: str = "vi") -> Context:
    """The section's figures and points in words, for its templates."""
    points = facts(data, REF, lang)
    return Context(
        **base_values(data, BUILDER, lang),
        points=ByFigure(points),
        legal=ByFigure(points, ("legal_basis",)),
    )


def health_table(data: PeriodData, lang: str = "vi") -> pd.DataFrame:
    """The section's health indicators as the report prints them."""
    return grouped.figure_table(data, grouped.builder_tables(BUILDER)["health"], lang)
