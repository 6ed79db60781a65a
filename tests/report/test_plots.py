"""Charts: no global state, the page's number format, printed figures, unknown criteria, alt
text that survives nbconvert."""

from __future__ import annotations

import subprocess
import sys

import matplotlib as mpl
import nbformat
import pytest
from matplotlib.text import Annotation

from ntm_analysis.report import plots


def _texts(fig) -> list[str]:
    return [t.get_text() for t in fig.axes[0].texts if isinstance(t, Annotation)]


def test_import_leaves_the_backend_and_rcparams_alone():
    code = (
        "import matplotlib, matplotlib as mpl\n"
        "matplotlib.use('svg')\n"
        "before = dict(mpl.rcParams)\n"
        "import ntm_analysis.report.plots, ntm_analysis.report.charts\n"
        "assert matplotlib.get_backend() == 'svg', matplotlib.get_backend()\n"
        "assert dict(mpl.rcParams) == before\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_drawing_a_chart_changes_no_rcparams(period_data):
    before = dict(mpl.rcParams)
    plots.plot_criteria_bands(period_data, "vi")
    assert dict(mpl.rcParams) == before


def test_tick_labels_use_the_vi_number_format(period_data):
    # A.II.3: funding by source, credit 3.350.678 million VND: ticks grouped with "."
    fig = plots.plot_sum(period_data, "ntm_funding_by_source", "vi")
    fig.canvas.draw()
    ticks = [t.get_text() for t in fig.axes[0].get_xticklabels() if t.get_text()]
    assert "1.000.000" in ticks
    assert not any("e" in t or "," in t for t in ticks)
    en = plots.plot_sum(period_data, "ntm_funding_by_source", "en")
    en.canvas.draw()
    assert "1,000,000" in [t.get_text() for t in en.axes[0].get_xticklabels()]


def test_format_axis_years_are_never_grouped():
    from matplotlib.figure import Figure

    fig = Figure()
    ax = fig.add_subplot()
    ax.plot([2020, 2021, 2022], [1500.5, 2500, 1e6])
    plots.format_axis(ax, "vi", which="y")
    plots.format_axis(ax, "vi", unit="year", which="x")
    fig.canvas.draw()
    xs = [t.get_text() for t in ax.get_xticklabels() if t.get_text()]
    ys = [t.get_text() for t in ax.get_yticklabels() if t.get_text()]
    assert "2021" in xs and not any("." in x for x in xs)
    assert "1.000.000" in ys


def test_wrap_labels_wraps_without_cutting():
    label = "Tỷ lệ xã đạt chuẩn nông thôn mới nâng cao trên địa bàn tỉnh"
    (wrapped,) = plots.wrap_labels([label], 20)
    assert wrapped.replace("\n", " ") == label
    assert max(len(line) for line in wrapped.splitlines()) <= 20


def test_shares_show_the_printed_figure_under_a_plain_title(period_data):
    # A.II.1: 72/85 communes meet 19 criteria, printed 84,7% (recomputed 84,71%)
    fig = plots.plot_shares(period_data, ["A.II.1"], "vi")
    texts = _texts(fig)
    assert "84,7%" in texts and "84,71%" not in texts
    assert fig.axes[0].get_title() == "Tỷ lệ đạt được (%)"
    # A.II.4.5: 72/85 cultural communes printed with two decimals, 84,70%
    assert "84,70%" in _texts(plots.plot_shares(period_data, ["A.II.4.5"], "vi"))


def test_district_criterion_the_source_does_not_name_is_unknown(period_data):
    # A.II.1: Châu Thành self-assesses 6/9 district criteria but names only five as met
    status = plots.district_status(period_data)
    chau_thanh = status[status["district_code"] == "847"].set_index("criterion")["met"]
    assert chau_thanh["D02"] == "unknown"
    assert (chau_thanh == "yes").sum() == 5
    # Trà Cú names its five met criteria: the four others are not met, none unknown
    tra_cu = status[status["district_code"] == "849"]
    assert set(tra_cu["met"]) == {"yes", "no"}
    fig = plots.plot_district_criteria(period_data, "vi")
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    assert legend == ["Đạt", "Chưa đạt", "Chưa rõ"]
    assert "huyện Châu Thành: 5 đạt, 3 chưa đạt, 1 chưa rõ" in plots.alt_text(fig)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_alt_text_is_in_the_page_language(period_data, lang):
    fig = plots.plot_ratio_amounts(period_data, ["A.II.4.1", "A.II.4.2"], "km", lang)
    alt = plots.alt_text(fig)
    # A.II.4.1: 975,82/981,87 km of commune roads hardened, 99,4%
    if lang == "vi":
        assert alt.startswith("Biểu đồ thanh ngang") and "975,82/981,87 (99,4%)" in alt
    else:
        assert alt.startswith("Horizontal bar chart") and "975.82/981.87 (99.4%)" in alt
    assert [t.get_text() for t in fig.legends[0].get_texts()] == (
        ["Tổng", "Đã đạt"] if lang == "vi" else ["Total", "Achieved"]
    )


def test_figure_output_carries_alt_text_through_nbconvert(period_data):
    from nbconvert import HTMLExporter

    from ntm_analysis.report.run.pages import HTML_TEMPLATE, TEMPLATES_DIR

    output = plots.figure_output(plots.plot_criteria_bands(period_data, "vi"))
    data, metadata = output._repr_mimebundle_()
    assert output.png.startswith(b"\x89PNG")
    assert metadata["image/png"]["alt"] == data["text/plain"] == output.alt
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("chart")
    cell.outputs = [
        nbformat.v4.new_output("display_data", data=data, metadata=metadata),
    ]
    nb.cells.append(cell)
    exporter = HTMLExporter(
        template_name=HTML_TEMPLATE, extra_template_basedirs=[str(TEMPLATES_DIR)]
    )
    page, _ = exporter.from_notebook_node(nb)
    assert 'alt="Biểu đồ thanh ngang — Số xã theo số tiêu chí đạt.' in page
    assert "No description has been provided" not in page
