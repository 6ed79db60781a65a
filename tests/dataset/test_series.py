"""The headline series: every period of a data folder read into one long table."""

from __future__ import annotations

import pytest

from ntm_analysis.dataset.series import SERIES_COLUMNS, headline_series
from ntm_analysis.errors import PeriodError


def test_the_shipped_series_holds_the_headlines_each_period_reports(data_dir, period_data):
    series = headline_series(data_dir, "vi")
    assert list(series.columns) == SERIES_COLUMNS
    # 2020-12 (the baseline) reports none of the headlines at province level; 2021-09 all
    reported = [c for c in period_data.catalogue.headlines if period_data.has(c)]
    assert set(series["period"]) == {"2021-09"}
    assert list(series["indicator"]) == reported  # in the catalogue's order
    row = series.set_index("indicator").loc["criteria_avg_per_commune"]
    unit = period_data.catalogue["criteria_avg_per_commune"].unit
    assert (row["value"], row["unit"]) == (18.4, unit)
    assert row["period_label"] == "9 tháng đầu năm 2021"
    assert row["label"] == period_data.catalogue.label("criteria_avg_per_commune", "vi")
    english = headline_series(data_dir, "en")
    assert set(english["period_label"]) == {"First nine months of 2021"}


def test_periods_after_until_and_folders_without_figures_are_left_out(data_copy):
    assert headline_series(data_copy, until="2021-06").empty
    (data_copy / "periods" / "2022-03").mkdir()  # a folder not yet filled
    assert set(headline_series(data_copy)["period"]) == {"2021-09"}


def test_a_bad_until_is_a_period_error(data_dir):
    with pytest.raises(PeriodError, match="2021-13"):
        headline_series(data_dir, until="2021-13")
