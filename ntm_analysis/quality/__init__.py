"""Data-quality engine: recompute every reported percentage, total, average and count.

`check_period(data)` runs every check declared by the catalogue's relations on the figures
as reported, then again with the analysts' corrections applied: a finding that a correction
resolves stays in the list, marked as corrected.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ntm_analysis.dataset.period import PeriodData
from ntm_analysis.quality.checks import Observations, check_relations
from ntm_analysis.quality.findings import (
    SEVERITY_LABEL,
    Finding,
    counts,
    sort_findings,
)
from ntm_analysis.quality.tables import check_tables
from ntm_analysis.quality.targets import check_targets

__all__ = ["Finding", "check_period", "counts", "findings_frame", "findings_table"]


def _loose_match_findings(data: PeriodData) -> list[Finding]:
    out = []
    for m in data.loose_matches:
        path = Path(m.path)
        where = path.relative_to(data.data_dir) if path.is_relative_to(data.data_dir) else path
        out.append(
            Finding(
                id=f"name:{m.code}:{m.row}",
                check="name",
                section="",
                severity="info",
                area=m.code,
                indicators=(),
                reported=m.written,
                computed=m.gso_name,
                message_vi=f"tên '{m.written}' khớp gần đúng với '{m.gso_name}' ({m.code}) "
                f"[{m.method}] ở {where}, dòng {m.row}",
                message_en=f"name '{m.written}' matched loosely to '{m.gso_name}' ({m.code}) "
                f"[{m.method}] in {where}, row {m.row}",
            )
        )
    return out


def _run(data: PeriodData, frame: pd.DataFrame) -> list[Finding]:
    obs = Observations(frame, data.catalogue)
    return check_relations(data, frame, obs) + check_tables(data, obs)


def check_period(data: PeriodData) -> list[Finding]:
    """All findings of a period, errors first."""
    observations = data.observations
    if "value_reported" in observations and observations["corrected"].any():
        reported = observations.assign(value=observations["value_reported"])
        before = _run(data, reported)
        after = {f.id: f for f in _run(data, observations)}
        corrected = observations.loc[observations["corrected"]]
        changed = set(zip(corrected["indicator"], corrected["area"], strict=True))
        reasons = dict(zip(corrected["indicator"], corrected["correction"], strict=True))
        findings = []
        for f in before:
            touched = [i for i in f.indicators if (i, f.area) in changed]
            if touched and f.id not in after:
                findings.append(f.with_correction("; ".join(reasons[i] for i in touched)))
            else:
                findings.append(after.pop(f.id, f))
        findings += list(after.values())
    else:
        findings = _run(data, observations)
    findings += check_targets(data) + _loose_match_findings(data)
    return sort_findings(findings)


def findings_frame(findings: list[Finding], lang: str = "vi") -> pd.DataFrame:
    """Findings as a table for display: severity, section, area, message, printed, computed."""
    labels = SEVERITY_LABEL[lang]
    columns = {
        "vi": ["Mức độ", "Mục", "Địa bàn", "Nội dung", "Số in", "Tính lại", "Mã"],
        "en": ["Severity", "Section", "Area", "Finding", "Reported", "Computed", "Id"],
    }[lang]
    rows = [
        [
            labels[f.severity] + (" ✓" if f.corrected else ""),
            f.section,
            f.area,
            f.message(lang),
            f.reported,
            f.computed,
            f.id,
        ]
        for f in findings
    ]
    return pd.DataFrame(rows, columns=columns)


def findings_table(findings: list[Finding], lang: str = "en", period: str = "") -> str:
    """A plain-text report of findings sorted by severity, with counts."""
    c = counts(findings)
    head = (
        f"{period}: {c['error']} error(s), {c['warning']} warning(s), {c['info']} info"
        if lang == "en"
        else f"{period}: {c['error']} lỗi, {c['warning']} cảnh báo, {c['info']} thông tin"
    )
    lines = [head]
    for f in findings:
        label = SEVERITY_LABEL[lang][f.severity].upper()
        mark = " (corrected)" if f.corrected and lang == "en" else ""
        lines.append(f"{label:<9} {f.section:<10} {f.area:<6} {f.message(lang)}{mark}  [{f.id}]")
    return "\n".join(lines)
