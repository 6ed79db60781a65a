"""`ntm-report workbook`: the input workbook of a period (openpyxl), for the province or one
district. Figure sheets carry hidden key columns; a hidden `meta` sheet names period and scope."""

from __future__ import annotations

import tempfile
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
from openpyxl import load_workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ntm_analysis.cycle.context import Context
from ntm_analysis.cycle.rows import Pair, computable, part_whole
from ntm_analysis.cycle.text import GUIDE, REGISTERED, STATUS, WORDS, header
from ntm_analysis.dataset.annex import GUIDE_SHEET, _save, write_template
from ntm_analysis.dataset.reference import area_names
from ntm_analysis.errors import InputError

META_SHEET = "meta"
HEADER_ROW = 5
FIGURE_COLUMNS = ["indicator", "area", "label", "unit", "area_name", "previous", "value", "note"]
COMMUNE_FIGURES = (
    "hamlets_total",
    "hamlets_cultural_ntm",
    "households_total",
    "households_cultural_ntm",
)
COMMUNE_STATUS = ("ntm_status", "advanced_status", "registered")
BLANK_LIST_ROWS = 30
INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")
HEAD_FILL = PatternFill("solid", fgColor="DDEBF7")
UNLOCKED = Protection(locked=False)


def scope_areas(context: Context, district: str | None) -> set[str] | None:
    """Area codes a district workbook holds (the district and its units); None = everything."""
    if district is None:
        return None
    units = context.units
    if district not in set(units["district_code"]):
        raise InputError(
            f"unknown district code {district!r}",
            expected=f"one of {sorted(set(units['district_code']))}",
        )
    return {district} | set(units.loc[units["district_code"] == district, "unit_code"])


def entry_pairs(context: Context, district: str | None) -> tuple[list[Pair], dict]:
    """(figures to enter, computed figures) of the workbook's scope."""
    pairs = context.pairs()
    areas = scope_areas(context, district)
    if areas is not None:
        own = [p for p in pairs if p[1] in areas]
        pairs = own or list(dict.fromkeys((code, district) for code, _ in pairs))
    computed = computable(pairs, context.catalogue)
    return [p for p in pairs if p not in computed], computed


def _head(sheet: Worksheet, row: int, labels: list[str]) -> None:
    for column, text in enumerate(labels, start=1):
        cell = sheet.cell(row, column, text)
        cell.font, cell.fill = Font(bold=True), HEAD_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")


def _block(sheet: Worksheet, context: Context, scope: str, lang: str) -> None:
    words = WORDS[lang]
    sheet.cell(1, 3, f"{words['title']} — {context.label(lang)}").font = Font(bold=True, size=13)
    sheet.cell(2, 3, f"{words['period']} (period):").font = Font(bold=True)
    sheet.cell(2, 4, context.period)
    sheet.cell(3, 3, f"{words['scope']}:").font = Font(bold=True)
    sheet.cell(3, 4, area_names(context.units, lang).get(scope, scope))


def _number_validation(lang: str, whole: str | None = None) -> DataValidation:
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


def _protect(sheet: Worksheet, hidden: str = "AB") -> None:
    for letter in hidden:
        sheet.column_dimensions[letter].hidden = True
    sheet.protection.sheet = True  # no password: it only prevents editing labels by mistake


