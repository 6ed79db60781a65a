"""The commune × criterion annex (PL 03): an Excel template, its strict reader, and its use.

The office fills one row per xã and one column per commune criterion of the period's set:
`1` met, `0` not met, an empty cell not reported. `x`, `TRUE`, `đạt` and formulas are refused:
in annexes marked with `x` an empty cell means "not met", which this template reads as "not
reported", so the two conventions must not be mixed. The filled file goes to
`periods/<P>/annex_pl03.xlsx`; `load_period` then narrows each commune's criteria interval.
"""

from __future__ import annotations

import os
import re
import tempfile
import unicodedata
import warnings
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import pandas as pd
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ntm_analysis.dataset.limits import ERRORS_SHOWN, check_annex_archive, check_sheet_shape
from ntm_analysis.dataset.matching import LooseMatch, check_unit_name
from ntm_analysis.dataset.reference import CriteriaSet, area_names
from ntm_analysis.errors import InputError, InputErrors
from ntm_analysis.text.names import NameMatcher, NameMatchError, normalise_name, unify_tones

if TYPE_CHECKING:  # period.py imports this module to read the annex while loading
    from ntm_analysis.dataset.period import PeriodData

ANNEX_FILE = "annex_pl03.xlsx"
SHEET = "PL03"
GUIDE_SHEET = "Hướng dẫn"
NOTE = "annex PL03"
ANNEX_COLUMNS = ["code", "criterion", "met", "cell", "source_line"]
EXPECTED_VALUE = "1 (met), 0 (not met) or an empty cell (not reported)"
HEADER_SCAN_ROWS = 40

# Template layout: rows of the header block, the criteria groups, the table header, the data.
_TITLE_ROW, _GROUP_ROW, _HEADER_ROW = 1, 6, 7
_FIRST_CRITERION_COLUMN = 5  # E: after STT, Mã xã, Xã, Huyện

_TEXT = {
    "vi": {
        "title": "PHỤ LỤC 03: KẾT QUẢ THỰC HIỆN BỘ TIÊU CHÍ QUỐC GIA VỀ XÃ NÔNG THÔN MỚI",
        "province": "Tỉnh:",
        "period": "Kỳ báo cáo:",
        "criteria_set": "Bộ tiêu chí:",
        "legend": "Ghi 1 = đạt, 0 = chưa đạt; để trống = chưa báo cáo (không phải chưa đạt).",
        "no": "STT",
        "code": "Mã xã",
        "name": "Xã",
        "district": "Huyện",
        "total": "Tổng số tiêu chí đạt",
        "footer": "Số xã đạt",
        "prompt_title": "Tiêu chí",
        "prompt": "1 = đạt, 0 = chưa đạt, để trống = chưa báo cáo",
        "error_title": "Giá trị không hợp lệ",
        "error": "Chỉ ghi 1 (đạt) hoặc 0 (chưa đạt); để trống nếu chưa báo cáo.",
    },
    "en": {
        "title": "ANNEX 03: NATIONAL NEW RURAL COMMUNE CRITERIA MET BY EACH COMMUNE",
        "province": "Province:",
        "period": "Period:",
        "criteria_set": "Criteria set:",
        "legend": "Write 1 = met, 0 = not met; leave empty = not reported (not 'not met').",
        "no": "No.",
        "code": "Commune code",
        "name": "Commune",
        "district": "District",
        "total": "Criteria met",
        "footer": "Communes meeting the criterion",
        "prompt_title": "Criterion",
        "prompt": "1 = met, 0 = not met, empty = not reported",
        "error_title": "Invalid value",
        "error": "Write only 1 (met) or 0 (not met); leave the cell empty if not reported.",
    },
}

