"""The strict reader of a filled annex PL 03: every problem names the sheet and cell."""

from __future__ import annotations

import functools
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
from ntm_analysis.errors import InputError, InputErrors, Message, NtmError
from ntm_analysis.i18n import LANGUAGES, N_, t
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
    TEXT,
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


@functools.cache
def _labels(key: str) -> frozenset[str]:
    """The header labels read as `key` ("code", "name", "district", "period", "criteria_set"):
    the template's own, in either language, and the synonyms of `common`."""
    extra = {
        "code": _CODE_LABELS,
        "name": _NAME_LABELS,
        "district": _DISTRICT_LABELS,
        "period": _PERIOD_LABELS,
        "criteria_set": _SET_LABELS,
    }[key]
    return frozenset({_key(t(lang, TEXT[key])) for lang in LANGUAGES} | extra)


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
        raise InputError(N_("không tìm thấy tệp"), path=path)
    check_annex_archive(path)  # size, expansion, rows and cells: before openpyxl reads it
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about Excel extensions it drops
            book = load_workbook(path, data_only=False)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError) as exc:
        raise InputError(
            N_("không đọc được tệp Excel ({kind}: {reason})"),
            path=path,
            expected=N_(
                "một tệp .xlsx lưu bằng Excel hoặc LibreOffice (không phải .xls, không phải CSV)"
            ),
            kind=type(exc).__name__,
            reason=exc,
        ) from None
    for sheet in book.worksheets:  # a far cell makes iteration visit rows × columns cells
        check_sheet_shape(path, sheet.title, sheet.max_row, sheet.max_column)
    return book


def _find_header(sheet: Worksheet) -> int | None:
    """The first row holding both a commune-code and a commune-name label."""
    last = min(sheet.max_row, HEADER_SCAN_ROWS)
    for row in sheet.iter_rows(min_row=1, max_row=last):
        keys = {_key(c.value) for c in row if not _is_empty(c.value)}
        if keys & _labels("code") and keys & _labels("name"):
            return row[0].row
    return None


def _choose_sheet(book: Any, path: Path) -> tuple[Worksheet, int]:
    """Sheet PL03 if present, else the first sheet with a header row; and that row."""
    sheets = [book[SHEET]] if SHEET in book.sheetnames else list(book.worksheets)
    for sheet in sheets:
        row = _find_header(sheet)
        if row is not None:
            return sheet, row
    where = (
        Message(N_("sheet {sheet}"), sheet=SHEET)
        if SHEET in book.sheetnames
        else Message(N_("các sheet {sheets}"), sheets=book.sheetnames)
    )
    raise InputError(
        N_("không tìm thấy dòng tiêu đề trong {rows} dòng đầu của {where}"),
        path=path,
        expected=N_("một dòng có các nhãn 'Mã xã' và 'Xã' (hoặc 'Commune code' và 'Commune')"),
        rows=HEADER_SCAN_ROWS,
        where=where,
    )


