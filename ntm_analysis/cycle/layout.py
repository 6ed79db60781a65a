"""Shared layout of the input workbook's sheets: header row, block, validation, protection."""

from __future__ import annotations

from openpyxl.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ntm_analysis.cycle.context import Context
from ntm_analysis.cycle.text import WORDS
from ntm_analysis.dataset.reference import area_names

HEADER_ROW = 5
INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")
HEAD_FILL = PatternFill("solid", fgColor="DDEBF7")
UNLOCKED = Protection(locked=False)


def unlock(cell: Cell) -> None:
    """An input cell: unlocked in the protected sheet, shaded."""
    cell.protection, cell.fill = UNLOCKED, INPUT_FILL


def head(sheet: Worksheet, row: int, labels: list[str]) -> None:
    for column, text in enumerate(labels, start=1):
        cell = sheet.cell(row, column, text)
        cell.font, cell.fill = Font(bold=True), HEAD_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")


def block(sheet: Worksheet, context: Context, scope: str, lang: str) -> None:
    words = WORDS[lang]
    sheet.cell(1, 3, f"{words['title']} — {context.label(lang)}").font = Font(bold=True, size=13)
    sheet.cell(2, 3, f"{words['period']} (period):").font = Font(bold=True)
    sheet.cell(2, 4, context.period)
    sheet.cell(3, 3, f"{words['scope']}:").font = Font(bold=True)
    sheet.cell(3, 4, area_names(context.units, lang).get(scope, scope))


def number_validation(lang: str, whole: str | None = None) -> DataValidation:
    words = WORDS[lang]
    if whole:
        return DataValidation(
            type="decimal",
            operator="between",
            formula1="0",
            formula2=whole,
            allow_blank=True,
            showErrorMessage=True,
            error=words["part_error"],
        )
    return DataValidation(
        type="decimal",
        operator="greaterThanOrEqual",
        formula1="0",
        allow_blank=True,
        showErrorMessage=True,
        error=words["number_error"],
    )


def protect(sheet: Worksheet, hidden: str = "AB") -> None:
    for letter in hidden:
        sheet.column_dimensions[letter].hidden = True
    sheet.protection.sheet = True  # no password: it only prevents editing labels by mistake


def status_validation(
    sheet: Worksheet, words: list[str], cells: str, lang: str, source: str | None = None
) -> None:
    """A drop-down of `words` (or of the cells `source`, for long lists) on `cells`."""
    validation = DataValidation(
        type="list",
        formula1=source or '"' + ",".join(w for w in words if w) + '"',
        allow_blank=True,
        showErrorMessage=True,
        error=WORDS[lang]["status_error"],
    )
    validation.add(cells)
    sheet.add_data_validation(validation)
