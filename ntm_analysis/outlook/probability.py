"""Probabilities over time: a probability stated for `reference` months, scaled to other spans
with a constant monthly rate, and the chance a commune is recognised by the cut-off.

A commune lacking `g` criteria meets them all at a random time with a constant rate (from the
parameter for `g`); once it meets them all it is recognised at a random time with the
recognition rate. It counts for the year when it meets every criterion by the year's end and
its recognition is signed by the cut-off (`months_left + cutoff` months from now).
"""

from __future__ import annotations

import math

import numpy as np

from ntm_analysis.outlook.parameters import ByGap


def rate(p: float, reference: float) -> float:
    """Monthly rate of an event with probability `p` within `reference` months (inf for 1)."""
    if p >= 1.0:
        return math.inf
    return -math.log1p(-p) / reference


def within(p: float, months: float, reference: float) -> float:
    """Probability of the event within `months`, from `p` within `reference` months."""
    if months <= 0:
        return 0.0
    if p >= 1.0:
        return 1.0
    return -math.expm1(months / reference * math.log1p(-p))


def recognised_by(
    complete: float, recognise: float, months: float, cutoff: float, ref: float
) -> float:
    """P(a commune meets its missing criteria within `months` and is recognised within
    `months + cutoff`), from the two per-`ref` probabilities (`complete` = 1: already meets
    them all)."""
    horizon = months + cutoff
    mu = rate(recognise, ref)
    if complete >= 1.0:  # already meets every criterion: only the recognition remains
        return 1.0 if math.isinf(mu) else -math.expm1(-mu * horizon)
    if months <= 0:
        return 0.0
    lam = rate(complete, ref)
    done = -math.expm1(-lam * months)
    if math.isinf(mu):
        return done
    if lam == 0.0:
        return 0.0
    # ∫0^m λe^(-λt) (1 - e^(-μ(H-t))) dt
    late = lam * math.exp(-mu * horizon)
    diff = lam - mu
    tail = months if abs(diff) < 1e-12 else -math.expm1(-diff * months) / diff
    return max(0.0, done - late * tail)


def gain_survival(table: ByGap, gap: int, months: float, ref: float) -> np.ndarray:
    """S[j] = P(at least j of the `gap` missing criteria are met within `months`), j = 0..gap.

    Closing j criteria is as likely as completing a commune that lacks exactly j (the table's
    value for j): the chance to close j criteria does not depend on how many more are lacking.
    """
    out = np.ones(gap + 1)
    for j in range(1, gap + 1):
        out[j] = within(table.at(j), months, ref)
    return np.minimum.accumulate(out)


def transition(table: ByGap, top: int, months: float, ref: float) -> np.ndarray:
    """T[v, w] = P(criteria w at the horizon | v now), v, w = 0..top (no criterion is lost)."""
    size = top + 1
    out = np.zeros((size, size))
    out[top, top] = 1.0
    for v in range(top):
        s = gain_survival(table, top - v, months, ref)
        probs = s - np.append(s[1:], 0.0)  # P(exactly j gained)
        out[v, v : top + 1] = probs
    return out


__all__ = ["gain_survival", "rate", "recognised_by", "transition", "within"]
