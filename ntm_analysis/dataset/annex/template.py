"""The annex PL 03 template: one row per xã, one column per commune criterion, to fill in."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ntm_analysis.dataset.annex.common import (
    _BORDER,
    _CENTER,
    _FIRST_CRITERION_COLUMN,
    _FIXED_FILL,
    _GROUP_FILL,
    _GROUP_ROW,
    _HEAD_FILL,
    _HEADER_ROW,
    _TITLE_ROW,
    GUIDE,
    GUIDE_SHEET,
    SHEET,
    TEXT,
    TemplateSource,
    criterion_header,
)
from ntm_analysis.dataset.reference import area_names
from ntm_analysis.errors import InputError, Message
from ntm_analysis.i18n import LANGUAGES, N_, pick, t, tp


def _xa_rows(data: TemplateSource) -> pd.DataFrame:
    """The xã to list: the communes table, or the GSO xã when the period has none."""
    units = data.units
    if data.communes.empty:
        xa = units[units["unit_type"] == "xa"]
        table = pd.DataFrame(
            {"code": xa["unit_code"], "district_code": xa["district_code"], "name": xa["unit_name"]}
        )
    else:
        table = data.communes[["code", "district_code", "name"]].copy()
    return table.sort_values(["district_code", "code"]).reset_index(drop=True)


def _style_range(sheet: Worksheet, cells: str, **styles: Any) -> None:
    for row in sheet[cells]:
        for cell in row:
            for name, value in styles.items():
                setattr(cell, name, value)


@dataclass(frozen=True)
class _Grid:
    """Where the template's parts go: criterion columns, total column, data and footer rows."""

    criteria: int  # number of criterion columns
    rows: int  # number of xã rows

    @property
    def first_col(self) -> int:
        return _FIRST_CRITERION_COLUMN

    @property
    def last_col(self) -> int:
        return self.first_col + self.criteria - 1

    @property
    def total_col(self) -> int:
        return self.last_col + 1

    @property
    def first_row(self) -> int:
        return _HEADER_ROW + 1

    @property
    def last_row(self) -> int:
        return self.first_row + self.rows - 1

    @property
    def footer_row(self) -> int:
        return self.last_row + 1

    def letter(self, column: int) -> str:
        return get_column_letter(column)


def _title_block(
    sheet: Worksheet, data: TemplateSource, text: dict, grid: _Grid, lang: str
) -> None:
    """Title, then province, period and criteria set, then the legend."""
    province = data.units["province_name"].iloc[0]
    sheet.cell(_TITLE_ROW, 1, text["title"]).font = Font(bold=True, size=13)
    sheet.merge_cells(
        start_row=_TITLE_ROW, start_column=1, end_row=_TITLE_ROW, end_column=grid.total_col
    )
    decision = (data.criteria.decisions.get("commune") or {}).get("number", "")
    block = [
        (text["province"], f"{province} ({data.province})", ""),
        (text["period"], data.period, data.label(lang)),
        (text["criteria_set"], data.criteria.id, decision),
    ]
    for offset, (label, value, extra) in enumerate(block):
        row = _TITLE_ROW + 1 + offset
        sheet.cell(row, 1, label).font = Font(bold=True)
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=2)
        sheet.cell(row, 3, value)
        sheet.cell(row, 4, extra)
    sheet.cell(_TITLE_ROW + 4, 1, text["legend"]).font = Font(italic=True)


