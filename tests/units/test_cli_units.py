"""`ntm-report units`: a version's units, a period's units with the units they became."""

from __future__ import annotations

import json

from ntm_analysis.cli import main


def _run(capsys, *argv):
    """Run `ntm-report units`, in Vietnamese unless the arguments say otherwise."""
    lang = [] if "--lang" in argv else ["--lang", "vi"]
    code = main(["units", *argv, *lang])
    out, err = capsys.readouterr()
    return code, out, err


def test_period_to_2025_json_contract(capsys, data_dir):
    code, out, _ = _run(
        capsys, "--period", "2021-09", "--to", "2025-07-01", "--json", "--data-dir", str(data_dir)
    )
    assert code == 0
    units = json.loads(out)["units"]
    assert len(units) == 106
    for unit in units:
        assert set(unit) == {"code", "name", "type", "province", "district", "to"}
        assert unit["province"] == "84" and len(unit["district"]) == 3
        assert unit["to"] and all(set(t) == {"code", "name", "province"} for t in unit["to"])
        assert {t["province"] for t in unit["to"]} == {"86"}


def test_period_to_2025_plain_text_is_vietnamese_with_names_in_words(capsys, data_dir):
    code, out, _ = _run(
        capsys, "--period", "2021-09", "--to", "2025-07-01", "--data-dir", str(data_dir)
    )
    assert code == 0
    assert "tỉnh Trà Vinh" in out and "huyện Càng Long" in out
    assert "tỉnh Vĩnh Long" in out and "sáp nhập" in out
    english = _run(
        capsys,
        "--period",
        "2021-09",
        "--to",
        "2025-07-01",
        "--lang",
        "en",
        "--data-dir",
        str(data_dir),
    )[1]
    assert "Vĩnh Long province" in english and "merged" in english


def test_date_lists_a_version_of_one_province(capsys, data_dir):
    code, out, _ = _run(
        capsys, "--date", "2021", "--province", "84", "--json", "--data-dir", str(data_dir)
    )
    assert code == 0
    payload = json.loads(out)
    assert len(payload["units"]) == 106
    assert all(unit["to"] == [] for unit in payload["units"])


def test_date_of_the_two_level_version_has_no_district(capsys, data_dir):
    code, out, _ = _run(
        capsys, "--date", "2025-07-01", "--province", "86", "--json", "--data-dir", str(data_dir)
    )
    assert code == 0
    units = json.loads(out)["units"]
    assert len(units) > 100 and all(unit["district"] is None for unit in units)


def test_bad_arguments_exit_2(capsys, data_dir):
    assert _run(capsys, "--date", "1999", "--data-dir", str(data_dir))[0] == 2
    assert _run(capsys, "--date", "2021", "--province", "99", "--data-dir", str(data_dir))[0] == 2
    # with --period, --province chooses the province's period (a folder of several provinces)
    code, _, err = _run(
        capsys, "--period", "2021-09", "--province", "85", "--data-dir", str(data_dir)
    )
    assert code == 2 and "không có dữ liệu của kỳ 2021-09 của tỉnh có mã 85" in err
    assert (
        _run(capsys, "--period", "2021-09", "--province", "84", "--data-dir", str(data_dir))[0] == 0
    )
    try:
        code = main(["units"])
    except SystemExit as exc:
        code = exc.code
    assert code == 2


def test_a_period_naming_the_two_level_version_lists_its_units(capsys, data_copy):
    meta = data_copy / "periods" / "2021-09" / "period.yml"
    text = meta.read_text(encoding="utf-8").replace('province: "84"', 'province: "86"')
    meta.write_text(text + 'admin_units: "2025-07-01"\n', encoding="utf-8")
    code, out, _ = _run(capsys, "--period", "2021-09", "--json", "--data-dir", str(data_copy))
    assert code == 0
    units = json.loads(out)["units"]
    assert {u["province"] for u in units} == {"86"}
    assert all(u["district"] is None for u in units)
    code, out, _ = _run(capsys, "--period", "2021-09", "--data-dir", str(data_copy))
    assert code == 0 and "tỉnh Vĩnh Long" in out and "huyện" not in out


def test_a_period_naming_an_unknown_version_exits_2(capsys, data_copy):
    meta = data_copy / "periods" / "2021-09" / "period.yml"
    meta.write_text(meta.read_text(encoding="utf-8") + 'admin_units: "1999"\n', encoding="utf-8")
    code, _, err = _run(capsys, "--period", "2021-09", "--data-dir", str(data_copy))
    assert code == 2 and "không có phiên bản đơn vị hành chính" in err
