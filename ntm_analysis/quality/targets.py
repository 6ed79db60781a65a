"""Checks on the year-end targets: already reached, or not above the baseline."""

from __future__ import annotations

from ntm_analysis.dataset.findings import Finding, worded
from ntm_analysis.dataset.period import PeriodData
from ntm_analysis.dataset.targets import Target
from ntm_analysis.i18n import N_
from ntm_analysis.quality.checks import Figure


def _target_finding(
    kind: str, target: Target, section: str, value: float, message: tuple[str, str]
) -> Finding:
    vi, en = message
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
        section = target.section or "C"
        if data.has(target.indicator, target.area):
            current = data.value(target.indicator, target.area)
            if target.reached(current):
                out.append(
                    _target_finding(
                        "target",
                        target,
                        section,
                        current,
                        worded(
                            N_("mục tiêu {label} ({target}) đã đạt: hiện {current}"),
                            label=target.label,
                            target=Figure(target.target, unit),
                            current=Figure(current, unit),
                        ),
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
                        worded(
                            N_(
                                "mục tiêu {label} ({target}) không cao hơn mức kỳ gốc "
                                "({period}: {baseline})"
                            ),
                            label=target.label,
                            target=Figure(target.target, unit),
                            period=base.label,
                            baseline=Figure(baseline, unit),
                        ),
                    )
                )
    return out
