"""Sections A.I, A.II.1 and A.II.2 (notebooks 01–03): what their builders compute for the
templates, and what their prose leaves out, and records, when the period lacks a figure."""

from __future__ import annotations

import copy

import pytest
from matplotlib.figure import Figure

from ntm_analysis.report.sections import a1, a2_1, a2_2, prose
from ntm_analysis.report.sections.builders import section_context
from ntm_analysis.report.sections.context import Missing
from ntm_analysis.report.sections.tables import change_table


def _without(data, *codes, area=None):
    """A copy of the period without the given figures (of one area, or of every area)."""
    out = copy.copy(data)
    obs = data.observations
    drop = obs["indicator"].isin(codes)
    if area is not None:
        drop &= obs["area"] == area
    out.observations = obs[~drop].reset_index(drop=True)
    return out


def _without_list(data, list_id):
    out = copy.copy(data)
    out.lists = data.lists[data.lists["list"] != list_id].reset_index(drop=True)
    return out


def _rendered(builder, data, lang="vi"):
    """The builder's context and its prose (rendering records what the prose lacked)."""
    words = builder.context(data, lang)
    return words, prose.render(words)


@pytest.mark.parametrize("name", ["a1", "a2_1", "a2_2"])
def test_the_sections_render_from_their_own_context(period_data, name):
    words = section_context(period_data, name, "vi")
    assert words is not None and words.builder == name
    assert prose.render(words).strip()


# ---- A.I -------------------------------------------------------------------------------------


def test_a1_sorts_communication_points_by_the_figures_they_measure(period_data):
    words = a1.context(period_data, "vi")
    assert all(not f.indicators for f in words.outreach) and len(words.outreach) == 1
    (departments,) = words.department_outreach
    assert "comm_sessions_departments" in departments.indicators
    (districts,) = words.district_outreach
    assert "comm_sessions_districts" in districts.indicators
    # A.I.2: the districts whose communes did best, named without their count
    (best,) = words.best_outreach
    assert (best.items, best.names) == ("Càng Long, Cầu Kè", "2 huyện: Càng Long, Cầu Kè")


def test_a1_inspections_name_their_places_in_the_sources_order(period_data):
    words = a1.context(period_data, "en")
    assert [p.names for p in words.inspections][:3] == [
        "4 districts: Châu Thành, Trà Cú, Cầu Ngang, Duyên Hải",
        "5 communes: Tân Hiệp (Trà Cú district); Đôn Xuân (Duyên Hải district); "
        "Nhị Trường, Thạnh Hòa Sơn, Thuận Hòa (Cầu Ngang district)",
        "3 districts: Châu Thành, Cầu Ngang, Duyên Hải",
    ]
    assert len(words.inspections) == 5


def test_a1_an_empty_list_drops_its_point_and_is_recorded(period_data):
    data = _without_list(period_data, "progress_check_districts")
    words, text = _rendered(a1, data)
    assert [p.fact.list for p in words.inspections] == [
        "inspected_districts_provincial_standing",
        "review_meeting_communes",
        "appraisal_meeting_communes_2020",
        "joint_review_districts",
    ]
    assert "Châu Thành, Cầu Ngang, Duyên Hải" not in text
    assert Missing("a1", "progress_check_districts", data.province) in words.missing


def test_a1_a_missing_figure_drops_its_sentence_only(period_data):
    data = _without(period_data, "comm_sessions_districts")
    words, text = _rendered(a1, data)
    assert "2.134" not in text and "37.820" not in text  # the sentence needs the sessions
    assert "Ban Chỉ đạo các huyện, thị xã, thành phố tổ chức" not in text
    assert words.district_outreach[0].text in text  # the point itself stays
    assert Missing("a1", "comm_sessions_districts", data.province) in words.missing


# ---- A.II.1 ----------------------------------------------------------------------------------


def test_a2_1_splits_the_communes_short_of_the_full_set_by_band(period_data):
    below = a2_1.context(period_data, "vi").below_full_set
    assert (below.figure, below.number) == ("13 xã", "13")
    assert [(b.band, b.figure, b.share) for b in below.bands] == [
        ("15–18", "7 xã", "8,2%"),
        ("10–14", "6 xã", "7,1%"),
    ]


