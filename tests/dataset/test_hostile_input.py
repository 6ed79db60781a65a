"""Hostile and oversized input (issue 13): each case ends with exit 2 and a message naming the
file, or, for what is usable but suspicious, with a finding. Sizes are exercised for real where
that is cheap (sparse files, a compressible zip bomb) and through the limit constants otherwise;
`bench/stress.py` runs the full-size cases and measures time and memory."""

from __future__ import annotations

import os
import re
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from ntm_analysis import load_period
from ntm_analysis.cli import main
from ntm_analysis.dataset import files as files_module
from ntm_analysis.dataset import limits
from ntm_analysis.dataset import paths as paths_module
from ntm_analysis.dataset.annex import ANNEX_FILE, SHEET, write_template
from ntm_analysis.dataset.files import read_csv_text, sha256_of
from ntm_analysis.errors import InputError, InputErrors

PERIOD = "2021-09"


def _folder(data_dir: Path) -> Path:
    return data_dir / "periods" / PERIOD


def _validate(data_dir: Path, capsys) -> tuple[int, str]:
    code = main(["validate", "--period", PERIOD, "--data-dir", str(data_dir), "--lang", "en"])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err and "internal error" not in captured.err
    return code, captured.err


def _set_cell(path: Path, line_no: int, column: str, value: str) -> None:
    """Put `value` into `column` of line `line_no` (1 = header) of a simple CSV file."""
    lines = path.read_text(encoding="utf-8").splitlines()
    col = lines[0].split(",").index(column)
    fields = lines[line_no - 1].split(",")
    fields[col] = value
    lines[line_no - 1] = ",".join(fields)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _refused(data_dir: Path, capsys, *needles: str) -> str:
    code, err = _validate(data_dir, capsys)
    assert code == 2, err
    for needle in needles:
        assert needle in err, (needle, err)
    return err


# ------------------------------------------------------------------------ numbers


@pytest.mark.parametrize(
    "value",
    ["1e26", "-1e26", "1e400", "1000000000000001", "nan", "NaN", "inf", "-inf", "Infinity"],
)
def test_huge_and_non_finite_values_are_refused(data_copy, capsys, value):
    _set_cell(_folder(data_copy) / "indicators.csv", 2, "value", value)
    _refused(data_copy, capsys, "indicators.csv", "row 2", "column 'value'")


@pytest.mark.parametrize("value", ["1_9", "١٩", "１９", "19\u0663", "1 9"])
def test_underscore_and_non_ascii_digits_in_values_are_refused(data_copy, capsys, value):
    _set_cell(_folder(data_copy) / "indicators.csv", 2, "value", value)
    _refused(data_copy, capsys, "indicators.csv", "row 2", "column 'value'", "not a number")


@pytest.mark.parametrize("value", ["1_9", "١٩", "9" * 30, "1e1", "19.0", "nan"])
def test_criteria_counts_must_be_plain_whole_numbers(data_copy, capsys, value):
    _set_cell(_folder(data_copy) / "communes.csv", 2, "criteria_min", value)
    _refused(data_copy, capsys, "communes.csv", "row 2", "column 'criteria_min'")


def test_non_ascii_digits_in_codes_are_refused(data_copy, capsys):
    path = _folder(data_copy) / "districts.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    col = lines[0].split(",").index("ntm_plan_year")
    row = next(i for i, line in enumerate(lines[1:], 2) if line.split(",")[col])
    _set_cell(path, row, "ntm_plan_year", "٢٠٢٥")
    _refused(data_copy, capsys, "districts.csv", f"row {row}", "ntm_plan_year")


# ------------------------------------------------------------------------ text files


def test_nul_byte_after_the_first_4_kb_is_refused_with_its_line(data_copy, capsys):
    path = _folder(data_copy) / "indicators.csv"
    raw = path.read_bytes()
    assert len(raw) > 6000
    path.write_bytes(raw[:6000] + b"\x00" + raw[6000:])
    line = raw[:6000].count(b"\n") + 1
    _refused(data_copy, capsys, "indicators.csv", f"row {line}", "NUL")


def test_nul_in_a_utf16_file_is_refused(data_copy, capsys):
    import codecs

    path = _folder(data_copy) / "communes.csv"
    text = path.read_text(encoding="utf-8")
    path.write_bytes(codecs.BOM_UTF16_LE + (text[:500] + "\x00" + text[500:]).encode("utf-16-le"))
    _refused(data_copy, capsys, "communes.csv", "NUL")


