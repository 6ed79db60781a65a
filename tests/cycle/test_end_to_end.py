"""new-period → workbook → filled by a clerk (openpyxl) → import → load_period; bad cells."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from ntm_analysis import load_period
from ntm_analysis.cli import main
from ntm_analysis.cycle.context import load_context
from ntm_analysis.cycle.importer import import_workbooks
from ntm_analysis.cycle.workbook import write_workbook

from .clerk import Clerk, fill_workbook, set_cell

pytestmark = pytest.mark.heavy  # Excel workbooks written, filled and imported: seconds each

NEW = "2021-12"


@pytest.fixture
def scaffolded(data_copy: Path) -> Path:
    assert (
        main(["new-period", "--period", NEW, "--from", "2021-09", "--data-dir", str(data_copy)])
        == 0
    )
    return data_copy


def _workbook(data_dir: Path, tmp_path: Path, district: str | None = None) -> Path:
    name = f"nhap_{district or 'tinh'}.xlsx"
    output = tmp_path / name
    write_workbook(load_context(NEW, data_dir), output, district)
    return output


def _row_of(path: Path, indicator: str, area: str) -> tuple[str, int]:
    sheet, row, _ = Clerk(path).figure_row(indicator, area)
    return sheet.title, row


def _office(data_dir: Path, tmp_path: Path) -> list[Path]:
    """The province's workbook and one per district, as `ntm-report workbook` writes them."""
    context = load_context(NEW, data_dir)
    districts = sorted(set(context.units["district_code"]) - {""})
    return [_workbook(data_dir, tmp_path)] + [_workbook(data_dir, tmp_path, d) for d in districts]


def test_round_trip_gives_the_same_figures_and_lists(scaffolded, tmp_path, period_data) -> None:
    files = _office(scaffolded, tmp_path)
    typed = {path: fill_workbook(path, period_data) for path in files}
    result = import_workbooks(NEW, files, scaffolded)
    new = load_period(NEW, scaffolded)
    reported = new.observations[new.observations["provenance"] == "reported"]
    assert len(reported) == result.figures == typed[files[0]]  # the province's has them all
    for row in reported.itertuples():
        assert row.value == period_data.value(row.indicator, row.area), row.indicator
        assert row.source.split(":")[0] in {p.name for p in files}
    derived = new.observations[new.observations["provenance"] == "derived"]
    assert len(derived) == result.computed > 0
    keys = ["list", "area", "item"]
    old_lists = set(period_data.lists[keys].itertuples(index=False, name=None))
    assert set(new.lists[keys].itertuples(index=False, name=None)) == old_lists
    assert (
        new.communes.set_index("code")["ntm_status"]
        == period_data.communes.set_index("code")["ntm_status"]
    ).all()
    for table, key, column in (
        ("districts", ["code"], "ntm_status"),
        ("districts", ["code"], "ntm_plan_year"),
        ("district_criteria", ["district_code", "criterion"], "met"),
    ):
        now = getattr(new, table).set_index(key)[column].sort_index()
        assert now.equals(getattr(period_data, table).set_index(key)[column].sort_index())
    assert set(new.districts["provenance"]) == {"reported"}
    # left empty: the per-commune figures, and the indicators 2021-09 does not print
    unprinted = {c for c in period_data.catalogue.indicators if not period_data.has(c)}
    assert {e.indicator for e in result.empty if e.cell.sheet != "Xã"} <= unprinted
    assert "communes_model_ntm" in {e.indicator for e in result.empty}

    # the report's text came back from the text sheets, point for point
    def point(p):
        return (p.section, p.kind, p.text.vi)

    assert sorted(new.notes, key=point) == sorted(period_data.notes, key=point)


def test_the_province_alone_keeps_the_carried_statuses(scaffolded, tmp_path, period_data):
    path = _workbook(scaffolded, tmp_path)
    fill_workbook(path, period_data)
    result = import_workbooks(NEW, [path], scaffolded)
    assert result.communes == 0  # its commune sheet is not prefilled: it states nothing
    new = load_period(NEW, scaffolded)
    assert set(new.communes["provenance"]) == {"carried"}
    assert set(new.districts["provenance"]) == {"carried"}


