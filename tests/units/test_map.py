"""The commune map: one point per commune with coordinates, a legend, outlines, labels."""

from __future__ import annotations

import io

import pandas as pd
import pytest
from matplotlib.collections import PathCollection
from matplotlib.figure import Figure
from matplotlib.patches import Polygon

from ntm_analysis.report.charts.map import band_of, commune_map, convex_hull, period_map
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
    outlines = [p for p in fig.axes[0].patches if isinstance(p, Polygon)]
    assert len(outlines) == period_data.communes["district_code"].nunique()
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


def test_convex_hull_and_bands():
    square = [(0, 0), (1, 0), (1, 1), (0, 1), (0.5, 0.5)]
    assert sorted(convex_hull(square)) == [(0, 0), (0, 1), (1, 0), (1, 1)]
    assert band_of(19, 19, 19) == 0
    assert band_of(15, 18, 19) == 1
    assert band_of(14, 16, 19) is None
    with pytest.raises(ValueError):
        commune_map(pd.DataFrame({"code": []}), pd.DataFrame(), colour_by="colour")


def test_the_map_has_alt_text_in_the_page_language(period_data):
    from ntm_analysis.report.charts import alt_text

    text = alt_text(period_map(period_data))
    assert text.startswith("Bản đồ 85 xã") and "Đạt 19/19 tiêu chí: " in text
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
