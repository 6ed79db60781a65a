"""Each kind of check: synthetic cases that must pass and cases that must be flagged."""

from __future__ import annotations

import pandas as pd
import pytest

from ntm_analysis.dataset.catalogue import Catalogue, Indicator
from ntm_analysis.dataset.relations import RELATION_MODELS, Relation
from ntm_analysis.quality.checks import (
    check_average,
    check_equal,
    check_listed,
    check_product,
    check_ratio,
    check_sum,
)
from ntm_analysis.quality.compare import CONSISTENT, DIFFERS, ROUNDING, TRUNCATED, compare
from ntm_analysis.quality.observations import Observations
from ntm_analysis.quality.printed import check_ranges, check_transcription

UNITS = {
    "n": "communes",
    "t": "communes",
    "p": "percent",
    "a": "million_vnd",
    "b": "million_vnd",
    "c": "million_vnd",
    "h": "households",
    "r": "million_vnd",
    "m": "months",
    "avg": "criteria_per_commune",
    "tot": "criteria",
    "cnt": "communes",
    "x": "households",
    "y": "households",
}


def _obs(*rows) -> Observations:
    """rows: (indicator, value, as_written[, qualifier])"""
    records = []
    for row in rows:
        code, value, written, *rest = row
        records.append(
            {
                "indicator": code,
                "area": "84",
                "value": float(value),
                "as_written": written,
                "qualifier": rest[0] if rest else "",
                "section": "A.II.1",
            }
        )
    frame = pd.DataFrame(records)
    catalogue = Catalogue(
        indicators={k: Indicator(k, "A.II.1", u, k, k) for k, u in UNITS.items()},
        relations=(),
        units={u: {"kind": "measure"} for u in ("percent", "million_vnd", "criteria_per_commune")},
    )
    return Observations(frame, catalogue)


def _rel(kind: str, **spec) -> Relation:
    """A relation as the catalogue holds it: the validated model of its kind."""
    return RELATION_MODELS[kind](id="r", kind=kind, **spec)


RATIO = _rel("ratio", numerator="n", denominator="t", percent="p")


@pytest.mark.parametrize(
    ("printed", "decimals", "computed", "verdict"),
    [
        (84.7, 1, 72 / 85 * 100, CONSISTENT),
        (84.70, 2, 72 / 85 * 100, TRUNCATED),  # 84.705… printed 84,70
        (4.93, 2, 641 / 12984 * 100, TRUNCATED),  # 4.9368… printed 4,93
        (77, 0, 10 / 13 * 100, CONSISTENT),
        (8.3, 1, 7 / 85 * 100, ROUNDING),  # 8.235…: off by one in the last place
        (9.5, 1, 7 / 85 * 100, DIFFERS),
    ],
)
def test_compare_verdicts(printed, decimals, computed, verdict):
    assert compare(printed, computed, decimals).verdict == verdict


def test_ratio_consistent_passes():
    assert check_ratio(RATIO, _obs(("n", 72, "72"), ("t", 85, "85"), ("p", 84.7, "84,7%"))) == []


def test_ratio_truncated_is_warning():
    found = check_ratio(RATIO, _obs(("n", 72, "72"), ("t", 85, "85"), ("p", 84.70, "84,70%")))
    assert [f.severity for f in found] == ["warning"]
    assert "truncated" in found[0].message_en


def test_ratio_contradiction_is_error():
    found = check_ratio(RATIO, _obs(("n", 72, "72"), ("t", 85, "85"), ("p", 80.0, "80%")))
    assert [f.severity for f in found] == ["error"]
    assert found[0].reported == 80.0 and found[0].computed == pytest.approx(84.705882, 1e-6)


def test_ratio_numerator_above_denominator_flagged():
    found = check_ratio(RATIO, _obs(("n", 90, "90"), ("t", 85, "85"), ("p", 105.9, "105,9%")))
    assert any(f.check == "range" for f in found)


SUM = _rel("sum", total="c", parts=["a", "b"], exhaustive=True)


def test_sum_exact_passes():
    assert check_sum(SUM, _obs(("c", 300, "300"), ("a", 100, "100"), ("b", 200, "200"))) == []