def test_clerk_changes_are_imported_and_compared(scaffolded, tmp_path, period_data, capsys) -> None:
    path = _workbook(scaffolded, tmp_path)
    fill_workbook(path, period_data, changes={("communes_19_criteria", "84"): 75})
    sheet, row = _row_of(path, "steering_committee_members", "84")
    set_cell(path, sheet, f"G{row}", None)  # left empty
    assert main(["import", "--period", NEW, str(path), "--data-dir", str(scaffolded)]) == 0
    out = capsys.readouterr().out
    assert f"{path.name}:{sheet}!G{row}" in out
    new = load_period(NEW, scaffolded)
    assert new.value("communes_19_criteria") == 75
    assert not new.has("steering_committee_members")
    assert new.value("communes_19_criteria_pct") == pytest.approx(88.2)  # 75 / 85, printed 84,7%
    assert (
        main(["compare", "--period", NEW, "--with", "2021-09", "--data-dir", str(scaffolded)]) == 0
    )
    out = capsys.readouterr().out
    assert "Số xã đạt 19/19 tiêu chí — tỉnh Trà Vinh: 72 → 75 (+3)" in out
    assert "Có ở kỳ 2021-09, không có ở kỳ này (1)" in out  # the cell left empty


@pytest.mark.parametrize(
    ("value", "says"),
    [("nhiều", "không phải là số"), (-5, "là số âm"), (100, "lớn hơn tổng 85")],
)
def test_a_bad_cell_is_refused_and_nothing_is_written(
    scaffolded, tmp_path, period_data, capsys, value, says
) -> None:
    path = _workbook(scaffolded, tmp_path)
    fill_workbook(path, period_data)
    sheet, row = _row_of(path, "communes_19_criteria", "84")
    set_cell(path, sheet, f"G{row}", value)
    folder = scaffolded / "periods" / NEW
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    assert main(["import", "--period", NEW, str(path), "--data-dir", str(scaffolded)]) == 2
    err = capsys.readouterr().err
    assert f"{path.name}" in err and f"{sheet}!G{row}" in err and says in err
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


def test_district_files_merge_and_report(scaffolded, tmp_path, period_data, capsys) -> None:
    first = _workbook(scaffolded, tmp_path, "847")
    second = _workbook(scaffolded, tmp_path, "849")
    fill_workbook(first, period_data)
    fill_workbook(second, period_data)
    result = import_workbooks(NEW, [first, second], scaffolded)
    assert any("Càng Long" in w.render("vi") for w in result.warnings)  # a district without a file
    new = load_period(NEW, scaffolded)
    assert set(new.observations["area"]) <= {"847", "849"}


def test_the_same_figure_with_two_values_is_refused(
    scaffolded, tmp_path, period_data, capsys
) -> None:
    first = _workbook(scaffolded, tmp_path, "847")
    fill_workbook(first, period_data)
    second = tmp_path / "copy.xlsx"
    shutil.copy(first, second)
    sheet, row = _row_of(second, "waste_sorting_households", "847")
    set_cell(second, sheet, f"G{row}", 999)
    assert (
        main(["import", "--period", NEW, str(first), str(second), "--data-dir", str(scaffolded)])
        == 2
    )
    err = capsys.readouterr().err
    assert "copy.xlsx" in err and "999" in err


def test_a_commune_under_the_wrong_district_is_refused(
    scaffolded, tmp_path, period_data, capsys
) -> None:
    path = _workbook(scaffolded, tmp_path, "847")
    fill_workbook(path, period_data)
    book = load_workbook(path)
    sheet = book["Xã"]
    sheet["A6"] = str(
        pd.read_csv(scaffolded / "periods" / NEW / "communes.csv", dtype=str)["code"].iloc[0]
    )
    book.save(path)
    assert main(["import", "--period", NEW, str(path), "--data-dir", str(scaffolded)]) == 2
    assert "được ghi trong biểu nhập của huyện Châu Thành (847)" in capsys.readouterr().err


