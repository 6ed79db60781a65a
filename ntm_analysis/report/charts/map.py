"""A map of the communes at their coordinates, coloured by what the communes table says.

Drawn with matplotlib alone (no tile server, nothing fetched): each commune is a point at the
coordinates of its unit, and each district's (or, in a two-level version, province's) name is
written at the middle of its communes' points. Nothing else is drawn: the sources give points,
not boundaries, so no outline is invented.

Colours follow what each commune's row establishes (`commune_classes`): all criteria met,
short of the full set, or not said (the report gives only a band that holds both). The legend
counts come from `map_counts`, the same function the section's prose uses, so the map and the
text agree. The figure is a `matplotlib.figure.Figure` made with the object API (no pyplot).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from ntm_analysis.dataset.admin_units.load import coordinates, load_units
from ntm_analysis.i18n import N_, t
from ntm_analysis.report.charts.style import A4_WIDTH_IN, DPI, chart_style, set_alt
from ntm_analysis.units.conversion import period_version
from ntm_analysis.units.words import unit_label

if TYPE_CHECKING:
    from ntm_analysis.dataset.period import PeriodData

CLASSES = ("all", "below", "unknown")  # legend order
CLASS_COLOURS = {"all": "#1a7f4b", "below": "#d95f5f", "unknown": "#b8b8b8"}
STATUS_COLOURS = {"recognised": "#1a7f4b", "not_recognised": "#d95f5f", "unknown": "#b8b8b8"}
# Legend, titles and alt text of the map, translated at use.
WORDS = {
    "all": N_("Đạt đủ {n}/{n} tiêu chí"),
    "below": N_("Chưa đạt đủ {n} tiêu chí"),
    "unknown": N_("Chưa rõ số tiêu chí"),
    "recognised": N_("Đạt chuẩn nông thôn mới"),
    "not_recognised": N_("Chưa đạt chuẩn"),
    "status_unknown": N_("Chưa xác định"),
    "missing": N_("{n} xã không có tọa độ, không hiển thị"),
    "title_criteria": N_("Số tiêu chí nông thôn mới đạt theo xã"),
    "title_status": N_("Xã đạt chuẩn nông thôn mới"),
    "alt": N_("Bản đồ {n} xã theo vị trí. {title}. "),
}


def commune_class(low: float, high: float, total: int) -> str:
    """What a commune's row says of its criteria: "all" (it meets all `total`), "below" (it
    meets fewer) or "unknown" (the band it is given holds both, or nothing is given)."""
    if pd.isna(low) or pd.isna(high):
        return "unknown"
    if low >= total:
        return "all"
    return "below" if high < total else "unknown"


def commune_classes(communes: pd.DataFrame, total: int) -> pd.Series:
    """`commune_class` of every commune of the table (indexed like it)."""
    low = pd.to_numeric(communes["criteria_min"], errors="coerce")
    high = pd.to_numeric(communes["criteria_max"], errors="coerce")
    return pd.Series(
        [commune_class(a, b, total) for a, b in zip(low, high, strict=True)],
        index=communes.index,
        dtype=object,
    )


def map_counts(data: PeriodData) -> dict[str, int]:
    """How many communes of the period fall in each class: the counts the map's legend and
    the section's prose both print."""
    classes = commune_classes(data.communes, data.criteria.commune_count)
    return {name: int((classes == name).sum()) for name in CLASSES}


def _category(communes: pd.DataFrame, colour_by: str, total: int, lang: str) -> pd.DataFrame:
    """Each commune's legend label and colour, and the legend's order."""
    if colour_by == "ntm_status":
        keys = communes["ntm_status"].where(
            communes["ntm_status"].isin(list(STATUS_COLOURS)), "unknown"
        )
        words = {
            "recognised": t(lang, WORDS["recognised"]),
            "not_recognised": t(lang, WORDS["not_recognised"]),
            "unknown": t(lang, WORDS["status_unknown"]),
        }
        colours = STATUS_COLOURS
    else:
        keys = commune_classes(communes, total)
        words = {name: t(lang, WORDS[name], n=total) for name in CLASSES}
        colours = CLASS_COLOURS
    return pd.DataFrame(
        {"key": keys, "label": keys.map(words), "colour": keys.map(colours)},
        index=communes.index,
    )


