"""A.II.4.6: grassroots health care — health-station staff, communes meeting the national
health criteria, health-insurance coverage and child stunting.

`context` gives the templates (`vi.md.j2`, `en.md.j2`) the legal basis of each figure;
`health_table` is the page's table.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import pandas as pd

from ntm_analysis.dataset.period import PeriodData
from ntm_analysis.report.sections import grouped
from ntm_analysis.report.sections.a2_4_4 import legal_bases
from ntm_analysis.report.sections.context import SectionContext, base_values
from ntm_analysis.report.words.facts import Fact, facts

BUILDER = "a2_4_6"
REF = "A.II.4.6"


@dataclass(frozen=True, kw_only=True)
class Context(SectionContext):
    """A.II.4.6 in words: the figures and points, and the legal bases by figure
    (`legal.CODE`, a list)."""

    legal: defaultdict[str, list[Fact]]


def context(data: PeriodData, lang: str = "vi") -> Context:
    """The section's figures and points in words, for its templates."""
    return Context(
        **base_values(data, BUILDER, lang),
        legal=legal_bases(facts(data, REF, lang, "legal_basis")),
    )


def health_table(data: PeriodData, lang: str = "vi") -> pd.DataFrame:
    """The section's health indicators as the report prints them."""
    return grouped.figure_table(data, "health", lang)