_GUIDE = [
    ("HƯỚNG DẪN (TIẾNG VIỆT)", True),
    ("1. Mỗi dòng của sheet PL03 là một xã; không sửa cột Mã xã (mã GSO), Xã và Huyện.", False),
    ("2. Mỗi cột tiêu chí: ghi 1 nếu xã đạt tiêu chí, 0 nếu chưa đạt.", False),
    (
        "3. Để trống ô nếu chưa có thông tin: ô trống được hiểu là 'chưa báo cáo', KHÔNG phải "
        "'chưa đạt'. Không dùng 'x', 'đạt', TRUE/FALSE hay công thức trong các ô tiêu chí.",
        False,
    ),
    ("4. Cột 'Tổng số tiêu chí đạt' và dòng 'Số xã đạt' tự tính, không cần nhập.", False),
    ("5. Không thêm, xóa hay đổi tên cột tiêu chí; có thể xóa dòng của xã chưa có số liệu.", False),
    (
        "6. Lưu tệp với tên annex_pl03.xlsx trong thư mục data/periods/<kỳ>/ rồi chạy "
        "'ntm-report validate --period <kỳ>' để kiểm tra.",
        False,
    ),
    ("", False),
    ("INSTRUCTIONS (ENGLISH)", True),
    (
        "1. Each row of sheet PL03 is one commune (xã); do not edit the columns Commune code "
        "(GSO code), Commune and District.",
        False,
    ),
    ("2. In each criterion column write 1 if the commune meets the criterion, 0 if not.", False),
    (
        "3. Leave a cell empty when the information is not available: an empty cell means "
        "'not reported', NOT 'not met'. Do not use 'x', words, TRUE/FALSE or formulas in the "
        "criterion cells.",
        False,
    ),
    ("4. The 'Criteria met' column and the bottom row are computed; do not type in them.", False),
    (
        "5. Do not add, remove or rename criterion columns; rows of communes without data may "
        "be deleted.",
        False,
    ),
    (
        "6. Save the file as annex_pl03.xlsx in data/periods/<period>/ and run "
        "'ntm-report validate --period <period>' to check it.",
        False,
    ),
]

# Labels recognised when reading (compared after `_key`), in both languages.
_CODE_LABELS = {"mã xã", "mã", "mã gso", "mã đơn vị", "commune code", "code", "gso code"}
_NAME_LABELS = {"xã", "tên xã", "tên đơn vị", "commune", "commune name", "name"}
_DISTRICT_LABELS = {"huyện", "district", "huyện/thị xã/thành phố", "huyện, thị xã, thành phố"}
_PERIOD_LABELS = {"kỳ báo cáo", "period"}
_SET_LABELS = {"bộ tiêu chí", "criteria set"}
_CRITERION_HEADER = re.compile(
    r"^(?:tiêu chí\s*(?:số\s*)?|tc\s*)?([0-9]{1,2})(?:\s*[.:)]\s*(.*))?$"
)
_CRITERION_ID = re.compile(r"^c[0-9]{2}$")

_THIN = Side(style="thin", color="808080")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEAD_FILL = PatternFill("solid", fgColor="DDEBF7")
_GROUP_FILL = PatternFill("solid", fgColor="BDD7EE")
_FIXED_FILL = PatternFill("solid", fgColor="F2F2F2")
_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)


class AnnexContext(Protocol):
    """What reading an annex needs: the GSO units, the criteria set and the period."""

    period: str
    units: pd.DataFrame
    criteria: CriteriaSet


@dataclass(frozen=True)
class AnnexReference:
    """An `AnnexContext` built before the `PeriodData` exists (inside `load_period`)."""

    period: str
    units: pd.DataFrame
    criteria: CriteriaSet


