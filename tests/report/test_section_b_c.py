"""Sections B and C: what their builders compute for the templates (order, labels, figures in
words, the pieces a sentence is made of) and what they record as missing."""

from __future__ import annotations

import copy
import dataclasses

import pytest

from ntm_analysis.report.sections import b, c
from ntm_analysis.report.sections.data_quality import omitted_sentences
from ntm_analysis.report.sections.prose import render


def _without(data, indicator: str, area: str | None = None):
    """A shallow copy of the period without one figure (at one area, or everywhere)."""
    out = copy.copy(data)
    obs = data.observations
    drop = obs["indicator"] == indicator
    if area is not None:
        drop &= obs["area"] == area
    out.observations = obs[~drop].reset_index(drop=True)
    return out


# --- B ---------------------------------------------------------------------------------------


def test_b_points_in_order_with_their_linked_figures(period_data):
    words = b.context(period_data, "vi")
    recorded = [p for p in period_data.notes if p.section.startswith("B.")]
    kinds = {"achievement": words.achievements, "shortcoming": words.shortcomings}
    for kind, points in (*kinds.items(), ("cause", words.causes)):
        texts = [p.text_in("vi").rstrip(".") for p in recorded if p.kind == kind]
        assert [p.text for p in points] == texts, kind
    # B.II.1 slow disbursement, measured by A.II.3's rate: the label continues the sentence
    slow = next(p for p in words.shortcomings if "47,46%" in p.figures)
    assert slow.figures == "tỷ lệ giải ngân so với vốn được phân bổ: 47,46%"
    assert sum(bool(p.figures) for p in words.shortcomings) == 3  # not the resources total
    english = b.context(period_data, "en")
    assert "disbursement rate against allocated capital: 47.46%" in [
        p.figures for p in english.shortcomings
    ]
    assert words.missing == []


def test_b_a_linked_figure_the_period_lacks_leaves_the_point_without_it(period_data):
    data = _without(period_data, "ntm_disbursement_pct")
    words = b.context(data, "vi")
    slow = [p for p in words.shortcomings if "giải ngân" in p.text.lower()]
    assert slow and all(p.figures == "" for p in slow)
    text = render(words, "points")
    assert "47,46%" not in text and "Giải ngân vốn ngân sách tỉnh còn chậm." in text


def test_b_the_sentence_above_its_table_says_what_the_table_holds(period_data):
    words = b.context(period_data, "vi")
    table = b.measurable_shortcomings(period_data, "vi")
    assert words.lagging == 3 and words.at_risk == len(table) - 3
    both = render(words, "shortcomings").strip()
    assert both.startswith("Tỷ lệ giải ngân") and "mục tiêu cuối năm" in both
    assert "I. Kết quả đạt được" not in both
    only_targets = render(dataclasses.replace(words, lagging=0), "shortcomings").strip()
    assert only_targets == "Các mục tiêu cuối năm có nguy cơ không đạt."
    only_lags = render(dataclasses.replace(words, at_risk=0), "shortcomings")
    assert "mục tiêu" not in only_lags and "Tỷ lệ giải ngân" in only_lags
    assert render(dataclasses.replace(words, lagging=0, at_risk=0), "shortcomings").strip() == ""
    points = render(words, "points")
    assert "I. Kết quả đạt được" in points and both not in points
    assert render(words).index("Nguyên nhân") < render(words).index(both)  # all: points first


# --- C ---------------------------------------------------------------------------------------


def test_c_targets_of_c1_in_words(period_data):
    words = c.context(period_data, "vi")
    c1 = [t for t in period_data.targets if (t.section or "C.I") == "C.I"]
    assert [t.id for t in words.targets] == [t.id for t in c1]
    assert "disbursement_full" in [t.id for t in period_data.targets]
    assert "disbursement_full" not in [t.id for t in words.targets]  # a target of C.II.1
    by_id = {t.id: t for t in words.targets}
    ntm = by_id["ntm_communes"]
    assert (ntm.label, ntm.figure) == ("Số xã đạt chuẩn NTM trong năm 2021", "8 xã")
    assert ntm.names.startswith("Hòa Lợi, Phước Hảo, Đa Lộc (huyện Châu Thành); Thanh Sơn")
    assert by_id["model_communes"].figure == "1–2 xã"  # a range, without leading zeros
    assert by_id["hamlets_share"].figure == "93%"  # no unit word after a percentage
    assert by_id["criteria_increase_each_commune"].figure == ""  # the label says "2" already
    assert by_id["no_commune_below_14"].figure == ""  # printed in words, not a figure
    assert by_id["chau_thanh_district_ntm"].names is None
    english = {t.id: t for t in c.context(period_data, "en").targets}
    assert english["model_communes"].figure == "1–2 communes"
    assert [n.names.split(":")[0] for n in words.named_notes] == ["3 xã", "10 xã"]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_c_judgements_follow_their_own_heading_not_the_last_solution(period_data, lang):
    words = c.context(period_data, lang)
    outlook = render(words, "outlook")
    heading = outlook.split("\n\n")[0]
    assert heading.startswith("**III. ") and words.judgements[0].label not in heading
    assert "**III. " not in render(words, "plan")
    empty = dataclasses.replace(words, judgements=[])
    assert render(empty, "outlook").strip() == ""  # no heading over nothing


