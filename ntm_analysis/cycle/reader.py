"""Reading one filled input workbook: every figure, commune status, list item and PL03 cell,
each with the file, sheet and cell it came from. All problems are collected, then raised.

The workbook is opened within the limits, and each problem names its visible cell, through
`dataset/excel.py` (the annex reader's too).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
from openpyxl.worksheet.worksheet import Worksheet

from ntm_analysis.cycle.cells import (
    EXPECTED_NUMBER,
    CellValueError,
    is_percent_format,
    read_figure,
)
from ntm_analysis.cycle.context import Context
from ntm_analysis.cycle.list_reader import read_lists_sheet
from ntm_analysis.cycle.rows import Pair, part_whole
from ntm_analysis.cycle.safety import check_no_active_content
from ntm_analysis.cycle.targets_sheet import NextTarget, read_targets_sheet
from ntm_analysis.cycle.text import DISTRICT_STATUS, MET, REGISTERED, STATUS, status_code
from ntm_analysis.cycle.text_reader import TextPoint, read_text_sheet
from ntm_analysis.cycle.workbook import META_SHEET
from ntm_analysis.dataset.annex import SHEET as ANNEX_SHEET
from ntm_analysis.dataset.annex import AnnexReference, read_annex
from ntm_analysis.dataset.excel import WORKBOOK, Cell, cell_error, is_empty, open_workbook
from ntm_analysis.dataset.reference import area_names
from ntm_analysis.errors import InputError, InputErrors, Message, NtmError
from ntm_analysis.i18n import N_
from ntm_analysis.text.names import NameMatcher
from ntm_analysis.text.numbers import round_half_up

_KEY = re.compile(r"\(([A-Za-z][A-Za-z0-9_]*)\)\s*:?\s*$")  # a header "Label (key)" (form 1)
_BARE_KEY = re.compile(r"[A-Za-z][A-Za-z0-9_]*")  # a cell of the hidden key row (form 2)
HEADER_SCAN = 15
ANCHORS = {"indicator", "code", "district_code", "list", "kind", "target_id"}


@dataclass
class Reading:
    """What one workbook holds."""

    path: Path
    scope: str
    figures: dict[Pair, tuple[float, str, Cell]] = field(default_factory=dict)
    empty: list[tuple[Pair, Cell]] = field(default_factory=list)
    communes: dict[str, tuple[dict[str, str], Cell]] = field(default_factory=dict)
    districts: dict[str, tuple[dict[str, str], Cell]] = field(default_factory=dict)
    lists: list[dict[str, Any]] = field(default_factory=list)
    annex: pd.DataFrame | None = None
    next_targets: dict[str, NextTarget] = field(default_factory=dict)
    next_sheet: str | None = None  # the title of the next year's targets sheet, when present
    points: list[TextPoint] = field(default_factory=list)  # the text sheets' points, in order
    text_sheets: list[str] = field(default_factory=list)  # the titles of its text sheets


def header_keys(sheet: Worksheet) -> tuple[int, dict[str, int]] | None:
    """(header row, key → column): the keys of the first row naming columns by key — the
    hidden key row of a workbook (`indicator`, `value` …), whose header row a clerk reads is
    the next one, or a header row of `Label (key)` cells (the first layout). Data rows follow
    the header row."""
    for cells in sheet.iter_rows(min_row=1, max_row=min(sheet.max_row, HEADER_SCAN)):
        keys: dict[str, int] = {}
        bare = False
        for cell in cells:
            if not isinstance(cell.value, str):
                continue
            text = cell.value.strip()
            if _BARE_KEY.fullmatch(text):
                keys.setdefault(text, cell.column)
                bare = True
            elif labelled := _KEY.search(text):
                keys.setdefault(labelled.group(1), cell.column)
        if ANCHORS & set(keys):
            return cells[0].row + (1 if bare else 0), keys
    return None


class _Reader:
    def __init__(self, path: Path, context: Context) -> None:
        self.path, self.context = path, context
        self.errors: list[InputError] = []
        self.names = area_names(context.units, "vi")
        self.matcher = NameMatcher(context.units)

    def error(
        self,
        sheet: Worksheet,
        row: int,
        column: int,
        message: Message | NtmError,
        expected: str,
    ) -> None:
        self.errors.append(cell_error(self.path, sheet, row, column, message, expected))

    def cell(self, sheet: Worksheet, row: int, column: int) -> Cell:
        return Cell.at(self.path, sheet, row, column)

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
        words = self.unit_words(unit)
        try:
            value = read_figure(cell, unit, words)
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

    def figures(self, sheet: Worksheet, header: int, keys: dict[str, int], out: Reading) -> None:
        catalogue = self.context.catalogue
        for row in range(header + 1, sheet.max_row + 1):
            code = sheet.cell(row, keys["indicator"]).value
            if is_empty(code):
                continue
            area = str(sheet.cell(row, keys["area"]).value or "").strip()
            if code not in catalogue or area not in self.names:
                self.error(
                    sheet,
                    row,
                    keys["indicator"],
                    Message(N_("không có dòng khóa {code!r}/{area!r}"), code=code, area=area),
                    N_("các dòng như 'ntm-report workbook' đã ghi (không sửa các cột khóa)"),
                )
                continue
            ref = self.cell(sheet, row, keys["value"])
            value = self.number(sheet, row, keys["value"], unit=catalogue[code].unit)
            if is_empty(sheet.cell(row, keys["value"]).value):
                out.empty.append(((code, area), ref))
            elif value is not None:
                note = sheet.cell(row, keys["note"]).value if "note" in keys else None
                out.figures[(code, area)] = (value, str(note or "").strip(), ref)

    def communes(self, sheet: Worksheet, header: int, keys: dict[str, int], out: Reading) -> None:
        known = dict(
            zip(self.context.communes["code"], self.context.communes["district_code"], strict=True)
        )
        statuses = {"ntm_status": STATUS, "advanced_status": STATUS, "registered": REGISTERED}
        catalogue = self.context.catalogue
        owner = out.scope != self.context.province  # a district states all its communes
        for row in range(header + 1, sheet.max_row + 1):
            code = str(sheet.cell(row, keys["code"]).value or "").strip()
            if not code:
                continue
            if code not in known:
                self.error(
                    sheet,
                    row,
                    keys["code"],
                    Message(N_("{code!r} không phải là xã của kỳ báo cáo"), code=code),
                    N_("các dòng như 'ntm-report workbook' đã ghi"),
                )
                continue
            record = {"district_code": known[code]}
            for key, table in statuses.items():
                if key not in keys:
                    continue
                text = sheet.cell(row, keys[key]).value
                if is_empty(text) and not owner:
                    continue  # the province's workbook: an empty cell gives nothing
                empty = "" if key == "registered" else "unknown"  # an emptied status
                found = empty if is_empty(text) else status_code(str(text), table)
                if found is None:
                    words = [w for w in table["vi"].values() if w]
                    self.error(
                        sheet,
                        row,
                        keys[key],
                        Message(
                            N_("{text!r} không phải là một tình trạng"), text=text, words=words
                        ),
                        N_("một trong {words}"),
                    )
                    continue
                record[key] = "" if found == "none" else found  # "Không đăng ký"
            if owner or len(record) > 1:
                out.communes[code] = (record, self.cell(sheet, row, keys["code"]))
            for key, column in keys.items():
                if key in catalogue:
                    ref = self.cell(sheet, row, column)
                    value = self.number(sheet, row, column)
                    if is_empty(sheet.cell(row, column).value):
                        out.empty.append(((key, code), ref))
                    elif value is not None:
                        out.figures[(key, code)] = (value, "", ref)

    def district_status(self, sheet: Worksheet, row: int, keys: dict[str, int]) -> dict[str, str]:
        """A district row's status and the year its plan names (a problem noted when unread)."""
        record: dict[str, str] = {}
        text = sheet.cell(row, keys["ntm_status"]).value
        if not is_empty(text):
            found = status_code(text, DISTRICT_STATUS)
            if found is None:
                words = list(DISTRICT_STATUS["vi"].values())
                self.error(
                    sheet,
                    row,
                    keys["ntm_status"],
                    Message(N_("{text!r} không phải là một tình trạng"), text=text, words=words),
                    N_("một trong {words}"),
                )
            else:
                record["ntm_status"] = found
        if "ntm_plan_year" in keys:
            year = self.number(sheet, row, keys["ntm_plan_year"])
            if year is not None and not (year.is_integer() and 2000 <= year <= 2100):
                self.error(
                    sheet,
                    row,
                    keys["ntm_plan_year"],
                    Message(N_("{year:g} không phải là một năm"), year=year),
                    N_("một năm bốn chữ số"),
                )
            elif year is not None:
                record["ntm_plan_year"] = str(int(year))
        return record

    def districts(self, sheet: Worksheet, header: int, keys: dict[str, int], out: Reading) -> None:
        known = set(self.context.units["district_code"])
        criteria = [c.id for c in self.context.criteria.district if c.id in keys]
        for row in range(header + 1, sheet.max_row + 1):
            code = str(sheet.cell(row, keys["district_code"]).value or "").strip()
            if not code:
                continue
            if code not in known:
                self.error(
                    sheet,
                    row,
                    keys["district_code"],
                    Message(N_("{code!r} không phải là huyện"), code=code),
                    N_("các dòng như 'ntm-report workbook' đã ghi"),
                )
                continue
            record = self.district_status(sheet, row, keys)
            for criterion in criteria:
                text = sheet.cell(row, keys[criterion]).value
                if is_empty(text):
                    continue
                found = status_code(text, MET)
                if found is None:
                    words = list(MET["vi"].values())
                    self.error(
                        sheet,
                        row,
                        keys[criterion],
                        Message(N_("{text!r} không phải là một kết quả"), text=text, words=words),
                        N_("một trong {words}"),
                    )
                else:
                    record[criterion] = found
            if record or out.scope != self.context.province:  # the province's: only what it states
                out.districts[code] = (record, self.cell(sheet, row, keys["district_code"]))

    def parts(self, out: Reading) -> None:
        for part, whole, relation in part_whole(self.context.catalogue):
            for (code, area), (value, _, ref) in list(out.figures.items()):
                if code != part or (whole, area) not in out.figures:
                    continue
                total, _, total_ref = out.figures[(whole, area)]
                if value > total:
                    self.errors.append(
                        InputError(
                            N_(
                                "{value:g} lớn hơn tổng {total:g} ({sheet}!{cell}, quan hệ "
                                "{relation})"
                            ),
                            path=self.path,
                            column=f"{ref.sheet}!{ref.cell}",
                            expected=N_("số liệu thành phần không lớn hơn tổng"),
                            value=value,
                            total=total,
                            sheet=total_ref.sheet,
                            cell=total_ref.cell,
                            relation=relation,
                        )
                    )


