"""Run-rate projection, required pace and the status of a target (see ASSUMPTIONS.md)."""

from __future__ import annotations

from dataclasses import dataclass

MET = "met"
ON_TRACK = "on_track"
AT_RISK = "at_risk"
OFF_TRACK = "off_track"
UNKNOWN = "unknown"
STATUSES = (MET, ON_TRACK, AT_RISK, OFF_TRACK, UNKNOWN)

# A target not on track is `at_risk` while the pace it needs is at most this multiple of the
# pace observed since the baseline; beyond it, `off_track`.
AT_RISK_MULTIPLE = 2.0

NO_BASELINE = "no baseline: cannot project"


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
    notes: tuple[str, ...] = ()


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
            return Assessment(MET, None, None, None, None, None)
        why = "current value unknown" + (
            f" (between {current_range[0]:g} and {current_range[1]:g})" if current_range else ""
        )
        return Assessment(UNKNOWN, None, None, None, None, None, (why,))
    change = target - current
    if reached(current, target, direction):
        return Assessment(MET, change, None, None, None, None)
    if baseline is None:
        return Assessment(UNKNOWN, change, None, None, None, None, (NO_BASELINE,))
    if months_elapsed <= 0:
        return Assessment(
            UNKNOWN, change, None, None, None, None, ("no months elapsed since the baseline",)
        )
    observed = (current - baseline) / months_elapsed
    projected = current + observed * months_remaining
    if months_remaining <= 0:
        return Assessment(OFF_TRACK, change, projected, observed, None, None, ("no time left",))
    required = change / months_remaining
    sign = 1.0 if direction == "at_least" else -1.0
    if sign * observed <= 0:
        return Assessment(
            OFF_TRACK,
            change,
            projected,
            observed,
            required,
            None,
            ("no progress since the baseline",),
        )
    multiple = required / observed
    if reached(projected, target, direction):
        status = ON_TRACK
    elif multiple <= AT_RISK_MULTIPLE:
        status = AT_RISK
    else:
        status = OFF_TRACK
    return Assessment(status, change, projected, observed, required, multiple)
