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

from ntm_analysis.cycle.cells import EXPECTED_NUMBER, CellValueError, parse_cell
from ntm_analysis.cycle.context import Context
from ntm_analysis.cycle.rows import Pair, part_whole
from ntm_analysis.cycle.sheets import list_labels
from ntm_analysis.cycle.targets_sheet import NextTarget, read_targets_sheet
from ntm_analysis.cycle.text import DISTRICT_STATUS, MET, REGISTERED, STATUS, status_code
from ntm_analysis.cycle.workbook import META_SHEET
from ntm_analysis.dataset.annex import SHEET as ANNEX_SHEET
from ntm_analysis.dataset.annex import AnnexReference, read_annex
from ntm_analysis.dataset.excel import WORKBOOK, Cell, cell_error, is_empty, open_workbook
from ntm_analysis.dataset.reference import area_names
from ntm_analysis.errors import InputError, InputErrors, Message, NtmError
from ntm_analysis.i18n import N_
from ntm_analysis.text.names import NameMatcher, NameMatchError
from ntm_analysis.text.numbers import round_half_up

_KEY = re.compile(r"\(([A-Za-z][A-Za-z0-9_]*)\)\s*:?\s*$")
HEADER_SCAN = 15


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


def header_keys(sheet: Worksheet) -> tuple[int, dict[str, int]] | None:
    """(header row, key → column) of the first row holding `(key)` labels."""
    for cells in sheet.iter_rows(min_row=1, max_row=min(sheet.max_row, HEADER_SCAN)):
        keys = {}
        for cell in cells:
            found = _KEY.search(str(cell.value)) if isinstance(cell.value, str) else None
            if found:
                keys.setdefault(found.group(1), cell.column)
        if {"indicator", "code", "district_code", "list"} & set(keys):
            return cells[0].row, keys
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
        self, sheet: Worksheet, row: int, column: int, percent: bool = False
    ) -> float | None:
        """The cell's figure; for a percentage, a number Excel stores as a fraction because
        the cell shows `%` (typing `84,7%` stores 0.847) is read back in percent."""
        cell = sheet.cell(row, column)
        try:
            value = parse_cell(cell.value)
        except CellValueError as exc:
            self.error(sheet, row, column, exc, EXPECTED_NUMBER)
            return None
        shown_as_percent = isinstance(cell.value, int | float) and "%" in str(cell.number_format)
        if percent and value is not None and shown_as_percent:
            return float(round_half_up(value * 100, 10))
        return value

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
            percent = catalogue[code].unit == "percent"
            value = self.number(sheet, row, keys["value"], percent)
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
                record[key] = found
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
            out.districts[code] = (record, self.cell(sheet, row, keys["district_code"]))

    def lists(self, sheet: Worksheet, header: int, keys: dict[str, int], out: Reading) -> None:
        by_label = {label: code for code, label in list_labels(self.context, "vi").items()}
        by_label.update({lab: c for c, lab in list_labels(self.context, "en").items()})
        criteria = self.context.criteria.ids()
        for row in range(header + 1, sheet.max_row + 1):
            name = sheet.cell(row, keys["value"]).value
            if is_empty(name):
                continue
            name = str(name).strip()
            code = sheet.cell(row, keys["list"]).value or by_label.get(
                str(sheet.cell(row, keys["list_label"]).value or "").strip()
            )
            if not code:
                self.error(
                    sheet,
                    row,
                    keys["list_label"],
                    Message(N_("chưa chọn danh sách cho tên này")),
                    N_("một danh sách chọn trong ô thả xuống"),
                )
                continue
            area = str(sheet.cell(row, keys["area"]).value or out.scope)
            item = str(sheet.cell(row, keys["item"]).value or "")
            if item not in criteria:
                item = self.item_code(sheet, row, keys["value"], name, item, area)
                if item is None:
                    continue
            detail = sheet.cell(row, keys["detail"]).value if "detail" in keys else None
            out.lists.append(
                {
                    "list": str(code),
                    "area": area,
                    "item": item,
                    "as_written": name,
                    "detail": str(detail or "").strip(),
                    "source": str(self.cell(sheet, row, keys["value"])),
                }
            )

    def item_code(
        self, sheet: Worksheet, row: int, column: int, name: str, item: str, area: str
    ) -> str | None:
        """The GSO code a list item's name stands for (the previous code when it still fits)."""
        units = self.context.units
        types = dict(zip(units["district_code"], units["district_type"], strict=True))
        unit_district = dict(zip(units["unit_code"], units["district_code"], strict=True))
        try:
            if item in types:
                return self.matcher.match_district(name, district_type=types[item]).code
            if item in unit_district:
                return self.matcher.match(name, district=unit_district[item]).code
        except NameMatchError:
            pass  # the name was changed: resolve it afresh
        district = area if area in types else None
        try:
            if district is None:
                try:
                    return self.matcher.match_district(name).code
                except NameMatchError:
                    pass
            return self.matcher.match(name, district=district).code
        except NameMatchError as exc:
            self.error(sheet, row, column, exc, N_("tên một xã hoặc một huyện"))
            return None

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
    book = open_workbook(path, WORKBOOK)
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
        elif "indicator" in keys and "value" in keys:
            reader.figures(sheet, row, keys, out)
        elif "code" in keys and "district_code" in keys:
            reader.communes(sheet, row, keys, out)
        elif "district_code" in keys and "ntm_status" in keys:
            reader.districts(sheet, row, keys, out)
        elif "list" in keys and "value" in keys:
            reader.lists(sheet, row, keys, out)
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
