"""Forecasts built from every commune's criteria at the year's end: the average criteria per
commune, communes below a floor, the smallest gain since the end of last year, and members of a
list holding an item (model hamlets in advanced communes)."""

from __future__ import annotations

import numpy as np

from ntm_analysis.dataset.relations import ListedRelation
from ntm_analysis.dataset.targets import Target
from ntm_analysis.outlook.communes import baseline_communes
from ntm_analysis.outlook.distribution import count_of, smallest_of, sum_of
from ntm_analysis.outlook.forecast.base import Forecast, summarise, without
from ntm_analysis.outlook.forecast.counts import _communes
from ntm_analysis.outlook.model import Model
from ntm_analysis.outlook.probability import within
from ntm_analysis.outlook.scenarios import plan_scenario

LIKELY_BELOW = 0.01  # a commune this likely to be below a floor now is named


def criteria_average(model: Model, target: Target) -> Forecast:
    """The average criteria per commune at the year's end, from every commune's distribution."""
    so = model.ntm()
    if so is None or so.end is None:
        return without(target, "criteria_average", ("communes",))
    n = len(so.frame)
    values = np.arange(so.top + 1)
    dist = sum_of((0, row) for row in so.end).scaled(1.0 / n)
    below = np.flatnonzero(so.now[:, so.top] < 1 - 1e-9)
    registered = so.frame["registered"].to_numpy(bool)
    lacking = below[registered[below]]
    facts = {
        "plan": plan_scenario(model.data, target.target),
        # the plan needs every registered commune lacking criteria at the top by the year's end
        "p_plan": float(np.prod(so.end[lacking, so.top])) if len(lacking) else 1.0,
        "communes": n,
        "total_now": float((so.now @ values).sum()),
        "total_end": float((so.end @ values).sum()),
        "total_goal": target.target * n,
        "lacking": _communes(so, lacking),
        "others": _communes(so, below[~registered[below]]),
        "others_gain": float(((so.end - so.now)[below[~registered[below]]] @ values).sum()),
        "others_below": float((1.0 - so.now[below[~registered[below]], so.top]).sum()),
    }
    return summarise(model, target, "criteria_average", dist, facts)


def communes_below(model: Model, target: Target) -> Forecast:
    """Communes below a floor of criteria at the year's end."""
    so = model.ntm()
    if so is None or so.end is None or target.area != model.data.province:
        return without(target, "communes_below", (target.indicator,))
    floor = int(target.measure["criteria"])
    now = so.now[:, :floor].sum(axis=1)
    end = so.end[:, :floor].sum(axis=1)
    dist = count_of(end)
    rows = np.flatnonzero(now > LIKELY_BELOW)
    codes = so.frame["code"].astype(str).to_numpy()[rows]
    facts = {
        "floor": floor,
        "below": _communes(so, rows),
        "p_below_now": dict(zip(codes, now[rows].tolist(), strict=True)),
        "p_below_end": dict(zip(codes, end[rows].tolist(), strict=True)),
        "expected_now": float(now.sum()),
    }
    return summarise(model, target, "communes_below", dist, facts)


def _baseline_pmf(lo: np.ndarray, hi: np.ndarray, size: int) -> np.ndarray:
    values = np.arange(size)
    inside = (values >= lo[:, None]) & (values <= hi[:, None])
    return inside / inside.sum(axis=1, keepdims=True)


def commune_gains(model: Model, target: Target) -> Forecast:
    """The smallest gain since the baseline of the communes below the top at the baseline."""
    so, data = model.ntm(), model.data
    base = baseline_communes(data)
    if so is None or so.end is None or base is None:
        return without(target, "commune_gains", ("baseline_communes",))
    top = so.top
    base = base[base["criteria_min"].astype(int) < top]
    index = {code: i for i, code in enumerate(so.frame["code"])}
    rows = [index[c] for c in base["code"].astype(str) if c in index]
    if not rows:
        return without(target, "commune_gains", ("baseline_communes",))
    kept = base[base["code"].astype(str).isin(index)]
    before = _baseline_pmf(
        kept["criteria_min"].to_numpy(int), kept["criteria_max"].to_numpy(int), top + 1
    )
    end = so.end[rows]
    size = top + 1
    tails = np.concatenate([np.cumsum(end[:, ::-1], axis=1)[:, ::-1], np.zeros((len(rows), 1))], 1)
    shift = np.minimum(np.add.outer(np.arange(size), np.arange(size)), size)  # b + j, capped
    survivals = np.einsum("rb,rbj->rj", before, tails[:, shift])  # P(end - base >= j)
    need = int(np.ceil(target.target))
    short = [i for i, s in zip(rows, survivals, strict=True) if need < size and s[need] < 1 - 1e-9]
    dist = smallest_of(list(survivals))
    facts = {"communes": len(rows), "short": _communes(so, np.array(short, dtype=int))}
    return summarise(model, target, "commune_gains", dist, facts)


def _listed(model: Model, count: str) -> str | None:
    """The list naming the items of `count`, when it is complete (its length is the count)."""
    data = model.data
    if not data.has(count):
        return None
    for relation in data.catalogue.relations_of(ListedRelation):
        if relation.count == count and len(data.list_items(str(relation.list))) == data.value(
            count
        ):
            return str(relation.list)
    return None


def members_holding(model: Model, target: Target) -> Forecast:
    """Members of a list (advanced communes) holding at least `target` items (model hamlets):
    all of them is the goal."""
    members_count = str(target.measure["members"])
    items_count = str(target.measure["items"])
    members, items = _listed(model, members_count), _listed(model, items_count)
    if members is None or items is None:
        return without(target, "members", (members_count, items_count))
    data, h = model.data, model.horizon
    codes = list(dict.fromkeys(data.list_items(members)["item"].astype(str)))
    held = data.list_items(items)["item"].astype(str).value_counts()
    per = {c: int(held.get(c, 0)) for c in codes}
    p_one = within(model.params.members.completion.value, h.months, h.reference)
    lacking = [c for c in codes if per[c] < target.target]
    ps = [p_one ** (target.target - per[c]) for c in lacking]
    dist = count_of(ps, already=len(codes) - len(lacking))
    facts = {
        "members": members,
        "items": items,
        "holding": [c for c in codes if per[c] >= target.target],
        "lacking": lacking,
        "total": len(codes),
    }
    return summarise(model, target, "members", dist, facts, goal=float(len(codes)))


__all__ = ["commune_gains", "communes_below", "criteria_average", "members_holding"]
