"""Import adds to the period: a late district file replaces only its rows, `--replace` starts
again, `--undo` restores the state before, a deleted sheet is refused, errors past 20 go to a
file (docs/period-cycle.md, "Who owns what")."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from ntm_analysis import load_period
from ntm_analysis.cli import main
from ntm_analysis.cycle.context import load_context
from ntm_analysis.cycle.history import period_lock
from ntm_analysis.cycle.importer import import_workbooks
from ntm_analysis.cycle.reader import header_keys as _keys
from ntm_analysis.cycle.workbook import write_workbook

from .clerk import fill_workbook

pytestmark = pytest.mark.heavy  # Excel workbooks written, filled and imported: seconds each

NEW = "2021-12"


@pytest.fixture
def scaffolded(data_copy: Path) -> Path:
    args = ["new-period", "--period", NEW, "--from", "2021-09", "--data-dir", str(data_copy)]
    assert main(args) == 0
    return data_copy


def _filled(data_dir: Path, tmp_path: Path, source, district: str | None = None, **changes):
    output = tmp_path / f"nhap_{district or 'tinh'}.xlsx"
    write_workbook(load_context(NEW, data_dir), output, district)
    fill_workbook(output, source, changes.get("values"))
    return output


def _figures(data_dir: Path) -> dict[tuple[str, str], float]:
    data = load_period(NEW, data_dir)
    frame = data.observations
    return dict(
        zip(zip(frame["indicator"], frame["area"], strict=True), frame["value"], strict=True)
    )


def test_a_late_district_file_keeps_the_province_figures_and_undo_restores(
    scaffolded, tmp_path, period_data, capsys
):
    province = _filled(scaffolded, tmp_path, period_data)
    early = _filled(scaffolded, tmp_path, period_data, "847")
    import_workbooks(NEW, [province, early], scaffolded)
    before = _figures(scaffolded)
    province_only = {k: v for k, v in before.items() if k[1] == period_data.province}
    assert province_only  # the province's own figures are there

    late_path = tmp_path / "late"
    late_path.mkdir()
    late = _filled(scaffolded, late_path, period_data, "849")
    pair = next(k for k in before if k[1] == "849")
    fill_workbook(late, period_data, {pair: before[pair] + 1})
    result = import_workbooks(NEW, [late], scaffolded)
    after = _figures(scaffolded)
    assert after[pair] == before[pair] + 1  # the late district's figure replaces its own row
    assert {k: after[k] for k in province_only} == province_only  # the province's are kept
    assert result.snapshot is not None and result.snapshot.parent.name == ".history"
    assert result.changes.lines("vi", 30)  # the summary lists what changed

    assert main(["import", "--period", NEW, "--undo", "--data-dir", str(scaffolded)]) == 0
    assert "Đã hoàn tác" in capsys.readouterr().out
    assert _figures(scaffolded) == before


def test_replace_starts_the_period_again_from_the_files(scaffolded, tmp_path, period_data):
    province = _filled(scaffolded, tmp_path, period_data)
    district = _filled(scaffolded, tmp_path, period_data, "847")
    import_workbooks(NEW, [province, district], scaffolded)
    assert {a for _, a in _figures(scaffolded)} >= {period_data.province, "847"}
    import_workbooks(NEW, [district], scaffolded, replace=True)
    assert {a for _, a in _figures(scaffolded)} <= {"847"} | set(
        period_data.units.loc[period_data.units["district_code"] == "847", "unit_code"]
    )


def test_a_deleted_sheet_is_refused_naming_what_it_held(scaffolded, tmp_path, period_data, capsys):
    path = _filled(scaffolded, tmp_path, period_data)
    book = load_workbook(path)
    victim = next(
        s for s in book.worksheets if _keys(s) and {"indicator", "value"} <= _keys(s)[1].keys()
    )
    del book[victim.title]
    book.save(path)
    folder = scaffolded / "periods" / NEW
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    assert main(["import", "--period", NEW, str(path), "--data-dir", str(scaffolded)]) == 2
    err = capsys.readouterr().err
    assert "nhap_tinh.xlsx" in err and "đã bị xóa" in err
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


def test_errors_past_twenty_go_to_a_file_grouped_by_sheet(
    scaffolded, tmp_path, period_data, capsys
):
    path = _filled(scaffolded, tmp_path, period_data)
    book = load_workbook(path)
    typed = 0
    for sheet in book.worksheets:
        found = _keys(sheet)
        if found is None or not {"indicator", "value"} <= set(found[1]):
            continue
        header, keys = found
        for row in range(header + 1, sheet.max_row + 1):
            if sheet.cell(row, keys["indicator"]).value and typed < 25:
                sheet.cell(row, keys["value"], "không rõ")
                typed += 1
    book.save(path)
    assert typed == 25
    assert main(["import", "--period", NEW, str(path), "--data-dir", str(scaffolded)]) == 2
    err = capsys.readouterr().err
    assert "danh sách đầy đủ 25 lỗi" in err
    written = Path(err.rsplit(": ", 1)[1].strip())
    text = written.read_text(encoding="utf-8")
    assert text.count("'không rõ'") == 25 and "Traceback" not in err + text


def test_validate_warns_about_districts_without_a_file(scaffolded, tmp_path, period_data, capsys):
    district = _filled(scaffolded, tmp_path, period_data, "847")
    result = import_workbooks(NEW, [district], scaffolded)
    missing = [w.render("vi") for w in result.warnings if "chưa có tệp của" in w.render("vi")]
    assert missing and "Càng Long" in missing[0]  # the districts without a file, in words
    capsys.readouterr()
    assert main(["validate", "--period", NEW, "--data-dir", str(scaffolded)]) == 0
    out = capsys.readouterr().out
    assert "giữ tình trạng của kỳ trước" in out and "Càng Long" in out
    data = load_period(NEW, scaffolded)
    carried = data.communes[data.communes["provenance"] == "carried"]
    assert set(carried["district_code"]) and "847" not in set(carried["district_code"])


def test_a_commune_marked_ntm_meets_every_criterion(scaffolded, tmp_path, period_data):
    path = _filled(scaffolded, tmp_path, period_data, "847")
    book = load_workbook(path)
    sheet = next(s for s in book.worksheets if _keys(s) and "ntm_status" in _keys(s)[1])
    header, keys = _keys(sheet)
    communes = period_data.communes.set_index("code")
    for row in range(header + 1, sheet.max_row + 1):
        code = str(sheet.cell(row, keys["code"]).value)
        if code in communes.index and communes.loc[code, "ntm_status"] != "recognised":
            sheet.cell(row, keys["ntm_status"], "Đạt chuẩn")
            break
    else:
        pytest.fail("every commune of the district is NTM already")
    book.save(path)
    import_workbooks(NEW, [path], scaffolded)
    row = load_period(NEW, scaffolded).communes.set_index("code").loc[code]
    assert row["ntm_status"] == "recognised"
    full = period_data.criteria.commune_count
    assert (int(row["criteria_min"]), int(row["criteria_max"])) == (full, full)


def test_a_second_import_waits_for_the_first_and_undo_needs_an_import(
    scaffolded, tmp_path, period_data, capsys
):
    path = _filled(scaffolded, tmp_path, period_data, "847")
    folder = scaffolded / "periods" / NEW
    args = ["import", "--period", NEW, str(path), "--data-dir", str(scaffolded)]
    with period_lock(folder):  # another import of the period is running
        assert main(args) == 2
    assert "đang chạy" in capsys.readouterr().err
    undo = ["import", "--period", NEW, "--undo", "--data-dir", str(scaffolded)]
    assert main(undo) == 2
    err = capsys.readouterr().err
    assert "chưa có lần nhập nào để hoàn tác" in err and "Traceback" not in err
    assert main(args) == 0  # the lock is free again


def test_an_increase_is_checked_against_the_baseline(scaffolded, tmp_path, period_data, capsys):
    province = period_data.province
    increase = ("hamlets_cultural_ntm_increase", province)
    assert period_data.has(*increase) and period_data.has("hamlets_cultural_ntm", province)
    path = _filled(scaffolded, tmp_path, period_data)
    fill_workbook(path, period_data, {increase: period_data.value(*increase) + 5})
    args = ["import", "--period", NEW, str(path), "--data-dir", str(scaffolded)]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert "nhưng kỳ gốc" in err and "mức tăng ghi là" in err and "Trà Vinh (" in err


def test_a_list_naming_a_place_twice_is_refused(scaffolded, tmp_path, period_data, capsys):
    path = _filled(scaffolded, tmp_path, period_data)
    book = load_workbook(path)
    sheet = next(s for s in book.worksheets if _keys(s) and {"list", "value"} <= _keys(s)[1].keys())
    header, keys = _keys(sheet)
    rows = [r for r in range(header + 1, sheet.max_row + 1) if sheet.cell(r, keys["value"]).value]
    blank = next(r for r in range(header + 1, sheet.max_row + 2) if r not in rows and r > rows[0])
    for column in range(1, sheet.max_column + 1):  # the clerk copies a row onto a blank one
        sheet.cell(blank, column).value = sheet.cell(rows[0], column).value
    book.save(path)
    args = ["import", "--period", NEW, str(path), "--data-dir", str(scaffolded)]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert "hai lần" in err and "xóa dòng thừa" in err
