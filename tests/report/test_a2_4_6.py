"""A.II.4.6 (grassroots health care; notebook 09): the legal bases chosen by figure and the
sentences left out for want of data."""

from __future__ import annotations

import copy
import re
from pathlib import Path

from ntm_analysis.report.sections import a2_4_6, grouped, prose

FOLDER = Path(a2_4_6.__file__).parent


def test_templates_hold_wording_only():
    for lang in ("vi", "en"):
        text = (FOLDER / f"{lang}.md.j2").read_text(encoding="utf-8")
        assert not re.search(r"\b(has|has_list|fig|names|val|facts|cite_of)\(", text), lang
        assert "m.points" not in text and "m.doc" not in text, lang


def test_each_years_recognition_cites_its_own_decision(period_data):
    words = a2_4_6.context(period_data, "vi")
    (first,) = words.legal.health_criteria_units_2018
    (second,) = words.legal.health_criteria_units_2019
    assert first.document.startswith("Quyết định số 2712/QĐ-UBND")
    assert second.document.startswith("Quyết định số 3662/QĐ-UBND")
    text = prose.render(words)
    assert (
        text.index(first.document)
        < text.index("8 xã, phường, thị trấn")
        < text.index(second.document)
    )
    assert "104/106 xã, phường, thị trấn" in text and "98,11%" in text
    english = a2_4_6.context(period_data, "en")
    assert english.legal.health_criteria_units_2018[0].document.startswith("Decision No. 2712")


def test_without_a_legal_basis_the_figure_stands_alone(period_data):
    data = copy.copy(period_data)
    data.notes = [n for n in period_data.notes if n.kind != "legal_basis"]
    words = a2_4_6.context(data, "vi")
    assert words.legal.health_criteria_units_2018 == []
    text = prose.render(words)
    assert "(theo" not in text and "96 xã, phường, thị trấn" in text


def test_a_missing_total_leaves_the_criteria_sentences_out(period_data):
    data = copy.copy(period_data)
    obs = period_data.observations
    data.observations = obs[obs["indicator"] != "commune_level_units_total"]
    words = a2_4_6.context(data, "vi")
    text = prose.render(words)
    assert "104/" not in text and "96 xã" not in text and "96,54%" in text
    assert "commune_level_units_total" in {m.code for m in words.missing}


def test_the_health_table_comes_from_the_builders_own_spec(period_data):
    assert set(grouped.builder_tables("a2_4_6")) == {"health"}
    table = a2_4_6.health_table(period_data, "vi")
    assert table.iloc[0].tolist()[1:] == ["104", "106", "98,11"]
