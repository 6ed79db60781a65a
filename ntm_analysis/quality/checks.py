"""Checks derived from the catalogue's relations, the value ranges, the targets and the tables.

Each check takes the period's observations and returns findings; nothing here is written per
figure: adding a relation to `indicators.yml` adds its check.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pandas as pd

from ntm_analysis.dataset.catalogue import Catalogue, Relation
from ntm_analysis.dataset.period import PeriodData
from ntm_analysis.errors import Message
from ntm_analysis.i18n import N_
from ntm_analysis.quality.compare import (
    CONSISTENT,
    DIFFERS,
    ROUNDING,
    TRUNCATED,
    compare,
    printed_decimals,
    unit_of,
)
from ntm_analysis.quality.findings import Finding, worded
from ntm_analysis.text.numbers import (
    VietnameseNumberError,
    format_value,
    read_printed,
    round_half_up,
)

LOWER_BOUND = {"over", "more_than"}  # "trên", "hơn": the true value is at least the figure


@dataclass(frozen=True)
class Obs:
    """One observation as the checks need it."""

    indicator: str
    area: str
    value: float
    as_written: str
    qualifier: str
    section: str
    unit: str
    measure: bool = True  # measured and rounded when printed (catalogue `kind: measure`)

    @property
    def decimals(self) -> int:
        return printed_decimals(self.as_written, self.value)

    @property
    def half_unit(self) -> float:
        return float(unit_of(self.decimals)) / 2


class Observations:
    """Observations indexed by (indicator, area), with their catalogue units."""

    def __init__(self, frame: pd.DataFrame, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self._by_key: dict[tuple[str, str], Obs] = {}
        self._areas: dict[str, list[str]] = {}
        for row in frame.itertuples(index=False):
            unit = catalogue[row.indicator].unit if row.indicator in catalogue else ""
            obs = Obs(
                row.indicator,
                row.area,
                float(row.value),
                row.as_written,
                row.qualifier,
                row.section,
                unit,
                catalogue.is_measure(unit),
            )
            self._by_key[(row.indicator, row.area)] = obs
            self._areas.setdefault(row.indicator, []).append(row.area)

    def get(self, indicator: str, area: str) -> Obs | None:
        return self._by_key.get((indicator, area))

    def areas(self, indicator: str) -> list[str]:
        return self._areas.get(indicator, [])

    def __iter__(self) -> Iterator[Obs]:
        return iter(self._by_key.values())


def _fmt(value: float, unit: str, decimals: int | None = None, lang: str = "en") -> str:
    return format_value(value, unit, lang, decimals)


def _shown(o: Obs, lang: str) -> str:
    """A printed figure in the message's locale: as printed in Vietnamese, re-formatted with
    the same decimals in English (a message never mixes `4.967` with `4,449`)."""
    if lang == "vi" and o.as_written:
        return o.as_written
    return format_value(o.value, o.unit, lang, o.decimals if o.as_written else None)


@dataclass(frozen=True)
class Printed:
    """A message value: an observation as printed, in the message's language (`_shown`)."""

    obs: Obs

    def render(self, lang: str) -> str:
        return _shown(self.obs, lang)


@dataclass(frozen=True)
class Figure:
    """A message value: a computed figure in the message's number format."""

    value: float
    unit: str
    decimals: int | None = None

    def render(self, lang: str) -> str:
        return _fmt(self.value, self.unit, self.decimals, lang)


@dataclass(frozen=True)
class Stated:
    """A message value: figures stated more than once, each with its section."""

    stated: tuple[Obs, ...]

    def render(self, lang: str) -> str:
        return ", ".join(f"{_shown(o, lang)} ({o.section})" for o in self.stated)


@dataclass(frozen=True)
class Label:
    """A message value: an indicator's label in the message's language."""

    catalogue: Catalogue
    code: str

    def render(self, lang: str) -> str:
        return self.catalogue.label(self.code, lang)


def _finding(
    check: str,
    relation_id: str,
    obs: Obs,
    severity: str,
    indicators: list[str],
    reported: object,
    computed: object,
    message: tuple[str, str],
) -> Finding:
    """A finding on `obs`'s area; `message` in Vietnamese and English (`worded`)."""
    vi, en = message
    return Finding(
        id=f"{check}:{relation_id}:{obs.area}",
        check=check,
        section=obs.section,
        severity=severity,
        area=obs.area,
        indicators=tuple(indicators),
        reported=reported,
        computed=computed,
        message_vi=vi,
        message_en=en,
    )


VERDICT_TEXT = {
    TRUNCATED: N_("số in có vẻ bị cắt bớt thay vì làm tròn"),
    ROUNDING: N_("chênh lệch nằm trong sai số làm tròn"),
    DIFFERS: N_("không khớp"),
}  # a message value: Message(VERDICT_TEXT[verdict])
VERDICT_SEVERITY = {TRUNCATED: "warning", ROUNDING: "warning", DIFFERS: "error"}


def _sum_tolerance(parts: list[Obs], total: Obs) -> float:
    return total.half_unit + sum(p.half_unit for p in parts)


def check_ratio(relation: Relation, obs: Observations) -> list[Finding]:
    """numerator / denominator × 100 against the printed percentage, per area."""
    out = []
    for area in obs.areas(relation["percent"]):
        pct = obs.get(relation["percent"], area)
        num = obs.get(relation["numerator"], area)
        den = obs.get(relation["denominator"], area)
        if pct is None or num is None or den is None:
            continue
        names = [num.indicator, den.indicator, pct.indicator]
        if den.value == 0:
            out.append(
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
            )
            continue
        if num.value > den.value:
            out.append(
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
            )
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


