"""The cycle's subcommands: arguments, default names, refusals (exit 2, one message)."""

from __future__ import annotations

import pytest

from ntm_analysis.cli import main


def _run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_new_period_needs_from_or_province(data_copy, capsys) -> None:
    code, _, err = _run(capsys, "new-period", "--period", "2021-12", "--data-dir", str(data_copy))
    assert code == 2 and "--from" in err and "--province" in err
    assert not (data_copy / "periods" / "2021-12").exists()


@pytest.mark.heavy
def test_workbook_default_name_and_no_overwrite(data_copy, capsys, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert (
        main(
            ["new-period", "--period", "2021-12", "--from", "2021-09", "--data-dir", str(data_copy)]
        )
        == 0
    )
    args = ["workbook", "--period", "2021-12", "--district", "847", "--data-dir", str(data_copy)]
    code, out, _ = _run(capsys, *args)
    assert code == 0 and (tmp_path / "nhap_2021-12_847.xlsx").is_file()
    assert "13 xã" in out
    code, _, err = _run(capsys, *args)
    assert code == 2 and "tệp đã có" in err
    code, _, err = _run(
        capsys,
        "workbook",
        "--period",
        "2021-12",
        "--district",
        "999",
        "--output",
        "x.xlsx",
        "--data-dir",
        str(data_copy),
    )
    assert code == 2 and "không có huyện mã '999'" in err


@pytest.mark.heavy
def test_import_refusals(data_copy, capsys, tmp_path) -> None:
    code, _, err = _run(
        capsys,
        "import",
        "--period",
        "2021-12",
        str(tmp_path / "a.xlsx"),
        "--data-dir",
        str(data_copy),
    )
    assert code == 2 and "không có dữ liệu của kỳ 2021-12" in err
    code, _, err = _run(
        capsys,
        "import",
        "--period",
        "2021-09",
        str(tmp_path / "a.xlsx"),
        "--data-dir",
        str(data_copy),
    )
    assert code == 2 and "a.xlsx: không tìm thấy tệp" in err  # an imported period takes more
    assert (
        main(
            ["new-period", "--period", "2021-12", "--from", "2021-09", "--data-dir", str(data_copy)]
        )
        == 0
    )
    (tmp_path / "a.xlsx").write_text("not a workbook")
    code, _, err = _run(
        capsys,
        "import",
        "--period",
        "2021-12",
        str(tmp_path / "a.xlsx"),
        "--data-dir",
        str(data_copy),
    )
    assert code == 2 and "không đọc được tệp Excel" in err
    assert not (data_copy / "periods" / "2021-12" / "indicators.csv").exists()


@pytest.mark.heavy
def test_an_input_workbook_beyond_the_limits_is_refused_before_openpyxl(
    data_copy, capsys, tmp_path, monkeypatch
) -> None:
    """Import opens workbooks through dataset/excel.py, within the annex's limits."""
    from ntm_analysis.dataset import limits

    args = ["--period", "2021-12", "--data-dir", str(data_copy)]
    assert main(["new-period", "--from", "2021-09", *args]) == 0
    book = tmp_path / "w.xlsx"
    assert main(["workbook", "--output", str(book), *args]) == 0
    monkeypatch.setattr(limits, "WORKBOOK_MAX_ROWS", 50)

    def no_openpyxl(*args, **kwargs):
        raise AssertionError("openpyxl was reached")

    monkeypatch.setattr("ntm_analysis.dataset.excel.load_workbook", no_openpyxl)
    monkeypatch.setenv("NTM_LANG", "en")  # the message in English (Vietnamese by default)
    capsys.readouterr()
    code, _, err = _run(capsys, "import", str(book), *args)
    assert code == 2 and "rows, over the limit of 50" in err and "w.xlsx" in err
    assert "one row per figure, commune, district or list item" in err  # the workbook's words
    assert not (data_copy / "periods" / "2021-12" / "indicators.csv").exists()


@pytest.mark.heavy
def test_a_workbook_of_another_period_is_refused(data_copy, capsys, tmp_path) -> None:
    for period in ("2021-12", "2022-03"):
        assert (
            main(
                [
                    "new-period",
                    "--period",
                    period,
                    "--from",
                    "2021-09",
                    "--data-dir",
                    str(data_copy),
                ]
            )
            == 0
        )
    path = tmp_path / "w.xlsx"
    assert (
        main(
            ["workbook", "--period", "2021-12", "--output", str(path), "--data-dir", str(data_copy)]
        )
        == 0
    )
    capsys.readouterr()
    code, _, err = _run(
        capsys, "import", "--period", "2022-03", str(path), "--data-dir", str(data_copy)
    )
    said = "biểu nhập của kỳ Năm 2021 (2021-12), không phải của kỳ 3 tháng đầu năm 2022 (2022-03)"
    assert code == 2 and said in err and "meta" not in err  # no hidden sheet named
