"""`Period`: a reporting period parsed once from `YYYY-MM`, with its year, month and neighbours."""

from __future__ import annotations

import doctest
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ntm_analysis.dataset import reporting_period
from ntm_analysis.dataset.paths import check_period
from ntm_analysis.dataset.reporting_period import Period
from ntm_analysis.errors import InputError, PeriodError

periods = st.builds(Period, st.integers(1900, 2200), st.integers(1, 12))


def test_parse_gives_year_month_and_name():
    period = Period.parse(" 2021-09 ")
    assert (period.year, period.month) == (2021, 9)
    assert str(period) == period.name == "2021-09"
    assert Period.parse(period) is period
    assert check_period(" 2021-09") == "2021-09"


@pytest.mark.parametrize(
    "name", ["2021-9", "2021-13", "2021-00", "21-09", "2021/09", "2021-09-30", "", "२०२१-०९"]
)
def test_a_name_that_is_no_period_is_a_clear_input_error(name):
    with pytest.raises(PeriodError) as caught:
        Period.parse(name)
    assert isinstance(caught.value, InputError)
    assert repr(name) in str(caught.value) and "YYYY-MM" in str(caught.value)


def test_a_month_outside_the_year_is_refused():
    with pytest.raises(PeriodError):
        Period(2021, 13)


def test_neighbours_cross_the_year():
    period = Period.parse("2022-03")
    assert str(period.previous()) == "2022-02"
    assert str(period.previous_quarter) == "2021-12"
    assert str(period.previous(15)) == "2020-12"
    assert str(period.same_period_last_year) == "2021-03"
    assert str(period.previous_year_end) == "2021-12"
    assert Period.year_end(2021) == Period.parse("2021-12")


def test_year_end_and_months_left():
    assert Period.parse("2021-12").closes_year and not Period.parse("2021-09").closes_year
    assert Period.parse("2021-09").months_left_in_year == 3
    assert Period.parse("2021-12").months_left_in_year == 0
    assert Period.parse("2021-09").end_of_year == date(2021, 12, 31)


@given(periods, periods)
def test_order_is_time_and_months_since_is_its_measure(a, b):
    assert (a < b) == (str(a) < str(b))
    assert a.months_since(b) == -b.months_since(a)
    assert (a.months_since(b) > 0) == (a > b)


@given(periods, st.integers(0, 400))
def test_previous_goes_back_that_many_months(period, months):
    earlier = period.previous(months)
    assert period.months_since(earlier) == months
    assert Period.parse(str(earlier)) == earlier


def test_the_module_examples_hold():
    assert doctest.testmod(reporting_period).failed == 0
