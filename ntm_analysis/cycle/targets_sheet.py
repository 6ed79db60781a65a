"""The sheet of next year's targets in a year-end input workbook, and reading it back.

One row per target of the period's year (`data/targets/<year>.yml`): label, unit, area and
direction in the workbook's language, this year's target as a hint, and input cells for next
year's value and an optional stretch value. Hidden key columns: target id, indicator, area.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from openpyxl import Workbook
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ntm_analysis.cycle.cells import number_format
from ntm_analysis.cycle.context import Context
from ntm_analysis.cycle.layout import (
    HEADER_ROW,
    WRAP,
    block,
    head,
    hint,
    number_validation,
    protect,
    unlock,
)
from ntm_analysis.cycle.text import WORDS, header
from ntm_analysis.dataset.excel import Cell, is_empty
from ntm_analysis.dataset.reference import area_names
from ntm_analysis.dataset.reporting_period import Period
from ntm_analysis.errors import Message
from ntm_analysis.i18n import N_, t
from ntm_analysis.text.numbers import display_decimals, natural_decimals

TARGET_COLUMNS = [
    "target_id",
    "indicator",
    "area",
    "label",
    "unit",
    "area_name",
    "direction",
    "current",
    "next_value",
    "next_stretch",
    "named_list",
]
VALUE_COLUMN, STRETCH_COLUMN, LIST_COLUMN = 9, 10, 11
NAMED_UNITS = ("communes", "districts", "commune_level_units")  # targets naming their places
DIRECTION = {"at_least": N_("Không thấp hơn"), "at_most": N_("Không vượt quá")}  # at use


def next_year(period: str) -> int | None:
    """The year whose targets a period's workbook asks for: the next one, at year end."""
    value = Period.parse(period)
    return value.year + 1 if value.closes_year else None


def moved_year(text: str, year: int) -> str:
    """`text` with this year (`year` − 1) replaced by `year`, as a whole number only.

    >>> moved_year("ntm_target_communes_2021", 2022)
    'ntm_target_communes_2022'
    """
    return re.sub(rf"(?<![0-9]){year - 1}(?![0-9])", str(year), text)


def next_list_id(target: Any, year: int, units: dict[str, str]) -> str | None:
    """The list naming the places of next year's target (`year`): this year's list with the
    year moved on, or `<target id>_<year>` for a target counting communes or districts; None
    for a target naming no places."""
    if target.list:
        moved = moved_year(target.list, year)
        return moved if moved != target.list else f"{target.list}_{year}"
    if units.get(target.indicator) in NAMED_UNITS:
        return f"{target.id}_{year}"
    return None


def next_lists(context: Context, lang: str) -> dict[str, str]:
    """The lists of next year's targets a year-end workbook takes, with their labels
    ("Chỉ tiêu năm 2022: Số xã đạt chuẩn NTM trong năm 2022")."""
    year = next_year(context.period)
    if year is None:
        return {}
    units = {code: i.unit for code, i in context.catalogue.indicators.items()}
    out = {}
    for target in context.targets:
        code = next_list_id(target, year, units)
        if code is not None:
            label = moved_year(target.label(lang), year)
            out[code] = t(lang, "Chỉ tiêu năm {year}: {label}", year=year, label=label)
    return out


def sheet_name(period: str, lang: str) -> str:
    return WORDS[lang]["targets_sheet"].format(year=next_year(period))


def _header(key: str, year: int, lang: str) -> str:
    """header() of text.py, with the year in the labels of the value columns."""
    text = header(key, lang)
    if key in ("current", "next_value", "next_stretch"):
        text = text.replace("{year}", str(year - 1 if key == "current" else year))
    return text


def percent_validation(lang: str) -> DataValidation:
    return DataValidation(
        type="decimal",
        operator="between",
        formula1="0",
        formula2="100",
        allow_blank=True,
        showErrorMessage=True,
        error=WORDS[lang]["percent_error"],
    )


