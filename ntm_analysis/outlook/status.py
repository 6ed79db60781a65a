"""Run-rate projection, required pace and the status of a target (see ASSUMPTIONS.md)."""

from __future__ import annotations

from dataclasses import dataclass

from ntm_analysis.outlook import wording
from ntm_analysis.outlook.wording import Note

MET = "met"
ON_TRACK = "on_track"
AT_RISK = "at_risk"
OFF_TRACK = "off_track"
MISSED = "missed"
UNKNOWN = "unknown"
STATUSES = (MET, ON_TRACK, AT_RISK, OFF_TRACK, MISSED, UNKNOWN)

# A target not on track is `at_risk` while the pace it needs is at most this multiple of the
# pace observed since the baseline; beyond it, `off_track`.
AT_RISK_MULTIPLE = 2.0

NO_BASELINE = wording.NO_BASELINE


def reached(value: float, target: float, direction: str) -> bool:
    """Whether `value` meets `target` (unrounded comparison)."""
    return value >= target if direction == "at_least" else value <= target


@dataclass(frozen=True)
class Assessment:
    """Projection, paces and status of one target."""

    status: str
    required_change: float | None
    projected: float | None
    pace_observed: float | None
    pace_required: float | None
    pace_multiple: float | None
    notes: tuple[Note, ...] = ()


def _plain(status: str, change: float | None = None, *notes: Note) -> Assessment:
    return Assessment(status, change, None, None, None, None, notes)


def assess(
    current: float | None,
    target: float,
    direction: str,
    baseline: float | None,
    months_elapsed: int,
    months_remaining: int,
    current_range: tuple[float, float] | None = None,
) -> Assessment:
    """Judge a target from its current value, baseline and the months elapsed and remaining.

    `current_range` stands in for an unknown `current` (an interval of possible values): the
    target is `met` only when every value of it meets the target, else `unknown`.
    """
    if current is None:
        if current_range is not None and all(reached(v, target, direction) for v in current_range):
            return _plain(MET)
        why = wording.range_unknown(*current_range) if current_range else wording.NOT_REPORTED
        return _plain(UNKNOWN, None, why)
    change = target - current
    if reached(current, target, direction):
        return _plain(MET, change)
    if baseline is None:
        return _plain(UNKNOWN, change, wording.NO_BASELINE)
    if months_elapsed <= 0:
        return _plain(UNKNOWN, change, wording.NO_MONTHS)
    observed = (current - baseline) / months_elapsed
    projected = current + observed * months_remaining
    if months_remaining <= 0:
        return Assessment(OFF_TRACK, change, projected, observed, None, None, (wording.NO_TIME,))
    required = change / months_remaining
    sign = 1.0 if direction == "at_least" else -1.0
    if sign * observed <= 0:
        notes = (wording.NO_PROGRESS,)
        return Assessment(OFF_TRACK, change, projected, observed, required, None, notes)
    multiple = required / observed
    if reached(projected, target, direction):
        status = ON_TRACK
    elif multiple <= AT_RISK_MULTIPLE:
        status = AT_RISK
    else:
        status = OFF_TRACK
    return Assessment(status, change, projected, observed, required, multiple)


def judge_year_end(
    current: float | None,
    target: float,
    direction: str,
    current_range: tuple[float, float] | None = None,
) -> Assessment:
    """At the close of the year: `met` or `missed` on the period's own figures, no projection.

    An interval counts as met when every value of it meets the target and as missed when none
    does; one that straddles the target, or no figure at all, stays `unknown`.
    """
    values = (current, current) if current is not None else current_range
    if values is None:
        return _plain(UNKNOWN, None, wording.NOT_REPORTED)
    change = None if current is None else target - current
    hits = [reached(v, target, direction) for v in values]
    if all(hits):
        return _plain(MET, change)
    if not any(hits):
        return _plain(MISSED, change)
    return _plain(UNKNOWN, change, wording.range_unknown(*values))
