"""The strict reader of a filled annex PL 03: every problem names the sheet and cell."""

from __future__ import annotations

import re
import unicodedata
import warnings
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.worksheet import Worksheet

from ntm_analysis.dataset.limits import ERRORS_SHOWN, check_annex_archive, check_sheet_shape
from ntm_analysis.dataset.matching import LooseMatch, check_unit_name
from ntm_analysis.dataset.reference import CriteriaSet
from ntm_analysis.errors import InputError, InputErrors
from ntm_analysis.text.names import NameMatcher, NameMatchError, normalise_name, unify_tones

if TYPE_CHECKING:  # period.py imports this module to read the annex while loading
    pass

from ntm_analysis.dataset.annex.common import (
    _CODE_LABELS,
    _CRITERION_HEADER,
    _CRITERION_ID,
    _DISTRICT_LABELS,
    _NAME_LABELS,
    _PERIOD_LABELS,
    _SET_LABELS,
    EXPECTED_VALUE,
    HEADER_SCAN_ROWS,
    SHEET,
    AnnexContext,
    empty_annex,
)
from ntm_analysis.dataset.annex.template import (
    _criterion_header,
)

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
