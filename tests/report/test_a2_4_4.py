"""A.II.4.4 (poverty reduction and social security; notebook 07): what the builder computes
for its templates, the parts the page shows one at a time, and the sentences and clauses it
leaves out for want of data."""

from __future__ import annotations

import copy
import re
from pathlib import Path

import pytest

from ntm_analysis.report.sections import a2_4_4, grouped, prose
from ntm_analysis.report.sections.data_quality import omitted_sentences

FOLDER = Path(a2_4_4.__file__).parent


def _without(period_data, *codes):
    data = copy.copy(period_data)
    obs = period_data.observations
    data.observations = obs[~obs["indicator"].isin(codes)].reset_index(drop=True)
    return data


def _missing(words):
    return {(m.code, m.area) for m in words.missing}


def test_templates_hold_wording_only():
    # no call into the data, no arithmetic on the year, no heading typed, no points chosen
    for lang in ("vi", "en"):
        text = (FOLDER / f"{lang}.md.j2").read_text(encoding="utf-8")
        assert not re.search(r"\b(has|has_list|fig|names|val|facts)\(", text), lang
        assert "year - 1" not in text and "4.4.1." not in text, lang
        assert "Tín dụng" not in text and "Preferential" not in text, lang
        assert "m.points" not in text and "m.doc" not in text and ".append(" not in text, lang


def test_each_part_prints_only_its_own_policy(period_data):
    words = a2_4_4.context(period_data, "vi")
    credit = prose.render(words, "credit")
    assert "23.611 lượt hộ" in credit and "thẻ bảo hiểm y tế" not in credit
    insurance = prose.render(words, "insurance")
    assert "451.519 thẻ bảo hiểm y tế" in insurance and "lượt hộ vay" not in insurance
    projects = prose.render(words, "4.4.1")
    assert "Ai Len" in projects and "lượt hộ vay" not in projects
    # a part shown under its own heading on the page carries no heading of its own
    assert "**" not in credit + projects and not credit.startswith("*")
    with pytest.raises(ValueError, match="no part 'loans'"):
        prose.render(words, "loans")


def test_the_whole_section_is_headed_from_the_outline(period_data):
    outline = period_data.outline
    for lang in ("vi", "en"):
        words = a2_4_4.context(period_data, lang)
        text = prose.render(words)
        assert f"**{outline.section('a2_4_4_1').heading(lang)}**" in text
        assert f"**{outline.section('a2_4_4_2').heading(lang)}**" in text
        credit_title = outline.section("a2_4_4_credit").title(lang)
        assert f"*{credit_title}.* " in text
        # 4.4.2 alone titles its policies inline, without the bold sub-headings
        policies = prose.render(words, "4.4.2")
        assert f"*{credit_title}.* " in policies and "**" not in policies
        assert "Ai Len" not in policies and "Irish" not in policies


def test_the_year_before_and_the_years_come_from_the_period(period_data):
    words = a2_4_4.context(period_data, "vi")
    assert words.previous_year == period_data.year - 1
    text = prose.render(words, "4.4.1")
    assert f"Năm {period_data.year - 1} đã giải ngân 276 triệu đồng" in text
    assert f"riêng năm {period_data.year} giải ngân 4.173 triệu đồng" in text


def test_other_lending_programmes_in_their_tables_order(period_data):
    words = a2_4_4.context(period_data, "vi")
    assert [loan.kind for loan in words.other_loans] == [
        "students",
        "water_sanitation",
        "jobs",
        "labour_export",
    ]
    assert (words.other_loans[1].borrowers, words.other_loans[1].amount) == (
        "6.563 hộ",
        "79.655 triệu đồng",
    )
    text = prose.render(words, "credit")
    assert (
        "259 học sinh, sinh viên có hoàn cảnh khó khăn vay 16.869 triệu đồng; "
        "6.563 hộ vay nước sạch, vệ sinh môi trường 79.655 triệu đồng;"
    ) in text
    english = prose.render(a2_4_4.context(period_data, "en"), "credit")
    assert "6,563 households borrowed 79,655 million VND for clean water and sanitation" in (
        english
    )


