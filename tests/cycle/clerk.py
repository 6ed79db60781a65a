"""A clerk filling an input workbook with openpyxl, as one would in Excel or LibreOffice.

Everything is found the way the importer finds it — by the keys of the hidden key row and the
hidden key columns — and changed the way a clerk changes it: typing into the yellow cells,
copying the previous figure into the input cell (value, number format and style, as Ctrl+C /
Ctrl+V does), choosing a status, a list or a place from a drop-down (the words the drop-down
offers), editing, clearing or adding a row of a text sheet.

    with Clerk(path) as clerk:          # saved on leaving the block
        clerk.fill(period_data)         # every figure the period asks for, from a period
        clerk.paste_previous("ntm_funding_total", "84")
        clerk.clear("steering_committee_members", "84")
        clerk.status("29305", "ntm_status", "Đạt chuẩn")
        clerk.add_list_item("Số xã đạt chuẩn NTM nâng cao", "xã Long Hiệp, huyện Trà Cú")
        clerk.edit_point("Lời văn B", "Giải ngân vốn ngân sách tỉnh còn chậm.", "Đã giải ngân.")

`resave_with_libreoffice(path)` opens and saves a workbook with LibreOffice headless, as an
office re-saving the file in LibreOffice Calc would.
"""

from __future__ import annotations

import copy
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.cell import Cell
from openpyxl.worksheet.worksheet import Worksheet

from ntm_analysis.cycle.reader import header_keys
from ntm_analysis.dataset.period import PeriodData


