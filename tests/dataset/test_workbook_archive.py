"""An .xlsx file is checked as a zip archive before openpyxl reads it (issue 20, part 1).

Each hostile workbook is refused with an InputError naming the file and what passed the limit,
and openpyxl is never reached for what the archive check refuses. The full-size cases (a 1 GB
comment, 90 MB of unknown elements …) are timed by `bench/stress.py`; here the limits are
lowered instead, so each case stays small.
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.styles import Font

from ntm_analysis.dataset import excel, limits
from ntm_analysis.dataset.excel import ANNEX, WORKBOOK, open_workbook
from ntm_analysis.dataset.workbook_archive import (
    PartScan,
    Tally,
    cell_position,
    check_archive,
    reference,
)
from ntm_analysis.errors import InputError

BOMB = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><workbook>&lol2;</workbook>'
)
MAIN = b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


@pytest.fixture
def book(tmp_path: Path) -> Path:
    """A small valid workbook (two sheets) written by openpyxl."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "PL03"
    for row in range(1, 6):
        for column in range(1, 4):
            sheet.cell(row, column, row * column)
    sheet["A1"].font = Font(bold=True)  # a style the cells refer to (xl/styles.xml)
    workbook.create_sheet("meta")["A1"] = "x"
    path = tmp_path / "book.xlsx"
    workbook.save(path)
    return path


def rewrite(
    path: Path,
    replace: dict[str, bytes] | None = None,
    drop: tuple[str, ...] = (),
    add: dict[str, bytes] | None = None,
    stored: tuple[str, ...] = (),
) -> Path:
    """A copy of `path` with parts replaced, dropped or added (`stored`: not compressed)."""
    out = path.with_name("changed.xlsx")
    parts = {}
    with zipfile.ZipFile(path) as source:
        for name in source.namelist():
            if name not in drop:
                parts[name] = (replace or {}).get(name, source.read(name))
    parts.update(add or {})
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            info = zipfile.ZipInfo(name)
            info.compress_type = zipfile.ZIP_STORED if name in stored else zipfile.ZIP_DEFLATED
            target.writestr(info, data)
    return out


def refused(path: Path, monkeypatch, *needles: str, before_openpyxl: bool = True) -> str:
    """The English message of the refusal of `path`; openpyxl must not be reached when
    `before_openpyxl`."""
    if before_openpyxl:

        def no_openpyxl(*args, **kwargs):
            raise AssertionError("openpyxl was reached")

        monkeypatch.setattr(excel, "load_workbook", no_openpyxl)
    with pytest.raises(InputError) as caught:
        open_workbook(path, WORKBOOK)
    message = caught.value.render("en")
    assert str(path) in message
    for needle in needles:
        assert needle in message, (needle, message)
    return message


def test_a_valid_workbook_passes(book):
    tally = check_archive(book, WORKBOOK)
    assert tally.cells == 16 and tally.sheets and tally.elements > 16
    assert open_workbook(book, WORKBOOK)["PL03"]["C5"].value == 15


@pytest.mark.parametrize("part", ["xl/workbook.xml", "xl/styles.xml", "[Content_Types].xml"])
def test_entities_are_refused_in_every_part(book, monkeypatch, part):
    refused(rewrite(book, {part: BOMB}), monkeypatch, part, "DTD")


@pytest.mark.parametrize("part", ["xl/workbook.xml", "xl/styles.xml", "[Content_Types].xml"])
def test_malformed_xml_is_refused_naming_the_part(book, monkeypatch, part):
    refused(rewrite(book, {part: b"<workbook><sheets>"}), monkeypatch, part, "not well-formed")


def test_a_missing_styles_part_is_unreadable_not_an_internal_error(book, monkeypatch):
    path = rewrite(book, drop=("xl/styles.xml",))
    refused(path, monkeypatch, "not a readable Excel workbook", before_openpyxl=False)


