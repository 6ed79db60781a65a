"""A clerk filling an input workbook with openpyxl, as one would in Excel or LibreOffice."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from ntm_analysis.cycle.reader import header_keys
from ntm_analysis.dataset.period import PeriodData


def fill_workbook(path: Path, source: PeriodData, changes: dict | None = None) -> int:
    """Type `source`'s figures into every value cell of the workbook (with `changes`
    {(indicator, area): value} applied); returns the number of cells typed."""
    changes = changes or {}
    book = load_workbook(path)
    typed = 0
    for sheet in book.worksheets:
        found = header_keys(sheet)
        if found is None or not {"indicator", "value"} <= set(found[1]):
            continue
        row0, keys = found
        for row in range(row0 + 1, sheet.max_row + 1):
            pair = (sheet.cell(row, keys["indicator"]).value, sheet.cell(row, keys["area"]).value)
            if pair in changes:
                sheet.cell(row, keys["value"], changes[pair])
                typed += 1
            elif source.has(*pair):
                sheet.cell(row, keys["value"], source.value(*pair))
                typed += 1
    book.save(path)
    return typed


def set_cell(path: Path, sheet: str, cell: str, value: object) -> None:
    book = load_workbook(path)
    book[sheet][cell] = value
    book.save(path)
