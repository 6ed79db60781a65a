"""Measure kinds declared in the targets file (`measure: {kind: …}`) and the rule each judges by.

- `year_to_date`: accumulates from January, so 0 at the end of the previous year;
- `commune_bands`: communes reaching a standard, from the registered communes' criteria bands
  (`reachable`, `possible`, `unlikely`: band-count indicators; `criteria`: a range counted over
  the target's list in the communes table);
- `district_ntm`: a district reaching the standard, from its district criteria and communes;
- `communes_below`: communes below `criteria`, from the bands' bounds (`possible_gain`);
- `min_per_member`: fewest `items` held by any commune of `members` (count indicators with
  complete lists);
- `criteria_average`: the average criteria per commune, as an interval, with scenarios
  (`possible_gain`).
Rules and thresholds: ASSUMPTIONS.md.
"""

from __future__ import annotations

from collections.abc import Callable

from ntm_analysis.dataset.period import PeriodData
from ntm_analysis.dataset.relations import ListedRelation
from ntm_analysis.dataset.targets import Target
from ntm_analysis.errors import InputError
from ntm_analysis.i18n import N_, t
from ntm_analysis.outlook import criteria, scenarios, wording
from ntm_analysis.outlook.measures import Measure, Verdict, kind_of, observed_current
from ntm_analysis.outlook.status import AT_RISK, MET, MISSED, OFF_TRACK, ON_TRACK
from ntm_analysis.outlook.wording import note, num, span

KINDS = (
    "year_to_date",
    "commune_bands",
    "district_ntm",
    "communes_below",
    "min_per_member",
    "criteria_average",
)


def _lower(text: str) -> str:
    return text[:1].lower() + text[1:]


def _spec(target: Target, key: str) -> object:
    if key not in target.measure:
        raise InputError(
            N_("mục tiêu {target!r}: cách đo {kind!r} cần khóa {key!r}"),
            column="measure",
            expected=N_("các khóa ghi trong docs/outlook.md cho cách đo này"),
            target=target.id,
            kind=kind_of(target),
            key=key,
        )
    return target.measure[key]


def _value(data: PeriodData, code: object, area: str) -> float | None:
    code = str(code or "")
    return data.value(code, area) if code and data.has(code, area) else None


# ---------------------------------------------------------------------------------------------
# The rules, as pure functions (ASSUMPTIONS.md)


def band_status(goal: float, reachable: float, possible: float) -> str:
    """A count of communes against the bands of those that can count: reachable alone suffice
    → on track; the possible ones are needed → at risk; more than those → off track."""
    if goal <= reachable:
        return ON_TRACK
    return AT_RISK if goal <= reachable + possible else OFF_TRACK


def district_status(criteria_gap: int, unrecognised: int, short: int) -> tuple[str, str]:
    """A district (mid-year, year-end): met with every criterion and commune; mid-year on track
    when only recognition votes remain, at risk with district criteria to go but every commune
    at the top, off track while a commune is still short of criteria."""
    if criteria_gap == 0 and unrecognised == 0:
        return MET, MET
    if short:
        return OFF_TRACK, MISSED
    return (AT_RISK if criteria_gap else ON_TRACK), MISSED


def below_status(high: float, goal: float, shortest: int, possible_gain: int) -> str:
    """'No commune below n': met when the bands' upper bound meets the goal; else at risk when
    the lowest possible commune is within `possible_gain` of n, off track beyond."""
    if high <= goal:
        return MET
    return AT_RISK if shortest <= possible_gain else OFF_TRACK


def per_member_status(needed: int, existing: int) -> str:
    """Items still needed in the last months against all the province holds so far: more than
    it ever built → off track, else at risk."""
    if needed == 0:
        return MET
    return OFF_TRACK if needed > existing else AT_RISK


def average_status(within_reach_verdict: str | None) -> str:
    """The average, from the scenario where every commune within reach of the top reaches it:
    falls short in every case → off track, else at risk (it needs communes to gain criteria)."""
    return OFF_TRACK if within_reach_verdict == "not_reached" else AT_RISK


# ---------------------------------------------------------------------------------------------
# Communes reaching a standard


def _list_count(data: PeriodData, target: Target) -> Measure | None:
    """Communes of the target's list whose criteria lie in the declared range (table)."""
    bounds = target.measure.get("criteria")
    if not bounds or not target.list or data.communes.empty:
        return None
    lo, hi = int(bounds[0]), int(bounds[1])
    codes = set(data.list_items(target.list)["item"].astype(str))
    table = data.communes[data.communes["code"].astype(str).isin(codes)]
    sure = int(((table["criteria_min"] >= lo) & (table["criteria_max"] <= hi)).sum())
    maybe = int(((table["criteria_max"] >= lo) & (table["criteria_min"] <= hi)).sum())

    def text(lang: str) -> str:
        return t(
            lang,
            "{count} trong {total} xã được giao chỉ tiêu đạt {criteria} tiêu chí (bảng xã)",
            count=span(sure, maybe, lang),
            total=len(codes),
            criteria=span(lo, hi, lang),
        )

    if sure == maybe:
        return Measure(float(sure), notes=(note(text),))
    observed = _value(data, target.indicator, target.area)
    return Measure(observed, (float(sure), float(maybe)), (note(text),))


