"""Current and baseline values of a target's indicator: observed, computed or derived.

How a target is measured is declared with it (`measure: {kind: …}` in data/targets/<year>.yml);
a target without a declaration is measured by its indicator: observed, or recomputed unrounded
from the catalogue's ratio. The kinds, and `current_measure` choosing between them and the
indicator, are in `outlook.kinds` (which builds on this module).
"""

from __future__ import annotations

from dataclasses import dataclass

from ntm_analysis.dataset.period import PeriodData
from ntm_analysis.dataset.relations import RatioRelation
from ntm_analysis.dataset.targets import Target
from ntm_analysis.i18n import t
from ntm_analysis.outlook import wording
from ntm_analysis.outlook.wording import Note, note, num, pct
from ntm_analysis.text.numbers import decimals_of


@dataclass(frozen=True)
class Verdict:
    """A status a measure kind judges by its own rule, with the reasons."""

    status: str
    notes: tuple[Note, ...] = ()


@dataclass(frozen=True)
class Measure:
    """A value (or an interval when only that is known), how it was obtained, and, for kinds
    with their own rule, the verdict mid-year and at the close of the year."""

    value: float | None
    range: tuple[float, float] | None = None
    notes: tuple[Note, ...] = ()
    verdict: Verdict | None = None
    year_end: Verdict | None = None


def kind_of(target: Target) -> str:
    """The declared measure kind of a target ('' when measured by its indicator alone)."""
    return str(target.measure.get("kind") or "")


def ratio_of(data: PeriodData, percent: str) -> RatioRelation | None:
    """The catalogue's ratio relation printing `percent`, if any."""
    ratios = data.catalogue.relations_of(RatioRelation)
    return next((relation for relation in ratios if relation.percent == percent), None)


def _ratio_current(data: PeriodData, target: Target) -> Measure | None:
    relation = ratio_of(data, target.indicator)
    if relation is None:
        return None
    num_code, den_code = str(relation.numerator), str(relation.denominator)
    if not (data.has(num_code, target.area) and data.has(den_code, target.area)):
        return None
    denominator = data.value(den_code, target.area)
    if denominator == 0:
        return None
    value = data.value(num_code, target.area) / denominator * 100
    printed = (
        str(data.observation(target.indicator, target.area)["as_written"] or "")
        if data.has(target.indicator, target.area)
        else ""
    )
    printed_value = data.value(target.indicator, target.area) if printed else None
    label = data.catalogue.label

    def text(lang: str) -> str:
        out = t(
            lang,
            "tính lại chưa làm tròn: {numerator} / {denominator} = {value}",
            numerator=label(num_code, lang),
            denominator=label(den_code, lang),
            value=pct(value, lang, 4),
        )
        if printed:  # as printed, in the number format of `lang` ("93,6%" → "93.6%")
            shown = printed if lang == "vi" else pct(printed_value, lang, decimals_of(printed))
            out += t(lang, " (báo cáo in {printed})", printed=shown)
        if lang == "en" and relation.note:
            out += f"; {relation.note}"
        return out

    return Measure(value, notes=(note(text),))


def observed_current(data: PeriodData, target: Target) -> Measure:
    """The indicator's value at the period: recomputed from its ratio, or observed."""
    ratio = _ratio_current(data, target)
    if ratio is not None:
        return ratio
    if data.has(target.indicator, target.area):
        return Measure(data.value(target.indicator, target.area))
    return Measure(None, notes=(wording.NOT_REPORTED,))


def _ratio_baseline(data: PeriodData, target: Target) -> Measure | None:
    base = data.baseline
    relation = ratio_of(data, target.indicator)
    if base is None or relation is None:
        return None
    num_code, den_code = str(relation.numerator), str(relation.denominator)
    if not base.has(num_code, target.area):
        return None
    same = base.has(den_code, target.area)
    if not same and not data.has(den_code, target.area):
        return None
    denominator = (base if same else data).value(den_code, target.area)
    if not denominator:
        return None
    value = base.value(num_code, target.area) / denominator * 100
    label = data.catalogue.label

    def text(lang: str) -> str:
        at_base, now = base.label(lang), data.label(lang)
        out = t(
            lang,
            "cuối năm trước {value} = {numerator} ({at_base}) / {denominator} ({at_den})",
            value=pct(value, lang),
            numerator=label(num_code, lang),
            at_base=at_base,
            denominator=label(den_code, lang),
            at_den=at_base if same else now,
        )
        return out + ("" if same else t(lang, ": giả định mẫu số không đổi trong năm"))

    return Measure(value, notes=(note(text),))


def baseline_measure(data: PeriodData, target: Target) -> Measure:
    """The indicator's value at the baseline period (end of the previous year), if known."""
    base = data.baseline
    if base is not None and base.has(target.indicator, target.area):
        value = base.value(target.indicator, target.area)
        return Measure(
            value,
            notes=(
                note(
                    lambda lang: t(
                        lang,
                        "cuối năm trước: {value} ({period})",
                        value=num(value, lang),
                        period=base.label(lang),
                    )
                ),
            ),
        )
    ratio = _ratio_baseline(data, target)
    if ratio is not None:
        return ratio
    if kind_of(target) == "year_to_date":
        return Measure(0.0, notes=(wording.YEAR_TO_DATE,))
    return Measure(None, notes=(wording.NO_BASELINE,))
