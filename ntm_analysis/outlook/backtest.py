"""`ntm-report backtest`: how the outlook made at one period fared against a later one.

Per target: the forecast made then (central estimate, 80 % interval, probability of meeting the
target) against the value the later period shows, whether the interval held, and the status
published then. When the later period comes before the year's assessment (the recognition
cut-off), the forecast is the one the earlier period's model makes for the later period's date:
a year-end range says nothing of a count in October. Over
communes: each commune's probability of being recognised by the later period (the forecast made
then, over the months between the two) against what happened, as a Brier score and a table of
predicted bands against observed frequencies.

What the later period shows of a commune count is the communes recognised since (a count of the
year's assessment is final once the later period reaches the recognition cut-off).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from ntm_analysis.dataset.paths import list_periods
from ntm_analysis.dataset.period import PeriodData
from ntm_analysis.dataset.reporting_period import Period
from ntm_analysis.dataset.targets import Target
from ntm_analysis.errors import InputError
from ntm_analysis.i18n import N_
from ntm_analysis.outlook import kinds
from ntm_analysis.outlook.communes import RECOGNISED, UNKNOWN
from ntm_analysis.outlook.engine import TargetOutlook, closes_year, outlook
from ntm_analysis.outlook.model import Model, model_of, model_until
from ntm_analysis.outlook.status import reached

BANDS = tuple(i / 10 for i in range(11))  # predicted-probability bands of the reliability table


@dataclass(frozen=True)
class Check:
    """One target: the forecast made then, the value now, whether the interval held."""

    row: TargetOutlook
    outcome: float | None
    held: bool | None
    result: str | None  # met, missed (final), not_met (not final yet), None (no outcome)

    def to_json(self, lang: str = "vi") -> dict[str, Any]:
        r = self.row
        return {
            "target": r.id,
            "central": r.central,
            "low": r.low,
            "high": r.high,
            "p_meet": r.p_meet,
            "status": r.status,
            "outcome": self.outcome,
            "held": self.held,
            "label": r.label(lang),
            "result": self.result,
        }


@dataclass(frozen=True)
class Reliability:
    """Communes whose predicted probability fell in [low, high): how many, the mean predicted,
    the share observed."""

    low: float
    high: float
    communes: int
    predicted: float
    observed: float


@dataclass(frozen=True)
class Backtest:
    period: str
    later: str
    final: bool  # the later period reaches the recognition cut-off of the earlier one's year
    checks: list[Check]
    brier: float | None
    communes: int
    reliability: list[Reliability]

    def to_json(self, lang: str = "vi") -> dict[str, Any]:
        return {
            "period": self.period,
            "with": self.later,
            "targets": [c.to_json(lang) for c in self.checks],
            "brier": self.brier,
            "communes": self.communes,
            "final": self.final,
            "reliability": [r.__dict__ for r in self.reliability],
        }


def _recognised_since(earlier: PeriodData, later: PeriodData, standard: str) -> set[str]:
    column = f"{standard}_status"
    if column not in later.communes or column not in earlier.communes:
        return set()
    now = later.communes.set_index(later.communes["code"].astype(str))[column].astype(str)
    then = earlier.communes.set_index(earlier.communes["code"].astype(str))[column].astype(str)
    common = now.index.intersection(then.index)
    return set(common[(now[common] == RECOGNISED) & (then[common] != RECOGNISED)])


def outcome(earlier: PeriodData, later: PeriodData, target: Target) -> float | None:
    """The value of an earlier period's target as the later period shows it (None when the
    later period cannot say: another year's flow, a figure it lacks)."""
    kind = kinds.kind_of(target)
    if kind == "commune_bands":
        so = model_of(earlier).standard(target)
        if so is None or later.communes.empty:
            return None
        since = _recognised_since(earlier, later, so.standard)
        known = so.frame["status"].to_numpy() != UNKNOWN
        return float(so.already.sum() + sum(1 for c in so.frame["code"][known] if c in since))
    if later.year != earlier.year:
        return None
    try:
        return kinds.current_measure(later, target, closes_year(later)).value
    except InputError:
        return None


