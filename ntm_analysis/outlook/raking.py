"""Each commune's criteria now, as a distribution, when the report gives only intervals and
counts of communes per band.

A commune whose criteria the table gives exactly keeps them. One the table gives as an
interval starts uniform over it; the reported counts (communes per band of criteria, for the
province, a district or the registered communes; communes recognised, for communes whose status
is unknown) and the printed average are then matched in expectation by iterative proportional
fitting (raking): each band scales the odds of its members being in the band until the expected
count equals the reported one. The result is the distribution closest to uniform (least
information added) that agrees with every aggregate on average (ASSUMPTIONS.md).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from ntm_analysis.i18n import N_
from ntm_analysis.outlook.criteria import InconsistentAggregates

ROUNDS = 100
TOLERANCE = 1e-5  # in communes: counts are matched to a hundred-thousandth
CONTRADICTS = N_(
    "số xã theo nhóm tiêu chí mâu thuẫn với bảng xã: báo cáo ghi {band} là {count} xã, bảng xã "
    "(số tiêu chí, tình trạng công nhận từng xã) không cho phép con số đó"
)
TOTAL_TOLERANCE = 1e-3  # in criteria: the total within a thousandth of a criterion


@dataclass(frozen=True)
class Constraint:
    """`count` of the communes at `members` (row positions) have criteria in [lo, hi]."""

    name: Any  # how an error names it: a code, or a wording rendered per language
    members: np.ndarray
    lo: int
    hi: int
    count: float
    reported: float | None = None  # the count as reported (before the exact communes left)

    @property
    def as_reported(self) -> float:
        return self.count if self.reported is None else self.reported


def num_words(x: float) -> str:
    """A count as written (a whole number without decimals)."""
    return str(int(x)) if float(x).is_integer() else str(x)


def uniform(lo: np.ndarray, hi: np.ndarray, size: int) -> np.ndarray:
    """Rows uniform over [lo, hi] (values 0..size-1)."""
    values = np.arange(size)
    inside = (values >= lo[:, None]) & (values <= hi[:, None])
    return inside / inside.sum(axis=1, keepdims=True)


def _layers(constraints: Sequence[Constraint]) -> list[list[Constraint]]:
    """Constraints grouped so that no two of a group share a member (updated together)."""
    layers: list[tuple[list[Constraint], set[int]]] = []
    for c in constraints:
        members = set(c.members.tolist())
        for group, used in layers:
            if not used & members:
                group.append(c)
                used |= members
                break
        else:
            layers.append(([c], members))
    return [group for group, _ in layers]


def _in_band(p: np.ndarray, rows: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    cum = np.concatenate([np.zeros((p.shape[0], 1)), np.cumsum(p, axis=1)], axis=1)
    return cum[rows, hi + 1] - cum[rows, lo]


def _shift(logit: np.ndarray, band: np.ndarray, need: np.ndarray, bands: int) -> np.ndarray:
    """Per band, the log-odds shift x with Σ σ(logit + x) = need (Newton, damped)."""
    x = np.zeros(bands)
    for _ in range(60):
        s = 1.0 / (1.0 + np.exp(-(logit + x[band])))
        f = np.bincount(band, s, bands) - need
        slope = np.bincount(band, s * (1 - s), bands)
        if np.all(np.abs(f) < 1e-10):
            break
        x -= np.clip(f / np.maximum(slope, 1e-12), -4.0, 4.0)
        x = np.clip(x, -60.0, 60.0)
    return x


def _apply(p: np.ndarray, layer: list[Constraint]) -> float:
    """One raking step over a layer; returns its largest miss before the step."""
    rows = np.concatenate([c.members for c in layer])
    band = np.concatenate([np.full(len(c.members), i) for i, c in enumerate(layer)])
    lo = np.concatenate([np.full(len(c.members), c.lo) for c in layer])
    hi = np.concatenate([np.full(len(c.members), c.hi) for c in layer])
    q = np.clip(_in_band(p, rows, lo, hi), 0.0, 1.0)
    need = np.array([c.count for c in layer], dtype=float)
    miss = float(np.max(np.abs(np.bincount(band, q, len(layer)) - need)))
    sure = np.bincount(band, q >= 1 - 1e-15, len(layer))
    free = (q > 1e-15) & (q < 1 - 1e-15)
    possible = np.bincount(band, q > 1e-15, len(layer))
    if np.any(need < sure - 1e-9) or np.any(need > possible + 1e-9):
        bad = next(
            c for c, s, m in zip(layer, sure, possible, strict=True) if not s <= c.count <= m
        )
        raise InconsistentAggregates(
            CONTRADICTS,
            band=bad.name,
            count=num_words(bad.as_reported),
        )
    target = np.where(free, q, 0.0)
    logit = np.log(np.where(free, q, 0.5)) - np.log(np.where(free, 1 - q, 0.5))
    x = _shift(logit[free], band[free], need - sure, len(layer))
    target[free] = 1.0 / (1.0 + np.exp(-(logit[free] + x[band[free]])))
    target = np.where(free, target, q)
    values = np.arange(p.shape[1])
    inside = (values >= lo[:, None]) & (values <= hi[:, None])
    up = np.divide(target, q, out=np.ones_like(q), where=q > 0)
    down = np.divide(1 - target, 1 - q, out=np.ones_like(q), where=q < 1)
    p[rows] *= np.where(inside, up[:, None], down[:, None])
    return miss


def _cells(constraints: Sequence[Constraint], size: int) -> np.ndarray:
    """Each value's cell: values no band boundary separates share one."""
    cuts = np.zeros(size + 1, dtype=int)
    for c in constraints:
        cuts[c.lo] = 1
        cuts[min(c.hi + 1, size)] = 1
    return np.cumsum(cuts[:size])