def test_csv_over_the_size_limit_is_refused_before_reading(data_copy, capsys):
    path = _folder(data_copy) / "lists.csv"
    with open(path, "r+b") as handle:  # sparse: 51 MB on paper, nothing on disk
        handle.truncate(limits.CSV_MAX_BYTES + 1)
    _refused(data_copy, capsys, "lists.csv", "over the limit of 50.0 MB")


def test_rows_past_the_limit_are_refused(data_copy, capsys, monkeypatch):
    monkeypatch.setattr(files_module, "CSV_MAX_ROWS", 10)
    err = _refused(data_copy, capsys, "admin_units.csv", "more than 10 data rows", "row 12")
    assert "docs/input-limits.md" in err


def test_a_fifo_in_place_of_a_data_file_is_refused(data_copy, capsys):
    path = _folder(data_copy) / "lists.csv"
    path.unlink()
    os.mkfifo(path)
    _refused(data_copy, capsys, "lists.csv")


def test_a_folder_in_place_of_a_required_file_is_refused(data_copy, capsys):
    path = _folder(data_copy) / "indicators.csv"
    path.unlink()
    path.mkdir()
    _refused(data_copy, capsys, "indicators.csv", "not a regular file")


# ------------------------------------------------------------------------ permissions


def test_unreadable_data_file_is_an_input_error(data_copy, capsys, monkeypatch):
    """As root chmod cannot take the right to read away, so the refusal of `open` is
    simulated; `test_unreadable_data_file_chmod` does it for real when not root."""
    target = _folder(data_copy) / "communes.csv"
    real_open = open

    def refusing_open(path, *args, **kwargs):
        if Path(path) == target:
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(paths_module, "open", refusing_open, raising=False)
    _refused(data_copy, capsys, "communes.csv", "Permission denied")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files without read permission")
def test_unreadable_data_file_chmod(data_copy, capsys):
    for name in ("communes.csv", "period.yml"):
        path = _folder(data_copy) / name
        path.chmod(0)
        try:
            _refused(data_copy, capsys, name, "Permission denied")
        finally:
            path.chmod(0o644)


def test_checksums_hash_in_chunks(tmp_path, monkeypatch):
    import hashlib

    path = tmp_path / "f.bin"
    path.write_bytes(os.urandom(10_000))
    monkeypatch.setattr(files_module, "HASH_CHUNK", 1000)
    assert sha256_of(path) == hashlib.sha256(path.read_bytes()).hexdigest()
    with pytest.raises(InputError) as caught:
        sha256_of(tmp_path / "missing.bin")
    assert re.search(r"missing\.bin", caught.value.render("en"))


# ------------------------------------------------------------------------ lock files, names


@pytest.mark.heavy
def test_excel_lock_file_is_ignored_with_a_finding(data_copy, capsys, monkeypatch):
    folder = _folder(data_copy)
    lock = folder / f"~${ANNEX_FILE}"
    lock.write_bytes(b"\x00locked by Excel\x00" * 10)
    real_open = open

    def refusing_open(path, *args, **kwargs):  # Excel holds it: unreadable
        if Path(path).name.startswith("~$"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(paths_module, "open", refusing_open, raising=False)
    monkeypatch.setattr(files_module, "open", refusing_open, raising=False)
    code, err = _validate(data_copy, capsys)
    assert code == 0, err
    data = load_period(PERIOD, data_copy)
    ids = [f.id for f in data.input_findings]
    assert f"input:lock_file:~${ANNEX_FILE}" in ids
    assert not any("~$" in name for name in data.checksums)


@pytest.mark.parametrize(
    "name", ["annex_pl03.xlsm", "annex_pl03.xls", "Annex_PL03.XLSX", "annex_pl03_2021-09.xlsx"]
)
def test_annex_under_a_near_miss_name_gets_a_warning(data_copy, name):
    folder = _folder(data_copy)
    (folder / name).write_bytes(b"PK\x05\x06" + b"\x00" * 18)  # any content: it is not read
    data = load_period(PERIOD, data_copy)
    findings = {f.id: f for f in data.input_findings}
    finding = findings[f"annex:near_miss:{name}"]
    assert finding.severity == "warning" and name in finding.message_en
    assert ANNEX_FILE in finding.message_en
    assert data.commune_criteria.empty


def test_other_files_are_not_near_misses(data_copy):
    (_folder(data_copy) / "notes.xlsx").write_bytes(b"x")
    (_folder(data_copy) / "annex_pl03.txt").write_bytes(b"x")
    assert load_period(PERIOD, data_copy).input_findings == []


@pytest.mark.heavy
def test_recognised_commune_below_all_criteria_in_the_annex_is_a_finding(data_copy):
    data = load_period(PERIOD, data_copy)
    recognised = data.communes.loc[data.communes["ntm_status"] == "recognised", "code"]
    code = str(recognised.iloc[0])
    path = _folder(data_copy) / ANNEX_FILE
    write_template(path, data)
    book = load_workbook(path)
    sheet = book[SHEET]
    for row in range(8, sheet.max_row + 1):
        if str(sheet.cell(row, 2).value) == code:
            for k in range(19):
                sheet.cell(row, 5 + k).value = 0 if k < 19 else 1
    book.save(path)
    annexed = load_period(PERIOD, data_copy)
    findings = {f.id: f for f in annexed.input_findings}
    finding = findings[f"annex:ntm_below_top:{code}"]
    assert finding.area == code and finding.computed == "0/19"
    assert "C01" in finding.message_en and ANNEX_FILE in finding.message_en
    assert len([f for f in annexed.input_findings if f.id.startswith("annex:ntm_below")]) == 1


# ------------------------------------------------------------------------ the annex's size


def test_annex_zip_bomb_is_refused_from_its_directory(data_copy, capsys):
    path = _folder(data_copy) / ANNEX_FILE
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "xl/worksheets/sheet1.xml", b"\x00" * (limits.WORKBOOK_MAX_UNCOMPRESSED + 1)
        )
    assert path.stat().st_size < 1024 * 1024
    _refused(data_copy, capsys, ANNEX_FILE, "uncompressed")


