"""Exact feasibility of criteria per commune: every total consistent with the communes'
intervals and the reported band counts, by a dynamic programme over groups of interchangeable
communes (see ASSUMPTIONS.md, the interval method)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np


@dataclass(frozen=True)
class Band:
    """A reported count: `count` of the `members` communes have criteria in [lo, hi]."""

    indicator: str
    area: str
    lo: int
    hi: int
    count: int
    members: frozenset[str]


@dataclass(frozen=True)
class CommuneRange:
    """One commune's criteria interval."""

    code: str
    lo: int
    hi: int


# ---------------------------------------------------------------------------------------------
# Exact feasibility: a dynamic programme over groups of interchangeable communes


@dataclass
class _Dist:
    """Achievable totals (offset + index) with the least and greatest gain for each."""

    offset: int
    low: np.ndarray
    high: np.ndarray


_ONE = _Dist(0, np.zeros(1), np.zeros(1))


def _trim(d: _Dist) -> _Dist | None:
    ok = np.flatnonzero(np.isfinite(d.low))
    if ok.size == 0:
        return None
    a, b = int(ok[0]), int(ok[-1]) + 1
    return _Dist(d.offset + a, d.low[a:b], d.high[a:b])


def _conv(a: _Dist, b: _Dist) -> _Dist:
    # A shift when one side is a single total (most cells hold one value: exact communes).
    # Arrays are never written in place, so a shift without gain shares them.
    if len(a.low) == 1 and len(b.low) > 1:
        a, b = b, a
    if len(b.low) == 1:
        if b.low[0] == 0 and b.high[0] == 0:
            return _Dist(a.offset + b.offset, a.low, a.high)
        return _Dist(a.offset + b.offset, a.low + b.low[0], a.high + b.high[0])
    size = len(a.low) + len(b.low) - 1
    low = np.full(size, np.inf)
    high = np.full(size, -np.inf)
    for i in np.flatnonzero(np.isfinite(b.low)):
        part = slice(int(i), int(i) + len(a.low))
        low[part] = np.minimum(low[part], a.low + b.low[i])
        high[part] = np.maximum(high[part], a.high + b.high[i])
    return _Dist(a.offset + b.offset, low, high)


def _merge(a: _Dist | None, b: _Dist) -> _Dist:
    if a is None:
        return b
    start = min(a.offset, b.offset)
    end = max(a.offset + len(a.low), b.offset + len(b.low))
    low = np.full(end - start, np.inf)
    high = np.full(end - start, -np.inf)
    for d in (a, b):
        part = slice(d.offset - start, d.offset - start + len(d.low))
        low[part] = np.minimum(low[part], d.low)
        high[part] = np.maximum(high[part], d.high)
    return _Dist(start, low, high)


def _single(values: Sequence[int], gains: Sequence[int]) -> _Dist:
    first = min(values)
    low = np.full(max(values) - first + 1, np.inf)
    for v, g in zip(values, gains, strict=True):
        low[v - first] = g
    high = np.where(np.isfinite(low), low, -np.inf)
    return _Dist(first, low, high)


Gain = Callable[[str, int], int]


def feasible_totals(
    ranges: Sequence[CommuneRange], bands: Sequence[Band], gain: Gain | None = None
) -> dict[int, tuple[int, int]]:
    """Every total of criteria consistent with the intervals and the band counts.

    Maps each achievable total to the least and greatest sum of `gain(code, value)` over the
    communes among the assignments giving that total (0 without `gain`). Empty when the
    aggregates contradict each other.
    """
    if gain is None:  # the position without a scenario: asked for by more than one view
        return dict(_plain_totals(tuple(ranges), tuple(bands)))
    return _feasible(ranges, bands, gain)


@lru_cache(maxsize=8)
def _plain_totals(
    ranges: tuple[CommuneRange, ...], bands: tuple[Band, ...]
) -> tuple[tuple[int, tuple[int, int]], ...]:
    """`feasible_totals` without gain, remembered for the same (immutable) inputs."""
    return tuple(_feasible(ranges, bands, lambda _code, _value: 0).items())


Key = tuple  # a group of interchangeable communes: (lo, hi, bands it may count in, gains)