def _names(ax: Axes, units: pd.DataFrame, points: pd.DataFrame, group_column: str, lang: str):
    """Each group's name at the middle of its units' points (no outline: none is known)."""
    name_column = "district_name" if group_column == "district_code" else "province_name"
    type_column = "district_type" if group_column == "district_code" else "province_type"
    for _, group in units.groupby(group_column, sort=False):
        xy = points.loc[group["unit_code"]].dropna()
        if xy.empty:
            continue
        first = group.iloc[0]
        ax.annotate(
            unit_label(first[name_column], first[type_column], lang),
            (float(xy["lon"].mean()), float(xy["lat"].mean())),
            ha="center",
            va="center",
            fontsize=7,
            color="#333333",
            zorder=2,
            bbox={"boxstyle": "round,pad=0.2", "facecolor": "white", "alpha": 0.7, "linewidth": 0},
        )


def commune_map(
    communes: pd.DataFrame,
    units: pd.DataFrame,
    colour_by: str = "criteria",
    criteria_total: int = 19,
    lang: str = "vi",
    title: str | None = None,
) -> Figure | None:  # long: one figure, its points, legend, labels and alt text
    """The communes of a period on a map.

    `communes`: the period's communes table (code, criteria_min, criteria_max, ntm_status);
    `units`: the units of the period's version (load_units), which give the coordinates.
    `colour_by`: "criteria" (what the row says of the criteria) or "ntm_status".
    None when no commune has coordinates (a units list without them, e.g. admin_units.csv).
    """
    if colour_by not in ("criteria", "ntm_status"):
        raise ValueError(f"colour_by is 'criteria' or 'ntm_status', not {colour_by!r}")
    points = coordinates(units)
    communes = communes.assign(code=communes["code"].astype(str))
    placed = communes[communes["code"].isin(points.dropna().index)]
    missing = len(communes) - len(placed)
    if placed.empty:
        return None  # nothing to draw (the charts' convention)
    category = _category(placed, colour_by, criteria_total, lang)
    group_column = "district_code" if units["district_code"].ne("").all() else "province_code"
    groups = units[
        units[group_column].isin(units.set_index("unit_code").loc[placed["code"], group_column])
    ]
    key = "title_status" if colour_by == "ntm_status" else "title_criteria"
    with chart_style():
        fig = Figure(figsize=(A4_WIDTH_IN, A4_WIDTH_IN * 0.85), dpi=DPI)
        ax = fig.add_subplot()
        _names(ax, groups, points, group_column, lang)
        xy = points.loc[placed["code"]]
        ax.scatter(
            xy["lon"],
            xy["lat"],
            c=list(category["colour"]),
            s=28,
            edgecolors="white",
            linewidths=0.5,
            zorder=3,
        )
        legend = [
            (label, colour, n)
            for (label, colour), n in category.groupby(["label", "colour"], sort=False)
            .size()
            .items()
        ]
        legend.sort(key=lambda item: _rank(item[0], category, colour_by))
        ax.legend(handles=_legend_handles(legend), loc="best", frameon=True, framealpha=0.9)
        ax.set_title(title or t(lang, WORDS[key]))
        mean_lat = float(xy["lat"].mean()) if len(xy) else 0.0
        ax.set_aspect(1 / max(math.cos(math.radians(mean_lat)), 0.1))
        ax.set_axis_off()
        if missing:
            fig.text(0.01, 0.01, t(lang, WORDS["missing"], n=missing), fontsize=7)
        fig.tight_layout()
    parts = [f"{label}: {n}" for label, _, n in legend]
    alt = t(lang, WORDS["alt"], title=title or t(lang, WORDS[key]), n=len(placed))
    return set_alt(fig, alt + "; ".join(parts) + ".")


def _rank(label: str, category: pd.DataFrame, colour_by: str) -> int:
    """A legend entry's place: the classes' order (met, short, unknown)."""
    keys = CLASSES if colour_by == "criteria" else tuple(STATUS_COLOURS)
    key = category.loc[category["label"] == label, "key"].iloc[0]
    return keys.index(key) if key in keys else len(keys)


def _legend_handles(legend: list[tuple[str, str, int]]) -> list[Line2D]:
    """One round marker per category shown: its colour, its label and how many communes."""
    return [
        Line2D(
            [],
            [],
            marker="o",
            linestyle="",
            markersize=7,
            markerfacecolor=colour,
            markeredgecolor="white",
            label=f"{label} ({n})",
        )
        for label, colour, n in legend
    ]


def period_map(data: PeriodData, colour_by: str = "criteria", lang: str = "vi") -> Figure | None:
    """The map of a loaded period (PeriodData): its communes on its units version's points."""
    reference_dir = data.data_dir / "reference"
    units = load_units(reference_dir, period_version(data), data.province)
    return commune_map(
        data.communes, units, colour_by, criteria_total=data.criteria.commune_count, lang=lang
    )


__all__ = ["CLASSES", "commune_class", "commune_classes", "commune_map", "map_counts", "period_map"]
