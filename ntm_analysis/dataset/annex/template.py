"""The annex PL 03 template: one row per xã, one column per commune criterion, to fill in."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ntm_analysis.dataset.reference import area_names
from ntm_analysis.errors import InputError, Message
from ntm_analysis.i18n import LANGUAGES, N_, pick, t, tp

if TYPE_CHECKING:  # period.py imports this module to read the annex while loading
    from ntm_analysis.dataset.period import PeriodData

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
)

# ---------------------------------------------------------------------------------------------
# Writing the template


def _xa_rows(data: PeriodData) -> pd.DataFrame:
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


def _criterion_header(criterion: Any, lang: str) -> str:
    return f"{criterion.number}. {criterion.name(lang)}"


def _style_range(sheet: Worksheet, cells: str, **styles: Any) -> None:
    for row in sheet[cells]:
        for cell in row:
            for name, value in styles.items():
                setattr(cell, name, value)


def write_template(path: str | Path, data: PeriodData, lang: str = "vi") -> Path:
    """Write the annex PL03 template of `data`'s period: one row per xã, criterion cells empty.

    Raises InputError when the file cannot be written.
    """
    if lang not in LANGUAGES:
        raise ValueError(f"lang must be one of {sorted(LANGUAGES)}, not {lang!r}")
    text = {key: t(lang, msgid) for key, msgid in TEXT.items()}
    text["footer"] = tp(lang, "bottom row of the annex", "Số xã đạt")
    path = Path(path)
    criteria = data.criteria.commune
    rows = _xa_rows(data)
    districts = area_names(data.units, "vi")
    province = data.units["province_name"].iloc[0]
    first_col = _FIRST_CRITERION_COLUMN
    last_col = first_col + len(criteria) - 1
    total_col = last_col + 1
    first_row = _HEADER_ROW + 1
    last_row = first_row + len(rows) - 1
    footer_row = last_row + 1
    first_letter, last_letter = get_column_letter(first_col), get_column_letter(last_col)
    total_letter = get_column_letter(total_col)

    book = Workbook()
    sheet = book.active
    sheet.title = SHEET

    sheet.cell(_TITLE_ROW, 1, text["title"]).font = Font(bold=True, size=13)
    sheet.merge_cells(
        start_row=_TITLE_ROW, start_column=1, end_row=_TITLE_ROW, end_column=total_col
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

    # Criteria groups above the header row (consecutive criteria of one group merged).
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
        f"{first_letter}{_GROUP_ROW}:{last_letter}{_GROUP_ROW}",
        fill=_GROUP_FILL,
        alignment=_CENTER,
        border=_BORDER,
    )

    headers = [text["no"], text["code"], text["name"], text["district"]]
    headers += [_criterion_header(c, lang) for c in criteria] + [text["total"]]
    for column, header in enumerate(headers, start=1):
        sheet.cell(_HEADER_ROW, column, header)
    _style_range(
        sheet,
        f"A{_HEADER_ROW}:{total_letter}{_HEADER_ROW}",
        font=Font(bold=True),
        fill=_HEAD_FILL,
        alignment=_CENTER,
        border=_BORDER,
    )
    sheet.row_dimensions[_HEADER_ROW].height = 75

    for i, commune in enumerate(rows.itertuples(index=False)):
        row = first_row + i
        sheet.cell(row, 1, i + 1)
        sheet.cell(row, 2, str(commune.code)).number_format = "@"
        sheet.cell(row, 3, str(commune.name))
        sheet.cell(row, 4, districts.get(str(commune.district_code), str(commune.district_code)))
        sheet.cell(
            row,
            total_col,
            f"=COUNTIF({first_letter}{row}:{last_letter}{row},1)",
        )
    if len(rows):
        _style_range(sheet, f"A{first_row}:D{last_row}", fill=_FIXED_FILL, border=_BORDER)
        _style_range(
            sheet,
            f"{first_letter}{first_row}:{total_letter}{last_row}",
            alignment=_CENTER,
            border=_BORDER,
        )
    sheet.cell(footer_row, 1, text["footer"]).font = Font(bold=True)
    sheet.merge_cells(start_row=footer_row, start_column=1, end_row=footer_row, end_column=4)
    for column in range(first_col, total_col):
        letter = get_column_letter(column)
        sheet.cell(footer_row, column, f"=COUNTIF({letter}{first_row}:{letter}{last_row},1)")
    sheet.cell(footer_row, total_col, f"=SUM({total_letter}{first_row}:{total_letter}{last_row})")
    _style_range(
        sheet,
        f"A{footer_row}:{total_letter}{footer_row}",
        font=Font(bold=True),
        alignment=_CENTER,
        border=_BORDER,
    )

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
    if len(rows):
        validation.add(f"{first_letter}{first_row}:{last_letter}{last_row}")
    sheet.add_data_validation(validation)

    for letter, width in (("A", 6), ("B", 9), ("C", 18), ("D", 20)):
        sheet.column_dimensions[letter].width = width
    for column in range(first_col, total_col):
        sheet.column_dimensions[get_column_letter(column)].width = 11
    sheet.column_dimensions[total_letter].width = 12
    sheet.freeze_panes = f"{first_letter}{first_row}"
    sheet.print_title_rows = f"{_HEADER_ROW}:{_HEADER_ROW}"
    sheet.page_setup.orientation = "landscape"

    guide = book.create_sheet(GUIDE_SHEET)
    guide.column_dimensions["A"].width = 110
    lines = [(t("vi", msgid, period=data.period), bold) for msgid, bold in GUIDE]
    lines += [("", False)] + [(t("en", msgid, period=data.period), bold) for msgid, bold in GUIDE]
    for row, (line, bold) in enumerate(lines, start=1):
        cell = guide.cell(row, 1, line)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        cell.font = Font(bold=bold)

    book.properties.title = text["title"]
    book.properties.creator = "ntm_analysis"
    return save_workbook(book, path)


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
