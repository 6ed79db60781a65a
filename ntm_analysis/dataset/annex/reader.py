"""The strict reader of a filled annex PL 03: every problem names the sheet and cell.

The workbook is opened within the limits by `dataset/excel.py`; where the table is (sheet,
header row, columns) is found by `annex/layout.py`; this module reads its rows.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pandas as pd
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ntm_analysis.dataset.annex.common import EXPECTED_VALUE, AnnexContext, empty_annex
from ntm_analysis.dataset.annex.layout import Layout, check_block, choose_sheet, find_layout
from ntm_analysis.dataset.excel import (
    ANNEX,
    cell_error,
    cell_ref,
    is_empty,
    is_formula,
    open_workbook,
)
from ntm_analysis.dataset.limits import ERRORS_SHOWN
from ntm_analysis.dataset.matching import LooseMatch, check_unit_name
from ntm_analysis.dataset.reference import CriteriaSet
from ntm_analysis.errors import InputError, InputErrors, Message, NtmError
from ntm_analysis.i18n import N_
from ntm_analysis.text.names import NameMatcher, NameMatchError

Record = tuple[str, str, bool | None, str, int]  # code, criterion, met, cell, source line


def _parse_code(value: Any) -> str | None:
    """A GSO commune code as 5-digit text, or None when the cell cannot be one."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return f"{value:05d}" if value >= 0 else None
    if isinstance(value, float) and value.is_integer() and value >= 0:
        return f"{int(value):05d}"
    if isinstance(value, str) and value.strip().isascii() and value.strip().isdigit():
        return value.strip().zfill(5)
    return None


def _parse_met(value: Any) -> tuple[bool | None, bool]:
    """(met, ok): met True/False, None for an empty cell; ok False when the value is refused."""
    if is_empty(value):
        return None, True
    if isinstance(value, bool):
        return None, False
    if isinstance(value, int | float):
        return (bool(value), True) if value in (0, 1) else (None, False)
    if isinstance(value, str):
        text = value.strip()
        if text in ("0", "1"):
            return text == "1", True
    return None, False


def _refusal(value: Any) -> Message:
    """Why a criterion cell's value is refused."""
    if is_formula(value):
        return Message(N_("có công thức ({value}) trong ô tiêu chí"), value=value)
    if isinstance(value, str) and value.strip().casefold() == "x":
        return Message(
            N_(
                "không được ghi 'x': ghi 1 nếu đạt, 0 nếu chưa đạt (để trống nghĩa là "
                "'chưa báo cáo')"
            )
        )
    if isinstance(value, bool):
        return Message(N_("không được ghi {value}"), value="TRUE" if value else "FALSE")
    return Message(N_("{value!r} không phải là giá trị được phép"), value=value)


