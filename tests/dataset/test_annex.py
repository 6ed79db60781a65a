"""The commune × criterion annex PL03: template, strict reader, and its effect on the period."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from ntm_analysis import load_period
from ntm_analysis.cli import main
from ntm_analysis.dataset.annex import (
    ANNEX_FILE,
    GUIDE_SHEET,
    SHEET,
    apply_annex,
    read_annex,
    write_template,
)
from ntm_analysis.errors import InputError
from ntm_analysis.quality import check_period

PERIOD = "2021-09"
HEADER_ROW, FIRST_ROW, FIRST_COL, CRITERIA = 7, 8, 5, 19


def _annex_path(data_dir: Path) -> Path:
    return data_dir / "periods" / PERIOD / ANNEX_FILE


def _codes(sheet) -> dict[str, int]:
    """Commune code → Excel row of a template sheet."""
    out = {}
    for row in range(FIRST_ROW, sheet.max_row + 1):
        code = sheet.cell(row, 2).value
        if code:
            out[str(code)] = row
    return out


def _fill(path: Path, counts: dict[str, int], blanks: dict[str, int] | None = None) -> None:
    """Mark the first `counts[code]` criteria met, the rest not met; leave the last
    `blanks[code]` criterion cells empty."""
    book = load_workbook(path)
    sheet = book[SHEET]
    blanks = blanks or {}
    for code, row in _codes(sheet).items():
        met, empty = counts[code], blanks.get(code, 0)
        for k in range(CRITERIA):
            value = None if k >= CRITERIA - empty else int(k < met)
            sheet.cell(row, FIRST_COL + k).value = value
    book.save(path)


def _consistent_counts(communes: pd.DataFrame) -> dict[str, int]:
    """Criteria met per commune, within each interval and consistent with the reported bands
    (72 at 19; of the 13 below, 7 at 15–18 and 6 at 10–14; registered: 6 at 15–18, 2 at
    13–14; average 18.4)."""
    counts: dict[str, int] = {}
    registered = unknown = 0
    for row in communes.sort_values("code").itertuples():
        if row.criteria_min == row.criteria_max:
            counts[row.code] = row.criteria_min
        elif (row.criteria_min, row.criteria_max) == (13, 18):
            counts[row.code] = 17 if registered < 6 else 14
            registered += 1
        else:
            assert (row.criteria_min, row.criteria_max) == (10, 19)
            counts[row.code] = 19 if unknown < 12 else 18 if unknown < 13 else 12
            unknown += 1
    assert registered == 8 and unknown == 17
    return counts


@pytest.fixture
def annexed(data_copy: Path) -> tuple[Path, dict[str, int]]:
    """A data copy with a consistent, fully filled annex."""
    data = load_period(PERIOD, data_copy)
    path = write_template(_annex_path(data_copy), data)
    counts = _consistent_counts(data.communes)
    _fill(path, counts)
    return data_copy, counts


def _validate(data_dir: Path, capsys, *extra: str) -> tuple[int, str, str]:
    code = main(["validate", "--period", PERIOD, "--data-dir", str(data_dir), *extra])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


# --------------------------------------------------------------------------- the template


def test_template_has_one_row_per_xa_and_a_validated_column_per_criterion(period_data, tmp_path):
    path = write_template(tmp_path / "t.xlsx", period_data)
    book = load_workbook(path)
    assert book.sheetnames == [SHEET, GUIDE_SHEET]
    sheet = book[SHEET]
    header = [c.value for c in sheet[HEADER_ROW]]
    assert header[:4] == ["STT", "Mã xã", "Xã", "Huyện"]
    assert header[4:23] == [f"{c.number}. {c.name('vi')}" for c in period_data.criteria.commune]
    assert header[4] == "1. Quy hoạch" and header[23] == "Tổng số tiêu chí đạt"
    codes = _codes(sheet)
    assert len(codes) == 85
    assert sorted(codes) == sorted(period_data.communes["code"])
    last = FIRST_ROW + 84
    assert sheet.cell(last, 24).value == f"=COUNTIF(E{last}:W{last},1)"
    assert all(sheet.cell(r, c).value is None for r in codes.values() for c in range(5, 24))
    rules = sheet.data_validations.dataValidation
    assert len(rules) == 1 and rules[0].formula1 == '"1,0"'
    assert str(rules[0].sqref) == f"E{FIRST_ROW}:W{last}"
    assert sheet.freeze_panes == f"E{FIRST_ROW}"
    assert sheet.column_dimensions["C"].width > 10
    guide = " ".join(str(c.value) for c in book[GUIDE_SHEET]["A"] if c.value)
    assert "chưa báo cáo" in guide and "not reported" in guide
    # the empty template reads back as "nothing reported"
    table = read_annex(path, period_data)
    assert len(table) == 85 * 19 and table["met"].isna().all()


def test_english_template_reads_back(period_data, tmp_path):
    path = write_template(tmp_path / "t.xlsx", period_data, lang="en")
    sheet = load_workbook(path)[SHEET]
    assert [c.value for c in sheet[HEADER_ROW]][:5] == [
        "No.",
        "Commune code",
        "Commune",
        "District",
        "1. Planning",
    ]
    counts = {code: 19 for code in period_data.communes["code"]}
    _fill(path, counts)
    table = read_annex(path, period_data)
    assert table["met"].all() and set(table["criterion"]) == {f"C{i:02d}" for i in range(1, 20)}


# --------------------------------------------------------------------------- round trip


@pytest.mark.heavy
def test_filled_annex_makes_the_communes_exact(annexed):
    data_dir, counts = annexed
    data = load_period(PERIOD, data_dir)
    communes = data.communes.set_index("code")
    assert (communes["criteria_min"] == communes["criteria_max"]).all()
    assert communes["criteria_min"].to_dict() == counts
    assert (communes["provenance"] == "reported").all()
    assert (communes["note"] == "annex PL03").all()
    assert len(data.commune_criteria) == 85 * 19
    assert data.commune_criteria["met"].notna().all()
    assert f"periods/{PERIOD}/{ANNEX_FILE}" in data.checksums
    # the other columns are kept
    shipped = load_period(PERIOD).communes.set_index("code")
    assert communes["ntm_status"].equals(shipped["ntm_status"])
    # a consistent annex raises no table finding
    assert not [f for f in check_period(data) if f.check == "table"]


@pytest.mark.heavy
def test_partly_reported_commune_gets_a_tighter_interval(annexed):
    data_dir, counts = annexed
    shipped = load_period(PERIOD).communes
    code = sorted(shipped.loc[shipped["criteria_min"] == 10, "code"])[0]
    # 12 criteria met, the last 5 blank: [12, 17] within the shipped [10, 19]
    _fill(_annex_path(data_dir), {**counts, code: 12}, blanks={code: 5})
    data = load_period(PERIOD, data_dir, with_baseline=False)
    row = data.communes.set_index("code").loc[code]
    assert (row["criteria_min"], row["criteria_max"]) == (12, 17)
    assert row["provenance"] == "derived" and "5 of 19 not reported" in row["note"]
    cells = data.commune_criteria.query("code == @code")
    assert int(cells["met"].isna().sum()) == 5


def test_apply_annex_keeps_unreported_and_other_columns():
    communes = pd.DataFrame(
        {
            "code": ["00001", "00002", "00003"],
            "criteria_min": [10, 13, 19],
            "criteria_max": [19, 18, 19],
            "provenance": ["derived"] * 3,
            "note": ["a", "b", "c"],
            "ntm_status": ["unknown", "not_recognised", "recognised"],
        }
    )
    rows = []
    for code, mets in (
        ("00001", [True] * 3 + [None] * 16),
        ("00002", [True] * 2 + [False] * 1),  # 3 reported: [2, 18] ∩ [13, 18]
        ("00003", [None] * 19),  # nothing reported: untouched
    ):
        rows += [(code, f"C{i + 1:02d}", m) for i, m in enumerate(mets)]
    annex = pd.DataFrame(rows, columns=["code", "criterion", "met"])
    annex["met"] = annex["met"].astype("boolean")
    out = apply_annex(communes, annex, top=19)
    assert out["criteria_min"].tolist() == [10, 13, 19]
    assert out["criteria_max"].tolist() == [19, 18, 19]
    assert out["provenance"].tolist() == ["derived", "derived", "derived"]
    assert out["note"].iloc[2] == "c"
    assert out["ntm_status"].tolist() == communes["ntm_status"].tolist()
    # a full row contradicting the interval is taken from the annex and says so
    full = pd.DataFrame({"code": "00003", "criterion": [f"C{i:02d}" for i in range(1, 20)]})
    full["met"] = pd.array([True] * 17 + [False] * 2, dtype="boolean")
    out = apply_annex(communes, full, top=19)
    assert out.loc[2, ["criteria_min", "criteria_max"]].tolist() == [17, 17]
    assert out.loc[2, "provenance"] == "reported" and "contradicts 19" in out.loc[2, "note"]


@pytest.mark.heavy
def test_annex_contradicting_the_bands_gives_table_findings(data_copy, capsys):
    data = load_period(PERIOD, data_copy)
    path = write_template(_annex_path(data_copy), data)
    _fill(path, {code: 19 for code in data.communes["code"]})  # 85 at 19, the report says 72
    code, out, err = _validate(data_copy, capsys, "--json")
    assert code == 0, err
    findings = json.loads(out)["findings"]
    table = [f for f in findings if f["check"] == "table" and f["severity"] == "error"]
    ids = {f["id"] for f in table}
    assert "table:communes_table_19:84" in ids
    assert "table:communes_table_below_19:84" in ids


# --------------------------------------------------------------------------- bad input


def _edit(path: Path, change) -> None:
    book = load_workbook(path)
    change(book[SHEET])
    book.save(path)


def _template_in(data_copy: Path) -> Path:
    return write_template(_annex_path(data_copy), load_period(PERIOD, data_copy))


def _expect_exit_2(data_copy: Path, capsys, *fragments: str) -> str:
    code, _, err = _validate(data_copy, capsys, "--lang", "en")
    assert code == 2, err
    assert ANNEX_FILE in err and "Traceback" not in err
    for fragment in fragments:
        assert fragment in err, err
    return err


@pytest.mark.heavy
def test_a_2_in_a_criterion_cell_names_the_cell(data_copy, capsys):
    path = _template_in(data_copy)
    _edit(path, lambda s: s.__setitem__("F12", 2))
    err = _expect_exit_2(data_copy, capsys, "row 12", "PL03!F12", "C02", "1 (met), 0 (not met)")
    assert "2" in err


@pytest.mark.heavy
def test_x_in_a_criterion_cell_is_refused_with_a_hint(data_copy, capsys):
    path = _template_in(data_copy)
    _edit(path, lambda s: s.__setitem__("G9", "x"))
    _expect_exit_2(data_copy, capsys, "PL03!G9", "'x' is not allowed")


@pytest.mark.heavy
def test_unknown_commune_code(data_copy, capsys):
    path = _template_in(data_copy)
    _edit(path, lambda s: s.__setitem__("B12", "99999"))
    _expect_exit_2(data_copy, capsys, "PL03!B12", "'99999' is not a commune")


@pytest.mark.heavy
def test_ward_code_is_not_a_commune(data_copy, capsys):
    path = _template_in(data_copy)
    _edit(path, lambda s: s.__setitem__("B12", "29236"))  # Phường 4
    _expect_exit_2(data_copy, capsys, "PL03!B12", "phuong")


@pytest.mark.heavy
def test_duplicate_commune(data_copy, capsys):
    path = _template_in(data_copy)

    def duplicate(sheet) -> None:
        sheet["B13"], sheet["C13"], sheet["D13"] = (
            sheet["B12"].value,
            sheet["C12"].value,
            sheet["D12"].value,
        )

    _edit(path, duplicate)
    _expect_exit_2(data_copy, capsys, "PL03!B13", "appears twice", "PL03!B12")


@pytest.mark.heavy
def test_wrong_name_for_code(data_copy, capsys):
    path = _template_in(data_copy)
    _edit(path, lambda s: s.__setitem__("C12", s["C13"].value))
    _expect_exit_2(data_copy, capsys, "PL03!C12")


@pytest.mark.heavy
def test_loose_name_is_recorded(data_copy):
    path = _template_in(data_copy)
    book = load_workbook(path)
    sheet = book[SHEET]
    # 29431 is "Vinh Kim" in the lists (the source's spelling, SOURCES.yml): "Vĩnh Kim" is loose
    row = next(r for r in range(FIRST_ROW, 93) if sheet.cell(r, 3).value == "Vinh Kim")
    sheet.cell(row, 3, "Vĩnh Kim")
    book.save(path)
    data = load_period(PERIOD, data_copy, with_baseline=False)
    hits = [m for m in data.loose_matches if m.path.endswith(ANNEX_FILE)]
    assert [(m.written, m.row) for m in hits] == [("Vĩnh Kim", row)]


@pytest.mark.heavy
def test_missing_criterion_column(data_copy, capsys):
    path = _template_in(data_copy)
    _edit(path, lambda s: s.delete_cols(FIRST_COL + 5))  # 6. Cơ sở vật chất văn hóa
    _expect_exit_2(data_copy, capsys, "row 7", "PL03!A7:", "missing criterion column", "C06")


@pytest.mark.heavy
def test_renumbered_criterion_header(data_copy, capsys):
    path = _template_in(data_copy)
    _edit(path, lambda s: s.__setitem__("F7", "3. Giao thông"))
    _expect_exit_2(data_copy, capsys, "PL03!F7", "criterion 3")


@pytest.mark.heavy
def test_annex_of_another_period(data_copy, capsys):
    path = _template_in(data_copy)
    _edit(path, lambda s: s.__setitem__("C3", "2021-06"))
    _expect_exit_2(data_copy, capsys, "PL03!C3", "2021-06")


def test_text_file_renamed_xlsx(data_copy, capsys):
    _annex_path(data_copy).write_text("code,C01\n29263,1\n", encoding="utf-8")
    _expect_exit_2(data_copy, capsys, "not a readable Excel workbook")


def test_read_annex_raises_input_error(period_data, tmp_path):
    path = write_template(tmp_path / "t.xlsx", period_data)
    _edit(path, lambda s: s.__setitem__("E8", "đạt"))
    with pytest.raises(InputError) as caught:
        read_annex(path, period_data)
    assert caught.value.row == 8 and caught.value.column == "PL03!E8"


# --------------------------------------------------------------------------- the command


@pytest.mark.heavy
def test_template_command_writes_and_refuses_to_overwrite(data_dir, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["template", "--period", PERIOD, "--data-dir", str(data_dir)]) == 0
    default = tmp_path / f"annex_pl03_{PERIOD}.xlsx"
    assert default.is_file()
    assert ANNEX_FILE in capsys.readouterr().out
    before = default.read_bytes()
    assert main(["template", "--period", PERIOD, "--data-dir", str(data_dir)]) == 2
    err = capsys.readouterr().err
    assert "tệp đã có" in err and "--force" in err and "Traceback" not in err
    assert default.read_bytes() == before
    argv = ["template", "--period", PERIOD, "--data-dir", str(data_dir), "--lang", "en"]
    assert main([*argv, "--output", "en.xlsx", "--force"]) == 0
    assert load_workbook(tmp_path / "en.xlsx")[SHEET]["B7"].value == "Commune code"
    assert main([*argv, "--output", str(default), "--force"]) == 0
    assert load_workbook(default)[SHEET]["B7"].value == "Commune code"


@pytest.mark.heavy
def test_template_command_bad_period_exits_2(data_dir, tmp_path, capsys):
    out = tmp_path / "x.xlsx"
    argv = ["template", "--period", "2030-01", "--data-dir", str(data_dir), "--output", str(out)]
    assert main(argv) == 2
    assert "Traceback" not in capsys.readouterr().err
    assert not out.exists()
    assert main(["template", "--period", PERIOD, "--output", str(tmp_path / "no" / "x.xlsx")]) == 2


def test_written_column_letters_match_the_criteria(period_data, tmp_path):
    path = write_template(tmp_path / "t.xlsx", period_data)
    table = read_annex(path, period_data)
    first = table[table["source_line"] == FIRST_ROW]
    expected = [f"{get_column_letter(FIRST_COL + i)}{FIRST_ROW}" for i in range(CRITERIA)]
    assert first["cell"].tolist() == expected


@pytest.mark.heavy
def test_annex_feeds_the_heatmap_and_the_criteria_gaps(annexed) -> None:
    from ntm_analysis.report.charts import plot_commune_criteria
    from ntm_analysis.report.sections.c import criteria_gaps

    data_dir, _ = annexed
    data = load_period(PERIOD, data_dir)
    fig = plot_commune_criteria(data, "vi")
    assert fig is not None and fig.axes[0].get_title() == "Tiêu chí xã theo từng xã"
    gaps = criteria_gaps(data, "en")
    assert "Communes missing (annex)" in gaps.columns
    assert plot_commune_criteria(load_period(PERIOD), "vi") is None  # no annex shipped
