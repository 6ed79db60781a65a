"""A map of the communes at their coordinates, coloured by criteria met or NTM status.

Drawn with matplotlib alone (no tile server, nothing fetched): each commune is a point at the
coordinates of its unit; districts (or, in a two-level version, provinces) are outlined by
the convex hull of their units' points and labelled at their centroid. The outlines are
approximations: the sources give points and bounding boxes, not boundaries.
The figure is a `matplotlib.figure.Figure` made with the object API (no pyplot), so a page
can embed it as PNG in HTML, Word and PDF.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Polygon

from ntm_analysis.dataset.admin_units.load import coordinates, load_units
from ntm_analysis.i18n import N_, t
from ntm_analysis.report.charts.style import A4_WIDTH_IN, DPI, chart_style, set_alt
from ntm_analysis.units.conversion import period_version
from ntm_analysis.units.words import unit_label

if TYPE_CHECKING:
    from ntm_analysis.dataset.period import PeriodData

OUTLINE = "#6b6b6b"
# Criteria bands, highest first: (lowest criteria count of the band as a share of the set's
# size is not used; bands are fixed counts below the top) -> colour
BAND_COLOURS = ["#1a7f4b", "#7cc47f", "#f2c14e", "#d95f5f"]
UNKNOWN_COLOUR = "#b8b8b8"
STATUS_COLOURS = {"recognised": "#1a7f4b", "not_recognised": "#d95f5f", "unknown": "#b8b8b8"}
# Legend, titles and alt text of the map, translated at use.
WORDS = {
    "all": N_("Đạt {n}/{n} tiêu chí"),
    "band": N_("Đạt {lo}–{hi} tiêu chí"),
    "below": N_("Dưới {hi} tiêu chí"),
    "unknown": N_("Chưa xác định"),
    "recognised": N_("Đạt chuẩn nông thôn mới"),
    "not_recognised": N_("Chưa đạt chuẩn"),
    "missing": N_("{n} xã không có tọa độ, không hiển thị"),
    "title_criteria": N_("Số tiêu chí nông thôn mới đạt theo xã"),
    "title_status": N_("Xã đạt chuẩn nông thôn mới"),
    "alt": N_("Bản đồ {n} xã theo vị trí. {title}. "),
}


def convex_hull(points: Sequence[tuple[float, float]]) -> list[tuple[float, float]]:
    """The convex hull of points, counter-clockwise (Andrew's monotone chain)."""
    unique = sorted(set(points))
    if len(unique) < 3:
        return unique

    def cross(o: tuple, a: tuple, b: tuple) -> float:
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])

    def half(items: list) -> list:
        chain: list = []
        for point in items:
            while len(chain) >= 2 and cross(chain[-2], chain[-1], point) <= 0:
                chain.pop()
            chain.append(point)
        return chain

    lower, upper = half(unique), half(unique[::-1])
    return lower[:-1] + upper[:-1]


def criteria_bands(total: int) -> list[tuple[int, int]]:
    """(low, high) bands of criteria met, highest first: all, 15–18, 10–14, 0–9 for 19."""
    return [(total, total), (total - 4, total - 1), (total - 9, total - 5), (0, total - 10)]


def band_of(low: float, high: float, total: int) -> int | None:
    """Index of the band holding the interval [low, high], None when it spans several."""
    if pd.isna(low) or pd.isna(high):
        return None
    for index, (lo, hi) in enumerate(criteria_bands(total)):
        if lo <= low and high <= hi:
            return index
    return None


def _category(communes: pd.DataFrame, colour_by: str, total: int, lang: str) -> pd.DataFrame:
    """Each commune's legend label and colour."""
    words = {key: t(lang, msgid) for key, msgid in WORDS.items()}
    if colour_by == "ntm_status":
        status = communes["ntm_status"].where(
            communes["ntm_status"].isin(list(STATUS_COLOURS)), "unknown"
        )
        labels = {k: words[k] for k in STATUS_COLOURS}
        return pd.DataFrame(
            {"label": status.map(labels), "colour": status.map(STATUS_COLOURS)},
            index=communes.index,
        )
    names = []
    for lo, hi in criteria_bands(total):
        if lo == hi:
            names.append(words["all"].format(n=total))
        elif lo == 0:
            names.append(words["below"].format(hi=hi + 1))
        else:
            names.append(words["band"].format(lo=lo, hi=hi))
    low = pd.to_numeric(communes["criteria_min"], errors="coerce")
    high = pd.to_numeric(communes["criteria_max"], errors="coerce")
    bands = [band_of(a, b, total) for a, b in zip(low, high, strict=True)]
    return pd.DataFrame(
        {
            "label": [words["unknown"] if b is None else names[b] for b in bands],
            "colour": [UNKNOWN_COLOUR if b is None else BAND_COLOURS[b] for b in bands],
        },
        index=communes.index,
    )


