"""The outlook on the shipped 2021-09 data: figures are read from the data, never typed."""

from __future__ import annotations

import json
import re

import pytest
import yaml

from ntm_analysis.cli import main
from ntm_analysis.outlook import (
    STATUSES,
    Floor,
    criteria_position,
    outlook,
    outlook_table,
    reach_list,
    run_scenario,
    supply,
)

CONTRACT = [
    "id",
    "label",
    "baseline",
    "current",
    "target",
    "required_change",
    "projected",
    "status",
]
FORECAST = ["central", "low", "high", "p_meet"]  # issue 18: the 80 % interval and P(meet)
EXTRAS = ["stretch", "p_stretch", "pace_multiple", "months_remaining", "unit", "judgement", "note"]


@pytest.fixture(scope="module")
def rows(period_data):
    return outlook(period_data)


def test_a_row_for_every_target_of_the_year(rows, data_dir, period_data):
    declared = yaml.safe_load((data_dir / "targets" / f"{period_data.year}.yml").read_text())
    assert [r.id for r in rows] == [t["id"] for t in declared["targets"]]
    for row in rows:
        assert row.status in STATUSES
        out = row.to_json("en")
        assert list(out) == CONTRACT + FORECAST + EXTRAS
        assert out["months_remaining"] == 12 - period_data.months


def test_criteria_gap_interval_contains_the_printed_gap(period_data):
    target = period_data.target("criteria_average").target
    printed = period_data.value("criteria_avg_per_commune")
    communes = period_data.value("communes_total")
    position = criteria_position(period_data)
    low, high = position.gain_needed(target)
    assert low <= (target - printed) * communes <= high
    assert position.average[0] <= printed <= position.average[1]
    assert position.table_total[0] <= position.total[0] <= position.total[1]


def test_every_commune_at_the_top_gives_the_top_average(period_data):
    top = period_data.criteria.commune_count
    result = run_scenario(period_data, [Floor(top)])
    assert result.average == (float(top), float(top))


def test_registered_communes_reaching_the_top_raise_the_average(period_data):
    base = criteria_position(period_data)
    rule = reach_list(period_data, period_data.target("ntm_communes").list)
    result = run_scenario(period_data, [rule])
    assert result.total[0] >= base.total[0]
    assert result.total[1] <= base.total[1] + sum(
        period_data.criteria.commune_count - int(r.criteria_min)
        for r in period_data.communes.itertuples()
        if r.code in rule.codes
    )


def test_supply_lists_only_communes_below_the_top(period_data):
    table = supply(period_data)
    top = period_data.criteria.commune_count
    below = period_data.communes[period_data.communes["criteria_min"] < top]
    assert set(table["code"]) == set(below["code"])
    assert (table["gap_max"] == top - table["criteria_min"]).all()


def test_listed_communes_count(rows, period_data):
    row = next(r for r in rows if r.id == "ntm_communes")
    target = period_data.target("ntm_communes")
    listed = set(period_data.list_items(target.list)["item"])
    table = period_data.communes[period_data.communes["code"].isin(listed)]
    assert row.current == (table["criteria_min"] >= period_data.criteria.commune_count).sum()


def test_met_target_on_unrounded_share(rows, period_data):
    row = next(r for r in rows if r.id == "hamlets_share")
    share = period_data.value("hamlets_cultural_ntm") / period_data.value("hamlets_total") * 100
    assert row.current == pytest.approx(share)
    assert (row.status == "met") == (share >= period_data.target("hamlets_share").target)


def test_no_invented_numbers(rows, period_data):
    """A figure moved by a pace needs a baseline to project; a declared kind projects from its
    communes and districts; a forecast always comes with its interval and P(meet)."""
    for row in rows:
        declared = bool(period_data.target(row.id).measure.get("kind"))
        if row.baseline is None and not declared:
            assert row.projected is None and row.pace_multiple is None
            assert row.status in ("met", "unknown")
        if row.projected is not None:
            assert row.low <= row.central <= row.high and 0 <= row.p_meet <= 1
        if row.current is None and row.current_range is None:
            assert row.status in ("met", "unknown") and row.note


def test_at_most_two_targets_unknown(rows):
    assert sum(r.status == "unknown" for r in rows) <= 2


def test_table_languages(rows, period_data):
    vi = outlook_table(rows, lang="vi")
    en = outlook_table(rows, lang="en")
    assert period_data.targets[0].label("vi") in vi
    assert "Đánh giá" in vi and "Status" in en


def test_cli_json(capsys):
    assert main(["project", "--period", "2021-09", "--json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["period"] == "2021-09"
    assert all(set(CONTRACT) <= set(t) for t in payload["targets"])


def test_targets_are_shown_as_printed(period_data):
    from ntm_analysis.outlook import outlook_frame

    frame = outlook_frame(period_data, "vi")
    shown = dict(frame[["Chỉ tiêu", "Mục tiêu"]].itertuples(index=False))
    # C.I: model communes "01-02" (a range stays a range), hamlets "93%", average "18,68"
    assert shown["Số xã đạt chuẩn NTM kiểu mẫu"] == "1–2"
    assert shown["Tỷ lệ ấp văn hóa và ấp NTM"] == "93%"
    assert shown["Số tiêu chí bình quân mỗi xã toàn tỉnh"] == "18,68"


def test_a_recomputed_rate_quotes_the_printed_figure_in_the_language_of_the_note(period_data):
    english = [r.note_text("en") for r in outlook(period_data, "en")]
    vietnamese = [r.note_text("vi") for r in outlook(period_data, "vi")]
    assert any("(printed 93.6%)" in n for n in english if n)
    assert not any(re.search(r"printed \d+,\d", n) for n in english if n)
    assert any("(báo cáo in 93,6%)" in n for n in vietnamese if n)
