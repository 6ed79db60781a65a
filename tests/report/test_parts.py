"""The parts of a section's prose (sections/parts.py): what each part prints and the
sub-headings taken from the outline."""

from __future__ import annotations

import copy

import pytest

from ntm_analysis.report.sections.parts import WHOLE, headings, parts

PARTS = parts(
    "demo",
    {"one": ("a",), "two": ("b", "c"), "b": ("b",), "c": ("c",)},
    headings=True,
    titled=("two",),
)


def test_a_part_shows_its_pieces_and_the_whole_shows_every_piece():
    assert "a" in PARTS("one") and "b" not in PARTS("one")
    assert set(PARTS("two").pieces) == {"b", "c"}
    assert set(PARTS(WHOLE).pieces) == {"a", "b", "c"}
    assert PARTS.names == ("one", "two", "b", "c")


def test_only_the_whole_is_headed_and_titled_parts_title_their_pieces():
    assert PARTS(WHOLE).headings and PARTS(WHOLE).titles
    assert not PARTS("one").headings and not PARTS("one").titles
    assert PARTS("two").titles and not PARTS("two").headings
    assert not PARTS("b").titles
    untitled = parts("plain", {"x": ("x",)})
    assert not untitled(WHOLE).headings and not untitled(WHOLE).titles


def test_an_unknown_part_is_an_error_naming_the_sections_parts():
    with pytest.raises(ValueError, match=r"'demo' has no part 'three' \(parts: .*one.*two"):
        PARTS("three")


def test_headings_come_from_the_outline(period_data):
    found = headings(period_data, ("a2_4_4_1", "a2_4_4_credit"), "vi")
    outline = period_data.outline
    assert found["a2_4_4_1"] == outline.section("a2_4_4_1").heading("vi")
    assert found["a2_4_4_1"].startswith("4.4.1. ")  # numbered: the number is printed
    assert found["a2_4_4_credit"] == outline.section("a2_4_4_credit").title("vi")
    english = headings(period_data, ("a2_4_4_credit",), "en")
    assert english["a2_4_4_credit"] == outline.section("a2_4_4_credit").title("en")


def test_a_heading_the_outline_lacks_is_none(period_data):
    assert headings(period_data, ("no_such_section",), "vi") == {"no_such_section": None}
    data = copy.copy(period_data)
    data.outline = None
    assert headings(data, ("a2_4_4_1",), "en") == {"a2_4_4_1": None}
