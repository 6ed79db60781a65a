"""Reading and writing the figures of an input workbook's cells.

A figure cell holds a number, or text the row's own way of writing it (`1.234,5`, `95%`,
`130.480.000 đồng` on a row in million VND: `ntm_analysis.text.numbers.parse_in_unit`), or a
plain arithmetic formula (`=120+35`), whose value the tool computes from the formula itself
(the value Excel stored beside it is not trusted). Any other formula — a reference, a
function, a link — is refused naming its cell (docs/period-cycle.md, "Formulas").
"""

from __future__ import annotations

import ast
import math
import operator
import re
from typing import Any

from openpyxl.cell import Cell as SheetCell

from ntm_analysis.dataset.excel import is_empty
from ntm_analysis.errors import NtmError
from ntm_analysis.i18n import N_
from ntm_analysis.text.numbers import (
    MAX_ABS_VALUE,
    VietnameseNumberError,
    format_number,
    natural_decimals,
    parse_in_unit,
    parse_vn_number,
)

EXPECTED_NUMBER = N_("một số không âm (ví dụ 1234 hoặc 1.234,5), hoặc để trống ô")
FORMULA_MAX = 200  # characters of an arithmetic formula: a sum typed by hand, not a program
_ARITHMETIC = re.compile(r"=[0-9.+\-*/() \t]+")
_OPERATORS = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
    ast.UAdd: operator.pos,
    ast.USub: operator.neg,
}


class CellValueError(NtmError, ValueError):
    """A cell that does not hold a figure; the message says what it holds."""


def parse_cell(
    value: Any, unit: str | None = None, unit_words: tuple[str, ...] = ()
) -> float | None:
    """The figure a cell holds: None when empty; numbers as typed; text written the Vietnamese
    way (`1.234,5`, `84,7%`), in the row's unit when it is given (`parse_in_unit`). Negative
    numbers, booleans and other text raise CellValueError.

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
        try:
            number = parse_in_unit(text, unit, unit_words) if unit else parse_vn_number(text)
        except VietnameseNumberError as exc:
            if not any(c.isdigit() for c in text):
                raise CellValueError(N_("{text!r} không phải là số"), text=text) from None
            raise CellValueError(exc) from None
    else:
        raise CellValueError(N_("{value!r} không phải là số"), value=value)
    return _checked(number, value)


def _checked(number: float, value: object) -> float:
    if not math.isfinite(number) or abs(number) > MAX_ABS_VALUE:
        raise CellValueError(N_("{value!r} không phải là số hữu hạn"), value=value)
    if number < 0:
        raise CellValueError(N_("{value!r} là số âm"), value=value)
    return number


def is_formula_cell(cell: SheetCell) -> bool:
    """A cell Excel or LibreOffice computes (text that merely starts with `=` is no formula)."""
    return cell.data_type == "f"


def arithmetic_value(formula: str) -> float:
    """The value of a plain arithmetic formula (`=120+35`, `=(12,5+3)*2` as Excel stores it:
    `=(12.5+3)*2`): numbers, + − × ÷ and brackets only; anything else raises CellValueError.

    >>> arithmetic_value("=120+35"), arithmetic_value("=(12.5+3)*2")
    (155.0, 31.0)
    """
    text = str(formula).strip()
    if len(text) > FORMULA_MAX or not _ARITHMETIC.fullmatch(text):
        raise CellValueError(
            N_(
                "công thức {formula} không được nhận: chỉ nhận số, hoặc phép tính + − × ÷ "
                "trên các số"
            ),
            formula=text[:60],
        )
    try:
        value = _evaluate(ast.parse(text[1:].strip(), mode="eval").body)
    except (SyntaxError, ValueError, ZeroDivisionError, OverflowError, RecursionError):
        raise CellValueError(N_("công thức {formula} không tính được"), formula=text[:60]) from None
    return _checked(float(value), text)


def _evaluate(node: ast.AST) -> float:
    if isinstance(node, ast.Constant) and type(node.value) in (int, float):
        return float(node.value)
    if isinstance(node, ast.BinOp) and type(node.op) in _OPERATORS:
        return _OPERATORS[type(node.op)](_evaluate(node.left), _evaluate(node.right))
    if isinstance(node, ast.UnaryOp) and type(node.op) in _OPERATORS:
        return _OPERATORS[type(node.op)](_evaluate(node.operand))
    raise ValueError("not arithmetic")


def read_figure(
    cell: SheetCell, unit: str | None = None, unit_words: tuple[str, ...] = ()
) -> float | None:
    """The figure of a sheet cell read with its formulas kept (`open_workbook(formulas=True)`):
    a plain arithmetic formula is computed, any other formula refused (`parse_cell` else)."""
    if is_formula_cell(cell):
        return arithmetic_value(str(cell.value))
    if not isinstance(cell.value, str | int | float | bool) and cell.value is not None:
        raise CellValueError(N_("{value!r} không phải là số"), value=str(cell.value))
    return parse_cell(cell.value, unit, unit_words)


def is_percent_format(number_format: str) -> bool:
    """Whether a number format shows the value ×100 with `%` (`0.0%`), not a `%` written as
    literal text (`0.0"%"`, `0.0\\%`): Excel then stores 84,7% as 0.847."""
    bare = re.sub(r'"[^"]*"|\\.|\[[^\]]*\]', "", str(number_format))
    return "%" in bare


def written_form(value: float, unit: str, decimals: int | None = None) -> str:
    """The figure as a Vietnamese report prints it (`5.214.624,5`, `84,7%`).

    >>> written_form(5214624.5, "million_vnd"), written_form(84.7, "percent")
    ('5.214.624,5', '84,7%')
    """
    places = natural_decimals(value) if decimals is None else decimals
    text = format_number(value, places, "vi")
    return text + "%" if unit == "percent" else text


def number_format(decimals: int) -> str:
    """The Excel number format of a figure shown with `decimals` places, grouped (Excel shows
    the groups and the decimal mark of the reader's own settings: `1.234,5` in Vietnamese)."""
    return "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