def _criterion_of(header: str, criteria: CriteriaSet) -> tuple[str | None, Message | None]:
    """(criterion id, problem) of a header cell; (None, None) when it is no criterion header."""
    key = _key(header)
    by_number = {c.number: c for c in criteria.commune}
    if _CRITERION_ID.match(key):
        ids = {c.id.casefold(): c.id for c in criteria.commune}
        if key in ids:
            return ids[key], None
        return None, Message(
            N_("{header!r} không phải là tiêu chí xã của bộ {criteria}"),
            header=header,
            criteria=criteria.id,
        )
    found = _CRITERION_HEADER.match(key)
    if not found:
        return None, None
    number, name = int(found.group(1)), (found.group(2) or "").strip()
    criterion = by_number.get(number)
    if criterion is None:
        return None, Message(
            N_("bộ {criteria} không có tiêu chí số {number}"), number=number, criteria=criteria.id
        )
    if name:
        names = {normalise_name(n) for n in (criterion.name_vi, criterion.name_en)}
        names |= {normalise_name(a) for a in criterion.aliases}
        if normalise_name(name) not in names:
            return None, Message(
                N_(
                    "tiêu đề {header!r} ghi tiêu chí số {number}, nhưng tiêu chí đó là "
                    "'{vi}' / '{en}'"
                ),
                header=header,
                number=number,
                vi=criterion.name_vi,
                en=criterion.name_en,
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
        if key in _labels("code") and code_col is None:
            code_col = column
        elif key in _labels("name") and name_col is None:
            name_col = column
        elif key in _labels("district") and district_col is None:
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
                        expected=N_("'<số>. <tên>' của một tiêu chí xã trong bộ tiêu chí"),
                    )
                )
            elif criterion is not None:
                if criterion in seen:
                    errors.append(
                        InputError(
                            N_("tiêu chí {criterion} có cột thứ hai (cột đầu tiên ở {first})"),
                            path=path,
                            row=header_row,
                            column=_cell_ref(sheet, header_row, column),
                            expected=N_("mỗi tiêu chí một cột"),
                            criterion=criterion,
                            first=_cell_ref(sheet, header_row, seen[criterion]),
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
            kind = (
                "period"
                if key in _labels("period")
                else "set"
                if key in _labels("criteria_set")
                else None
            )
            if kind is None:
                continue
            value = cells[i + 1]
            if str(value.value).strip() != wanted[kind]:
                errors.append(
                    InputError(
                        N_("phụ lục ghi kỳ báo cáo {written!r}, không phải {wanted}")
                        if kind == "period"
                        else N_("phụ lục ghi bộ tiêu chí {written!r}, không phải {wanted}"),
                        path=path,
                        row=value.row,
                        column=_cell_ref(sheet, value.row, value.column),
                        expected=N_("{wanted} (tạo biểu mẫu bằng 'ntm-report template')"),
                        written=str(value.value).strip(),
                        wanted=wanted[kind],
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


def _refusal(value: Any) -> Message:
    """Why a criterion cell's value is refused."""
    if _is_formula(value):
        return Message(N_("có công thức ({value}) trong ô tiêu chí"), value=value)
    if isinstance(value, str) and value.strip().casefold() == "x":
        return Message(
            N_(
                "không được ghi 'x': ghi 1 nếu đạt, 0 nếu chưa đạt (để trống nghĩa là "
                "'chưa báo cáo')"
            )
        )
    if isinstance(value, bool):
        return Message(N_("không được ghi {value}"), value="TRUE" if value else "FALSE")
    return Message(N_("{value!r} không phải là giá trị được phép"), value=value)


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

    def error(message: Message | NtmError, row: int, column: int, expected: str | None = None):
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
                    Message(N_("có giá trị tiêu chí trong một dòng không có mã xã")),
                    row,
                    layout.code_col,
                    N_("mã GSO của xã"),
                )
            continue
        code = _parse_code(raw_code)
        if code is None:
            error(
                Message(N_("{code!r} không phải là mã xã theo GSO"), code=raw_code),
                row,
                layout.code_col,
                N_("5 chữ số"),
            )
            continue
        if code not in by_code.index or by_code.at[code, "unit_type"] != "xa":
            error(
                Message(N_("{code!r} không phải là mã một xã trong danh mục GSO"), code=code)
                if code not in by_code.index
                else Message(
                    N_("{code!r} không phải là mã một xã trong danh mục GSO (đây là {kind})"),
                    code=code,
                    kind=by_code.at[code, "unit_type"],
                ),
                row,
                layout.code_col,
                N_("mã một xã trong data/reference/admin_units.csv"),
            )
            continue
        if code in first_seen:
            error(
                Message(
                    N_("xã có mã {code} xuất hiện hai lần (lần đầu ở {first})"),
                    code=code,
                    first=_cell_ref(sheet, first_seen[code], layout.code_col),
                ),
                row,
                layout.code_col,
                N_("mỗi xã một dòng"),
            )
            continue
        first_seen[code] = row
        district = str(by_code.at[code, "district_code"])
        written = values.get(layout.name_col)
        if _is_empty(written):
            error(
                Message(N_("tên xã để trống"), code=code),
                row,
                layout.name_col,
                N_("tên của xã có mã {code}"),
            )
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
                error(exc, row, layout.district_col)
            else:
                if match.code != district:
                    error(
                        Message(
                            N_(
                                "{written!r} là huyện có mã {match}, nhưng xã có mã {code} thuộc "
                                "huyện có mã {district}"
                            ),
                            written=written_district,
                            match=match.code,
                            code=code,
                            district=district,
                        ),
                        row,
                        layout.district_col,
                        N_("huyện của xã đó"),
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
                    Message(
                        N_("{refusal} (tiêu chí {criterion} {name})"),
                        refusal=_refusal(value),
                        criterion=criterion.id,
                        name=criterion.name_vi,
                    ),
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
                N_("phụ lục không có dòng nào của xã"),
                path=path,
                row=header_row + 1,
                column=f"{sheet.title}!{get_column_letter(layout.code_col)}{header_row + 1}",
                expected=N_("mỗi xã một dòng, bên dưới dòng tiêu đề"),
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
