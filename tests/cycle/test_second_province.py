"""Two provinces in one data folder: a second province's period scaffolds, takes a workbook,
imports and renders beside the first province's without touching it (issue 17, point 11)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from openpyxl import load_workbook

from ntm_analysis import load_period
from ntm_analysis.cli import main
from ntm_analysis.cycle.reader import header_keys

pytestmark = pytest.mark.slow  # a workbook, an import and a page rendered

OTHER, PERIOD = "86", "2021-06"


def _hashes(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _type_communes_total(path: Path, value: int) -> None:
    book = load_workbook(path)
    for sheet in book.worksheets:
        found = header_keys(sheet)
        if found is None or not {"indicator", "value"} <= set(found[1]):
            continue
        header, keys = found
        for row in range(header + 1, sheet.max_row + 1):
            if sheet.cell(row, keys["indicator"]).value == "communes_total":
                sheet.cell(row, keys["value"], value)
                book.save(path)
                return
    raise AssertionError("communes_total is not asked")


def test_a_second_province_beside_the_first(data_copy, tmp_path, capsys):
    data = ["--data-dir", str(data_copy)]
    first = data_copy / "periods"
    before = _hashes(first)
    assert main(["new-period", "--period", PERIOD, "--province", OTHER, *data]) == 0
    path = tmp_path / f"nhap_{PERIOD}_{OTHER}.xlsx"
    scope = ["--period", PERIOD, "--province", OTHER]
    assert main(["workbook", *scope, "--output", str(path), *data]) == 0
    _type_communes_total(path, 87)
    assert main(["import", *scope, str(path), *data]) == 0
    capsys.readouterr()

    other = load_period(PERIOD, data_copy, province=OTHER)
    assert other.province == OTHER and other.value("communes_total") == 87
    assert other.folder is not None and other.folder.parent.name == OTHER
    after = {k: v for k, v in _hashes(first).items() if not k.startswith(f"{OTHER}/")}
    assert after == before  # the first province's periods untouched
    assert load_period("2021-09", data_copy).province != OTHER  # --period alone still works

    out = tmp_path / "outputs"
    run = ["run", *scope, "--only", "02", "--output-dir", str(out), *data]
    assert main(run) == 0, capsys.readouterr()
    pages = list(out.rglob("02_*.html"))
    assert pages and OTHER in {p.parent.parent.name for p in pages} | {p.parent.name for p in pages}
    assert "Vĩnh Long" in pages[0].read_text(encoding="utf-8")
