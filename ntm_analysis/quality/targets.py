"""Checks on the year-end targets: already reached, or not above the baseline."""

from __future__ import annotations

from ntm_analysis.dataset.findings import Finding
from ntm_analysis.dataset.period import PeriodData
from ntm_analysis.dataset.targets import Target
from ntm_analysis.text.numbers import format_value


def _target_finding(
    kind: str, target: Target, section: str, value: float, vi: str, en: str
) -> Finding:
    return Finding(
        id=f"{kind}:{target.id}:{target.area}",
        check="target",
        section=section,
        severity="warning",
        area=target.area,
        indicators=(target.indicator,),
        reported=target.target,
        computed=value,
        message_vi=vi,
        message_en=en,
    )


def check_targets(data: PeriodData) -> list[Finding]:
    """A target the current value already meets, or one the baseline already met."""
    out: list[Finding] = []
    for target in data.targets:
        unit = data.catalogue[target.indicator].unit
        shown, shown_vi = (format_value(target.target, unit, lang) for lang in ("en", "vi"))
        section = target.section or "C"
        label_vi, label_en = target.label("vi"), target.label("en")
        if data.has(target.indicator, target.area):
            current = data.value(target.indicator, target.area)
            if target.reached(current):
                out.append(
                    _target_finding(
                        "target",
                        target,
                        section,
                        current,
                        f"mục tiêu {label_vi} ({shown_vi}) đã đạt: hiện "
                        f"{format_value(current, unit, 'vi')}",
                        f"target {label_en} ({shown}) is already met: now "
                        f"{format_value(current, unit, 'en')}",
                    )
                )
        base = data.baseline
        if base is not None and base.has(target.indicator, target.area):
            baseline = base.value(target.indicator, target.area)
            if target.reached(baseline):
                out.append(
                    _target_finding(
                        "target_baseline",
                        target,
                        section,
                        baseline,
                        f"mục tiêu {label_vi} ({shown_vi}) không cao hơn mức kỳ gốc "
                        f"({base.label('vi')}: {format_value(baseline, unit, 'vi')})",
                        f"target {label_en} ({shown}) is not above the baseline "
                        f"({base.label('en')}: {format_value(baseline, unit, 'en')})",
                    )
                )
    return out
