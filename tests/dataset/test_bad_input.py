"""Unusable input gives exit 2 and one message naming the file, row and column."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from ntm_analysis.cli import main

PERIOD = "2021-09"


def _validate(data_dir: Path, capsys) -> tuple[int, str]:
    code = main(["validate", "--period", PERIOD, "--data-dir", str(data_dir), "--lang", "en"])
    err = capsys.readouterr().err
    return code, err


def _indicators(data_dir: Path) -> Path:
    return data_dir / "periods" / PERIOD / "indicators.csv"


def _replace_line(path: Path, line_no: int, transform) -> str:
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[line_no - 1] = transform(lines[line_no - 1])
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return lines[line_no - 1]


def _set_field(path: Path, line_no: int, column: str, value: str) -> None:
    """Put `value` into `column` of line `line_no` (1 = header) of a simple CSV file."""
    col = path.read_text(encoding="utf-8").splitlines()[0].split(",").index(column)

    def corrupt(line: str) -> str:
        fields = line.split(",")
        fields[col] = value
        return ",".join(fields)

    _replace_line(path, line_no, corrupt)


def test_shipped_period_is_valid(data_dir, capsys):
    code, err = _validate(data_dir, capsys)
    assert code == 0, err


def test_text_in_number_column(data_copy, capsys):
    _set_field(_indicators(data_copy), 2, "value", "nhiều")
    code, err = _validate(data_copy, capsys)
    assert code == 2
    assert "indicators.csv" in err and "row 2" in err and "column 'value'" in err
    assert "Traceback" not in err


def test_vietnamese_decimal_in_value_column_is_explained(data_copy, capsys):
    _set_field(_indicators(data_copy), 3, "value", '"5.214.624,5"')
    code, err = _validate(data_copy, capsys)
    assert code == 2
    assert "row 3" in err and "as_written" in err


def test_duplicate_key(data_copy, capsys):
    path = _indicators(data_copy)
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([*lines, lines[1]]) + "\n", encoding="utf-8")
    code, err = _validate(data_copy, capsys)
    assert code == 2
    assert "duplicate" in err and "indicators.csv" in err


def test_unknown_indicator_lists_nearest(data_copy, capsys):
    path = _indicators(data_copy)
    original = path.read_text(encoding="utf-8").splitlines()[1].split(",")[0]
    _replace_line(path, 2, lambda line: line.replace(original, original + "x", 1))
    code, err = _validate(data_copy, capsys)
    assert code == 2
    assert f"unknown indicator '{original}x'" in err and original in err.split("nearest:")[1]


def test_unknown_area_code(data_copy, capsys):
    _set_field(_indicators(data_copy), 2, "area", "99999")
    code, err = _validate(data_copy, capsys)
    assert code == 2 and "row 2" in err and "'area'" in err


def test_unknown_commune_name(data_copy, capsys):
    path = data_copy / "periods" / PERIOD / "communes.csv"
    _replace_line(path, 2, lambda line: line.replace("Long Đức", "Long Đực Xyz"))
    code, err = _validate(data_copy, capsys)
    assert code == 2
    assert "communes.csv" in err and "row 2" in err and "Long Đức" in err  # nearest candidate


def test_wrong_encoding(data_copy, capsys):
    path = data_copy / "periods" / PERIOD / "communes.csv"
    text = path.read_text(encoding="utf-8")
    path.write_bytes(text.encode("cp1258", errors="replace"))
    code, err = _validate(data_copy, capsys)
    assert code == 2
    assert "communes.csv" in err and "not UTF-8" in err and "row" in err


@pytest.mark.heavy
def test_utf16_with_bom_is_read(data_copy, capsys):
    path = data_copy / "periods" / PERIOD / "communes.csv"
    text = path.read_text(encoding="utf-8")
    path.write_bytes(codecs.BOM_UTF16_LE + text.encode("utf-16-le"))
    code, err = _validate(data_copy, capsys)
    assert code == 0, err


@pytest.mark.heavy
def test_utf8_bom_and_nfd_are_read(data_copy, capsys):
    import unicodedata

    path = data_copy / "periods" / PERIOD / "communes.csv"
    text = unicodedata.normalize("NFD", path.read_text(encoding="utf-8"))
    path.write_bytes(codecs.BOM_UTF8 + text.encode("utf-8"))
    code, err = _validate(data_copy, capsys)
    assert code == 0, err


@pytest.mark.parametrize("content", ["", "code,district_code,name,criteria_min,criteria_max\n"])
def test_empty_file_and_header_only(data_copy, capsys, content):
    path = data_copy / "periods" / PERIOD / "communes.csv"
    path.write_text(content, encoding="utf-8")
    code, err = _validate(data_copy, capsys)
    assert code == 2 and "communes.csv" in err


@pytest.mark.heavy
def test_missing_column(data_copy, capsys):
    path = data_copy / "periods" / PERIOD / "communes.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines = [",".join(line.split(",")[:3]) for line in lines]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, err = _validate(data_copy, capsys)
    assert code == 2 and "missing column" in err and "row 1" in err


def test_binary_garbage(data_copy, capsys):
    (data_copy / "periods" / PERIOD / "lists.csv").write_bytes(bytes(range(256)) * 4)
    code, err = _validate(data_copy, capsys)
    assert code == 2 and "lists.csv" in err


def test_criteria_out_of_range(data_copy, capsys):
    path = data_copy / "periods" / PERIOD / "communes.csv"
    _replace_line(path, 2, lambda line: line.replace(",19,19,", ",19,20,", 1))
    code, err = _validate(data_copy, capsys)
    assert code == 2 and "criteria_max" in err and "0 to 19" in err


@pytest.mark.parametrize("period", ["../x", "2021-13", "21-09", "2021-9"])
def test_invalid_period(data_dir, capsys, period):
    code = main(["validate", "--period", period, "--data-dir", str(data_dir)])
    err = capsys.readouterr().err
    assert code == 2 and "kỳ báo cáo không hợp lệ" in err  # Vietnamese unless --lang en


def test_missing_period_folder_names_known_ones(data_dir, capsys):
    code = main(["validate", "--period", "2030-12", "--data-dir", str(data_dir)])
    err = capsys.readouterr().err
    assert code == 2 and "không có dữ liệu của kỳ 2030-12" in err and "2021-09" in err


def test_target_naming_unknown_indicator(data_copy, capsys):
    path = data_copy / "targets" / "2021.yml"
    text = path.read_text(encoding="utf-8")
    import yaml

    first = yaml.safe_load(text)["targets"][0]["indicator"]
    path.write_text(
        text.replace(f"indicator: {first}", "indicator: no_such_thing", 1), encoding="utf-8"
    )
    code, err = _validate(data_copy, capsys)
    assert code == 2 and "2021.yml" in err and "no_such_thing" in err


# --------------------------------------------------------------------------- YAML files


def test_yaml_syntax_error_names_line(data_copy, capsys):
    path = data_copy / "reference" / "indicators.yml"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[30] = lines[30] + ": : ["
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, err = _validate(data_copy, capsys)
    assert code == 2 and "indicators.yml" in err and "YAML syntax error" in err and "row" in err


def test_period_yml_without_criteria_set(data_copy, capsys):
    path = data_copy / "periods" / PERIOD / "period.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('criteria_set: "2016-2020"', "# no criteria set"), "utf-8")
    code, err = _validate(data_copy, capsys)
    assert code == 2 and "period.yml" in err and "criteria_set" in err


def test_unknown_criteria_set_lists_known_ones(data_copy, capsys):
    path = data_copy / "periods" / PERIOD / "period.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('criteria_set: "2016-2020"', 'criteria_set: "2099"'), "utf-8")
    code, err = _validate(data_copy, capsys)
    assert code == 2 and "unknown criteria set '2099'" in err and "2016-2020" in err


def test_target_with_invalid_direction(data_copy, capsys):
    path = data_copy / "targets" / "2021.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("direction: at_least", "direction: upwards", 1), "utf-8")
    code, err = _validate(data_copy, capsys)
    assert code == 2 and "2021.yml" in err and "upwards" in err and "at_least" in err


def test_relation_naming_unknown_indicator(data_copy, capsys):
    path = data_copy / "reference" / "indicators.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("numerator: communes_19_criteria", "numerator: nope", 1), "utf-8")
    code, err = _validate(data_copy, capsys)
    assert code == 2 and "indicators.yml" in err and "'nope'" in err


def test_corrections_file_with_bad_value(data_copy, capsys):
    path = data_copy / "periods" / PERIOD / "corrections.yml"
    path.write_text(
        "corrections:\n  - {indicator: edu86_students, area: '84', value: many, expect: '10.513',"
        " reason: typo}\n",
        encoding="utf-8",
    )
    code, err = _validate(data_copy, capsys)
    assert code == 2 and "corrections.yml" in err and "'many' is not a number" in err


# --------------------------------------------------------------------------- odd but valid


@pytest.mark.heavy
def test_negative_count_and_numerator_above_denominator_are_findings(data_copy, capsys):
    """Values that parse but cannot be true are reported by validate as errors, not dropped."""
    import json

    path = _indicators(data_copy)
    text = path.read_text(encoding="utf-8")
    text = text.replace("communes_10_14_criteria,84,6,06,", "communes_10_14_criteria,84,-6,-6,")
    text = text.replace("communes_19_criteria,84,72,72,", "communes_19_criteria,84,90,90,")
    path.write_text(text, encoding="utf-8")
    code = main(["validate", "--period", PERIOD, "--data-dir", str(data_copy), "--json"])
    findings = json.loads(capsys.readouterr().out)["findings"]
    assert code == 0
    ids = {f["id"] for f in findings if f["severity"] == "error"}
    assert "range:communes_10_14_criteria:84" in ids  # negative count
    assert "range:share_communes_19:84" in ids  # 90 of 85 communes
