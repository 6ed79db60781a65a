"""Checks of each printed figure on its own: it reads back as its value, and lies in range."""

from __future__ import annotations

import math

from ntm_analysis.dataset.findings import Finding, worded
from ntm_analysis.i18n import N_
from ntm_analysis.quality.observations import Figure, Observations, Printed, _finding
from ntm_analysis.text.numbers import VietnameseNumberError, read_printed


def check_transcription(obs: Observations) -> list[Finding]:
    """`value` must equal the figure as written, read the Vietnamese way."""
    out = []
    for o in obs:
        if not o.as_written:
            continue
        try:
            parsed = read_printed(o.as_written, o.unit)
        except VietnameseNumberError as exc:
            message = worded(N_("số in không đọc được: {error}"), error=exc)
        else:
            if math.isclose(parsed, o.value, rel_tol=1e-12, abs_tol=1e-9):
                continue
            message = worded(
                N_("giá trị {value} khác số in {printed} (= {parsed})"),
                value=Figure(o.value, o.unit),
                printed=o.as_written,
                parsed=Figure(parsed, o.unit),
            )
        out.append(
            _finding(
                "transcription",
                o.indicator,
                o,
                "error",
                [o.indicator],
                o.as_written,
                o.value,
                message,
            )
        )
    return out


def check_ranges(obs: Observations) -> list[Finding]:
    """Shares within 0–100 %, nothing negative."""
    out = []
    for o in obs:
        if o.unit == "percent" and not 0 <= o.value <= 100:
            out.append(
                _finding(
                    "range",
                    o.indicator,
                    o,
                    "error",
                    [o.indicator],
                    o.value,
                    None,
                    worded(N_("tỷ lệ {share} nằm ngoài 0–100%"), share=Printed(o)),
                )
            )
        elif o.value < 0:
            out.append(
                _finding(
                    "range",
                    o.indicator,
                    o,
                    "error",
                    [o.indicator],
                    o.value,
                    None,
                    worded(N_("giá trị âm ({value})"), value=Printed(o)),
                )
            )
    return out
