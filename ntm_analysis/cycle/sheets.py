"""The commune, district and list sheets of the input workbook.

Statuses are shown twice: last period's, for reference, and this period's, the input. A
district's workbook prefills this period's with what the period holds (the district owns its
communes: every cell it returns is a statement); the province's leaves it empty (an empty cell
gives nothing, the carried or the district's value stands). Named lists are entered by choosing
a list and a name from drop-downs of the province's districts, communes and district criteria.
"""

from __future__ import annotations

from textwrap import shorten

import pandas as pd
from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ntm_analysis.cycle.context import Context
from ntm_analysis.cycle.layout import (
    HEADER_ROW,
    WRAP,
    block,
    choices,
    head,
    number_validation,
    protect,
    status_validation,
    unlock,
)
from ntm_analysis.cycle.targets_sheet import next_lists
from ntm_analysis.cycle.text import DISTRICT_STATUS, MET, REGISTERED, STATUS, WORDS, header
from ntm_analysis.dataset.qualitative import QualitativePoint, load_qualitative
from ntm_analysis.dataset.reference import area_names
from ntm_analysis.dataset.relations import ListedRelation
from ntm_analysis.i18n import pick, t
from ntm_analysis.quality.present import place_names

COMMUNE_FIGURES = (
    "hamlets_total",
    "hamlets_cultural_ntm",
    "households_total",
    "households_cultural_ntm",
)
COMMUNE_STATUS = ("ntm_status", "advanced_status", "registered")
STATUS_TABLES = {"ntm_status": STATUS, "advanced_status": STATUS, "registered": REGISTERED}
BLANK_LIST_ROWS = 30
LABEL_WIDTH = 80  # a list named by the sentence citing it: that many characters at most
LIST_KEYS = ["list", "area", "item", "list_label", "area_name", "value", "detail", "written"]


def _before(context: Context, table: str) -> pd.DataFrame:
    """Last period's table (the period's own when there is no previous period)."""
    if context.previous is not None and len(getattr(context.previous, table)):
        return getattr(context.previous, table)
    return getattr(context, table)


def communes_sheet(
    book: Workbook,
    context: Context,
    communes: pd.DataFrame,
    scope: str,
    lang: str,
    prefill: bool = True,
) -> None:
    """One row per xã: last period's and this period's statuses, then the xã's figures."""
    sheet = book.create_sheet(WORDS[lang]["communes_sheet"])
    block(sheet, context, scope, lang)
    figures = [c for c in COMMUNE_FIGURES if c in context.catalogue]
    statuses = [k for key in COMMUNE_STATUS for k in (f"previous_{key}", key)]
    keys = ["code", "district_code", "name", "district", *statuses, *figures]
    labels = [header(k, lang) for k in keys[: 4 + len(statuses)]]
    head(sheet, keys, labels + [context.catalogue.label(c, lang) for c in figures])
    districts = area_names(context.units, lang)
    before = _before(context, "communes").set_index("code")
    for r, row in enumerate(communes.to_dict("records"), start=HEADER_ROW + 1):
        for column, value in enumerate(
            [row["code"], row["district_code"], row["name"], districts.get(row["district_code"])],
            start=1,
        ):
            sheet.cell(r, column, str(value or ""))
        for i, key in enumerate(COMMUNE_STATUS):
            words = STATUS_TABLES[key][lang]
            column = 5 + 2 * i
            if row["code"] in before.index and key in before.columns:
                sheet.cell(r, column, words.get(str(before.at[row["code"], key] or "")))
            if prefill:
                sheet.cell(r, column + 1, words.get(str(row.get(key) or "")))
            unlock(sheet.cell(r, column + 1))
        for column in range(11, 11 + len(figures)):
            unlock(sheet.cell(r, column))
    first, last = HEADER_ROW + 1, HEADER_ROW + max(len(communes), 1)
    for i, key in enumerate(COMMUNE_STATUS):
        words = [w for w in STATUS_TABLES[key][lang].values() if w]
        letter = get_column_letter(6 + 2 * i)
        status_validation(sheet, words, f"{letter}{first}:{letter}{last}", lang)
    numbers = number_validation(lang)
    sheet.add_data_validation(numbers)
    if figures:
        numbers.add(f"K{first}:{get_column_letter(10 + len(figures))}{last}")
    for letter in "CDEFGH":
        sheet.column_dimensions[letter].width = 18
    for letter in "IJ":  # the registrations: "Đăng ký đạt NTM nâng cao" in full
        sheet.column_dimensions[letter].width = 28
    sheet.freeze_panes = f"E{first}"
    protect(sheet)


