"""Forecasts of communes and districts reaching a standard: how many communes are recognised
for the year (every commune, registered or not), and whether a district completes."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ntm_analysis.dataset.targets import Target
from ntm_analysis.outlook.communes import StandardOutlook
from ntm_analysis.outlook.distribution import Discrete, count_of
from ntm_analysis.outlook.forecast.base import Forecast, summarise, without
from ntm_analysis.outlook.model import Model

AWAITING = 0.99  # a commune this likely to meet every criterion now is awaiting recognition
NAMED = 0.05  # a commune this likely to count for the year is among those that decide it


@dataclass(frozen=True)
class Commune:
    """A commune in a judgement: its code, its chance for the year, its criteria lacking."""

    code: str
    p: float
    gap_low: int
    gap_high: int
    registered: bool


def _communes(so: StandardOutlook, rows: np.ndarray) -> list[Commune]:
    """The communes at `rows`, most likely to count first."""
    rows = np.asarray(rows, dtype=int)
    possible = so.gap_probabilities()[rows] > 1e-9
    size = possible.shape[1]
    low = possible.argmax(axis=1)
    high = size - 1 - possible[:, ::-1].argmax(axis=1)
    codes = so.frame["code"].to_numpy()[rows]
    registered = so.frame["registered"].to_numpy(bool)[rows]
    out = [
        Commune(str(c), float(p), int(lo), int(hi), bool(r))
        for c, p, lo, hi, r in zip(codes, so.p_new[rows], low, high, registered, strict=True)
    ]
    return sorted(out, key=lambda c: (-c.p, c.code))


def commune_count(model: Model, target: Target) -> Forecast:
    """Communes recognised for the year under the target's standard."""
    so = model.standard(target)
    if so is None:
        return without(target, "commune_count", ("communes",))
    rows = so.candidates()
    dist = count_of(so.p_new[rows], already=int(so.already.sum()))
    gaps = so.gap_probabilities()
    awaiting = rows[gaps[rows, 0] >= AWAITING]
    lacking = rows[(gaps[rows, 0] < AWAITING) & so.frame["registered"].to_numpy(bool)[rows]]
    others = rows[~so.frame["registered"].to_numpy(bool)[rows] & (gaps[rows, 0] < AWAITING)]
    named = others[so.p_new[others] >= NAMED]
    facts = {
        "standard": so.standard,
        "top": so.top,
        "already": int(so.already.sum()),
        "awaiting": _communes(so, awaiting),
        "lacking": _communes(so, lacking),
        "others": _communes(so, named),
        "others_count": len(others),
        "others_expected": float(so.p_new[others].sum()),
        "others_below": float((1.0 - gaps[others, 0]).sum()),  # expected, below the top now
        "awaiting_expected": float(gaps[rows, 0].sum()),
        "band_only": so.standard != "ntm",  # which communes are in each band is not known
    }
    return summarise(model, target, "commune_count", dist, facts)


def district(model: Model, target: Target) -> Forecast:
    """A district completing: its district criteria and its communes by the cut-off."""
    outlook = model.districts().get(target.area)
    if outlook is None:
        return without(target, "district", ("district_criteria_met",))
    dist = Discrete(0, outlook.criteria_end)
    forecast = summarise(model, target, "district", dist, {"district": outlook})
    so = model.ntm()
    awaiting = []
    if so is not None:
        rows = np.flatnonzero(so.frame["code"].isin(outlook.communes).to_numpy())
        awaiting = _communes(so, rows)
    return Forecast(
        kind="district",
        goal=forecast.goal,
        direction=forecast.direction,
        dist=dist,
        p_meet=outlook.p_complete,
        p_stretch=None,
        central=forecast.central,
        low=forecast.low,
        high=forecast.high,
        facts={"district": outlook, "communes": awaiting},
    )


__all__ = ["AWAITING", "NAMED", "Commune", "commune_count", "district"]