def _groups(ranges: Sequence[CommuneRange], bands: Sequence[Band], gain: Gain) -> dict[Key, int]:
    """Communes grouped by interval, bands they are members of, and gains: group → size."""
    bands_of_code: dict[str, list[int]] = {}
    for j, b in enumerate(bands):
        for code in b.members:
            bands_of_code.setdefault(code, []).append(j)
    groups: dict[Key, int] = {}
    for r in ranges:
        if r.lo > r.hi:
            raise ValueError(f"commune {r.code}: criteria_min {r.lo} > criteria_max {r.hi}")
        relevant = tuple(bands_of_code.get(r.code, ()))
        gains = tuple(int(gain(r.code, v)) for v in range(r.lo, r.hi + 1))
        key = (r.lo, r.hi, relevant, gains)
        groups[key] = groups.get(key, 0) + 1
    return groups


def _cells(key: Key, bands: Sequence[Band]) -> dict[tuple[int, ...], list[int]]:
    """A group's values by cell: the set of its bands each value falls in."""
    lo, hi, relevant, _ = key
    cells: dict[tuple[int, ...], list[int]] = {}
    for v in range(lo, hi + 1):
        cells.setdefault(tuple(j for j in relevant if bands[j].lo <= v <= bands[j].hi), []).append(
            v
        )
    return cells


def _reach(keys: list[Key], groups: dict[Key, int], bands: Sequence[Band]) -> np.ndarray:
    """reach[i, j]: communes of the groups from i on that could still count towards band j."""
    reach = np.zeros((len(keys) + 1, len(bands)), dtype=int)
    for i in range(len(keys) - 1, -1, -1):
        lo, hi, relevant, _ = keys[i]
        reach[i] = reach[i + 1]
        for j in relevant:
            if lo <= bands[j].hi and bands[j].lo <= hi:
                reach[i, j] += groups[keys[i]]
    return reach


State = tuple[int, ...]  # communes counted so far towards each band


def _add_group(
    states: dict[State, _Dist], key: Key, size: int, bands: Sequence[Band], need: State
) -> dict[tuple[State, int], _Dist]:
    """The states after spreading the group's `size` communes over its cells in every way that
    keeps each band's count within its need."""
    lo, _, _, gains = key
    cells = _cells(key, bands)
    partial = {(counts, size): dist for counts, dist in states.items()}
    for c, (sig, values) in enumerate(cells.items()):
        one = _single(values, [gains[v - lo] for v in values])
        powers = [_ONE]
        last = c == len(cells) - 1
        new: dict[tuple[State, int], _Dist] = {}
        for (counts, rem), dist in partial.items():
            for m in [rem] if last else range(rem + 1):
                bumped = list(counts)
                for j in sig:
                    bumped[j] += m
                if any(bumped[j] > need[j] for j in sig):
                    break
                while len(powers) <= m:
                    powers.append(_conv(powers[-1], one))
                k = (tuple(bumped), rem - m)
                new[k] = _merge(new.get(k), _conv(dist, powers[m]))
        partial = new
    return partial


def _feasible(
    ranges: Sequence[CommuneRange], bands: Sequence[Band], gain: Gain
) -> dict[int, tuple[int, int]]:
    """The dynamic programme of `feasible_totals`."""
    groups = _groups(ranges, bands, gain)
    # Groups that cannot branch (values in one cell) first: the states stay few until the
    # interval communes come (the result does not depend on the order).
    keys = sorted(groups, key=lambda key: len(_cells(key, bands)) > 1)
    reach = _reach(keys, groups, bands)
    need = tuple(b.count for b in bands)
    if any(need[j] > reach[0, j] for j in range(len(bands))):
        return {}  # a band asks for more communes than can ever count towards it
    states: dict[State, _Dist] = {tuple(0 for _ in bands): _ONE}
    for i, key in enumerate(keys):
        partial = _add_group(states, key, groups[key], bands, need)
        # Only the group's bands can have become unreachable: other counts and reaches are
        # unchanged since the previous group (or the check above, for the first group).
        limits = [(j, need[j] - int(reach[i + 1, j])) for j in key[2]]
        states = {}
        for (counts, _), dist in partial.items():
            if all(counts[j] >= limit for j, limit in limits):
                trimmed = _trim(dist)
                if trimmed is not None:
                    states[counts] = trimmed
    final = states.get(need)
    if final is None:
        return {}
    return {
        final.offset + int(i): (int(final.low[i]), int(final.high[i]))
        for i in np.flatnonzero(np.isfinite(final.low))
    }
