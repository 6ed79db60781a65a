"""`ntm-report calibrate`: the outlook's probabilities estimated from the office's own history.

Every pair of consecutive periods of a data folder is a set of observations: a commune that
lacked `g` criteria (exactly known) at the first period either met them all by the second or
not, over the months between them; one that met them all either was recognised or not; a
district lacking `g` district criteria either completed them or not. A constant monthly rate is
fitted to each group by maximum likelihood (the months between periods differ), and stated for
`reference_months`. A value is proposed only when at least `calibration.min_observations`
observations support it; the others keep their value and their provenance.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np

from ntm_analysis.dataset.paths import period_folders
from ntm_analysis.dataset.period import PeriodData, load_period
from ntm_analysis.outlook.communes import NTM, RECOGNISED, registered_values
from ntm_analysis.outlook.districts import criteria_met
from ntm_analysis.outlook.parameters import ByGap, Parameters

MAX_MONTHS = 12  # pairs of periods further apart than this say little about a quarter


@dataclass
class Events:
    """Observations of one event: the months each was watched and whether it happened."""

    months: list[float] = field(default_factory=list)
    happened: list[bool] = field(default_factory=list)

    def add(self, months: float, happened: bool) -> None:
        self.months.append(months)
        self.happened.append(happened)

    def __len__(self) -> int:
        return len(self.months)


def fitted(events: Events, reference: float) -> float | None:
    """P(the event within `reference` months) at the constant rate most likely to give the
    observations (None without any)."""
    if not len(events):
        return None
    months = np.array(events.months, dtype=float)
    hit = np.array(events.happened, dtype=bool)
    if hit.all():
        return 1.0
    if not hit.any():
        return 0.0

    def slope(rate: float) -> float:
        e = np.exp(-rate * months[hit])
        return float((months[hit] * e / -np.expm1(-rate * months[hit])).sum() - months[~hit].sum())

    lo, hi = 1e-9, 50.0
    for _ in range(200):  # the likelihood's slope falls with the rate
        mid = math.sqrt(lo * hi)
        lo, hi = (mid, hi) if slope(mid) > 0 else (lo, mid)
    return -math.expm1(-lo * reference)


def falling(values: Sequence[float | None], weights: Sequence[int]) -> list[float | None]:
    """The estimates made non-increasing with the gap (weighted pooling of neighbours that
    rise), the ones without observations left out."""
    blocks: list[list[float]] = []  # value, weight, count of gaps
    for value, weight in zip(values, weights, strict=True):
        if value is None:
            continue
        blocks.append([value, float(weight), 1])
        while len(blocks) > 1 and blocks[-1][0] > blocks[-2][0]:
            v2, w2, n2 = blocks.pop()
            v1, w1, n1 = blocks.pop()
            blocks.append([(v1 * w1 + v2 * w2) / (w1 + w2), w1 + w2, n1 + n2])
    pooled = iter(v for v, _, n in blocks for _ in range(int(n)))
    return [None if value is None else next(pooled) for value in values]


@dataclass
class History:
    """The observations of a data folder, by parameter path."""

    periods: list[str]
    pairs: int = 0
    events: dict[tuple, Events] = field(default_factory=dict)

    def at(self, *key) -> Events:
        return self.events.setdefault(key, Events())


def _commune_events(
    history: History, a: PeriodData, b: PeriodData, months: float, largest: int
) -> None:
    top = a.criteria.commune_count
    before = a.communes.set_index(a.communes["code"].astype(str))
    after = b.communes.set_index(b.communes["code"].astype(str))
    registered = set(registered_values(a, NTM))
    for code in before.index.intersection(after.index):
        row, later = before.loc[code], after.loc[code]
        if (
            str(row.get("ntm_status", "")) == RECOGNISED
            or row["criteria_min"] != row["criteria_max"]
        ):
            continue
        cls = "registered" if str(row.get("registered", "")) in registered else "unregistered"
        recognised = str(later.get("ntm_status", "")) == RECOGNISED
        gap = top - int(row["criteria_min"])
        if gap > 0:
            done = recognised or int(later["criteria_min"]) >= top
            history.at("communes", NTM, cls, "completion", min(gap, largest)).add(months, done)
        elif str(row.get("ntm_status", "")) != "unknown":
            history.at("communes", NTM, cls, "recognition").add(months, recognised)


def _district_events(
    history: History, a: PeriodData, b: PeriodData, months: float, largest: int
) -> None:
    needed = a.criteria.district_count
    status = b.district_table().set_index("code").get("ntm_status")
    table = a.district_table()
    if "ntm_status" not in table:
        return
    for code, state in table[["code", "ntm_status"]].itertuples(index=False):
        if state == RECOGNISED:
            continue
        met, _ = criteria_met(a, str(code))
        later, _ = criteria_met(b, str(code))
        if met is None or (later is None and status is None) or met >= needed:
            continue
        done = (later or 0) >= needed or (status is not None and status.get(code) == RECOGNISED)
        history.at("districts", "completion", min(needed - met, largest)).add(months, bool(done))


def observe(periods: Iterable[PeriodData], params: Parameters) -> History:
    """Every observation the consecutive pairs of `periods` hold."""
    loaded = sorted(periods, key=lambda d: d.reporting_period)
    history = History([d.period for d in loaded])
    largest = {
        "communes": max(s.registered.completion.largest for s in params.communes.values()),
        "districts": params.districts.completion.largest,
    }
    for a, b in itertools.pairwise(loaded):
        months = b.reporting_period.months_since(a.reporting_period)
        if not 0 < months <= MAX_MONTHS:
            continue
        history.pairs += 1
        if not a.communes.empty and not b.communes.empty:
            _commune_events(history, a, b, months, largest["communes"])
        if not a.district_table().empty:
            _district_events(history, a, b, months, largest["districts"])
    return history


@dataclass(frozen=True)
class Estimate:
    """One parameter: its value now, the estimate from the history and how many
    observations support it; `used` when the proposal takes the estimate."""

    path: tuple
    current: float
    estimate: float | None
    observations: int
    used: bool

    @property
    def name(self) -> str:
        return ".".join(str(p) for p in self.path)


def _by_gap(
    history: History, key: tuple, table: ByGap, reference: float, least: int
) -> list[Estimate]:
    gaps = list(range(1, table.largest + 1))
    events = [history.events.get((*key, g), Events()) for g in gaps]
    raw = [fitted(e, reference) for e in events]
    smooth = falling(raw, [len(e) for e in events])
    return [
        Estimate((*key, g), table.at(g), est, len(e), est is not None and len(e) >= least)
        for g, est, e in zip(gaps, smooth, events, strict=True)
    ]


def estimates(history: History, params: Parameters) -> list[Estimate]:
    """Every parameter the history can estimate, with its current value."""
    ref = float(params.reference_months.value)
    least = params.calibration.min_observations.value
    out = []
    for name, standard in params.communes.items():
        for cls in ("registered", "unregistered"):
            spec = getattr(standard, cls)
            if spec is None:
                continue
            out += _by_gap(
                history, ("communes", name, cls, "completion"), spec.completion, ref, least
            )
            e = history.events.get(("communes", name, cls, "recognition"), Events())
            est = fitted(e, ref)
            out.append(
                Estimate(
                    ("communes", name, cls, "recognition"),
                    spec.recognition.value,
                    est,
                    len(e),
                    est is not None and len(e) >= least,
                )
            )
    out += _by_gap(history, ("districts", "completion"), params.districts.completion, ref, least)
    return out


def _place(tree: dict, path: tuple) -> dict:
    """The mapping holding a parameter in the model's dump (ByGap keys are whole numbers)."""
    node = tree
    for key in path[:-1]:
        node = node[key]
    return node


def propose(params: Parameters, found: Sequence[Estimate], note: str) -> Parameters:
    """The parameters with every used estimate in place (`source: calibrated`), each table by
    gap kept non-increasing (a kept value above a calibrated one before it is lowered to it)."""
    tree = params.model_dump(mode="python", exclude_none=True)
    for e in found:
        if e.used:
            _place(tree, e.path)[e.path[-1]] = {
                "value": round(float(e.estimate), 3),
                "source": "calibrated",
                "observations": e.observations,
                "note": note,
            }
    for e in found:
        if isinstance(e.path[-1], int) and e.path[-1] > 1:
            table = _place(tree, e.path)
            previous = table[e.path[-1] - 1]["value"]
            if table[e.path[-1]]["value"] > previous:
                table[e.path[-1]] = {**table[e.path[-1]], "value": previous}
    return Parameters.model_validate(tree)


def load_history(data_dir) -> list[PeriodData]:
    """Every period of a data folder, of every province it holds (without their baselines)."""
    return [
        load_period(f.period, data_dir, with_baseline=False, province=f.province())
        for f in period_folders(data_dir)
    ]


__all__ = [
    "Estimate",
    "Events",
    "History",
    "estimates",
    "falling",
    "fitted",
    "load_history",
    "observe",
]
