"""`ntm-report workbook`: the input workbook of a period (openpyxl), for the province or one
district. Figure sheets carry hidden key columns; a hidden `meta` sheet names period and scope."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.datavalidation import DataValidation

from ntm_analysis.cycle.context import Context
from ntm_analysis.cycle.layout import (
    HEADER_ROW,
    UNLOCKED,
    block,
    head,
    number_validation,
    protect,
    unlock,
)
from ntm_analysis.cycle.rows import Pair, computable, part_whole
from ntm_analysis.cycle.sheets import communes_sheet, districts_sheet, lists_sheet
from ntm_analysis.cycle.targets_sheet import targets_sheet
from ntm_analysis.cycle.text import GUIDE, HEADERS, WORDS, header
from ntm_analysis.dataset.annex import GUIDE_SHEET, save_workbook, template_book
from ntm_analysis.dataset.reference import area_names
from ntm_analysis.errors import InputError
from ntm_analysis.i18n import N_, t
from ntm_analysis.text.numbers import display_decimals, format_value

META_SHEET = "meta"
FIGURE_COLUMNS = ["indicator", "area", "label", "unit", "area_name", "previous", "value", "note"]


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
    """(figures to enter, computed figures) of the workbook's scope."""
    pairs = context.pairs()
    areas = scope_areas(context, district)
    if areas is not None:
        own = [p for p in pairs if p[1] in areas]
        pairs = own or list(dict.fromkeys((code, district) for code, _ in pairs))
    computed = computable(pairs, context.catalogue)
    return [p for p in pairs if p not in computed], computed


def _figure_sheet(
    book: Workbook, context: Context, section: str, pairs: list[Pair], scope: str, lang: str
) -> None:
    catalogue, names = context.catalogue, area_names(context.units, lang)
    previous = context.previous_values()
    sheet = book.create_sheet(section)
    block(sheet, context, scope, lang)
    head(
        sheet,
        HEADER_ROW,
        [
            header(k, lang)
            if k in ("indicator", "area", "previous", "value", "note")
            else HEADERS[lang][k]
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
            _hint(hint, indicator.unit, lang),
        ]
        for column, value in enumerate(values, start=1):
            sheet.cell(row, column, value)
        for column in (7, 8):
            cell = sheet.cell(row, column)
            unlock(cell)
        where[(code, area)] = row
    plain = number_validation(lang)
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
            wholes[ref] = number_validation(lang, ref)
            sheet.add_data_validation(wholes[ref])
        wholes[ref].add(f"G{row}")
    for letter, width in zip("CDEFGH", (60, 14, 22, 14, 16, 30), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = f"G{HEADER_ROW + 1}"
    protect(sheet)


def _meta_sheet(book: Workbook, context: Context, scope: str, lang: str) -> None:
    sheet = book.create_sheet(META_SHEET)
    for row, (key, value) in enumerate(
        [("period", context.period), ("scope", scope), ("lang", lang), ("form", "ntm-input-1")],
        start=1,
    ):
        sheet.cell(row, 1, key)
        sheet.cell(row, 2, value)
    sheet.sheet_state = "hidden"
    sheet.protection.sheet = True


def _guide(book: Workbook, period: str) -> None:
    sheet = book.create_sheet(WORDS["vi"]["guide_sheet"], 0)
    sheet.column_dimensions["A"].width = 120
    for row, line in enumerate(GUIDE, start=1):
        cell = sheet.cell(row, 1, t("vi", line, period=period))
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


def write_workbook(
    context: Context, output: Path, district: str | None = None, lang: str = "vi"
) -> dict[str, int]:
    """Write the input workbook; returns counts (figures to enter, computed, communes, lists)."""
    if lang not in WORDS:
        raise InputError(
            N_("ngôn ngữ không hỗ trợ: {lang!r}"), expected=N_("vi hoặc en"), lang=lang
        )
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
    for name, pairs in figure_sheets(context, entries, lang):
        _figure_sheet(book, context, name, pairs, scope, lang)
    communes_sheet(book, context, communes, scope, lang)
    districts_sheet(book, context, district, scope, lang)
    lists_sheet(book, context, lists.fillna("").reset_index(drop=True), scope, lang)
    targets = targets_sheet(book, context, scope, lang) if district is None else 0
    book.move_sheet("PL03", offset=len(book.sheetnames))
    _guide(book, context.period)
    _meta_sheet(book, context, scope, lang)
    book.active = 0
    save_workbook(book, output)
    return {
        "figures": len(entries),
        "computed": len(computed),
        "communes": len(communes),
        "lists": len(lists),
        "targets": targets,
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


def _hint(hint: tuple[float, str] | None, unit: str, lang: str) -> str | None:
    """The previous figure as printed (Vietnamese), or in English number format."""
    if hint is None:
        return None
    if lang == "vi" and hint[1]:
        return hint[1]
    return format_value(hint[0], unit, lang, display_decimals(hint[1]))


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
    sheets = [(_sheet_name(p.number(), p.entries[0].short_title(lang)), f) for p, f in named]
    return sheets + [(_sheet_name(ref, ""), pairs) for ref, pairs in sorted(groups.items())]


_SHEET_FORBIDDEN = str.maketrans({c: " " for c in "[]:*?/\\"})


def _sheet_name(number: str, title: str) -> str:
    """A sheet tab: number and title, within Excel's 31 characters and allowed characters."""
    return f"{number} {title}".strip().translate(_SHEET_FORBIDDEN)[:31].rstrip()
