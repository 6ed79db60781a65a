"""A.II.4.7–4.8 (governance, access to law, defence and security; notebook 10): what the
builder computes for its templates, its two parts, and what it leaves out."""

from __future__ import annotations

import copy
import re
from pathlib import Path

import pytest

from ntm_analysis.report.sections import a2_4_7, grouped, prose

FOLDER = Path(a2_4_7.__file__).parent


def test_templates_hold_wording_only():
    # no call into the data, no heading, criterion or province typed in a template
    for lang in ("vi", "en"):
        text = (FOLDER / f"{lang}.md.j2").read_text(encoding="utf-8")
        assert not re.search(r"\b(has|has_list|fig|names|val|facts)\(", text), lang
        assert "Trà Vinh" not in text and "18" not in text and "4.7." not in text, lang
        assert "m.points" not in text and "m.unlinked" not in text, lang


def test_the_parts_split_the_page_and_the_whole_is_headed_from_the_outline(period_data):
    outline = period_data.outline
    words = a2_4_7.context(period_data, "vi")
    governance, security = prose.render(words, "4.7"), prose.render(words, "4.8")
    assert "14 xã" in governance and "tuần tra" not in governance and "**" not in governance
    assert "tuần tra" in security and "Đoàn kiểm tra" not in security
    whole = prose.render(words)
    first, second = (f"**{outline.section(k).heading('vi')}**" for k in ("a2_4_7", "a2_4_8"))
    assert whole.index(first) < whole.index("14 xã") < whole.index(second)
    with pytest.raises(ValueError, match=r"no part '4\.9'"):
        prose.render(words, "4.9")


def test_the_criterion_is_named_from_the_criteria_set(period_data):
    words = a2_4_7.context(period_data, "vi")
    (criterion,) = words.criteria
    c18 = period_data.criteria.get("C18")
    assert (criterion.number, criterion.name) == (c18.number, c18.name("vi"))
    assert (criterion.met, criterion.total) == ("85", "85 xã")
    assert f"tiêu chí số 18 về {c18.name('vi')} có 85/85 xã đạt" in prose.render(words, "4.7")
    english = prose.render(a2_4_7.context(period_data, "en"), "4.7")
    assert "Criterion 18 (political system and access to law) is now met by 85 of 85" in english


def test_a_criterion_without_its_total_is_left_out_and_recorded(period_data):
    data = copy.copy(period_data)
    obs = period_data.observations
    data.observations = obs[obs["indicator"] != "communes_total_c18"]
    words = a2_4_7.context(data, "vi")
    assert words.criteria == []
    assert "tiêu chí số 18" not in prose.render(words)
    assert "communes_total_c18" in {m.code for m in words.missing}


def test_the_stations_name_is_the_provinces_own(period_data):
    words = a2_4_7.context(period_data, "vi")
    assert words.province == "Trà Vinh"
    data = copy.copy(period_data)
    data.units = period_data.units.assign(province_name="Vĩnh Long")
    assert "Đài Truyền hình Vĩnh Long" in prose.render(a2_4_7.context(data, "vi"), "4.7")
    assert "on Vĩnh Long Television" in prose.render(a2_4_7.context(data, "en"), "4.7")


def test_the_opening_and_the_movement_are_the_points_no_figure_measures(period_data):
    words = a2_4_7.context(period_data, "vi")
    assert [f.kind for f in words.opening] == ["legal_basis", "cause"]
    assert all(not f.indicators for f in words.opening + words.movement)
    governance = prose.render(words, "4.7")
    assert governance.startswith(words.opening[0].clause)
    security = prose.render(words, "4.8")
    movement = f"*Phong trào toàn dân bảo vệ an ninh Tổ quốc.* {words.movement[0].clause} (theo"
    assert movement in security


def test_the_movement_is_left_out_when_it_has_neither_points_nor_figures(period_data):
    data = copy.copy(period_data)
    data.notes = [n for n in period_data.notes if n.section != "A.II.4.8"]
    obs = period_data.observations
    data.observations = obs[~obs["indicator"].isin(["security_models_new"])]
    security = prose.render(a2_4_7.context(data, "vi"), "4.8")
    assert "Phong trào toàn dân" not in security and "tuần tra" in security


def test_the_security_table_comes_from_the_builders_own_spec(period_data):
    assert set(grouped.builder_tables("a2_4_7")) == {"security"}
    table = a2_4_7.security_table(period_data, "en")
    assert table.columns.tolist() == ["Result", "Political security", "Social order"]
    assert "7,839" in table.iloc[:, 2].tolist()
