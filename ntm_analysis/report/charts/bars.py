"""Bar charts of printed figures: parts of a sum, shares, achieved against total.

Every bar and every number on a chart is the figure as the report prints it (value and
decimals); recomputation belongs on the data-quality page.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from matplotlib.figure import Figure

from ntm_analysis.dataset.period import PeriodData
from ntm_analysis.i18n import N_, t, tp
from ntm_analysis.report.charts.style import (
    PALETTE,
    chart_style,
    format_axis,
    line_count,
    new_figure,
    set_alt,
    set_title,
    wrap_labels,
)
from ntm_analysis.report.words.figures import in_section
from ntm_analysis.text.numbers import display_decimals, format_value

LABEL_WIDTH = 38  # characters per line of a bar label at A4 width

# The kinds of chart an alt text names, translated at use.
ALT = {"bars": N_("Biểu đồ thanh ngang"), "matrix": N_("Bảng màu")}


@dataclass(frozen=True)
class Printed:
    """A figure as printed: its value and its text in the page's number format."""

    value: float
    text: str


def printed(data: PeriodData, code: str, lang: str, area: str | None = None) -> Printed:
    """The printed figure of `code` (value, and its text with the decimals the report prints)."""
    figure = data.figure(code, area)
    unit = data.catalogue[code].unit
    decimals = display_decimals(figure.as_written)
    return Printed(figure.value, format_value(figure.value, unit, lang, decimals))


def describe(kind: str, title: str, items: list[tuple[str, str]], lang: str, limit: int = 12):
    """Alt text: the kind of chart, its title, then `label: figure` for each bar."""
    shown = "; ".join(f"{label}: {text}" for label, text in items[:limit])
    more = "; " + t(lang, "và {n} mục khác", n=len(items) - limit) if len(items) > limit else ""
    return f"{t(lang, ALT[kind])} — {title}. {shown}{more}."


def bar_height(labels: list[str]) -> float:
    """Figure height that gives every (wrapped) bar label room."""
    return max(1.8, 0.2 * line_count(labels) + 0.16 * len(labels) + 1.0)


def bars(
    frame: pd.DataFrame,
    title: str,
    unit: str,
    lang: str,
    *,
    xlabel: str = "",
    xmax: float | None = None,
) -> Figure:
    """Horizontal bars of `frame` (`label`, `value`, `text`: the figure as printed)."""
    labels = wrap_labels(frame["label"], LABEL_WIDTH)
    with chart_style():
        fig, ax = new_figure(bar_height(labels))
        positions = list(range(len(frame)))
        ax.barh(positions, frame["value"], color=PALETTE[2], height=0.65)
        ax.set_yticks(positions, labels)
        ax.invert_yaxis()
        for i, (value, text) in enumerate(zip(frame["value"], frame["text"], strict=True)):
            ax.annotate(text, (value, i), xytext=(3, 0), textcoords="offset points", va="center")
        set_title(ax, title)
        ax.set_xlabel(xlabel)
        ax.grid(axis="y", visible=False)
        if xmax is not None:
            ax.set_xlim(0, xmax)
        else:
            ax.margins(x=0.18)
        format_axis(ax, lang, unit, which="x")
    items = list(zip(frame["label"], frame["text"], strict=True))
    return set_alt(fig, describe("bars", title, items, lang))


def plot_sum(
    data: PeriodData,
    relation_id: str,
    lang: str = "vi",
    area: str | None = None,
    *,
    title: str | None = None,
) -> Figure:
    """Bar chart of the parts of a `sum` relation (e.g. funding by source), as printed."""
    relation = next(r for r in data.catalogue.relations if r.id == relation_id)
    area = area or data.province
    parts = [c for c in relation.parts if data.has(c, area)]
    figures = [printed(data, c, lang, area) for c in parts]
    frame = pd.DataFrame(
        {
            "label": [data.catalogue.label(c, lang) for c in parts],
            "value": [f.value for f in figures],
            "text": [f.text for f in figures],
        }
    )
    total = relation.total
    unit = data.catalogue[total].unit
    return bars(
        frame,
        title or data.catalogue.label(total, lang),
        unit,
        lang,
        xlabel=data.catalogue.unit_label(unit, lang),
    )


