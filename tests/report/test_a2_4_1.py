"""A.II.4.1–4.2 (planning, socio-economic infrastructure; notebook 05): what the builder
computes for its templates, and the sentences it leaves out for want of data."""

from __future__ import annotations

import copy
import re
from pathlib import Path

from ntm_analysis.report.sections import a2_4_1, prose
from ntm_analysis.report.sections.data_quality import omitted_sentences

FOLDER = Path(a2_4_1.__file__).parent


def _without(period_data, *codes):
    data = copy.copy(period_data)
    obs = period_data.observations
    data.observations = obs[~obs["indicator"].isin(codes)].reset_index(drop=True)
    return data


def test_templates_hold_wording_only():
    # no call into the data, no area code, no criterion name typed in a template
    for lang in ("vi", "en"):
        text = (FOLDER / f"{lang}.md.j2").read_text(encoding="utf-8")
        assert not re.search(r"\b(has|has_list|area_name|val|qual)\(", text), lang
        assert not re.search(r"'\d{3,5}'", text), lang
        assert "Giao thông" not in text and "transport" not in text.lower(), lang


def test_points_sit_beside_the_figures_that_measure_them(period_data):
    words = a2_4_1.context(period_data, "vi")
    # A.II.4.2 opens with the activity no figure measures (people giving land and labour)
    assert [f.text[:22] for f in words.activities] == ["Ban Chỉ đạo cấp huyện,"]
    # schools: the two points measured by the number of schools at the national standard
    schools = words.points.schools_national_standard
    assert [f.text[:17] for f in schools] == ["Về trường học, cá", "Các trường rà soá"]
    # the ICT point is a legal basis named with its document's kind
    (basis,) = [f for f in words.points.communes_met_c08_ict if f.kind == "legal_basis"]
    assert basis.document.startswith("Quyết định số 45/2016/QĐ-TTg")
    text = prose.render(words)
    assert f"{basis.clause} (theo {basis.document})." in text


def test_criteria_in_the_sets_order_named_from_the_catalogue(period_data):
    words = a2_4_1.context(period_data, "vi")
    assert [c.name for c in words.criteria[:3]] == ["Giao thông", "Thủy lợi", "Điện"]
    assert (words.criteria[0].met, words.criteria[0].total) == ("83", "85 xã")
    assert len(words.criteria) == 10
    english = a2_4_1.context(period_data, "en")
    assert english.criteria[6].name == period_data.criteria.get("C08").name("en")
    text = prose.render(english, "criteria")
    assert "transport 83/85 communes; irrigation 85/85 communes" in text


def test_a_criterion_the_period_lacks_is_left_out_and_recorded(period_data):
    data = _without(period_data, "communes_met_c05_schools")
    words = a2_4_1.context(data, "vi")
    assert "Trường học" not in [c.name for c in words.criteria]
    assert "tiêu chí Trường học" not in prose.render(words, "criteria")
    assert ("communes_met_c05_schools", period_data.province) in {
        (m.code, m.area) for m in words.missing
    }
    omitted = omitted_sentences(data, "vi")
    label = period_data.catalogue.label("communes_met_c05_schools", "vi")
    assert label in set(omitted["Số liệu còn thiếu"])


def test_waste_sorting_names_the_district_that_reports_it(period_data):
    words = a2_4_1.context(period_data, "vi")
    assert [(p.code, p.name) for p in words.waste_sorting] == [("847", "huyện Châu Thành")]
    assert "240 hộ tại 3 xã: Long Hòa, Song Lộc, Mỹ Chánh (huyện Châu Thành)" in prose.render(
        words, "4.2"
    )
    # the same figures reported by another district, without its list of communes: the
    # sentence names that district (no district is written in the templates)
    data = copy.copy(period_data)
    obs = period_data.observations.copy()
    obs.loc[obs["area"] == "847", "area"] = "849"
    data.observations = obs
    data.lists = period_data.lists[period_data.lists["list"] != "waste_sorting_communes"]
    moved = a2_4_1.context(data, "vi")
    name = period_data.area_names("vi")["849"]
    assert f"240 hộ tại 3 xã của {name}" in prose.render(moved, "4.2")
    assert ("waste_sorting_communes", "849") in {(m.code, m.area) for m in moved.missing}
    english = a2_4_1.context(data, "en")
    assert f"in 3 communes of {period_data.area_names('en')['849']}" in prose.render(english)


def test_without_any_district_reporting_it_the_sentence_is_left_out(period_data):
    data = _without(period_data, "waste_sorting_households")
    words = a2_4_1.context(data, "vi")
    assert words.waste_sorting == []
    text = prose.render(words)
    assert "phân loại rác thải tại nguồn" not in text and "None" not in text
    assert "waste_sorting_households" in {m.code for m in words.missing}


def test_tables_and_charts_come_from_the_builders_own_specs(period_data):
    from ntm_analysis.report.charts import alt_text

    roads = a2_4_1.roads_table(period_data, "vi")
    assert roads.iloc[0].tolist()[1:] == ["975,82", "981,87", "99,4"]
    assert roads.columns[0] == "Loại đường"
    chart = a2_4_1.roads_chart(period_data, "Tỷ lệ đường đạt yêu cầu", "vi")
    assert "99,4%" in alt_text(chart)
    criteria = a2_4_1.criteria_table(period_data, "en")
    assert criteria.iloc[0].tolist() == [2, "Transport", "83", "85"]
    assert "83/85" in alt_text(a2_4_1.criteria_chart(period_data, "Criteria", "en"))