def test_c_target_by_id_and_a_target_the_year_lacks(period_data):
    words = c.context(period_data, "vi")
    assert words.target.model_communes.figure == "1–2 xã"
    data = copy.copy(period_data)
    data.targets = [t for t in period_data.targets if t.id != "model_communes"]
    words = c.context(data, "vi")
    text = render(words)
    assert words.target.model_communes is None
    assert "kiểu mẫu" not in text.split("Tập trung hỗ trợ")[1].split("\n")[0]
    assert "model_communes" in [m.code for m in words.missing]


def test_c_focus_sentence_follows_the_third_task_and_names_the_districts(period_data):
    words = c.context(period_data, "vi")
    tasks = [p.text_in("vi") for p in period_data.notes if p.kind == "task"]
    assert words.tasks_before == tasks[:3] and words.tasks_after == tasks[3:]
    # Châu Thành plans NTM this year; Duyên Hải's "trước năm 2023" is not this year's plan
    assert words.focus_districts == ["huyện Châu Thành"]
    lines = render(words).splitlines()
    focus = next(i for i, line in enumerate(lines) if line.startswith("- Tập trung hỗ trợ"))
    assert lines[focus - 1] == "- " + tasks[2] and lines[focus + 1] == "- " + tasks[3]
    assert lines[focus] == (
        "- Tập trung hỗ trợ huyện Châu Thành sớm đạt chuẩn nông thôn mới, 11 xã đăng ký đạt "
        "chuẩn nông thôn mới trong năm, 20 xã đạt chuẩn nông thôn mới nâng cao và 1–2 xã đạt "
        "chuẩn nông thôn mới kiểu mẫu."
    )
    assert c.context(period_data, "en").focus_districts == ["Châu Thành district"]


def test_c_a_district_without_its_planned_year_is_recorded_missing(period_data):
    data = _without(period_data, "district_ntm_plan_year", "847")  # Châu Thành
    words = c.context(data, "vi")
    assert words.focus_districts == []
    assert ("district_ntm_plan_year", "847") in [(m.code, m.area) for m in words.missing]
    assert "huyện Châu Thành sớm" not in render(words)
    omitted = omitted_sentences(data, "vi")
    row = omitted[omitted["Địa bàn"] == "huyện Châu Thành"]
    label = period_data.catalogue.label("district_ntm_plan_year", "vi")
    assert label in set(row["Số liệu còn thiếu"])


def test_c_no_focus_sentence_without_anything_to_focus_on(period_data):
    data = _without(period_data, "district_ntm_plan_year", "847")
    obs = data.observations
    data.observations = obs[~obs["indicator"].str.startswith("registered_")].reset_index(drop=True)
    data.targets = [t for t in period_data.targets if t.id != "model_communes"]
    assert "Tập trung hỗ trợ" not in render(c.context(data, "vi"))


def test_c_solutions_by_group_numbered_and_titled(period_data):
    words = c.context(period_data, "vi")
    assert [g.number for g in words.solutions] == [f"2.{n}" for n in range(1, 7)]
    assert words.solutions[0].title == "Quán triệt chủ trương, chính sách"
    assert len(words.solutions[1].points) == 3  # 2.2 holds three points under one title
    cited = [cite for g in words.solutions for _, cite in g.points if cite]
    assert cited == ["Chỉ thị số 15-CT/TU của Ban Thường vụ Tỉnh ủy"]
    assert all(not text.endswith(".") for g in words.solutions for text, _ in g.points)
    english = c.context(period_data, "en").solutions
    assert english[1].title == "Mobilising and allocating resources"


def test_c_next_year_targets_as_printed_in_each_language(data_copy):
    import yaml

    from ntm_analysis import load_period

    data = load_period("2021-09", data_copy)
    common = {"direction": "at_least", "stretch": None}
    targets = [
        {"id": "share", "label": {"vi": "Tỷ lệ ấp", "en": "Hamlet share"}, "target": 87.5}
        | {"indicator": "hamlets_cultural_ntm_pct", "as_written": "87,5%"},
        {"id": "below", "label": {"vi": "Xã dưới 14", "en": "Below 14"}, "target": 0}
        | {"indicator": "communes_below_14_criteria", "as_written": "không còn xã"}
        | {"direction": "at_most"},
    ]
    declared = {"year": data.year + 1, "targets": [common | t for t in targets]}
    path = data_copy / "targets" / f"{data.year + 1}.yml"
    path.write_text(yaml.safe_dump(declared, allow_unicode=True), encoding="utf-8")
    data = load_period("2021-09", data_copy)
    vi = c.next_year_targets(data, "vi")
    assert vi.values.tolist() == [["Tỷ lệ ấp", "87,5%", "—"], ["Xã dưới 14", "không còn xã", "—"]]
    en = c.next_year_targets(data, "en")
    assert en.values.tolist() == [["Hamlet share", "87.5%", "—"], ["Below 14", "0", "—"]]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_c_tables_have_distinct_column_names(period_data, lang):
    from ntm_analysis.outlook import outlook

    styled = c.styled_outlook(outlook(period_data), lang)
    assert styled.data.columns.is_unique
    html = styled.to_html()  # a Styler refuses to render duplicated columns
    assert 'class="ntm-table"' in html  # laid out like the page's other tables (text left)
    assert c.next_year_targets(period_data, lang).columns.is_unique


def test_c_table_cells_name_districts_with_a_capital_as_the_annexes_do(period_data):
    from ntm_analysis.report.sections.c.outlook_views import _communes, _districts

    for frame in (c.gap_table(period_data, "vi"), _communes(period_data, "vi")):
        assert frame.iloc[:, 1].str.match(r"^(Huyện|Thị xã|Thành phố) ").all()
    assert _districts(period_data, "vi").iloc[:, 0].str.startswith("Huyện ").all()
