"""Figures carried over unchanged from the previous period: likely copied, not updated."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from pydantic import BaseModel, ConfigDict, Field

from ntm_analysis.dataset.files import read_yaml
from ntm_analysis.dataset.findings import Finding
from ntm_analysis.dataset.paths import previous_period
from ntm_analysis.dataset.period import PeriodData, load_period
from ntm_analysis.errors import InputError
from ntm_analysis.text.numbers import format_value

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
            f"invalid setting {where!r}: {first.get('msg', exc)}",
            path=path,
            expected="stale_figures: {share_unchanged: 0–1, min_common: ≥ 1}",
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
    before = previous_period(data.data_dir, data.period)
    if before is None:
        return []
    rule = load_settings(data.data_dir / "reference").stale_figures
    # Only its figures are compared: its other tables are not read (see load_period).
    previous = load_period(before, data.data_dir, with_baseline=False, figures_only=True)
    shared, same = unchanged_figures(data.observations, previous.observations)
    if shared < rule.min_common or same < rule.share_unchanged * shared:
        return []
    share_vi = format_value(same / shared * 100, "percent", "vi", 0)
    share_en = format_value(same / shared * 100, "percent", "en", 0)
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
            message_vi=(
                f"{format_value(same, '', 'vi')}/{format_value(shared, '', 'vi')} số liệu "
                f"({share_vi}) giống hệt kỳ trước ({previous.label('vi')}): có thể đã sao chép "
                "mà chưa cập nhật"
            ),
            message_en=(
                f"{format_value(same, '', 'en')} of {format_value(shared, '', 'en')} figures "
                f"({share_en}) are identical to the previous period "
                f"({previous.label('en')}): likely copied, not updated"
            ),
        )
    ]