# How likely a band of communes is to count by the year's end, translated at use.
BAND_ROLES = {
    "reachable": N_("coi như đạt được"),
    "possible": N_("có thể đạt"),
    "unlikely": N_("khó đạt trong những tháng còn lại"),
}


def _band_words(data: PeriodData, code: str, count: float, role: str) -> Callable[[str], str]:
    def text(lang: str) -> str:
        role_words = t(lang, BAND_ROLES[role])
        return f"{data.catalogue.label(code, lang)}: {num(count, lang)} ({role_words})"

    return text


def commune_bands(data: PeriodData, target: Target, closing: bool) -> Measure:
    """Year-end range of a count of communes from the bands of the communes that can count."""
    current = _list_count(data, target) or observed_current(data, target)
    roles = {r: str(target.measure.get(r) or "") for r in ("reachable", "possible", "unlikely")}
    counts = {r: _value(data, code, target.area) for r, code in roles.items()}
    reachable = counts["reachable"]
    if reachable is None or closing:
        return current
    possible = counts["possible"] or 0.0
    parts = [note(_band_words(data, roles[r], v, r)) for r, v in counts.items() if v is not None]
    high = reachable + possible

    def where(goal: float) -> str:
        return band_status(goal, reachable, possible)

    status = where(target.target)
    parts.append(
        note(
            lambda lang: t(
                lang,
                "cuối năm dự kiến {span} xã; mục tiêu {target}: {status}",
                span=span(reachable, high, lang),
                target=num(target.target, lang),
                status=_lower(wording.status_label(status, lang)),
            )
        )
    )
    if target.stretch is not None:
        stretch = where(target.stretch)
        parts.append(
            note(
                lambda lang: t(
                    lang,
                    "mức phấn đấu {stretch}: {status}",
                    stretch=num(target.stretch, lang),
                    status=_lower(wording.status_label(stretch, lang)),
                )
            )
        )
    return Measure(current.value, current.range, current.notes + tuple(parts), Verdict(status))


# ---------------------------------------------------------------------------------------------
# A district reaching the standard


def district_ntm(data: PeriodData, target: Target, closing: bool) -> Measure:
    """A district's district criteria and its communes (recognised, awaiting, still short)."""
    area = target.area
    if data.communes.empty:
        return observed_current(data, target)
    table = data.district_criteria
    rows = table[table["district_code"].astype(str) == area] if not table.empty else table
    met = int((rows["met"].astype(str) == "yes").sum()) if not rows.empty else None
    observed = _value(data, target.indicator, area)
    current = observed if observed is not None else (None if met is None else float(met))
    needed = data.criteria.district_count
    communes = data.communes[data.communes["district_code"].astype(str) == area]
    top = data.criteria.commune_count
    total = len(communes)
    recognised = int((communes["ntm_status"].astype(str) == "recognised").sum())
    at_top = int(
        (
            (communes["ntm_status"].astype(str) != "recognised") & (communes["criteria_min"] >= top)
        ).sum()
    )
    short = total - recognised - at_top
    if current is None or total == 0:
        return Measure(current)
    gap = max(0, needed - int(current))

    def text(lang: str) -> str:
        out = t(
            lang,
            "tiêu chí huyện: đạt {current}/{needed} (tự đánh giá), còn {gap}; cấp xã: "
            "{recognised}/{total} xã đã được công nhận, {at_top} xã đạt đủ {top} tiêu chí chờ "
            "bỏ phiếu công nhận",
            current=num(current, lang),
            needed=needed,
            gap=gap,
            recognised=recognised,
            total=total,
            at_top=at_top,
            top=top,
        )
        return out + (t(lang, ", {short} xã chưa đạt đủ tiêu chí", short=short) if short else "")

    mid, end = district_status(gap, total - recognised, short)
    return Measure(current, None, (note(text),), Verdict(mid), Verdict(end))


# ---------------------------------------------------------------------------------------------
# Communes below a number of criteria


