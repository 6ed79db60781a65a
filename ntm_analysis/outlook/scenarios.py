"""Scenarios on the criteria per commune: rules applied to every commune, the year-end total
over every current assignment consistent with the aggregates, and the report's own plan."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

from ntm_analysis.dataset.files import read_csv_frame
from ntm_analysis.dataset.period import PeriodData
from ntm_analysis.errors import InputError, InputErrors
from ntm_analysis.i18n import N_, t
from ntm_analysis.outlook.criteria import (
    CriteriaPosition,
    InconsistentAggregates,
    allowed_totals,
    average_constraint,
    band_members,
    band_specs,
    bands_of,
    commune_ranges,
    feasible_totals,
)
from ntm_analysis.outlook.wording import Note, note, num, span


@dataclass(frozen=True)
class Reach:
    """The named communes reach at least `level` criteria."""

    codes: frozenset[str]
    level: int
    name: str = "reach"

    def __call__(self, code: str, value: int) -> int:
        return max(value, self.level) if code in self.codes else value


@dataclass(frozen=True)
class Floor:
    """No commune stays below `level` criteria."""

    level: int
    name: str = "floor"

    def __call__(self, code: str, value: int) -> int:
        return max(value, self.level)


@dataclass(frozen=True)
class WithinReach:
    """Every commune at most `gain` criteria short of `top` reaches it."""

    gain: int
    top: int
    name: str = "within_reach"

    def __call__(self, code: str, value: int) -> int:
        return self.top if self.top - self.gain <= value < self.top else value


@dataclass(frozen=True)
class RaiseBy:
    """Every commune gains at least `n` criteria over its baseline, capped at `top`.

    Without a per-commune baseline the current value stands in for it: an upper bound of the
    scenario, since a commune's baseline is at most its current count.
    """

    n: int
    top: int
    baseline: Mapping[str, int] | None = None
    name: str = "raise_by"

    def __call__(self, code: str, value: int) -> int:
        base = value if self.baseline is None else self.baseline.get(code, value)
        return max(value, min(self.top, base + self.n))


@dataclass(frozen=True)
class Override:
    """Fixed year-end values for some communes."""

    values: Mapping[str, int]
    name: str = "override"

    def __call__(self, code: str, value: int) -> int:
        return int(self.values.get(code, value))


Rule = Callable[[str, int], int]


def apply_rules(rules: Sequence[Rule], code: str, value: int) -> int:
    """A commune's year-end criteria after the rules, in order."""
    for rule in rules:
        value = rule(code, value)
    return value


def reach_list(data: PeriodData, list_name: str, level: int | None = None) -> Reach:
    """Rule: the communes of a named list (lists.csv) reach `level` (default: all criteria)."""
    items = data.list_items(list_name)
    if items.empty:
        raise KeyError(f"list {list_name!r} is empty or absent in {data.period}")
    level = data.criteria.commune_count if level is None else level
    return Reach(frozenset(items["item"].astype(str)), level, name=f"reach:{list_name}")


def load_overrides(path: str | Path, top: int, known: Iterable[str]) -> Override:
    """Per-commune year-end criteria from a CSV with columns `code,criteria`."""
    path = Path(path)
    frame = read_csv_frame(path)  # within the size, column and row limits
    missing = [c for c in ("code", "criteria") if c not in frame.columns]
    if missing:
        raise InputError(
            N_("thiếu cột {missing}"),
            path=path,
            expected=N_("các cột code,criteria"),
            missing=missing,
        )
    known = set(known)
    errors: list[InputError] = []
    values: dict[str, int] = {}
    for line, (code, text) in enumerate(zip(frame["code"], frame["criteria"], strict=True), 2):
        code = code.strip()
        if code not in known:
            errors.append(
                InputError(
                    N_("mã xã {code!r} không có trong danh sách xã"),
                    path=path,
                    row=line,
                    column="code",
                    code=code,
                )
            )
            continue
        try:
            value = int(text)
        except ValueError:
            value = -1
        if not 0 <= value <= top:
            errors.append(
                InputError(
                    N_("{text!r} không phải là số tiêu chí"),
                    path=path,
                    row=line,
                    column="criteria",
                    expected=N_("một số nguyên từ 0 đến {top}"),
                    text=text,
                    top=top,
                )
            )
            continue
        values[code] = value
    if errors:
        raise InputErrors(errors)
    return Override(values, name=f"override:{path.name}")


@dataclass(frozen=True)
class ScenarioResult:
    """Year-end total and average under a scenario (intervals), against a target average."""

    name: str
    communes: int
    total: tuple[int, int]
    target_average: float | None = None

    @property
    def average(self) -> tuple[float, float]:
        return self.total[0] / self.communes, self.total[1] / self.communes

    @property
    def verdict(self) -> str | None:
        """`certain`, `possible` or `not_reached` for the target average."""
        if self.target_average is None:
            return None
        goal = Fraction(Decimal(str(self.target_average))) * self.communes
        if self.total[0] >= goal:
            return "certain"
        return "possible" if self.total[1] >= goal else "not_reached"


def check_communes(rules: Sequence[Rule], known: set[str]) -> None:
    """Raise InputError when a rule names communes the period's communes table lacks."""
    for rule in rules:
        named = getattr(rule, "codes", None) or getattr(rule, "values", None) or ()
        unknown = sorted(str(c) for c in named if str(c) not in known)
        if unknown:
            raise InputError(
                N_("quy tắc kịch bản {rule!r} nêu các xã không có trong bảng xã: {codes}"),
                expected=N_("mã GSO của các xã trong kỳ (communes.csv, cột code)"),
                rule=getattr(rule, "name", "rule"),
                codes=", ".join(unknown),
            )


