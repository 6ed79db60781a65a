"""The project's chart style, applied through a context, and helpers every chart shares.

Nothing here changes matplotlib's global state: the style is an `rc_context`, figures are
made with the object API (`matplotlib.figure.Figure`, not pyplot, so no backend is needed and
no figure is left open in pyplot's registry), and no backend is selected. Kernels and the
runner choose a non-interactive backend through the `MPLBACKEND` environment variable.
"""

from __future__ import annotations

import itertools
import textwrap
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

import matplotlib as mpl
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import Formatter, MaxNLocator, ScalarFormatter

from ntm_analysis.i18n import N_, t
from ntm_analysis.text.numbers import format_number

A4_WIDTH_IN = 7.0  # printable width of an A4 page with the administrative margins, inches
# Sequential blue-green palette, light to dark (the colours of seaborn's "crest", which the
# charts used until seaborn was dropped): bars take PALETTE[2], totals behind their
# achieved part PALETTE[0] and PALETTE[4].
PALETTE = ("#7dba91", "#59a590", "#40908e", "#287a8c", "#1c6488", "#254b7f")
DPI = 100  # pixels per inch of the embedded PNGs: 700 px at A4 text width

# Colours that carry meaning (criteria matrices, achieved/total bars); a legend names them.
MET = "#4a9c6d"
NOT_MET = "#d95f5f"
UNKNOWN = "#b8b8b8"

# White background, light grey grid behind the data, no tick marks, dark grey text; sizes
# for a page read on screen and printed on A4 (font sizes as seaborn's "notebook" context
# scaled by 0.9, which the charts used until seaborn was dropped).
_GREY = ".15"
_LIGHT = ".8"
_RC: dict[str, Any] = {
    "figure.facecolor": "white",
    "axes.facecolor": "white",
    "axes.edgecolor": _LIGHT,
    "axes.linewidth": 1.25,
    "axes.grid": True,
    "axes.axisbelow": True,
    "axes.labelcolor": _GREY,
    "axes.labelsize": 10.8,
    "grid.color": _LIGHT,
    "grid.linestyle": "-",
    "grid.linewidth": 1,
    "text.color": _GREY,
    "font.family": ["sans-serif"],
    "font.sans-serif": [
        "Arial",
        "DejaVu Sans",
        "Liberation Sans",
        "Bitstream Vera Sans",
        "sans-serif",
    ],
    "xtick.color": _GREY,
    "ytick.color": _GREY,
    "xtick.direction": "out",
    "ytick.direction": "out",
    "xtick.top": False,
    "xtick.bottom": False,
    "ytick.left": False,
    "ytick.right": False,
    "xtick.labelsize": 9.9,
    "ytick.labelsize": 9.9,
    "xtick.major.width": 1.25,
    "ytick.major.width": 1.25,
    "xtick.minor.width": 1,
    "ytick.minor.width": 1,
    "xtick.major.size": 6,
    "ytick.major.size": 6,
    "xtick.minor.size": 4,
    "ytick.minor.size": 4,
    "lines.linewidth": 1.5,
    "lines.markersize": 6,
    "lines.solid_capstyle": "round",
    "patch.edgecolor": "w",
    "patch.force_edgecolor": True,
    "patch.linewidth": 1,
    "legend.fontsize": 9.9,
    "legend.title_fontsize": 10.8,
    "figure.dpi": 100,
    "savefig.bbox": "tight",
    "axes.titleweight": "bold",
    "axes.titlesize": 11,
    "font.size": 9,
}

# The status legend, translated at use.
WORDS = {
    "met": N_("Đạt"),
    "not_met": N_("Chưa đạt"),
    "unknown": N_("Chưa rõ"),
}


@contextmanager
def chart_style() -> Iterator[None]:
    """The project's one chart style, for the duration of a `with` block only.

    >>> import matplotlib as mpl
    >>> before = dict(mpl.rcParams)
    >>> with chart_style():
    ...     pass
    >>> dict(mpl.rcParams) == before
    True
    """
    with mpl.rc_context(_RC):
        yield


def apply_style() -> Any:
    """Deprecated alias of `chart_style()`: returns the context; calling it alone changes
    nothing (the style used to be set globally)."""
    return chart_style()


