"""The commune map: one point per commune with coordinates, a legend whose counts are the
prose's, names of districts and no invented outline."""

from __future__ import annotations

import io

import pandas as pd
import pytest
from matplotlib.collections import PathCollection
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from ntm_analysis.report.charts.map import commune_class, commune_map, map_counts, period_map
from ntm_analysis.units import load_units


def _points(fig: Figure) -> int:
    ax = fig.axes[0]
    return sum(len(c.get_offsets()) for c in ax.collections if isinstance(c, PathCollection))


def test_one_point_per_commune_with_coordinates_and_a_legend(period_data):
    fig = period_map(period_data)
    units = load_units(period_data.data_dir / "reference", None, "84").set_index("unit_code")
    placed = units.loc[period_data.communes["code"], "lat"].ne("").sum()
    assert _points(fig) == placed == len(period_data.communes)
    legend = fig.axes[0].get_legend()
    assert legend is not None
    texts = [t.get_text() for t in legend.get_texts()]
    assert sum(int(t.rsplit("(", 1)[1].rstrip(")")) for t in texts) == placed
    assert not [p for p in fig.axes[0].patches if isinstance(p, Patch)]  # no outline drawn
    labels = {t.get_text() for t in fig.axes[0].texts}
    assert "huyện Càng Long" in labels


def test_ntm_status_colouring_and_english(period_data):
    fig = period_map(period_data, colour_by="ntm_status", lang="en")
    texts = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert any(t.startswith("Recognised NTM") for t in texts)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    assert buffer.getvalue().startswith(b"\x89PNG")


def test_communes_without_coordinates_are_counted_not_drawn(data_dir):
    units = load_units(data_dir / "reference", "2021", "84")
    units.loc[units["unit_code"] == "29245", ["lat", "lon"]] = ""
    communes = pd.DataFrame(
        {
            "code": ["29245", "29236"],
            "criteria_min": ["19", "10"],
            "criteria_max": ["19", "19"],
            "ntm_status": ["recognised", "unknown"],
        }
    )
    fig = commune_map(communes, units)
    assert _points(fig) == 1
    assert any("không có tọa độ" in t.get_text() for t in fig.texts)


def test_two_level_units_are_grouped_by_province(data_dir):
    units = load_units(data_dir / "reference", "2025-07-01", "86")
    communes = pd.DataFrame(
        {
            "code": units["unit_code"],
            "criteria_min": "19",
            "criteria_max": "19",
            "ntm_status": "recognised",
        }
    )
    fig = commune_map(communes, units)
    assert _points(fig) == len(units)
    assert {t.get_text() for t in fig.axes[0].texts} == {"tỉnh Vĩnh Long"}


def test_what_a_row_says_of_its_criteria():
    assert commune_class(19, 19, 19) == "all"
    assert commune_class(13, 18, 19) == "below"  # a band below the set: short, not unknown
    assert commune_class(10, 19, 19) == "unknown"  # a band holding both
    assert commune_class(float("nan"), 19, 19) == "unknown"
    with pytest.raises(ValueError):
        commune_map(pd.DataFrame({"code": []}), pd.DataFrame(), colour_by="colour")


def test_the_map_has_alt_text_in_the_page_language(period_data):
    from ntm_analysis.report.charts import alt_text

    text = alt_text(period_map(period_data))
    assert text.startswith("Bản đồ 85 xã") and "Đạt đủ 19/19 tiêu chí: " in text
    assert alt_text(period_map(period_data, lang="en")).startswith("Map of 85 communes")


def test_no_coordinates_no_figure(data_dir):
    units = load_units(data_dir / "reference", "2021", "84").assign(lat="", lon="")
    communes = pd.DataFrame(
        {
            "code": ["29236"],
            "criteria_min": ["19"],
            "criteria_max": ["19"],
            "ntm_status": ["recognised"],
        }
    )
    assert commune_map(communes, units) is None


def _legend_counts(fig: Figure) -> list[int]:
    texts = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    return [int(t.rsplit("(", 1)[1].rstrip(")")) for t in texts]


def _prose_counts(data) -> list[int]:
    import re

    from ntm_analysis.report.sections import a2_1
    from ntm_analysis.report.sections.prose import render

    text = render(a2_1.context(data, "vi"))
    line = next(line for line in text.splitlines() if line.startswith("Theo bảng từng xã"))
    return [int(n) for n in re.findall(r"(\d+) xã", line)]


def test_legend_counts_are_the_texts(period_data):
    """A.II.1, 2021-09: the prose's communes by what their rows say (60 meeting all 19, 8
    short of it, 17 without their own count) are the legend's."""
    counts = map_counts(period_data)
    assert counts == {"all": 60, "below": 8, "unknown": 17}
    assert _legend_counts(period_map(period_data)) == _prose_counts(period_data) == [60, 8, 17]


@pytest.mark.heavy
def test_legend_counts_are_the_texts_in_a_period_made_by_the_cycle(
    data_copy, tmp_path, period_data
):
    """new-period, the input workbook filled as a clerk would (a commune's criteria raised)
    and imported: the map and the prose of the new period agree."""
    from ntm_analysis import load_period
    from ntm_analysis.cycle.context import load_context
    from ntm_analysis.cycle.importer import import_workbooks
    from ntm_analysis.cycle.scaffold import new_period_from
    from ntm_analysis.cycle.workbook import write_workbook
    from tests.cycle.clerk import fill_workbook

    new_period_from(data_copy, "2021-12", "2021-09")
    workbook = tmp_path / "nhap.xlsx"
    write_workbook(load_context("2021-12", data_copy), workbook, None)
    fill_workbook(workbook, period_data)
    import_workbooks("2021-12", [workbook], data_copy)
    data = load_period("2021-12", data_copy)
    counts = map_counts(data)
    assert sum(counts.values()) == len(data.communes)
    legend = _legend_counts(period_map(data))
    assert legend == _prose_counts(data) == [n for n in counts.values() if n]