def empty_annex() -> pd.DataFrame:
    """The annex table with no rows (a period without an annex file)."""
    return pd.DataFrame(
        {
            "code": pd.Series(dtype=object),
            "criterion": pd.Series(dtype=object),
            "met": pd.Series(dtype="boolean"),
            "cell": pd.Series(dtype=object),
            "source_line": pd.Series(dtype="int64"),
        }
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
    if lang not in _TEXT:
        raise ValueError(f"lang must be one of {sorted(_TEXT)}, not {lang!r}")
    text = _TEXT[lang]
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
        group = criteria[start].group_vi if lang == "vi" else criteria[start].group_en
        if i < len(criteria):
            following = criteria[i].group_vi if lang == "vi" else criteria[i].group_en
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
    for row, (line, bold) in enumerate(_GUIDE, start=1):
        cell = guide.cell(
            row, 1, line.replace("<kỳ>", data.period).replace("<period>", data.period)
        )
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        cell.font = Font(bold=bold)

    book.properties.title = text["title"]
    book.properties.creator = "ntm_analysis"
    return _save(book, path)


def _save(book: Workbook, path: Path) -> Path:
    """Save through a temporary file in the same folder, so a failure leaves no partial file.

    Only a regular file is ever replaced: a symbolic link, folder or device at `path` is
    refused (InputError), whatever `--force` says.
    """
    if path.is_symlink() or (path.exists() and not path.is_file()):
        what = "a symbolic link" if path.is_symlink() else "not a regular file"
        raise InputError(f"{what}; it is left as it is", path=path, expected="a new file name")
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
        raise InputError(f"cannot write the file ({exc.strerror or exc})", path=path) from None
    return path


# ---------------------------------------------------------------------------------------------
# Reading a filled annex


def _key(value: Any) -> str:
    """A header label compared loosely: NFC, casefolded, one space, no '(…)', no end ':'/'.'."""
    text = unicodedata.normalize("NFC", str(value)).casefold()
    text = re.sub(r"\([^)]*\)", " ", text)
    text = " ".join(text.split()).strip(" :.")
    return unify_tones(text)


def _is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _is_formula(value: Any) -> bool:
    return isinstance(value, str) and value.startswith("=")


@dataclass
class _Layout:
    """Where the table is: header row, identity columns, criterion id by column."""

    header_row: int
    code_col: int
    name_col: int
    district_col: int | None
    criteria: dict[int, str]


def _cell_ref(sheet: Worksheet, row: int, column: int) -> str:
    return f"{sheet.title}!{get_column_letter(column)}{row}"


def _open(path: Path) -> Any:
    """The workbook at `path`, or InputError when it is not a readable .xlsx file."""
    if not path.is_file():
        raise InputError("file not found", path=path)
    check_annex_archive(path)  # size, expansion, rows and cells: before openpyxl reads it
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about Excel extensions it drops
            book = load_workbook(path, data_only=False)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError) as exc:
        raise InputError(
            f"not a readable Excel workbook ({type(exc).__name__}: {exc})",
            path=path,
            expected="an .xlsx file saved by Excel or LibreOffice (not .xls, not CSV)",
        ) from None
    for sheet in book.worksheets:  # a far cell makes iteration visit rows × columns cells
        check_sheet_shape(path, sheet.title, sheet.max_row, sheet.max_column)
    return book


def _find_header(sheet: Worksheet) -> int | None:
    """The first row holding both a commune-code and a commune-name label."""
    last = min(sheet.max_row, HEADER_SCAN_ROWS)
    for row in sheet.iter_rows(min_row=1, max_row=last):
        keys = {_key(c.value) for c in row if not _is_empty(c.value)}
        if keys & _CODE_LABELS and keys & _NAME_LABELS:
            return row[0].row
    return None


def _choose_sheet(book: Any, path: Path) -> tuple[Worksheet, int]:
    """Sheet PL03 if present, else the first sheet with a header row; and that row."""
    sheets = [book[SHEET]] if SHEET in book.sheetnames else list(book.worksheets)
    for sheet in sheets:
        row = _find_header(sheet)
        if row is not None:
            return sheet, row
    where = f"sheet {SHEET}" if SHEET in book.sheetnames else f"sheets {book.sheetnames}"
    raise InputError(
        f"no header row found in the first {HEADER_SCAN_ROWS} rows of {where}",
        path=path,
        expected="a row with the labels 'Mã xã' and 'Xã' (or 'Commune code' and 'Commune')",
    )


def _criterion_of(header: str, criteria: CriteriaSet) -> tuple[str | None, str | None]:
    """(criterion id, problem) of a header cell; (None, None) when it is no criterion header."""
    key = _key(header)
    by_number = {c.number: c for c in criteria.commune}
    if _CRITERION_ID.match(key):
        ids = {c.id.casefold(): c.id for c in criteria.commune}
        if key in ids:
            return ids[key], None
        return None, f"{header!r} is not a commune criterion of set {criteria.id}"
    found = _CRITERION_HEADER.match(key)
    if not found:
        return None, None
    number, name = int(found.group(1)), (found.group(2) or "").strip()
    criterion = by_number.get(number)
    if criterion is None:
        return None, f"criterion number {number} is not in set {criteria.id}"
    if name:
        names = {normalise_name(n) for n in (criterion.name_vi, criterion.name_en)}
        names |= {normalise_name(a) for a in criterion.aliases}
        if normalise_name(name) not in names:
            return None, (
                f"header {header!r} numbers criterion {number}, which is "
                f"'{criterion.name_vi}' / '{criterion.name_en}'"
            )
    return criterion.id, None