def run_scenario(
    data: PeriodData,
    rules: Sequence[Rule],
    name: str = "",
    target_average: float | None = None,
) -> ScenarioResult:
    """Project the year-end total under `rules`, over every current assignment consistent with
    the aggregates."""
    ranges = commune_ranges(data.communes)
    check_communes(rules, {r.code for r in ranges})

    def gain(code: str, value: int) -> int:
        return apply_rules(rules, code, value) - value

    feasible = feasible_totals(ranges, bands_of(data), gain)
    _, average_range = average_constraint(data)
    allowed = allowed_totals(data, feasible, average_range)
    if not allowed:
        raise InconsistentAggregates(N_("các số liệu tổng hợp mâu thuẫn nhau"))
    low = min(t + feasible[t][0] for t in allowed)
    high = max(t + feasible[t][1] for t in allowed)
    label = name or "+".join(getattr(r, "name", "rule") for r in rules) or "no change"
    return ScenarioResult(label, len(ranges), (low, high), target_average)


# ---------------------------------------------------------------------------------------------
# The report's own plan


@dataclass(frozen=True)
class Plan:
    """The plan as a scenario: the communes the bands of a `commune_bands` target count reach
    the top, and no commune stays below the floor of a `communes_below` target of 0."""

    registered: frozenset[str]
    top: int
    floors: tuple[int, ...]
    result: ScenarioResult

    def rules(self) -> list[Rule]:
        """The plan's rules, to extend in an analyst's own scenario."""
        return plan_rules(self.registered, self.top, self.floors)


def plan_rules(registered: frozenset[str], top: int, floors: Sequence[int]) -> list[Rule]:
    """Registered communes reach the top, then no commune stays below each floor."""
    rules: list[Rule] = [Reach(registered, top)] if registered else []
    return rules + [Floor(f) for f in floors]


def plan_communes(data: PeriodData) -> frozenset[str]:
    """Communes counted by the bands of the year's `commune_bands` targets (the registered
    communes), from the catalogue's declaration of the band indicator."""
    specs = band_specs(data)
    codes: set[str] = set()
    for target in data.targets:
        if target.measure.get("kind") != "commune_bands":
            continue
        spec = specs.get(str(target.measure.get("reachable") or ""))
        if spec is not None:
            codes |= band_members(data.communes, spec, data.province, data.province)
    return frozenset(codes)


def plan_floors(data: PeriodData) -> tuple[int, ...]:
    """Floors of the year's `communes_below` targets asking for no commune below them."""
    return tuple(
        int(t.measure["criteria"])
        for t in data.targets
        if t.measure.get("kind") == "communes_below"
        and t.direction == "at_most"
        and t.target == 0
        and "criteria" in t.measure
    )


def plan_scenario(data: PeriodData, target_average: float | None = None) -> Plan | None:
    """The plan scenario (None when the targets declare nothing to build it from)."""
    if data.communes.empty:
        return None
    registered, floors = plan_communes(data), plan_floors(data)
    if not registered and not floors:
        return None
    top = data.criteria.commune_count
    result = run_scenario(data, plan_rules(registered, top, floors), "plan", target_average)
    return Plan(registered, top, floors, result)


# What a scenario says of the target, translated at use.
VERDICTS = {
    "certain": N_("đạt mục tiêu trong mọi trường hợp"),
    "possible": N_("có thể đạt mục tiêu"),
    "not_reached": N_("không đạt mục tiêu trong mọi trường hợp"),
}


def verdict_words(result: ScenarioResult, lang: str) -> str:
    """What a scenario says of the target average, in words ("" without a target)."""
    if result.verdict not in VERDICTS:
        return ""
    return t(lang, VERDICTS[result.verdict])


def plan_note(plan: Plan) -> Note:
    lo, hi = plan.result.average

    def text(lang: str) -> str:
        n = len(plan.registered)
        what = [t(lang, "{n} xã đăng ký đạt đủ {top} tiêu chí", n=n, top=plan.top)] if n else []
        what += [t(lang, "không xã nào dưới {floor} tiêu chí", floor=f) for f in plan.floors]
        return t(
            lang,
            "theo kế hoạch ({what}): bình quân {average}, {verdict}",
            what=", ".join(what),
            average=span(lo, hi, lang, 2),
            verdict=verdict_words(plan.result, lang),
        )

    return note(text)


def within_reach_note(result: ScenarioResult, gain: int, top: int) -> Note:
    lo, hi = result.average

    def text(lang: str) -> str:
        return t(
            lang,
            "nếu mọi xã còn thiếu tối đa {gain} tiêu chí đều đạt đủ {top}: bình quân "
            "{average}, {verdict}",
            gain=gain,
            top=top,
            average=span(lo, hi, lang, 2),
            verdict=verdict_words(result, lang),
        )

    return note(text)


def position_note(position: CriteriaPosition, target_average: float) -> Note:
    lo, hi = position.total
    need = position.gain_needed(target_average)
    cap = position.capacity
    a_lo, a_hi = position.average

    def text(lang: str) -> str:
        return t(
            lang,
            "tổng {total} tiêu chí trên {communes} xã (bình quân {average}); để đạt {target} "
            "cần thêm {need} tiêu chí; các xã chưa đạt đủ còn có thể tăng {capacity} tiêu chí",
            total=span(lo, hi, lang),
            communes=position.communes,
            average=span(a_lo, a_hi, lang, 2),
            target=num(target_average, lang),
            need=span(need[0], need[1], lang, 1),
            capacity=span(cap[0], cap[1], lang),
        )

    return note(text)