def communes_below(data: PeriodData, target: Target, closing: bool) -> Measure | None:
    """Communes below a threshold, as an interval from the communes table and the bands."""
    threshold = int(_spec(target, "criteria"))  # type: ignore[arg-type]
    if target.area != data.province or data.communes.empty:
        return None
    lo, hi = criteria.count_where(data, lambda v: v < threshold)
    could = data.communes[data.communes["criteria_min"] < threshold]
    lowest = int(could["criteria_min"].min()) if not could.empty else threshold
    short = threshold - lowest
    gain = int(_spec(target, "possible_gain"))  # type: ignore[arg-type]

    def text(lang: str) -> str:
        out = t(
            lang,
            "các nhóm tiêu chí cho phép {span} xã dưới {threshold} tiêu chí",
            span=span(lo, hi, lang),
            threshold=threshold,
        )
        if hi > 0:
            out += t(
                lang,
                "; xã thấp nhất có thể ở mức {lowest}, thiếu {short} tiêu chí",
                lowest=lowest,
                short=short,
            )
        return out

    status = below_status(hi, target.target, short, gain)
    value = float(lo) if lo == hi else None
    return Measure(value, (float(lo), float(hi)), (note(text),), Verdict(status))


# ---------------------------------------------------------------------------------------------
# Fewest items per member of a list


def _listed(data: PeriodData, count: str) -> str | None:
    """The list naming the items of `count`, when its length equals the reported count."""
    if not data.has(count):
        return None
    for relation in data.catalogue.relations_of(ListedRelation):
        if relation.count == count:
            items = data.list_items(str(relation.list))
            if len(items) == data.value(count):
                return str(relation.list)
    return None


def min_per_member(data: PeriodData, target: Target, closing: bool) -> Measure:
    """Fewest items (e.g. model hamlets) in any commune of a list (e.g. advanced communes)."""
    members_count, items_count = str(_spec(target, "members")), str(_spec(target, "items"))
    members, items = _listed(data, members_count), _listed(data, items_count)
    label = data.catalogue.label
    if members is None or items is None:
        return Measure(
            None,
            notes=(
                note(
                    lambda lang: t(
                        lang,
                        "cần danh sách đầy đủ: {members} và {items}",
                        members=label(members_count, lang),
                        items=label(items_count, lang),
                    )
                ),
            ),
        )
    codes = data.list_items(members)["item"].astype(str)
    held = data.list_items(items)["item"].astype(str).value_counts()
    per = codes.map(lambda c: int(held.get(c, 0)))
    lacking = int((per < target.target).sum())
    needed = int(sum(max(0.0, target.target - p) for p in per))
    existing = int(held.sum())

    def text(lang: str) -> str:
        return t(
            lang,
            "{lacking}/{total} xã ({members}) chưa đủ; cần thêm {needed} trong khi toàn tỉnh "
            "hiện có {existing} ({items})",
            lacking=lacking,
            total=len(codes),
            members=label(members_count, lang),
            needed=needed,
            existing=existing,
            items=label(items_count, lang),
        )

    status = per_member_status(needed, existing)
    return Measure(float(per.min()), None, (note(text),), Verdict(status))


# ---------------------------------------------------------------------------------------------
# The average criteria per commune


def criteria_average(data: PeriodData, target: Target, closing: bool) -> Measure | None:
    """The average as an interval, the gain needed, the plan scenario, and a status from the
    scenario where every commune within reach of the top reaches it."""
    if target.area != data.province or data.communes.empty:
        return None
    if not data.has(target.indicator):
        return None
    position = criteria.criteria_position(data)
    if closing:
        notes = (scenarios.position_note(position, target.target),)
        return Measure(data.value(target.indicator), position.average, notes)
    gain = int(_spec(target, "possible_gain"))  # type: ignore[arg-type]
    top = data.criteria.commune_count
    within = scenarios.run_scenario(
        data, [scenarios.WithinReach(gain, top)], target_average=target.target
    )
    plan = scenarios.plan_scenario(data, target.target)
    notes = [
        scenarios.position_note(position, target.target),
        scenarios.within_reach_note(within, gain, top),
    ]
    if plan is not None:
        notes.append(scenarios.plan_note(plan))
    status = average_status(within.verdict)
    return Measure(data.value(target.indicator), position.average, tuple(notes), Verdict(status))


DERIVERS: dict[str, Callable[[PeriodData, Target, bool], Measure | None]] = {
    "commune_bands": commune_bands,
    "district_ntm": district_ntm,
    "communes_below": communes_below,
    "min_per_member": min_per_member,
    "criteria_average": criteria_average,
}


def measure_of_kind(data: PeriodData, target: Target, closing: bool = False) -> Measure | None:
    """The measure of a target's declared kind (None: measured by its indicator)."""
    kind = kind_of(target)
    if kind and kind not in KINDS:
        raise InputError(
            N_("mục tiêu {target!r}: không có cách đo {kind!r}"),
            column="measure",
            expected=N_("một trong {choices}"),
            target=target.id,
            kind=kind,
            choices=", ".join(KINDS),
        )
    derive = DERIVERS.get(kind)
    return None if derive is None else derive(data, target, closing)


def current_measure(data: PeriodData, target: Target, closing: bool = False) -> Measure:
    """The target's value at the period, by its declared kind or from its indicator."""
    measured = measure_of_kind(data, target, closing)
    return measured if measured is not None else observed_current(data, target)
