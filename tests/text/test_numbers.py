import re
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ntm_analysis.text.numbers import (
    VietnameseNumberError,
    decimals_of,
    format_number,
    format_percent,
    parse_vn_number,
    round_half_up,
    truncate,
)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("5.214.624,5", 5214624.5),  # A.II.3 total funding
        ("1.212", 1212.0),  # A.II.4.3 land conversion (ha)
        ("84,7%", 84.7),
        ("07", 7.0),
        ("0,8", 0.8),
        (" 200.000 ", 200000.0),
        ("-3,5", -3.5),
    ],
)
def test_parse_vietnamese_numbers(text, value):
    assert parse_vn_number(text) == value


@pytest.mark.parametrize("text", ["1.5", "1.2345", "12.34.5", "abc", "", "%", "1,2,3"])
def test_parse_rejects_malformed(text):
    with pytest.raises(VietnameseNumberError):
        parse_vn_number(text)


def test_ambiguous_comma_is_decimal():
    # Vietnamese convention: "1,212" is one point two one two, not one thousand.
    assert parse_vn_number("1,212") == pytest.approx(1.212)


def test_rounding_is_half_up():
    assert round_half_up(0.125, 2) == Decimal("0.13")
    assert round_half_up(2.5, 0) == Decimal("3")
    assert truncate(84.7058, 2) == Decimal("84.70")


def test_format_vi_and_en():
    assert format_number(5214624.5, 1) == "5.214.624,5"
    assert format_number(5214624.5, 1, lang="en") == "5,214,624.5"
    assert format_percent(84.70588, 1) == "84,7%"
    assert format_percent(47.4595, 2) == "47,46%"
    assert format_percent(92.125, 2) == "92,13%"  # half-up, not Babel's half-even


def test_decimals_of():
    assert decimals_of("84,7%") == 1
    assert decimals_of("1.212") == 0
    assert decimals_of("47,46") == 2


@given(
    st.decimals(
        min_value=-(10**12), max_value=10**12, places=3, allow_nan=False, allow_infinity=False
    ),
    st.integers(min_value=0, max_value=3),
)
def test_format_parse_round_trip(value, decimals):
    text = format_number(value, decimals, lang="vi")
    assert Decimal(str(parse_vn_number(text))) == round_half_up(value, decimals)


@given(st.integers(min_value=0, max_value=10**15))
def test_integers_round_trip(value):
    assert parse_vn_number(format_number(value)) == value


def test_display_decimals_follow_the_print_unless_it_carries_a_currency_word():
    from ntm_analysis.text.numbers import display_decimals, parse_written

    assert display_decimals("47,46%") == 2
    assert display_decimals("") is None
    # A.II.4.4: "130.480.000 đồng" is 130,48 million VND: shown with its own decimals
    assert display_decimals("130.480.000 đồng") is None
    assert parse_written("130.480.000 đồng", "million_vnd") == pytest.approx(130.48)
    assert parse_written("55.000đ", "million_vnd_per_household_month") == pytest.approx(0.055)


# --------------------------------------------------------------- strict parsing (issue 13)

_NON_ASCII_DIGITS = st.characters(categories=["Nd"]).filter(lambda c: not c.isascii())


@given(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e15, max_value=1e15))
def test_machine_numbers_round_trip(value):
    from ntm_analysis.text.numbers import parse_machine_number

    assert parse_machine_number(repr(value)) == value


@given(st.floats().filter(lambda v: not abs(v) <= 1e15))
def test_machine_numbers_refuse_non_finite_and_huge(value):
    from ntm_analysis.text.numbers import parse_machine_number

    with pytest.raises(VietnameseNumberError):
        parse_machine_number(repr(value))


@given(st.text(min_size=1, max_size=12), st.sampled_from(["_", "nan", "inf"]))
def test_underscores_and_words_are_never_numbers(text, poison):
    from ntm_analysis.text.numbers import parse_machine_number, parse_whole_number

    for parse in (parse_machine_number, parse_whole_number, parse_vn_number):
        with pytest.raises(VietnameseNumberError):
            parse(text[: len(text) // 2] + poison + text[len(text) // 2 :])


@given(st.integers(min_value=0, max_value=10**6), _NON_ASCII_DIGITS, st.integers(0, 6))
def test_non_ascii_digits_are_refused(value, digit, position):
    from ntm_analysis.text.numbers import parse_machine_number, parse_whole_number

    text = str(value)
    text = text[:position] + digit + text[position:]
    for parse in (parse_machine_number, parse_whole_number, parse_vn_number):
        with pytest.raises(VietnameseNumberError):
            parse(text)


@given(st.integers(min_value=-(10**9) + 1, max_value=10**9 - 1))
def test_whole_numbers_round_trip(value):
    from ntm_analysis.text.numbers import parse_whole_number

    assert parse_whole_number(str(value)) == value
    assert parse_whole_number(f" {value} ") == value


@given(st.integers(min_value=10**9))
def test_whole_numbers_refuse_huge(value):
    from ntm_analysis.text.numbers import parse_whole_number

    with pytest.raises(VietnameseNumberError) as caught:
        parse_whole_number(str(value))
    assert re.search("too large", caught.value.render("en"))


@given(st.integers(min_value=10**15 + 1, max_value=10**40))
def test_printed_figures_beyond_the_limit_are_refused(value):
    with pytest.raises(VietnameseNumberError) as caught:
        parse_vn_number(format_number(value))
    assert re.search("10\\^15", caught.value.render("en"))
