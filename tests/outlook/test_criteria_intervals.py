"""Criteria intervals and scenarios on synthetic communes with known answers.

Figures are synthetic unless a comment names a report section.
"""

from __future__ import annotations

import itertools
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ntm_analysis.errors import InputError
from ntm_analysis.outlook.criteria import (
    Band,
    CommuneRange,
    feasible_totals,
    printed_range,
    total_bounds,
)
from ntm_analysis.outlook.scenarios import (
    Floor,
    RaiseBy,
    Reach,
    apply_rules,
    load_overrides,
)


def _all(ranges: list[CommuneRange]) -> frozenset[str]:
    return frozenset(r.code for r in ranges)


def test_printed_range_from_decimals():
    # "18,4" and "18,68" are the A.II.1 and C.I ways of printing; the values here are synthetic
    assert printed_range(18.4, "18,4") == (Fraction(1835, 100), Fraction(1845, 100))
    assert printed_range(18.68, "18,68") == (Fraction(18675, 1000), Fraction(18685, 1000))
    assert printed_range(7.0, "07") == (Fraction(13, 2), Fraction(15, 2))
    assert printed_range(2.5) == (Fraction(245, 100), Fraction(255, 100))


def test_total_bounds_half_open():
    # synthetic: 5 communes averaging "15,2" -> totals t with 75.75 <= t < 76.25
    assert total_bounds(printed_range(15.2, "15,2"), 5) == (76, 76)
    # synthetic: 4 communes averaging "15,5" -> 15.45*4 = 61.8 <= t < 62.2
    assert total_bounds(printed_range(15.5, "15,5"), 4) == (62, 62)


def test_every_commune_at_top_gives_the_top_average():
    ranges = [CommuneRange(str(i), 19, 19) for i in range(7)]  # synthetic: 7 communes at 19
    totals = feasible_totals(ranges, [])
    assert set(totals) == {7 * 19}
    assert min(totals) / len(ranges) == pytest.approx(19.00)


def test_interval_bounds_from_bands():
    # synthetic: 5 communes of unknown criteria; 2 at 19 and 3 at 10-14 are reported
    ranges = [CommuneRange(str(i), 10, 19) for i in range(5)]
    everyone = _all(ranges)
    bands = [
        Band("top", "p", 19, 19, 2, everyone),
        Band("low", "p", 10, 14, 3, everyone),
    ]
    totals = feasible_totals(ranges, bands)
    assert min(totals) == 2 * 19 + 3 * 10
    assert max(totals) == 2 * 19 + 3 * 14
    assert set(totals) == set(range(68, 81))


def test_sub_list_band_tightens_bounds():
    # synthetic: as above, and 2 of the 5 (a registered list) are reported at 13-14
    ranges = [CommuneRange(str(i), 10, 19) for i in range(5)]
    everyone = _all(ranges)
    listed = frozenset({"0", "1"})
    bands = [
        Band("top", "p", 19, 19, 2, everyone),
        Band("low", "p", 10, 14, 3, everyone),
        Band("listed_low", "p", 13, 14, 2, listed),
    ]
    totals = feasible_totals(ranges, bands)
    assert min(totals) == 2 * 19 + 2 * 13 + 10
    assert max(totals) == 2 * 19 + 3 * 14


def test_contradictory_bands_give_nothing():
    ranges = [CommuneRange(str(i), 19, 19) for i in range(3)]  # synthetic
    assert feasible_totals(ranges, [Band("low", "p", 10, 14, 1, _all(ranges))]) == {}


def test_gain_bounds_per_total():
    # synthetic: two communes at 12-13; a floor of 14 gains 1-2 each
    ranges = [CommuneRange("a", 12, 13), CommuneRange("b", 12, 13)]
    out = feasible_totals(ranges, [], lambda c, v: apply_rules([Floor(14)], c, v) - v)
    assert out == {24: (4, 4), 25: (3, 3), 26: (2, 2)}


def test_rules():
    assert Reach(frozenset({"a"}), 19)("a", 15) == 19  # synthetic
    assert Reach(frozenset({"a"}), 19)("b", 15) == 15
    assert Floor(14)("a", 11) == 14
    assert Floor(14)("a", 16) == 16
    assert RaiseBy(2, 19)("a", 18) == 19  # capped at the top
    assert RaiseBy(2, 19, {"a": 12})("a", 13) == 14  # 2020 value 12 + 2
    assert RaiseBy(2, 19, {"a": 12})("a", 16) == 16  # already past baseline + 2


def _brute(ranges, bands, gain):
    out: dict[int, tuple[int, int]] = {}
    for values in itertools.product(*[range(r.lo, r.hi + 1) for r in ranges]):
        ok = all(
            sum(
                1
                for r, v in zip(ranges, values, strict=True)
                if r.code in b.members and b.lo <= v <= b.hi
            )
            == b.count
            for b in bands
        )
        if not ok:
            continue
        total = sum(values)
        g = sum(gain(r.code, v) for r, v in zip(ranges, values, strict=True))
        lo, hi = out.get(total, (g, g))
        out[total] = (min(lo, g), max(hi, g))
    return out


@st.composite
def _instances(draw):
    n = draw(st.integers(1, 5))
    ranges = []
    for i in range(n):
        lo = draw(st.integers(10, 19))
        hi = draw(st.integers(lo, min(19, lo + 4)))
        ranges.append(CommuneRange(str(i), lo, hi))
    truth = [draw(st.integers(r.lo, r.hi)) for r in ranges]
    bands = []
    for _ in range(draw(st.integers(0, 3))):
        lo = draw(st.integers(10, 19))
        hi = draw(st.integers(lo, 19))
        members = frozenset(r.code for r in ranges if draw(st.booleans())) or frozenset(
            {ranges[0].code}
        )
        count = sum(
            1 for r, v in zip(ranges, truth, strict=True) if r.code in members and lo <= v <= hi
        )
        bands.append(Band("b", "p", lo, hi, count, members))
    floor = draw(st.integers(10, 19))
    return ranges, bands, truth, floor


@settings(max_examples=150, deadline=None)
@given(_instances())
def test_matches_brute_force(instance):
    ranges, bands, truth, floor = instance

    def gain(code, value):
        return apply_rules([Floor(floor)], code, value) - value

    got = feasible_totals(ranges, bands, gain)
    assert got == _brute(ranges, bands, gain)
    assert sum(truth) in got


def test_load_overrides(tmp_path):
    path = tmp_path / "overrides.csv"
    path.write_text("code,criteria\na,19\nb,17\n", encoding="utf-8")
    rule = load_overrides(path, top=19, known={"a", "b", "c"})
    assert rule("a", 12) == 19
    assert rule("c", 12) == 12
    path.write_text("code,criteria\na,20\nz,5\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_overrides(path, top=19, known={"a"})
    assert "dòng 2" in str(info.value) and "dòng 3" in str(info.value)
    assert "row 2" in info.value.render("en") and "row 3" in info.value.render("en")