def check_sum(relation: Relation, obs: Observations) -> list[Finding]:
    """Total against the sum of its parts (exhaustive) or parts not above the total."""
    out = []
    exhaustive = bool(relation.get("exhaustive", True))
    for area in obs.areas(relation["total"]):
        total = obs.get(relation["total"], area)
        parts = [obs.get(code, area) for code in relation["parts"]]
        present = [p for p in parts if p is not None]
        if total is None or not present or (exhaustive and len(present) != len(parts)):
            continue
        names = [total.indicator] + [p.indicator for p in present]
        computed = math.fsum(p.value for p in present)
        exact = not total.measure
        tolerance = _sum_tolerance(present, total)
        lower_bound_total = total.qualifier in LOWER_BOUND
        lower_bound_parts = any(p.qualifier in LOWER_BOUND for p in present)
        if not exhaustive or lower_bound_parts:
            if computed <= total.value + (0 if exact else tolerance) or lower_bound_total:
                continue
            verdict = DIFFERS
        elif lower_bound_total:
            if computed >= total.value - (0 if exact else tolerance):
                continue
            verdict = DIFFERS
        else:
            verdict = compare(total.value, computed, total.decimals, tolerance, exact).verdict
            if verdict == CONSISTENT:
                continue
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


def check_average(relation: Relation, obs: Observations) -> list[Finding]:
    """An average against total / count (when the total is observed)."""
    out = []
    if not relation.get("total"):
        return out
    for area in obs.areas(relation["average"]):
        avg = obs.get(relation["average"], area)
        total = obs.get(relation["total"], area)
        count = obs.get(relation["count"], area)
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


def check_average_range(relation: Relation, obs: Observations) -> list[Finding]:
    """A printed range of averages ("about 18–20 per group") against total / count."""
    out = []
    for area in obs.areas(relation["total"]):
        low, high = obs.get(relation["low"], area), obs.get(relation["high"], area)
        total, count = obs.get(relation["total"], area), obs.get(relation["count"], area)
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


def check_equal(relation: Relation, obs: Observations) -> list[Finding]:
    """The same figure stated more than once must agree."""
    out = []
    codes = relation["indicators"]
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


def check_product(relation: Relation, obs: Observations) -> list[Finding]:
    """A total against the product of its factors (e.g. households × rate × months)."""
    out = []
    for area in obs.areas(relation["total"]):
        total = obs.get(relation["total"], area)
        factors = [obs.get(c, area) for c in relation["factors"]]
        if total is None or any(f is None for f in factors):
            continue
        computed = math.prod(f.value for f in factors) * float(relation.get("scale", 1))
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


def check_listed(relation: Relation, obs: Observations, lists: pd.DataFrame) -> list[Finding]:
    """A count against the number of items the report actually lists."""
    out = []
    # items per area, counted once (not one scan of lists.csv per area)
    per_area = lists.loc[lists["list"] == relation["list"], "area"].value_counts()
    for area in obs.areas(relation["count"]):
        count = obs.get(relation["count"], area)
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


def check_transcription(obs: Observations) -> list[Finding]:
    """`value` must equal the figure as written, read the Vietnamese way."""
    out = []
    for o in obs:
        if not o.as_written:
            continue
        try:
            parsed = read_printed(o.as_written, o.unit)
        except VietnameseNumberError as exc:
            message = worded(N_("số in không đọc được: {error}"), error=exc)
        else:
            if math.isclose(parsed, o.value, rel_tol=1e-12, abs_tol=1e-9):
                continue
            message = worded(
                N_("giá trị {value} khác số in {printed} (= {parsed})"),
                value=Figure(o.value, o.unit),
                printed=o.as_written,
                parsed=Figure(parsed, o.unit),
            )
        out.append(
            _finding(
                "transcription",
                o.indicator,
                o,
                "error",
                [o.indicator],
                o.as_written,
                o.value,
                message,
            )
        )
    return out


def check_ranges(obs: Observations) -> list[Finding]:
    """Shares within 0–100 %, nothing negative."""
    out = []
    for o in obs:
        if o.unit == "percent" and not 0 <= o.value <= 100:
            out.append(
                _finding(
                    "range",
                    o.indicator,
                    o,
                    "error",
                    [o.indicator],
                    o.value,
                    None,
                    worded(N_("tỷ lệ {share} nằm ngoài 0–100%"), share=Printed(o)),
                )
            )
        elif o.value < 0:
            out.append(
                _finding(
                    "range",
                    o.indicator,
                    o,
                    "error",
                    [o.indicator],
                    o.value,
                    None,
                    worded(N_("giá trị âm ({value})"), value=Printed(o)),
                )
            )
    return out


RelationCheck = Callable[[Relation, Observations], list[Finding]]
RELATION_CHECKS: dict[str, RelationCheck] = {
    "ratio": check_ratio,
    "sum": check_sum,
    "average": check_average,
    "average_range": check_average_range,
    "equal": check_equal,
    "product": check_product,
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
        if relation.kind == "listed":
            out += check_listed(relation, obs, data.lists)
        elif relation.kind in RELATION_CHECKS:
            out += RELATION_CHECKS[relation.kind](relation, obs)
    out += check_transcription(obs)
    out += check_ranges(obs)
    return out
