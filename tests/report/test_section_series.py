"""The series page: the headline series as a table, its changes and its trend chart."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from ntm_analysis import load_period
from ntm_analysis.dataset.series import SERIES_COLUMNS
from ntm_analysis.report.charts.style import alt_text
from ntm_analysis.report.sections import series


def _edit(data_copy, period: str, indicator: str, value: str) -> None:
    path = data_copy / "periods" / period / "indicators.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame.loc[(frame["indicator"] == indicator) & (frame["area"] == "84"), "value"] = value
    frame.to_csv(path, index=False)


def _year_earlier_copy(data_copy) -> None:
    """periods/2020-09: a copy of 2021-09 a year earlier, without a baseline."""
    (data_copy / "periods" / "2020-09").mkdir()
    for name in ("period.yml", "indicators.csv"):
        text = (data_copy / "periods" / "2021-09" / name).read_text(encoding="utf-8")
        (data_copy / "periods" / "2020-09" / name).write_text(
            text.replace('period: "2021-09"', 'period: "2020-09"')
            .replace('baseline: "2020-12"', "")
            .replace("tháng đầu năm 2021", "tháng đầu năm 2020")
            .replace("months of 2021", "months of 2020"),
            encoding="utf-8",
        )


@pytest.mark.heavy  # a second or more
def test_changes_since_the_year_before(data_copy) -> None:
    _year_earlier_copy(data_copy)
    _edit(data_copy, "2020-09", "ntm_disbursement_pct", "40")
    data = load_period("2021-09", data_copy)
    history = series.history(data, "vi")
    assert list(history["period"].drop_duplicates()) == ["2020-09", "2021-09"]
    changes = series.change_table(history, "2021-09").set_index("indicator")
    disbursed = changes.loc["ntm_disbursement_pct"]
    assert (disbursed["year_ago_period"], disbursed["year_ago"]) == ("2020-09", 40)
    assert disbursed["change_year"] == pytest.approx(7.46)
    # 2020-09 is also the latest period before 2021-09 (2020-12 reports no headline)
    assert disbursed["previous_period"] == "2020-09"
    shown = series.change_display(changes.reset_index(), "vi")
    assert shown.index.name == "Chỉ tiêu"
    row = shown.loc["Tỷ lệ giải ngân so với vốn được phân bổ"]
    assert (row["Kỳ này"], row["Cùng kỳ năm trước"]) == ("47,46%", "40%")
    assert row["Thay đổi so cùng kỳ"] == "+7,46 điểm %"  # a share changes in points
    english = series.series_display(series.history(data, "en"), "en")
    assert list(english.columns) == ["First nine months of 2020", "First nine months of 2021"]
    assert english.loc["Disbursement rate against allocated capital"].tolist() == ["40%", "47.46%"]


def test_a_period_without_an_earlier_one_has_no_change(period_data) -> None:
    history = series.history(period_data, "vi")
    changes = series.change_table(history, "2021-09")
    assert changes["previous_period"].isna().all()
    assert changes["year_ago_period"].eq("2020-09").all()
    assert all(math.isnan(v) for v in changes["change"])
    shown = series.change_display(changes, "vi")
    assert set(shown["Thay đổi"]) == {"—"} and set(shown["Kỳ trước"]) == {"—"}
    assert shown.loc["Số tiêu chí bình quân mỗi xã", "Kỳ này"] == "18,4"


def test_a_figure_a_period_lacks_is_a_dash() -> None:
    rows = [
        ("2021-06", "6 tháng", "a", "Chỉ tiêu A", "communes", 3.0),
        ("2021-09", "9 tháng", "a", "Chỉ tiêu A", "communes", 5.0),
        ("2021-09", "9 tháng", "b", "Chỉ tiêu B", "percent", 12.5),
    ]
    history = pd.DataFrame(rows, columns=SERIES_COLUMNS)
    table = series.series_display(history, "vi")
    assert table.to_dict("index") == {
        "Chỉ tiêu A": {"6 tháng": "3", "9 tháng": "5"},
        "Chỉ tiêu B": {"6 tháng": "—", "9 tháng": "12,5%"},
    }
    changes = series.change_table(history, "2021-09").set_index("indicator")
    assert changes.at["a", "change"] == 2 and math.isnan(changes.at["b", "change"])


def test_the_trend_chart_draws_each_headline_and_says_so(period_data) -> None:
    history = series.history(period_data, "en")
    figure = series.trend_figure(history, "en")
    visible = [ax for ax in figure.axes if ax.get_visible()]
    assert [ax.get_title() for ax in visible] == list(history["label"])
    assert "Disbursement rate against allocated capital" in alt_text(figure)
    assert series.trend_figure(history.iloc[0:0], "en") is None  # nothing to draw


@pytest.mark.heavy  # a second or more
def test_only_indicators_with_two_periods_are_shown(period_data, data_copy) -> None:
    # 2021-09 alone: every headline has one point, so the page says so instead of drawing
    assert series.repeated(series.history(period_data, "vi")).empty
    assert "hai kỳ" in series.no_series("vi") and "two periods" in series.no_series("en")
    _year_earlier_copy(data_copy)
    path = data_copy / "periods" / "2020-09" / "indicators.csv"  # 2020-09 lacks this one
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame[frame["indicator"] != "ntm_disbursement_pct"].to_csv(path, index=False)
    history = series.history(load_period("2021-09", data_copy), "vi")
    kept = series.repeated(history)
    assert "ntm_disbursement_pct" in set(history["indicator"])
    assert "ntm_disbursement_pct" not in set(kept["indicator"])
    assert set(kept["period"]) == {"2020-09", "2021-09"} and not kept.empty
