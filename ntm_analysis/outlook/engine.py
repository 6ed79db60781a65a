"""`outlook(data)`: one row per year-end target with projection, required pace and status."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ntm_analysis.dataset.period import PeriodData
from ntm_analysis.dataset.targets import Target
from ntm_analysis.outlook import measures
from ntm_analysis.outlook.criteria import InconsistentAggregates
from ntm_analysis.outlook.status import assess

JSON_DECIMALS = 4


@dataclass(frozen=True)
class TargetOutlook:
    """The year-end outlook of one target (values unrounded; rounding is for display)."""

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
    notes: tuple[str, ...] = ()

    def label(self, lang: str = "vi") -> str:
        return self.label_vi if lang == "vi" else self.label_en

    @property
    def note(self) -> str:
        return "; ".join(self.notes)

    def to_json(self, lang: str = "en") -> dict[str, Any]:
        """The `project --json` contract keys, then the extras."""
        return {
            "id": self.id,
            "label": self.label(lang),
            "baseline": _round(self.baseline),
            "current": _round(self.current),
            "target": self.target,
            "required_change": _round(self.required_change),
            "projected": _round(self.projected),
            "status": self.status,
            "stretch": self.stretch,
            "pace_multiple": _round(self.pace_multiple),
            "months_remaining": self.months_remaining,
            "unit": self.unit,
            "note": self.note,
        }


def _round(value: float | None) -> float | None:
    return None if value is None else round(float(value), JSON_DECIMALS)


def months_between(start: str, end: str) -> int:
    """Months from the end of period `start` to the end of period `end` (YYYY-MM)."""
    y0, m0 = int(start[:4]), int(start[5:7])
    y1, m1 = int(end[:4]), int(end[5:7])
    return (y1 - y0) * 12 + (m1 - m0)


def _unit(data: PeriodData, indicator: str) -> str:
    return data.catalogue[indicator].unit if indicator in data.catalogue else ""


def target_outlook(data: PeriodData, target: Target) -> TargetOutlook:
    """Outlook of one target at the period."""
    try:
        current = measures.current_measure(data, target)
    except InconsistentAggregates as exc:
        current = measures.Measure(None, notes=(f"aggregates inconsistent: {exc}",))
    baseline = measures.baseline_measure(data, target)
    elapsed = months_between(data.baseline.period, data.period) if data.baseline else 0
    remaining = max(0, 12 - data.months)
    result = assess(
        current.value,
        target.target,
        target.direction,
        baseline.value,
        elapsed,
        remaining,
        current.range if current.value is None else None,
    )
    notes = list(current.notes)
    if target.list and target.indicator not in measures.COMMUNE_CRITERIA_RANGES:
        notes.append(f"reported figure, not checked against the communes of list {target.list}")
    if baseline.value is not None:
        notes += baseline.notes
    notes += list(result.notes)
    return TargetOutlook(
        id=target.id,
        label_vi=target.label("vi"),
        label_en=target.label("en"),
        indicator=target.indicator,
        area=target.area,
        unit=_unit(data, target.indicator),
        direction=target.direction,
        target=target.target,
        stretch=target.stretch,
        baseline=baseline.value,
        current=current.value,
        current_range=current.range,
        required_change=result.required_change,
        months_elapsed=elapsed,
        months_remaining=remaining,
        projected=result.projected,
        pace_observed=result.pace_observed,
        pace_required=result.pace_required,
        pace_multiple=result.pace_multiple,
        status=result.status,
        notes=tuple(notes),
    )


def outlook(data: PeriodData) -> list[TargetOutlook]:
    """One outlook row per target of the period's year, in the targets file's order."""
    return [target_outlook(data, t) for t in data.targets]
