"""A.II.2: cultural and new rural hamlets, cultural new rural households, and their change
since the baseline period.

`context` gives the templates (`vi.md.j2`, `en.md.j2`) `changes.CODE`, the change of a count
since the baseline: the increase the period states, else the difference from the baseline's
figure; `changes_table` and `shares_chart` are the page's table and chart.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from matplotlib.figure import Figure

from ntm_analysis.dataset.period import PeriodData
from ntm_analysis.report.charts import plot_shares
from ntm_analysis.report.sections.context import SectionContext, Tracker, base_values
from ntm_analysis.report.sections.tables import change_table
from ntm_analysis.report.words.figures import figure_text
from ntm_analysis.report.words.markdown import MarkdownText, escape_markdown
from ntm_analysis.text.numbers import display_decimals, format_value

REF = "A.II.2"
# The increase since the baseline as the source states it, for each count (indicators.yml):
# hamlets meeting the cultural and new rural standard, households meeting the cultural NTM
# family standard.
STATED_INCREASE = {
    "hamlets_cultural_ntm": "hamlets_cultural_ntm_increase",
    "households_cultural_ntm": "households_cultural_ntm_increase",
}


@dataclass(frozen=True)
class Change:
    """A count's change since the baseline: its size with the unit ("36 ấp"), whether it
    went up (or stayed), and whether the period states it (else it is computed)."""

    size: MarkdownText
    up: bool
    stated: bool


class Changes:
    """`changes.CODE`: the change of a count since the baseline (a `Change`), asked for by
    the template; None, and what it lacks recorded as missing, when the period neither
    states the increase nor has a baseline figure to compare with."""

    def __init__(self, data: PeriodData, lang: str, tracker: Tracker) -> None:
        self._data, self._lang, self._tracker = data, lang, tracker

    def __getattr__(self, code: str) -> Change | None:
        if code.startswith("_"):
            raise AttributeError(code)
        return change_since_base(
            self._data, code, STATED_INCREASE.get(code), self._lang, self._tracker
        )


@dataclass(frozen=True, kw_only=True)
class Context(SectionContext):
    """A.II.2 in words: the shared accessors and `changes`, the change since the baseline."""

    changes: Changes


def change_since_base(
    data: PeriodData, code: str, stated: str | None, lang: str, tracker: Tracker
) -> Change | None:
    """The change of `code` since the baseline: the increase the period states (indicator
    `stated`), else the difference from the baseline's figure; None when neither is there
    (both recorded as missing)."""
    if stated is not None and stated in data.catalogue and data.has(stated):
        size = figure_text(data, stated, None, lang)
        return Change(MarkdownText(escape_markdown(size)), up=True, stated=True)
    base = data.baseline
    if base is None or not base.has(code) or not data.has(code):
        if stated is not None:
            tracker.miss(stated, None)
        tracker.miss(code, None)
        return None
    delta = data.value(code) - base.value(code)
    unit = data.catalogue[code].unit
    size = format_value(abs(delta), unit, lang, display_decimals(data.figure(code).as_written))
    if unit != "percent":
        size += " " + data.catalogue.unit_label(unit, lang)
    return Change(MarkdownText(escape_markdown(size)), up=delta >= 0, stated=False)


def context(data: PeriodData, lang: str = "vi") -> Context:
    """The section's figures and points in words, for its templates."""
    base = base_values(data, "a2_2", lang)
    return Context(**base, changes=Changes(data, lang, base["tracker"]))


def changes_table(data: PeriodData, lang: str = "vi") -> pd.DataFrame:
    """The section's figures the baseline also has: baseline, period and change."""
    return change_table(data, [REF], lang)


def shares_chart(data: PeriodData, lang: str = "vi") -> Figure | None:
    """The shares the section prints (hamlets, households), as printed; None without any."""
    return plot_shares(data, [REF], lang)
