"""Distributions of a target's year-end value: sums of independent per-commune outcomes,
computed exactly (a Poisson-binomial count is the sum of 0/1 outcomes), or a normal spread for
figures moved by a pace.

`sum_of` multiplies the discrete Fourier transforms of the parts (communes with the same
distribution grouped, their transform raised to their number), so a nationwide sum of
thousands of communes is one transform of its support.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from statistics import NormalDist

import numpy as np

EPS = 1e-9  # a value within this of a target counts as meeting it (unrounded comparison)


@dataclass(frozen=True)
class Discrete:
    """P(value = (offset + i) * scale) = pmf[i]."""

    offset: int
    pmf: np.ndarray
    scale: float = 1.0

    def values(self) -> np.ndarray:
        return (self.offset + np.arange(len(self.pmf))) * self.scale

    @property
    def mean(self) -> float:
        return float(self.values() @ self.pmf)

    def quantile(self, q: float) -> float:
        """The smallest value whose cumulative probability reaches `q`."""
        cdf = np.cumsum(self.pmf)
        i = int(np.searchsorted(cdf, q - 1e-12))
        return float(self.values()[min(i, len(self.pmf) - 1)])

    def at_least(self, x: float) -> float:
        return float(self.pmf[self.values() >= x - EPS].sum())

    def at_most(self, x: float) -> float:
        return float(self.pmf[self.values() <= x + EPS].sum())

    def shifted(self, by: int) -> Discrete:
        return Discrete(self.offset + by, self.pmf, self.scale)

    def scaled(self, scale: float) -> Discrete:
        return Discrete(self.offset, self.pmf, scale)


@dataclass(frozen=True)
class Normal:
    """A year-end value spread normally around `centre`, kept within [low, high]."""

    centre: float
    sd: float
    low: float = -math.inf
    high: float = math.inf

    @property
    def mean(self) -> float:
        return self.centre

    def quantile(self, q: float) -> float:
        value = self.centre if self.sd <= 0 else NormalDist(self.centre, self.sd).inv_cdf(q)
        return min(max(value, self.low), self.high)

    def at_least(self, x: float) -> float:
        if x <= self.low + EPS:
            return 1.0
        if x > self.high + EPS:
            return 0.0
        if self.sd <= 0:
            return float(self.centre >= x - EPS)
        return 1.0 - NormalDist(self.centre, self.sd).cdf(x - EPS)

    def at_most(self, x: float) -> float:
        if x >= self.high - EPS:
            return 1.0
        if x < self.low - EPS:
            return 0.0
        if self.sd <= 0:
            return float(self.centre <= x + EPS)
        return NormalDist(self.centre, self.sd).cdf(x + EPS)


Distribution = Discrete | Normal


def meets(dist: Distribution, target: float, direction: str) -> float:
    """P(the value meets `target`), unrounded."""
    return dist.at_least(target) if direction == "at_least" else dist.at_most(target)


def interval(dist: Distribution, coverage: float) -> tuple[float, float]:
    """The central interval holding `coverage` of the probability."""
    tail = (1.0 - coverage) / 2
    return dist.quantile(tail), dist.quantile(1.0 - tail)


def _grouped(
    parts: Iterable[tuple[int, np.ndarray]],
) -> dict[tuple[int, bytes], tuple[np.ndarray, int]]:
    """Identical parts together: (offset, bytes of the rounded pmf) → (pmf, how many). Parts of
    one length are compared as rows of one array (thousands of communes in one call)."""
    by_length: dict[int, tuple[list[int], list[np.ndarray]]] = {}
    for offset, pmf in parts:
        pmf = np.asarray(pmf, dtype=float)
        offsets, pmfs = by_length.setdefault(len(pmf), ([], []))
        offsets.append(offset)
        pmfs.append(pmf)
    groups: dict[tuple[int, bytes], tuple[np.ndarray, int]] = {}
    for offsets, pmfs in by_length.values():
        rows = np.round(np.vstack(pmfs), 12)
        keys = np.column_stack([np.asarray(offsets, dtype=float), rows])
        _, first, counts = np.unique(keys, axis=0, return_index=True, return_counts=True)
        for i, k in zip(first, counts, strict=True):
            _add_group(groups, offsets[i], pmfs[i], int(k))
    return groups


def _add_group(
    groups: dict[tuple[int, bytes], tuple[np.ndarray, int]], offset: int, pmf: np.ndarray, k: int
) -> None:
    """`k` parts equal to (offset, pmf), their zero ends trimmed, into `groups`."""
    nz = np.flatnonzero(pmf > 0)
    if nz.size == 0:
        raise ValueError("a part with no probability")
    pmf = pmf[nz[0] : nz[-1] + 1]
    key = (offset + int(nz[0]), np.round(pmf, 12).tobytes())
    held = groups.get(key)
    groups[key] = (pmf, k) if held is None else (held[0], held[1] + k)


def sum_of(parts: Iterable[tuple[int, np.ndarray]]) -> Discrete:
    """The distribution of the sum of independent parts, each `(offset, pmf)`."""
    return _sum_groups(_grouped(parts))


def _sum_groups(groups: dict[tuple[int, bytes], tuple[np.ndarray, int]]) -> Discrete:
    offset = sum(key[0] * k for key, (_, k) in groups.items())
    spread = [(pmf, k) for pmf, k in groups.values() if len(pmf) > 1]
    length = sum((len(pmf) - 1) * k for pmf, k in spread) + 1
    if length == 1:
        return Discrete(offset, np.ones(1))
    size = 1 << (length - 1).bit_length()
    total = np.ones(size // 2 + 1, dtype=complex)
    for pmf, k in spread:
        f = np.fft.rfft(pmf, size)
        total *= np.power(np.abs(f), k) * np.exp(1j * k * np.angle(f))
    out = np.fft.irfft(total, size)[:length]
    out = np.clip(out, 0.0, None)
    return Discrete(offset, out / out.sum())


def count_of(probabilities: Sequence[float] | np.ndarray, already: int = 0) -> Discrete:
    """Poisson-binomial: how many of independent events with these probabilities happen,
    plus `already`."""
    ps = np.clip(np.asarray(probabilities, dtype=float), 0.0, 1.0)
    certain = int((ps >= 1.0).sum())
    uncertain = ps[(ps > 0.0) & (ps < 1.0)]
    if not uncertain.size:
        return Discrete(already + certain, np.ones(1))
    values, counts = np.unique(np.round(uncertain, 12), return_counts=True)
    groups: dict[tuple[int, bytes], tuple[np.ndarray, int]] = {}
    for p, k in zip(values, counts, strict=True):
        _add_group(groups, 0, np.array([1.0 - p, p]), int(k))
    return _sum_groups(groups).shifted(already + certain)


def smallest_of(survivals: Sequence[np.ndarray]) -> Discrete:
    """The smallest of independent whole values from 0, each given by S[j] = P(value ≥ j)."""
    if not survivals:
        return Discrete(0, np.ones(1))
    size = max(len(s) for s in survivals)
    joint = np.ones(size + 1)
    for s in survivals:
        padded = np.zeros(size + 1)
        padded[: len(s)] = s
        joint *= padded
    pmf = joint[:-1] - joint[1:]
    return Discrete(0, np.clip(pmf, 0.0, None))


__all__ = [
    "EPS",
    "Discrete",
    "Distribution",
    "Normal",
    "count_of",
    "interval",
    "meets",
    "smallest_of",
    "sum_of",
]
