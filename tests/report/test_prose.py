"""Section prose from templates: figures as printed, one language, omissions recorded."""

from __future__ import annotations

import copy
import re

import pytest

from ntm_analysis.report.sections.builders import prose_builders as prose_sections
from ntm_analysis.report.sections.builders import render_prose
from ntm_analysis.report.sections.data_quality import omitted_sentences
from ntm_analysis.report.sections.prose import LANGS
from ntm_analysis.report.words.figures import number_text, written_in
from ntm_analysis.report.words.lists import named_items

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
    # 3 registered communes named; 11 advanced communes (12,9%); 05/9 districts recognised,
    # written without the leading zero
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
        assert number_text(period_data, code, None, "vi") in text, code
    assert "Đến nay, 5/9 đơn vị hành chính cấp huyện" in text and "05/9" not in text
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


# Each section's key figures, as the source prints them (codes of data/periods/2021-09).
KEY_FIGURES = {
    # A.I.1–2: 31 steering members, 25 office members; over 24.131 sessions, 711.643 attendees
    "a1": [
        "steering_committee_members",
        "comm_sessions_departments",
        "comm_participants_districts",
    ],
    # A.II.2: 600/641 hamlets (93,6%), +36; 212.906/231.101 households (92,13%), +3.669
    "a2_2": ["hamlets_cultural_ntm", "hamlets_cultural_ntm_pct", "households_cultural_ntm_pct"],
    # A.II.3: 5.214.624,5 million VND mobilised; 94.919 disbursed, 47,46%
    "a2_3": [
        "ntm_funding_total",
        "ntm_funding_credit_pct",
        "ntm_disbursed",
        "ntm_disbursement_pct",
    ],
    # C.II.1: 11 communes for NTM, 20 for advanced NTM in the last quarter's key tasks
    "c": ["registered_ntm_communes_2021_b", "registered_advanced_communes_2021_d"],
}


@pytest.mark.parametrize("section", sorted(KEY_FIGURES))
def test_section_prose_carries_its_key_figures(period_data, section):
    text = render_prose(period_data, section, "vi")
    for code in KEY_FIGURES[section]:
        figure = period_data.figure(code)
        assert figure.as_written in text, (section, code)
    english = render_prose(period_data, section, "en")
    for code in KEY_FIGURES[section]:
        assert written_in(period_data.figure(code).as_written, "en") in english, (section, code)


def test_a1_qualifiers_and_legal_basis(period_data):
    # A.I.1: Decision 4047-QĐ/TU of 25/10/2018; A.I.2: "trên 24.131 cuộc", "trên 711.643 lượt"
    text = render_prose(period_data, "a1", "vi")
    assert "Quyết định số 4047-QĐ/TU ngày 25/10/2018" in text
    assert "trên 24.131 cuộc" in text and "trên 711.643 lượt người" in text
    assert "over 24,131 sessions" in render_prose(period_data, "a1", "en")
    # A.I.4: the communes where review meetings were held, named with their districts
    assert "Nhị Trường, Thạnh Hòa Sơn, Thuận Hòa (huyện Cầu Ngang)" in text


def test_c_prose_has_targets_tasks_and_solutions(period_data):
    # C.I: 8 named communes and the range "1–2" model communes, without leading zeros
    text = render_prose(period_data, "c", "vi")
    assert "8 xã, gồm Hòa Lợi, Phước Hảo, Đa Lộc (huyện Châu Thành)" in text
    assert "1–2 xã" in text and "01-02" not in text and "2.021" not in text
    # C.II.1 tasks and all six groups of C.II.2 solutions
    tasks = [f for f in period_data.notes if f.kind == "task"]
    assert len(tasks) >= 9 and tasks[0].text.vi in text
    for group in range(1, 7):
        assert f"**2.{group}. " in text
    assert "Chỉ thị số 15-CT/TU" in text


def test_b_prose_links_figures_to_points(period_data):
    # B.II.1: slow disbursement, measured by the 47,46% disbursement rate (A.II.3)
    text = render_prose(period_data, "b", "vi")
    assert "47,46%" in text
    assert text.count("\n- ") >= 15


def test_facts_fall_back_to_vietnamese_marked(period_data):
    from ntm_analysis.dataset.qualitative import LocalText, QualitativePoint
    from ntm_analysis.report.words.facts import UNTRANSLATED, facts

    data = copy.copy(period_data)
    point = QualitativePoint(kind="note", section="A.II.3", text=LocalText(vi="Chỉ tiếng Việt."))
    data.notes = [point]
    (fact,) = facts(data, "A.II.3", "en")
    assert fact.text == UNTRANSLATED + "Chỉ tiếng Việt."
    (fact,) = facts(data, "A.II.3", "vi")
    assert fact.text == "Chỉ tiếng Việt."


def test_qualitative_file_refuses_unknown_keys(tmp_path, period_data):
    from ntm_analysis.dataset.qualitative import load_qualitative
    from ntm_analysis.errors import InputError

    path = tmp_path / "qualitative.yml"
    path.write_text(
        "points:\n  - kind: task\n    section: C.II.1\n    text: {vi: a}\n    colour: red\n"
    )
    with pytest.raises(InputError, match="colour"):
        load_qualitative(path, period_data.catalogue)
    path.write_text("points:\n  - kind: wish\n    section: C.II.1\n    text: {vi: a}\n")
    with pytest.raises(InputError, match="kind"):
        load_qualitative(path, period_data.catalogue)


def test_data_text_never_becomes_a_link_or_an_image():
    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    from ntm_analysis.report.words.markdown import escape_markdown

    hostile = "[x](javascript:alert(1)) ![y](https://example.com/a.png) <b>z</b>"
    page = markdown2html_mistune(f"*{escape_markdown(hostile)}*")
    assert "<a " not in page and "<img" not in page and "<b>" not in page
    assert "https://example.com/a.png" in page  # the text is still there, as text
