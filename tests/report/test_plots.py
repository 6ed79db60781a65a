"""Charts: no global state, the page's number format, printed figures, unknown criteria, alt
text that survives nbconvert."""

from __future__ import annotations

import itertools
import subprocess
import sys

import matplotlib as mpl
import nbformat
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_hex
from matplotlib.text import Annotation

from ntm_analysis.report import charts
from ntm_analysis.report.charts.style import MET, NOT_MET, UNKNOWN


def _texts(fig) -> list[str]:
    return [t.get_text() for t in fig.axes[0].texts if isinstance(t, Annotation)]


@pytest.mark.heavy
def test_import_leaves_the_backend_and_rcparams_alone():
    code = (
        "import matplotlib, matplotlib as mpl\n"
        "matplotlib.use('svg')\n"
        "before = dict(mpl.rcParams)\n"
        "import ntm_analysis.report.charts\n"
        "assert matplotlib.get_backend() == 'svg', matplotlib.get_backend()\n"
        "assert dict(mpl.rcParams) == before\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


@pytest.mark.heavy
def test_importing_every_module_of_the_package_changes_no_global_state():
    code = (
        "import logging, pkgutil, importlib, warnings, matplotlib, matplotlib as mpl\n"
        "import pandas as pd\n"
        "matplotlib.use('svg')\n"
        "options = ['display.max_rows', 'display.max_columns', 'display.width', "
        "'display.float_format', 'mode.chained_assignment']\n"
        "def state():\n"
        "    return (matplotlib.get_backend(), dict(mpl.rcParams), list(warnings.filters),\n"
        "            logging.getLogger().level, list(logging.getLogger().handlers),\n"
        "            [pd.get_option(o) for o in options])\n"
        "before = state()\n"
        "import ntm_analysis\n"
        "for m in pkgutil.walk_packages(ntm_analysis.__path__, 'ntm_analysis.'):\n"
        "    importlib.import_module(m.name)\n"
        "after = state()\n"
        "for name, b, a in zip(['backend', 'rcParams', 'warnings', 'log level', 'log handlers',\n"
        "                       'pandas options'], before, after):\n"
        "    assert b == a, name\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_drawing_a_chart_changes_no_rcparams(period_data):
    before = dict(mpl.rcParams)
    charts.plot_criteria_bands(period_data, "vi")
    assert dict(mpl.rcParams) == before


def test_tick_labels_use_the_vi_number_format(period_data):
    # A.II.3: funding by source, credit 3.350.678 million VND: ticks grouped with "."
    fig = charts.plot_sum(period_data, "ntm_funding_by_source", "vi")
    FigureCanvasAgg(fig).draw()
    ticks = [t.get_text() for t in fig.axes[0].get_xticklabels() if t.get_text()]
    assert "1.000.000" in ticks
    assert not any("e" in t or "," in t for t in ticks)
    en = charts.plot_sum(period_data, "ntm_funding_by_source", "en")
    FigureCanvasAgg(en).draw()
    assert "1,000,000" in [t.get_text() for t in en.axes[0].get_xticklabels()]


def test_format_axis_years_are_never_grouped():
    from matplotlib.figure import Figure

    fig = Figure()
    ax = fig.add_subplot()
    ax.plot([2020, 2021, 2022], [1500.5, 2500, 1e6])
    charts.format_axis(ax, "vi", which="y")
    charts.format_axis(ax, "vi", unit="year", which="x")
    FigureCanvasAgg(fig).draw()
    xs = [t.get_text() for t in ax.get_xticklabels() if t.get_text()]
    ys = [t.get_text() for t in ax.get_yticklabels() if t.get_text()]
    assert "2021" in xs and not any("." in x for x in xs)
    assert "1.000.000" in ys


def test_wrap_labels_wraps_without_cutting():
    label = "Tỷ lệ xã đạt chuẩn nông thôn mới nâng cao trên địa bàn tỉnh"
    (wrapped,) = charts.wrap_labels([label], 20)
    assert wrapped.replace("\n", " ") == label
    assert max(len(line) for line in wrapped.splitlines()) <= 20


def test_shares_show_the_printed_figure_under_a_plain_title(period_data):
    # A.II.1: 72/85 communes meet 19 criteria, printed 84,7% (recomputed 84,71%)
    fig = charts.plot_shares(period_data, ["A.II.1"], "vi")
    texts = _texts(fig)
    assert "84,7%" in texts and "84,71%" not in texts
    assert fig.axes[0].get_title() == "Tỷ lệ đạt được (%)"
    # A.II.4.5: 72/85 cultural communes printed with two decimals, 84,70%
    assert "84,70%" in _texts(charts.plot_shares(period_data, ["A.II.4.5"], "vi"))


def test_district_criterion_the_source_does_not_name_is_unknown(period_data):
    # A.II.1: Châu Thành self-assesses 6/9 district criteria but names only five as met
    status = charts.district_status(period_data)
    chau_thanh = status[status["district_code"] == "847"].set_index("criterion")["met"]
    assert chau_thanh["D02"] == "unknown"
    assert (chau_thanh == "yes").sum() == 5
    # Trà Cú names its five met criteria: the four others are not met, none unknown
    tra_cu = status[status["district_code"] == "849"]
    assert set(tra_cu["met"]) == {"yes", "no"}
    fig = charts.plot_district_criteria(period_data, "vi")
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    assert legend == ["Đạt", "Chưa đạt", "Chưa rõ"]
    assert "huyện Châu Thành: 5 đạt, 3 chưa đạt, 1 chưa rõ" in charts.alt_text(fig)
    FigureCanvasAgg(fig).draw()
    ax = fig.axes[0]
    rows = [t.get_text() for t in ax.get_yticklabels()]
    assert len(rows) == 9 and ax.get_ylim() == (9, 0)  # every district labelled, first on top
    cells = ax.collections[0].get_facecolors().reshape(9, 9, 4)
    chau_thanh_cells = [to_hex(c) for c in cells[rows.index("huyện Châu Thành")]]
    assert chau_thanh_cells[1] == UNKNOWN  # D02
    assert chau_thanh_cells.count(MET) == 5 and chau_thanh_cells.count(NOT_MET) == 3


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_alt_text_is_in_the_page_language(period_data, lang):
    fig = charts.plot_ratio_amounts(period_data, ["A.II.4.1", "A.II.4.2"], "km", lang)
    alt = charts.alt_text(fig)
    # A.II.4.1: 975,82/981,87 km of commune roads hardened, 99,4%
    if lang == "vi":
        assert alt.startswith("Biểu đồ thanh ngang") and "975,82/981,87 (99,4%)" in alt
    else:
        assert alt.startswith("Horizontal bar chart") and "975.82/981.87 (99.4%)" in alt
    assert [t.get_text() for t in fig.legends[0].get_texts()] == (
        ["Tổng", "Đã đạt"] if lang == "vi" else ["Total", "Achieved"]
    )


@pytest.mark.heavy
def test_figure_output_carries_alt_text_through_nbconvert(period_data, tmp_path):
    from ntm_analysis.report.publish.run import export_html

    output = charts.figure_output(charts.plot_criteria_bands(period_data, "vi"))
    data, metadata = output._repr_mimebundle_()
    assert output.png.startswith(b"\x89PNG")
    assert metadata["image/png"]["alt"] == data["text/plain"] == output.alt
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("chart")
    cell.outputs = [
        nbformat.v4.new_output("display_data", data=data, metadata=metadata),
    ]
    nb.cells.append(cell)
    page = export_html(nb, lang="vi", with_code=False, title="Báo cáo", path=tmp_path)
    assert 'alt="Biểu đồ thanh ngang — Số xã theo số tiêu chí đạt.' in page
    assert "No description has been provided" not in page


def _all_charts(data, lang):
    figures = [
        charts.plot_criteria_bands(data, lang),
        charts.plot_criteria_attainment(data, lang),
        charts.plot_district_criteria(data, lang),
        charts.plot_ratio_amounts(data, ["A.II.4.1", "A.II.4.2"], "km", lang),
    ]
    for page in data.outline.pages:
        prefixes = list(page.refs)
        figures.append(charts.plot_shares(data, prefixes, lang))
        figures += [charts.plot_sum(data, r, lang) for r in charts.sum_relations(data, prefixes)]
    return [f for f in figures if f is not None]


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.heavy
def test_tick_labels_never_overlap_and_nothing_is_cut_off(period_data, lang):
    for fig in _all_charts(period_data, lang):
        canvas = FigureCanvasAgg(fig)
        canvas.draw()
        renderer = canvas.get_renderer()
        page = fig.bbox.padded(2)
        ax = fig.axes[0]
        low, high = sorted(ax.get_xlim())
        shown = zip(ax.get_xticks(), ax.get_xticklabels(), strict=True)
        ticks = [t for x, t in shown if low <= x <= high and t.get_text()]  # drawn ticks
        boxes = sorted((t.get_window_extent(renderer) for t in ticks), key=lambda b: b.x0)
        for left, right in itertools.pairwise(boxes):
            assert left.x1 <= right.x0, (ax.get_title(), [t.get_text() for t in ticks])
        labels = [t for t in ax.get_yticklabels() + ticks if t.get_text()] + [ax.title]
        for text in labels:
            box = text.get_window_extent(renderer)
            assert page.x0 <= box.x0 and box.x1 <= page.x1, (ax.get_title(), text.get_text())
        assert charts.alt_text(fig)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_target_progress_names_its_colours(period_data, lang):
    from ntm_analysis.outlook import outlook
    from ntm_analysis.outlook.wording import status_label

    rows = outlook(period_data, lang)
    fig = charts.plot_target_progress(rows, lang)
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    drawn = {r.status for r in rows if r.current is not None and r.direction == "at_least"}
    assert {status_label(s, lang) for s in drawn} <= set(legend)
    assert legend[-1] == (
        "Dự kiến đến 31/12/2021 (và khoảng dự báo 80%)"
        if lang == "vi"
        else "Expected by 31 December 2021 (with the 80% forecast range)"
    )
    assert charts.alt_text(fig).startswith(
        "Biểu đồ thanh ngang" if lang == "vi" else "Horizontal bar chart"
    )
