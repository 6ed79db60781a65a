"""The 2021–2025 criteria sets load beside 2016–2020, and a period can name them."""

from __future__ import annotations

import pytest

from ntm_analysis import load_period
from ntm_analysis.dataset.reference import load_criteria_set


def test_2021_2025_set(data_dir):
    criteria = load_criteria_set(data_dir / "reference", "2021-2025")
    assert (criteria.commune_count, criteria.district_count) == (19, 9)
    assert criteria.decisions["commune"]["number"] == "318/QĐ-TTg"
    assert criteria.decisions["district"]["number"] == "320/QĐ-TTg"
    assert criteria.get("C11").name("vi") == "Nghèo đa chiều"
    assert all(c.name_vi and c.name_en and c.group_vi for c in criteria.commune)


@pytest.mark.parametrize(
    ("set_id", "communes", "decision"),
    [
        ("2021-2025-advanced", 19, "318/QĐ-TTg"),
        ("2021-2025-model", 4, "319/QĐ-TTg"),
    ],
)
def test_companion_sets(data_dir, set_id, communes, decision):
    criteria = load_criteria_set(data_dir / "reference", set_id)
    assert criteria.commune_count == communes and criteria.district_count == 0
    assert criteria.decisions["commune"]["number"] == decision
    assert criteria.decisions["commune"]["date"] == "2022-03-08"


def test_a_period_naming_the_2021_2025_set_loads(data_copy):
    meta = data_copy / "periods" / "2021-09" / "period.yml"
    text = meta.read_text(encoding="utf-8").replace(
        'criteria_set: "2016-2020"', 'criteria_set: "2021-2025"'
    )
    meta.write_text(text, encoding="utf-8")
    data = load_period("2021-09", data_copy, with_baseline=False)
    assert data.criteria.id == "2021-2025"
    assert data.criteria.commune_count == 19


def test_a_new_period_gets_the_set_covering_its_year(data_dir):
    from ntm_analysis.cycle.scaffold import set_for_year

    sets = sorted(p.stem for p in (data_dir / "reference" / "criteria").glob("*.yml"))
    assert "2021-2025-model" in sets
    assert set_for_year(sets, 2023) == "2021-2025"
    assert set_for_year(sets, 2019) == "2016-2020"
    assert set_for_year(sets, 2031) == "2021-2025"  # the latest range when none covers it
    assert set_for_year(["custom"], 2023) == "custom"
