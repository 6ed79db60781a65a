"""Reading one filled input workbook: every figure, commune status, district row, list item and
PL03 cell, each with the visible cell it came from. All problems are collected, then raised.

The workbook is opened within the limits, and each problem names its visible cell, through
`dataset/excel.py` (the annex reader's too). A sheet is recognised by its keys (`header_keys`):
a hidden row of keys above the header a clerk reads, or, in workbooks written before, keys in
brackets at the end of each header (`Giá trị kỳ này (value)`). `SHEET_READERS` maps the keys a
sheet must have to the function reading it: a new kind of sheet is one more line there.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from openpyxl.worksheet.worksheet import Worksheet

from ntm_analysis.cycle import sheet_readers
from ntm_analysis.cycle.cells import EXPECTED_NUMBER, CellValueError, is_percent_format, read_figure
from ntm_analysis.cycle.context import Context
from ntm_analysis.cycle.list_reader import read_lists_sheet
from ntm_analysis.cycle.phrases import Indicator, PeriodName, Place
from ntm_analysis.cycle.reading import Reading
from ntm_analysis.cycle.safety import check_no_active_content
from ntm_analysis.cycle.targets_sheet import read_targets_sheet
from ntm_analysis.cycle.text_reader import read_text_sheet
from ntm_analysis.cycle.workbook import META_SHEET
from ntm_analysis.dataset.annex import SHEET as ANNEX_SHEET
from ntm_analysis.dataset.annex import AnnexReference, read_annex
from ntm_analysis.dataset.excel import WORKBOOK, Cell, cell_error, is_empty, open_workbook
from ntm_analysis.dataset.reference import area_names
from ntm_analysis.errors import InputError, InputErrors, Message, NtmError
from ntm_analysis.i18n import N_
from ntm_analysis.text.names import NameMatcher
from ntm_analysis.text.numbers import round_half_up

_KEY = re.compile(r"\(([A-Za-z][A-Za-z0-9_]*)\)\s*:?\s*$")  # `Giá trị kỳ này (value)`
_BARE_KEY = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")  # a cell of the hidden key row: `value`, `D01`
ANCHORS = {"indicator", "code", "district_code", "list", "kind", "target_id"}
HEADER_SCAN = 15


def header_keys(sheet: Worksheet) -> tuple[int, dict[str, int]] | None:
    """(the header row a clerk reads, key → column): data rows follow the header row. Keys
    come from the hidden key row above the header, or from `(key)` at the end of headers."""
    for cells in sheet.iter_rows(min_row=1, max_row=min(sheet.max_row, HEADER_SCAN)):
        bare: dict[str, int] = {}
        bracketed: dict[str, int] = {}
        for cell in cells:
            if not isinstance(cell.value, str):
                continue
            text = cell.value.strip()
            if _BARE_KEY.match(text):
                bare.setdefault(text, cell.column)
            found = _KEY.search(text)
            if found:
                bracketed.setdefault(found.group(1), cell.column)
        if ANCHORS & set(bare) and len(bare) >= 2:
            return cells[0].row + 1, bare  # the key row, then the header a clerk reads
        if ANCHORS & set(bracketed):
            return cells[0].row, bracketed
    return None


def is_hidden(sheet: Worksheet, column: int) -> bool:
    """Whether a column is hidden (a group of columns counts: `<col min=1 max=2 hidden>`)."""
    for dimension in sheet.column_dimensions.values():
        low, high = dimension.min or 0, dimension.max or 0
        if dimension.hidden and low <= column <= high:
            return True
    return False


def visible_column(sheet: Worksheet, row: int, column: int) -> int:
    """`column` when a clerk sees it; else the first visible column of the row that holds
    something (the row's label or name), else the first visible column."""
    if not is_hidden(sheet, column):
        return column
    last = max(sheet.max_column, column)
    shown = [c for c in range(1, last + 1) if not is_hidden(sheet, c)]
    for candidate in shown:
        if not is_empty(sheet.cell(row, candidate).value):
            return candidate
    return shown[0] if shown else column


class WorkbookReader:
    """Reads the sheets of one workbook, collecting every problem (`errors`)."""

    def __init__(self, path: Path, context: Context) -> None:
        self.path, self.context = path, context
        self.errors: list[InputError] = []
        self.names = area_names(context.units, "vi")
        self.matcher = NameMatcher(context.units)
        self._keys: dict[str, dict[str, int]] = {}  # each sheet's header keys, once found

    def error(
        self,
        sheet: Worksheet,
        row: int,
        column: int,
        message: str | Message | NtmError,
        expected: str | None,
    ) -> None:
        """A problem at a cell, named by the cell a clerk sees in that row and by what the
        row is about, in words."""
        shown = visible_column(sheet, row, column)
        subject = self.subject(sheet, row)
        if subject is not None:
            what = Message(message) if isinstance(message, str) else message
            values = {**what.values, "subject": subject, "what": what}  # `expected` uses them
            message = Message(N_("{subject}: {what}"), **values)
        self.errors.append(cell_error(self.path, sheet, row, shown, message, expected))

    def subject(self, sheet: Worksheet, row: int) -> Message | Place | None:
        """What a row is about: a figure's label and place, or a commune or district."""
        if sheet.title not in self._keys:
            found = header_keys(sheet)
            self._keys[sheet.title] = found[1] if found else {}
        keys = self._keys[sheet.title]

        def key(name: str) -> str:
            value = sheet.cell(row, keys[name]).value if name in keys else None
            return "" if is_empty(value) else str(value).strip()

        units, catalogue = self.context.units, self.context.catalogue
        code, area = key("indicator"), key("area")
        if code and area and code in catalogue and area in self.names:
            label = Indicator(code, catalogue)
            return Message(N_("{label} của {area}"), label=label, area=Place(area, units))
        place = area or key("code") or key("district_code")  # the place, when that is known
        return Place(place, units) if place in self.names else None

    def cell(self, sheet: Worksheet, row: int, column: int) -> Cell:
        """Where a value was read, as a clerk finds it (a visible cell of the row)."""
        return Cell.at(self.path, sheet, row, visible_column(sheet, row, column))

    def number(
        self,
        sheet: Worksheet,
        row: int,
        column: int,
        percent: bool = False,
        unit: str | None = None,
    ) -> float | None:
        """The cell's figure, in `unit` when given (text is read the row's way: `95%`,
        `130.480.000 đồng`, `1.212 ha`); a plain arithmetic formula is computed. For a
        percentage, a number Excel stores as a fraction because the cell shows `%` (typing
        `84,7%` stores 0.847) is read back in percent."""
        cell = sheet.cell(row, column)
        try:
            value = read_figure(cell, unit, self.unit_words(unit))
        except CellValueError as exc:
            self.error(sheet, row, column, exc, EXPECTED_NUMBER)
            return None
        percent = percent or unit == "percent"
        shown_as_percent = cell.data_type in ("n", "f") and is_percent_format(cell.number_format)
        if percent and value is not None and shown_as_percent:
            return float(round_half_up(value * 100, 10))
        return value

    def unit_words(self, unit: str | None) -> tuple[str, ...]:
        """A unit's label in each language (`ha`, `xã`, `communes`): written after a figure."""
        if unit is None:
            return ()
        labels = self.context.catalogue.units.get(unit) or {}
        return tuple(str(labels[lang]) for lang in ("vi", "en") if labels.get(lang))


SheetReader = Callable[[WorkbookReader, Worksheet, int, dict[str, int], Reading], None]

# The keys a sheet must have → its reader, the first that fits (most specific first).
SHEET_READERS: list[tuple[frozenset[str], SheetReader]] = [
    (frozenset({"target_id"}), read_targets_sheet),
    (frozenset({"kind", "text"}), read_text_sheet),
    (frozenset({"indicator", "value"}), sheet_readers.figures),
    (frozenset({"code", "district_code"}), sheet_readers.communes),
    (frozenset({"district_code", "ntm_status"}), sheet_readers.districts),
    (frozenset({"list", "value"}), read_lists_sheet),
]


def _meta(path: Path, book: Any, context: Context) -> dict[str, str]:
    """The hidden sheet naming period and scope; InputError for another period's workbook."""
    if META_SHEET not in book.sheetnames:
        raise InputError(
            N_("tệp này không phải là biểu nhập của công cụ (không có sheet ẩn 'meta')"),
            path=path,
            expected=N_("một biểu nhập tạo bằng 'ntm-report workbook'"),
        )
    rows = book[META_SHEET].iter_rows(values_only=True)
    meta = {str(r[0]): str(r[1]) for r in rows if r and len(r) > 1 and r[0]}
    if meta.get("period") != context.period:
        written = meta.get("period") or "?"
        raise InputError(
            N_("đây là biểu nhập của kỳ {written}, không phải của kỳ {period}"),
            path=path,
            expected=N_("biểu nhập tạo bằng 'ntm-report workbook --period {name}'"),
            written=PeriodName(written),
            period=PeriodName(context.period),
            name=context.period,
        )
    return meta


def read_workbook(path: Path, context: Context) -> Reading:
    """Read one filled workbook of `context`'s period; InputErrors lists every bad cell."""
    check_no_active_content(path)
    book = open_workbook(path, WORKBOOK, formulas=True)  # formulas kept: cycle/cells.py reads them
    meta = _meta(path, book, context)
    reader = WorkbookReader(path, context)
    out = Reading(path=path, scope=meta.get("scope") or context.province)
    for sheet in book.worksheets:
        if sheet.title in (META_SHEET, ANNEX_SHEET):
            continue
        found = header_keys(sheet)
        if found is None:
            continue
        row, keys = found
        for needed, read in SHEET_READERS:
            if needed <= set(keys):
                read(reader, sheet, row, keys, out)
                out.sheets.append(sheet.title)
                break
    sheet_readers.parts(reader, out)
    if ANNEX_SHEET in book.sheetnames:
        try:
            reference = AnnexReference(context.period, context.units, context.criteria)
            out.annex = read_annex(path, reference)
        except InputErrors as exc:
            reader.errors += exc.errors
        except InputError as exc:
            reader.errors.append(exc)
    if reader.errors:
        raise InputErrors(reader.errors)
    return out
