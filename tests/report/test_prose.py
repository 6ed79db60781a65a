"""Section prose from templates: figures as printed, one language, omissions recorded."""

from __future__ import annotations

import copy
import re

import pytest

from ntm_analysis.report.prose import (
    LANGS,
    named_items,
    omitted_sentences,
    prose_sections,
    render_prose,
    written_in,
)

SNAKE = re.compile(r"\b[a-z0-9]+_[a-z0-9_]+\b")
# Common English words that would betray an English phrase on a Vietnamese page.
ENGLISH = re.compile(
    r"\b(the|of|and|with|communes?|districts?|criteria|households?|since|not|none|nan|"
    r"unknown|share|total|target|baseline|million|billion)\b",
    re.I,
)
# Vietnamese letters outside ASCII that English prose never needs (names of places aside).
VIETNAMESE_WORDS = re.compile(r"\b(xã|huyện|tiêu chí|đạt|chuẩn|được|của|và)\b", re.I)


@pytest.mark.parametrize("lang", LANGS)
def test_every_section_renders_without_blanks_or_identifiers(period_data, lang):
    assert prose_sections(), "no prose template found"
    for section in prose_sections():
        text = render_prose(period_data, section, lang)
        assert text.strip(), section
        assert "None" not in text and "nan" not in text.split(), section
        assert not SNAKE.search(text), (section, SNAKE.search(text))
        assert "{{" not in text and "{%" not in text, section
        if lang == "vi":
            assert not ENGLISH.search(text), (section, ENGLISH.search(text))


def test_english_prose_has_no_vietnamese_sentences(period_data):
    for section in prose_sections():
        text = render_prose(period_data, section, "en")
        # names of places keep their spelling; the prose words are English
        assert not VIETNAMESE_WORDS.search(text), (section, VIETNAMESE_WORDS.search(text))


def test_a2_1_prose_carries_the_sections_figures(period_data):
    # A.II.1: 72/85 communes at 19/19 criteria (84,7%), 69 recognised, average 18,4 criteria;
    # 3 registered communes named; 11 advanced communes (12,9%); 05/9 districts recognised.
    text = render_prose(period_data, "a2_1", "vi")
    for code in (
        "communes_19_criteria",
        "communes_total",
        "communes_19_criteria_pct",
        "communes_ntm_recognised",
        "criteria_avg_per_commune",
        "communes_advanced_ntm_pct",
        "districts_ntm_recognised",
    ):
        assert period_data.figure(code).as_written in text, code
    assert "Đa Lộc, Phước Hảo, Hòa Lợi (huyện Châu Thành)" in text
    # Duyên Hải's plan is printed "trước năm 2023": verbatim, never "dưới" and never grouped
    assert "trước năm 2023" in text
    assert "2.023" not in text and "dưới 2023" not in text
    english = render_prose(period_data, "a2_1", "en")
    assert "84.7%" in english and "18.4" in english


def test_printed_figures_in_english_keep_digits_and_ranges():
    assert written_in("5.214.624,5", "en") == "5,214,624.5"
    assert written_in("07", "en") == "7"
    assert written_in("01-02", "en") == "1-2"
    assert written_in("84,7%", "en") == "84.7%"
    assert written_in("55.000đ", "en") == "55,000 VND"
    assert written_in("2021", "en") == "2021"
    assert written_in("01-02", "vi") == "01-02"


def test_named_list_in_words(period_data):
    text = named_items(period_data, "registered_ntm_19_criteria_communes", "vi")
    assert text == "3 xã: Đa Lộc, Phước Hảo, Hòa Lợi (huyện Châu Thành)"
    english = named_items(period_data, "registered_ntm_19_criteria_communes", "en")
    assert english == "3 communes: Đa Lộc, Phước Hảo, Hòa Lợi (Châu Thành district)"


def test_a_missing_figure_drops_its_sentence_and_is_listed(period_data):
    data = copy.copy(period_data)
    obs = period_data.observations
    data.observations = obs[obs["indicator"] != "criteria_avg_per_commune"].reset_index(drop=True)
    text = render_prose(data, "a2_1", "vi")
    assert "Bình quân" not in text
    omitted = omitted_sentences(data, "vi")
    label = period_data.catalogue.label("criteria_avg_per_commune", "vi")
    assert label in set(omitted["Số liệu còn thiếu"])
    assert not SNAKE.search(omitted.to_string())
