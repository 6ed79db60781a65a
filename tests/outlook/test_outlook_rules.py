"""The outlook's rules on synthetic cases with known answers (every figure here is made up)."""

from __future__ import annotations

import pytest

from ntm_analysis.outlook import STATUSES, judge_year_end, status_label
from ntm_analysis.outlook.kinds import (
    average_status,
    band_status,
    below_status,
    district_status,
    per_member_status,
)


@pytest.mark.parametrize(
    ("goal", "status"),
    [
        (2, "on_track"),  # synthetic: 3 awaiting recognition cover a goal of 2
        (3, "on_track"),
        (7, "at_risk"),  # needs 4 of the 6 possible communes
        (9, "at_risk"),  # needs every possible commune
        (10, "off_track"),  # needs one of the communes below the possible band
    ],
)
def test_commune_count_from_the_bands(goal, status):
    assert band_status(goal, reachable=3, possible=6) == status


@pytest.mark.parametrize(
    ("gap", "unrecognised", "short", "mid", "end"),
    [
        (0, 0, 0, "met", "met"),  # every criterion and every commune
        (0, 3, 0, "on_track", "missed"),  # only recognition votes remain
        (3, 3, 0, "at_risk", "missed"),  # district criteria to go, communes at the top
        (1, 2, 1, "off_track", "missed"),  # a commune still short of criteria
    ],
)
def test_district_judged_on_its_criteria_and_communes(gap, unrecognised, short, mid, end):
    assert district_status(gap, unrecognised, short) == (mid, end)


@pytest.mark.parametrize(
    ("high", "shortest", "status"),
    [
        (0, 0, "met"),  # the bands allow no commune below the floor
        (5, 3, "at_risk"),  # the lowest possible commune is 3 short: within a quarter's reach
        (5, 4, "at_risk"),
        (5, 6, "off_track"),  # 6 short: beyond
    ],
)
def test_no_commune_below_from_the_bands_bounds(high, shortest, status):
    assert below_status(high, 0, shortest, possible_gain=4) == status


@pytest.mark.parametrize(
    ("needed", "existing", "status"),
    [(0, 2, "met"), (3, 5, "at_risk"), (7, 5, "off_track")],
)
def test_items_per_member(needed, existing, status):
    assert per_member_status(needed, existing) == status


@pytest.mark.parametrize(
    ("verdict", "status"),
    [("certain", "at_risk"), ("possible", "at_risk"), ("not_reached", "off_track")],
)
def test_average_from_the_within_reach_scenario(verdict, status):
    assert average_status(verdict) == status


@pytest.mark.parametrize(
    ("current", "rng", "direction", "status"),
    [
        (95.0, None, "at_least", "met"),
        (94.99, None, "at_least", "missed"),  # unrounded: 94,99 does not meet 95
        (None, (0.0, 0.0), "at_most", "met"),
        (None, (1.0, 4.0), "at_most", "missed"),
        (None, (0.0, 4.0), "at_most", "unknown"),  # straddles the target
        (None, None, "at_least", "unknown"),
    ],
)
def test_year_end_reads_met_or_missed_on_the_figures(current, rng, direction, status):
    goal = 95.0 if direction == "at_least" else 0.0
    result = judge_year_end(current, goal, direction, rng)
    assert result.status == status
    assert result.projected is None and result.pace_multiple is None


def test_one_wording_per_status_in_each_language():
    for lang in ("vi", "en"):
        labels = [status_label(s, lang) for s in STATUSES]
        assert len(set(labels)) == len(STATUSES)
        assert all("_" not in label for label in labels)
    assert status_label("off_track", "vi") == "Khó đạt"
    assert status_label("missed", "en") == "Missed"
    with pytest.raises(ValueError, match="unknown status"):
        status_label("late", "vi")