def _layout(sheet: Worksheet, header_row: int, criteria: CriteriaSet, path: Path) -> _Layout:
    """Locate the identity and criterion columns of the header row."""
    code_col = name_col = None
    district_col: int | None = None
    found: dict[int, str] = {}
    errors: list[InputError] = []
    seen: dict[str, int] = {}
    for cell in sheet[header_row]:
        if _is_empty(cell.value):
            continue
        key = _key(cell.value)
        column = cell.column
        if key in _CODE_LABELS and code_col is None:
            code_col = column
        elif key in _NAME_LABELS and name_col is None:
            name_col = column
        elif key in _DISTRICT_LABELS and district_col is None:
            district_col = column
        else:
            criterion, problem = _criterion_of(str(cell.value), criteria)
            if problem:
                errors.append(
                    InputError(
                        problem,
                        path=path,
                        row=header_row,
                        column=_cell_ref(sheet, header_row, column),
                        expected="'<number>. <name>' of a commune criterion of the set",
                    )
                )
            elif criterion is not None:
                if criterion in seen:
                    errors.append(
                        InputError(
                            f"criterion {criterion} has a second column (first in "
                            f"{_cell_ref(sheet, header_row, seen[criterion])})",
                            path=path,
                            row=header_row,
                            column=_cell_ref(sheet, header_row, column),
                            expected="one column per criterion",
                        )
                    )
                else:
                    seen[criterion] = column
                    found[column] = criterion
    missing = [c for c in criteria.commune if c.id not in seen]
    if missing:
        last = get_column_letter(max(sheet.max_column, 1))
        errors.append(
            InputError(
                "missing criterion column(s): "
                + ", ".join(f"{c.id} '{_criterion_header(c, 'vi')}'" for c in missing),
                path=path,
                row=header_row,
                column=f"{sheet.title}!A{header_row}:{last}{header_row}",
                expected=f"one column per commune criterion of set {criteria.id} "
                f"({criteria.commune_count})",
            )
        )
    if errors:
        raise InputErrors(errors)
    assert code_col is not None and name_col is not None  # found by _find_header
    return _Layout(header_row, code_col, name_col, district_col, found)


def _check_block(sheet: Worksheet, layout: _Layout, context: AnnexContext, path: Path) -> None:
    """The header block's period and criteria set, when present, must be the period's."""
    wanted = {"period": context.period, "set": context.criteria.id}
    errors = []
    for row in sheet.iter_rows(min_row=1, max_row=layout.header_row - 1):
        cells = [c for c in row if not _is_empty(c.value)]
        for i, cell in enumerate(cells[:-1]):
            key = _key(cell.value)
            kind = "period" if key in _PERIOD_LABELS else "set" if key in _SET_LABELS else None
            if kind is None:
                continue
            value = cells[i + 1]
            if str(value.value).strip() != wanted[kind]:
                errors.append(
                    InputError(
                        f"the annex is for {'period' if kind == 'period' else 'criteria set'} "
                        f"{str(value.value).strip()!r}, not {wanted[kind]}",
                        path=path,
                        row=value.row,
                        column=_cell_ref(sheet, value.row, value.column),
                        expected=f"{wanted[kind]} (make a template with 'ntm-report template')",
                    )
                )
            break
    if errors:
        raise InputErrors(errors)


def _parse_code(value: Any) -> str | None:
    """A GSO commune code as 5-digit text, or None when the cell cannot be one."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return f"{value:05d}" if value >= 0 else None
    if isinstance(value, float) and value.is_integer() and value >= 0:
        return f"{int(value):05d}"
    if isinstance(value, str) and value.strip().isascii() and value.strip().isdigit():
        return value.strip().zfill(5)
    return None


def _parse_met(value: Any) -> tuple[bool | None, bool]:
    """(met, ok): met True/False, None for an empty cell; ok False when the value is refused."""
    if _is_empty(value):
        return None, True
    if isinstance(value, bool):
        return None, False
    if isinstance(value, int | float):
        return (bool(value), True) if value in (0, 1) else (None, False)
    if isinstance(value, str):
        text = value.strip()
        if text in ("0", "1"):
            return text == "1", True
    return None, False


def _refusal(value: Any) -> str:
    """Why a criterion cell's value is refused."""
    if _is_formula(value):
        return f"a formula ({value}) in a criterion cell"
    if isinstance(value, str) and value.strip().casefold() == "x":
        return "'x' is not allowed: write 1 for met, 0 for not met (empty means 'not reported')"
    if isinstance(value, bool):
        return f"{'TRUE' if value else 'FALSE'} is not allowed"
    return f"{value!r} is not an allowed value"


