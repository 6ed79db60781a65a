"""Checks of each printed figure on its own: it reads back as its value, and lies in range."""

from __future__ import annotations

import math

from ntm_analysis.dataset.findings import Finding
from ntm_analysis.quality.observations import Observations, _finding, _shown
from ntm_analysis.text.numbers import VietnameseNumberError, format_value, read_printed


def check_transcription(obs: Observations) -> list[Finding]:
    """`value` must equal the figure as written, read the Vietnamese way."""
    out = []
    for o in obs:
        if not o.as_written:
            continue
        try:
            parsed = read_printed(o.as_written, o.unit)
        except VietnameseNumberError as exc:
            vi, en = f"số in không đọc được: {exc}", f"the printed figure cannot be read: {exc}"
        else:
            if math.isclose(parsed, o.value, rel_tol=1e-12, abs_tol=1e-9):
                continue
            vi = (
                f"giá trị {format_value(o.value, o.unit, 'vi')} khác số in {o.as_written} "
                f"(= {format_value(parsed, o.unit, 'vi')})"
            )
            en = (
                f"value {format_value(o.value, o.unit, 'en')} differs from the printed "
                f"{o.as_written} (= {format_value(parsed, o.unit, 'en')})"
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
                vi,
                en,
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
                    f"tỷ lệ {_shown(o, 'vi')} nằm ngoài 0–100%",
                    f"share {_shown(o, 'en')} is outside 0–100%",
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
                    f"giá trị âm ({_shown(o, 'vi')})",
                    f"negative value ({_shown(o, 'en')})",
                )
            )
    return out
