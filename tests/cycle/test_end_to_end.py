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

from .clerk import fill_workbook, set_cell

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
    book = load_workbook(path)
    for sheet in book.worksheets:
        for row in sheet.iter_rows(min_row=6):
            if row[0].value == indicator and row[1].value == area:
                return sheet.title, row[0].row
    raise KeyError(indicator)


def test_round_trip_gives_the_same_figures_and_lists(scaffolded, tmp_path, period_data) -> None:
    path = _workbook(scaffolded, tmp_path)
    typed = fill_workbook(path, period_data)
    result = import_workbooks(NEW, [path], scaffolded)
    new = load_period(NEW, scaffolded)
    reported = new.observations[new.observations["provenance"] == "reported"]
    assert len(reported) == typed == result.figures
    for row in reported.itertuples():
        assert row.value == period_data.value(row.indicator, row.area), row.indicator
        assert row.source.startswith(f"{path.name}:")
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
    header = [c.value for c in sheet[5]]
    for key in ("indicator", "area", "value", "previous"):
        assert any(f"({key})" in str(h) for h in header)
    assert "Giá trị kỳ này (value)" in header
    assert sheet.protection.sheet and sheet.column_dimensions["A"].hidden
    codes = {c.value for c in sheet["A"][5:]}
    assert "communes_19_criteria" in codes and "communes_19_criteria_pct" not in codes
    assert not sheet["G6"].protection.locked and sheet["C6"].protection.locked
    assert {"PL03", "Xã", "Danh sách"} <= set(book.sheetnames)


def test_district_status_and_criteria_from_the_districts_sheet(scaffolded, tmp_path, period_data):
    path = _workbook(scaffolded, tmp_path, "847")
    fill_workbook(path, period_data)
    book = load_workbook(path)
    sheet = book["Huyện"]
    assert sheet["A6"].value == "847" and sheet["C6"].value == "Chưa đạt"
    assert sheet["D6"].value == 2021
    sheet["C6"] = "Đạt chuẩn"
    for column in "EFGHIJKLM":
        sheet[f"{column}6"] = "Đạt"
    book.save(path)
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
    set_cell(path, "Huyện", "E6", "gần đạt")
    assert main(["import", "--period", NEW, str(path), "--data-dir", str(scaffolded)]) == 2
    err = capsys.readouterr().err
    assert "Huyện!E6" in err and "'gần đạt' không phải là một kết quả" in err


def test_commune_figures_add_up_to_the_district(scaffolded, tmp_path, period_data):
    path = _workbook(scaffolded, tmp_path, "847")
    book = load_workbook(path)
    sheet = book["Xã"]
    header = {c.value: c.column for c in sheet[5] if c.value}
    total = header["Tổng số ấp (hamlets_total)"]
    cultural = header["Số ấp đạt chuẩn ấp văn hóa và ấp NTM (hamlets_cultural_ntm)"]
    rows = range(6, sheet.max_row + 1)
    for row in rows:
        sheet.cell(row, total, 10)
        sheet.cell(row, cultural, "8")  # typed as text, read the Vietnamese way
    book.save(path)
    result = import_workbooks(NEW, [path], scaffolded)
    new = load_period(NEW, scaffolded)
    communes = len(rows)
    assert new.value("hamlets_total", "847") == 10 * communes
    assert new.observation("hamlets_total", "847")["provenance"] == "derived"
    assert new.value("hamlets_cultural_ntm_pct", "847") == 80
    first = str(sheet.cell(6, 1).value)
    assert new.value("hamlets_cultural_ntm", first) == 8
    assert not any(e.area == "847" and e.indicator == "hamlets_total" for e in result.empty)


def test_an_english_workbook_reads_back(scaffolded, tmp_path, period_data):
    path = tmp_path / "en.xlsx"
    write_workbook(load_context(NEW, scaffolded), path, lang="en")
    book = load_workbook(path)
    header = book[_sheet_of(book, "A.II.1")]["G5"].value
    assert header == "Value this period / Giá trị kỳ này (value)"
    assert book["Hướng dẫn"]["A1"].value == "HƯỚNG DẪN NHẬP SỐ LIỆU"
    sheet = book["Communes"]
    assert sheet["E6"].value in ("Recognised", "Not recognised", "Unknown")
    book.save(path)
    fill_workbook(path, period_data)
    import_workbooks(NEW, [path], scaffolded)
    new = load_period(NEW, scaffolded)
    before = period_data.communes.set_index("code")["advanced_status"]
    assert (new.communes.set_index("code")["advanced_status"] == before).all()


def test_one_bad_file_among_several_writes_nothing(scaffolded, tmp_path, period_data, capsys):
    good = _workbook(scaffolded, tmp_path, "847")
    bad = _workbook(scaffolded, tmp_path, "849")
    fill_workbook(good, period_data)
    fill_workbook(bad, period_data)
    set_cell(bad, "Xã", "H6", "mười")  # hamlets of the district's first xã
    folder = scaffolded / "periods" / NEW
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    assert (
        main(["import", "--period", NEW, str(good), str(bad), "--data-dir", str(scaffolded)]) == 2
    )
    err = capsys.readouterr().err
    assert f"{bad.name}" in err and "Xã!H6" in err and "'mười' không phải là số" in err
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
    assert sorted(p.name for p in folder.parent.iterdir() if not p.name.startswith(".")) == [
        "2020-12",
        "2021-09",
        NEW,
    ]


def test_a_new_list_item_typed_on_a_blank_row(scaffolded, tmp_path, period_data):
    path = _workbook(scaffolded, tmp_path)
    fill_workbook(path, period_data)
    book = load_workbook(path)
    sheet = book["Danh sách"]
    row = next(r for r in range(6, sheet.max_row + 2) if sheet.cell(r, 6).value is None)
    choices = [c.value for c in sheet["J"] if c.value]
    assert "Số xã đạt chuẩn NTM nâng cao" in choices
    assert not sheet.cell(row, 4).protection.locked
    sheet.cell(row, 4, "Số xã đạt chuẩn NTM nâng cao")
    sheet.cell(row, 6, "Long Hiệp")
    book.save(path)
    import_workbooks(NEW, [path], scaffolded)
    new = load_period(NEW, scaffolded)
    items = new.list_items("advanced_ntm_communes")
    assert len(items) == len(period_data.list_items("advanced_ntm_communes")) + 1
    assert "Long Hiệp" in set(items["as_written"])


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
    assert (
        "again.xlsx" in err
        and "PL03!E8" in err
        and "là 1 ở nhap_847.xlsx:PL03!E8 nhưng là 0 ở again.xlsx" in err
    )


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