def _sheet_of(book, number: str) -> str:
    """The figure sheet of a page, named by its number and short title (sections.yml)."""
    return next(name for name in book.sheetnames if name.startswith(number + " "))


def test_workbook_layout(scaffolded, tmp_path) -> None:
    path = _workbook(scaffolded, tmp_path)
    book = load_workbook(path)
    assert book.sheetnames[0] == "Hướng dẫn"
    # figure sheets follow the outline: number and short title from data/reference/sections.yml
    figures = [n for n in book.sheetnames if n[:1] in "ABC" and n[1:2] in ". "]
    assert figures[:4] == [
        "A.I Chỉ đạo, điều hành",
        "A.II.1 Xã, huyện nông thôn mới",
        "A.II.2 Ấp, hộ văn hóa",
        "A.II.3 Huy động nguồn lực",
    ]
    sheet = book[_sheet_of(book, "A.II.1")]
    keys = [c.value for c in sheet[4]]  # the hidden key row
    assert keys[:8] == [
        "indicator",
        "area",
        "label",
        "unit",
        "area_name",
        "previous",
        "value",
        "note",
    ]
    assert sheet.row_dimensions[4].hidden
    header = [c.value for c in sheet[5]]
    assert header[2:8] == [
        "Chỉ tiêu",
        "Đơn vị tính",
        "Địa bàn",
        "Số liệu kỳ trước (để tham khảo, có thể sao chép)",
        "Số liệu kỳ này",
        "Ghi chú",
    ]
    assert sheet.protection.sheet and sheet.column_dimensions["A"].hidden
    codes = {c.value for c in sheet["A"][5:]}
    assert "communes_19_criteria" in codes and "communes_19_criteria_pct" not in codes
    assert not sheet["G6"].protection.locked and sheet["C6"].protection.locked
    assert {"PL03", "Xã", "Danh sách"} <= set(book.sheetnames)
    assert book.security.lockStructure  # no sheet deleted, renamed or added
    assert book["meta"].sheet_state == "veryHidden"


def test_district_status_and_criteria_from_the_districts_sheet(scaffolded, tmp_path, period_data):
    path = _workbook(scaffolded, tmp_path, "847")
    fill_workbook(path, period_data)
    with Clerk(path) as clerk:  # the district's own row, prefilled as the period holds it
        assert clerk.status_of("847", "ntm_status") == "Chưa đạt"
        assert clerk.status_of("847", "previous_ntm_status") == "Chưa đạt"
        assert clerk.status_of("847", "ntm_plan_year") == 2021
        clerk.status("847", "ntm_status", "Đạt chuẩn")
        for criterion in (f"D{n:02d}" for n in range(1, 10)):
            clerk.status("847", criterion, "Đạt")
    import_workbooks(NEW, [path], scaffolded)
    new = load_period(NEW, scaffolded)
    row = new.districts.set_index("code").loc["847"]
    assert (row["ntm_status"], row["ntm_plan_year"], row["provenance"]) == (
        "recognised",
        "",
        "reported",
    )
    met = new.district_criteria[new.district_criteria["district_code"] == "847"]
    assert set(met["met"]) == {"yes"} and len(met) == 9
    others = new.districts.set_index("code").loc["848"]
    assert others["provenance"] == "carried"


def test_a_word_outside_the_status_list_is_refused(scaffolded, tmp_path, period_data, capsys):
    path = _workbook(scaffolded, tmp_path, "847")
    with Clerk(path) as clerk:
        clerk.status("847", "D01", "gần đạt")
    assert main(["import", "--period", NEW, str(path), "--data-dir", str(scaffolded)]) == 2
    err = capsys.readouterr().err
    assert "Huyện!G6" in err and "'gần đạt' không phải là một kết quả" in err


