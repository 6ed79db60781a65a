"""Statuses carried from the previous period that no workbook of this period gave again: a
district whose file is missing (docs/period-cycle.md, "Who owns what")."""

from __future__ import annotations

import pandas as pd

from ntm_analysis.dataset.findings import Finding, worded
from ntm_analysis.dataset.period import PeriodData
from ntm_analysis.i18n import N_

CARRIED = "carried"
NAMED = 5  # communes named in a finding; the rest are counted


def check_carried(data: PeriodData) -> list[Finding]:
    """One warning per district whose communes still hold carried statuses, once the period
    has figures of its own (a period not yet imported is all carried, on purpose)."""
    communes = data.communes
    if data.observations.empty or "provenance" not in communes:
        return []
    carried = communes[communes["provenance"] == CARRIED]
    return [
        _finding(district or data.province, group)
        for district, group in carried.groupby("district_code", sort=True)
    ]


def _finding(area: str, group: pd.DataFrame) -> Finding:
    names = list(group["name"].astype(str))
    more = f", … (+{len(names) - NAMED})" if len(names) > NAMED else ""
    shown = ", ".join(names[:NAMED]) + more
    message_vi, message_en = worded(
        N_(
            "{n} xã giữ tình trạng của kỳ trước vì chưa có tệp nào của kỳ này ghi lại (thiếu "
            "tệp của huyện?): {names}"
        ),
        n=len(names),
        names=shown,
    )
    return Finding(
        id=f"carried:statuses:{area}",
        check="carried",
        section="",
        severity="warning",
        area=area,
        indicators=(),
        reported=len(names),
        computed=None,
        message_vi=message_vi,
        message_en=message_en,
    )
