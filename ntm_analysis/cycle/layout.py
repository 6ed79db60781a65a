"""Shared layout of the input workbook's sheets: the key row and the header row, the block above
them, input cells, validation, protection.

Each data sheet has a hidden row of keys (`KEY_ROW`: `indicator`, `value`, `ntm_status` …, one
per column) above the header row a clerk reads (`HEADER_ROW`, words only), and each data row
carries its own keys (indicator code, area code …) in hidden columns: scripts and the importer
find columns and rows by key, a clerk sees words. Sheets are protected (labels cannot be
edited by mistake) and so is the workbook's structure (sheets cannot be deleted, renamed or
moved); the password is optional (`seal`).
"""

from __future__ import annotations

from openpyxl.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ntm_analysis.cycle.context import Context
from ntm_analysis.cycle.text import WORDS
from ntm_analysis.dataset.reference import area_names

CHOICES_SHEET = "choices"  # very hidden: the values of the long drop-downs
KEY_ROW = 4  # hidden: one key per column
HEADER_ROW = 5  # what a clerk reads
INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")
HINT_FILL = PatternFill("solid", fgColor="F2F2F2")
HEAD_FILL = PatternFill("solid", fgColor="DDEBF7")
UNLOCKED = Protection(locked=False)
WRAP = Alignment(wrap_text=True, vertical="top")


def unlock(cell: Cell) -> None:
    """An input cell: unlocked in the protected sheet, shaded."""
    cell.protection, cell.fill = UNLOCKED, INPUT_FILL


def hint(cell: Cell) -> None:
    """A cell shown for reference that a clerk may copy (the previous figure): unlocked so that
    pasting it does not lock the input cell it is pasted into, and greyed."""
    cell.protection, cell.fill = UNLOCKED, HINT_FILL


def head(sheet: Worksheet, keys: list[str], labels: list[str]) -> None:
    """The hidden key row and the header row a clerk reads, one column per key."""
    for column, (key, text) in enumerate(zip(keys, labels, strict=True), start=1):
        sheet.cell(KEY_ROW, column, key)
        cell = sheet.cell(HEADER_ROW, column, text)
        cell.font, cell.fill = Font(bold=True), HEAD_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    sheet.row_dimensions[KEY_ROW].hidden = True


def block(sheet: Worksheet, context: Context, scope: str, lang: str, column: int = 3) -> None:
    """The sheet's title, period and scope above the table (from `column`, a visible one)."""
    words = WORDS[lang]
    title = sheet.cell(1, column, f"{words['title']} — {context.label(lang)}")
    title.font = Font(bold=True, size=13)
    sheet.cell(2, column, f"{words['period']}:").font = Font(bold=True)
    sheet.cell(2, column + 1, context.period)
    sheet.cell(3, column, f"{words['scope']}:").font = Font(bold=True)
    sheet.cell(3, column + 1, area_names(context.units, lang).get(scope, scope))


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
    """Hide the key columns and protect the sheet: only unlocked cells can be edited; columns
    may be widened and rows heightened."""
    for letter in hidden:
        sheet.column_dimensions[letter].hidden = True
    protection = sheet.protection
    protection.sheet = True
    protection.formatColumns = protection.formatRows = False  # False: allowed


def seal(book: Workbook, password: str | None = None) -> None:
    """Protect the workbook's structure (no sheet deleted, renamed, moved or added) and give
    every protected sheet the password, when there is one (docs/period-cycle.md)."""
    book.security = WorkbookProtection(lockStructure=True)
    if password:
        book.security.workbookPassword = password
        for sheet in book.worksheets:
            if sheet.protection.sheet:
                sheet.protection.password = password


def status_validation(
    sheet: Worksheet,
    words: list[str],
    cells: str,
    lang: str,
    source: str | None = None,
    strict: bool = True,
) -> None:
    """A drop-down of `words` (or of the cells `source`, for long lists) on `cells`; with
    `strict` False another value is allowed after a warning."""
    validation = DataValidation(
        type="list",
        formula1=source or '"' + ",".join(w for w in words if w) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorStyle="stop" if strict else "warning",
        error=WORDS[lang]["status_error"],
    )
    validation.add(cells)
    sheet.add_data_validation(validation)


def choices(book: Workbook, name: str, values: list[str]) -> str | None:
    """The source of a long drop-down: `values` in a column of the workbook's hidden sheet
    `CHOICES_SHEET` (its key `name` in row 1), as the range a list validation takes
    (`choices!$C$2:$C$95`); None when there are no values. The same name is written once."""
    if not values:
        return None
    if CHOICES_SHEET in book.sheetnames:
        sheet = book[CHOICES_SHEET]
    else:
        sheet = book.create_sheet(CHOICES_SHEET)
        sheet.sheet_state = "veryHidden"
        sheet.protection.sheet = True
    column = next(
        (c for c in range(1, sheet.max_column + 1) if sheet.cell(1, c).value == name), None
    )
    if column is None:
        column = 1 if sheet.cell(1, 1).value is None else sheet.max_column + 1
        sheet.cell(1, column, name)
        for row, value in enumerate(values, start=2):
            sheet.cell(row, column, value)
    letter = sheet.cell(1, column).column_letter
    return f"{CHOICES_SHEET}!${letter}$2:${letter}${len(values) + 1}"


LINE_HEIGHT = 15  # points per line of 11-point text
DEFAULT_WIDTH = 8.43  # Excel's default column width, in characters


def fit_rows(sheet: Worksheet, first: int = 1) -> None:
    """Give each row from `first` the height its wrapped text needs: Excel and LibreOffice do
    not measure rows of a file they open, so long texts would be cut or overlap."""
    widths = {
        letter: (dim.width or DEFAULT_WIDTH) for letter, dim in sheet.column_dimensions.items()
    }
    for row in sheet.iter_rows(min_row=first):
        lines = 1
        for cell in row:
            if not isinstance(cell.value, str) or not cell.alignment.wrap_text:
                continue
            if sheet.column_dimensions[cell.column_letter].hidden:
                continue
            chars = max(widths.get(cell.column_letter, DEFAULT_WIDTH) * 1.1, 1)
            needed = sum(-(-max(len(part), 1) // int(chars)) for part in cell.value.split("\n"))
            lines = max(lines, needed)
        if lines > 1:
            sheet.row_dimensions[row[0].row].height = lines * LINE_HEIGHT
