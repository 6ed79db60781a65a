"""`outlook(data)`: one row per year-end target with its value now, its forecast (central
estimate, 80 % interval, probability of meeting it) and its status, and the judgement written
in both languages."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ntm_analysis.dataset.period import PeriodData
from ntm_analysis.dataset.targets import Target
from ntm_analysis.outlook import kinds, measures, wording
from ntm_analysis.outlook.criteria import InconsistentAggregates
from ntm_analysis.outlook.forecast import Forecast, forecast
from ntm_analysis.outlook.judgement import judgement
from ntm_analysis.outlook.model import Model, model_of
from ntm_analysis.outlook.status import (
    DECIDED,
    MET,
    UNKNOWN,
    from_probability,
    judge_year_end,
    reached,
)
from ntm_analysis.outlook.wording import Note

JSON_DECIMALS = 4


@dataclass(frozen=True)
class TargetOutlook:
    """The year-end outlook of one target (values unrounded; rounding is for display).

    `target` is the value judged against (all members of a list for a `min_per_member`
    target). `judgement` is the paragraph a reader sees; `notes` the workings (recomputations,
    paces) for the appendix, both in both languages; `note` reads them in `lang`.
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
    status: str
    central: float | None = None
    low: float | None = None
    high: float | None = None
    p_meet: float | None = None
    p_stretch: float | None = None
    kind: str = ""
    judgement: Note = field(default_factory=lambda: Note("", ""))
    notes: tuple[Note, ...] = ()
    horizon: date | None = None
    closes_year: bool = False
    lang: str = "vi"
    target_written: str = ""  # the target as printed ("01-02": a range stays a range)
    forecast: Forecast | None = field(default=None, compare=False, repr=False)

    @property
    def projected(self) -> float | None:
        """The year-end value expected (the forecast's central estimate)."""
        return self.central

    @property
    def pace_multiple(self) -> float | None:
        """The pace still needed over the pace so far (figures moved by a pace)."""
        return None if self.forecast is None else self.forecast.facts.get("multiple")

    def label(self, lang: str | None = None) -> str:
        return str(getattr(self, f"label_{wording.language(lang or self.lang)}"))

    def note_text(self, lang: str | None = None) -> str:
        """Every working of the row, in `lang` (default: the rows' language)."""
        return "; ".join(n.text(lang or self.lang) for n in self.notes)

    @property
    def note(self) -> str:
        return self.note_text()

    def judgement_text(self, lang: str | None = None) -> str:
        return self.judgement.text(lang or self.lang)

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
            "central": _round(self.central),
            "low": _round(self.low),
            "high": _round(self.high),
            "p_meet": _round(self.p_meet),
            "stretch": _round(self.stretch),
            "p_stretch": _round(self.p_stretch),
            "pace_multiple": _round(self.pace_multiple),
            "months_remaining": self.months_remaining,
            "unit": self.unit,
            "judgement": self.judgement_text(lang),
            "note": self.note_text(lang),
        }


def _round(value: Any) -> Any:
    if value is None or isinstance(value, str):
        return value
    if not math.isfinite(float(value)):
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


def months_elapsed(data: PeriodData) -> int:
    """Months from the end of the baseline period to the end of the period (0 without one)."""
    if data.baseline is None:
        return 0
    return data.reporting_period.months_since(data.baseline.reporting_period)


def _current(data: PeriodData, target: Target, closing: bool) -> measures.Measure:
    try:
        return kinds.current_measure(data, target, closing)
    except InconsistentAggregates:
        return measures.Measure(None, notes=(wording.INCONSISTENT,))


def _status(
    target: Target,
    goal: float,
    current: measures.Measure,
    fc: Forecast | None,
    closing: bool,
    thresholds: tuple[float, float],
) -> str:
    """Read on the figures at the close of the year, or when the value already meets a target
    that cannot be lost; else from the probability of meeting it."""
    if closing:
        if current.year_end is not None:
            return current.year_end.status
        return judge_year_end(current.value, goal, target.direction, current.range).status
    if (
        fc is not None
        and fc.certain
        and fc.low is not None
        and reached(fc.low, goal, target.direction)
    ):
        return MET
    if (
        current.value is not None
        and fc is not None
        and fc.kind == "pace"
        and reached(current.value, goal, target.direction)
    ):
        return MET
    if fc is None or fc.p_meet is None:
        return UNKNOWN
    return from_probability(fc.p_meet, *thresholds)


def target_outlook(
    data: PeriodData, target: Target, lang: str = "vi", model: Model | None = None
) -> TargetOutlook:
    """Outlook of one target at the period (`model`: another horizon's, for a backtest)."""
    closing = closes_year(data)
    current = _current(data, target, closing)
    baseline = measures.baseline_measure(data, target)
    elapsed = months_elapsed(data)
    model = model or model_of(data)
    fc = None
    if not closing:
        try:
            fc = forecast(model, target, current.value, baseline.value, elapsed)
        except InconsistentAggregates:
            fc = None
    goal = fc.goal if fc is not None else _goal(data, target, current)
    levels = (model.params.status.on_track.value, model.params.status.at_risk.value)
    status = _status(target, goal, current, fc, closing, levels)
    decided = status in DECIDED or fc is None or fc.dist is None
    notes = [
        *current.notes,
        *(baseline.notes if baseline.value is not None and not closing else ()),
    ]
    notes = list(dict.fromkeys(notes))
    value = current.value
    return TargetOutlook(
        id=target.id,
        label_vi=target.label("vi"),
        label_en=target.label("en"),
        indicator=target.indicator,
        area=target.area,
        unit=_unit(data, target, fc),
        direction=target.direction,
        target=goal,
        target_written=target.as_written if goal == target.target else "",
        stretch=target.stretch,
        baseline=baseline.value,
        current=value,
        current_range=current.range,
        required_change=None if value is None else goal - value,
        months_elapsed=elapsed,
        months_remaining=data.reporting_period.months_left_in_year,
        status=status,
        central=None if decided else fc.central,
        low=None if decided else fc.low,
        high=None if decided else fc.high,
        p_meet=None if decided else fc.p_meet,
        p_stretch=None if decided else fc.p_stretch,
        kind=measures.kind_of(target),
        judgement=judgement(data, target, status, current, fc, goal),
        notes=tuple(notes),
        horizon=horizon(data),
        closes_year=closing,
        lang=wording.language(lang),
        forecast=fc,
    )


def _goal(data: PeriodData, target: Target, current: measures.Measure) -> float:
    """The value judged against when there is no forecast (the close of the year)."""
    if measures.kind_of(target) == "min_per_member":
        fc = forecast(model_of(data), target)
        return fc.goal
    return target.target


def _unit(data: PeriodData, target: Target, fc: Forecast | None) -> str:
    if fc is not None and fc.kind == "members":
        return "communes"
    return data.catalogue[target.indicator].unit if target.indicator in data.catalogue else ""


def outlook(data: PeriodData, lang: str = "vi", model: Model | None = None) -> list[TargetOutlook]:
    """One outlook row per target of the period's year, in the targets file's order."""
    return [target_outlook(data, t, lang, model) for t in data.targets]