def test_a2_1_registered_communes_by_band_with_the_named_ones(period_data):
    words = a2_1.context(period_data, "en")
    ntm = words.registered_ntm
    assert ntm.number == "11"
    assert [(b.number, b.band, b.single, b.full, b.rest) for b in ntm.bands] == [
        ("3", "19", True, True, False),
        ("6", "15–18", False, False, False),
        ("2", "13–14", False, False, True),
    ]
    assert ntm.bands[0].items == "Đa Lộc, Phước Hảo, Hòa Lợi (Châu Thành district)"
    assert [b.items for b in ntm.bands[1:]] == [None, None]
    advanced = words.registered_advanced
    # the advanced set's 20 criteria: a single count, not the commune set's 19
    assert [(b.number, b.band, b.single, b.full) for b in advanced.bands] == [
        ("4", "20", True, False),
        ("16", "14–19", False, False),
    ]
    text = prose.render(words)
    assert "3 already meet all 19 criteria (Đa Lộc, Phước Hảo, Hòa Lợi" in text
    assert "the remaining 2 meet 13–14 criteria" in text
    assert "4 of 20 already meet 20 criteria and 16 of 20 meet 14–19 criteria" in text


def test_a2_1_criteria_band_from_the_recount_else_the_label(period_data):
    assert a2_1.criteria_band(period_data, "communes_15_18_criteria") == (15, 18)
    assert a2_1.criteria_band(period_data, "communes_19_criteria") == (19, 19)
    parts = a2_1.relation(period_data, a2_1.REGISTERED_ADVANCED).parts
    assert [a2_1.criteria_band(period_data, code) for code in parts] == [(20, 20), (14, 19)]
    with pytest.raises(KeyError, match="communes_total"):
        a2_1.criteria_band(period_data, "communes_total")


def test_a2_1_a_missing_band_is_left_out_and_the_rest_no_longer_called_so(period_data):
    data = _without(period_data, "registered_ntm_communes_15_18_criteria")
    words, text = _rendered(a2_1, data)
    assert [b.band for b in words.registered_ntm.bands] == ["19", "13–14"]
    assert not words.registered_ntm.bands[-1].rest
    assert "; 2 xã đạt từ 13–14 tiêu chí." in text and "còn lại đạt từ 13–14" not in text
    missing = Missing("a2_1", "registered_ntm_communes_15_18_criteria", data.province)
    assert missing in words.missing


def test_a2_1_without_the_registered_total_the_sentence_goes(period_data):
    split = a2_1.relation(period_data, a2_1.REGISTERED_NTM)
    data = _without(period_data, split.total)
    words, text = _rendered(a2_1, data)
    assert words.registered_ntm is None and "đăng ký phấn đấu" not in text
    assert Missing("a2_1", split.total, data.province) in words.missing


def test_a2_1_the_advanced_denominators_are_the_registered_total(period_data):
    # "04/20" and "16/20" restate the 20 registered communes; without the restatements the
    # sentence still reads (the old template failed on them)
    restated = a2_1.relation(period_data, "registered_advanced_restated").indicators
    data = _without(period_data, *restated[1:])
    _, text = _rendered(a2_1, data)
    assert "4/20 xã đã đạt 20 tiêu chí, 16/20 xã đạt từ 14–19 tiêu chí." in text


def test_a2_1_districts_not_recognised_in_order_of_their_plan(period_data):
    words = a2_1.context(period_data, "vi")
    assert [(d.code, d.name, d.plan_qualified) for d in words.districts] == [
        ("847", "huyện Châu Thành", False),
        ("848", "huyện Cầu Ngang", False),
        ("849", "huyện Trà Cú", False),
        ("850", "huyện Duyên Hải", True),  # "trước năm 2023"
    ]
    chau_thanh, cau_ngang = words.districts[:2]
    # Châu Thành states 6 criteria met and names 5: the text says how many it names
    assert not chau_thanh.criteria_met.complete
    assert chau_thanh.criteria_met.names.startswith("5 tiêu chí: Thủy lợi; Điện")
    assert cau_ngang.criteria_met.complete
    assert chau_thanh.criteria_not_met.items == "Quy hoạch; Y tế – Văn hóa – Giáo dục; Môi trường"
    text = prose.render(words)
    assert "; báo cáo nêu tên 5 tiêu chí: Thủy lợi;" in text
    assert "(kế hoạch đạt chuẩn trước năm 2023)" in text
    assert "(kế hoạch đạt chuẩn năm 2022): 8/13 xã" in text


