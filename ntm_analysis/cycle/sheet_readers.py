"""The readers of the workbook's data sheets: figures, communes, districts, named lists; and the
check of a part against its whole within one workbook. Each adds what its sheet gives to a
`Reading`, and each problem to the reader's errors, at the cell a clerk sees."""

from __future__ import annotations

from collections.abc import Mapping

from openpyxl.worksheet.worksheet import Worksheet

from ntm_analysis.cycle.phrases import Amount, Indicator, Place
from ntm_analysis.cycle.reading import Given, Reading, SheetContext
from ntm_analysis.cycle.rows import part_whole
from ntm_analysis.cycle.sheets import list_labels
from ntm_analysis.cycle.text import DISTRICT_STATUS, MET, REGISTERED, STATUS, status_code
from ntm_analysis.dataset.excel import is_empty
from ntm_analysis.errors import InputError, Message
from ntm_analysis.i18n import N_
from ntm_analysis.text.names import NameMatchError

AS_WRITTEN = N_("các dòng như 'ntm-report workbook' đã ghi (không sửa các cột ẩn)")
ONE_OF = N_("một trong {words}")


def _text(sheet: Worksheet, row: int, column: int | None) -> str:
    if column is None:
        return ""
    value = sheet.cell(row, column).value
    return "" if is_empty(value) else str(value).strip()


def figures(
    reader: SheetContext, sheet: Worksheet, header: int, keys: dict[str, int], out: Reading
) -> None:
    """A figure sheet: one row per indicator × area, its value and note."""
    catalogue = reader.context.catalogue
    for row in range(header + 1, sheet.max_row + 1):
        code = _text(sheet, row, keys["indicator"])
        if not code:
            continue
        area = _text(sheet, row, keys.get("area"))
        if code not in catalogue or area not in reader.names:
            reader.error(
                sheet,
                row,
                keys["indicator"],
                Message(
                    N_(
                        "dòng này không có trong biểu nhập của kỳ: mã chỉ tiêu {code!r} hoặc mã "
                        "địa bàn {area!r} ở các cột ẩn đã bị sửa"
                    ),
                    code=code,
                    area=area,
                ),
                AS_WRITTEN,
            )
            continue
        ref = reader.cell(sheet, row, keys["value"])
        value = reader.number(sheet, row, keys["value"], unit=catalogue[code].unit)
        if is_empty(sheet.cell(row, keys["value"]).value):
            out.empty.append(((code, area), ref))
        elif value is not None:
            note = _text(sheet, row, keys.get("note"))
            out.figures[(code, area)] = Given(value, ref, note)


def _status(
    reader: SheetContext,
    sheet: Worksheet,
    row: int,
    column: int,
    table: Mapping[str, dict[str, str]],
    what: str = N_("{text!r} không phải là một tình trạng"),
) -> str | None:
    """The code of a status word typed in a cell (an error when it is not one)."""
    text = sheet.cell(row, column).value
    found = status_code(str(text), table)
    if found is None:
        words = ", ".join(f"'{w}'" for w in table["vi"].values() if w)
        reader.error(sheet, row, column, Message(what, text=text, words=words), ONE_OF)
    return found


def _commune_statuses(
    reader: SheetContext, sheet: Worksheet, row: int, keys: dict[str, int]
) -> dict[str, Given] | None:
    """What a commune row states: nothing when every status cell is empty; else each status
    (an empty NTM status is "unknown", an empty registration "not registered")."""
    statuses = {"ntm_status": STATUS, "advanced_status": STATUS, "registered": REGISTERED}
    present = {k: keys[k] for k in statuses if k in keys}
    if all(is_empty(sheet.cell(row, c).value) for c in present.values()):
        return None
    stated: dict[str, Given] = {}
    for key, column in present.items():
        ref = reader.cell(sheet, row, column)
        if is_empty(sheet.cell(row, column).value):
            stated[key] = Given("" if key == "registered" else "unknown", ref)
            continue
        found = _status(reader, sheet, row, column, statuses[key])
        if found is not None:
            stated[key] = Given("" if found == "none" else found, ref)  # "Không đăng ký"
    return stated


def communes(
    reader: SheetContext, sheet: Worksheet, header: int, keys: dict[str, int], out: Reading
) -> None:
    """The communes sheet: each xã's statuses, and its own figures (hamlets, households)."""
    context = reader.context
    known = dict(zip(context.communes["code"], context.communes["district_code"], strict=True))
    catalogue = context.catalogue
    for row in range(header + 1, sheet.max_row + 1):
        code = _text(sheet, row, keys["code"])
        if not code:
            continue
        if code not in known:
            reader.error(
                sheet,
                row,
                keys["code"],
                Message(
                    N_("dòng xã có mã {code!r} (cột ẩn) không có trong danh sách xã của kỳ"),
                    code=code,
                ),
                AS_WRITTEN,
            )
            continue
        out.commune_rows[code] = reader.cell(sheet, row, keys.get("name", keys["code"]))
        stated = _commune_statuses(reader, sheet, row, keys)
        if stated is not None:
            out.communes[code] = stated
        for key, column in keys.items():
            if key in catalogue:
                ref = reader.cell(sheet, row, column)
                value = reader.number(sheet, row, column, unit=catalogue[key].unit)
                if is_empty(sheet.cell(row, column).value):
                    out.empty.append(((key, code), ref))
                elif value is not None:
                    out.figures[(key, code)] = Given(value, ref)


def _plan_year(reader: SheetContext, sheet: Worksheet, row: int, column: int) -> Given | None:
    year = reader.number(sheet, row, column)
    if year is None:
        return None
    if not (year.is_integer() and 2000 <= year <= 2100):
        reader.error(
            sheet,
            row,
            column,
            Message(N_("{year} không phải là một năm"), year=Amount(year)),
            N_("một năm bốn chữ số"),
        )
        return None
    return Given(str(int(year)), reader.cell(sheet, row, column))


