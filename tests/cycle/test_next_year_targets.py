"""The year-end workbook's sheet of next year's targets: written, filled, imported into
data/targets/<year+1>.yml; bad cells name sheet and cell and write nothing."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from openpyxl import load_workbook

from ntm_analysis import load_period
from ntm_analysis.cli import main
from ntm_analysis.cycle.context import load_context
from ntm_analysis.cycle.importer import import_workbooks
from ntm_analysis.cycle.targets_sheet import TARGET_COLUMNS
from ntm_analysis.cycle.workbook import write_workbook
from ntm_analysis.dataset.files import read_yaml
from ntm_analysis.dataset.targets import load_targets
from ntm_analysis.errors import InputError, InputErrors
from ntm_analysis.report.sections.c import next_year_targets

from .clerk import Clerk, fill_workbook

pytestmark = pytest.mark.heavy  # Excel workbooks written, filled and imported: seconds each

NEW, FROM = "2021-12", "2021-09"
YEAR = int(NEW[:4])
SHEET_VI, SHEET_EN = f"Chỉ tiêu năm {YEAR + 1}", f"Targets {YEAR + 1}"
VALUE, STRETCH = (
    TARGET_COLUMNS.index("next_value") + 1,
    TARGET_COLUMNS.index("next_stretch") + 1,
)


@pytest.fixture
def year_end(data_copy: Path) -> Path:
    args = ["new-period", "--period", NEW, "--from", FROM, "--data-dir", str(data_copy)]
    assert main(args) == 0
    return data_copy


def _workbook(data_dir: Path, tmp_path: Path, period: str = NEW, lang: str = "vi") -> Path:
    output = tmp_path / f"nhap_{period}_{lang}.xlsx"
    write_workbook(load_context(period, data_dir), output, lang=lang)
    return output


def _rows(sheet) -> dict[str, int]:
    keys = {r: sheet.cell(r, 1).value for r in range(6, sheet.max_row + 1)}
    return {key: r for r, key in keys.items() if key}


def _fill(path: Path, values: dict[str, tuple[object, object]], period_data) -> None:
    fill_workbook(path, period_data)
    book = load_workbook(path)
    sheet = book[SHEET_VI]
    rows = _rows(sheet)
    for target, (value, stretch) in values.items():
        sheet.cell(rows[target], VALUE, value)
        sheet.cell(rows[target], STRETCH, stretch)
    book.save(path)


def _targets_of(data_dir: Path, year: int):
    context = load_context(NEW, data_dir)
    return load_targets(data_dir / "targets", year, context.catalogue, context.province)


def test_year_end_workbook_lists_this_years_targets(year_end, tmp_path) -> None:
    current = _targets_of(year_end, YEAR)
    sheet = load_workbook(_workbook(year_end, tmp_path))[SHEET_VI]
    rows = _rows(sheet)
    assert list(rows) == [t.id for t in current]
    assert sheet.protection.sheet
    assert all(sheet.column_dimensions[c].hidden for c in "ABC")
    ntm = next(t for t in current if t.id == "ntm_communes")
    row = rows["ntm_communes"]
    assert sheet.cell(row, 2).value == ntm.indicator and sheet.cell(row, 3).value == ntm.area
    assert sheet.cell(row, 4).value == ntm.label("vi")
    assert sheet.cell(row, 7).value == "Không thấp hơn"
    current_cell = sheet.cell(row, 8)  # this year's target: a number to copy, shown as printed
    assert (current_cell.value, current_cell.number_format) == (ntm.target, "#,##0")
    assert not current_cell.protection.locked  # pasting it does not lock the input cell
    assert sheet.cell(row, TARGET_COLUMNS.index("named_list") + 1).value == (
        f"Chỉ tiêu năm {YEAR + 1}: Số xã đạt chuẩn NTM trong năm {YEAR + 1}"
    )
    assert not sheet.cell(row, VALUE).protection.locked
    assert not sheet.cell(row, STRETCH).protection.locked
    rules = {str(v.sqref): (v.operator, v.formula2) for v in sheet.data_validations.dataValidation}
    percent_row = rows["hamlets_share"]
    bounded = [k for k, (op, top) in rules.items() if op == "between" and top == "100"]
    assert any(f"{chr(64 + VALUE)}{percent_row}" in k for k in bounded)
    assert any(f"{chr(64 + VALUE)}{row}" in k for k, (op, _) in rules.items() if op != "between")


def test_english_workbook_names_the_sheet_in_english(year_end, tmp_path) -> None:
    book = load_workbook(_workbook(year_end, tmp_path, lang="en"))
    assert SHEET_EN in book.sheetnames and SHEET_VI not in book.sheetnames
    sheet = book[SHEET_EN]
    row = _rows(sheet)["ntm_communes"]
    assert sheet.cell(row, 4).value == _targets_of(year_end, YEAR)[1].label("en")
    assert sheet.cell(row, 7).value == "At least"


def test_filled_targets_become_next_years_file(year_end, tmp_path, period_data) -> None:
    path = _workbook(year_end, tmp_path)
    _fill(path, {"ntm_communes": (9, 12), "hamlets_share": ("87,5", None)}, period_data)
    result = import_workbooks(NEW, [path], year_end)
    written = year_end / "targets" / f"{YEAR + 1}.yml"
    assert written.is_file() and str(written) in result.summary()
    raw = read_yaml(written)
    assert (
        raw["year"] == YEAR + 1
        and raw["section"] == read_yaml(year_end / "targets" / f"{YEAR}.yml")["section"]
    )
    targets = {t.id: t for t in _targets_of(year_end, YEAR + 1)}
    assert set(targets) == {"ntm_communes", "hamlets_share"}
    ntm = targets["ntm_communes"]
    assert (ntm.target, ntm.stretch, ntm.as_written) == (9, 12, "9")
    assert str(YEAR + 1) in ntm.label("vi") and str(YEAR) not in ntm.label("vi")
    assert ntm.measure["kind"] == "commune_bands" and ntm.list is None
    assert "workbook" in ntm.note and SHEET_VI in ntm.note
    share = targets["hamlets_share"]
    assert (share.target, share.stretch, share.as_written) == (87.5, None, "87,5%")
    shown = next_year_targets(load_period(NEW, year_end), "vi")
    assert len(shown) == 2
    assert set(shown["Mục tiêu"]) == {"9", "87,5%"}


@pytest.mark.parametrize(
    ("value", "message"),
    [("chín", "is not a number"), (-3, "is negative"), (120, "over 100%")],
)
def test_a_bad_cell_names_sheet_and_cell_and_writes_nothing(
    year_end, tmp_path, period_data, value, message
) -> None:
    path = _workbook(year_end, tmp_path)
    target = "hamlets_share" if message == "over 100%" else "ntm_communes"
    _fill(path, {target: (value, None), "model_communes": (2, None)}, period_data)
    row = _rows(load_workbook(path)[SHEET_VI])[target]
    with pytest.raises(InputErrors) as caught:
        import_workbooks(NEW, [path], year_end)
    assert f"{SHEET_VI}!{chr(64 + VALUE)}{row}" in caught.value.render("en")
    assert message in caught.value.render("en")
    assert not (year_end / "targets" / f"{YEAR + 1}.yml").exists()
    assert not (year_end / "periods" / NEW / "indicators.csv").exists()


def test_an_empty_sheet_writes_no_file_and_says_so(year_end, tmp_path, period_data) -> None:
    path = _workbook(year_end, tmp_path)
    fill_workbook(path, period_data)
    result = import_workbooks(NEW, [path], year_end)
    assert not (year_end / "targets" / f"{YEAR + 1}.yml").exists()
    assert f"Sheet '{SHEET_VI}' để trống" in result.summary()
    assert (year_end / "periods" / NEW / "indicators.csv").is_file()


def test_an_existing_file_is_kept_unless_forced(year_end, tmp_path, period_data) -> None:
    existing = year_end / "targets" / f"{YEAR + 1}.yml"
    existing.write_text("# kept\n", encoding="utf-8")
    path = _workbook(year_end, tmp_path)
    _fill(path, {"model_communes": (2, 3)}, period_data)
    args = ["import", "--period", NEW, str(path), "--data-dir", str(year_end)]
    assert main(args) == 2
    assert existing.read_text(encoding="utf-8") == "# kept\n"
    assert not (year_end / "periods" / NEW / "indicators.csv").exists()
    assert main([*args, "--force"]) == 0
    assert [t.id for t in _targets_of(year_end, YEAR + 1)] == ["model_communes"]


def test_a_failed_period_swap_leaves_no_targets_file(
    year_end, tmp_path, period_data, monkeypatch
) -> None:
    path = _workbook(year_end, tmp_path)
    _fill(path, {"model_communes": (2, None)}, period_data)

    def broken(*_args, **_kwargs):
        raise InputError("the period does not load")

    monkeypatch.setattr("ntm_analysis.cycle.importer.load_period", broken)
    with pytest.raises(InputError):
        import_workbooks(NEW, [path], year_end)
    assert not (year_end / "targets" / f"{YEAR + 1}.yml").exists()
    assert not (year_end / "periods" / NEW / "indicators.csv").exists()


def test_a_mid_year_workbook_has_no_targets_sheet(data_copy, tmp_path) -> None:
    book = load_workbook(_workbook(data_copy, tmp_path, period=FROM))
    assert not any(name.startswith(("Chỉ tiêu năm", "Targets")) for name in book.sheetnames)


@pytest.mark.parametrize(
    ("value", "stretch", "column", "message"),
    [(None, 5, VALUE, "stretch value without"), (5, 4, STRETCH, "is below the target")],
)
def test_a_stretch_needs_a_target_beyond_it(
    year_end, tmp_path, period_data, value, stretch, column, message
) -> None:
    path = _workbook(year_end, tmp_path)
    _fill(path, {"model_communes": (value, stretch)}, period_data)
    row = _rows(load_workbook(path)[SHEET_VI])["model_communes"]
    with pytest.raises(InputErrors) as caught:
        import_workbooks(NEW, [path], year_end)
    assert re.search(message, caught.value.render("en"))
    assert f"{SHEET_VI}!{chr(64 + column)}{row}" in caught.value.render("en")
    assert not (year_end / "targets" / f"{YEAR + 1}.yml").exists()


def test_next_years_target_takes_its_named_communes(year_end, tmp_path, period_data) -> None:
    path = _workbook(year_end, tmp_path)
    _fill(path, {"ntm_communes": (2, None)}, period_data)
    label = f"Chỉ tiêu năm {YEAR + 1}: Số xã đạt chuẩn NTM trong năm {YEAR + 1}"
    with Clerk(path) as clerk:
        assert label in clerk.list_choices()
        places = clerk.place_choices()
        assert "xã Long Hiệp, huyện Trà Cú" in places and "huyện Càng Long" in places
        clerk.add_list_item(label, "xã Long Hiệp, huyện Trà Cú")
        clerk.add_list_item(label, "xã Đa Lộc, huyện Châu Thành")
    import_workbooks(NEW, [path], year_end)
    ntm = {t.id: t for t in _targets_of(year_end, YEAR + 1)}["ntm_communes"]
    assert ntm.list == f"ntm_target_communes_{YEAR + 1}"
    new = load_period(NEW, year_end)
    items = new.list_items(ntm.list)
    assert list(items["as_written"]) == ["Long Hiệp", "Đa Lộc"]
    assert list(items["item"]) == ["29506", "29377"]
    assert len(next_year_targets(new, "vi")) == 1  # the report loads the target and its list
