"""Sections A.II.4.1–4.8 (notebooks 05–10): prose, grouped tables and notebooks.

The prose must carry every figure these sections of the source print, written as printed;
the facts (activities, legal bases, causes) come from qualitative.yml; tables read the
catalogue's codes; the notebooks are documents of visible steps.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path

import pytest

from ntm_analysis.report.sections import a2_4_3, a2_4_4
from ntm_analysis.report.sections import grouped as a24
from ntm_analysis.report.sections.builders import render_prose
from ntm_analysis.report.sections.data_quality import omitted_sentences
from ntm_analysis.report.words.figures import in_section, written_in

ROOT = Path(__file__).resolve().parents[2]
A24 = {  # prose key → source sections it renders
    "a2_4_1": ("A.II.4.1", "A.II.4.2"),
    "a2_4_3": ("A.II.4.3",),
    "a2_4_4": ("A.II.4.4",),
    "a2_4_5": ("A.II.4.5",),
    "a2_4_6": ("A.II.4.6",),
    "a2_4_7": ("A.II.4.7", "A.II.4.8"),
}
NOTEBOOKS = {
    "05_a2_4_1_infrastructure": "a2_4_1",
    "06_a2_4_3_production": "a2_4_3",
    "07_a2_4_4_poverty": "a2_4_4",
    "08_a2_4_5_culture_movement": "a2_4_5",
    "09_a2_4_6_health": "a2_4_6",
    "10_a2_4_7_governance_security": "a2_4_7",
}
SNAKE = re.compile(r"\b[a-z0-9]+_[a-z0-9_]+\b")
ENGLISH = re.compile(
    r"\b(the|of|and|with|for|communes?|households?|million|billion|under|per|"
    r"projects?|cards|students|none)\b",
    re.I,
)
VIETNAMESE = re.compile(r"\b(xã|huyện|tiêu chí|đạt|được|của|và|hộ|triệu đồng|trên|khoảng)\b")
# Figures printed twice in the source and already shown once (restatements of one figure,
# the denominators 85 and the same 240 households): their value is checked through the first.
RESTATED = {
    "waste_sorting_households_b",
    "waste_sorting_communes_b",
    "edu116_rice_kg_b",
}
_CURRENCY = re.compile(r"\s*(tỷ đồng|triệu đồng|đồng|đ)$")
_LEADING_ZERO = re.compile(r"(?<![\d.,])0+(?=\d)")


def _digits(as_written: str, lang: str) -> str:
    """A printed figure as the prose writes it in `lang`, without a currency word or a
    leading zero ("08" is written 8)."""
    text = _CURRENCY.sub("", written_in(as_written, lang)).strip()
    return _LEADING_ZERO.sub("", text)


def _observations(data, prefixes):
    obs = data.observations
    return obs[obs["section"].map(lambda s: in_section(str(s), list(prefixes)))]


@pytest.mark.parametrize("key", sorted(A24))
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_prose_carries_every_printed_figure_of_its_sections(period_data, key, lang):
    # A.II.4.1–4.8: every figure the source prints in these sections appears in the prose,
    # with the digits and decimals it is printed with (e.g. A.II.4.2 "975,82/981,87 km",
    # A.II.4.4 "55.000đ", A.II.4.5 "84,70%").
    text = render_prose(period_data, key, lang)
    missing = []
    for row in _observations(period_data, A24[key]).itertuples(index=False):
        if row.indicator in RESTATED:
            continue
        if _digits(row.as_written, lang) not in text:
            missing.append((row.indicator, row.area, row.as_written))
    assert not missing, missing


@pytest.mark.parametrize("key", sorted(A24))
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_prose_is_one_language_without_blanks_or_identifiers(period_data, key, lang):
    text = render_prose(period_data, key, lang)
    assert "None" not in text and "nan" not in text.split()
    assert not SNAKE.search(text), SNAKE.search(text)
    if lang == "vi":
        assert not ENGLISH.search(text), ENGLISH.search(text)
    else:
        assert not VIETNAMESE.search(text), VIETNAMESE.search(text)


def test_key_figures_keep_qualifiers_units_and_ranges(period_data):
    vi = {key: render_prose(period_data, key, "vi") for key in A24}
    en = {key: render_prose(period_data, key, "en") for key in A24}
    # A.II.4.2: road projects "trên 3.981,71 tỷ đồng"; commune roads 975,82/981,87 km (99,4%)
    assert "trên 3.981,71 tỷ đồng" in vi["a2_4_1"]
    assert "975,82/981,87 km (99,4%)" in vi["a2_4_1"]
    assert "over 3,981.71 billion VND" in en["a2_4_1"]
    # A.II.4.3: "hơn 1.212 ha" converted; shrimp yield a range 50-70 tấn/ha; "khoảng 18-20"
    assert "hơn 1.212 ha" in vi["a2_4_3"]
    assert "50-70 tấn/ha" in vi["a2_4_3"]
    assert "khoảng 18-20 thành viên/tổ" in vi["a2_4_3"]
    assert "about 18-20 members per group" in en["a2_4_3"]
    # A.II.4.4: the electricity rate keeps the unit it is printed in (never 0,06 triệu đồng)
    assert "55.000đ/hộ/tháng" in vi["a2_4_4"]
    assert "55,000 VND per household per month" in en["a2_4_4"]
    assert "0,06" not in vi["a2_4_4"] and "0,055" not in vi["a2_4_4"]
    assert "130.480.000 đồng" in vi["a2_4_4"]
    # A.II.4.5: 84,70% keeps its printed second decimal
    assert "72/85 xã" in vi["a2_4_5"] and "84,70%" in vi["a2_4_5"]
    # years are never grouped
    for text in (*vi.values(), *en.values()):
        assert not re.search(r"\b2[.,]0[12]\d\b", text)


def test_named_places_and_legal_bases_are_in_words(period_data):
    # A.II.4.5: 6 communes newly recognised, named with their districts
    vi = render_prose(period_data, "a2_4_5", "vi")
    assert "Phước Hảo, Hòa Lợi, Đa Lộc (huyện Châu Thành)" in vi
    # A.II.4.4.1: Irish aid under Official Letter 1399/UBDT-VP135 of 20/10/2020
    poverty = render_prose(period_data, "a2_4_4", "vi")
    assert "Công văn số 1399/UBDT-VP135 ngày 20/10/2020 của Ủy ban Dân tộc" in poverty
    assert "Nghị định số 116/2016/NĐ-CP ngày 18/7/2016" in poverty
    english = render_prose(period_data, "a2_4_4", "en")
    assert "Official Letter No. 1399/UBDT-VP135 of 20 October 2020" in english
    # A.II.4.3: the cause of the flat semi-intensive area (weather)
    production = render_prose(period_data, "a2_4_3", "vi")
    assert "thời tiết" in production
    assert "weather" in render_prose(period_data, "a2_4_3", "en")
    # A.II.4.7: commune training not held because of COVID-19
    assert "COVID-19" in render_prose(period_data, "a2_4_7", "vi")


@pytest.mark.parametrize(
    "key,parts",
    [
        ("a2_4_1", ("4.1", "4.2", "criteria")),
        ("a2_4_3", ("land", "ocop", "craft", "coop")),
        ("a2_4_4", ("4.4.1", "4.4.2", "credit", "electricity", "insurance", "housing", "medical")),
        ("a2_4_5", ("titles", "sport")),
        ("a2_4_7", ("4.7", "4.8")),
    ],
)
def test_parts_render_the_sub_sections_the_notebook_heads(period_data, key, parts):
    whole = render_prose(period_data, key, "vi")
    pieces = [render_prose(period_data, key, "vi", part=p) for p in parts]
    assert all(piece.strip() for piece in pieces)
    # every sentence of a part is in the whole section's text
    for piece in pieces:
        for line in piece.splitlines():
            assert line in whole, line


def test_a_missing_figure_leaves_its_sentence_out(period_data):
    data = copy.copy(period_data)
    obs = period_data.observations
    data.observations = obs[obs["indicator"] != "roads_commune_hardened_km"].reset_index(drop=True)
    text = render_prose(data, "a2_4_1", "vi")
    assert "975,82" not in text and "None" not in text
    assert "1.247,69/1.760,16 km" not in text  # the sentence hangs on its first figure
    omitted = omitted_sentences(data, "vi")
    assert omitted["Số liệu còn thiếu"].str.contains("cứng hóa").any()


def test_table_specs_name_catalogue_codes_and_fill_from_data(period_data):
    # every grouped table the package declares (each builder's tables.yml) reads catalogue
    # codes and fills from the data
    every = a24.every_table_spec()
    names = {name for by_name in every.values() for name in by_name}
    assert {"roads", "capital", "credit", "culture", "security"} <= names
    for builder, specs in every.items():
        for name, spec in specs.items():
            unknown = [c for c in spec.codes() if c not in period_data.catalogue]
            assert not unknown, (builder, name, unknown)
            for lang in ("vi", "en"):
                frame = a24.figure_table(period_data, spec, lang)
                assert len(frame) >= 2, (builder, name)
                assert frame.columns.is_unique, (builder, name)
                cells = frame.astype(str)
                assert not cells.apply(lambda c: c.str.contains("None|nan")).any().any()


def test_tables_show_printed_figures_in_the_pages_format(period_data):
    # A.II.4.4.1: 641 million VND disbursed, 4,93% of the carried-over plan (printed, not
    # the recomputed 4,94%)
    capital = a2_4_4.capital_table(period_data, "vi")
    first = capital.iloc[0].tolist()
    assert first[1:] == ["12.984", "641", "4,93"]
    english = a2_4_4.capital_table(period_data, "en")
    assert english.iloc[0].tolist()[1:] == ["12,984", "641", "4.93"]
    # A.II.4.3: "hơn 1.212" keeps its qualifier in the table
    land = a2_4_3.land_table(period_data, "vi")
    assert "hơn 1.212" in land.iloc[:, 1].tolist()
    # A.II.4.2: criteria met, in the criteria set's order and named in words
    criteria = a24.criteria_table(period_data, ["A.II.4.2"], "vi")
    assert criteria.iloc[0].tolist() == [2, "Giao thông", "83", "85"]


def test_a_table_spec_with_cells_that_do_not_fit_is_refused():
    with pytest.raises(ValueError, match="cells"):
        a24.TableSpec.model_validate(
            {
                "section": "A.II.4.2",
                "first": {"vi": "a", "en": "a"},
                "columns": [{"vi": "b", "en": "b"}],
                "rows": [{"label": {"vi": "c", "en": "c"}, "cells": ["x", "y"]}],
            }
        )
    with pytest.raises(ValueError):
        a24.TableSpec.model_validate(
            {"section": "A", "first": {"vi": "a", "en": "a"}, "columns": [], "rows": [], "x": 1}
        )


def test_charts_draw_printed_figures_with_alt_text_in_the_pages_language(period_data):
    from ntm_analysis.report.charts import alt_text

    fig = a2_4_4.capital_chart(period_data, "Tỷ lệ giải ngân", "vi")
    alt = alt_text(fig)
    assert alt and "4,93%" in alt and "Biểu đồ" in alt
    fig = a24.criteria_chart(period_data, ["A.II.4.2"], "Criteria met", "en")
    alt = alt_text(fig)
    assert "83/85" in alt and "Transport" in alt
    # a total row stays out of the chart
    fig = a2_4_3.land_chart(period_data, "Land", "en")
    assert "Total" not in alt_text(fig)