def _legend_order(colour_by: str, total: int, lang: str) -> list[tuple[str, str]]:
    frame = pd.DataFrame(
        {
            "criteria_min": [lo for lo, _ in criteria_bands(total)] + [0],
            "criteria_max": [hi for _, hi in criteria_bands(total)] + [total],
            "ntm_status": list(STATUS_COLOURS) + ["unknown"] * 2,
        }
    )
    table = _category(frame, colour_by, total, lang)
    return list(dict.fromkeys(zip(table["label"], table["colour"], strict=True)))


def commune_map(
    communes: pd.DataFrame,
    units: pd.DataFrame,
    colour_by: str = "criteria",
    criteria_total: int = 19,
    lang: str = "vi",
    title: str | None = None,
) -> Figure | None:
    """The communes of a period on a map.

    `communes`: the period's communes table (code, criteria_min, criteria_max, ntm_status);
    `units`: the units of the period's version (load_units), which give the coordinates and the
    outlines (all units of the communes' districts, or provinces in a two-level version).
    `colour_by`: "criteria" (bands of criteria met) or "ntm_status".
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

    with chart_style():
        fig = Figure(figsize=(A4_WIDTH_IN, A4_WIDTH_IN * 0.85), dpi=DPI)
        ax = fig.add_subplot()
        _outlines(ax, groups, points, group_column, lang)
        xy = points.loc[placed["code"]]
        colours = list(category["colour"])
        ax.scatter(
            xy["lon"], xy["lat"], c=colours, s=28, edgecolors="white", linewidths=0.5, zorder=3
        )
        counts = category["label"].value_counts()
        legend = [
            (label, colour, counts.get(label, 0))
            for label, colour in _legend_order(colour_by, criteria_total, lang)
            if counts.get(label, 0)
        ]
        ax.legend(handles=_legend_handles(legend), loc="best", frameon=True, framealpha=0.9)
        key = "title_status" if colour_by == "ntm_status" else "title_criteria"
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


def polygon_area(points: Sequence[tuple[float, float]]) -> float:
    """Area of a simple polygon (shoelace formula), in the points' units squared."""
    pairs = zip(points, list(points[1:]) + list(points[:1]), strict=True)
    return abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in pairs)) / 2


def _outlines(
    ax: Axes, units: pd.DataFrame, points: pd.DataFrame, group_column: str, lang: str
) -> None:
    """Each group's convex hull (largest first, so a city inside a district stays visible)
    and its name at the centroid of its points, under the points."""
    name_column = "district_name" if group_column == "district_code" else "province_name"
    type_column = "district_type" if group_column == "district_code" else "province_type"
    shapes = []
    for _, group in units.groupby(group_column, sort=False):
        xy = points.loc[group["unit_code"]].dropna()
        if xy.empty:
            continue
        hull = convex_hull(list(zip(xy["lon"], xy["lat"], strict=True)))
        first = group.iloc[0]
        label = unit_label(first[name_column], first[type_column], lang)
        centre = (float(xy["lon"].mean()), float(xy["lat"].mean()))
        shapes.append((polygon_area(hull) if len(hull) >= 3 else 0.0, hull, label, centre))
    for order, (_, hull, label, centre) in enumerate(sorted(shapes, key=lambda s: -s[0])):
        if len(hull) >= 3:
            ax.add_patch(
                Polygon(
                    hull,
                    closed=True,
                    facecolor="#f2f2f2",
                    alpha=0.8,
                    edgecolor=OUTLINE,
                    linewidth=0.8,
                    zorder=1 + order / 100,
                )
            )
        ax.annotate(
            label,
            centre,
            ha="center",
            va="center",
            fontsize=7,
            color="#333333",
            zorder=2.5,
            bbox={"boxstyle": "round,pad=0.2", "facecolor": "white", "alpha": 0.6, "linewidth": 0},
        )


def period_map(data: PeriodData, colour_by: str = "criteria", lang: str = "vi") -> Figure | None:
    """The map of a loaded period (PeriodData): its communes on its units version's points."""
    reference_dir = data.data_dir / "reference"
    units = load_units(reference_dir, period_version(data), data.province)
    return commune_map(
        data.communes, units, colour_by, criteria_total=data.criteria.commune_count, lang=lang
    )
