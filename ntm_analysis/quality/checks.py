"""Checks derived from the catalogue's relations: ratios, sums, averages, restatements, products
and counts of named items, each recomputed for every area where it is observed.

Each check takes the period's observations (`observations.py`) and returns findings; nothing
here is written per figure: adding a relation to `indicators.yml` adds its check. The checks of
each printed figure alone are in `printed.py`, those of the period tables in `tables.py`.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import pandas as pd

from ntm_analysis.dataset.findings import Finding, worded
from ntm_analysis.dataset.period import PeriodData
from ntm_analysis.dataset.relations import (
    AverageRangeRelation,
    AverageRelation,
    EqualRelation,
    ListedRelation,
    ProductRelation,
    RatioRelation,
    RelationBase,
    SumRelation,
)
from ntm_analysis.errors import Message
from ntm_analysis.i18n import N_
from ntm_analysis.quality.compare import CONSISTENT, DIFFERS, ROUNDING, TRUNCATED, compare
from ntm_analysis.quality.observations import (
    Figure,
    Label,
    Obs,
    Observations,
    Printed,
    Stated,
    _finding,
)
from ntm_analysis.quality.printed import check_ranges, check_transcription
from ntm_analysis.text.numbers import round_half_up

LOWER_BOUND = {"over", "more_than"}  # "trên", "hơn": the true value is at least the figure


VERDICT_TEXT = {
    TRUNCATED: N_("số in có vẻ bị cắt bớt thay vì làm tròn"),
    ROUNDING: N_("chênh lệch nằm trong sai số làm tròn"),
    DIFFERS: N_("không khớp"),
}  # a message value: Message(VERDICT_TEXT[verdict])
VERDICT_SEVERITY = {TRUNCATED: "warning", ROUNDING: "warning", DIFFERS: "error"}


def _sum_tolerance(parts: list[Obs], total: Obs) -> float:
    return total.half_unit + sum(p.half_unit for p in parts)


def _ratio_terms(relation: RatioRelation, num: Obs, den: Obs, pct: Obs) -> list[Finding]:
    """A zero denominator, or a numerator above its denominator (errors of the terms)."""
    names = [num.indicator, den.indicator, pct.indicator]
    if den.value == 0:
        return [
            _finding(
                "ratio",
                relation.id,
                pct,
                "error",
                names,
                pct.value,
                None,
                worded(N_("mẫu số bằng 0")),
            )
        ]
    if num.value > den.value:
        return [
            _finding(
                "range",
                relation.id,
                num,
                "error",
                names,
                num.value,
                den.value,
                worded(
                    N_("tử số {numerator} lớn hơn mẫu số {denominator}"),
                    numerator=Figure(num.value, num.unit),
                    denominator=Figure(den.value, den.unit),
                ),
            )
        ]
    return []


def check_ratio(relation: RatioRelation, obs: Observations) -> list[Finding]:
    """numerator / denominator × 100 against the printed percentage, per area."""
    out = []
    for area in obs.areas(relation.percent):
        pct = obs.get(relation.percent, area)
        num = obs.get(relation.numerator, area)
        den = obs.get(relation.denominator, area)
        if pct is None or num is None or den is None:
            continue
        names = [num.indicator, den.indicator, pct.indicator]
        out += _ratio_terms(relation, num, den, pct)
        if den.value == 0:
            continue
        computed = num.value / den.value * 100
        result = compare(pct.value, computed, pct.decimals)
        if result.verdict == CONSISTENT:
            continue
        out.append(
            _finding(
                "ratio",
                relation.id,
                pct,
                VERDICT_SEVERITY[result.verdict],
                names,
                pct.value,
                round(computed, 6),
                worded(
                    N_(
                        "tỷ lệ in {printed} nhưng {numerator}/{denominator} = {computed}: {verdict}"
                    ),
                    printed=Printed(pct),
                    numerator=Printed(num),
                    denominator=Printed(den),
                    computed=Figure(computed, "percent", pct.decimals + 2),
                    verdict=Message(VERDICT_TEXT[result.verdict]),
                ),
            )
        )
    return out


def _sum_verdict(total: Obs, present: list[Obs], computed: float, exhaustive: bool) -> str:
    """How the parts' sum compares with the total: CONSISTENT, or the verdict to report. Parts
    that are only "of which" items, or written "over …", may add up to less than the total; a
    total written "over …" may be less than its parts."""
    exact = not total.measure
    tolerance = _sum_tolerance(present, total)
    lower_bound_total = total.qualifier in LOWER_BOUND
    lower_bound_parts = any(p.qualifier in LOWER_BOUND for p in present)
    if not exhaustive or lower_bound_parts:
        if computed <= total.value + (0 if exact else tolerance) or lower_bound_total:
            return CONSISTENT
        return DIFFERS
    if lower_bound_total:
        if computed >= total.value - (0 if exact else tolerance):
            return CONSISTENT
        return DIFFERS
    return compare(total.value, computed, total.decimals, tolerance, exact).verdict


def check_sum(relation: SumRelation, obs: Observations) -> list[Finding]:
    """Total against the sum of its parts (exhaustive) or parts not above the total."""
    out = []
    exhaustive = bool(relation.exhaustive)
    for area in obs.areas(relation.total):
        total = obs.get(relation.total, area)
        parts = [obs.get(code, area) for code in relation.parts]
        present = [p for p in parts if p is not None]
        if total is None or not present or (exhaustive and len(present) != len(parts)):
            continue
        names = [total.indicator] + [p.indicator for p in present]
        computed = math.fsum(p.value for p in present)
        verdict = _sum_verdict(total, present, computed, exhaustive)
        if verdict == CONSISTENT:
            continue
        lower_bound_parts = any(p.qualifier in LOWER_BOUND for p in present)
        if exhaustive and not lower_bound_parts:
            message = worded(
                N_(
                    "tổng in {printed} nhưng cộng các thành phần được {computed} "
                    "(chênh {difference}): {verdict}"
                ),
                printed=Printed(total),
                computed=Figure(computed, total.unit),
                difference=Figure(total.value - computed, total.unit),
                verdict=Message(VERDICT_TEXT[verdict]),
            )
        else:
            message = worded(
                N_("các khoản 'trong đó' cộng lại {computed}, vượt tổng {printed}"),
                computed=Figure(computed, total.unit),
                printed=Printed(total),
            )
        out.append(
            _finding(
                "sum",
                relation.id,
                total,
                VERDICT_SEVERITY[verdict],
                names,
                total.value,
                computed,
                message,
            )
        )
    return out


def check_average(relation: AverageRelation, obs: Observations) -> list[Finding]:
    """An average against total / count (when the total is observed)."""
    out = []
    if not relation.total:
        return out
    for area in obs.areas(relation.average):
        avg = obs.get(relation.average, area)
        total = obs.get(relation.total, area)
        count = obs.get(relation.count, area)
        if avg is None or total is None or count is None or count.value == 0:
            continue
        computed = total.value / count.value
        result = compare(avg.value, computed, avg.decimals)
        if result.verdict == CONSISTENT:
            continue
        out.append(
            _finding(
                "average",
                relation.id,
                avg,
                VERDICT_SEVERITY[result.verdict],
                [avg.indicator, total.indicator, count.indicator],
                avg.value,
                round(computed, 6),
                worded(
                    N_("bình quân in {printed} nhưng {total}/{count} = {computed}: {verdict}"),
                    printed=Printed(avg),
                    total=Printed(total),
                    count=Printed(count),
                    computed=Figure(computed, avg.unit, avg.decimals + 2),
                    verdict=Message(VERDICT_TEXT[result.verdict]),
                ),
            )
        )
    return out


def check_average_range(relation: AverageRangeRelation, obs: Observations) -> list[Finding]:
    """A printed range of averages ("about 18–20 per group") against total / count."""
    out = []
    for area in obs.areas(relation.total):
        low, high = obs.get(relation.low, area), obs.get(relation.high, area)
        total, count = obs.get(relation.total, area), obs.get(relation.count, area)
        if None in (low, high, total, count) or count.value == 0:
            continue
        computed = total.value / count.value
        if low.value - low.half_unit <= computed < high.value + high.half_unit:
            continue
        approximate = "about" in (low.qualifier, high.qualifier)
        message = (
            N_("khoảng in {low}–{high} nhưng {total}/{count} = {computed} (số in là ước lượng)")
            if approximate
            else N_("khoảng in {low}–{high} nhưng {total}/{count} = {computed}")
        )
        out.append(
            _finding(
                "average",
                relation.id,
                low,
                "info" if approximate else "error",
                [low.indicator, high.indicator, total.indicator, count.indicator],
                [low.value, high.value],
                round(computed, 6),
                worded(
                    message,
                    low=Printed(low),
                    high=Printed(high),
                    total=Printed(total),
                    count=Printed(count),
                    computed=Figure(computed, low.unit, 2),
                ),
            )
        )
    return out


def check_equal(relation: EqualRelation, obs: Observations) -> list[Finding]:
    """The same figure stated more than once must agree."""
    out = []
    codes = relation.indicators
    for area in obs.areas(codes[0]):
        stated = [o for o in (obs.get(c, area) for c in codes) if o is not None]
        if len(stated) < 2:
            continue
        decimals = min(o.decimals for o in stated)
        values = {round_half_up(o.value, decimals) for o in stated}
        if len(values) == 1:
            continue
        out.append(
            _finding(
                "equal",
                relation.id,
                stated[0],
                "error",
                [o.indicator for o in stated],
                [o.value for o in stated],
                None,
                worded(
                    N_("cùng một số liệu được nêu khác nhau: {where}"), where=Stated(tuple(stated))
                ),
            )
        )
    return out


def check_product(relation: ProductRelation, obs: Observations) -> list[Finding]:
    """A total against the product of its factors (e.g. households × rate × months)."""
    out = []
    for area in obs.areas(relation.total):
        total = obs.get(relation.total, area)
        factors = [obs.get(c, area) for c in relation.factors]
        if total is None or any(f is None for f in factors):
            continue
        computed = math.prod(f.value for f in factors) * float(relation.scale)
        result = compare(total.value, computed, total.decimals)
        if result.verdict == CONSISTENT:
            continue
        verdict = result.verdict
        if verdict == DIFFERS and abs(total.value - computed) <= 0.005 * abs(total.value):
            verdict = ROUNDING
        out.append(
            _finding(
                "product",
                relation.id,
                total,
                VERDICT_SEVERITY[verdict],
                [total.indicator] + [f.indicator for f in factors],
                total.value,
                computed,
                worded(
                    N_("in {printed} nhưng tích các thừa số là {computed}: {verdict}"),
                    printed=Printed(total),
                    computed=Figure(computed, total.unit, 2),
                    verdict=Message(VERDICT_TEXT[verdict]),
                ),
            )
        )
    return out


def check_listed(relation: ListedRelation, obs: Observations, lists: pd.DataFrame) -> list[Finding]:
    """A count against the number of items the report actually lists."""
    out = []
    # items per area, counted once (not one scan of lists.csv per area)
    per_area = lists.loc[lists["list"] == relation.list, "area"].value_counts()
    for area in obs.areas(relation.count):
        count = obs.get(relation.count, area)
        listed = int(per_area.get(area, 0))
        if count is None or listed == count.value:
            continue
        out.append(
            _finding(
                "listed",
                relation.id,
                count,
                "error",
                [count.indicator],
                count.value,
                listed,
                worded(
                    N_("{label}: nêu {stated} nhưng chỉ liệt kê {listed}"),
                    label=Label(obs.catalogue, count.indicator),
                    stated=Printed(count),
                    listed=Figure(listed, ""),
                ),
            )
        )
    return out


RELATION_CHECKS: dict[type[RelationBase], Callable[[Any, Observations], list[Finding]]] = {
    RatioRelation: check_ratio,
    SumRelation: check_sum,
    AverageRelation: check_average,
    AverageRangeRelation: check_average_range,
    EqualRelation: check_equal,
    ProductRelation: check_product,
}


def check_relations(
    data: PeriodData, frame: pd.DataFrame | None = None, obs: Observations | None = None
) -> list[Finding]:
    """Every relation of the catalogue, checked for every area where it is observed
    (`obs`: the observations already indexed, to index them once)."""
    if obs is None:
        obs = Observations(data.observations if frame is None else frame, data.catalogue)
    out: list[Finding] = []
    for relation in data.catalogue.relations:
        if isinstance(relation, ListedRelation):
            out += check_listed(relation, obs, data.lists)
        elif type(relation) in RELATION_CHECKS:
            out += RELATION_CHECKS[type(relation)](relation, obs)
    out += check_transcription(obs)
    out += check_ranges(obs)
    return out