def _figure_sheet(book, context: Context, section: str, pairs: list[Pair], scope: str, lang: str):
    catalogue, names = context.catalogue, area_names(context.units, lang)
    previous = context.previous_values()
    sheet = book.create_sheet(section)
    _block(sheet, context, scope, lang)
    _head(
        sheet,
        HEADER_ROW,
        [
            header(k, lang)
            if k in ("indicator", "area", "previous", "value", "note")
            else header(k, lang).split(" (")[0]
            for k in FIGURE_COLUMNS
        ],
    )
    where: dict[Pair, int] = {}
    for offset, (code, area) in enumerate(pairs, start=1):
        row = HEADER_ROW + offset
        indicator = catalogue[code]
        hint = previous.get((code, area))
        values = [
            code,
            area,
            indicator.label(lang),
            catalogue.unit_label(indicator.unit, lang),
            names.get(area, area),
            hint[1] if hint else None,
        ]
        for column, value in enumerate(values, start=1):
            sheet.cell(row, column, value)
        for column in (7, 8):
            cell = sheet.cell(row, column)
            cell.protection, cell.fill = UNLOCKED, INPUT_FILL
        where[(code, area)] = row
    plain = _number_validation(lang)
    sheet.add_data_validation(plain)
    wholes: dict[str, DataValidation] = {}
    bounded = {(part, area): whole for part, whole, _ in part_whole(catalogue) for _, area in pairs}
    for (code, area), row in where.items():
        whole = bounded.get((code, area))
        whole_row = where.get((whole, area)) if whole else None
        if whole_row is None:
            plain.add(f"G{row}")
            continue
        ref = f"$G${whole_row}"
        if ref not in wholes:
            wholes[ref] = _number_validation(lang, ref)
            sheet.add_data_validation(wholes[ref])
        wholes[ref].add(f"G{row}")
    for letter, width in zip("CDEFGH", (60, 14, 22, 14, 16, 30), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = f"G{HEADER_ROW + 1}"
    _protect(sheet)


def _status_validation(sheet: Worksheet, words: list[str], cells: str, lang: str) -> None:
    validation = DataValidation(
        type="list",
        formula1='"' + ",".join(w for w in words if w) + '"',
        allow_blank=True,
        showErrorMessage=True,
        error=WORDS[lang]["status_error"],
    )
    validation.add(cells)
    sheet.add_data_validation(validation)


def _communes_sheet(book, context: Context, communes: pd.DataFrame, scope: str, lang: str):
    sheet = book.create_sheet(WORDS[lang]["communes_sheet"])
    _block(sheet, context, scope, lang)
    figures = [c for c in COMMUNE_FIGURES if c in context.catalogue]
    districts = area_names(context.units, lang)
    keys = ["code", "district_code", "name", "district", *COMMUNE_STATUS, *figures]
    labels = [header(k, lang) for k in keys[:7]] + [
        f"{context.catalogue.label(c, lang)} ({c})" for c in figures
    ]
    _head(sheet, HEADER_ROW, labels)
    for offset, row in enumerate(communes.itertuples(index=False), start=1):
        r = HEADER_ROW + offset
        sheet.cell(r, 1, str(row.code))
        sheet.cell(r, 2, str(row.district_code))
        sheet.cell(r, 3, str(row.name))
        sheet.cell(r, 4, districts.get(str(row.district_code), ""))
        record = row._asdict()
        sheet.cell(r, 5, STATUS[lang].get(str(record.get("ntm_status") or "unknown")))
        sheet.cell(r, 6, STATUS[lang].get(str(record.get("advanced_status") or "unknown")))
        sheet.cell(r, 7, REGISTERED[lang].get(str(record.get("registered") or "")))
        for column in range(5, 8 + len(figures)):
            cell = sheet.cell(r, column)
            cell.protection, cell.fill = UNLOCKED, INPUT_FILL
    last = HEADER_ROW + max(len(communes), 1)
    first = HEADER_ROW + 1
    _status_validation(sheet, list(STATUS[lang].values()), f"E{first}:F{last}", lang)
    _status_validation(sheet, list(REGISTERED[lang].values()), f"G{first}:G{last}", lang)
    numbers = _number_validation(lang)
    sheet.add_data_validation(numbers)
    if figures:
        numbers.add(f"H{first}:{chr(ord('H') + len(figures) - 1)}{last}")
    for letter in "CDEFG":
        sheet.column_dimensions[letter].width = 20
    sheet.freeze_panes = f"E{first}"
    _protect(sheet)


def list_labels(context: Context, lang: str) -> dict[str, str]:
    """A readable name for each list: the indicator counting it, or the target naming it."""
    out: dict[str, str] = {}
    for relation in context.catalogue.relations:
        if relation.kind == "listed":
            out.setdefault(relation["list"], context.catalogue.label(relation["count"], lang))
    return out


def _lists_sheet(book, context: Context, lists: pd.DataFrame, scope: str, lang: str):
    sheet = book.create_sheet(WORDS[lang]["lists_sheet"])
    _block(sheet, context, scope, lang)
    keys = ["list", "area", "item", "list_label", "area_name", "value", "detail"]
    _head(sheet, HEADER_ROW, [header(k, lang) for k in keys])
    labels, names = list_labels(context, lang), area_names(context.units, lang)
    for offset, row in enumerate(lists.itertuples(index=False), start=1):
        r = HEADER_ROW + offset
        label = labels.get(row.list) or f"{WORDS[lang]['list_of']} ({row.section})"
        for column, value in enumerate(
            [
                row.list,
                row.area,
                row.item,
                label,
                names.get(row.area, row.area),
                row.as_written,
                row.detail,
            ],
            start=1,
        ):
            sheet.cell(r, column, value or None)
    first, last = HEADER_ROW + len(lists) + 1, HEADER_ROW + len(lists) + BLANK_LIST_ROWS
    for r in range(HEADER_ROW + 1, last + 1):
        for column in (4, 6, 7) if r >= first else (6, 7):
            cell = sheet.cell(r, column)
            cell.protection, cell.fill = UNLOCKED, INPUT_FILL
    choices = sorted(set(labels.values()))
    if choices and sum(len(c) + 1 for c in choices) < 250:
        _status_validation(sheet, choices, f"D{first}:D{last}", lang)
    for letter, width in zip("DEFG", (50, 22, 30, 30), strict=True):
        sheet.column_dimensions[letter].width = width
    _protect(sheet, "ABC")


def _meta_sheet(book, context: Context, scope: str, lang: str) -> None:
    sheet = book.create_sheet(META_SHEET)
    for row, (key, value) in enumerate(
        [("period", context.period), ("scope", scope), ("lang", lang), ("form", "ntm-input-1")],
        start=1,
    ):
        sheet.cell(row, 1, key)
        sheet.cell(row, 2, value)
    sheet.sheet_state = "hidden"
    sheet.protection.sheet = True


def _guide(book) -> None:
    sheet = book.create_sheet(WORDS["vi"]["guide_sheet"], 0)
    sheet.column_dimensions["A"].width = 120
    for row, line in enumerate(GUIDE, start=1):
        cell = sheet.cell(row, 1, line)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        cell.font = Font(bold=row == 1)
    sheet.protection.sheet = True


def _annex_book(context: Context, communes: pd.DataFrame, lang: str):
    """The PL03 sheet of `ntm_analysis.dataset.annex`, as the base of the workbook."""
    view = SimpleNamespace(
        units=context.units,
        communes=communes[["code", "district_code", "name"]],
        criteria=context.criteria,
        province=context.province,
        period=context.period,
        label=context.label,
    )
    with tempfile.TemporaryDirectory() as folder:
        path = write_template(Path(folder) / "pl03.xlsx", view, lang=lang)  # type: ignore[arg-type]
        book = load_workbook(path)
    del book[GUIDE_SHEET]
    sheet = book["PL03"]
    last_row = sheet.max_row - 1
    last_col = 4 + context.criteria.commune_count
    for row in sheet.iter_rows(min_row=8, max_row=last_row, min_col=5, max_col=last_col):
        for cell in row:
            cell.protection = UNLOCKED
    sheet.protection.sheet = True
    return book


def write_workbook(
    context: Context, output: Path, district: str | None = None, lang: str = "vi"
) -> dict[str, int]:
    """Write the input workbook; returns counts (figures to enter, computed, communes, lists)."""
    if lang not in WORDS:
        raise InputError(f"unknown language {lang!r}", expected="vi or en")
    entries, computed = entry_pairs(context, district)
    scope = district or context.province
    areas = scope_areas(context, district)
    communes = context.communes
    if areas is not None:
        communes = communes[communes["district_code"] == district]
    communes = communes.sort_values(["district_code", "code"]).reset_index(drop=True)
    lists = _prefill_lists(context)
    lists = lists if areas is None else lists[lists["area"].isin(areas)]
    book = _annex_book(context, communes, lang)
    sections: dict[str, list[Pair]] = {}
    for pair in entries:
        sections.setdefault(context.catalogue[pair[0]].section, []).append(pair)
    for section in sorted(sections, key=_section_key):
        _figure_sheet(book, context, section, sections[section], scope, lang)
    _communes_sheet(book, context, communes, scope, lang)
    _lists_sheet(book, context, lists.fillna("").reset_index(drop=True), scope, lang)
    book.move_sheet("PL03", offset=len(book.sheetnames))
    _guide(book)
    _meta_sheet(book, context, scope, lang)
    book.active = 0
    _save(book, output)
    return {
        "figures": len(entries),
        "computed": len(computed),
        "communes": len(communes),
        "lists": len(lists),
    }


def _prefill_lists(context: Context) -> pd.DataFrame:
    """The lists to start from: the period's own once imported, else the previous period's,
    else the period's carried lists."""
    own = context.observations is not None and len(context.observations)
    frame = context.lists
    if not own and context.previous is not None:
        frame = context.previous.lists
    out = frame.copy()
    for column in ("detail", "section"):
        if column not in out.columns:
            out[column] = ""
    return out


def _section_key(section: str) -> tuple:
    roman = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5}
    return tuple(
        roman.get(p, int(p) if p.isdigit() else 0) if i else p
        for i, p in enumerate(section.split("."))
    )
