"""Excel workbooks read as input: opened within the limits, their cells read, and every problem
named by the cell the user sees (`PL03!E12`, row 12).

Both Excel readers go through here: the annex PL03 (`dataset/annex/reader.py`) and the office
workbooks imported into a period (`cycle/reader.py`). A workbook is refused before openpyxl reads
it when its size, its zip directory or its XML (a DTD, too many elements, rows, columns or cells)
pass the limits of `dataset/limits.yml` (`dataset/workbook_archive.py`, docs/input-limits.md);
anything openpyxl then fails on is an InputError too, and each sheet's extent is checked again.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from ntm_analysis.dataset import limits
from ntm_analysis.dataset.workbook_archive import check_archive, sheet_shape_error, unreadable
from ntm_analysis.errors import InputError, Message, NtmError
from ntm_analysis.i18n import N_


@dataclass(frozen=True)
class Kind:
    """A kind of input workbook, in the words its refusals use (msgids, translated when the
    error is rendered)."""

    name: str  # "over the limit of 20 MB for <name>"
    readable: str  # what a readable file is
    made_by: str  # where a well-formed one comes from (docs/input-limits.md follows)
    extent: str  # what a workbook of the right size holds (idem)
    rows: str  # what a sheet's rows are (idem)
    columns: str  # what a sheet's columns are (idem)


ANNEX = Kind(
    name=N_("phụ lục Excel"),
    readable=N_("một tệp .xlsx lưu bằng Excel hoặc LibreOffice (không phải .xls, không phải CSV)"),
    made_by=N_("một phụ lục tạo từ 'ntm-report template' (xem docs/input-limits.md)"),
    extent=N_("một phụ lục mỗi xã một dòng (xem docs/input-limits.md)"),
    rows=N_("mỗi xã một dòng (xem docs/input-limits.md)"),
    columns=N_("mỗi tiêu chí một cột (xem docs/input-limits.md)"),
)
WORKBOOK = Kind(
    name=N_("biểu nhập"),
    readable=N_("một tệp .xlsx tạo bằng 'ntm-report workbook'"),
    made_by=N_("một biểu nhập tạo bằng 'ntm-report workbook' (xem docs/input-limits.md)"),
    extent=N_("một biểu nhập tạo bằng 'ntm-report workbook' (xem docs/input-limits.md)"),
    rows=N_(
        "mỗi dòng một số liệu, một xã, một huyện hoặc một mục danh sách (xem docs/input-limits.md)"
    ),
    columns=N_(
        "các cột của một biểu nhập tạo bằng 'ntm-report workbook' (xem docs/input-limits.md)"
    ),
)


@dataclass(frozen=True)
class Cell:
    """Where a value was read: file, sheet, cell (`district_847.xlsx:A.II.1!G12`)."""

    file: str
    sheet: str
    cell: str

    def __str__(self) -> str:
        return f"{self.file}:{self.sheet}!{self.cell}"

    @classmethod
    def at(cls, path: Path, sheet: Worksheet, row: int, column: int) -> Cell:
        return cls(path.name, sheet.title, f"{get_column_letter(column)}{row}")


def is_empty(value: Any) -> bool:
    """An empty cell: nothing, or only spaces."""
    return value is None or (isinstance(value, str) and not value.strip())


def is_formula(value: Any) -> bool:
    """A cell holding a formula (read with `formulas=True`)."""
    return isinstance(value, str) and value.startswith("=")


def cell_ref(sheet: Worksheet, row: int, column: int) -> str:
    """The cell as the user finds it in Excel: `PL03!E12`."""
    return f"{sheet.title}!{get_column_letter(column)}{row}"


def cell_error(
    path: Path,
    sheet: Worksheet,
    row: int,
    column: int,
    message: str | Message | NtmError,
    expected: str | None = None,
) -> InputError:
    """An InputError naming the file, the Excel row and the visible cell (`sheet!cell`)."""
    return InputError(
        message, path=path, row=row, column=cell_ref(sheet, row, column), expected=expected
    )


def open_workbook(path: Path, kind: Kind, formulas: bool = False) -> Workbook:
    """The workbook at `path`, within the limits; InputError when it is absent, too large or
    not a readable .xlsx file. `formulas` keeps formulas as written (to refuse them); without
    it a formula cell holds the value Excel computed last."""
    if not path.is_file():
        raise InputError(N_("không tìm thấy tệp"), path=path)
    check_archive(path, kind)  # sizes, XML, rows and cells: before openpyxl reads it
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about Excel extensions it drops
            book = load_workbook(path, data_only=not formulas)
    except MemoryError:
        raise
    except Exception as exc:  # openpyxl fails with any exception on a malformed part
        raise unreadable(path, kind, exc) from None
    for sheet in book.worksheets:  # a far cell makes iteration visit rows × columns cells
        check_sheet_shape(path, kind, sheet.title, sheet.max_row, sheet.max_column)
    return book


def check_sheet_shape(path: Path, kind: Kind, sheet: str, rows: int, columns: int) -> None:
    """Refuse a sheet whose extent (openpyxl's max_row/max_column) exceeds the limits:
    iterating it would visit rows × columns cells."""
    if rows > limits.WORKBOOK_MAX_ROWS or columns > limits.WORKBOOK_MAX_COLUMNS:
        raise sheet_shape_error(path, kind, sheet, rows, columns)