def test_commune_figures_add_up_to_the_district(scaffolded, tmp_path, period_data):
    path = _workbook(scaffolded, tmp_path, "847")
    with Clerk(path) as clerk:
        sheet, header, keys = clerk.sheet("code", "hamlets_total")
        rows = range(header + 1, sheet.max_row + 1)
        for row in rows:
            sheet.cell(row, keys["hamlets_total"], 10)
            sheet.cell(
                row, keys["hamlets_cultural_ntm"], "8"
            )  # typed as text, read the Vietnamese way
        first = str(sheet.cell(header + 1, keys["code"]).value)
    result = import_workbooks(NEW, [path], scaffolded)
    new = load_period(NEW, scaffolded)
    communes = len(rows)
    assert new.value("hamlets_total", "847") == 10 * communes
    assert new.observation("hamlets_total", "847")["provenance"] == "derived"
    assert new.value("hamlets_cultural_ntm_pct", "847") == 80
    assert new.value("hamlets_cultural_ntm", first) == 8
    assert not any(e.area == "847" and e.indicator == "hamlets_total" for e in result.empty)


def test_an_english_workbook_reads_back(scaffolded, tmp_path, period_data):
    path = tmp_path / "en.xlsx"
    write_workbook(load_context(NEW, scaffolded), path, "847", lang="en")
    book = load_workbook(path)
    header = book[_sheet_of(book, "A.II.1")]["G5"].value
    assert header == "Value this period"
    assert book["Hướng dẫn"]["A1"].value.startswith("HƯỚNG DẪN NHẬP SỐ LIỆU")
    with Clerk(path) as clerk:
        assert clerk.status_of("29377", "advanced_status") in (
            "Recognised",
            "Not recognised",
            "Unknown",
        )
        clerk.fill(period_data)
    import_workbooks(NEW, [path], scaffolded)
    new = load_period(NEW, scaffolded)
    before = period_data.communes.set_index("code")["advanced_status"]
    assert (new.communes.set_index("code")["advanced_status"] == before).all()


def test_one_bad_file_among_several_writes_nothing(scaffolded, tmp_path, period_data, capsys):
    good = _workbook(scaffolded, tmp_path, "847")
    bad = _workbook(scaffolded, tmp_path, "849")
    fill_workbook(good, period_data)
    fill_workbook(bad, period_data)
    with Clerk(bad) as clerk:  # hamlets of the district's first xã
        sheet, header, keys = clerk.sheet("code", "hamlets_total")
        cell = sheet.cell(header + 1, keys["hamlets_total"])
        cell.value = "mười"
    folder = scaffolded / "periods" / NEW
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    assert (
        main(["import", "--period", NEW, str(good), str(bad), "--data-dir", str(scaffolded)]) == 2
    )
    err = capsys.readouterr().err
    assert f"{bad.name}" in err and f"Xã!{cell.coordinate}" in err
    assert "'mười' không phải là số" in err
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
    periods = sorted(p.name for p in folder.parent.iterdir() if not p.name.startswith("."))
    assert periods == ["2020-12", "2021-09", NEW]  # no staged copy left (.lock: the lock)


def test_a_new_list_item_chosen_on_a_blank_row(scaffolded, tmp_path, period_data):
    path = _workbook(scaffolded, tmp_path)
    fill_workbook(path, period_data)
    with Clerk(path) as clerk:
        assert "Số xã đạt chuẩn NTM nâng cao" in clerk.list_choices()
        row = clerk.add_list_item("Số xã đạt chuẩn NTM nâng cao", "xã Long Hiệp, huyện Trà Cú")
        sheet, _, keys = clerk.sheet("list", "item", "value")
        assert not sheet.cell(row, keys["list_label"]).protection.locked
    import_workbooks(NEW, [path], scaffolded)
    new = load_period(NEW, scaffolded)
    items = new.list_items("advanced_ntm_communes")
    assert len(items) == len(period_data.list_items("advanced_ntm_communes")) + 1
    added = items[items["item"] == "29506"]
    assert list(added["as_written"]) == ["Long Hiệp"]


