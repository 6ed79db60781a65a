"""Analyst corrections of source figures, kept as data (`periods/<P>/corrections.yml`).

An entry names the indicator and area, the corrected value, the reason, and an `expect` guard:
the figure as the source prints it now. If the source data changes under a correction, the
guard fails and the period does not load until an analyst looks again. The original value is
kept (`value_reported`), and data-quality findings show the correction.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ntm_analysis.dataset.config_models import CorrectionsFile
from ntm_analysis.dataset.files import read_yaml_document
from ntm_analysis.dataset.models import validate_document
from ntm_analysis.errors import InputError
from ntm_analysis.i18n import N_
from ntm_analysis.text.numbers import VietnameseNumberError, parse_vn_number


@dataclass(frozen=True)
class Correction:
    """One analyst decision on a contradictory figure."""

    indicator: str
    area: str
    value: float
    expect: str
    reason: str
    decided_by: str = ""
    date: str = ""


def load_corrections(path: Path) -> list[Correction]:
    """Corrections of a period; none when the file is absent. Keys and types are checked by
    `CorrectionsFile` (an error names the line)."""
    if not path.is_file():
        return []
    file = validate_document(CorrectionsFile, read_yaml_document(path))
    return [
        Correction(
            indicator=item.indicator,
            area=item.area,
            value=item.value,
            expect=item.expect,
            reason=item.reason,
            decided_by=item.decided_by,
            date=item.date,
        )
        for item in file.corrections
    ]


def apply_corrections(
    observations: pd.DataFrame, corrections: list[Correction], path: Path
) -> pd.DataFrame:
    """Observations with corrections applied: `value_reported` keeps the source's value,
    `corrected` flags the rows changed, `correction` holds the reason."""
    out = observations.copy()
    out["value_reported"] = out["value"]
    out["corrected"] = False
    out["correction"] = ""
    for i, c in enumerate(corrections, start=1):
        mask = (out["indicator"] == c.indicator) & (out["area"] == c.area)
        if not mask.any():
            raise InputError(
                N_(
                    "hiệu chỉnh số {i} nêu {indicator!r} của địa bàn {area}, nhưng địa bàn này "
                    "không có số liệu đó"
                ),
                path=path,
                column="indicator",
                i=i,
                indicator=c.indicator,
                area=c.area,
            )
        row = out.loc[mask].iloc[0]
        try:
            expected = parse_vn_number(c.expect)
        except VietnameseNumberError as exc:
            raise InputError(
                N_("hiệu chỉnh số {i}: {reason}"), path=path, column="expect", i=i, reason=exc
            ) from None
        if row["as_written"] != c.expect and not math.isclose(expected, row["value"]):
            raise InputError(
                N_(
                    "hiệu chỉnh số {i} của {indicator!r} ({area}) chờ báo cáo in {expect!r}, "
                    "nhưng nay báo cáo in {printed!r}: cần xem lại hiệu chỉnh"
                ),
                path=path,
                column="expect",
                i=i,
                indicator=c.indicator,
                area=c.area,
                expect=c.expect,
                printed=row["as_written"],
            )
        out.loc[mask, "value"] = c.value
        out.loc[mask, "corrected"] = True
        out.loc[mask, "correction"] = c.reason
    return out
