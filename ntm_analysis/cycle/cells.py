"""Reading and writing the figures of an input workbook's cells."""

from __future__ import annotations

import math
from typing import Any

from ntm_analysis.dataset.excel import is_empty
from ntm_analysis.errors import NtmError
from ntm_analysis.i18n import N_
from ntm_analysis.text.numbers import (
    VietnameseNumberError,
    format_number,
    natural_decimals,
    parse_vn_number,
)

EXPECTED_NUMBER = N_("một số không âm (ví dụ 1234 hoặc 1.234,5), hoặc để trống ô")


class CellValueError(NtmError, ValueError):
    """A cell that does not hold a figure; the message says what it holds."""


def parse_cell(value: Any) -> float | None:
    """The figure a cell holds: None when empty; numbers as typed; text written the Vietnamese
    way (`1.234,5`, `84,7%`). Negative numbers, booleans and other text raise CellValueError.

    >>> parse_cell("1.234,5"), parse_cell(12), parse_cell("  "), parse_cell("84,7%")
    (1234.5, 12.0, None, 84.7)
    """
    if is_empty(value):
        return None
    if isinstance(value, bool):
        raise CellValueError(N_("{value} không phải là số"), value="TRUE" if value else "FALSE")
    if isinstance(value, int | float):
        number = float(value)
    elif isinstance(value, str):
        text = value.strip()
        if text.startswith("="):
            raise CellValueError(N_("công thức ({text}) chưa có giá trị tính sẵn"), text=text)
        try:
            number = parse_vn_number(text)
        except VietnameseNumberError:
            raise CellValueError(N_("{text!r} không phải là số"), text=text) from None
    else:
        raise CellValueError(N_("{value!r} không phải là số"), value=value)
    if not math.isfinite(number):
        raise CellValueError(N_("{value!r} không phải là số hữu hạn"), value=value)
    if number < 0:
        raise CellValueError(N_("{value!r} là số âm"), value=value)
    return number


def written_form(value: float, unit: str, decimals: int | None = None) -> str:
    """The figure as a Vietnamese report prints it (`5.214.624,5`, `84,7%`).

    >>> written_form(5214624.5, "million_vnd"), written_form(84.7, "percent")
    ('5.214.624,5', '84,7%')
    """
    places = natural_decimals(value) if decimals is None else decimals
    text = format_number(value, places, "vi")
    return text + "%" if unit == "percent" else text
