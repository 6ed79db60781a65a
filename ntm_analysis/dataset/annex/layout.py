"""Where a filled annex's table is: its sheet, header row, identity and criterion columns, and
the header block's period and criteria set (which must be the period's)."""

from __future__ import annotations

import functools
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
    TEXT,
    AnnexContext,
    criterion_header,
)
from ntm_analysis.dataset.excel import cell_error, cell_ref, is_empty
from ntm_analysis.dataset.reference import CriteriaSet
from ntm_analysis.errors import InputError, InputErrors, Message
from ntm_analysis.i18n import LANGUAGES, N_, t
from ntm_analysis.text.names import normalise_name, unify_tones


def label_key(value: Any) -> str:
    """A header label compared loosely: NFC, casefolded, one space, no '(…)', no end ':'/'.'."""
    text = unicodedata.normalize("NFC", str(value)).casefold()
    text = re.sub(r"\([^)]*\)", " ", text)
    text = " ".join(text.split()).strip(" :.")
    return unify_tones(text)


@functools.cache
def _labels(key: str) -> frozenset[str]:
    """The header labels read as `key` ("code", "name", "district", "period", "criteria_set"):
    the template's own, in either language, and the synonyms of `common`."""
    extra = {
        "code": _CODE_LABELS,
        "name": _NAME_LABELS,
        "district": _DISTRICT_LABELS,
        "period": _PERIOD_LABELS,
        "criteria_set": _SET_LABELS,
    }[key]
    return frozenset({label_key(t(lang, TEXT[key])) for lang in LANGUAGES} | extra)


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
        if keys & _labels("code") and keys & _labels("name"):
            return row[0].row
    return None


def choose_sheet(book: Workbook, path: Path) -> tuple[Worksheet, int]:
    """Sheet PL03 if present, else the first sheet with a header row; and that row."""
    sheets = [book[SHEET]] if SHEET in book.sheetnames else list(book.worksheets)
    for sheet in sheets:
        row = _find_header(sheet)
        if row is not None:
            return sheet, row
    where = (
        Message(N_("sheet {sheet}"), sheet=SHEET)
        if SHEET in book.sheetnames
        else Message(N_("các sheet {sheets}"), sheets=book.sheetnames)
    )
    raise InputError(
        N_("không tìm thấy dòng tiêu đề trong {rows} dòng đầu của {where}"),
        path=path,
        expected=N_("một dòng có các nhãn 'Mã xã' và 'Xã' (hoặc 'Commune code' và 'Commune')"),
        rows=HEADER_SCAN_ROWS,
        where=where,
    )


def _criterion_of(header: str, criteria: CriteriaSet) -> tuple[str | None, Message | None]:
    """(criterion id, problem) of a header cell; (None, None) when it is no criterion header."""
    key = label_key(header)
    by_number = {c.number: c for c in criteria.commune}
    if _CRITERION_ID.match(key):
        ids = {c.id.casefold(): c.id for c in criteria.commune}
        if key in ids:
            return ids[key], None
        return None, Message(
            N_("{header!r} không phải là tiêu chí xã của bộ {criteria}"),
            header=header,
            criteria=criteria.id,
        )
    found = _CRITERION_HEADER.match(key)
    if not found:
        return None, None
    number, name = int(found.group(1)), (found.group(2) or "").strip()
    criterion = by_number.get(number)
    if criterion is None:
        return None, Message(
            N_("bộ {criteria} không có tiêu chí số {number}"), number=number, criteria=criteria.id
        )
    if name:
        names = {normalise_name(n) for n in (criterion.name_vi, criterion.name_en)}
        names |= {normalise_name(a) for a in criterion.aliases}
        if normalise_name(name) not in names:
            return None, Message(
                N_(
                    "tiêu đề {header!r} ghi tiêu chí số {number}, nhưng tiêu chí đó là "
                    "'{vi}' / '{en}'"
                ),
                header=header,
                number=number,
                vi=criterion.name_vi,
                en=criterion.name_en,
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

    def error(self, column: int, message: str | Message, expected: str) -> None:
        self.errors.append(cell_error(self.path, self.sheet, self.row, column, message, expected))

    def read(self, column: int, value: Any) -> None:
        key = label_key(value)
        if key in _labels("code") and self.code is None:
            self.code = column
        elif key in _labels("name") and self.name is None:
            self.name = column
        elif key in _labels("district") and self.district is None:
            self.district = column
        else:
            self.criterion(column, str(value))

    def criterion(self, column: int, header: str) -> None:
        criterion, problem = _criterion_of(header, self.criteria)
        if problem:
            self.error(column, problem, N_("'<số>. <tên>' của một tiêu chí xã trong bộ tiêu chí"))
        elif criterion is not None and criterion in self.seen:
            first = cell_ref(self.sheet, self.row, self.seen[criterion])
            self.error(
                column,
                Message(
                    N_("tiêu chí {criterion} có cột thứ hai (cột đầu tiên ở {first})"),
                    criterion=criterion,
                    first=first,
                ),
                N_("mỗi tiêu chí một cột"),
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
                N_("thiếu cột của tiêu chí: {missing}"),
                path=self.path,
                row=self.row,
                column=f"{self.sheet.title}!A{self.row}:{last}{self.row}",
                expected=N_("mỗi tiêu chí xã của bộ {criteria} một cột ({count} cột)"),
                missing=", ".join(f"{c.id} '{criterion_header(c, 'vi')}'" for c in missing),
                criteria=self.criteria.id,
                count=self.criteria.commune_count,
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
            kind = (
                "period"
                if key in _labels("period")
                else "set"
                if key in _labels("criteria_set")
                else None
            )
            if kind is None:
                continue
            value = cells[i + 1]
            if str(value.value).strip() != wanted[kind]:
                wording = (
                    N_("phụ lục ghi kỳ báo cáo {written!r}, không phải {wanted}")
                    if kind == "period"
                    else N_("phụ lục ghi bộ tiêu chí {written!r}, không phải {wanted}")
                )
                errors.append(
                    InputError(
                        wording,
                        path=path,
                        row=value.row,
                        column=cell_ref(sheet, value.row, value.column),
                        expected=N_("{wanted} (tạo biểu mẫu bằng 'ntm-report template')"),
                        written=str(value.value).strip(),
                        wanted=wanted[kind],
                    )
                )
            break
    if errors:
        raise InputErrors(errors)