def test_a_corrupt_deflate_stream_is_refused(book, monkeypatch):
    data = bytearray(book.read_bytes())
    with zipfile.ZipFile(book) as archive:
        info = archive.getinfo("xl/worksheets/sheet1.xml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    for at in range(start + 2, start + 30):
        data[at] ^= 0x5A
    book.write_bytes(bytes(data))
    refused(book, monkeypatch, "not a readable Excel workbook")


def test_an_encrypted_part_is_refused(book, monkeypatch):
    data = bytearray(book.read_bytes())
    at = 0
    while (at := data.find(b"PK\x01\x02", at)) >= 0:  # the central directory's entries
        name_length = int.from_bytes(data[at + 28 : at + 30], "little")
        if data[at + 46 : at + 46 + name_length] == b"xl/workbook.xml":
            data[at + 8] |= 1  # general purpose flag: encrypted
        at += 4
    book.write_bytes(bytes(data))
    refused(book, monkeypatch, "xl/workbook.xml", "encrypted")


def test_every_part_has_a_size_limit(book, monkeypatch):
    monkeypatch.setattr(limits, "WORKBOOK_MAX_PART", 64 * 1024)
    path = rewrite(book, {"xl/theme/theme1.xml": b"<a>" + b"<!--" + b"x" * 70_000 + b"--></a>"})
    refused(path, monkeypatch, "xl/theme/theme1.xml", "over the limit of 0.1 MB")


def test_a_part_compressed_too_well_is_refused(book, monkeypatch):
    junk = b"<styleSheet " + MAIN + b">" + b"<x/>" * 300_000 + b"</styleSheet>"
    refused(rewrite(book, {"xl/styles.xml": junk}), monkeypatch, "xl/styles.xml", ":1")


def test_elements_are_counted_in_every_part(book, monkeypatch):
    monkeypatch.setattr(limits, "WORKBOOK_MAX_ELEMENTS", 5_000)
    junk = b"<styleSheet " + MAIN + b">" + b"<x/>" * 6_000 + b"</styleSheet>"
    path = rewrite(book, {"xl/styles.xml": junk}, stored=("xl/styles.xml",))
    refused(path, monkeypatch, "5000 XML elements")


def test_a_sheet_under_another_name_is_counted(book, monkeypatch):
    monkeypatch.setattr(limits, "WORKBOOK_MAX_CELLS", 1_000)
    rows = b"".join(b"<row>" + b"<c><v>1</v></c>" * 20 + b"</row>" for _ in range(60))
    sheet = b"<worksheet " + MAIN + b"><sheetData>" + rows + b"</sheetData></worksheet>"
    for name in ("xl/data/big.xml", "xl/data/big.dat"):
        refused(rewrite(book, add={name: sheet}), monkeypatch, "1000 cells")


def test_rows_and_far_cells_are_refused_by_their_position(book, monkeypatch):
    far = b"<worksheet " + MAIN + b'><sheetData><row r="1"><c r="A1048576"><v>1</v></c></row>'
    far += b"</sheetData></worksheet>"
    refused(rewrite(book, {"xl/worksheets/sheet1.xml": far}), monkeypatch, "PL03", "1,048,576 rows")
    wide = far.replace(b"A1048576", b"XFD1")
    refused(rewrite(book, {"xl/worksheets/sheet1.xml": wide}), monkeypatch, "16,384 columns")


@pytest.mark.parametrize("element", [b"mergeCell", b"hyperlink"])
def test_a_range_openpyxl_would_fill_cell_by_cell_is_refused(book, monkeypatch, element):
    sheet = b"<worksheet " + MAIN + b"><sheetData/><x><" + element + b' ref="A1:GR20000"/></x>'
    sheet += b"</worksheet>"
    refused(rewrite(book, {"xl/worksheets/sheet1.xml": sheet}), monkeypatch, "cells")


def test_a_vml_drawing_is_scanned_not_parsed(book, monkeypatch):
    loose = b"<xml><v:shape><br></xml>"  # as Excel writes it: not well-formed
    assert check_archive(rewrite(book, add={"xl/drawings/vmlDrawing1.vml": loose}), WORKBOOK)
    bomb = b"<xml><!DOCTYPE x [<!ENTITY a 'b'>]>&a;</xml>"
    path = rewrite(book, add={"xl/drawings/vmlDrawing1.vml": bomb})
    refused(path, monkeypatch, "vmlDrawing1.vml", "DTD")


def test_too_many_parts_are_refused(book, monkeypatch):
    monkeypatch.setattr(limits, "WORKBOOK_MAX_MEMBERS", 12)
    extra = {f"docProps/x{i}.bin": b"x" for i in range(12)}
    refused(rewrite(book, add=extra), monkeypatch, "parts")


def test_the_annex_kind_names_its_own_expectation(book, monkeypatch):
    monkeypatch.setattr(excel, "load_workbook", lambda *a, **k: None)
    with pytest.raises(InputError) as caught:
        open_workbook(rewrite(book, {"xl/styles.xml": BOMB}), ANNEX)
    assert "an .xlsx file saved by Excel or LibreOffice" in caught.value.render("en")


def test_references_are_read_as_excel_writes_them():
    assert cell_position("XFD1048576") == (1_048_576, 16_384)
    assert cell_position("A1") == (1, 1) and cell_position("1A") == (0, 0)
    assert reference("$B$12") == (12, 2) and reference("B") == (0, 2)
    assert reference("not a ref!") is None


# Pieces of a sheet: the scanner's counts must not depend on where a chunk ends.
_PIECES = st.lists(
    st.sampled_from(
        [b'<row r="3">', b"<c/>", b'<c r="B3"><v>1</v></c>', b"<x:c/>", b"ab", b"<!-- c -->"]
    ),
    max_size=40,
)


@settings(max_examples=40, deadline=None)
@given(_PIECES, st.integers(min_value=1, max_value=40))
def test_counts_do_not_depend_on_chunk_boundaries(pieces, chunk):
    body = b"".join(p if p != b'<row r="3">' else p + b"</row>" for p in pieces)
    text = b'<worksheet xmlns:x="urn:x">' + body + b"</worksheet>"
    tally = Tally()
    scan = PartScan(Path("t.xlsx"), WORKBOOK, "xl/worksheets/sheet1.xml", tally)
    stream = io.BytesIO(text)
    while data := stream.read(chunk):
        scan.feed(data)
    scan.feed(b"", final=True)
    tree = ET.fromstring(text)
    every = list(tree.iter())
    assert tally.elements == len(every)
    assert tally.cells == sum(1 for e in every if e.tag.rpartition("}")[2] == "c")