def test_a_name_typed_by_hand_is_matched(scaffolded, tmp_path, period_data):
    path = _workbook(scaffolded, tmp_path)
    with Clerk(path) as clerk:
        clerk.fill(period_data)
        clerk.add_list_item("Số xã đạt chuẩn NTM nâng cao", "Long Hiep")  # no diacritics
    import_workbooks(NEW, [path], scaffolded)
    items = load_period(NEW, scaffolded).list_items("advanced_ntm_communes")
    assert "29506" in set(items["item"])


def test_pl03_cells_become_the_period_annex(scaffolded, tmp_path, period_data, capsys):
    first = _workbook(scaffolded, tmp_path, "847")
    fill_workbook(first, period_data)
    book = load_workbook(first)
    sheet = book["PL03"]
    code = str(sheet["B8"].value)
    for column in range(5, 5 + 19):
        sheet.cell(8, column, 1)
    book.save(first)
    result = import_workbooks(NEW, [first], scaffolded)
    assert result.annex_cells == 19
    new = load_period(NEW, scaffolded)
    row = new.communes.set_index("code").loc[code]
    assert (row["criteria_min"], row["criteria_max"], row["provenance"]) == (19, 19, "reported")
    assert len(new.commune_criteria[new.commune_criteria["code"] == code]) == 19

    second = tmp_path / "again.xlsx"
    shutil.copy(first, second)
    set_cell(second, "PL03", "E8", 0)
    args = ["import", "--period", NEW, str(first), str(second), "--force"]
    assert main([*args, "--data-dir", str(scaffolded)]) == 2
    err = capsys.readouterr().err
    assert "again.xlsx:PL03!E8" in err and "là 1 ở nhap_847.xlsx:PL03!E8 nhưng là 0" in err


def test_a_percentage_typed_with_the_percent_sign(scaffolded, tmp_path, period_data):
    path = _workbook(scaffolded, tmp_path)
    fill_workbook(path, period_data)
    sheet_name, row = _row_of(path, "rural_pop_clean_water_pct", "84")
    book = load_workbook(path)
    cell = book[sheet_name][f"G{row}"]
    cell.value, cell.number_format = 0.652, "0.0%"  # what Excel stores for "65,2%"
    book.save(path)
    import_workbooks(NEW, [path], scaffolded)
    figure = load_period(NEW, scaffolded).figure("rural_pop_clean_water_pct")
    assert (figure.value, figure.as_written) == (65.2, "65,2%")


def test_a_province_from_nothing(data_copy, tmp_path, capsys):
    shutil.rmtree(data_copy / "periods")
    (data_copy / "periods").mkdir()
    data = str(data_copy)
    assert main(["new-period", "--period", "2023-06", "--province", "84", "--data-dir", data]) == 0
    path = tmp_path / "w.xlsx"
    assert main(["workbook", "--period", "2023-06", "--output", str(path), "--data-dir", data]) == 0
    book = load_workbook(path)
    sheet = book[_sheet_of(book, "A.II.1")]
    rows = {sheet.cell(r, 1).value: r for r in range(6, sheet.max_row + 1)}
    sheet.cell(rows["communes_19_criteria"], 7, 80)
    sheet.cell(rows["communes_total"], 7, 85)
    assert sheet.cell(rows["communes_total"], 6).value is None  # no previous figure
    book.save(path)
    assert main(["import", "--period", "2023-06", str(path), "--data-dir", data]) == 0
    assert main(["validate", "--period", "2023-06", "--data-dir", data]) == 0
    new = load_period("2023-06", data_copy)
    assert new.label("vi") == "6 tháng đầu năm 2023"
    assert new.value("communes_19_criteria_pct") == pytest.approx(94.12)
