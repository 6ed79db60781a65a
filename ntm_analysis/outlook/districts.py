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
    return _criteria_by_district(data).get(area, (None, ()))


def _criteria_by_district(data: PeriodData) -> dict[str, tuple[int | None, tuple[str, ...]]]:
    """`criteria_met` of every district at once (one pass over the tables, remembered for the
    loaded period)."""
    table = data.district_criteria
    cached = data.__dict__.get("_outlook_district_criteria")
    if cached is not None and cached[0] is table:
        return cached[1]
    out: dict[str, tuple[int | None, tuple[str, ...]]] = {}
    if not table.empty:
        district = table["district_code"].astype(str).to_numpy()
        met = table["met"].astype(str).to_numpy()
        criterion = table["criterion"].astype(str).to_numpy()
        yes = dict(zip(*np.unique(district[met == "yes"], return_counts=True), strict=True))
        missing: dict[str, list[str]] = {}
        for d, c in zip(district[met == "no"], criterion[met == "no"], strict=True):
            missing.setdefault(str(d), []).append(str(c))
        for d in np.unique(district):
            out[str(d)] = (int(yes.get(d, 0)), tuple(missing.get(str(d), ())))
    code = "district_criteria_met"
    if code in data.catalogue:
        for area, value in data.values(code).items():
            out[str(area)] = (int(value), out.get(str(area), (None, ()))[1])
    data.__dict__["_outlook_district_criteria"] = (table, out)
    return out


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
    needed = data.criteria.district_count
    by_district = _criteria_by_district(data)
    rows_of = _rows_by_district(communes)
    out = {}
    for code in pending:
        met, missing = by_district.get(code, (None, ()))
        if met is None:
            continue
        gap = max(0, needed - met)
        plan = plans.get(code)
        # a month still ahead and within the horizon (one passed without the criteria slipped)
        ahead = (
            None if plan is None else Period.parse(plan.month).months_since(data.reporting_period)
        )
        used = ahead is not None and gap > 0 and 0 <= ahead <= h.months
        p_all = (
            params.districts.schedule_kept.value
            if used
            else float(gain_survival(params.districts.completion, gap, h.months, h.reference)[-1])
        )
        rows, p_communes = _communes_of(communes, rows_of.get(code, np.zeros(0, dtype=int)))
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


def _rows_by_district(communes: StandardOutlook | None) -> dict[str, np.ndarray]:
    """Rows of the communes not yet recognised, by district."""
    if communes is None:
        return {}
    frame: pd.DataFrame = communes.frame
    open_rows = np.flatnonzero((frame["status"] != RECOGNISED).to_numpy())
    districts = frame["district_code"].to_numpy()[open_rows]
    return {str(d): open_rows[districts == d] for d in np.unique(districts)}


def _communes_of(
    communes: StandardOutlook | None, rows: np.ndarray
) -> tuple[tuple[str, ...], float]:
    """A district's communes not yet recognised, and P(all recognised by the cut-off)."""
    if communes is None or not len(rows):
        return (), 1.0
    codes = communes.frame["code"].to_numpy()[rows]
    return tuple(str(c) for c in codes), float(np.prod(communes.p_recognised[rows]))


__all__ = ["DistrictOutlook", "Schedule", "criteria_met", "district_outlook", "schedules"]
