"""The regex fast path for printed figures and the Babel parser read every figure alike."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ntm_analysis.text.numbers import (
    format_number,
    natural_decimals,
    parse_plain_figure,
    parse_written,
    read_printed,
)

# A printed figure: a value formatted the Vietnamese way with 0-3 decimals, maybe a '%', or
# a count with a leading zero as reports print small counts ("07").
values = st.decimals(min_value=0, max_value=10**12, places=3, allow_nan=False)
printed = st.one_of(
    st.builds(
        lambda v, d, pct: format_number(v, d) + ("%" if pct else ""),
        values,
        st.integers(0, 3),
        st.booleans(),
    ),
    st.integers(0, 9).map(lambda n: f"0{n}"),
)


@given(printed)
def test_fast_path_and_babel_agree(text):
    fast = parse_plain_figure(text)
    assert fast is not None, text
    assert math.isclose(fast, parse_written(text, "percent"), rel_tol=0, abs_tol=0)
    assert read_printed(text, "communes") == fast


@given(st.text(alphabet="0123456789.,% ", max_size=12))
def test_fast_path_never_misreads(text):
    """Whatever the fast path accepts, Babel reads to the same value."""
    fast = parse_plain_figure(text)
    if fast is not None:
        assert fast == parse_written(text, "communes")


@pytest.mark.parametrize("text", ["130.480.000 đồng", "1,5 tỷ đồng", " 200.000 "])
def test_other_forms_go_through_babel(text):
    assert parse_plain_figure(text) is None
    assert read_printed(text, "million_vnd") == parse_written(text, "million_vnd")


@pytest.mark.parametrize(
    ("value", "decimals"), [(84.7, 1), (1212.0, 0), (1 / 3, 6), (0.125, 3), (18.68, 2)]
)
def test_natural_decimals(value, decimals):
    assert natural_decimals(value) == decimals