def _district_row(
    reader: SheetContext, sheet: Worksheet, row: int, keys: dict[str, int]
) -> dict[str, Given]:
    """What a district row states: status, planned year, each district criterion."""
    stated: dict[str, Given] = {}
    if "ntm_status" in keys and not is_empty(sheet.cell(row, keys["ntm_status"]).value):
        found = _status(reader, sheet, row, keys["ntm_status"], DISTRICT_STATUS)
        if found is not None:
            stated["ntm_status"] = Given(found, reader.cell(sheet, row, keys["ntm_status"]))
    if "ntm_plan_year" in keys:
        year = _plan_year(reader, sheet, row, keys["ntm_plan_year"])
        if year is not None:
            stated["ntm_plan_year"] = year
    for criterion in reader.context.criteria.district:
        column = keys.get(criterion.id)
        if column is None or is_empty(sheet.cell(row, column).value):
            continue
        found = _status(reader, sheet, row, column, MET, N_("{text!r} không phải là một kết quả"))
        if found is not None:
            stated[criterion.id] = Given(found, reader.cell(sheet, row, column))
    return stated


def districts(
    reader: SheetContext, sheet: Worksheet, header: int, keys: dict[str, int], out: Reading
) -> None:
    """The districts sheet: each district's status, planned year and criteria."""
    known = set(reader.context.units["district_code"]) - {""}
    for row in range(header + 1, sheet.max_row + 1):
        code = _text(sheet, row, keys["district_code"])
        if not code:
            continue
        if code not in known:
            reader.error(
                sheet,
                row,
                keys["district_code"],
                Message(
                    N_("dòng huyện có mã {code!r} (cột ẩn) không có trong danh sách huyện"),
                    code=code,
                ),
                AS_WRITTEN,
            )
            continue
        out.district_rows[code] = reader.cell(sheet, row, keys["district_code"])
        stated = _district_row(reader, sheet, row, keys)
        if stated:
            out.districts[code] = stated


def lists(
    reader: SheetContext, sheet: Worksheet, header: int, keys: dict[str, int], out: Reading
) -> None:
    """The lists sheet: one row per item of a named list (the list chosen by its name)."""
    context = reader.context
    by_label = {label: code for code, label in list_labels(context, "vi").items()}
    by_label.update({lab: c for c, lab in list_labels(context, "en").items()})
    criteria = context.criteria.ids()
    out.has_lists = True
    for row in range(header + 1, sheet.max_row + 1):
        name = _text(sheet, row, keys["value"])
        if not name:
            continue
        code = _text(sheet, row, keys["list"]) or by_label.get(
            _text(sheet, row, keys.get("list_label"))
        )
        if not code:
            reader.error(
                sheet,
                row,
                keys.get("list_label", keys["value"]),
                Message(N_("chưa chọn danh sách cho tên {name!r}"), name=name),
                N_("một danh sách chọn trong ô thả xuống"),
            )
            continue
        area = _text(sheet, row, keys.get("area")) or out.scope
        item = _text(sheet, row, keys.get("item"))
        if item not in criteria:
            item = _item_code(reader, sheet, row, keys["value"], name, item, area)
            if item is None:
                continue
        out.lists.append(
            {
                "list": code,
                "area": area,
                "item": item,
                "as_written": name,
                "detail": _text(sheet, row, keys.get("detail")),
                "cell": reader.cell(sheet, row, keys["value"]),
            }
        )


def _item_code(
    reader: SheetContext,
    sheet: Worksheet,
    row: int,
    column: int,
    name: str,
    item: str,
    area: str,
) -> str | None:
    """The GSO code a list item's name stands for (the previous code when it still fits)."""
    units, matcher = reader.context.units, reader.matcher
    types = dict(zip(units["district_code"], units["district_type"], strict=True))
    unit_district = dict(zip(units["unit_code"], units["district_code"], strict=True))
    try:
        if item in types:
            return matcher.match_district(name, district_type=types[item]).code
        if item in unit_district:
            return matcher.match(name, district=unit_district[item]).code
    except NameMatchError:
        pass  # the name was changed: resolve it afresh
    district = area if area in types else None
    try:
        if district is None:
            try:
                return matcher.match_district(name).code
            except NameMatchError:
                pass
        return matcher.match(name, district=district).code
    except NameMatchError as exc:
        reader.error(sheet, row, column, exc, N_("tên một xã hoặc một huyện"))
        return None


def parts(reader: SheetContext, out: Reading) -> None:
    """A part above its whole in one workbook (both typed for the same area)."""
    catalogue, units = reader.context.catalogue, reader.context.units
    pairs = dict.fromkeys((part, whole) for part, whole, _ in part_whole(catalogue))
    for part, whole in pairs:
        for (code, area), given in list(out.figures.items()):
            total = out.figures.get((whole, area)) if code == part else None
            if total is None or given.value <= total.value:
                continue
            unit = catalogue[code].unit
            reader.errors.append(
                InputError(
                    N_(
                        "{part} của {area} là {value}, lớn hơn tổng {total} ({whole}, ô {cell}): "
                        "một phần không thể lớn hơn tổng"
                    ),
                    path=reader.path,
                    column=f"{given.cell.sheet}!{given.cell.cell}",
                    expected=N_("số liệu thành phần không lớn hơn tổng"),
                    part=Indicator(code, catalogue),
                    whole=Indicator(whole, catalogue),
                    area=Place(area, units),
                    value=Amount(given.value, unit),
                    total=Amount(total.value, catalogue[whole].unit),
                    cell=f"{total.cell.sheet}!{total.cell.cell}",
                )
            )