def list_labels(context: Context, lang: str) -> dict[str, str]:
    """A readable name for each list: the indicator counting it, the target naming it, or
    next year's target it names (`Chỉ tiêu năm 2023: …`, in a year-end period)."""
    out: dict[str, str] = {}
    for relation in context.catalogue.relations_of(ListedRelation):
        out.setdefault(relation.list, context.catalogue.label(relation.count, lang))
    for target in context.targets:
        if target.list:
            out.setdefault(target.list, target.label(lang))
    for code, label in next_lists(context, lang).items():
        out.setdefault(code, label)
    for point in prefill_points(context):  # a list the report's text cites: by its sentence
        if point.list:
            text = pick(lang, point.text.vi, point.text.en) or point.text.vi
            words = shorten(" ".join(text.split()), width=LABEL_WIDTH, placeholder=" …")
            out.setdefault(point.list, f"{WORDS[lang]['list_of']}: {words}")
    return out


def prefill_points(context: Context) -> list[QualitativePoint]:
    """The points a province's workbook starts from: the period's own `qualitative.yml` once
    written, else last period's."""
    own = context.folder / "qualitative.yml"
    if own.is_file():
        return load_qualitative(own, context.catalogue)
    return list(context.previous.notes) if context.previous is not None else []


def place_choices(context: Context, lang: str, areas: set[str] | None = None) -> dict[str, str]:
    """The names a list item is chosen from, each with its code: districts ("huyện Cầu Kè"),
    communes with their district ("xã An Phú Tân, huyện Cầu Kè") and the district criteria
    ("Tiêu chí huyện 1: Quy hoạch"); `areas` keeps a district's own."""
    units = context.units
    districts = area_names(units, lang)
    places = place_names(units, lang)
    out: dict[str, str] = {}
    for code in sorted(set(units["district_code"]) - {""}):
        if areas is None or code in areas:
            out[districts[code]] = code
    for code in units["unit_code"]:
        if areas is None or code in areas:
            out[places[code]] = code
    for criterion in context.criteria.district:
        name = t(
            lang,
            "Tiêu chí huyện {number}: {name}",
            number=criterion.number,
            name=criterion.name(lang),
        )
        out[name] = criterion.id
    return out


def list_label(labels: dict[str, str], code: str, section: str, lang: str) -> str:
    """The list's readable name (`list_labels`), else "Danh sách (mục C.I)": never its key."""
    words = WORDS[lang]
    return labels.get(code) or f"{words['list_of']} ({words['section']} {section})"


def lists_sheet(
    book: Workbook, context: Context, lists: pd.DataFrame, scope: str, lang: str
) -> None:
    """One row per list item (the list, the place or criterion, a detail), then blank rows to
    add items: the list and the name are chosen from drop-downs."""
    sheet = book.create_sheet(WORDS[lang]["lists_sheet"])
    block(sheet, context, scope, lang, column=4)
    labels = [
        header("list_value", lang) if k == "value" else header(k, lang) for k in LIST_KEYS[:-1]
    ]
    head(sheet, LIST_KEYS, [*labels, ""])
    names = area_names(context.units, lang)
    own = None if scope == context.province else _scope(context, scope)
    places = place_choices(context, lang, own)
    shown = {code: name for name, code in places.items()}
    list_names = list_labels(context, lang)
    for r, row in enumerate(lists.to_dict("records"), start=HEADER_ROW + 1):
        values = [
            row["list"],
            row["area"],
            row["item"],
            list_label(list_names, row["list"], row["section"], lang),
            names.get(row["area"], row["area"]),
            shown.get(row["item"], row["as_written"]),
            row["detail"],
            row["as_written"],
        ]
        for column, value in enumerate(values, start=1):
            sheet.cell(r, column, value or None).alignment = WRAP
    first, last = HEADER_ROW + len(lists) + 1, HEADER_ROW + len(lists) + BLANK_LIST_ROWS
    for r in range(HEADER_ROW + 1, last + 1):
        for column in (4, 6, 7) if r >= first else (6, 7):
            unlock(sheet.cell(r, column))
    source = choices(book, f"lists_{lang}", sorted(set(list_names.values())))
    if source:
        status_validation(sheet, [], f"D{first}:D{last}", lang, source=source)
    places_source = choices(book, f"places_{scope}_{lang}", list(places))
    if places_source:
        status_validation(sheet, [], f"F{HEADER_ROW + 1}:F{last}", lang, source=places_source)
    for letter, width in zip("DEFG", (50, 22, 45, 30), strict=True):
        sheet.column_dimensions[letter].width = width
    protect(sheet, "ABCH")


