"""A target's forecast: the distribution of its year-end value, the central estimate with its
interval, the probability of meeting the target (and its stretch level), and the facts its
judgement names (communes, districts, criteria)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ntm_analysis.dataset.targets import Target
from ntm_analysis.outlook.distribution import Distribution, interval, meets
from ntm_analysis.outlook.model import Model


@dataclass(frozen=True)
class Forecast:
    """The year-end forecast of one target (`dist` None: no basis for one; `needs` then names
    the figures the period lacks)."""

    kind: str
    goal: float  # the value the forecast is judged against (a target's, or all members)
    direction: str
    dist: Distribution | None = None
    p_meet: float | None = None
    p_stretch: float | None = None
    central: float | None = None
    low: float | None = None
    high: float | None = None
    facts: Mapping[str, Any] = field(default_factory=dict)
    needs: tuple[str, ...] = ()  # indicator codes (or table names) the workbook must provide

    @property
    def certain(self) -> bool:
        """Whether every outcome meets the goal already (the target is decided)."""
        return self.p_meet is not None and self.p_meet >= 1.0 - 1e-12 and self.low is not None


def summarise(
    model: Model,
    target: Target,
    kind: str,
    dist: Distribution,
    facts: Mapping[str, Any],
    goal: float | None = None,
) -> Forecast:
    """A forecast from a distribution: median, the central interval, P(meet), P(stretch)."""
    goal = target.target if goal is None else goal
    low, high = interval(dist, model.params.interval.value)
    stretch = None if target.stretch is None else meets(dist, target.stretch, target.direction)
    return Forecast(
        kind=kind,
        goal=goal,
        direction=target.direction,
        dist=dist,
        p_meet=meets(dist, goal, target.direction),
        p_stretch=stretch,
        central=dist.quantile(0.5),
        low=low,
        high=high,
        facts=facts,
    )


def without(target: Target, kind: str, needs: tuple[str, ...], **facts: Any) -> Forecast:
    """No forecast: the period lacks `needs`."""
    return Forecast(kind, target.target, target.direction, facts=facts, needs=needs)


__all__ = ["Forecast", "summarise", "without"]
