"""The forecast of every district-level unit not yet recognised: its district criteria at the
year's end and the probability that it completes (every district criterion met and every
commune recognised by the cut-off).

A district that reported the month it expects to meet its last criteria (`scheduled` in its
`district_ntm` target) keeps that schedule with `schedule_kept` when the month falls before the
year's end; otherwise its criteria follow the table by criteria lacking.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ntm_analysis.dataset.period import PeriodData
from ntm_analysis.dataset.reporting_period import Period
from ntm_analysis.outlook.communes import RECOGNISED, Horizon, StandardOutlook
from ntm_analysis.outlook.parameters import Parameters
from ntm_analysis.outlook.probability import gain_survival

MET_INDICATOR_KIND = "district_ntm"


@dataclass(frozen=True)
class Schedule:
    """The month a district said it would meet its remaining district criteria."""

    month: str
    reported: str = ""
    source: str = ""


@dataclass(frozen=True)
class DistrictOutlook:
    """One district: its criteria now and at the year's end, its communes, its chances."""

    code: str
    needed: int
    met: int
    missing: tuple[str, ...]  # criteria ids not met (when the table names them)
    criteria_end: np.ndarray  # P(district criteria met = k at the year's end), k = 0..needed
    p_criteria: float
    communes: tuple[str, ...]  # codes of its communes not yet recognised
    p_communes: float
    schedule: Schedule | None = None
    schedule_used: bool = False

    @property
    def p_complete(self) -> float:
        return self.p_criteria * self.p_communes


def schedules(data: PeriodData) -> dict[str, Schedule]:
    """Completion months reported by districts, from the year's `district_ntm` targets."""
    out = {}
    for target in data.targets:
        declared = target.measure.get("scheduled")
        if target.measure.get("kind") == MET_INDICATOR_KIND and declared:
            out[target.area] = Schedule(
                str(declared["month"]),
                str(declared.get("reported", "")),
                str(declared.get("source", "")),
            )
    return out


def criteria_met(data: PeriodData, area: str) -> tuple[int | None, tuple[str, ...]]:
    """District criteria met (the reported count, else the table's) and those not met."""
    table = data.district_criteria
    rows = table[table["district_code"].astype(str) == area] if not table.empty else table
    missing = tuple(rows.loc[rows["met"].astype(str) == "no", "criterion"].astype(str))
    code = "district_criteria_met"
    if code in data.catalogue and data.has(code, area):
        return int(data.value(code, area)), missing
    if rows.empty:
        return None, missing
    return int((rows["met"].astype(str) == "yes").sum()), missing


def _criteria_end(
    gap: int, needed: int, met: int, p_all: float, params: Parameters, h: Horizon
) -> np.ndarray:
    """P(criteria met = k at the year's end), k = 0..needed."""
    out = np.zeros(needed + 1)
    if gap == 0:
        out[needed] = 1.0
        return out
    s = gain_survival(params.districts.completion, gap, h.months, h.reference)
    s[gap] = p_all
    s = np.minimum.accumulate(np.maximum(s, p_all))
    exact = s - np.append(s[1:], 0.0)
    out[met : needed + 1] = exact
    return out


def district_outlook(
    data: PeriodData, params: Parameters, communes: StandardOutlook | None, h: Horizon
) -> dict[str, DistrictOutlook]:
    """Every district of the period not yet recognised, by code."""
    table = data.district_table()
    if table.empty or "ntm_status" not in table:
        return {}
    pending = [
        str(c) for c, s in zip(table["code"], table["ntm_status"], strict=True) if s != RECOGNISED
    ]
    plans = schedules(data)
    end_of_year = Period.year_end(data.year)
    needed = data.criteria.district_count
    out = {}
    for code in pending:
        met, missing = criteria_met(data, code)
        if met is None:
            continue
        gap = max(0, needed - met)
        plan = plans.get(code)
        used = plan is not None and gap > 0 and Period.parse(plan.month) <= end_of_year
        if used and Period.parse(plan.month) < data.reporting_period:
            used = False  # the month has passed without the criteria: the schedule slipped
        p_all = (
            params.districts.schedule_kept.value
            if used
            else float(gain_survival(params.districts.completion, gap, h.months, h.reference)[-1])
        )
        rows, p_communes = _communes_of(communes, code)
        out[code] = DistrictOutlook(
            code,
            needed,
            met,
            missing,
            _criteria_end(gap, needed, met, p_all, params, h),
            p_all if gap else 1.0,
            rows,
            p_communes,
            plan,
            used,
        )
    return out


def _communes_of(communes: StandardOutlook | None, district: str) -> tuple[tuple[str, ...], float]:
    if communes is None:
        return (), 1.0
    frame: pd.DataFrame = communes.frame
    rows = np.flatnonzero((frame["district_code"] == district).to_numpy())
    open_rows = [i for i in rows if frame["status"].iat[i] != RECOGNISED]
    p = float(np.prod(communes.p_recognised[open_rows])) if open_rows else 1.0
    return tuple(frame["code"].iat[i] for i in open_rows), p


__all__ = ["DistrictOutlook", "Schedule", "criteria_met", "district_outlook", "schedules"]
