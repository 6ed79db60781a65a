"""The status of a target: from the probability of meeting it (thresholds in
`reference/outlook.yml`), or read on the period's own figures when it closes the year."""

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
DECIDED = (MET, MISSED)


def reached(value: float, target: float, direction: str) -> bool:
    """Whether `value` meets `target` (unrounded comparison)."""
    return value >= target if direction == "at_least" else value <= target


def from_probability(p_meet: float, on_track: float, at_risk: float) -> str:
    """On track from `on_track`, at risk from `at_risk`, off track below."""
    if p_meet >= on_track:
        return ON_TRACK
    return AT_RISK if p_meet >= at_risk else OFF_TRACK


@dataclass(frozen=True)
class Assessment:
    """A status read on the figures, and the change still required."""

    status: str
    required_change: float | None
    notes: tuple[Note, ...] = ()


def judge_year_end(
    current: float | None,
    target: float,
    direction: str,
    current_range: tuple[float, float] | None = None,
) -> Assessment:
    """At the close of the year: `met` or `missed` on the period's own figures, no forecast.

    An interval counts as met when every value of it meets the target and as missed when none
    does; one that straddles the target, or no figure at all, stays `unknown`.
    """
    values = (current, current) if current is not None else current_range
    if values is None:
        return Assessment(UNKNOWN, None, (wording.NOT_REPORTED,))
    change = None if current is None else target - current
    hits = [reached(v, target, direction) for v in values]
    if all(hits):
        return Assessment(MET, change)
    if not any(hits):
        return Assessment(MISSED, change)
    return Assessment(UNKNOWN, change, (wording.range_unknown(*values),))


__all__ = [
    "AT_RISK",
    "DECIDED",
    "MET",
    "MISSED",
    "OFF_TRACK",
    "ON_TRACK",
    "STATUSES",
    "UNKNOWN",
    "Assessment",
    "from_probability",
    "judge_year_end",
    "reached",
]
