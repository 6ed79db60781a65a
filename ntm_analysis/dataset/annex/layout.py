"""Where a filled annex's table is: its sheet, header row, identity and criterion columns, and
the header block's period and criteria set (which must be the period's)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from ntm_analysis.dataset.annex.common import (
    _CODE_LABELS,
    _CRITERION_HEADER,
    _CRITERION_ID,
    _DISTRICT_LABELS,
    _NAME_LABELS,
    _PERIOD_LABELS,
    _SET_LABELS,
    HEADER_SCAN_ROWS,
    SHEET,
    AnnexContext,
    criterion_header,
)
from ntm_analysis.dataset.excel import cell_error, cell_ref, is_empty
from ntm_analysis.dataset.reference import CriteriaSet
from ntm_analysis.errors import InputError, InputErrors
from ntm_analysis.text.names import normalise_name, unify_tones


def label_key(value: Any) -> str:
    """A header label compared loosely: NFC, casefolded, one space, no '(…)', no end ':'/'.'."""
    text = unicodedata.normalize("NFC", str(value)).casefold()
    text = re.sub(r"\([^)]*\)", " ", text)
    text = " ".join(text.split()).strip(" :.")
    return unify_tones(text)


@dataclass
class Layout:
    """Where the table is: header row, identity columns, criterion id by column."""

    header_row: int
    code_col: int
    name_col: int
    district_col: int | None
    criteria: dict[int, str]


def _find_header(sheet: Worksheet) -> int | None:
    """The first row holding both a commune-code and a commune-name label."""
    last = min(sheet.max_row, HEADER_SCAN_ROWS)
    for row in sheet.iter_rows(min_row=1, max_row=last):
        keys = {label_key(c.value) for c in row if not is_empty(c.value)}
        if keys & _CODE_LABELS and keys & _NAME_LABELS:
            return row[0].row
    return None


def choose_sheet(book: Workbook, path: Path) -> tuple[Worksheet, int]:
    """Sheet PL03 if present, else the first sheet with a header row; and that row."""
    sheets = [book[SHEET]] if SHEET in book.sheetnames else list(book.worksheets)
    for sheet in sheets:
        row = _find_header(sheet)
        if row is not None:
            return sheet, row
    where = f"sheet {SHEET}" if SHEET in book.sheetnames else f"sheets {book.sheetnames}"
    raise InputError(
        f"no header row found in the first {HEADER_SCAN_ROWS} rows of {where}",
        path=path,
        expected="a row with the labels 'Mã xã' and 'Xã' (or 'Commune code' and 'Commune')",
    )


def _criterion_of(header: str, criteria: CriteriaSet) -> tuple[str | None, str | None]:
    """(criterion id, problem) of a header cell; (None, None) when it is no criterion header."""
    key = label_key(header)
    by_number = {c.number: c for c in criteria.commune}
    if _CRITERION_ID.match(key):
        ids = {c.id.casefold(): c.id for c in criteria.commune}
        if key in ids:
            return ids[key], None
        return None, f"{header!r} is not a commune criterion of set {criteria.id}"
    found = _CRITERION_HEADER.match(key)
    if not found:
        return None, None
    number, name = int(found.group(1)), (found.group(2) or "").strip()
    criterion = by_number.get(number)
    if criterion is None:
        return None, f"criterion number {number} is not in set {criteria.id}"
    if name:
        names = {normalise_name(n) for n in (criterion.name_vi, criterion.name_en)}
        names |= {normalise_name(a) for a in criterion.aliases}
        if normalise_name(name) not in names:
            return None, (
                f"header {header!r} numbers criterion {number}, which is "
                f"'{criterion.name_vi}' / '{criterion.name_en}'"
            )
    return criterion.id, None


class _Columns:
    """The header row read cell by cell: identity columns first found, criterion columns
    (each once), and the problems."""

    def __init__(self, sheet: Worksheet, row: int, criteria: CriteriaSet, path: Path) -> None:
        self.sheet, self.row, self.criteria, self.path = sheet, row, criteria, path
        self.code: int | None = None
        self.name: int | None = None
        self.district: int | None = None
        self.found: dict[int, str] = {}  # column -> criterion id
        self.seen: dict[str, int] = {}  # criterion id -> column
        self.errors: list[InputError] = []

    def error(self, column: int, message: str, expected: str) -> None:
        self.errors.append(cell_error(self.path, self.sheet, self.row, column, message, expected))

    def read(self, column: int, value: Any) -> None:
        key = label_key(value)
        if key in _CODE_LABELS and self.code is None:
            self.code = column
        elif key in _NAME_LABELS and self.name is None:
            self.name = column
        elif key in _DISTRICT_LABELS and self.district is None:
            self.district = column
        else:
            self.criterion(column, str(value))

    def criterion(self, column: int, header: str) -> None:
        criterion, problem = _criterion_of(header, self.criteria)
        if problem:
            self.error(column, problem, "'<number>. <name>' of a commune criterion of the set")
        elif criterion is not None and criterion in self.seen:
            first = cell_ref(self.sheet, self.row, self.seen[criterion])
            self.error(
                column,
                f"criterion {criterion} has a second column (first in {first})",
                "one column per criterion",
            )
        elif criterion is not None:
            self.seen[criterion] = column
            self.found[column] = criterion

    def missing(self) -> None:
        """A problem naming the criteria without a column, if any."""
        missing = [c for c in self.criteria.commune if c.id not in self.seen]
        if not missing:
            return
        last = get_column_letter(max(self.sheet.max_column, 1))
        self.errors.append(
            InputError(
                "missing criterion column(s): "
                + ", ".join(f"{c.id} '{criterion_header(c, 'vi')}'" for c in missing),
                path=self.path,
                row=self.row,
                column=f"{self.sheet.title}!A{self.row}:{last}{self.row}",
                expected=f"one column per commune criterion of set {self.criteria.id} "
                f"({self.criteria.commune_count})",
            )
        )


def find_layout(sheet: Worksheet, header_row: int, criteria: CriteriaSet, path: Path) -> Layout:
    """Locate the identity and criterion columns of the header row; InputErrors lists every
    unknown, repeated or missing criterion column."""
    columns = _Columns(sheet, header_row, criteria, path)
    for cell in sheet[header_row]:
        if not is_empty(cell.value):
            columns.read(cell.column, cell.value)
    columns.missing()
    if columns.errors:
        raise InputErrors(columns.errors)
    assert columns.code is not None and columns.name is not None  # found by _find_header
    return Layout(header_row, columns.code, columns.name, columns.district, columns.found)


def check_block(sheet: Worksheet, layout: Layout, context: AnnexContext, path: Path) -> None:
    """The header block's period and criteria set, when present, must be the period's."""
    wanted = {"period": context.period, "set": context.criteria.id}
    errors = []
    for row in sheet.iter_rows(min_row=1, max_row=layout.header_row - 1):
        cells = [c for c in row if not is_empty(c.value)]
        for i, cell in enumerate(cells[:-1]):
            key = label_key(cell.value)
            kind = "period" if key in _PERIOD_LABELS else "set" if key in _SET_LABELS else None
            if kind is None:
                continue
            value = cells[i + 1]
            if str(value.value).strip() != wanted[kind]:
                errors.append(
                    cell_error(
                        path,
                        sheet,
                        value.row,
                        value.column,
                        f"the annex is for {'period' if kind == 'period' else 'criteria set'} "
                        f"{str(value.value).strip()!r}, not {wanted[kind]}",
                        f"{wanted[kind]} (make a template with 'ntm-report template')",
                    )
                )
            break
    if errors:
        raise InputErrors(errors)
