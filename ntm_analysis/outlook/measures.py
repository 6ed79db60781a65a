"""Current and baseline values of a target's indicator: observed, computed or derived."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ntm_analysis.dataset.catalogue import Relation
from ntm_analysis.dataset.period import PeriodData
from ntm_analysis.dataset.targets import Target
from ntm_analysis.outlook import criteria

# Indicators that accumulate from January (a year's disbursement): their value at the end of
# the previous year is 0 by definition.
YEAR_TO_DATE = {"ntm_disbursement_pct", "ntm_disbursed"}

# Indicators counting communes whose criteria stand in a range, checked commune by commune:
# for a target with a list, the current value is the number of listed communes in the range.
COMMUNE_CRITERIA_RANGES: dict[str, tuple[int, int]] = {
    "registered_ntm_communes_19_criteria": (19, 19),
}

# Indicators counting all communes below a number of criteria.
COMMUNES_BELOW = {"communes_below_14_criteria": 14}

# Fewest items of one list (e.g. model hamlets by commune) in any commune of another list.
MIN_PER_MEMBER = {
    "advanced_communes_min_model_hamlets": ("communes_advanced_ntm", "hamlets_model_ntm"),
}


@dataclass(frozen=True)
class Measure:
    """A value (or an interval when only that is known) and how it was obtained."""

    value: float | None
    range: tuple[float, float] | None = None
    notes: tuple[str, ...] = ()

    def with_notes(self, *notes: str) -> Measure:
        return Measure(self.value, self.range, self.notes + tuple(n for n in notes if n))


NONE = Measure(None)

VERDICTS = {
    "certain": "reaches the target in every case",
    "possible": "may reach the target",
    "not_reached": "falls short in every case",
}


def _ratio_of(data: PeriodData, percent: str) -> Relation | None:
    for relation in data.catalogue.relations:
        if relation.kind == "ratio" and relation.get("percent") == percent:
            return relation
    return None


def _listed(data: PeriodData, count: str) -> str | None:
    """The list naming the items of `count`, when its length equals the reported count."""
    if not data.has(count):
        return None
    for relation in data.catalogue.relations:
        if relation.kind == "listed" and relation.get("count") == count:
            items = data.list_items(str(relation["list"]))
            if len(items) == data.value(count):
                return str(relation["list"])
    return None


def _fmt(value: float) -> str:
    return f"{value:.4f}".rstrip("0").rstrip(".")


def _ratio_current(data: PeriodData, target: Target) -> Measure | None:
    relation = _ratio_of(data, target.indicator)
    if relation is None:
        return None
    num, den = str(relation["numerator"]), str(relation["denominator"])
    if not (data.has(num, target.area) and data.has(den, target.area)):
        return None
    denominator = data.value(den, target.area)
    if denominator == 0:
        return None
    value = data.value(num, target.area) / denominator * 100
    note = f"computed unrounded as {num}/{den} = {_fmt(value)}%"
    if data.has(target.indicator, target.area):
        note += f" (printed {data.observation(target.indicator, target.area)['as_written']})"
    if relation.get("note"):
        note += f"; {relation.id}: {relation['note']}"
    return Measure(value, notes=(note,))


def _list_count(data: PeriodData, target: Target) -> Measure | None:
    bounds = COMMUNE_CRITERIA_RANGES.get(target.indicator)
    if bounds is None or not target.list:
        return None
    codes = set(data.list_items(target.list)["item"].astype(str))
    table = data.communes[data.communes["code"].astype(str).isin(codes)]
    lo, hi = bounds
    sure = int(((table["criteria_min"] >= lo) & (table["criteria_max"] <= hi)).sum())
    maybe = int(((table["criteria_max"] >= lo) & (table["criteria_min"] <= hi)).sum())
    where = f"of the {len(codes)} communes of list {target.list}, criteria {lo}–{hi}"
    observed = (
        data.value(target.indicator, target.area)
        if data.has(target.indicator, target.area)
        else None
    )
    if sure == maybe:
        note = f"{sure} {where} (communes table)"
        if observed is not None and observed != sure:
            note += f"; the reported {target.indicator} is {observed:g} (another set of communes)"
        return Measure(float(sure), notes=(note,))
    note = f"{sure}–{maybe} {where}"
    if observed is not None:
        return Measure(observed, (float(sure), float(maybe)), (f"reported figure; {note}",))
    return Measure(None, (float(sure), float(maybe)), (note,))


def _below(data: PeriodData, target: Target) -> Measure | None:
    threshold = COMMUNES_BELOW.get(target.indicator)
    if threshold is None or target.area != data.province or data.communes.empty:
        return None
    lo, hi = criteria.count_where(data, lambda v: v < threshold)
    note = (
        f"{lo}–{hi} communes below {threshold} criteria: bounds from the communes table and "
        "the reported bands (interval method)"
    )
    if lo == hi:
        return Measure(float(lo), notes=(note,))
    return Measure(None, (float(lo), float(hi)), (note + "; the exact count is not reported",))


def _min_per_member(data: PeriodData, target: Target) -> Measure | None:
    spec = MIN_PER_MEMBER.get(target.indicator)
    if spec is None:
        return None
    members_count, items_count = spec
    members, items = _listed(data, members_count), _listed(data, items_count)
    if members is None or items is None:
        return Measure(
            None,
            notes=(f"needs complete lists for {members_count} and {items_count}",),
        )
    codes = data.list_items(members)["item"].astype(str)
    held = data.list_items(items)["item"].astype(str).value_counts()
    per = codes.map(lambda c: int(held.get(c, 0)))
    lacking = int((per == 0).sum())
    note = (
        f"min over the {len(codes)} communes of {members} of their items in {items}; "
        f"{lacking} have none"
    )
    return Measure(float(per.min()), notes=(note,))


def _criteria_average(data: PeriodData, target: Target) -> Measure | None:
    if target.indicator != criteria.AVERAGE_INDICATOR or target.area != data.province:
        return None
    if not data.has(target.indicator) or data.communes.empty:
        return None
    position = criteria.criteria_position(data)
    lo, hi = position.total
    need = position.gain_needed(target.target)
    cap = position.capacity
    note = (
        f"total {lo}–{hi} criteria over {position.communes} communes (average "
        f"{_fmt(position.average[0])}–{_fmt(position.average[1])}, interval method); "
        f"reaching {target.target:g} needs +{_fmt(need[0])} to +{_fmt(need[1])} criteria; "
        f"communes below the top can supply {cap[0]}–{cap[1]}"
    )
    plan = _plan_scenario(data, target)
    notes = tuple(n for n in (note, plan) if n)
    return Measure(data.value(target.indicator), position.average, notes)


def _plan_scenario(data: PeriodData, target: Target) -> str:
    """The report's own plan as a scenario: registered communes reach the top, and no commune
    stays below the floor of a `COMMUNES_BELOW` target."""
    registered = data.communes["registered"].astype(str).isin(criteria.REGISTERED_NTM)
    codes = frozenset(data.communes.loc[registered, "code"].astype(str))
    top = data.criteria.commune_count
    rules: list[criteria.Rule] = [criteria.Reach(codes, top)] if codes else []
    words = [f"the {len(codes)} registered communes reach {top}"] if codes else []
    for other in data.targets:
        floor = COMMUNES_BELOW.get(other.indicator)
        if floor is not None and other.direction == "at_most" and other.target == 0:
            rules.append(criteria.Floor(floor))
            words.append(f"none stays below {floor}")
    if not rules:
        return ""
    result = criteria.run_scenario(data, rules, target_average=target.target)
    lo, hi = result.average
    return (
        f"plan scenario ({', '.join(words)}): average {_fmt(lo)}–{_fmt(hi)}, "
        f"{VERDICTS.get(result.verdict or '', '')}"
    )


DERIVERS: tuple[Callable[[PeriodData, Target], Measure | None], ...] = (
    _list_count,
    _below,
    _min_per_member,
    _criteria_average,
)


def current_measure(data: PeriodData, target: Target) -> Measure:
    """The indicator's value at the period: derived, computed unrounded, or observed."""
    for derive in DERIVERS:
        measure = derive(data, target)
        if measure is not None:
            return measure
    ratio = _ratio_current(data, target)
    if ratio is not None:
        return ratio
    if data.has(target.indicator, target.area):
        return Measure(data.value(target.indicator, target.area))
    return Measure(
        None,
        notes=(f"{target.indicator} is not reported for {data.period} and cannot be derived",),
    )


def baseline_measure(data: PeriodData, target: Target) -> Measure:
    """The indicator's value at the baseline period (end of the previous year), if known."""
    base = data.baseline
    if base is None:
        return Measure(None, notes=("no baseline period",))
    if base.has(target.indicator, target.area):
        return Measure(base.value(target.indicator, target.area))
    relation = _ratio_of(data, target.indicator)
    if relation is not None:
        num, den = str(relation["numerator"]), str(relation["denominator"])
        if base.has(num, target.area):
            if base.has(den, target.area):
                source, denominator = base.period, base.value(den, target.area)
            elif data.has(den, target.area):
                source, denominator = data.period, data.value(den, target.area)
            else:
                denominator = 0.0
            if denominator:
                value = base.value(num, target.area) / denominator * 100
                note = f"baseline {_fmt(value)}% = {num} ({base.period}) / {den} ({source})"
                if source != base.period:
                    note += ": assumes the denominator unchanged"
                return Measure(value, notes=(note,))
    if target.indicator in YEAR_TO_DATE:
        return Measure(0.0, notes=("baseline 0: the indicator accumulates from January",))
    return Measure(None, notes=(f"{target.indicator} not known at {base.period}",))