def test_annex_over_the_file_size_limit_is_refused(data_copy, capsys):
    path = _folder(data_copy) / ANNEX_FILE
    with open(path, "wb") as handle:
        handle.truncate(limits.WORKBOOK_MAX_BYTES + 1)
    _refused(data_copy, capsys, ANNEX_FILE, "over the limit")


def test_annex_not_a_zip_is_refused(data_copy, capsys):
    (_folder(data_copy) / ANNEX_FILE).write_bytes(b"not a workbook at all")
    _refused(data_copy, capsys, ANNEX_FILE, "not a readable Excel workbook")


def test_annex_with_too_many_rows_is_refused_before_openpyxl(data_copy, capsys, monkeypatch):
    data = load_period(PERIOD, data_copy)
    write_template(_folder(data_copy) / ANNEX_FILE, data)
    monkeypatch.setattr(limits, "WORKBOOK_MAX_ROWS", 50)

    def no_openpyxl(*args, **kwargs):
        raise AssertionError("openpyxl was reached")

    monkeypatch.setattr("ntm_analysis.dataset.excel.load_workbook", no_openpyxl)
    _refused(data_copy, capsys, ANNEX_FILE, "rows, over the limit of 50")


def test_annex_with_too_many_cells_is_refused(data_copy, capsys, monkeypatch):
    data = load_period(PERIOD, data_copy)
    write_template(_folder(data_copy) / ANNEX_FILE, data)
    monkeypatch.setattr(limits, "WORKBOOK_MAX_CELLS", 100)
    _refused(data_copy, capsys, ANNEX_FILE, "more than 100 cells")


def test_annex_with_a_far_cell_is_refused(data_copy, capsys):
    book = Workbook()
    sheet = book.active
    sheet.title = SHEET
    sheet.cell(1, 1, "Mã xã")
    sheet.cell(1, 2, "Xã")
    sheet.cell(1_048_576, 16_384, 1)
    book.save(_folder(data_copy) / ANNEX_FILE)
    _refused(data_copy, capsys, ANNEX_FILE, "sheet PL03 has 1,048,576 rows")


# ------------------------------------------------------------------------ confinement


def test_symlinked_data_file_pointing_outside_is_refused(data_copy, capsys, tmp_path):
    outside = tmp_path / "outside.csv"
    path = _folder(data_copy) / "lists.csv"
    outside.write_bytes(path.read_bytes())
    path.unlink()
    path.symlink_to(outside)
    _refused(data_copy, capsys, "lists.csv", "leads outside the data folder")


def test_symlinked_stray_file_pointing_outside_is_refused(data_copy, capsys, tmp_path):
    (tmp_path / "big.bin").write_bytes(b"x")
    (_folder(data_copy) / "scan.pdf").symlink_to(tmp_path / "big.bin")
    _refused(data_copy, capsys, "scan.pdf", "leads outside")