def read_annex(
    path: str | Path, data_like: AnnexContext, loose: list[LooseMatch] | None = None
) -> pd.DataFrame:
    """Read a filled annex PL03: one row per (commune, criterion) with `met` True/False/NA.

    Columns: code, criterion, met (nullable boolean; NA = not reported), cell, source_line.
    Raises InputError naming the file, the Excel row and `sheet!cell` of every problem. Names
    matched only loosely are appended to `loose`.
    """
    path = Path(path)
    criteria = data_like.criteria
    units = data_like.units
    book = _open(path)
    sheet, header_row = _choose_sheet(book, path)
    layout = _layout(sheet, header_row, criteria, path)
    _check_block(sheet, layout, data_like, path)

    matcher = NameMatcher(units, suggestions=ERRORS_SHOWN)
    by_code = units.set_index("unit_code")
    district_types = dict(zip(units["district_code"], units["district_type"], strict=False))
    found_loose: list[LooseMatch] = []
    errors: list[InputError] = []
    first_seen: dict[str, int] = {}
    records: list[tuple[str, str, bool | None, str, int]] = []
    criterion_columns = sorted(layout.criteria)

    def error(message: str, row: int, column: int, expected: str | None = None) -> None:
        ref = _cell_ref(sheet, row, column)
        errors.append(InputError(message, path=path, row=row, column=ref, expected=expected))

    for cells in sheet.iter_rows(min_row=header_row + 1):
        row = cells[0].row
        values = {c.column: c.value for c in cells}
        raw_code = values.get(layout.code_col)
        literal = [
            col
            for col in criterion_columns
            if not _is_empty(values.get(col)) and not _is_formula(values.get(col))
        ]
        if _is_empty(raw_code):
            if literal:  # criterion values without a commune: not a footer or note row
                error(
                    "criterion values in a row without a commune code",
                    row,
                    layout.code_col,
                    "the GSO code of the xã",
                )
            continue
        code = _parse_code(raw_code)
        if code is None:
            error(f"{raw_code!r} is not a GSO commune code", row, layout.code_col, "5 digits")
            continue
        if code not in by_code.index or by_code.at[code, "unit_type"] != "xa":
            kind = (
                "" if code not in by_code.index else f" (it is a {by_code.at[code, 'unit_type']})"
            )
            error(
                f"{code!r} is not a commune (xã) of the GSO list{kind}",
                row,
                layout.code_col,
                "the code of a xã in data/reference/admin_units.csv",
            )
            continue
        if code in first_seen:
            error(
                f"commune {code} appears twice (first in "
                f"{_cell_ref(sheet, first_seen[code], layout.code_col)})",
                row,
                layout.code_col,
                "one row per commune",
            )
            continue
        first_seen[code] = row
        district = str(by_code.at[code, "district_code"])
        written = values.get(layout.name_col)
        if _is_empty(written):
            error("empty commune name", row, layout.name_col, f"the name of xã {code}")
        else:
            problem = check_unit_name(
                matcher,
                str(written).strip(),
                code,
                district,
                (path, row, _cell_ref(sheet, row, layout.name_col)),
                found_loose,
            )
            if problem:
                errors.append(problem)
        if layout.district_col is not None and not _is_empty(values.get(layout.district_col)):
            written_district = str(values[layout.district_col]).strip()
            try:
                match = matcher.match_district(
                    written_district, district_type=district_types.get(district)
                )
            except NameMatchError as exc:
                error(str(exc), row, layout.district_col)
            else:
                if match.code != district:
                    error(
                        f"{written_district!r} is district {match.code}, but xã {code} is in "
                        f"district {district}",
                        row,
                        layout.district_col,
                        "the district of the commune",
                    )
                elif not match.exact:
                    found_loose.append(
                        LooseMatch(
                            str(path), row, written_district, district, match.name, match.method
                        )
                    )
        for column in criterion_columns:
            value = values.get(column)
            met, ok = _parse_met(value)
            if not ok:
                criterion = criteria.get(layout.criteria[column])
                error(
                    f"{_refusal(value)} (criterion {criterion.id} {criterion.name_vi})",
                    row,
                    column,
                    EXPECTED_VALUE,
                )
            records.append(
                (code, layout.criteria[column], met, f"{get_column_letter(column)}{row}", row)
            )
    if not first_seen and not errors:
        errors.append(
            InputError(
                "the annex has no commune rows",
                path=path,
                row=header_row + 1,
                column=f"{sheet.title}!{get_column_letter(layout.code_col)}{header_row + 1}",
                expected="one row per xã below the header row",
            )
        )
    if errors:
        raise InputErrors(errors)
    if loose is not None:
        loose.extend(found_loose)
    return _annex_frame(records, criteria)