class _Rows:
    """The rows below the header, read one by one: records, problems and loose matches."""

    def __init__(self, sheet: Worksheet, layout: Layout, context: AnnexContext, path: Path) -> None:
        self.sheet, self.layout, self.path = sheet, layout, path
        self.criteria = context.criteria
        units = context.units
        self.matcher = NameMatcher(units, suggestions=ERRORS_SHOWN)
        self.by_code = units.set_index("unit_code")
        self.district_types = dict(
            zip(units["district_code"], units["district_type"], strict=False)
        )
        self.columns = sorted(layout.criteria)
        self.loose: list[LooseMatch] = []
        self.errors: list[InputError] = []
        self.first_seen: dict[str, int] = {}
        self.records: list[Record] = []

    def error(
        self, message: Message | NtmError, row: int, column: int, expected: str | None = None
    ) -> None:
        self.errors.append(cell_error(self.path, self.sheet, row, column, message, expected))

    def read(self, row: int, values: dict[int, Any]) -> None:
        """One row: its commune, then its name, district and criterion cells."""
        code = self.commune(row, values)
        if code is None:
            return
        self.first_seen[code] = row
        district = str(self.by_code.at[code, "district_code"])
        self.check_name(row, values.get(self.layout.name_col), code, district)
        district_col = self.layout.district_col
        written = None if district_col is None else values.get(district_col)
        if not is_empty(written):
            self.check_district(row, str(written).strip(), code, district)
        for column in self.columns:
            self.criterion_cell(row, column, code, values.get(column))

    def commune(self, row: int, values: dict[int, Any]) -> str | None:
        """The row's commune code, or None (a problem noted unless the row is a footer)."""
        code_col = self.layout.code_col
        raw_code = values.get(code_col)
        if is_empty(raw_code):
            literal = [
                col
                for col in self.columns
                if not is_empty(values.get(col)) and not is_formula(values.get(col))
            ]
            if literal:  # criterion values without a commune: not a footer or note row
                self.error(
                    Message(N_("có giá trị tiêu chí trong một dòng không có mã xã")),
                    row,
                    code_col,
                    N_("mã GSO của xã"),
                )
            return None
        code = _parse_code(raw_code)
        if code is None:
            self.error(
                Message(N_("{code!r} không phải là mã xã theo GSO"), code=raw_code),
                row,
                code_col,
                N_("5 chữ số"),
            )
            return None
        by_code = self.by_code
        if code not in by_code.index or by_code.at[code, "unit_type"] != "xa":
            self.error(
                Message(N_("{code!r} không phải là mã một xã trong danh mục GSO"), code=code)
                if code not in by_code.index
                else Message(
                    N_("{code!r} không phải là mã một xã trong danh mục GSO (đây là {kind})"),
                    code=code,
                    kind=by_code.at[code, "unit_type"],
                ),
                row,
                code_col,
                N_("mã một xã trong data/reference/admin_units.csv"),
            )
            return None
        if code in self.first_seen:
            first = cell_ref(self.sheet, self.first_seen[code], code_col)
            self.error(
                Message(
                    N_("xã có mã {code} xuất hiện hai lần (lần đầu ở {first})"),
                    code=code,
                    first=first,
                ),
                row,
                code_col,
                N_("mỗi xã một dòng"),
            )
            return None
        return code

    def check_name(self, row: int, written: Any, code: str, district: str) -> None:
        name_col = self.layout.name_col
        if is_empty(written):
            self.error(
                Message(N_("tên xã để trống"), code=code),
                row,
                name_col,
                N_("tên của xã có mã {code}"),
            )
            return
        where = (self.path, row, cell_ref(self.sheet, row, name_col))
        problem = check_unit_name(
            self.matcher, str(written).strip(), code, district, where, self.loose
        )
        if problem:
            self.errors.append(problem)

    def check_district(self, row: int, written: str, code: str, district: str) -> None:
        column = self.layout.district_col
        assert column is not None
        try:
            match = self.matcher.match_district(
                written, district_type=self.district_types.get(district)
            )
        except NameMatchError as exc:
            self.error(exc, row, column)
            return
        if match.code != district:
            self.error(
                Message(
                    N_(
                        "{written!r} là huyện có mã {match}, nhưng xã có mã {code} thuộc "
                        "huyện có mã {district}"
                    ),
                    written=written,
                    match=match.code,
                    code=code,
                    district=district,
                ),
                row,
                column,
                N_("huyện của xã đó"),
            )
        elif not match.exact:
            self.loose.append(
                LooseMatch(str(self.path), row, written, district, match.name, match.method)
            )

    def criterion_cell(self, row: int, column: int, code: str, value: Any) -> None:
        met, ok = _parse_met(value)
        if not ok:
            criterion = self.criteria.get(self.layout.criteria[column])
            self.error(
                Message(
                    N_("{refusal} (tiêu chí {criterion} {name})"),
                    refusal=_refusal(value),
                    criterion=criterion.id,
                    name=criterion.name_vi,
                ),
                row,
                column,
                EXPECTED_VALUE,
            )
        cell = f"{get_column_letter(column)}{row}"
        self.records.append((code, self.layout.criteria[column], met, cell, row))

    def no_rows(self) -> None:
        """The problem of an annex without any commune row."""
        row = self.layout.header_row + 1
        self.error(
            Message(N_("phụ lục không có dòng nào của xã")),
            row,
            self.layout.code_col,
            N_("mỗi xã một dòng, bên dưới dòng tiêu đề"),
        )


def read_annex(
    path: str | Path, data_like: AnnexContext, loose: list[LooseMatch] | None = None
) -> pd.DataFrame:
    """Read a filled annex PL03: one row per (commune, criterion) with `met` True/False/NA.

    Columns: code, criterion, met (nullable boolean; NA = not reported), cell, source_line.
    Raises InputError naming the file, the Excel row and `sheet!cell` of every problem. Names
    matched only loosely are appended to `loose`.
    """
    path = Path(path)
    book = open_workbook(path, ANNEX, formulas=True)
    sheet, header_row = choose_sheet(book, path)
    layout = find_layout(sheet, header_row, data_like.criteria, path)
    check_block(sheet, layout, data_like, path)
    rows = _Rows(sheet, layout, data_like, path)
    for cells in sheet.iter_rows(min_row=header_row + 1):
        rows.read(cells[0].row, {c.column: c.value for c in cells})
    if not rows.first_seen and not rows.errors:
        rows.no_rows()
    if rows.errors:
        raise InputErrors(rows.errors)
    if loose is not None:
        loose.extend(rows.loose)
    return _annex_frame(rows.records, data_like.criteria)


def _annex_frame(records: Iterable[Record], criteria: CriteriaSet) -> pd.DataFrame:
    records = list(records)
    if not records:
        return empty_annex()
    order = {c.id: i for i, c in enumerate(criteria.commune)}
    frame = pd.DataFrame(
        {
            "code": pd.Series([r[0] for r in records], dtype=object),
            "criterion": pd.Series([r[1] for r in records], dtype=object),
            "met": pd.array([r[2] for r in records], dtype="boolean"),
            "cell": pd.Series([r[3] for r in records], dtype=object),
            "source_line": pd.array([r[4] for r in records], dtype="int64"),
        }
    )
    rank = frame["criterion"].map(order)
    return (
        frame.assign(_rank=rank)
        .sort_values(["source_line", "_rank"], kind="stable")
        .drop(columns="_rank")
        .reset_index(drop=True)
    )
