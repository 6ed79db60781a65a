"""`ntm-report workbook`: the input workbook of a period (openpyxl), for the province or one
district.

Who owns what (docs/period-cycle.md): a district's workbook holds exactly its district's rows —
the figures the period asks of the district and its communes, each with its previous figure,
its communes and its own row, its lists — prefilled with what it owns. The province's workbook
holds the province's figures, lists and the report's text, prefilled; its commune and district
sheets are there to cover what no district file does, and are not prefilled (an empty cell
gives nothing). Keys stay in hidden columns and a hidden key row; a clerk reads words.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ntm_analysis.cycle.cells import number_format
from ntm_analysis.cycle.context import Context
from ntm_analysis.cycle.layout import (
    CHOICES_SHEET,
    HEADER_ROW,
    UNLOCKED,
    WRAP,
    block,
    fit_rows,
    head,
    hint,
    number_validation,
    protect,
    seal,
    unlock,
)
from ntm_analysis.cycle.rows import Pair, computable, part_whole
from ntm_analysis.cycle.safety import defuse
from ntm_analysis.cycle.sheets import communes_sheet, districts_sheet, lists_sheet, prefill_points
from ntm_analysis.cycle.targets_sheet import targets_sheet
from ntm_analysis.cycle.text import WORDS, guide_lines, header
from ntm_analysis.cycle.text_sheets import text_sheets
from ntm_analysis.dataset.annex import GUIDE_SHEET, save_workbook, template_book
from ntm_analysis.dataset.reference import area_names
from ntm_analysis.errors import InputError
from ntm_analysis.i18n import N_
from ntm_analysis.text.numbers import display_decimals, natural_decimals

META_SHEET = "meta"
FORM = "ntm-input-2"  # the layout: a hidden key row above the header row
FIGURE_COLUMNS = ["indicator", "area", "label", "unit", "area_name", "previous", "value", "note"]
VALUE_COLUMN, PREVIOUS_COLUMN = 7, 6


def scope_areas(context: Context, district: str | None) -> set[str] | None:
    """Area codes a district workbook holds (the district and its units); None = everything."""
    if district is None:
        return None
    units = context.units
    if district not in set(units["district_code"]):
        raise InputError(
            N_("không có huyện mã {district!r}"),
            expected=N_("một trong {units}"),
            district=district,
            units=sorted(set(units["district_code"])),
        )
    return {district} | set(units.loc[units["district_code"] == district, "unit_code"])


def entry_pairs(context: Context, district: str | None) -> tuple[list[Pair], dict]:
    """(figures to enter, computed figures) of the workbook's scope: for a district, exactly
    the figures the period asks of it and its communes (none of the province's)."""
    pairs = context.pairs()
    areas = scope_areas(context, district)
    if areas is not None:
        pairs = [p for p in pairs if p[1] in areas]
    computed = computable(pairs, context.catalogue)
    return [p for p in pairs if p not in computed], computed


def _previous(sheet: Worksheet, row: int, hint_value: tuple[float, str] | None, unit: str) -> None:
    """The previous figure as a number in the row's unit, shown with the decimals it was
    printed with (a year without a group mark: 2021): copying it into the input cell gives
    the same figure."""
    cell = sheet.cell(row, PREVIOUS_COLUMN)
    hint(cell)
    if unit == "year":
        sheet.cell(row, VALUE_COLUMN).number_format = cell.number_format = "0"
    if hint_value is None:
        return
    value, written = hint_value
    decimals = display_decimals(written)
    decimals = natural_decimals(value) if decimals is None else decimals
    cell.value = int(value) if float(value).is_integer() else float(value)
    if unit != "year":
        cell.number_format = number_format(decimals)


def _validations(sheet: Worksheet, where: dict[Pair, int], context: Context, lang: str) -> None:
    """Numbers ≥ 0 in the input cells; a part of a sum at most its whole on the same sheet."""
    plain = number_validation(lang)
    sheet.add_data_validation(plain)
    wholes: dict[str, DataValidation] = {}
    bounded = {
        (part, area): whole
        for part, whole, _ in part_whole(context.catalogue)
        for area in {a for _, a in where}
    }
    for (code, area), row in where.items():
        whole = bounded.get((code, area))
        whole_row = where.get((whole, area)) if whole else None
        if whole_row is None:
            plain.add(f"G{row}")
            continue
        ref = f"$G${whole_row}"
        if ref not in wholes:
            wholes[ref] = number_validation(lang, ref)
            sheet.add_data_validation(wholes[ref])
        wholes[ref].add(f"G{row}")


def _figure_sheet(
    book: Workbook, context: Context, name: str, pairs: list[Pair], scope: str, lang: str
) -> None:
    catalogue, names = context.catalogue, area_names(context.units, lang)
    previous = context.previous_values()
    sheet = book.create_sheet(name)
    block(sheet, context, scope, lang)
    head(sheet, FIGURE_COLUMNS, [header(k, lang) for k in FIGURE_COLUMNS])
    where: dict[Pair, int] = {}
    for offset, (code, area) in enumerate(pairs, start=1):
        row = HEADER_ROW + offset
        indicator = catalogue[code]
        for column, value in enumerate(
            [
                code,
                area,
                indicator.label(lang),
                catalogue.unit_label(indicator.unit, lang),
                names.get(area, area),
            ],
            start=1,
        ):
            sheet.cell(row, column, value).alignment = WRAP
        _previous(sheet, row, previous.get((code, area)), indicator.unit)
        unlock(sheet.cell(row, VALUE_COLUMN))
        unlock(sheet.cell(row, VALUE_COLUMN + 1))
        where[(code, area)] = row
    _validations(sheet, where, context, lang)
    for letter, width in zip("CDEFGH", (60, 14, 22, 16, 16, 30), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = f"A{HEADER_ROW + 1}"
    protect(sheet)


def _meta_sheet(book: Workbook, context: Context, scope: str, lang: str) -> None:
    sheet = book.create_sheet(META_SHEET)
    rows = [("period", context.period), ("scope", scope), ("lang", lang), ("form", FORM)]
    rows.append(("province", context.province))
    for row, (key, value) in enumerate(rows, start=1):
        sheet.cell(row, 1, key)
        sheet.cell(row, 2, value)
    sheet.sheet_state = "veryHidden"
    sheet.protection.sheet = True


def _guide(book: Workbook, lines: list[str]) -> None:
    sheet = book.create_sheet(WORDS["vi"]["guide_sheet"], 0)
    sheet.column_dimensions["A"].width = 68  # within an upright A4 page, in LibreOffice too
    for row, line in enumerate(lines, start=1):
        cell = sheet.cell(row, 1, line)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        cell.font = Font(bold=row == 1)
    sheet.protection.sheet = True


def _annex_book(context: Context, communes: pd.DataFrame, lang: str) -> Workbook:
    """The PL03 sheet of `ntm_analysis.dataset.annex`, as the base of the workbook."""
    book = template_book(replace(context, communes=communes), lang=lang)
    del book[GUIDE_SHEET]
    sheet = book["PL03"]
    last_row = sheet.max_row - 1
    last_col = 4 + context.criteria.commune_count
    for row in sheet.iter_rows(min_row=8, max_row=last_row, min_col=5, max_col=last_col):
        for cell in row:
            cell.protection = UNLOCKED
    sheet.protection.sheet = True
    return book


def _print_setup(book: Workbook) -> None:
    """Rows as high as their text; the tables print across one page wide with their header
    row on each page, the guide upright at its own width (fitting a one-column sheet to the
    page makes LibreOffice cut its lines)."""
    for sheet in book.worksheets:
        if sheet.sheet_state != "visible" or sheet.title == "PL03":
            continue
        guide = sheet.title == WORDS["vi"]["guide_sheet"]
        fit_rows(sheet, 1 if guide else HEADER_ROW)
        sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
        sheet.page_setup.orientation = "portrait" if guide else "landscape"
        if guide:
            continue
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
        sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
        if sheet.max_row > HEADER_ROW:
            sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"


def write_workbook(
    context: Context,
    output: Path,
    district: str | None = None,
    lang: str = "vi",
    password: str | None = None,
) -> dict[str, int]:
    """Write the input workbook; returns counts (figures to enter, computed, communes, lists,
    targets, text points). `password` locks the sheets and the structure with it (optional:
    without one they are locked without a password, against mistakes only)."""
    if lang not in WORDS:
        raise InputError(
            N_("ngôn ngữ không hỗ trợ: {lang!r}"), expected=N_("vi hoặc en"), lang=lang
        )
    entries, computed = entry_pairs(context, district)
    scope = district or context.province
    communes = context.communes
    if district is not None:
        communes = communes[communes["district_code"] == district]
    communes = communes.sort_values(["district_code", "code"]).reset_index(drop=True)
    lists = owned_lists(context, district)
    book = _annex_book(context, communes, lang)
    for name, pairs in figure_sheets(context, entries, lang):
        _figure_sheet(book, context, name, pairs, scope, lang)
    points = prefill_points(context) if district is None else None
    if points is not None:
        text_sheets(book, context, points, scope, lang)
    owner = district is not None
    communes_sheet(book, context, communes, scope, lang, prefill=owner)
    districts_sheet(book, context, district, scope, lang, prefill=owner)
    lists_sheet(book, context, lists.fillna("").reset_index(drop=True), scope, lang)
    targets = targets_sheet(book, context, scope, lang) if district is None else 0
    book.move_sheet("PL03", offset=len(book.sheetnames))
    scope_name = area_names(context.units, "vi").get(scope, scope)
    _guide(
        book,
        guide_lines(
            context.period, scope_name, owner, points is not None, bool(targets), bool(password)
        ),
    )
    _meta_sheet(book, context, scope, lang)
    if CHOICES_SHEET in book.sheetnames:  # the drop-downs' values, after every visible sheet
        book.move_sheet(CHOICES_SHEET, offset=len(book.sheetnames))
    _print_setup(book)
    book.active = 0
    seal(book, password)
    defuse(book)
    save_workbook(book, output)
    return {
        "figures": len(entries),
        "computed": len(computed),
        "communes": len(communes),
        "lists": len(lists),
        "targets": targets,
        "points": len(points) if points is not None else 0,
    }


def owned_lists(context: Context, district: str | None) -> pd.DataFrame:
    """The list items a workbook is prefilled with: the period's own once imported, else the
    previous period's, else the period's carried lists; of the workbook's own areas only (the
    province's lists in the province's workbook, a district's in the district's)."""
    own = context.observations is not None and len(context.observations)
    frame = context.lists
    if not own and context.previous is not None:
        frame = context.previous.lists
    out = frame.copy()
    for column in ("detail", "section"):
        if column not in out.columns:
            out[column] = ""
    areas = scope_areas(context, district) if district is not None else {context.province}
    return out[out["area"].astype(str).isin(areas)]


def figure_sheets(context: Context, entries: list[Pair], lang: str) -> list[tuple[str, list[Pair]]]:
    """The figure sheets in the outline's order: one per page of the report, named by its
    number and short title ("A.II.3 Huy động nguồn lực"), its figures in the order given; a
    figure of a section the outline does not place goes on a sheet named by its section."""
    outline = context.outline
    pages = list(outline.pages) if outline is not None else []
    groups: dict[str, list[Pair]] = {}
    for pair in entries:  # the order the period asks for them (its figures, or the previous)
        ref = context.catalogue[pair[0]].section
        entry = outline.section_of_ref(ref) if outline is not None else None
        page = outline.page_of(entry.key) if entry is not None else None
        groups.setdefault(page.notebook if page is not None else ref, []).append(pair)
    named = [(p, groups.pop(p.notebook)) for p in pages if p.notebook in groups]
    sheets = [(sheet_name(p.number(), p.entries[0].short_title(lang)), f) for p, f in named]
    return sheets + [(sheet_name(ref, ""), pairs) for ref, pairs in sorted(groups.items())]


_SHEET_FORBIDDEN = str.maketrans({c: " " for c in "[]:*?/\\"})


def sheet_name(number: str, title: str, prefix: str = "") -> str:
    """A sheet tab: (prefix,) number and title, within Excel's 31 characters and allowed
    characters."""
    text = " ".join(part for part in (prefix, number, title) if part)
    return text.translate(_SHEET_FORBIDDEN)[:31].rstrip()
