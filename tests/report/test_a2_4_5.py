"""A.II.4.5 (the culture movement; notebook 08): what the builder computes for its templates,
its two parts, and the sentences it leaves out for want of data."""

from __future__ import annotations

import copy
import re
from pathlib import Path

from ntm_analysis.report.sections import a2_4_5, grouped, prose
from ntm_analysis.report.sections.data_quality import omitted_sentences

FOLDER = Path(a2_4_5.__file__).parent


def _without(period_data, *codes):
    data = copy.copy(period_data)
    obs = period_data.observations
    data.observations = obs[~obs["indicator"].isin(codes)].reset_index(drop=True)
    return data


def test_templates_hold_wording_only():
    for lang in ("vi", "en"):
        text = (FOLDER / f"{lang}.md.j2").read_text(encoding="utf-8")
        assert not re.search(r"\b(has|has_list|fig|names|val|facts)\(", text), lang
        assert "m.points" not in text and "m.unlinked" not in text, lang
        assert "p in (" not in text, lang  # the parts are declared in the builder


def test_the_titles_and_sport_parts_split_the_section(period_data):
    words = a2_4_5.context(period_data, "vi")
    titles, sport = prose.render(words, "titles"), prose.render(words, "sport")
    assert "72/85 xã" in titles and "84,70%" in titles and "374.000 người" not in titles
    assert "374.000 người" in sport and "72/85" not in sport
    whole = prose.render(words)
    assert whole.index("72/85 xã") < whole.index("374.000 người")


def test_points_no_figure_measures_close_the_sport_part(period_data):
    words = a2_4_5.context(period_data, "vi")
    assert words.closing and all(not f.indicators for f in words.closing)
    (linked,) = words.points.regular_exercisers
    sport = prose.render(words, "sport")
    assert sport.index(linked.text) < sport.index("374.000") < sport.index(words.closing[0].text)
    assert words.closing[0].text not in prose.render(words, "titles")


def test_newly_recognised_communes_are_named_with_their_districts(period_data):
    titles = prose.render(a2_4_5.context(period_data, "vi"), "titles")
    assert "Phước Hảo, Hòa Lợi, Đa Lộc (huyện Châu Thành)" in titles
    english = prose.render(a2_4_5.context(period_data, "en"), "titles")
    assert "Phước Hảo, Hòa Lợi, Đa Lộc (Châu Thành district)" in english


def test_a_title_without_its_denominator_is_left_out_and_listed(period_data):
    # "256.114/277.260 hộ" printed its denominator without asking for it (a KeyError)
    data = _without(period_data, "households_all_units")
    words = a2_4_5.context(data, "vi")
    titles = prose.render(words, "titles")
    assert "256.114" not in titles and "Gia đình văn hóa" not in titles
    assert "739/756" in titles  # the other titles stay
    assert ("households_all_units", period_data.province) in {
        (m.code, m.area) for m in words.missing
    }
    label = period_data.catalogue.label("households_all_units", "vi")
    assert label in set(omitted_sentences(data, "vi")["Số liệu còn thiếu"])


def test_the_culture_table_and_chart_come_from_the_builders_own_spec(period_data):
    from ntm_analysis.report.charts import alt_text

    assert set(grouped.builder_tables("a2_4_5")) == {"culture"}
    table = a2_4_5.culture_table(period_data, "vi")
    assert table.iloc[3].tolist() == ["Xã đạt chuẩn văn hóa nông thôn mới", "72", "85", "84,70"]
    alt = alt_text(a2_4_5.culture_chart(period_data, "Titles", "en"))
    assert "84.70%" in alt
