"""What a clerk sees and does in a workbook: exactly the district's rows, the province's
prefilled only with what it owns, previous figures that copy, printed forms read back, text
sheets and drop-downs, no machine key in sight, nothing executable in or out."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import pytest
import yaml
from openpyxl import Workbook, load_workbook

from ntm_analysis import load_period
from ntm_analysis.cli import main
from ntm_analysis.cycle.context import load_context
from ntm_analysis.cycle.importer import import_workbooks
from ntm_analysis.cycle.safety import defuse
from ntm_analysis.cycle.text_sheets import kind_names
from ntm_analysis.cycle.workbook import write_workbook

from .clerk import Clerk, resave_with_libreoffice

pytestmark = pytest.mark.heavy  # workbooks written, filled and imported: seconds each

NEW = "2021-12"
DISTRICT = "847"
DASHED = "- Giải ngân vốn sự nghiệp còn chậm."  # Excel would compute "-…" typed as is
MACHINE_KEY = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)+$|\([a-z][a-z0-9_]*\)")


@pytest.fixture
def scaffolded(data_copy: Path) -> Path:
    args = ["new-period", "--period", NEW, "--from", "2021-09", "--data-dir", str(data_copy)]
    assert main(args) == 0
    return data_copy


def _workbook(data_dir: Path, tmp_path: Path, district: str | None = None) -> Path:
    path = tmp_path / f"nhap_{district or 'tinh'}.xlsx"
    write_workbook(load_context(NEW, data_dir), path, district)
    return path


def _hidden(sheet, row: int, column: int) -> bool:
    letter = sheet.cell(row, column).column_letter
    return bool(sheet.row_dimensions[row].hidden or sheet.column_dimensions[letter].hidden)


def test_a_district_workbook_holds_exactly_its_rows(scaffolded, tmp_path, period_data) -> None:
    context = load_context(NEW, scaffolded)
    communes = set(context.communes.loc[context.communes["district_code"] == DISTRICT, "code"])
    with Clerk(_workbook(scaffolded, tmp_path, DISTRICT)) as clerk:
        pairs = clerk.pairs()
        assert pairs and {area for _, area in pairs} == {DISTRICT}
        # the previous figure of every row the previous period printed, as a number
        for indicator, area in pairs:
            if period_data.has(indicator, area):
                cell = clerk.figure_cell(indicator, area, "previous")
                assert cell.value == pytest.approx(period_data.value(indicator, area))
        sheet, header, keys = clerk.sheet("code", "district_code")
        rows = {
            str(sheet.cell(r, keys["code"]).value) for r in range(header + 1, sheet.max_row + 1)
        }
        assert rows == communes
        sheet, header, keys = next(
            found for found in clerk.sheets("district_code", "ntm_status") if "code" not in found[2]
        )
        assert [
            sheet.cell(r, keys["district_code"]).value for r in range(header + 1, sheet.max_row + 1)
        ] == [DISTRICT]
    # a province-level figure is never asked of a district
    with Clerk(_workbook(scaffolded, tmp_path)) as province:
        assert ("steering_committee_members", "84") in province.pairs()
    assert ("steering_committee_members", "84") not in pairs


def test_the_province_workbook_is_prefilled_only_with_what_it_owns(scaffolded, tmp_path) -> None:
    with Clerk(_workbook(scaffolded, tmp_path)) as clerk:
        sheet, header, keys = clerk.sheet("code", "ntm_status")
        statuses = [
            sheet.cell(r, keys["ntm_status"]).value for r in range(header + 1, sheet.max_row + 1)
        ]
        before = [
            sheet.cell(r, keys["previous_ntm_status"]).value
            for r in range(header + 1, sheet.max_row + 1)
        ]
        assert set(statuses) == {None} and None not in before  # last period's shown, not given
        sheet, header, keys = clerk.sheet("list", "item", "value")
        areas = {sheet.cell(r, keys["area"]).value for r in range(header + 1, sheet.max_row + 1)}
        assert areas - {None} == {"84"}  # the province's own lists, not the districts'
    with Clerk(_workbook(scaffolded, tmp_path, DISTRICT)) as district:
        assert district.status_of("29377", "ntm_status") in ("Đạt chuẩn", "Chưa đạt")


def test_pasted_and_printed_figures_are_read_in_the_rows_unit(scaffolded, tmp_path, period_data):
    path = _workbook(scaffolded, tmp_path)
    with Clerk(path) as clerk:
        clerk.fill(period_data)
        pasted = clerk.paste_previous("ntm_funding_integrated", "84")  # 1.557.465,5 triệu đồng
        clerk.type("ntm_funding_total", "84", "5.214.624,5")  # as the report prints it
        clerk.type("land_conversion_to_fruit_ha", "84", "1.424 ha")
        clerk.type("rural_pop_clean_water_pct", "84", "95%")
        clerk.type("steering_committee_members", "84", "=20+5")  # arithmetic on numbers
        clerk.type("ntm_funding_local", "84", "200.000")
    assert pasted == pytest.approx(period_data.value("ntm_funding_integrated"))
    import_workbooks(NEW, [path], scaffolded)
    new = load_period(NEW, scaffolded)
    assert new.value("ntm_funding_integrated") == pytest.approx(1557465.5)
    assert new.value("ntm_funding_total") == pytest.approx(5214624.5)
    assert new.value("land_conversion_to_fruit_ha") == 1424
    assert new.value("rural_pop_clean_water_pct") == 95
    assert new.value("steering_committee_members") == 25
    assert new.value("ntm_funding_local") == 200000


@pytest.mark.parametrize("formula", ["=SUM(G6:G7)", "=G6*2", '=WEBSERVICE("http://x")'])
def test_a_formula_other_than_arithmetic_is_refused(
    scaffolded, tmp_path, period_data, capsys, formula
) -> None:
    path = _workbook(scaffolded, tmp_path)
    with Clerk(path) as clerk:
        clerk.fill(period_data)
        clerk.type("steering_committee_members", "84", formula)
        sheet, row, _ = clerk.figure_row("steering_committee_members", "84")
    assert main(["import", "--period", NEW, str(path), "--data-dir", str(scaffolded)]) == 2
    err = capsys.readouterr().err
    assert f"{sheet.title}!G{row}" in err and "không được nhận" in err


def test_a_macro_or_linked_workbook_is_refused(scaffolded, tmp_path, capsys) -> None:
    path = _workbook(scaffolded, tmp_path)
    macro = tmp_path / "nhap.xlsm"
    shutil.copy(path, macro)
    linked = tmp_path / "linked.xlsx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(linked, "w") as target:
        for item in source.infolist():
            target.writestr(item, source.read(item))
        target.writestr("xl/externalLinks/externalLink1.xml", "<externalLink/>")
    for bad, says in ((macro, "macro"), (linked, "liên kết tới tệp khác hoặc DDE")):
        assert main(["import", "--period", NEW, str(bad), "--data-dir", str(scaffolded)]) == 2
        err = capsys.readouterr().err
        assert bad.name in err and says in err and "Traceback" not in err


def test_text_is_written_as_text_and_only_pl03_counts_as_formulas(scaffolded, tmp_path) -> None:
    book = Workbook()
    book.active["A1"] = '=HYPERLINK("http://x","Long Đức")'
    book.active["A2"] = "+cmd|' /C calc'!A0"
    book.active["A3"] = "=COUNTIF(E8:E20,1)"
    assert defuse(book) == 2
    assert book.active["A1"].data_type == "s" and book.active["A1"].quotePrefix
    assert book.active["A3"].data_type == "f"
    path = _workbook(scaffolded, tmp_path, DISTRICT)
    sheet = load_workbook(path)["PL03"]
    footer = [c for c in sheet[sheet.max_row] if isinstance(c.value, str) and c.value[:1] == "="]
    assert footer and all(c.data_type == "f" for c in footer)  # PL03's counts and sums


def test_text_sheets_edited_in_the_workbook_become_qualitative_yml(
    scaffolded, tmp_path, period_data
) -> None:
    path = _workbook(scaffolded, tmp_path)
    first = next(p for p in period_data.notes if p.section.startswith("B"))
    with Clerk(path) as clerk:
        clerk.fill(period_data)
        clerk.edit_point("Lời văn B", first.text.vi, "Giải ngân đạt kế hoạch.")
        sheet, header, keys = clerk.text_sheet("Lời văn C")
        letter = sheet.cell(header + 1, keys["kind"]).column_letter
        kinds = list(kind_names("vi").values())
        assert any(  # the kinds are chosen from a drop-down
            any(str(r).startswith(letter) for r in v.sqref.ranges)
            for v in sheet.data_validations.dataValidation
        )
        clerk.add_point("Lời văn C", "C.II", kinds[0], "Rà soát các xã đăng ký.")
        clerk.add_point("Lời văn A.I", "A.I.1", kinds[0], '=HYPERLINK("http://x")')
    with pytest.raises(Exception, match="công thức"):  # a formula in a text cell: refused
        import_workbooks(NEW, [path], scaffolded)
    with Clerk(path) as clerk:
        clerk.edit_point("Lời văn A.I", '=HYPERLINK("http://x")', None)
    result = import_workbooks(NEW, [path], scaffolded)
    assert "qualitative.yml" in result.summary()
    written = yaml.safe_load((scaffolded / "periods" / NEW / "qualitative.yml").read_text("utf-8"))
    texts = [p["text"]["vi"] for p in written["points"]]
    assert "Giải ngân đạt kế hoạch." in texts and first.text.vi not in texts
    assert "Rà soát các xã đăng ký." in texts
    edited = next(p for p in written["points"] if p["text"]["vi"] == "Giải ngân đạt kế hoạch.")
    assert "en" not in edited["text"]  # the English of the old text is not kept for the new
    notes = load_period(NEW, scaffolded).notes
    assert len(notes) == len(period_data.notes) + 1


def test_statuses_and_list_items_are_chosen_from_drop_downs(scaffolded, tmp_path) -> None:
    with Clerk(_workbook(scaffolded, tmp_path, DISTRICT)) as clerk:
        sheet, header, keys = clerk.sheet("code", "ntm_status")
        letter = sheet.cell(header + 1, keys["ntm_status"]).column_letter
        validation = next(
            v
            for v in sheet.data_validations.dataValidation
            if any(str(r).startswith(letter) for r in v.sqref.ranges)
        )
        assert validation.type == "list" and "Đạt chuẩn" in validation.formula1
        places = clerk.place_choices()
        assert "huyện Châu Thành" in places and "xã Đa Lộc, huyện Châu Thành" in places


def test_no_machine_key_is_visible_and_the_guide_names_the_menus(scaffolded, tmp_path) -> None:
    path = _workbook(scaffolded, tmp_path)
    book = load_workbook(path)
    assert book.security.lockStructure
    for sheet in book.worksheets:
        if sheet.sheet_state != "visible":
            continue
        assert sheet.protection.sheet, sheet.title
        for row in sheet.iter_rows(max_row=min(sheet.max_row, 8)):
            for cell in row:
                if isinstance(cell.value, str) and not _hidden(sheet, cell.row, cell.column):
                    assert not MACHINE_KEY.search(cell.value.strip()), (sheet.title, cell.value)
    assert not book.security.workbookPassword  # locked against mistakes only
    guide = " ".join(str(c.value) for c in book["Hướng dẫn"]["A"] if c.value)
    for menu in ("Xem lại > Bỏ bảo vệ Trang tính", "Công cụ > Bảo vệ trang tính", "LibreOffice"):
        assert menu in guide


@pytest.mark.slow
def test_a_workbook_saved_again_by_libreoffice_keeps_its_form(scaffolded, tmp_path, period_data):
    if shutil.which("soffice") is None and shutil.which("libreoffice") is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    path = _workbook(scaffolded, tmp_path, DISTRICT)
    with Clerk(path) as clerk:
        clerk.fill(period_data)
        pasted = clerk.paste_previous("communes_total", DISTRICT)
        clerk.type("communes_ntm_recognised", DISTRICT, "=5+5")
        clerk.status("29377", "ntm_status", "Đạt chuẩn")
    resave_with_libreoffice(path)
    book = load_workbook(path)
    assert book["meta"].sheet_state != "visible"  # LibreOffice: "hidden", no longer "very"
    assert all(s.protection.sheet for s in book.worksheets if s.sheet_state == "visible")
    with Clerk(path) as clerk:  # the key row is still there, and still hidden
        for sheet, header, _ in clerk.sheets("indicator", "value"):
            assert sheet.row_dimensions[header - 1].hidden, sheet.title
    import_workbooks(NEW, [path], scaffolded)
    new = load_period(NEW, scaffolded)
    assert new.value("communes_total", DISTRICT) == pasted
    assert new.value("communes_ntm_recognised", DISTRICT) == 10
    assert new.communes.set_index("code").at["29377", "ntm_status"] == "recognised"


def test_a_password_locks_sheets_and_structure(scaffolded, tmp_path) -> None:
    path = tmp_path / "locked.xlsx"
    args = ["workbook", "--period", NEW, "--district", DISTRICT, "--password", "bi-mat"]
    assert main([*args, "--output", str(path), "--data-dir", str(scaffolded)]) == 0
    book = load_workbook(path)
    assert book.security.lockStructure and book.security.workbookPassword
    assert all(s.protection.password for s in book.worksheets if s.sheet_state == "visible")


@pytest.mark.slow
def test_text_sheets_saved_again_by_libreoffice_read_back(scaffolded, tmp_path, period_data):
    if shutil.which("soffice") is None and shutil.which("libreoffice") is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    path = _workbook(scaffolded, tmp_path)
    with Clerk(path) as clerk:
        clerk.fill(period_data)
        clerk.add_point("Lời văn B", "B.II.1", "Hạn chế", DASHED)
    resave_with_libreoffice(path)
    import_workbooks(NEW, [path], scaffolded)
    new = load_period(NEW, scaffolded)

    def point(p):
        return (p.section, p.kind, p.text.vi, p.list, p.document and p.document.number)

    added = ("B.II.1", "shortcoming", DASHED, None, None)
    assert sorted(map(point, new.notes), key=str) == sorted(
        [*map(point, period_data.notes), added], key=str
    )
    (tmp_path / "again").mkdir()
    again = _workbook(scaffolded, tmp_path / "again")  # the next workbook: the dash stays text
    with Clerk(again) as clerk:
        sheet, _, keys = clerk.text_sheet("Lời văn B")
        cell = sheet.cell(clerk.point_row("Lời văn B", DASHED), keys["text"])
        assert cell.data_type == "s" and cell.quotePrefix
