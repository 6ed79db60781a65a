"""Run-rate projection, required pace and status on synthetic figures with known answers.

Every figure in this file is synthetic (made up for the test), not from the report.
"""

from __future__ import annotations

import pytest

from ntm_analysis.outlook.status import (
    AT_RISK,
    AT_RISK_MULTIPLE,
    MET,
    NO_BASELINE,
    OFF_TRACK,
    ON_TRACK,
    UNKNOWN,
    assess,
)


def test_already_met_is_met_without_projection():
    result = assess(95.0, 93.0, "at_least", baseline=None, months_elapsed=9, months_remaining=3)
    assert result.status == MET
    assert result.required_change == pytest.approx(-2.0)  # synthetic: 93 - 95
    assert result.projected is None


def test_met_on_unrounded_values():
    # synthetic: 92.995 prints as 93,0 but does not meet 93
    result = assess(92.995, 93.0, "at_least", 90.0, 9, 3)
    assert result.status != MET


def test_required_pace_by_hand():
    # synthetic: baseline 10, current 40 after 9 months, target 100 with 3 months left
    result = assess(40.0, 100.0, "at_least", 10.0, 9, 3)
    assert result.pace_observed == pytest.approx(30 / 9)  # (40 - 10) / 9 per month
    assert result.pace_required == pytest.approx(20.0)  # (100 - 40) / 3 per month
    assert result.pace_multiple == pytest.approx(6.0)  # 20 / (30 / 9)
    assert result.projected == pytest.approx(50.0)  # 40 + 30 / 9 * 3
    assert result.status == OFF_TRACK


@pytest.mark.parametrize(
    ("current", "status"),
    [
        (78.0, ON_TRACK),  # synthetic: 78 + 78 / 9 * 3 = 104 >= 100
        (63.0, AT_RISK),  # synthetic: needs 37 / 3 = 12.33 a month, 1.76x the 7 so far
        (54.0, OFF_TRACK),  # synthetic: needs 46 / 3 = 15.33 a month, 2.56x the 6 so far
    ],
)
def test_status_thresholds(current, status):
    result = assess(current, 100.0, "at_least", 0.0, 9, 3)
    assert result.status == status
    if status == AT_RISK:
        assert 1 < result.pace_multiple <= AT_RISK_MULTIPLE


def test_at_most_direction():
    # synthetic: 10 communes below the floor at baseline, 6 now, target 0
    result = assess(6.0, 0.0, "at_most", 10.0, 9, 3)
    assert result.required_change == pytest.approx(-6.0)  # 0 - 6
    assert result.projected == pytest.approx(6 - 4 / 9 * 3)
    assert result.pace_multiple == pytest.approx((6 / 3) / (4 / 9))  # 4.5
    assert result.status == OFF_TRACK


def test_no_progress_is_off_track_without_a_multiple():
    result = assess(50.0, 100.0, "at_least", 50.0, 9, 3)  # synthetic: flat since baseline
    assert result.status == OFF_TRACK
    assert result.pace_multiple is None


def test_no_baseline_projects_nothing_and_invents_no_status():
    result = assess(18.4, 18.68, "at_least", None, 9, 3)  # synthetic values
    assert result.projected is None
    assert result.pace_multiple is None
    assert result.status == UNKNOWN
    assert NO_BASELINE in result.notes


def test_unknown_current_with_range():
    # synthetic: between 0 and 6 communes, target at most 0
    assert assess(None, 0.0, "at_most", None, 9, 3, (0.0, 6.0)).status == UNKNOWN
    # synthetic: between 3 and 4, target at least 2: met whatever the exact value
    assert assess(None, 2.0, "at_least", None, 9, 3, (3.0, 4.0)).status == MET
    assert assess(None, 2.0, "at_least", None, 9, 3).status == UNKNOWN
