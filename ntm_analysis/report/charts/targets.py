"""Progress towards the year-end targets: each target's current value as a share of it,
coloured by status (a legend names the statuses), with the year-end forecast marked (its
central estimate, and its 80 % range as a line) and the target line at 100%."""

from __future__ import annotations

from typing import Any

from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from ntm_analysis.i18n import N_, t
from ntm_analysis.outlook.wording import language, status_label, year_end
from ntm_analysis.report.charts.bars import LABEL_WIDTH, bar_height, describe
from ntm_analysis.report.charts.style import (
    chart_style,
    format_axis,
    new_figure,
    set_alt,
    set_title,
    wrap_labels,
)
from ntm_analysis.text.numbers import format_percent

STATUS_COLOUR = {
    "met": "#4a9c6d",
    "on_track": "#8cc084",
    "at_risk": "#f2d16b",
    "off_track": "#d95f5f",
    "missed": "#a23b3b",
    "unknown": "#bbbbbb",
}
CAP = 130.0  # shares above this are drawn at it (the label keeps the true share)

# Title, axis and legend of the chart, translated at use.
WORDS = {
    "title": N_("Mức đạt so với mục tiêu cuối năm"),
    "axis": N_("Mức đạt so với mục tiêu (%)"),
    "projection": N_("Dự kiến đến {when} (và khoảng dự báo 80%)"),
}


def _share(share: float, lang: str) -> str:
    """Whole percent, except just under 100 (99,6% is not 100%)."""
    return format_percent(share, 1 if 99.5 <= share < 100 else 0, lang)


def plot_target_progress(rows: list[Any], lang: str = "vi", *, title: str | None = None):
    """Bullet chart of the outlook rows (`ntm_analysis.outlook.outlook`) whose target is a
    minimum: current value as a share of the target, coloured by status, the forecast's
    central estimate marked and its 80 % range drawn; None when no row has a current value."""
    usable = [r for r in rows if r.current is not None and r.target and r.direction == "at_least"]
    if not usable:
        return None
    words = {key: t(language(lang), msgid) for key, msgid in WORDS.items()}
    labels = wrap_labels([r.label(lang) for r in usable], LABEL_WIDTH)
    shares = [r.current / r.target * 100 for r in usable]
    title = title or words["title"]
    when = year_end(usable[0].horizon.year, lang) if usable[0].horizon else ""
    with chart_style():
        fig, ax = new_figure(bar_height(labels) + 0.5)
        positions = list(range(len(usable)))
        colours = [STATUS_COLOUR.get(r.status, STATUS_COLOUR["unknown"]) for r in usable]
        ax.barh(positions, [min(s, CAP) for s in shares], color=colours, height=0.65)
        for i, row in enumerate(usable):
            end = min(shares[i], CAP)
            if row.low is not None and row.high is not None and row.low != row.high:
                low, high = (min(v / row.target * 100, CAP) for v in (row.low, row.high))
                ax.plot([low, high], [i, i], color="black", linewidth=1)
                end = max(end, high)
            if row.projected is not None:
                projected = min(row.projected / row.target * 100, CAP)
                ax.plot(projected, i, "|", color="black", ms=14)
                end = max(end, projected)
            if 90 <= end <= 100:
                end = 100  # clear of the target line
            ax.annotate(
                _share(shares[i], lang),
                (end, i),
                xytext=(4, 0),
                textcoords="offset points",
                va="center",
                fontsize=8,
            )
        ax.axvline(100, color="black", linewidth=1)
        ax.set_yticks(positions, labels)
        ax.invert_yaxis()
        ax.set_xlim(0, CAP + 12)
        ax.set_xlabel(words["axis"])
        ax.grid(axis="y", visible=False)
        set_title(ax, title)
        format_axis(ax, lang, "percent", which="x")
        handles = _legend(usable, lang, words["projection"].format(when=when))
        fig.legend(handles=handles, loc="outside lower center", ncol=3, frameon=False, fontsize=8)
    items = [
        (row.label(lang), f"{_share(share, lang)} ({status_label(row.status, lang)})")
        for row, share in zip(usable, shares, strict=True)
    ]
    return set_alt(fig, describe("bars", title, items, lang))


def _legend(rows: list[Any], lang: str, projection: str) -> list:
    """A patch per status shown, and the projection's mark."""
    statuses = [s for s in STATUS_COLOUR if any(r.status == s for r in rows)]
    handles: list = [
        Patch(facecolor=STATUS_COLOUR.get(s, STATUS_COLOUR["unknown"]), label=status_label(s, lang))
        for s in statuses
    ]
    handles.append(Line2D([], [], color="black", marker="|", ls="", ms=10, label=projection))
    return handles


__all__ = ["STATUS_COLOUR", "plot_target_progress"]