@pytest.mark.heavy
def test_symlink_inside_the_data_folder_is_accepted(data_copy, capsys):
    folder = _folder(data_copy)
    (data_copy / "shared_lists.csv").write_bytes((folder / "lists.csv").read_bytes())
    (folder / "lists.csv").unlink()
    (folder / "lists.csv").symlink_to(data_copy / "shared_lists.csv")
    code, err = _validate(data_copy, capsys)
    assert code == 0, err


def test_symlinked_data_folder_itself_is_accepted(data_copy, capsys, tmp_path):
    link = tmp_path / "data_link"
    link.symlink_to(data_copy)
    code, err = _validate(link, capsys)
    assert code == 0, err


@pytest.mark.parametrize("name", ["../../secret", "../criteria_copy", "/etc/hostname"])
def test_criteria_set_must_stay_in_the_criteria_folder(data_copy, capsys, name):
    reference = data_copy / "reference"
    (reference / "criteria_copy.yml").write_bytes(
        (reference / "criteria" / "2016-2020.yml").read_bytes()
    )
    (data_copy.parent / "secret.yml").write_text("id: x\n", encoding="utf-8")
    meta = _folder(data_copy) / "period.yml"
    text = meta.read_text(encoding="utf-8").replace('"2016-2020"', f'"{name}"', 1)
    meta.write_text(text, encoding="utf-8")
    err = _refused(data_copy, capsys)
    assert "criteria" in err and ("outside" in err or "criteria_set" in err), err


# ------------------------------------------------------------------------ bounded suggestions


def test_suggestions_are_computed_only_for_the_errors_shown(data_copy, capsys, monkeypatch):
    import difflib

    calls = []
    real = difflib.get_close_matches

    def counting(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(difflib, "get_close_matches", counting)
    path = _folder(data_copy) / "indicators.csv"
    header, first = path.read_text(encoding="utf-8").splitlines()[:2]
    code = first.split(",")[0]
    rows = [f"{code}_{i},84,1,1,,A.I.1,reported," for i in range(3000)]
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    err = _refused(data_copy, capsys, "3000 problem(s)", "nearest:", "… and 2980 more")
    assert len(calls) <= limits.ERRORS_SHOWN
    assert err.count("nearest:") == limits.ERRORS_SHOWN


def test_name_suggestions_are_bounded_too(data_copy, capsys, monkeypatch):
    from ntm_analysis.text import names

    calls = []
    real = names._nearest
    monkeypatch.setattr(names, "_nearest", lambda *a, **k: calls.append(1) or real(*a, **k))
    path = _folder(data_copy) / "communes.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    col = lines[0].split(",").index("name")
    for i in range(1, len(lines)):
        fields = lines[i].split(",")
        fields[col] = f"Không Có {i}"
        lines[i] = ",".join(fields)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    _refused(data_copy, capsys, "communes.csv", "unknown unit name", "nearest:")
    assert 0 < len(calls) <= limits.ERRORS_SHOWN


def test_errors_shown_matches_input_errors():
    import inspect

    default = inspect.signature(InputErrors).parameters["limit"].default
    assert default == limits.ERRORS_SHOWN


# ------------------------------------------------------------------------ reading shape


def test_columns_share_equal_values_and_keep_lines(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("a,b\nx, y \n\nx,z\n", encoding="utf-8")
    frame = read_csv_text(path, ["a", "b"])
    assert frame["a"].tolist() == ["x", "x"] and frame["b"].tolist() == ["y", "z"]
    assert frame["source_line"].tolist() == [2, 4]
    assert frame["a"].iloc[0] is frame["a"].iloc[1]


def test_problems_past_the_kept_ones_are_counted(data_copy, capsys, monkeypatch):
    monkeypatch.setattr(limits, "ERRORS_KEPT", 30)
    path = _folder(data_copy) / "indicators.csv"
    header, first = path.read_text(encoding="utf-8").splitlines()[:2]
    code = first.split(",")[0]
    rows = [f"{code}_{i},84,1,1,,A.I.1,reported," for i in range(500)]
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    _refused(data_copy, capsys, "500 problem(s)", "… and 480 more")


def test_name_checks_stop_after_the_kept_problems(data_copy, capsys, monkeypatch):
    monkeypatch.setattr(limits, "ERRORS_KEPT", 25)
    path = _folder(data_copy) / "lists.csv"
    header = path.read_text(encoding="utf-8").splitlines()[0]
    rows = [f"l{i},84,29263,Không Có {i},,A.II.1," for i in range(100)]
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    _refused(data_copy, capsys, "25 problem(s)", "75 row(s) not checked", "lists.csv")
