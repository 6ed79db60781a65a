"""Charts of the report: printed figures, one style applied through a context, the page's
number format on the axes, alt text in the page's language.

Importing this package changes no global state (no backend is selected, no rcParams set).
Chart functions return a `matplotlib.figure.Figure` (or None when there is nothing to draw);
`figure_output(fig)` turns one into a notebook output with its alt text.
"""

from ntm_analysis.report.charts.bars import (
    plot_ratio_amounts,
    plot_shares,
    plot_sum,
    printed,
    sum_relations,
)
from ntm_analysis.report.charts.criteria import (
    criteria_attainment,
    district_status,
    plot_commune_criteria,
    plot_criteria_attainment,
    plot_criteria_bands,
    plot_district_criteria,
)
from ntm_analysis.report.charts.output import ChartOutput, figure_output, figure_png
from ntm_analysis.report.charts.style import (
    A4_WIDTH_IN,
    PALETTE,
    alt_text,
    apply_style,
    chart_style,
    format_axis,
    new_figure,
    set_alt,
    status_legend,
    tick_formatter,
    wrap_labels,
)
from ntm_analysis.report.charts.targets import STATUS_COLOUR, plot_target_progress

__all__ = [
    "A4_WIDTH_IN",
    "PALETTE",
    "STATUS_COLOUR",
    "ChartOutput",
    "alt_text",
    "apply_style",
    "chart_style",
    "criteria_attainment",
    "district_status",
    "figure_output",
    "figure_png",
    "format_axis",
    "new_figure",
    "plot_commune_criteria",
    "plot_criteria_attainment",
    "plot_criteria_bands",
    "plot_district_criteria",
    "plot_ratio_amounts",
    "plot_shares",
    "plot_sum",
    "plot_target_progress",
    "printed",
    "set_alt",
    "status_legend",
    "sum_relations",
    "tick_formatter",
    "wrap_labels",
]
