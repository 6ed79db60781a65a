"""A.II.3: resources mobilised for the programme, by source, and their disbursement.

`context` gives the templates (`vi.md.j2`, `en.md.j2`) the sources of the total in the
catalogue's order and words; `funding_table` and `funding_chart` are the page's table and chart.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from matplotlib.figure import Figure

from ntm_analysis.dataset.period import PeriodData
from ntm_analysis.report.charts import plot_sum
from ntm_analysis.report.sections.context import SectionContext, base_values
from ntm_analysis.report.sections.tables import breakdown_table, shares_of, sum_of
from ntm_analysis.report.words.facts import facts

REF = "A.II.3"
TOTAL = "ntm_funding_total"  # the programme's resources mobilised (indicators.yml)


@dataclass(frozen=True)
class Source:
    """One source of the total: its label, amount, share of the total and a note on it."""

    label: str
    amount: str
    share: str | None
    note: str | None


@dataclass(frozen=True, kw_only=True)
class Context(SectionContext):
    """A.II.3 in words: the sources of the total, the note on the central budget (a point
    linked to the total) and the points linked to no figure (the poverty programme)."""

    sources: list[Source]
    central_note: str | None
    other_notes: list[str]


def context(data: PeriodData, lang: str = "vi") -> Context:
    """The section's figures and points in words, for its templates."""
    base = base_values(data, "a2_3", lang)
    fig = base["fig"]
    notes = facts(data, REF, lang, "note")
    relation = sum_of(data, TOTAL)
    shares = shares_of(data, TOTAL)
    sources = []
    for code in relation.parts if relation is not None else []:
        amount = fig[code]
        if amount is None:
            continue
        share = fig[shares[code]] if code in shares else None
        note = next((f.clause for f in notes if code in f.indicators), None)
        sources.append(Source(data.catalogue.label(code, lang), amount, share, note))
    return Context(
        **base,
        sources=sources,
        central_note=next((f.text for f in notes if TOTAL in f.indicators), None),
        other_notes=[f.text for f in notes if not f.indicators],
    )


def funding_table(data: PeriodData, lang: str = "vi") -> pd.DataFrame:
    """Resources by source: amount and share of each, the total last."""
    return breakdown_table(data, TOTAL, lang)


def funding_chart(data: PeriodData, lang: str = "vi") -> Figure | None:
    """The sources of the total as bars of their printed amounts (None without any)."""
    relation = sum_of(data, TOTAL)
    if relation is None or not any(data.has(c) for c in relation.parts):
        return None
    return plot_sum(data, relation.id, lang)
