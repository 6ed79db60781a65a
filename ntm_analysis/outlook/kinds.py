"""Measure kinds declared in the targets file (`measure: {kind: …}`): what a target's value is
at the period, and how the close of the year reads it.

- `year_to_date`: accumulates from January, so 0 at the end of the previous year;
- `commune_bands`: communes reaching a standard; with `criteria`, the target's list counted in
  the communes table, else the reported band of those at the top;
- `district_ntm`: a district's district criteria met (the year's end: met with every criterion
  and every commune recognised);
- `communes_below`: communes below `criteria`, the reported count when typed;
- `commune_gains`: the smallest gain since the baseline of the communes below the top then;
- `min_per_member`: members of a complete list holding the items (model hamlets per advanced
  commune): its value is how many hold them, its goal all of them;
- `criteria_average`: the printed average criteria per commune.

The forecast of each kind is `outlook.forecast`; the rules and parameters are in ASSUMPTIONS.md.
"""

from __future__ import annotations

from collections.abc import Callable

from ntm_analysis.dataset.period import PeriodData
from ntm_analysis.dataset.targets import Target
from ntm_analysis.errors import InputError
from ntm_analysis.i18n import N_, t
from ntm_analysis.outlook import wording
from ntm_analysis.outlook.communes import RECOGNISED, baseline_communes
from ntm_analysis.outlook.distribution import count_of, interval
from ntm_analysis.outlook.districts import criteria_met
from ntm_analysis.outlook.forecast.values import members_holding
from ntm_analysis.outlook.measures import Measure, Verdict, kind_of, observed_current
from ntm_analysis.outlook.model import model_of
from ntm_analysis.outlook.status import MET, MISSED
from ntm_analysis.outlook.wording import note, span

KINDS = (
    "year_to_date",
    "commune_bands",
    "district_ntm",
    "communes_below",
    "commune_gains",
    "min_per_member",
    "criteria_average",
)


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
    return Measure(None, (float(sure), float(maybe)), (note(text),))


def commune_bands(data: PeriodData, target: Target, closing: bool) -> Measure:
    """Communes of the target's list at the top (table), else the reported band."""
    return _list_count(data, target) or observed_current(data, target)


def district_ntm(data: PeriodData, target: Target, closing: bool) -> Measure:
    """A district's criteria met; the year's end reads it with its communes recognised."""
    met, _ = criteria_met(data, target.area)
    if met is None:
        return observed_current(data, target)
    needed = data.criteria.district_count
    communes = data.communes[data.communes["district_code"].astype(str) == target.area]
    recognised = int((communes.get("ntm_status", communes["code"]).astype(str) == RECOGNISED).sum())
    total = len(communes)

    def text(lang: str) -> str:
        return t(
            lang,
            "tiêu chí huyện: đạt {met}/{needed}; xã: {recognised}/{total} xã đã được công nhận",
            met=met,
            needed=needed,
            recognised=recognised,
            total=total,
        )

    done = met >= needed and recognised == total
    end = Verdict(MET if done else MISSED)
    return Measure(float(met), None, (note(text),), year_end=end)


def communes_below(data: PeriodData, target: Target, closing: bool) -> Measure:
    """The reported count when typed; else, mid-year, the forecast's range of the count now
    (the close of the year needs the typed count)."""
    if data.has(target.indicator, target.area):
        return Measure(data.value(target.indicator, target.area))
    so = model_of(data).ntm()
    if closing or so is None or target.area != data.province:
        return Measure(None, notes=(wording.needs(data, (target.indicator,)),))
    floor = int(_spec(target, "criteria"))  # type: ignore[arg-type]
    now = count_of(so.now[:, :floor].sum(axis=1))
    low, high = interval(now, model_of(data).params.interval.value)
    return Measure(None, (low, high), (wording.estimated_now(),))


def commune_gains(data: PeriodData, target: Target, closing: bool) -> Measure:
    """Smallest gain since the baseline of the communes below the top then (exact tables)."""
    base = baseline_communes(data)
    if base is None or data.communes.empty:
        return Measure(None, notes=(wording.needs(data, ("baseline_communes",)),))
    top = data.criteria.commune_count
    base = base[base["criteria_min"].astype(int) < top].set_index("code")
    now = data.communes.set_index("code")
    common = base.index.intersection(now.index)
    low = now.loc[common, "criteria_min"].astype(int) - base.loc[common, "criteria_max"].astype(int)
    high = now.loc[common, "criteria_max"].astype(int) - base.loc[common, "criteria_min"].astype(
        int
    )
    if common.empty:
        return Measure(None, notes=(wording.needs(data, ("baseline_communes",)),))
    lo, hi = float(low.min()), float(high.min())
    return Measure(lo) if lo == hi else Measure(None, (lo, hi))


def min_per_member(data: PeriodData, target: Target, closing: bool) -> Measure:
    """How many members hold the items; the goal is every member (`forecast` gives it)."""
    forecast = members_holding(model_of(data), target)
    if forecast.needs:
        return Measure(None, notes=(wording.needs(data, forecast.needs),))
    holding = float(len(forecast.facts["holding"]))
    end = Verdict(MET if holding >= forecast.goal else MISSED)
    return Measure(holding, year_end=end)


def criteria_average(data: PeriodData, target: Target, closing: bool) -> Measure | None:
    """The printed average (None: measured by the indicator)."""
    return None


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


DERIVERS: dict[str, Callable[[PeriodData, Target, bool], Measure | None]] = {
    "commune_bands": commune_bands,
    "district_ntm": district_ntm,
    "communes_below": communes_below,
    "commune_gains": commune_gains,
    "min_per_member": min_per_member,
    "criteria_average": criteria_average,
}


def check_kind(target: Target) -> None:
    """InputError when a target declares a kind the outlook does not know."""
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


def current_measure(data: PeriodData, target: Target, closing: bool = False) -> Measure:
    """The target's value at the period, by its declared kind or from its indicator."""
    check_kind(target)
    derive = DERIVERS.get(kind_of(target))
    measured = None if derive is None else derive(data, target, closing)
    return measured if measured is not None else observed_current(data, target)


__all__ = ["DERIVERS", "KINDS", "check_kind", "current_measure"]
