"""The report's outline (data/reference/sections.yml) and its model."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ntm_analysis.dataset.outline import format_number, load_outline
from ntm_analysis.errors import InputError

REFERENCE = Path(__file__).resolve().parents[2] / "data" / "reference"
NOTEBOOKS = REFERENCE.parents[1] / "notebooks"


@pytest.fixture(scope="module")
def outline():
    return load_outline(REFERENCE)


def _write(tmp_path: Path, text: str) -> Path:
    (tmp_path / "sections.yml").write_text(text, encoding="utf-8")
    return tmp_path


MINIMAL = """\
numbering: [letter, roman, arabic, dotted]
sections:
  - key: a
    title: {vi: "Phần A", en: "Part A"}
    sections:
      - key: a1
        title: {vi: "Mục một", en: "One"}
        notebook: 01_one.ipynb
      - key: a2
        title: {vi: "Mục hai", en: "Two"}
        notebook: 02_two.ipynb
"""


def test_shipped_outline_numbers_follow_the_source_report(outline):
    # numbers as the source report prints its headings (A., I., II., 3., 4.4.1.)
    assert outline.section("a").heading("vi") == "A. Kết quả thực hiện Chương trình"
    assert outline.section("a1").full_number == "A.I"
    assert outline.section("a2_3").full_number == "A.II.3"
    assert outline.section("a2_3").heading("vi") == "3. Kết quả huy động nguồn lực"
    assert outline.section("a2_4_4_1").number == "4.4.1"
    assert outline.section("a2_4_4_1").full_number == "A.II.4.4.1"
    assert outline.section("b").number == "B" and outline.section("c").number == "C"
    assert outline.section("overview").number == ""  # analyst pages are unnumbered


def test_every_page_notebook_exists_once(outline):
    names = [p.notebook for p in outline.pages]
    assert len(names) == len(set(names))
    on_disk = sorted(p.name for p in NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
    assert sorted(names) == on_disk


def test_pages_and_their_references(outline):
    page = outline.page("05")
    assert page.key == "a2_4_1"
    assert page.number() == "A.II.4.1–4.2"
    assert page.refs == ("A.II.4.1", "A.II.4.2")
    assert outline.page("a2_4_4").refs == ("A.II.4.4", "A.II.4.4.1", "A.II.4.4.2")
    assert outline.page_of("a2_4_4_credit").key == "a2_4_4"
    assert outline.section_of_ref("A.II.4.4.2").key == "a2_4_4_2"
    assert outline.section_of_ref("A.II.4.2").key == "a2_4_2"
    assert outline.section_of_ref("Z.9") is None


def test_block_titles(outline):
    entry = outline.section("a2_3")
    assert entry.block_title("table", "funding", "en") == "Resources by source"
    assert entry.block_title("chart", "funding_sources", "vi") == ""
    with pytest.raises(KeyError, match="no table 'nowhere'"):
        entry.block_title("table", "nowhere")


def test_reordering_renumbers(tmp_path):
    swapped = MINIMAL.replace("key: a1", "key: tmp").replace("key: a2", "key: a1")
    outline = load_outline(_write(tmp_path, swapped.replace("key: tmp", "key: a2")))
    assert [e.key for e in outline.entries] == ["a", "a2", "a1"]
    assert outline.section("a2").heading("en") == "I. One"
    assert outline.section("a1").heading("en") == "II. Two"


def test_an_explicit_number_wins(tmp_path):
    text = MINIMAL.replace('title: {vi: "Mục hai"', 'number: "IV"\n        title: {vi: "Mục hai"')
    outline = load_outline(_write(tmp_path, text))
    assert outline.section("a2").full_number == "A.IV"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("key: a2", "key: a1"), "declared twice"),
        (("notebook: 02_two.ipynb", "notebook: 01_one.ipynb\n        colour: red"), "colour"),
        (("notebook: 02_two.ipynb", "notebook: two.ipynb"), "expected form"),
        (('en: "Two"}', 'en: "Two"}\n        audience: analyst'), "analyst page"),
        (("numbering: [letter, roman, arabic, dotted]", "numbering: [letter]"), "depth 2"),
    ],
)
def test_bad_outlines_name_the_problem(tmp_path, change, message):
    with pytest.raises(InputError) as raised:
        load_outline(_write(tmp_path, MINIMAL.replace(*change)))
    assert re.search(message, raised.value.render("en"))
    assert "sections.yml" in str(raised.value)


def test_a_notebook_shared_by_sections_apart_is_refused(tmp_path):
    text = (
        MINIMAL
        + """\
      - key: a3
        title: {vi: "Mục ba", en: "Three"}
        notebook: 01_one.ipynb
"""
    )
    with pytest.raises(InputError) as raised:
        load_outline(_write(tmp_path, text))
    assert "not consecutive siblings" in raised.value.render("en")


def test_a_short_title_fits_a_sheet_tab(tmp_path):
    long_title = "x" * 32
    text = MINIMAL.replace(
        "notebook: 01_one.ipynb",
        f'notebook: 01_one.ipynb\n        short: {{vi: "{long_title}", en: "a"}}',
    )
    with pytest.raises(InputError, match="short"):
        load_outline(_write(tmp_path, text))


def test_the_file_name_is_checked(tmp_path):
    with pytest.raises(InputError) as raised:
        load_outline(tmp_path, "../sections.yml")
    assert "not a file name" in raised.value.render("en")
    with pytest.raises(InputError) as raised:
        load_outline(tmp_path)
    assert "missing" in raised.value.render("en")


@given(st.integers(min_value=1, max_value=3999))
def test_roman_numbers_read_back(n):
    text = format_number("roman", n, "")
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
    total = sum(
        -values[c] if i + 1 < len(text) and values[c] < values[text[i + 1]] else values[c]
        for i, c in enumerate(text)
    )
    assert total == n
    assert "IIII" not in text and "XXXX" not in text  # the shortest form


@given(st.integers(min_value=1, max_value=2000))
def test_letters_are_a_bijective_base_26(n):
    text = format_number("letter", n, "")
    value = 0
    for c in text:
        value = value * 26 + (ord(c) - ord("A") + 1)
    assert value == n


def test_dotted_numbers_extend_the_parent():
    assert format_number("dotted", 2, "4.4") == "4.4.2"
    assert format_number("dotted", 3, "") == "3"
    assert format_number("arabic", 3, "II") == "3"
