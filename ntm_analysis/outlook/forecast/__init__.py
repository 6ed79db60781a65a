"""Each target's year-end forecast by the way it is measured (`measure: {kind: …}`):

| kind | forecast |
| --- | --- |
| `commune_bands` | communes recognised for the year (Poisson-binomial over every commune) |
| `district_ntm` | the district's criteria at the year's end; P(meet): criteria and communes |
| `criteria_average` | the sum of every commune's year-end criteria, over the communes |
| `communes_below` | communes below the floor at the year's end (Poisson-binomial) |
| `commune_gains` | the smallest gain since the baseline of the communes below the top then |
| `min_per_member` | members holding the items (all of them is the goal) |
| none, `year_to_date` | the pace since the baseline over the months left, spread normally |
"""

from __future__ import annotations

from ntm_analysis.dataset.targets import Target
from ntm_analysis.outlook.forecast.base import Forecast, summarise, without
from ntm_analysis.outlook.forecast.counts import Commune, commune_count, district
from ntm_analysis.outlook.forecast.pace import pace
from ntm_analysis.outlook.forecast.values import (
    commune_gains,
    communes_below,
    criteria_average,
    members_holding,
)
from ntm_analysis.outlook.measures import kind_of
from ntm_analysis.outlook.model import Model

BY_KIND = {
    "commune_bands": commune_count,
    "district_ntm": district,
    "criteria_average": criteria_average,
    "communes_below": communes_below,
    "commune_gains": commune_gains,
    "min_per_member": members_holding,
}


def forecast(
    model: Model,
    target: Target,
    current: float | None = None,
    baseline: float | None = None,
    elapsed: int = 0,
) -> Forecast:
    """The target's forecast at the model's period (mid-year)."""
    make = BY_KIND.get(kind_of(target))
    if make is not None:
        return make(model, target)
    return pace(model, target, current, baseline, elapsed)


__all__ = ["BY_KIND", "Commune", "Forecast", "forecast", "summarise", "without"]
