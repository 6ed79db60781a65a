"""The series page (for analysts): the headline indicators of every period up to this one, how
they changed since the previous period and since the same period a year earlier, and a trend
chart. The periods are read by `dataset/series.py`; this turns them into the page's blocks.

The page has no prose: `history` gives the long table the other functions take.
"""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from ntm_analysis.dataset.period import PeriodData
from ntm_analysis.dataset.reporting_period import Period
from ntm_analysis.dataset.series import headline_series
from ntm_analysis.i18n import t, tp
from ntm_analysis.report.charts.style import set_alt
from ntm_analysis.report.words.figures import signed_change
from ntm_analysis.text.numbers import format_value

LINE_COLOUR = "#2b6cb0"


def _change_headers(lang: str) -> list[str]:
    """The change table's headers (its index first), in `lang`."""
    return [
        t(lang, "Chỉ tiêu"),
        t(lang, "Kỳ này"),
        tp(lang, "column of the change table", "Kỳ trước"),
        t(lang, "Thay đổi"),
        t(lang, "Cùng kỳ năm trước"),
        t(lang, "Thay đổi so cùng kỳ"),
    ]


def history(data: PeriodData, lang: str = "vi") -> pd.DataFrame:
    """The headline figures of every period of the data folder up to `data`'s, oldest first
    (`dataset.series.headline_series`)."""
    return headline_series(data.data_dir, lang, until=data.period, province=data.series_province)


def change_table(series: pd.DataFrame, period: str) -> pd.DataFrame:
    """Per headline of `period`: value, previous period's value and change, the same period a
    year earlier and change (NaN where a period lacks the figure). Numbers, not text."""
    earlier = sorted(p for p in set(series["period"]) if p < period)
    previous = earlier[-1] if earlier else None
    year_ago = str(Period.parse(period).same_period_last_year)
    wide = series.pivot_table(index="indicator", columns="period", values="value", aggfunc="first")
    rows = []
    for row in series[series["period"] == period].itertuples(index=False):
        before = _value(wide, row.indicator, previous)
        ago = _value(wide, row.indicator, year_ago)
        rows.append(
            {
                "indicator": row.indicator,
                "label": row.label,
                "unit": row.unit,
                "value": row.value,
                "previous_period": previous,
                "previous": before,
                "change": row.value - before,
                "year_ago_period": year_ago,
                "year_ago": ago,
                "change_year": row.value - ago,
            }
        )
    return pd.DataFrame(rows)


def _value(wide: pd.DataFrame, indicator: str, period: str | None) -> float:
    if period is None or period not in wide.columns:
        return float("nan")
    return float(wide.at[indicator, period])


def change_display(changes: pd.DataFrame, lang: str = "vi") -> pd.DataFrame:
    """The change table as text in the locale's number format, headed in `lang`, one row per
    indicator (its label as the index)."""
    headers = _change_headers(lang)
    rows = [
        [
            format_value(row.value, row.unit, lang),
            format_value(row.previous, row.unit, lang),
            signed_change(row.change, row.unit, lang),
            format_value(row.year_ago, row.unit, lang),
            signed_change(row.change_year, row.unit, lang),
        ]
        for row in changes.itertuples(index=False)
    ]
    index = pd.Index(list(changes["label"]) if len(changes) else [], name=headers[0])
    return pd.DataFrame(rows, columns=headers[1:], index=index)


def series_display(series: pd.DataFrame, lang: str = "vi") -> pd.DataFrame:
    """The series as a table to read: one row per indicator (its label), one column per period
    (its label), values in the locale's number format ("—" where a period lacks one)."""
    order = list(dict.fromkeys(series["period_label"]))
    cells = {
        (row.label, row.period_label): format_value(row.value, row.unit, lang)
        for row in series.itertuples(index=False)
    }
    labels = list(dict.fromkeys(series["label"]))
    return pd.DataFrame(
        [[cells.get((label, p), "—") for p in order] for label in labels],
        index=pd.Index(labels, name=t(lang, "Chỉ tiêu")),
        columns=order,
    )


def trend_figure(series: pd.DataFrame, lang: str = "vi", columns: int = 2) -> Figure | None:
    """Small multiples: one line per headline indicator over the periods (labels in `lang`);
    None when there is no figure to draw."""
    codes = list(dict.fromkeys(series["indicator"]))
    if not codes:
        return None
    rows = max(1, -(-len(codes) // columns))
    figure = Figure(figsize=(5 * columns, 2.6 * rows))  # outside pyplot: no global state
    axes = figure.subplots(rows, columns, squeeze=False)
    for ax, code in zip(axes.flat, codes, strict=False):
        _trend(ax, series[series["indicator"] == code], lang)
    for ax in list(axes.flat)[len(codes) :]:
        ax.set_visible(False)
    figure.tight_layout()
    labels = list(dict.fromkeys(series["label"]))
    alt = t(
        lang,
        "Biểu đồ đường: các chỉ tiêu chính qua các kỳ báo cáo ({names})",
        names="; ".join(labels),
    )
    return set_alt(figure, alt)


def _trend(ax, part: pd.DataFrame, lang: str) -> None:
    """One indicator's line over the periods, each point annotated with its value."""
    unit = part["unit"].iloc[0]
    ax.plot(part["period_label"], part["value"], marker="o", color=LINE_COLOUR)
    ax.set_title(part["label"].iloc[0], fontsize=9, wrap=True)
    ax.tick_params(axis="x", labelsize=7, rotation=20)
    ax.tick_params(axis="y", labelsize=7)
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: format_value(v, unit, lang)))
    for x, y in zip(part["period_label"], part["value"], strict=True):
        ax.annotate(
            format_value(y, unit, lang),
            (x, y),
            fontsize=7,
            textcoords="offset points",
            xytext=(0, 4),
            ha="center",
        )