def _group_row(sheet: Worksheet, criteria: list, grid: _Grid, lang: str) -> None:
    """Criteria groups above the header row (consecutive criteria of one group merged)."""
    first_col = grid.first_col
    start = 0
    for i in range(1, len(criteria) + 1):
        group = pick(lang, criteria[start].group_vi, criteria[start].group_en)
        if i < len(criteria):
            following = pick(lang, criteria[i].group_vi, criteria[i].group_en)
            if following == group:
                continue
        cell = sheet.cell(_GROUP_ROW, first_col + start, group)
        if i - 1 > start:
            sheet.merge_cells(
                start_row=_GROUP_ROW,
                start_column=first_col + start,
                end_row=_GROUP_ROW,
                end_column=first_col + i - 1,
            )
        cell.font = Font(bold=True)
        start = i
    _style_range(
        sheet,
        f"{grid.letter(first_col)}{_GROUP_ROW}:{grid.letter(grid.last_col)}{_GROUP_ROW}",
        fill=_GROUP_FILL,
        alignment=_CENTER,
        border=_BORDER,
    )


def _header_row(sheet: Worksheet, criteria: list, text: dict, grid: _Grid, lang: str) -> None:
    headers = [text["no"], text["code"], text["name"], text["district"]]
    headers += [criterion_header(c, lang) for c in criteria] + [text["total"]]
    for column, header in enumerate(headers, start=1):
        sheet.cell(_HEADER_ROW, column, header)
    _style_range(
        sheet,
        f"A{_HEADER_ROW}:{grid.letter(grid.total_col)}{_HEADER_ROW}",
        font=Font(bold=True),
        fill=_HEAD_FILL,
        alignment=_CENTER,
        border=_BORDER,
    )
    sheet.row_dimensions[_HEADER_ROW].height = 75


def _xa_table(sheet: Worksheet, rows: pd.DataFrame, districts: dict, grid: _Grid) -> None:
    """One row per xã (number, code, name, district, a total formula), then the footer."""
    first, last = grid.letter(grid.first_col), grid.letter(grid.last_col)
    total = grid.letter(grid.total_col)
    for i, commune in enumerate(rows.itertuples(index=False)):
        row = grid.first_row + i
        sheet.cell(row, 1, i + 1)
        sheet.cell(row, 2, str(commune.code)).number_format = "@"
        sheet.cell(row, 3, str(commune.name))
        sheet.cell(row, 4, districts.get(str(commune.district_code), str(commune.district_code)))
        sheet.cell(row, grid.total_col, f"=COUNTIF({first}{row}:{last}{row},1)")
    if len(rows):
        _style_range(sheet, f"A{grid.first_row}:D{grid.last_row}", fill=_FIXED_FILL, border=_BORDER)
        _style_range(
            sheet,
            f"{first}{grid.first_row}:{total}{grid.last_row}",
            alignment=_CENTER,
            border=_BORDER,
        )


def _footer(sheet: Worksheet, text: dict, grid: _Grid) -> None:
    """The row counting the xã that meet each criterion, and the sum of the totals."""
    footer, first_row, last_row = grid.footer_row, grid.first_row, grid.last_row
    total = grid.letter(grid.total_col)
    sheet.cell(footer, 1, text["footer"]).font = Font(bold=True)
    sheet.merge_cells(start_row=footer, start_column=1, end_row=footer, end_column=4)
    for column in range(grid.first_col, grid.total_col):
        letter = grid.letter(column)
        sheet.cell(footer, column, f"=COUNTIF({letter}{first_row}:{letter}{last_row},1)")
    sheet.cell(footer, grid.total_col, f"=SUM({total}{first_row}:{total}{last_row})")
    _style_range(
        sheet,
        f"A{footer}:{total}{footer}",
        font=Font(bold=True),
        alignment=_CENTER,
        border=_BORDER,
    )


def _validation(sheet: Worksheet, text: dict, grid: _Grid) -> None:
    """Criterion cells accept 1, 0 or nothing (Excel refuses anything else as it is typed)."""
    validation = DataValidation(
        type="list",
        formula1='"1,0"',
        allow_blank=True,
        showErrorMessage=True,
        showInputMessage=True,
        errorStyle="stop",
        errorTitle=text["error_title"],
        error=text["error"],
        promptTitle=text["prompt_title"],
        prompt=text["prompt"],
    )
    if grid.rows:
        first, last = grid.letter(grid.first_col), grid.letter(grid.last_col)
        validation.add(f"{first}{grid.first_row}:{last}{grid.last_row}")
    sheet.add_data_validation(validation)


