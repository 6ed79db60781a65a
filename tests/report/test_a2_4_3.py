"""A.II.4.3 (production; notebook 06): what the builder computes for its templates, and the
sentences it leaves out for want of data."""

from __future__ import annotations

import copy
import re
from pathlib import Path

from ntm_analysis.report.sections import a2_4_3, prose

FOLDER = Path(a2_4_3.__file__).parent


def _without(period_data, *codes):
    data = copy.copy(period_data)
    obs = period_data.observations
    data.observations = obs[~obs["indicator"].isin(codes)].reset_index(drop=True)
    return data


def test_templates_hold_wording_only():
    for lang in ("vi", "en"):
        text = (FOLDER / f"{lang}.md.j2").read_text(encoding="utf-8")
        assert not re.search(r"\b(has|has_list|area_name|val|qual)\(", text), lang
        assert not re.search(r"'\d{3,5}'", text), lang  # no area code
        assert "year - 1" not in text and "_low" not in text, lang  # arithmetic, ranges: Python


def test_points_causes_and_unlinked_legal_bases(period_data):
    words = a2_4_3.context(period_data, "vi")
    # the weather held back semi-intensive farming (a cause, printed before the shrimp figures)
    assert [f.kind for f in words.causes] == ["cause"] and "thời tiết" in words.causes[0].text
    # two legal bases measured by no figure: a People's Council resolution whose number names
    # no kind, and Resolution 82/2019/NQ-HĐND
    assert [f.document.split(" ngày")[0] for f in words.bases] == [
        "Nghị quyết số 80",
        "Nghị quyết số 82/2019/NQ-HĐND",
    ]
    english = a2_4_3.context(period_data, "en")
    assert english.bases[0].document.startswith("Resolution No. 80 of 12 April 2019")
    assert "(under Resolution No. 80 of 12 April 2019" in prose.render(english, "coop")
    (ocop,) = words.points.ocop_products_recognised_2020_round
    assert ocop.document.startswith("Quyết định số 612/QĐ-UBND")
    assert words.round_year == period_data.year - 1
    assert f"Đợt đánh giá năm {period_data.year - 1} có 26 sản phẩm" in prose.render(words)


def test_ranges_say_their_qualifier_once(period_data):
    words = a2_4_3.context(period_data, "vi")
    assert words.members_per_group == "khoảng 18-20"
    assert words.shrimp_yield == "50-70 tấn/ha"
    english = a2_4_3.context(period_data, "en")
    assert english.members_per_group == "about 18-20"
    assert "(about 18-20 members per group)" in prose.render(english, "coop")
    data = _without(period_data, "coop_group_members_avg_high")
    lacking = a2_4_3.context(data, "vi")
    assert lacking.members_per_group is None
    assert "thành viên/tổ" not in prose.render(lacking, "coop")
    assert "coop_group_members_avg_high" in {m.code for m in lacking.missing}


def test_districts_are_the_ones_reporting_their_figures(period_data):
    words = a2_4_3.context(period_data, "vi")
    names = period_data.area_names("vi")
    assert [p.code for p in words.garden] == ["847"]
    assert [p.code for p in words.sugarcane] == ["849"]
    assert [p.code for p in words.preparing] == ["848"]
    (linkage,) = words.linkage
    assert linkage.code == "845" and linkage.names.startswith("3 xã: Phong Phú, Châu Điền")
    text = prose.render(words)
    assert f"{names['847'][:1].upper()}{names['847'][1:]} cải tạo 12 ha đất vườn tạp" in text
    assert f"; {names['849']} chuyển đổi 125,8 ha đất trồng mía" in text
    assert f"; {names['848']} đang xây dựng 3 dự án liên kết." in text


def test_a_district_clause_stands_without_the_other(period_data):
    # without the mixed-garden figure the sugarcane clause opens the sentence, capitalised
    data = _without(period_data, "mixed_garden_conversion_ha")
    words = a2_4_3.context(data, "vi")
    name = period_data.area_names("vi")["849"]
    text = prose.render(words, "land")
    assert f"\n{name[:1].upper()}{name[1:]} chuyển đổi 125,8 ha đất trồng mía" in f"\n{text}"
    assert "vườn tạp" not in text
    assert "mixed_garden_conversion_ha" in {m.code for m in words.missing}
    # without either linkage figure the sentence is left out
    data = _without(period_data, "rice_linkage_projects", "linkage_projects_in_preparation")
    text = prose.render(a2_4_3.context(data, "en"), "coop")
    assert "linkage projects" not in text and "None" not in text


def test_tables_and_chart_come_from_the_builders_own_specs(period_data):
    from ntm_analysis.report.charts import alt_text

    land = a2_4_3.land_table(period_data, "vi")
    assert land.iloc[-1].tolist() == ["Tổng diện tích đất lúa chuyển đổi", "hơn 1.212"]
    assert "Total" not in alt_text(a2_4_3.land_chart(period_data, "Land", "en"))
    assert a2_4_3.aquaculture_table(period_data, "en").iloc[1].tolist()[1] == "5,750"
    assert a2_4_3.ocop_table(period_data, "vi").iloc[-1].tolist()[1] == "56"
    assert a2_4_3.craft_villages_table(period_data, "vi").iloc[-1].tolist()[1] == "13"
    cooperatives = a2_4_3.cooperatives_table(period_data, "vi")
    assert cooperatives.iloc[2].tolist()[1:] == ["", "2.030"]  # groups: none founded, listed