def targets_sheet(book: Workbook, context: Context, scope: str, lang: str) -> int:
    """Add the sheet when the period closes its year and the year has targets; returns the
    number of targets listed (0: no sheet)."""
    year = next_year(context.period)
    if year is None or not context.targets:
        return 0
    sheet = book.create_sheet(sheet_name(context.period, lang))
    block(sheet, context, scope, lang, column=4)
    head(sheet, TARGET_COLUMNS, [_header(k, year, lang) for k in TARGET_COLUMNS])
    catalogue, names = context.catalogue, area_names(context.units, lang)
    plain, percent = number_validation(lang), percent_validation(lang)
    units = {code: i.unit for code, i in catalogue.indicators.items()}
    lists = next_lists(context, lang)
    for offset, target in enumerate(context.targets, start=1):
        row = HEADER_ROW + offset
        unit = catalogue[target.indicator].unit
        values = [
            target.id,
            target.indicator,
            target.area,
            target.label(lang),
            catalogue.unit_label(unit, lang),
            names.get(target.area, target.area),
            t(lang, DIRECTION[target.direction]),
        ]
        for column, value in enumerate(values, start=1):
            sheet.cell(row, column, value).alignment = WRAP
        current = sheet.cell(
            row, 8, int(target.target) if float(target.target).is_integer() else target.target
        )
        places = display_decimals(target.as_written)
        current.number_format = number_format(
            natural_decimals(target.target) if places is None else places
        )
        hint(current)
        for column in (VALUE_COLUMN, STRETCH_COLUMN):
            unlock(sheet.cell(row, column))
            (percent if unit == "percent" else plain).add(sheet.cell(row, column).coordinate)
        named = next_list_id(target, year, units)
        if named is not None:
            sheet.cell(row, LIST_COLUMN, lists[named]).alignment = WRAP
    for validation in (plain, percent):
        if validation.sqref:
            sheet.add_data_validation(validation)
    for letter, width in zip("DEFGHIJK", (55, 14, 20, 16, 16, 18, 22, 45), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = f"A{HEADER_ROW + 1}"
    protect(sheet, "ABC")
    return len(context.targets)


@dataclass(frozen=True)
class NextTarget:
    """Next year's value (and stretch) typed for one target, with the cell it came from."""

    id: str
    value: float
    stretch: float | None
    cell: Cell

    def same(self, other: NextTarget) -> bool:
        return (self.value, self.stretch) == (other.value, other.stretch)


def _next_values(
    reader: Any, sheet: Worksheet, row: int, keys: dict[str, int], percent: bool
) -> dict[str, float | None]:
    """A row's next-year target and stretch (None when empty or refused: a percentage over
    100 is an error)."""
    found: dict[str, float | None] = {}
    for name in ("next_value", "next_stretch"):
        if name not in keys:
            found[name] = None
            continue
        value = reader.number(sheet, row, keys[name], percent)
        if value is not None and percent and value > 100:
            reader.error(
                sheet,
                row,
                keys[name],
                Message(N_("{value:g}% vượt quá 100%"), value=value),
                N_("từ 0 đến 100"),
            )
            value = None
        found[name] = value
    return found


def read_targets_sheet(
    reader: Any, sheet: Worksheet, header_row: int, keys: dict[str, int], out: Any
) -> None:
    """Read the sheet into `out.next_targets` (id → NextTarget) and `out.next_sheet`; bad
    cells become the reader's errors (`reader` is the workbook reader of cycle/reader.py)."""
    context = reader.context
    known = {target.id: target for target in context.targets}
    out.next_sheet = sheet.title
    for row in range(header_row + 1, sheet.max_row + 1):
        key = sheet.cell(row, keys["target_id"]).value
        if is_empty(key):
            continue
        target = known.get(str(key).strip())
        if target is None or "next_value" not in keys:
            reader.error(
                sheet,
                row,
                keys["target_id"],
                Message(N_("không có mục tiêu {key!r}"), key=key),
                N_("các dòng như 'ntm-report workbook' đã ghi (không sửa các cột khóa)"),
            )
            continue
        percent = context.catalogue[target.indicator].unit == "percent"
        found = _next_values(reader, sheet, row, keys, percent)
        value, stretch = found["next_value"], found["next_stretch"]
        if value is None:
            typed = not is_empty(sheet.cell(row, keys["next_value"]).value)
            if stretch is not None and not typed:
                reader.error(
                    sheet,
                    row,
                    keys["next_value"],
                    Message(N_("có mức phấn đấu nhưng không có chỉ tiêu năm sau")),
                    N_("chỉ tiêu năm sau bên cạnh mức phấn đấu"),
                )
            continue
        below = target.direction == "at_least"
        if stretch is not None and (stretch < value if below else stretch > value):
            reader.error(
                sheet,
                row,
                keys["next_stretch"],
                Message(
                    N_("mức phấn đấu {stretch:g} thấp hơn chỉ tiêu {value:g}")
                    if below
                    else N_("mức phấn đấu {stretch:g} cao hơn chỉ tiêu {value:g}"),
                    stretch=stretch,
                    value=value,
                ),
                N_("một mức phấn đấu vượt chỉ tiêu (hoặc để trống ô)"),
            )
            continue
        out.next_targets[target.id] = NextTarget(
            target.id, value, stretch, reader.cell(sheet, row, keys["next_value"])
        )
