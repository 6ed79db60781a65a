"""Issue 20's check: list items that a spreadsheet would compute are written as text cells."""

import pytest
from openpyxl import load_workbook

from ntm_analysis.cli import main

PERIOD = "2021-09"  # the shipped period (data/periods/2021-09)
PLANTED = ("=1+1", "@\tSUM(A1)", '=HYPERLINK("http://x.example")')


@pytest.mark.heavy  # a second or more
def test_list_items_that_look_like_formulas_are_written_as_text(data_copy, tmp_path) -> None:
    lists = data_copy / "periods" / PERIOD / "lists.csv"
    with open(lists, "a", encoding="utf-8", newline="") as handle:
        for i, text in enumerate(PLANTED):  # a named list of criteria (C01), as a user types it
            quoted = '"' + text.replace('"', '""') + '"'
            handle.write(f"planted_{i},84,C01,{quoted},d{i},A.II.1,\n")
    out = tmp_path / "next.xlsx"
    args = ["workbook", "--period", PERIOD, "--output", str(out), "--data-dir", str(data_copy)]
    assert main(args) == 0
    book = load_workbook(out)
    cells = [c for sheet in book.worksheets for row in sheet.iter_rows() for c in row]
    found = [c for c in cells if c.value in PLANTED]
    assert {c.value for c in found} == set(PLANTED)
    assert all(c.data_type == "s" for c in found), [(c.coordinate, c.data_type) for c in found]