def _annex_frame(
    records: Iterable[tuple[str, str, bool | None, str, int]], criteria: CriteriaSet
) -> pd.DataFrame:
    records = list(records)
    if not records:
        return empty_annex()
    order = {c.id: i for i, c in enumerate(criteria.commune)}
    frame = pd.DataFrame(
        {
            "code": pd.Series([r[0] for r in records], dtype=object),
            "criterion": pd.Series([r[1] for r in records], dtype=object),
            "met": pd.array([r[2] for r in records], dtype="boolean"),
            "cell": pd.Series([r[3] for r in records], dtype=object),
            "source_line": pd.array([r[4] for r in records], dtype="int64"),
        }
    )
    rank = frame["criterion"].map(order)
    return (
        frame.assign(_rank=rank)
        .sort_values(["source_line", "_rank"], kind="stable")
        .drop(columns="_rank")
        .reset_index(drop=True)
    )


# ---------------------------------------------------------------------------------------------
# Using it


def apply_annex(communes: pd.DataFrame, annex: pd.DataFrame, top: int) -> pd.DataFrame:
    """Narrow the communes table's criteria intervals with the annex.

    All `top` criteria reported: criteria_min = criteria_max = number met, provenance
    `reported`. Partly reported: [met, met + not reported] intersected with the table's
    interval, provenance `derived` (the annex alone when the two are disjoint; the note says
    so). Communes without a reported cell, and every other column, are left as they were.
    """
    out = communes.copy()
    if annex.empty or out.empty:
        return out
    reported = annex[annex["met"].notna()]
    met = reported.groupby("code")["met"].sum().astype(int)
    count = reported.groupby("code")["met"].size()
    position = {code: i for i, code in enumerate(out["code"].astype(str))}
    lows = out["criteria_min"].to_numpy(copy=True)
    highs = out["criteria_max"].to_numpy(copy=True)
    provenance = out["provenance"].astype(object).to_numpy(copy=True)
    notes = out["note"].astype(object).to_numpy(copy=True)
    for code, n_reported in count.items():
        i = position.get(str(code))
        if i is None:
            continue
        n_met, unreported = int(met[code]), top - int(n_reported)
        old_lo, old_hi = int(lows[i]), int(highs[i])
        was = f"{old_lo}–{old_hi}" if old_lo != old_hi else str(old_lo)
        if unreported <= 0:
            lo = hi = n_met
            provenance[i] = "reported"
            notes[i] = NOTE if old_lo <= n_met <= old_hi else f"{NOTE}; contradicts {was}"
        else:
            lo, hi = max(n_met, old_lo), min(n_met + unreported, old_hi)
            detail = f"{NOTE}: {n_met} met, {unreported} of {top} not reported"
            if lo > hi:
                lo, hi = n_met, n_met + unreported
                notes[i] = f"{detail}; contradicts {was}"
            else:
                notes[i] = f"{detail}; within {was}"
            provenance[i] = "derived"
        lows[i], highs[i] = lo, hi
    out["criteria_min"] = pd.array(lows, dtype=out["criteria_min"].dtype)
    out["criteria_max"] = pd.array(highs, dtype=out["criteria_max"].dtype)
    out["provenance"] = pd.Series(provenance, index=out.index, dtype=out["provenance"].dtype)
    out["note"] = pd.Series(notes, index=out.index, dtype=out["note"].dtype)
    return out


def load_annex(
    folder: Path,
    period: str,
    units: pd.DataFrame,
    criteria: CriteriaSet,
    communes: pd.DataFrame,
    loose: list[LooseMatch],
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(communes narrowed by `folder/annex_pl03.xlsx`, the annex table); unchanged without it."""
    path = folder / ANNEX_FILE
    if not path.is_file():
        return communes, empty_annex()
    table = read_annex(path, AnnexReference(period, units, criteria), loose=loose)
    return apply_annex(communes, table, criteria.commune_count), table
