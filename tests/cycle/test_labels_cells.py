"""Period labels and the workbook's cell-value parser."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ntm_analysis.cycle.cells import CellValueError, parse_cell, written_form
from ntm_analysis.cycle.labels import period_label
from ntm_analysis.dataset.paths import previous_period
from ntm_analysis.dataset.reporting_period import Period


@pytest.mark.parametrize(
    ("period", "vi", "en"),
    [
        ("2021-12", "Năm 2021", "Year 2021"),
        ("2022-06", "6 tháng đầu năm 2022", "First six months of 2022"),
        ("2021-09", "9 tháng đầu năm 2021", "First nine months of 2021"),
        ("2023-01", "Tháng 1 năm 2023", "January 2023"),
    ],
)
def test_label_is_derived_from_the_period(period: str, vi: str, en: str) -> None:
    assert period_label(period, "vi") == vi
    assert period_label(period, "en") == en


def test_neighbours(data_dir) -> None:
    assert previous_period(data_dir, "2021-12") == "2021-09"
    assert previous_period(data_dir, "2020-12") is None
    assert str(Period.parse("2022-09").same_period_last_year) == "2021-09"


@given(st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False))
def test_vietnamese_text_reads_back_as_the_number(number) -> None:
    text = written_form(float(number), "million_vnd", decimals=2)
    assert parse_cell(text) == pytest.approx(float(number))
    assert parse_cell(float(number)) == float(number)


@given(st.integers(min_value=0, max_value=10**12))
def test_grouped_integers(number: int) -> None:
    grouped = f"{number:,}".replace(",", ".")
    assert parse_cell(grouped) == number
    assert parse_cell(f" {grouped} ") == number


@given(st.floats(max_value=-1e-9, min_value=-1e9))
def test_negative_numbers_are_refused(number: float) -> None:
    with pytest.raises(CellValueError) as caught:
        parse_cell(number)
    assert re.search("negative", caught.value.render("en"))


@pytest.mark.parametrize("value", ["abc", "1,234.5", True, "=A1+1", "12 ha"])
def test_text_that_is_no_number_is_refused(value) -> None:
    with pytest.raises(CellValueError):
        parse_cell(value)


def test_examples() -> None:
    assert parse_cell("1.234,5") == 1234.5
    assert parse_cell("84,7%") == 84.7
    assert parse_cell(None) is None and parse_cell("  ") is None