def read_workbook(path: Path, context: Context) -> Reading:
    """Read one filled workbook of `context`'s period; InputErrors lists every bad cell."""
    check_no_active_content(path)
    book = open_workbook(path, WORKBOOK, formulas=True)  # formulas kept: cycle/cells.py reads them
    if META_SHEET not in book.sheetnames:
        raise InputError(
            N_("không có sheet 'meta'"),
            path=path,
            expected=N_("một biểu nhập tạo bằng 'ntm-report workbook'"),
        )
    meta = {str(r[0]): str(r[1]) for r in book[META_SHEET].iter_rows(values_only=True) if r[0]}
    if meta.get("period") != context.period:
        raise InputError(
            N_("biểu nhập của kỳ {written}, không phải kỳ {period}"),
            path=path,
            column=f"{META_SHEET}!B1",
            expected=N_("một biểu nhập tạo bằng 'ntm-report workbook --period {period}'"),
            written=meta.get("period"),
            period=context.period,
        )
    reader = _Reader(path, context)
    out = Reading(path=path, scope=meta.get("scope") or context.province)
    for sheet in book.worksheets:
        if sheet.title in (META_SHEET, ANNEX_SHEET):
            continue
        found = header_keys(sheet)
        if found is None:
            continue
        row, keys = found
        if "target_id" in keys:
            read_targets_sheet(reader, sheet, row, keys, out)
        elif "kind" in keys and "text" in keys:
            read_text_sheet(reader, sheet, row, keys, out)
        elif "indicator" in keys and "value" in keys:
            reader.figures(sheet, row, keys, out)
        elif "code" in keys and "district_code" in keys:
            reader.communes(sheet, row, keys, out)
        elif "district_code" in keys and "ntm_status" in keys:
            reader.districts(sheet, row, keys, out)
        elif "list" in keys and "value" in keys:
            read_lists_sheet(reader, sheet, row, keys, out)
    reader.parts(out)
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