def _result(value: float | None, row: TargetOutlook, final: bool) -> str | None:
    if value is None:
        return None
    if reached(value, row.target, row.direction):
        return "met"
    return "missed" if final else "not_met"


def communes_check(model: Model, later: PeriodData) -> tuple[np.ndarray, np.ndarray]:
    """Per commune of known status not recognised then: P(recognised by the later period), as
    forecast then (`model`: up to the later period), and whether it was."""
    so = model.ntm()
    if so is None or later.communes.empty:
        return np.zeros(0), np.zeros(0)
    rows = np.flatnonzero(so.frame["status"].to_numpy() == "not_recognised")
    since = _recognised_since(model.data, later, so.standard)
    observed = np.array([c in since for c in so.frame["code"].to_numpy()[rows]], dtype=float)
    return so.p_new[rows], observed


def reliability(predicted: np.ndarray, observed: np.ndarray) -> list[Reliability]:
    out = []
    for low, high in itertools.pairwise(BANDS):
        inside = (predicted >= low) & ((predicted < high) | (high == 1.0))
        if inside.any():
            out.append(
                Reliability(
                    low,
                    high,
                    int(inside.sum()),
                    float(predicted[inside].mean()),
                    float(observed[inside].mean()),
                )
            )
    return out


def earlier_outlook(data: PeriodData) -> str | None:
    """The latest earlier period whose outlook the period can check: mid-year, of the period's
    year (or of the year before, while the period is within that year's recognition cut-off),
    with that year's targets."""
    cutoff = model_of(data).horizon.cutoff
    now = data.reporting_period
    for name in reversed(list_periods(data.data_dir, data.province)):
        period = Period.parse(name)
        if period >= now or period.closes_year:
            continue
        in_cutoff = (
            period.year == now.year - 1 and now.months_since(Period.year_end(period.year)) <= cutoff
        )
        if (period.year == now.year or in_cutoff) and (
            data.data_dir / "targets" / f"{period.year}.yml"
        ).is_file():
            return name
    return None


def backtest(earlier: PeriodData, later: PeriodData) -> Backtest:
    """The outlook made at `earlier` against what `later` shows."""
    if later.reporting_period <= earlier.reporting_period:
        raise InputError(
            N_("kỳ so sánh {later} phải sau kỳ {period}"),
            expected=N_("một kỳ sau kỳ đã lập dự báo"),
            later=later.period,
            period=earlier.period,
        )
    if not earlier.targets:
        raise InputError(
            N_("kỳ {period} chưa có chỉ tiêu cuối năm của năm {year}: không có dự báo để so"),
            path=earlier.data_dir / "targets" / f"{earlier.year}.yml",
            period=earlier.period,
            year=earlier.year,
        )
    months = later.reporting_period.months_since(earlier.reporting_period)
    year = model_of(earlier)
    final = months >= year.horizon.months + year.horizon.cutoff
    model = year if final else model_until(earlier, months)
    published = outlook(earlier)
    checks = []
    for row, then, target in zip(
        outlook(earlier, model=model), published, earlier.targets, strict=True
    ):
        row = replace(row, status=then.status)  # the status as published then
        value = outcome(earlier, later, target)
        held = (
            None
            if value is None or row.low is None or row.high is None
            else bool(row.low - 1e-9 <= value <= row.high + 1e-9)
        )
        checks.append(Check(row, value, held, _result(value, row, final)))
    predicted, observed = communes_check(model, later)
    brier = float(np.mean((predicted - observed) ** 2)) if len(predicted) else None
    return Backtest(
        earlier.period,
        later.period,
        final,
        checks,
        brier,
        len(predicted),
        reliability(predicted, observed),
    )


__all__ = [
    "Backtest",
    "Check",
    "Reliability",
    "backtest",
    "communes_check",
    "earlier_outlook",
    "outcome",
    "reliability",
]