def test_a_lending_programme_without_its_amount_is_left_out_and_recorded(period_data):
    data = _without(period_data, "sb_loans_jobs_amount")
    words = a2_4_4.context(data, "vi")
    assert [loan.kind for loan in words.other_loans] == [
        "students",
        "water_sanitation",
        "labour_export",
    ]
    text = prose.render(words, "credit")
    assert "vay giải quyết việc làm" not in text and "vay xuất khẩu lao động 2.736" in text
    assert ("sb_loans_jobs_amount", period_data.province) in _missing(words)
    none_left = _without(
        period_data,
        *(borrowers for _, borrowers, _ in a2_4_4.OTHER_LOANS),
    )
    assert "Ngoài ra" not in prose.render(a2_4_4.context(none_left, "vi"), "credit")


def test_legal_bases_are_chosen_by_figure_and_named_by_their_kind(period_data):
    words = a2_4_4.context(period_data, "vi")
    (basis,) = words.legal.electricity_support_households
    assert basis.document.startswith("Thông tư số 190/2014/TT-BTC")
    assert words.legal.sb_loans_amount == []  # a figure no legal basis grounds
    text = prose.render(words, "electricity")
    assert text.startswith(f"Thực hiện {basis.document}, toàn tỉnh đã hỗ trợ 5.127 hộ nghèo")
    assert "(mức hỗ trợ 55.000đ/hộ/tháng theo Công văn số 1568/UBND-KT" in text
    # without its legal basis the sentence opens on the province
    data = copy.copy(period_data)
    data.notes = [
        n for n in period_data.notes if "electricity_support_households" not in n.indicators
    ]
    alone = prose.render(a2_4_4.context(data, "vi"), "electricity")
    assert alone.startswith("Toàn tỉnh đã hỗ trợ 5.127 hộ nghèo")


def test_points_sit_beside_the_figures_that_measure_them(period_data):
    words = a2_4_4.context(period_data, "vi")
    assert [f.kind for f in words.housing_points] == ["legal_basis", "activity"]
    text = prose.render(words, "housing")
    first, second = words.housing_points
    assert text.index(first.clause) < text.index(second.text) < text.index("Đề xuất bố trí")


@pytest.mark.parametrize(
    "code,clause",
    [
        ("edu116_lodging_amount", "tiền ở cho 86 học sinh"),
        ("edu86_reduced_50_amount", "giảm 50% học phí"),
        ("tuition_reduction_high_pct", "giảm 70% học phí"),
        ("hi_cards_near_poor_amount", "hộ cận nghèo 21.214 thẻ"),
        ("medical_support_meal_amount", "tiền ăn 11.838 lượt người"),
    ],
)
def test_a_clause_whose_figure_is_missing_is_left_out_and_listed(period_data, code, clause):
    # these clauses printed a second figure without asking for it (a KeyError on the page)
    data = _without(period_data, code)
    words = a2_4_4.context(data, "vi")
    text = prose.render(words)
    assert clause not in text and "None" not in text
    assert (code, period_data.province) in _missing(words)
    label = period_data.catalogue.label(code, "vi")
    assert label in set(omitted_sentences(data, "vi")["Số liệu còn thiếu"])


def test_tables_and_charts_come_from_the_builders_own_specs(period_data):
    from ntm_analysis.report.charts import alt_text

    assert set(grouped.builder_tables("a2_4_4")) == {
        "capital",
        "credit",
        "credit_other",
        "health_cards",
        "education",
        "medical",
    }
    capital = a2_4_4.capital_table(period_data, "vi")
    assert capital.iloc[0].tolist()[1:] == ["12.984", "641", "4,93"]
    cards = a2_4_4.health_cards_table(period_data, "en")
    assert cards.columns.tolist() == ["Group", "Cards", "Cost (million VND)"]
    alt = alt_text(a2_4_4.health_cards_chart(period_data, "Cards", "en"))
    assert "11,651" in alt and "451,519" not in alt  # the total stays out of the chart
    assert not a2_4_4.medical_table(period_data, "vi").empty
    assert not a2_4_4.education_table(period_data, "vi").empty
    assert len(a2_4_4.credit_other_table(period_data, "vi")) == 4