def _tilted(p: np.ndarray, theta: float, cell: np.ndarray | None) -> np.ndarray:
    """Rows reweighted by e^(θ·value), each cell keeping its mass (whole rows: `cell` None)."""
    values = np.arange(p.shape[1], dtype=float)
    w = p * np.exp(theta * (values - values.mean()))
    if cell is None:
        return w / w.sum(axis=1, keepdims=True)
    out = np.zeros_like(p)
    for k in np.unique(cell):
        inside = cell == k
        mass = p[:, inside].sum(axis=1, keepdims=True)
        part = w[:, inside]
        sums = part.sum(axis=1, keepdims=True)
        out[:, inside] = np.divide(part * mass, sums, out=np.zeros_like(part), where=sums > 0)
    return out


def _tilt(p: np.ndarray, fixed: float, goal: float, cell: np.ndarray | None) -> float:
    """Tilt the rows in place so the expected total is `goal` (within cells when given);
    returns how far the total was from `goal` before, and leaves the closest tilt."""
    values = np.arange(p.shape[1], dtype=float)
    base = p.copy()
    miss = abs(fixed + float((base @ values).sum()) - goal)
    if miss < TOTAL_TOLERANCE:
        return 0.0
    lo, hi = -40.0, 40.0
    for _ in range(60):  # bisection: the expected total grows with θ
        theta = (lo + hi) / 2
        total = fixed + float((_tilted(base, theta, cell) @ values).sum())
        if abs(total - goal) < TOTAL_TOLERANCE / 10:
            break
        lo, hi = (theta, hi) if total < goal else (lo, theta)
    p[:] = _tilted(base, theta, cell)
    return miss


def _on_free(
    constraints: Sequence[Constraint], lo: np.ndarray, free: np.ndarray
) -> list[Constraint]:
    """The constraints restricted to the communes given as intervals (row positions among
    them), each count less the communes given exactly inside its band."""
    position = np.full(len(lo), -1)
    position[free] = np.arange(len(free))
    out = []
    for c in constraints:
        rows = position[c.members]
        fixed = c.members[rows < 0]
        inside = int(((lo[fixed] >= c.lo) & (lo[fixed] <= c.hi)).sum())
        if (rows >= 0).any() or c.count != inside:
            out.append(
                Constraint(c.name, rows[rows >= 0], c.lo, c.hi, c.count - inside, c.as_reported)
            )
    return out


def rake(
    lo: np.ndarray,
    hi: np.ndarray,
    size: int,
    constraints: Sequence[Constraint],
    total: tuple[float, float] | None = None,
) -> np.ndarray:
    """Distributions (rows over values 0..size-1) of communes with criteria in [lo, hi], matching
    each constraint's count and the total's bounds (when given) in expectation.

    Raises InconsistentAggregates when a count cannot be met by the intervals."""
    out = uniform(lo, hi, size)
    free = np.flatnonzero(lo < hi)
    restricted = _on_free(constraints, lo, free)
    for c in restricted:
        if not len(c.members):  # only exact communes: the count must hold as it is
            raise InconsistentAggregates(
                CONTRADICTS,
                band=c.name,
                count=num_words(c.as_reported),
            )
    if not free.size:
        return out
    p = out[free]
    layers = _layers(restricted)
    values = np.arange(size, dtype=float)
    fixed = float(lo[lo == hi].sum())
    cell = _cells(restricted, size)
    for _ in range(ROUNDS):
        miss = max((_apply(p, layer) for layer in layers), default=0.0)
        if miss >= TOLERANCE or total is None:
            if miss < TOLERANCE:
                break
            continue
        expected = fixed + float((p @ values).sum())
        goal = min(max(expected, total[0]), total[1])
        _tilt(p, fixed, goal, cell)  # within the bands' cells: every count still holds
        if abs(fixed + float((p @ values).sum()) - goal) < TOTAL_TOLERANCE:
            break
        _tilt(p, fixed, goal, None)  # the cells cannot reach it: shift the bands too
    out[free] = p / p.sum(axis=1, keepdims=True)
    return out


__all__ = ["Constraint", "rake", "uniform"]
