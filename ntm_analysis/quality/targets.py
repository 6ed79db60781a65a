"""Checks on the year-end targets: already reached, or not above the baseline."""

from __future__ import annotations

from ntm_analysis.dataset.period import PeriodData
from ntm_analysis.quality.findings import Finding
from ntm_analysis.text.numbers import format_value


def check_targets(data: PeriodData) -> list[Finding]:
    """A target the current value already meets, or one the baseline already met."""
    out: list[Finding] = []
    for target in data.targets:
        unit = data.catalogue[target.indicator].unit
        shown_t = format_value(target.target, unit, "en")
        shown_t_vi = format_value(target.target, unit, "vi")
        section = target.section or "C"
        if data.has(target.indicator, target.area):
            current = data.value(target.indicator, target.area)
            if target.reached(current):
                out.append(
                    Finding(
                        id=f"target:{target.id}:{target.area}",
                        check="target",
                        section=section,
                        severity="warning",
                        area=target.area,
                        indicators=(target.indicator,),
                        reported=target.target,
                        computed=current,
                        message_vi=f"mục tiêu {target.label('vi')} ({shown_t_vi}) đã đạt: hiện "
                        f"{format_value(current, unit, 'vi')}",
                        message_en=f"target {target.label('en')} ({shown_t}) is already met: now "
                        f"{format_value(current, unit, 'en')}",
                    )
                )
        base = data.baseline
        if base is not None and base.has(target.indicator, target.area):
            baseline = base.value(target.indicator, target.area)
            if target.reached(baseline):
                out.append(
                    Finding(
                        id=f"target_baseline:{target.id}:{target.area}",
                        check="target",
                        section=section,
                        severity="warning",
                        area=target.area,
                        indicators=(target.indicator,),
                        reported=target.target,
                        computed=baseline,
                        message_vi=f"mục tiêu {target.label('vi')} ({shown_t_vi}) không cao hơn "
                        f"mức cuối kỳ gốc {base.period} ({format_value(baseline, unit, 'vi')})",
                        message_en=f"target {target.label('en')} ({shown_t}) is not above the "
                        f"{base.period} baseline ({format_value(baseline, unit, 'en')})",
                    )
                )
    return out
