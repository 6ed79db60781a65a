"""`outlook(data)`: one row per year-end target with projection, required pace and status."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from typing import Any

from ntm_analysis.dataset.period import PeriodData
from ntm_analysis.dataset.targets import Target
from ntm_analysis.outlook import kinds, measures, wording
from ntm_analysis.outlook.criteria import InconsistentAggregates
from ntm_analysis.outlook.status import UNKNOWN, Assessment, assess, judge_year_end
from ntm_analysis.outlook.wording import Note

JSON_DECIMALS = 4


@dataclass(frozen=True)
class TargetOutlook:
    """The year-end outlook of one target (values unrounded; rounding is for display).

    `notes` hold each explanation in both languages; `note` reads them in `lang`, the
    language the rows were made for (`outlook(data, lang)`).
    """

    id: str
    label_vi: str
    label_en: str
    indicator: str
    area: str
    unit: str
    direction: str
    target: float
    stretch: float | None
    baseline: float | None
    current: float | None
    current_range: tuple[float, float] | None
    required_change: float | None
    months_elapsed: int
    months_remaining: int
    projected: float | None
    pace_observed: float | None
    pace_required: float | None
    pace_multiple: float | None
    status: str
    notes: tuple[Note, ...] = ()
    horizon: date | None = None
    closes_year: bool = False
    lang: str = "vi"
    target_written: str = ""  # the target as printed ("01-02": a range stays a range)

    def label(self, lang: str | None = None) -> str:
        return str(getattr(self, f"label_{wording.language(lang or self.lang)}"))

    def note_text(self, lang: str | None = None) -> str:
        """Every explanation of the row, in `lang` (default: the rows' language)."""
        return "; ".join(n.text(lang or self.lang) for n in self.notes)

    @property
    def note(self) -> str:
        return self.note_text()

    def to_json(self, lang: str | None = None) -> dict[str, Any]:
        """The `project --json` contract keys, then the extras (no NaN: null)."""
        return {
            "id": self.id,
            "label": self.label(lang),
            "baseline": _round(self.baseline),
            "current": _round(self.current),
            "target": _round(self.target),
            "required_change": _round(self.required_change),
            "projected": _round(self.projected),
            "status": self.status,
            "stretch": _round(self.stretch),
            "pace_multiple": _round(self.pace_multiple),
            "months_remaining": self.months_remaining,
            "unit": self.unit,
            "note": self.note_text(lang),
        }


def _round(value: float | None) -> float | None:
    if value is None or not math.isfinite(float(value)):
        return None
    return round(float(value), JSON_DECIMALS)


def closes_year(data: PeriodData) -> bool:
    """Whether the period closes its year: `closes_year` in period.yml, else its last month
    is the year's last."""
    declared = data.meta.get("closes_year")
    return bool(declared) if declared is not None else data.reporting_period.closes_year


def horizon(data: PeriodData) -> date:
    """The date the outlook judges targets at: the last day of the period's year."""
    return data.reporting_period.end_of_year


def _months_elapsed(data: PeriodData) -> int:
    """Months from the end of the baseline period to the end of the period (0 without one)."""
    if data.baseline is None:
        return 0
    return data.reporting_period.months_since(data.baseline.reporting_period)


def _unit(data: PeriodData, indicator: str) -> str:
    return data.catalogue[indicator].unit if indicator in data.catalogue else ""


def _current(data: PeriodData, target: Target, closing: bool) -> measures.Measure:
    try:
        return kinds.current_measure(data, target, closing)
    except InconsistentAggregates:
        return measures.Measure(None, notes=(wording.INCONSISTENT,))


def _judge(
    data: PeriodData,
    target: Target,
    current: measures.Measure,
    baseline: measures.Measure,
    closing: bool,
) -> tuple[Assessment, list[Note]]:
    """The assessment and the notes it adds, at the close of the year or mid-year."""
    rng = current.range if current.value is None else None
    if closing:
        result = judge_year_end(current.value, target.target, target.direction, rng)
        if current.year_end is not None:
            result = Assessment(current.year_end.status, result.required_change, *[None] * 4)
        return result, [wording.judged_at_year_end(data.year), *result.notes]
    elapsed = _months_elapsed(data)
    result = assess(
        current.value,
        target.target,
        target.direction,
        baseline.value,
        elapsed,
        data.reporting_period.months_left_in_year,
        rng,
    )
    notes = list(result.notes)
    if result.status == UNKNOWN and current.verdict is not None:
        result = Assessment(current.verdict.status, result.required_change, *[None] * 4)
        notes = []
    if result.projected is not None:
        notes.append(wording.projects_to(data.year))
    return result, notes


def target_outlook(data: PeriodData, target: Target, lang: str = "vi") -> TargetOutlook:
    """Outlook of one target at the period."""
    closing = closes_year(data)
    current = _current(data, target, closing)
    baseline = measures.baseline_measure(data, target)
    result, judged = _judge(data, target, current, baseline, closing)
    notes = list(current.notes)
    if target.list and not target.measure.get("criteria"):
        notes.append(wording.NOT_CHECKED_AGAINST_LIST)
    if baseline.value is not None and not closing:
        notes += baseline.notes
    notes += judged
    notes = list(dict.fromkeys(notes))  # one of each, in order
    elapsed = _months_elapsed(data)
    return TargetOutlook(
        id=target.id,
        label_vi=target.label("vi"),
        label_en=target.label("en"),
        indicator=target.indicator,
        area=target.area,
        unit=_unit(data, target.indicator),
        direction=target.direction,
        target=target.target,
        target_written=target.as_written or "",
        stretch=target.stretch,
        baseline=baseline.value,
        current=current.value,
        current_range=current.range,
        required_change=result.required_change,
        months_elapsed=elapsed,
        months_remaining=data.reporting_period.months_left_in_year,
        projected=result.projected,
        pace_observed=result.pace_observed,
        pace_required=result.pace_required,
        pace_multiple=result.pace_multiple,
        status=result.status,
        notes=tuple(notes),
        horizon=horizon(data),
        closes_year=closing,
        lang=wording.language(lang),
    )


def outlook(data: PeriodData, lang: str = "vi") -> list[TargetOutlook]:
    """One outlook row per target of the period's year, in the targets file's order."""
    return [target_outlook(data, t, lang) for t in data.targets]