def test_sum_within_rounding_of_parts_is_warning():
    found = check_sum(SUM, _obs(("c", 301, "301"), ("a", 100, "100"), ("b", 200, "200")))
    assert [f.severity for f in found] == ["warning"]


def test_sum_truncated_total_is_warning():
    found = check_sum(
        SUM, _obs(("c", 2033, "2.033"), ("a", 1969.8, "1.969,8"), ("b", 64.1, "64,1"))
    )
    assert [f.severity for f in found] == ["warning"]


def test_sum_contradiction_is_error():
    found = check_sum(SUM, _obs(("c", 320, "320"), ("a", 100, "100"), ("b", 200, "200")))
    assert [f.severity for f in found] == ["error"]
    assert found[0].computed == 300


def test_sum_of_counts_allows_no_rounding():
    rel = _rel("sum", total="x", parts=["h", "y"], exhaustive=True)
    found = check_sum(rel, _obs(("x", 301, "301"), ("h", 100, "100"), ("y", 200, "200")))
    assert [f.severity for f in found] == ["error"]


def test_non_exhaustive_parts_may_be_less_but_not_more():
    rel = _rel("sum", total="c", parts=["a", "b"], exhaustive=False)
    assert check_sum(rel, _obs(("c", 500, "500"), ("a", 100, "100"), ("b", 200, "200"))) == []
    found = check_sum(rel, _obs(("c", 250, "250"), ("a", 100, "100"), ("b", 200, "200")))
    assert [f.severity for f in found] == ["error"]


def test_more_than_total_is_a_floor():
    assert (
        check_sum(SUM, _obs(("c", 300, "300", "more_than"), ("a", 100, "100"), ("b", 210, "210")))
        == []
    )


def test_average():
    rel = _rel("average", average="avg", total="tot", count="cnt")
    assert check_average(rel, _obs(("avg", 18.4, "18,4"), ("tot", 1564, ""), ("cnt", 85, ""))) == []
    found = check_average(rel, _obs(("avg", 18.4, "18,4"), ("tot", 1500, ""), ("cnt", 85, "")))
    assert [f.severity for f in found] == ["error"]


def test_equal():
    rel = _rel("equal", indicators=["p", "avg"])
    assert check_equal(rel, _obs(("p", 47.46, "47,46"), ("avg", 47.46, "47,46"))) == []
    # a restatement at lower precision that rounds to the same figure agrees
    assert check_equal(rel, _obs(("p", 47.46, "47,46"), ("avg", 47.5, "47,5"))) == []
    assert len(check_equal(rel, _obs(("p", 47.46, "47,46"), ("avg", 47.6, "47,6")))) == 1


def test_product():
    rel = _rel("product", total="r", factors=["h", "m", "a"])
    # 5.127 households x 5 months x 0,055 million VND = 1.409,9 printed 1.410 (A.II.4.4)
    ok = _obs(("r", 1410, "1.410"), ("h", 5127, "5.127"), ("m", 5, "05"), ("a", 0.055, "0,055"))
    assert check_product(rel, ok) == []
    bad = _obs(("r", 1600, "1.600"), ("h", 5127, "5.127"), ("m", 5, "05"), ("a", 0.055, "0,055"))
    assert [f.severity for f in check_product(rel, bad)] == ["error"]


def test_listed():
    rel = _rel("listed", count="n", list="named")
    lists = pd.DataFrame({"list": ["named"] * 5, "area": ["84"] * 5, "item": list("abcde")})
    assert check_listed(rel, _obs(("n", 5, "05")), lists) == []
    found = check_listed(rel, _obs(("n", 6, "6")), lists)
    assert [f.severity for f in found] == ["error"] and found[0].computed == 5


def test_transcription_and_ranges():
    found = check_transcription(_obs(("n", 72, "27")))
    assert [f.check for f in found] == ["transcription"]
    assert check_transcription(_obs(("a", 5214624.5, "5.214.624,5"))) == []
    found = check_ranges(_obs(("p", 104, "104%"), ("n", -1, "-1")))
    assert sorted(f.check for f in found) == ["range", "range"]
