"""Reading the list sheet of a workbook: one item per row, the list chosen by its label (or
kept by its hidden key), the item chosen by its name from the drop-down of the province's
districts, communes and district criteria (`cycle/sheets.py: place_choices`); a name typed
by hand is matched to a unit (`text/names.py`). An item chosen again as it was keeps the way
the report wrote it (`as_written`); a new one is written by its plain name."""

from __future__ import annotations

from typing import Any

from openpyxl.worksheet.worksheet import Worksheet

from ntm_analysis.cycle.sheets import list_labels, place_choices
from ntm_analysis.cycle.text_reader import cell_text
from ntm_analysis.errors import Message
from ntm_analysis.i18n import N_
from ntm_analysis.text.names import NameMatchError


def read_lists_sheet(
    reader: Any, sheet: Worksheet, header: int, keys: dict[str, int], out: Any
) -> None:
    """List items: the list chosen by its label (or kept by its hidden key), the item by
    the name chosen from the drop-down (a typed name is matched to a unit)."""
    by_label = {label: code for code, label in list_labels(reader.context, "vi").items()}
    by_label.update({lab: c for c, lab in list_labels(reader.context, "en").items()})
    chosen = {**place_choices(reader.context, "en"), **place_choices(reader.context, "vi")}
    criteria = reader.context.criteria.ids()
    out.has_lists = True  # the workbook has a list sheet: its lists replace its areas' lists
    for row in range(header + 1, sheet.max_row + 1):
        name = cell_text(reader, sheet, row, keys["value"])
        if name is None:
            continue
        label = cell_text(reader, sheet, row, keys.get("list_label")) or ""
        code = by_label.get(label) or cell_text(reader, sheet, row, keys["list"])
        if not code:
            reader.error(
                sheet,
                row,
                keys["list_label"],
                Message(N_("chưa chọn danh sách cho tên này")),
                N_("một danh sách chọn trong ô thả xuống"),
            )
            continue
        area = cell_text(reader, sheet, row, keys["area"]) or out.scope
        item = cell_text(reader, sheet, row, keys["item"]) or ""
        written = cell_text(reader, sheet, row, keys.get("written"))
        if name in chosen:
            same = chosen[name] == item and written
            item, name = chosen[name], written if same else plain_name(reader.context, chosen[name])
        elif item not in criteria:
            item = item_code(reader, sheet, row, keys["value"], name, item, area)
            if item is None:
                continue
        detail = cell_text(reader, sheet, row, keys.get("detail"))
        out.lists.append(
            {
                "list": str(code),
                "area": area,
                "item": item,
                "as_written": name,
                "detail": detail or "",
                "cell": reader.cell(sheet, row, keys["value"]),
            }
        )


def plain_name(context: Any, code: str) -> str:
    """How a report names an item chosen from the drop-down: the unit's or the district's
    name without its kind ("Long Đức", "Càng Long"), a criterion's name."""
    units = context.units
    found = units.loc[units["unit_code"] == code, "unit_name"]
    if len(found):
        return str(found.iloc[0])
    found = units.loc[units["district_code"] == code, "district_name"]
    if len(found):
        return str(found.iloc[0])
    for criterion in context.criteria.district:
        if criterion.id == code:
            return criterion.name("vi")
    return code


def item_code(
    reader: Any, sheet: Worksheet, row: int, column: int, name: str, item: str, area: str
) -> str | None:
    """The GSO code a list item's name stands for (the previous code when it still fits)."""
    units = reader.context.units
    types = dict(zip(units["district_code"], units["district_type"], strict=True))
    unit_district = dict(zip(units["unit_code"], units["district_code"], strict=True))
    try:
        if item in types:
            return reader.matcher.match_district(name, district_type=types[item]).code
        if item in unit_district:
            return reader.matcher.match(name, district=unit_district[item]).code
    except NameMatchError:
        pass  # the name was changed: resolve it afresh
    district = area if area in types else None
    try:
        if district is None:
            try:
                return reader.matcher.match_district(name).code
            except NameMatchError:
                pass
        return reader.matcher.match(name, district=district).code
    except NameMatchError as exc:
        reader.error(sheet, row, column, exc, N_("tên một xã hoặc một huyện"))
        return None
