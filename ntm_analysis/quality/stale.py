"""Figures carried over unchanged from the previous period: likely copied, not updated."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from pydantic import BaseModel, ConfigDict, Field

from ntm_analysis.dataset.files import read_yaml
from ntm_analysis.dataset.findings import Finding, worded
from ntm_analysis.dataset.paths import previous_period
from ntm_analysis.dataset.period import PeriodData, load_period
from ntm_analysis.errors import InputError
from ntm_analysis.i18n import N_
from ntm_analysis.quality.checks import Figure

SETTINGS_FILE = "quality.yml"


class StaleRule(BaseModel):
    """When a period counts as copied: at least `share_unchanged` of the figures it shares
    with the previous period are identical, over at least `min_common` shared figures."""

    model_config = ConfigDict(extra="forbid")
    share_unchanged: float = Field(gt=0, le=1)
    min_common: int = Field(ge=1)


class QualitySettings(BaseModel):
    """data/reference/quality.yml."""

    model_config = ConfigDict(extra="forbid")
    stale_figures: StaleRule


def load_settings(reference_dir: Path) -> QualitySettings:
    """The data-quality settings, validated (an unknown key is an error naming the file)."""
    path = reference_dir / SETTINGS_FILE
    raw = read_yaml(path)
    try:
        return QualitySettings.model_validate(raw)
    except ValueError as exc:
        first = exc.errors()[0] if hasattr(exc, "errors") else {}
        where = ".".join(str(p) for p in first.get("loc", ()))
        raise InputError(
            N_("thiết lập không hợp lệ {where!r}: {reason}"),
            path=path,
            expected=N_("stale_figures: {{share_unchanged: 0–1, min_common: ≥ 1}}"),
            where=where,
            reason=first.get("msg", exc),
        ) from None


def unchanged_figures(current: pd.DataFrame, previous: pd.DataFrame) -> tuple[int, int]:
    """(shared, unchanged): observations (indicator × area) both periods hold, and how many
    of those carry the same value."""
    keys = ["indicator", "area"]
    both = current[[*keys, "value"]].merge(
        previous[[*keys, "value"]], on=keys, suffixes=("", "_before")
    )
    same = (both["value"] == both["value_before"]).sum()
    return len(both), int(same)


def check_stale(data: PeriodData) -> list[Finding]:
    """A warning when the period repeats most of the previous period's figures unchanged."""
    province = data.series_province
    before = previous_period(data.data_dir, data.period, province)
    if before is None:
        return []
    rule = load_settings(data.data_dir / "reference").stale_figures
    # Only its figures are compared: its other tables are not read (see load_period).
    previous = load_period(
        before, data.data_dir, with_baseline=False, figures_only=True, province=province
    )
    shared, same = unchanged_figures(data.observations, previous.observations)
    if shared < rule.min_common or same < rule.share_unchanged * shared:
        return []
    message_vi, message_en = worded(
        N_(
            "{same}/{shared} số liệu ({share}) giống hệt kỳ trước ({period}): có thể đã sao "
            "chép mà chưa cập nhật"
        ),
        same=Figure(same, ""),
        shared=Figure(shared, ""),
        share=Figure(same / shared * 100, "percent", 0),
        period=previous.label,
    )
    return [
        Finding(
            id=f"stale:figures:{data.province}",
            check="stale",
            section="",
            severity="warning",
            area=data.province,
            indicators=(),
            reported=same,
            computed=shared,
            message_vi=message_vi,
            message_en=message_en,
        )
    ]