def sum_relations(data: PeriodData, prefixes: list[str]) -> list[str]:
    """Ids of the exhaustive sums observed in the given sections that have 3+ parts or are
    marked `chart: true` in the catalogue."""
    out = []
    for r in data.catalogue.relations:
        if r.kind != "sum" or not r.exhaustive:
            continue
        if len(r.parts) < 3 and not r.chart:
            continue
        total = data.catalogue[r.total]
        if in_section(total.section, prefixes) and data.has(r.total):
            out.append(r.id)
    return out


SHARES_TITLE = N_("Tỷ lệ đạt được (%)")


def plot_shares(
    data: PeriodData, prefixes: list[str], lang: str = "vi", *, title: str | None = None
) -> Figure | None:
    """Horizontal bars of every share the given sections print (ratio relations), each as
    printed (84,7% stays 84,7%); None when the sections print no share."""
    rows = []
    names = data.area_names(lang)
    for r in data.catalogue.relations:
        if r.kind != "ratio":
            continue
        pct = data.catalogue[r.percent]
        if not in_section(pct.section, prefixes):
            continue
        for area in data.values(r.percent).index:
            figure = printed(data, r.percent, lang, area)
            label = pct.label(lang)
            if area != data.province:
                label += f" — {names.get(area, '')}".rstrip(" —")
            rows.append({"label": label, "value": figure.value, "text": figure.text})
    if not rows:
        return None
    frame = pd.DataFrame(rows)
    top = max(105.0, float(frame["value"].max()) * 1.15)
    return bars(frame, title or t(lang, SHARES_TITLE), "percent", lang, xmax=top)


def _ratio_rows(data: PeriodData, prefixes: list[str], unit: str, lang: str) -> list[dict]:
    """One bar per ratio of the sections in `unit`: achieved, total and the printed text."""
    rows = []
    for r in data.catalogue.relations:
        if r.kind != "ratio" or data.catalogue[r.numerator].unit != unit:
            continue
        if not in_section(data.catalogue[r.percent].section, prefixes):
            continue
        if not (data.has(r.numerator) and data.has(r.denominator)):
            continue
        done, total = printed(data, r.numerator, lang), printed(data, r.denominator, lang)
        share = f" ({printed(data, r.percent, lang).text})" if data.has(r.percent) else ""
        rows.append(
            {
                "label": data.catalogue.label(r.denominator, lang),
                "done": done.value,
                "total": total.value,
                "text": f"{done.text}/{total.text}{share}",
            }
        )
    return rows


def plot_ratio_amounts(
    data: PeriodData,
    prefixes: list[str],
    unit: str,
    lang: str = "vi",
    *,
    title: str | None = None,
) -> Figure | None:
    """Achieved against total for every ratio of the sections whose figures are in `unit`
    (e.g. km of road hardened against km of road, by road class), with the printed share;
    None when there is none."""
    rows = _ratio_rows(data, prefixes, unit, lang)
    if not rows:
        return None
    unit_label = data.catalogue.unit_label(unit, lang)
    title = title or t(lang, "Đã đạt so với tổng ({unit})", unit=unit_label)
    frame = pd.DataFrame(rows)
    labels = wrap_labels(frame["label"], LABEL_WIDTH)
    with chart_style():
        fig, ax = new_figure(bar_height(labels) + 0.4)
        positions = list(range(len(frame)))
        ax.barh(positions, frame["total"], color=PALETTE[0], height=0.65, label=t(lang, "Tổng"))
        ax.barh(
            positions,
            frame["done"],
            color=PALETTE[4],
            height=0.65,
            label=tp(lang, "legend: the part achieved", "Đã đạt"),
        )
        ax.set_yticks(positions, labels)
        ax.invert_yaxis()
        for i, row in frame.iterrows():
            ax.annotate(
                row["text"],
                (row["total"], i),
                xytext=(3, 0),
                textcoords="offset points",
                va="center",
                fontsize=8,
            )
        set_title(ax, title)
        ax.set_xlabel(unit_label)
        ax.grid(axis="y", visible=False)
        ax.margins(x=0.45)
        format_axis(ax, lang, unit, which="x")
        fig.legend(loc="outside lower center", ncol=2, frameon=False, fontsize=8)
    items = list(zip(frame["label"], frame["text"], strict=True))
    return set_alt(fig, describe("bars", title, items, lang))