def _scope(context: Context, scope: str) -> set[str]:
    units = context.units
    return {scope} | set(units.loc[units["district_code"] == scope, "unit_code"])


def _criteria_before(context: Context, code: str, lang: str) -> str | None:
    """Last period's district criteria in words: "6/9: 2, 3, 4, 6, 8, 9"."""
    table = _before(context, "district_criteria")
    own = table[table["district_code"] == code]
    if own.empty:
        return None
    numbers = {c.id: c.number for c in context.criteria.district}
    met = sorted(numbers[c] for c in own.loc[own["met"] == "yes", "criterion"] if c in numbers)
    return t(
        lang,
        "{met}/{total}: {numbers}",
        met=len(met),
        total=len(numbers),
        numbers=", ".join(map(str, met)) or "—",
    )


def _districts_head(sheet: Worksheet, criteria: list, lang: str) -> None:
    """The districts sheet's hidden key row and the header a clerk reads."""
    keys = ["district_code", "district", "previous_ntm_status", "ntm_status", "ntm_plan_year"]
    keys += ["previous_criteria", *(c.id for c in criteria)]
    shown = {"previous_ntm_status": "previous_district_status", "ntm_status": "district_status"}
    labels = [header(shown.get(k, k), lang) for k in keys[:6]]
    head(sheet, keys, labels + [f"{c.number}. {c.name(lang)}" for c in criteria])


def districts_sheet(
    book: Workbook,
    context: Context,
    district: str | None,
    scope: str,
    lang: str,
    prefill: bool = True,
) -> None:
    """District NTM status, planned year and each district criterion: last period's for
    reference, this period's as input (prefilled in a district's own workbook)."""
    sheet = book.create_sheet(WORDS[lang]["districts_sheet"])
    block(sheet, context, scope, lang, column=2)  # only the key column A is hidden
    criteria = list(context.criteria.district)
    _districts_head(sheet, criteria, lang)
    names = area_names(context.units, lang)
    codes = (
        [district] if district is not None else sorted(set(context.units["district_code"]) - {""})
    )
    status = context.districts.set_index("code") if len(context.districts) else None
    before = _before(context, "districts")
    before = before.set_index("code") if len(before) else None
    met = {
        (r.district_code, r.criterion): r.met
        for r in context.district_criteria.itertuples(index=False)
    }
    for row, code in enumerate(codes, start=HEADER_ROW + 1):
        sheet.cell(row, 1, code)
        sheet.cell(row, 2, names.get(code, code))
        if before is not None and code in before.index:
            sheet.cell(row, 3, DISTRICT_STATUS[lang].get(str(before.at[code, "ntm_status"])))
        sheet.cell(row, 6, _criteria_before(context, code, lang))
        if prefill and status is not None and code in status.index:
            sheet.cell(row, 4, DISTRICT_STATUS[lang].get(str(status.at[code, "ntm_status"])))
            year = str(status.loc[code].get("ntm_plan_year") or "")
            sheet.cell(row, 5, int(year) if year.isdigit() else None)
        for i, criterion in enumerate(criteria):
            if prefill:
                sheet.cell(row, 7 + i, MET[lang].get(str(met.get((code, criterion.id), ""))))
            unlock(sheet.cell(row, 7 + i))
        for column in (4, 5):
            unlock(sheet.cell(row, column))
    first, last = HEADER_ROW + 1, HEADER_ROW + max(len(codes), 1)
    status_validation(sheet, list(DISTRICT_STATUS[lang].values()), f"D{first}:D{last}", lang)
    years = number_validation(lang)
    sheet.add_data_validation(years)
    years.add(f"E{first}:E{last}")
    if criteria:
        end = get_column_letter(6 + len(criteria))
        status_validation(sheet, list(MET[lang].values()), f"G{first}:{end}{last}", lang)
    for letter, width in zip("BCDEF", (22, 16, 16, 14, 22), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = f"C{first}"
    protect(sheet, "A")
