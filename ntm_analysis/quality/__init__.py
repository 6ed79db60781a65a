"""Data-quality engine: recompute every reported percentage, total, average and count.

`check_period(data)` runs every check declared by the catalogue's relations on the figures
as reported, then again with the analysts' corrections applied: a finding that a correction
resolves stays in the list, marked as corrected.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ntm_analysis.dataset.findings import Finding, counts, sort_findings, worded
from ntm_analysis.dataset.period import PeriodData
from ntm_analysis.errors import Message
from ntm_analysis.i18n import N_
from ntm_analysis.quality.carried import check_carried
from ntm_analysis.quality.checks import check_relations
from ntm_analysis.quality.observations import Observations
from ntm_analysis.quality.present import findings_frame, findings_table, with_places
from ntm_analysis.quality.stale import check_stale
from ntm_analysis.quality.tables import check_tables
from ntm_analysis.quality.targets import check_targets

__all__ = ["Finding", "check_period", "counts", "findings_frame", "findings_table"]

# How a name was matched loosely, in words (a message value), translated at use.
MATCH_METHOD = {
    "folded": N_("viết không dấu"),
    "tone": N_("khác cách bỏ dấu"),
    "prefix": N_("thiếu hoặc thừa tiền tố"),
    "exact": N_("khớp"),
}


def _loose_match_findings(data: PeriodData) -> list[Finding]:
    out = []
    for m in data.loose_matches:
        path = Path(m.path)
        where = path.relative_to(data.data_dir) if path.is_relative_to(data.data_dir) else path
        message_vi, message_en = worded(
            N_("tên '{written}' ({method}) được hiểu là '{name}'"),
            written=m.written,
            method=Message(MATCH_METHOD[m.method]),
            name=m.gso_name,
        )
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
                message_vi=message_vi,
                message_en=message_en,
                file=str(where),
                row=m.row,
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
    findings += check_targets(data) + _loose_match_findings(data) + check_stale(data)
    findings += check_carried(data)  # districts whose file is missing
    findings += list(data.input_findings)  # lock files, near-miss annexes, annex contradictions
    return sort_findings(with_places(findings, data))
