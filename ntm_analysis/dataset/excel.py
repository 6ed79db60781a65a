"""Excel workbooks read as input: opened within the limits, their cells read, and every problem
named by the cell the user sees (`PL03!E12`, row 12).

Both Excel readers go through here: the annex PL03 (`dataset/annex/reader.py`) and the office
workbooks imported into a period (`cycle/reader.py`). A workbook is refused before openpyxl reads
it when its size, its zip directory, or the rows and cells its sheets' XML hold pass the limits of
`dataset/limits.py` (docs/input-limits.md); once loaded, each sheet's extent is checked too.
"""

from __future__ import annotations

import re
import warnings
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from ntm_analysis.dataset import limits
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
    check_archive(path, kind)  # size, expansion, rows and cells: before openpyxl reads it
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about Excel extensions it drops
            book = load_workbook(path, data_only=not formulas)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError) as exc:
        raise _unreadable(path, kind, exc) from None
    for sheet in book.worksheets:  # a far cell makes iteration visit rows × columns cells
        check_sheet_shape(path, kind, sheet.title, sheet.max_row, sheet.max_column)
    return book


def _unreadable(path: Path, kind: Kind, exc: Exception) -> InputError:
    return InputError(
        N_("không đọc được tệp Excel ({kind}: {reason})"),
        path=path,
        expected=kind.readable,
        kind=type(exc).__name__,
        reason=exc,
    )


def check_archive(path: Path, kind: Kind) -> None:
    """Refuse an .xlsx whose zip directory declares more than the limits, before it is opened.

    The declared sizes are what openpyxl would inflate, so a zip bomb is refused from its
    directory (a few KB read), and a member that inflates past its declared size is stopped by
    zipfile itself (it checks the CRC and the size while reading).
    """
    limits.check_file_size(path, limits.WORKBOOK_MAX_BYTES, kind.name)  # kind.name: a msgid
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise _unreadable(path, kind, exc) from None
    if len(members) > limits.WORKBOOK_MAX_MEMBERS:
        raise InputError(
            N_("tệp Excel chứa {count} thành phần, vượt giới hạn {limit}"),
            path=path,
            expected=kind.made_by,
            count=len(members),
            limit=limits.WORKBOOK_MAX_MEMBERS,
        )
    declared = sum(member.file_size for member in members)
    if declared > limits.WORKBOOK_MAX_UNCOMPRESSED:
        raise InputError(
            N_("tệp Excel khi giải nén có dung lượng {size}, vượt giới hạn {limit}"),
            path=path,
            expected=kind.extent,
            size=limits.megabytes(declared),
            limit=limits.megabytes(limits.WORKBOOK_MAX_UNCOMPRESSED),
        )
    _count_parts(path, kind, members)


# Elements counted in the sheets' XML, with or without a namespace prefix (`<x:row …>`).
_ROW = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row[\s/>]")
_CELL = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?c[\s/>]")
_STRING = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?si[\s/>]")


def _count(archive: zipfile.ZipFile, member: zipfile.ZipInfo, pattern: re.Pattern[bytes]) -> int:
    """Occurrences of `pattern` in a member, streamed (a tag cut by a chunk is carried over)."""
    total, carry = 0, b""
    with archive.open(member) as stream:
        while chunk := stream.read(limits.HASH_CHUNK):
            buffer = carry + chunk
            cut = buffer.rfind(b"<")
            if cut < 0 or len(buffer) - cut > 256:  # no tag cut short at the end
                cut = len(buffer)
            total += len(pattern.findall(buffer, 0, cut))
            carry = buffer[cut:]
    return total + len(pattern.findall(carry))


def _count_parts(path: Path, kind: Kind, members: list[zipfile.ZipInfo]) -> None:
    """Rows of each sheet, and cells and shared strings of the workbook, counted in the XML
    (within the declared size already checked) before openpyxl builds an object per cell."""
    cells = strings = 0
    try:
        with zipfile.ZipFile(path) as archive:
            for member in members:
                name = member.filename.lower()
                if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                    rows = _count(archive, member, _ROW)
                    if rows > limits.WORKBOOK_MAX_ROWS:
                        check_sheet_shape(path, kind, member.filename, rows, 0)
                    cells += _count(archive, member, _CELL)
                elif name == "xl/sharedstrings.xml":
                    strings = _count(archive, member, _STRING)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise _unreadable(path, kind, exc) from None
    for count, what in ((cells, N_("ô")), (strings, N_("đoạn chữ khác nhau"))):
        if count > limits.WORKBOOK_MAX_CELLS:
            raise InputError(
                N_("tệp Excel chứa {count} {what}, vượt giới hạn {limit}"),
                path=path,
                expected=kind.extent,
                count=count,
                what=Message(what),
                limit=limits.WORKBOOK_MAX_CELLS,
            )


def check_sheet_shape(path: Path, kind: Kind, sheet: str, rows: int, columns: int) -> None:
    """Refuse a sheet whose extent (openpyxl's max_row/max_column, or the rows counted in
    its XML) exceeds the limits: iterating it would visit rows × columns cells."""
    if rows > limits.WORKBOOK_MAX_ROWS:
        raise InputError(
            N_("sheet {sheet} có {rows} dòng, vượt giới hạn {limit}"),
            path=path,
            expected=kind.rows,
            sheet=sheet,
            rows=rows,
            limit=limits.WORKBOOK_MAX_ROWS,
        )
    if columns > limits.WORKBOOK_MAX_COLUMNS:
        raise InputError(
            N_("sheet {sheet} có {columns} cột, vượt giới hạn {limit}"),
            path=path,
            expected=kind.columns,
            sheet=sheet,
            columns=columns,
            limit=limits.WORKBOOK_MAX_COLUMNS,
        )
