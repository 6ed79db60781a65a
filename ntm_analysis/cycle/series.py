"""The headline indicators over every period in `data/`: a tidy series, changes since the
previous period and since the same period a year earlier, and trend charts."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from ntm_analysis.cycle.cells import signed_change
from ntm_analysis.cycle.labels import period_label
from ntm_analysis.dataset.catalogue import Catalogue
from ntm_analysis.dataset.paths import list_periods
from ntm_analysis.dataset.period import PeriodData, load_period
from ntm_analysis.dataset.reporting_period import Period
from ntm_analysis.i18n import t, tp
from ntm_analysis.report.charts.style import set_alt
from ntm_analysis.text.numbers import format_value

SERIES_COLUMNS = ["period", "period_label", "indicator", "label", "unit", "value"]


def headline_series(
    data_dir: str | Path, lang: str = "vi", until: str | None = None
) -> pd.DataFrame:
    """One row per (period, headline indicator) observed at province level, oldest first;
    periods after `until` and folders without figures are left out."""
    data_dir = Path(data_dir)
    rows = []
    for period in list_periods(data_dir):
        if until is not None and period > until:
            continue
        if not (data_dir / "periods" / period / "indicators.csv").is_file():
            continue
        data = load_period(period, data_dir, with_baseline=False)
        rows += _headline_rows(data, data.catalogue, lang)
    return pd.DataFrame(rows, columns=SERIES_COLUMNS)


def _headline_rows(data: PeriodData, catalogue: Catalogue, lang: str) -> list[dict]:
    label = data.label(lang) if data.meta.get("label") else period_label(data.period, lang)
    return [
        {
            "period": data.period,
            "period_label": label,
            "indicator": code,
            "label": catalogue.label(code, lang),
            "unit": catalogue[code].unit,
            "value": data.value(code),
        }
        for code in catalogue.headlines
        if data.has(code)
    ]


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


def change_table(series: pd.DataFrame, period: str) -> pd.DataFrame:
    """Per headline of `period`: value, previous period's value and change, the same period a
    year earlier and change (NaN where a period lacks the figure). Numbers, not text."""
    periods = sorted(set(series["period"]))
    earlier = [p for p in periods if p < period]
    previous = earlier[-1] if earlier else None
    year_ago = str(Period.parse(period).same_period_last_year)
    wide = series.pivot_table(index="indicator", columns="period", values="value", aggfunc="first")
    now = series[series["period"] == period]
    rows = []
    for row in now.itertuples(index=False):
        before = _get(wide, row.indicator, previous)
        ago = _get(wide, row.indicator, year_ago)
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


def _get(wide: pd.DataFrame, indicator: str, period: str | None) -> float:
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
    (its label), values in the locale's number format."""
    order = list(dict.fromkeys(series["period_label"]))
    cells = {
        (row.label, row.period_label): format_value(row.value, row.unit, lang)
        for row in series.itertuples(index=False)
    }
    labels = list(dict.fromkeys(series["label"]))
    table = pd.DataFrame(
        [[cells.get((label, p), "—") for p in order] for label in labels],
        index=pd.Index(labels, name=t(lang, "Chỉ tiêu")),
        columns=order,
    )
    return table


def trend_figure(series: pd.DataFrame, lang: str = "vi", columns: int = 2) -> Figure:
    """Small multiples: one line per headline indicator over the periods (labels in `lang`)."""
    codes = list(dict.fromkeys(series["indicator"]))
    rows = max(1, -(-len(codes) // columns))
    figure = Figure(figsize=(5 * columns, 2.6 * rows))  # outside pyplot: no global state
    axes = figure.subplots(rows, columns, squeeze=False)
    for ax, code in zip(axes.flat, codes, strict=False):
        part = series[series["indicator"] == code]
        ax.plot(part["period_label"], part["value"], marker="o", color="#2b6cb0")
        ax.set_title(part["label"].iloc[0], fontsize=9, wrap=True)
        ax.tick_params(axis="x", labelsize=7, rotation=20)
        ax.tick_params(axis="y", labelsize=7)
        unit = part["unit"].iloc[0]
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _, u=unit: format_value(v, u, lang)))
        for x, y in zip(part["period_label"], part["value"], strict=True):
            ax.annotate(
                format_value(y, part["unit"].iloc[0], lang),
                (x, y),
                fontsize=7,
                textcoords="offset points",
                xytext=(0, 4),
                ha="center",
            )
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