def _page(sheet: Worksheet, grid: _Grid) -> None:
    """Column widths, frozen panes, printed title row, landscape."""
    for letter, width in (("A", 6), ("B", 9), ("C", 18), ("D", 20)):
        sheet.column_dimensions[letter].width = width
    for column in range(grid.first_col, grid.total_col):
        sheet.column_dimensions[grid.letter(column)].width = 11
    sheet.column_dimensions[grid.letter(grid.total_col)].width = 12
    sheet.freeze_panes = f"{grid.letter(grid.first_col)}{grid.first_row}"
    sheet.print_title_rows = f"{_HEADER_ROW}:{_HEADER_ROW}"
    sheet.page_setup.orientation = "landscape"


def _guide(book: Workbook, period: str) -> None:
    guide = book.create_sheet(GUIDE_SHEET)
    guide.column_dimensions["A"].width = 110
    lines = [(t("vi", msgid, period=period), bold) for msgid, bold in GUIDE]
    lines += [("", False)] + [(t("en", msgid, period=period), bold) for msgid, bold in GUIDE]
    for row, (line, bold) in enumerate(lines, start=1):
        cell = guide.cell(row, 1, line)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        cell.font = Font(bold=bold)


def template_book(data: TemplateSource, lang: str = "vi") -> Workbook:
    """The annex PL03 template of `data`'s period as a workbook: sheet PL03 (one row per xã,
    criterion cells empty) and the guide sheet."""
    if lang not in LANGUAGES:
        raise ValueError(f"lang must be one of {sorted(LANGUAGES)}, not {lang!r}")
    text = {key: t(lang, msgid) for key, msgid in TEXT.items()}
    text["footer"] = tp(lang, "bottom row of the annex", "Số xã đạt")
    criteria = data.criteria.commune
    rows = _xa_rows(data)
    grid = _Grid(criteria=len(criteria), rows=len(rows))
    book = Workbook()
    sheet = book.active
    sheet.title = SHEET
    _title_block(sheet, data, text, grid, lang)
    _group_row(sheet, criteria, grid, lang)
    _header_row(sheet, criteria, text, grid, lang)
    _xa_table(sheet, rows, area_names(data.units, "vi"), grid)
    _footer(sheet, text, grid)
    _validation(sheet, text, grid)
    _page(sheet, grid)
    _guide(book, data.period)
    book.properties.title = text["title"]
    book.properties.creator = "ntm_analysis"
    return book


def write_template(path: str | Path, data: TemplateSource, lang: str = "vi") -> Path:
    """Write the annex PL03 template of `data`'s period: one row per xã, criterion cells empty.

    Raises InputError when the file cannot be written.
    """
    return save_workbook(template_book(data, lang), Path(path))


def save_workbook(book: Workbook, path: Path) -> Path:
    """Save through a temporary file in the same folder, so a failure leaves no partial file.

    Only a regular file is ever replaced: a symbolic link, folder or device at `path` is
    refused (InputError), whatever `--force` says.
    """
    if path.is_symlink() or (path.exists() and not path.is_file()):
        what = (
            N_("một đường dẫn tắt (symbolic link)")
            if path.is_symlink()
            else N_("không phải tệp thông thường")
        )
        raise InputError(
            N_("{what}; giữ nguyên, không ghi đè"),
            path=path,
            expected=N_("một tên tệp mới"),
            what=Message(what),
        )
    try:
        handle, temporary = tempfile.mkstemp(suffix=".xlsx", dir=path.parent or Path("."))
        os.close(handle)
        try:
            book.save(temporary)
            os.replace(temporary, path)
        finally:
            if os.path.exists(temporary):
                os.unlink(temporary)
    except OSError as exc:
        raise InputError(
            N_("không ghi được tệp ({reason})"), path=path, reason=exc.strerror or exc
        ) from None
    return path
