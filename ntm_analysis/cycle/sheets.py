"""The commune, district and list sheets of the input workbook."""

from __future__ import annotations

import pandas as pd
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from ntm_analysis.cycle.context import Context
from ntm_analysis.cycle.layout import (
    HEADER_ROW,
    block,
    head,
    number_validation,
    protect,
    status_validation,
    unlock,
)
from ntm_analysis.cycle.text import DISTRICT_STATUS, MET, REGISTERED, STATUS, WORDS, header
from ntm_analysis.dataset.reference import area_names
from ntm_analysis.dataset.relations import ListedRelation

COMMUNE_FIGURES = (
    "hamlets_total",
    "hamlets_cultural_ntm",
    "households_total",
    "households_cultural_ntm",
)
COMMUNE_STATUS = ("ntm_status", "advanced_status", "registered")
BLANK_LIST_ROWS = 30


def communes_sheet(
    book: Workbook, context: Context, communes: pd.DataFrame, scope: str, lang: str
) -> None:
    sheet = book.create_sheet(WORDS[lang]["communes_sheet"])
    block(sheet, context, scope, lang)
    figures = [c for c in COMMUNE_FIGURES if c in context.catalogue]
    districts = area_names(context.units, lang)
    keys = ["code", "district_code", "name", "district", *COMMUNE_STATUS, *figures]
    labels = [header(k, lang) for k in keys[:7]] + [
        f"{context.catalogue.label(c, lang)} ({c})" for c in figures
    ]
    head(sheet, HEADER_ROW, labels)
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
            unlock(cell)
    last = HEADER_ROW + max(len(communes), 1)
    first = HEADER_ROW + 1
    status_validation(sheet, list(STATUS[lang].values()), f"E{first}:F{last}", lang)
    status_validation(sheet, list(REGISTERED[lang].values()), f"G{first}:G{last}", lang)
    numbers = number_validation(lang)
    sheet.add_data_validation(numbers)
    if figures:
        numbers.add(f"H{first}:{chr(ord('H') + len(figures) - 1)}{last}")
    for letter in "CDEFG":
        sheet.column_dimensions[letter].width = 20
    sheet.freeze_panes = f"E{first}"
    protect(sheet)


def list_labels(context: Context, lang: str) -> dict[str, str]:
    """A readable name for each list: the indicator counting it, or the target naming it."""
    out: dict[str, str] = {}
    for relation in context.catalogue.relations_of(ListedRelation):
        out.setdefault(relation.list, context.catalogue.label(relation.count, lang))
    for target in context.targets:
        if target.list:
            out.setdefault(target.list, target.label(lang))
    return out


def lists_sheet(
    book: Workbook, context: Context, lists: pd.DataFrame, scope: str, lang: str
) -> None:
    sheet = book.create_sheet(WORDS[lang]["lists_sheet"])
    block(sheet, context, scope, lang)
    keys = ["list", "area", "item", "list_label", "area_name", "value", "detail"]
    head(sheet, HEADER_ROW, [header(k, lang) for k in keys])
    labels, names = list_labels(context, lang), area_names(context.units, lang)
    for offset, row in enumerate(lists.itertuples(index=False), start=1):
        r = HEADER_ROW + offset
        label = (
            labels.get(row.list)
            or f"{WORDS[lang]['list_of']} ({WORDS[lang]['section']} {row.section})"
        )
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
            unlock(cell)
    choices = sorted(set(labels.values()))
    for row, choice in enumerate(choices, start=1):  # the drop-down's source, hidden column J
        sheet.cell(row, 10, choice)
    if choices:
        status_validation(sheet, [], f"D{first}:D{last}", lang, source=f"$J$1:$J${len(choices)}")
    for letter, width in zip("DEFG", (50, 22, 30, 30), strict=True):
        sheet.column_dimensions[letter].width = width
    protect(sheet, "ABCJ")


def districts_sheet(
    book: Workbook, context: Context, district: str | None, scope: str, lang: str
) -> None:
    """District NTM status, planned year and each district criterion (prefilled as carried)."""
    sheet = book.create_sheet(WORDS[lang]["districts_sheet"])
    block(sheet, context, scope, lang)
    criteria = list(context.criteria.district)
    keys = ["district_code", "district", "ntm_status", "ntm_plan_year"]
    labels = [header(k, lang) for k in keys]
    labels += [f"{c.number}. {c.name(lang)} ({c.id})" for c in criteria]
    head(sheet, HEADER_ROW, labels)
    names = area_names(context.units, lang)
    codes = sorted(set(context.units["district_code"]))
    if district is not None:
        codes = [district]
    status = context.districts.set_index("code") if len(context.districts) else None
    met = {
        (r.district_code, r.criterion): r.met
        for r in context.district_criteria.itertuples(index=False)
    }
    for offset, code in enumerate(codes, start=1):
        row = HEADER_ROW + offset
        sheet.cell(row, 1, code)
        sheet.cell(row, 2, names.get(code, code))
        if status is not None and code in status.index:
            sheet.cell(row, 3, DISTRICT_STATUS[lang].get(str(status.at[code, "ntm_status"])))
            year = str(status.loc[code].get("ntm_plan_year") or "")
            sheet.cell(row, 4, int(year) if year.isdigit() else None)
        for i, criterion in enumerate(criteria):
            word = MET[lang].get(str(met.get((code, criterion.id), "")))
            sheet.cell(row, 5 + i, word)
        for column in range(3, 5 + len(criteria)):
            unlock(sheet.cell(row, column))
    first, last = HEADER_ROW + 1, HEADER_ROW + max(len(codes), 1)
    status_validation(sheet, list(DISTRICT_STATUS[lang].values()), f"C{first}:C{last}", lang)
    years = number_validation(lang)
    sheet.add_data_validation(years)
    years.add(f"D{first}:D{last}")
    if criteria:
        end = get_column_letter(4 + len(criteria))
        status_validation(sheet, list(MET[lang].values()), f"E{first}:{end}{last}", lang)
    sheet.column_dimensions["B"].width = 22
    sheet.freeze_panes = f"C{first}"
    protect(sheet, "A")