def test_a2_1_a_district_list_is_asked_for_only_when_its_sentence_is_written(period_data):
    # Cầu Ngang (848) without its named criteria: recorded while the sentence is written ...
    lists = period_data.lists
    unnamed = copy.copy(period_data)
    unnamed.lists = lists[
        ~((lists["list"] == "district_criteria_met") & (lists["area"] == "848"))
    ].reset_index(drop=True)
    words, text = _rendered(a2_1, unnamed)
    assert "đạt 6/9 tiêu chí huyện nông thôn mới." in text  # the count, no names
    assert Missing("a2_1", "district_criteria_met", "848") in words.missing
    # ... and not looked for once the sentence goes for want of the district's total
    data = _without(unnamed, "district_criteria_total", area="848")
    words, text = _rendered(a2_1, data)
    assert "(kế hoạch đạt chuẩn năm 2022): 8/13 xã đã đạt chuẩn nông thôn mới, tỷ lệ 61,5%" in text
    assert Missing("a2_1", "district_criteria_total", "848") in words.missing
    assert Missing("a2_1", "district_criteria_met", "848") not in words.missing


def test_a2_1_clauses_of_a_district_join_without_empty_ones(period_data):
    data = _without(period_data, "district_criteria_met", "district_criteria_total", area="847")
    _, text = _rendered(a2_1, data)
    line = next(t for t in text.splitlines() if t.startswith("- **Huyện Châu Thành**"))
    assert ";;" not in line and "công nhận; còn 3 tiêu chí chưa đạt: Quy hoạch" in line


def test_a2_1_tables_and_charts(period_data):
    assert isinstance(a2_1.criteria_bands_chart(period_data, "vi"), Figure)
    assert isinstance(a2_1.district_criteria_chart(period_data, "en"), Figure)
    table = a2_1.districts_table(period_data, "vi")
    assert len(table) == len(period_data.district_table())
    parts = a2_1.relation(period_data, a2_1.BANDS).parts
    assert a2_1.criteria_bands_chart(_without(period_data, *parts), "vi") is None


def test_a2_1_without_districts_the_district_parts_are_empty(period_data):
    data = copy.copy(period_data)
    data.units = period_data.units.assign(district_code="")
    assert not data.has_districts
    assert a2_1.districts_table(data, "vi").empty
    assert a2_1.district_criteria_chart(data, "vi") is None
    assert a2_1.context(data, "vi").districts == []


# ---- A.II.2 ----------------------------------------------------------------------------------


def test_a2_2_the_stated_increase_is_the_change(period_data):
    words = a2_2.context(period_data, "vi")
    change = words.changes.hamlets_cultural_ntm
    assert (change.size, change.up, change.stated) == ("36 ấp", True, True)
    assert "tăng 36 ấp so với cuối năm 2020" in prose.render(words)


def test_a2_2_without_the_stated_increase_the_change_is_computed(period_data):
    data = _without(period_data, "hamlets_cultural_ntm_increase")
    words, text = _rendered(a2_2, data, "en")
    change = words.changes.hamlets_cultural_ntm
    # 600 now against 564 at the baseline
    assert (change.size, change.up, change.stated) == ("36 hamlets", True, False)
    assert "(93.6%), up 36 hamlets since the end of 2020." in text
    assert words.missing == []  # nothing was left out


def test_a2_2_a_fall_since_the_baseline_reads_as_a_fall(period_data):
    data = _without(period_data, "households_cultural_ntm_increase")
    base = copy.copy(period_data.baseline)
    obs = base.observations.copy()
    obs.loc[obs["indicator"] == "households_cultural_ntm", "value"] = 213_000.0
    base.observations = obs
    data.baseline = base
    _, text = _rendered(a2_2, data)
    assert "tỷ lệ 92,13%, giảm 94 hộ so với cuối năm 2020." in text


def test_a2_2_without_baseline_nor_increase_the_change_is_left_out(period_data):
    data = _without(period_data, "hamlets_cultural_ntm_increase")
    data.baseline = None
    words, text = _rendered(a2_2, data)
    assert "600/641 ấp đạt chuẩn ấp văn hóa và ấp nông thôn mới, tỷ lệ 93,6%." in text
    assert words.changes.hamlets_cultural_ntm is None
    for code in ("hamlets_cultural_ntm_increase", "hamlets_cultural_ntm"):
        assert Missing("a2_2", code, data.province) in words.missing


def test_a2_2_table_and_chart(period_data):
    assert a2_2.changes_table(period_data, "vi").equals(change_table(period_data, [a2_2.REF], "vi"))
    assert isinstance(a2_2.shares_chart(period_data, "en"), Figure)