class Clerk:
    """One workbook open for filling; `save()` (or leaving a `with` block) writes it back."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.book = load_workbook(self.path)

    def __enter__(self) -> Clerk:
        return self

    def __exit__(self, kind: object, *_: object) -> None:
        if kind is None:
            self.save()

    def save(self) -> None:
        self.book.save(self.path)

    # --- finding ---------------------------------------------------------------------------

    def sheets(self, *keys: str) -> list[tuple[Worksheet, int, dict[str, int]]]:
        """(sheet, header row, key → column) of every sheet whose key row has `keys`."""
        out = []
        for sheet in self.book.worksheets:
            found = header_keys(sheet)
            if found is not None and set(keys) <= set(found[1]):
                out.append((sheet, found[0], found[1]))
        return out

    def sheet(self, *keys: str) -> tuple[Worksheet, int, dict[str, int]]:
        return self.sheets(*keys)[0]

    def figure_row(self, indicator: str, area: str) -> tuple[Worksheet, int, dict[str, int]]:
        """The figure sheet and row asking for (indicator, area); KeyError when none does."""
        for sheet, header, keys in self.sheets("indicator", "value"):
            for row in range(header + 1, sheet.max_row + 1):
                cells = (
                    sheet.cell(row, keys["indicator"]).value,
                    sheet.cell(row, keys["area"]).value,
                )
                if cells == (indicator, area):
                    return sheet, row, keys
        raise KeyError((indicator, area))

    def figure_cell(self, indicator: str, area: str, key: str = "value") -> Cell:
        sheet, row, keys = self.figure_row(indicator, area)
        return sheet.cell(row, keys[key])

    def pairs(self) -> list[tuple[str, str]]:
        """Every (indicator, area) the figure sheets ask for, in order."""
        out = []
        for sheet, header, keys in self.sheets("indicator", "value"):
            for row in range(header + 1, sheet.max_row + 1):
                code = sheet.cell(row, keys["indicator"]).value
                if code:
                    out.append((code, str(sheet.cell(row, keys["area"]).value)))
        return out

    # --- figures ---------------------------------------------------------------------------

    def type(self, indicator: str, area: str, value: Any) -> None:
        """Type a value (a number, or text such as "1.234,5" or "=120+35") into the input cell."""
        self.figure_cell(indicator, area).value = value

    def clear(self, indicator: str, area: str) -> None:
        self.figure_cell(indicator, area).value = None

    def paste_previous(self, indicator: str, area: str) -> Any:
        """Copy the previous figure's cell into the input cell, as Ctrl+C / Ctrl+V does: the
        value, its number format and its style. Returns the value pasted."""
        source = self.figure_cell(indicator, area, "previous")
        target = self.figure_cell(indicator, area)
        target.value = source.value
        target.number_format = source.number_format
        target.fill = copy.copy(source.fill)
        target.protection = copy.copy(source.protection)
        return source.value

    def fill(self, source: PeriodData, changes: dict | None = None) -> int:
        """Type `source`'s figures into every input cell it has (with `changes`
        {(indicator, area): value} applied); returns the number of cells typed."""
        changes = changes or {}
        typed = 0
        for sheet, header, keys in self.sheets("indicator", "value"):
            for row in range(header + 1, sheet.max_row + 1):
                pair = (
                    sheet.cell(row, keys["indicator"]).value,
                    sheet.cell(row, keys["area"]).value,
                )
                if pair in changes:
                    sheet.cell(row, keys["value"], changes[pair])
                    typed += 1
                elif pair[0] and source.has(*pair):
                    sheet.cell(row, keys["value"], source.value(*pair))
                    typed += 1
        return typed

    # --- statuses --------------------------------------------------------------------------

    def status(self, code: str, key: str, word: str | None) -> None:
        """Choose `word` for a commune's (`ntm_status`, `advanced_status`, `registered`) or a
        district's status (`ntm_status`, `ntm_plan_year`, a criterion `D01`…) in this period."""
        key_column = "code" if len(code) > 3 else "district_code"
        for sheet, header, keys in self.sheets(key_column, key):
            if key_column == "district_code" and "code" in keys:
                continue
            for row in range(header + 1, sheet.max_row + 1):
                if str(sheet.cell(row, keys[key_column]).value) == code:
                    sheet.cell(row, keys[key], word)
                    return
        raise KeyError(code)

    def status_of(self, code: str, key: str) -> Any:
        key_column = "code" if len(code) > 3 else "district_code"
        for sheet, header, keys in self.sheets(key_column, key):
            if key_column == "district_code" and "code" in keys:
                continue
            for row in range(header + 1, sheet.max_row + 1):
                if str(sheet.cell(row, keys[key_column]).value) == code:
                    return sheet.cell(row, keys[key]).value
        raise KeyError(code)

    # --- lists -----------------------------------------------------------------------------

    def list_choices(self) -> list[str]:
        """The lists the drop-down offers (their labels)."""
        sheet, _, _ = self.sheet("list", "item", "value")
        return list(self._choices(sheet, "D"))

    def place_choices(self) -> list[str]:
        sheet, _, _ = self.sheet("list", "item", "value")
        return list(self._choices(sheet, "F"))

    def _choices(self, sheet: Worksheet, column: str) -> list[str]:
        """The values of the drop-down on `column` (a range of the hidden choices sheet)."""
        for validation in sheet.data_validations.dataValidation:
            if any(str(r).startswith(column) for r in validation.sqref.ranges):
                where, cells = validation.formula1.split("!")
                first, last = cells.replace("$", "").split(":")
                rows = self.book[where.strip("'")][f"{first}:{last}"]
                return [row[0].value for row in rows]
        return []

    def add_list_item(self, label: str, name: str, detail: str | None = None) -> int:
        """Choose a list and a name on the first blank row of the list sheet; returns the row."""
        sheet, header, keys = self.sheet("list", "item", "value")
        row = next(
            r
            for r in range(header + 1, sheet.max_row + 2)
            if sheet.cell(r, keys["value"]).value is None
            and sheet.cell(r, keys["list"]).value is None
        )
        sheet.cell(row, keys["list_label"], label)
        sheet.cell(row, keys["value"], name)
        if detail is not None:
            sheet.cell(row, keys["detail"], detail)
        return row

    def list_rows(self, list_code: str) -> list[int]:
        sheet, header, keys = self.sheet("list", "item", "value")
        return [
            r
            for r in range(header + 1, sheet.max_row + 1)
            if sheet.cell(r, keys["list"]).value == list_code
        ]

    def drop_list_item(self, list_code: str, item: str) -> None:
        sheet, _header, keys = self.sheet("list", "item", "value")
        for row in self.list_rows(list_code):
            if str(sheet.cell(row, keys["item"]).value) == item:
                sheet.cell(row, keys["value"]).value = None
                return
        raise KeyError((list_code, item))

    # --- text sheets -----------------------------------------------------------------------

    def text_sheet(self, prefix: str) -> tuple[Worksheet, int, dict[str, int]]:
        """The text sheet whose tab starts with `prefix` ("Lời văn B")."""
        return next(f for f in self.sheets("kind", "text") if f[0].title.startswith(prefix))

    def point_row(self, prefix: str, text: str) -> int:
        sheet, header, keys = self.text_sheet(prefix)
        for row in range(header + 1, sheet.max_row + 1):
            if sheet.cell(row, keys["text"]).value == text:
                return row
        raise KeyError(text)

    def edit_point(self, prefix: str, text: str, new: str | None) -> None:
        """Rewrite a point's text (None clears it: the point is dropped)."""
        sheet, _, keys = self.text_sheet(prefix)
        sheet.cell(self.point_row(prefix, text), keys["text"]).value = new

    def add_point(self, prefix: str, section: str, kind: str, text: str, **cells: Any) -> int:
        """Write a new point on the first blank row: section and kind as the drop-downs offer
        them, the text, and any other visible cell by key (`doc_number`, `list_label` …)."""
        sheet, header, keys = self.text_sheet(prefix)
        row = next(
            r
            for r in range(header + 1, sheet.max_row + 2)
            if sheet.cell(r, keys["text"]).value is None
        )
        for key, value in {"section": section, "kind": kind, "text": text, **cells}.items():
            sheet.cell(row, keys[key], value)
        return row

    # --- next year's targets ---------------------------------------------------------------

    def target(self, target_id: str, value: Any, stretch: Any = None) -> None:
        sheet, header, keys = self.sheet("target_id", "next_value")
        for row in range(header + 1, sheet.max_row + 1):
            if sheet.cell(row, keys["target_id"]).value == target_id:
                sheet.cell(row, keys["next_value"], value)
                sheet.cell(row, keys["next_stretch"], stretch)
                return
        raise KeyError(target_id)


def fill_workbook(path: Path, source: PeriodData, changes: dict | None = None) -> int:
    """Type `source`'s figures into every value cell of the workbook (with `changes`
    {(indicator, area): value} applied); returns the number of cells typed."""
    with Clerk(path) as clerk:
        return clerk.fill(source, changes)


def set_cell(path: Path, sheet: str, cell: str, value: object) -> None:
    book = load_workbook(path)
    book[sheet][cell] = value
    book.save(path)


def resave_with_libreoffice(path: Path, timeout: int = 180) -> Path:
    """Open `path` in LibreOffice (headless) and save it again as .xlsx, in place, as a clerk
    saving the file in LibreOffice Calc does. Needs `soffice` (tests skip without it)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise FileNotFoundError("soffice")
    with tempfile.TemporaryDirectory() as folder:
        profile = Path(folder) / "profile"
        out = Path(folder) / "out"
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                "xlsx:Calc MS Excel 2007 XML",
                "--outdir",
                str(out),
                str(path),
            ],
            check=True,
            capture_output=True,
            timeout=timeout,
        )
        shutil.move(str(out / (Path(path).stem + ".xlsx")), path)
    return path