def new_figure(height: float, width: float = A4_WIDTH_IN) -> tuple[Figure, Axes]:
    """A figure and its axes, outside pyplot (call inside `chart_style()`)."""
    fig = Figure(figsize=(width, height), dpi=100, layout="constrained")
    return fig, fig.add_subplot()


def wrap_labels(labels: Iterable[Any], width: int = 30) -> list[str]:
    """Labels wrapped on word boundaries to lines of at most `width` characters (never cut).

    >>> wrap_labels(["Giao thông nông thôn và thủy lợi nội đồng"], 20)
    ['Giao thông nông thôn\\nvà thủy lợi nội đồng']
    """
    return [textwrap.fill(str(label), width=width, break_long_words=False) for label in labels]


TITLE_WIDTH = 40  # characters per line of a chart title at A4 width (bold, centred on the axes)


def set_title(ax: Axes, title: str) -> None:
    """The chart's title, wrapped so that it never runs off the figure."""
    ax.set_title(textwrap.fill(title, TITLE_WIDTH, break_long_words=False))


def line_count(labels: Iterable[str]) -> int:
    """Lines the (wrapped) labels take in all."""
    return sum(str(label).count("\n") + 1 for label in labels)


def _tick_decimals(step: float) -> int:
    for decimals in range(0, 4):
        if abs(step * 10**decimals - round(step * 10**decimals)) < 1e-9:
            return decimals
    return 3


class LocaleFormatter(Formatter):
    """Tick labels in the page's number format: grouped (`1.000.000`, never `1e6`), the
    decimal mark of `lang`, `%` for percentages; years (`unit="year"`) never grouped.
    Decimals follow the tick spacing (0, 0,5, 1 … shows one decimal)."""

    def __init__(self, lang: str, unit: str | None = None) -> None:
        self.lang = lang
        self.unit = unit
        self.decimals = 0

    def set_locs(self, locs: Any) -> None:
        super().set_locs(locs)
        steps = [b - a for a, b in itertools.pairwise(locs)]
        self.decimals = _tick_decimals(min(steps)) if steps else 0

    def __call__(self, x: float, pos: int | None = None) -> str:
        if self.unit == "year":
            return str(round(x))
        text = format_number(x, self.decimals, self.lang)
        return text + ("%" if self.unit == "percent" else "")


def tick_formatter(lang: str, unit: str | None = None) -> LocaleFormatter:
    """The tick formatter of `format_axis`, for axes built by hand."""
    return LocaleFormatter(lang, unit)


def format_axis(ax: Axes, lang: str, unit: str | None = None, which: str = "both") -> Axes:
    """Number the value axes of `ax` in the page's format (`which`: "x", "y" or "both").

    Categorical axes (bar labels) are left alone: only axes that show numbers are changed.
    """
    axes = {"x": [ax.xaxis], "y": [ax.yaxis], "both": [ax.xaxis, ax.yaxis]}[which]
    for axis in axes:
        if not isinstance(axis.get_major_formatter(), ScalarFormatter):
            continue
        formatter = tick_formatter(lang, unit)
        axis.set_major_formatter(formatter)
        if axis is ax.xaxis:  # long labels side by side: fewer ticks so they never overlap
            widest = max(len(formatter(v)) for v in axis.get_view_interval())
            axis.set_major_locator(
                MaxNLocator(nbins=6 if widest <= 5 else 4, steps=[1, 2, 2.5, 5, 10])
            )
    return ax


def status_legend(ax: Axes, lang: str, kinds: Iterable[str] = ("met", "not_met", "unknown")):
    """Legend naming the status colours (met, not met, unknown), below the chart."""
    colours = {"met": MET, "not_met": NOT_MET, "unknown": UNKNOWN}
    handles = [Patch(facecolor=colours[k], label=t(lang, WORDS[k])) for k in kinds]
    return ax.figure.legend(
        handles=handles, loc="outside lower center", ncol=len(handles), frameon=False, fontsize=8
    )


def set_alt(fig: Figure, alt: str) -> Figure:
    """Attach the chart's alternative text (a description in the page's language)."""
    fig.ntm_alt = alt  # type: ignore[attr-defined]
    return fig


def alt_text(fig: Figure) -> str | None:
    """The alternative text a chart function attached, if any."""
    return getattr(fig, "ntm_alt", None)
