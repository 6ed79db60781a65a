"""Forecasts of figures that move at a pace (shares, disbursement): the change still to come is
the pace since the end of last year over the months left (faster for a flow counted from
January), spread normally by `pace.spread` of its size."""

from __future__ import annotations

from ntm_analysis.dataset.targets import Target
from ntm_analysis.outlook.distribution import Normal
from ntm_analysis.outlook.forecast.base import Forecast, summarise, without
from ntm_analysis.outlook.measures import kind_of, ratio_of
from ntm_analysis.outlook.model import Model

YEAR_TO_DATE = "year_to_date"


def _ratio_need(model: Model, target: Target, goal: float) -> dict:
    """For a share computed from a numerator and a denominator: how much of the numerator is
    still needed to reach `goal` percent with today's denominator."""
    data = model.data
    relation = ratio_of(data, target.indicator)
    if relation is None:
        return {}
    num, den = str(relation.numerator), str(relation.denominator)
    if not (data.has(num, target.area) and data.has(den, target.area)):
        return {}
    needed = goal / 100 * data.value(den, target.area) - data.value(num, target.area)
    return {"numerator": num, "numerator_needed": needed}


def pace(
    model: Model, target: Target, current: float | None, baseline: float | None, elapsed: int
) -> Forecast:
    """The year-end value from the pace since the baseline."""
    if current is None:
        return without(target, "pace", (target.indicator,))
    if baseline is None or elapsed <= 0:
        return without(target, "pace", ("baseline",), current=current)
    params, months = model.params, model.horizon.months
    per_month = (current - baseline) / elapsed
    sign = 1.0 if target.direction == "at_least" else -1.0
    factor = params.pace.year_to_date.value if kind_of(target) == YEAR_TO_DATE else 1.0
    expected = per_month * months * factor if sign * per_month > 0 else 0.0
    unit = (
        model.data.catalogue[target.indicator].unit
        if target.indicator in model.data.catalogue
        else ""
    )
    high = 100.0 if unit == "percent" else float("inf")
    dist = Normal(current + expected, params.pace.spread.value * abs(expected), 0.0, high)
    facts = {
        "per_month": per_month,
        "expected": expected,
        "factor": factor,
        "needed": target.target - current,
        "needed_per_month": (target.target - current) / months if months else None,
        "multiple": ((target.target - current) / months / per_month)
        if months and per_month
        else None,
        **_ratio_need(model, target, target.target),
    }
    return summarise(model, target, "pace", dist, facts)


__all__ = ["pace"]
