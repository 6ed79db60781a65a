"""The outlook across periods: a year-end period, next year's targets, the reader's language."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml

from ntm_analysis import load_period
from ntm_analysis.cli import main
from ntm_analysis.errors import InputError
from ntm_analysis.outlook import Reach, outlook, outlook_frame, run_scenario
from ntm_analysis.report.sections import c as tv

PERIOD = "2021-09"


def _year_end_copy(data_copy: Path) -> str:
    """The shipped period copied as the last period of its year (same figures)."""
    source = data_copy / "periods" / PERIOD
    year = PERIOD[:4]
    closing = f"{year}-12"
    target = data_copy / "periods" / closing
    shutil.copytree(source, target)
    meta = yaml.safe_load((target / "period.yml").read_text(encoding="utf-8"))
    meta["period"] = closing
    meta["label"] = {"vi": f"Năm {year}", "en": f"Year {year}"}
    (target / "period.yml").write_text(yaml.safe_dump(meta, allow_unicode=True), "utf-8")
    return closing


def test_year_end_reads_met_or_missed(data_copy):
    data = load_period(_year_end_copy(data_copy), data_copy)
    rows = outlook(data)
    for row in rows:
        assert row.closes_year and row.projected is None and row.pace_multiple is None
        if row.current is not None:
            assert row.status in ("met", "missed")
        else:
            assert row.status in ("met", "missed", "unknown")
    by_id = {r.id: r.status for r in rows}
    assert by_id["hamlets_share"] == "met"  # 93,6% against 93%
    assert by_id["households_share"] == "missed"  # 92,13% against 95%
    assert by_id["chau_thanh_district_ntm"] == "missed"  # 6/9 district criteria
    frame = outlook_frame(rows, "vi")
    assert "Kết quả cuối năm" in frame.columns and not any("Dự báo" in c for c in frame.columns)


def test_mid_year_names_the_date_it_projects_to(period_data):
    year = period_data.year
    frame = outlook_frame(period_data, "vi")
    assert f"Dự kiến đến 31/12/{year}" in frame.columns and "Khoảng dự báo 80%" in frame.columns
    rows = outlook(period_data, "vi")
    projected = [r for r in rows if r.projected is not None]
    assert projected and all("Dự kiến cuối năm" in r.judgement_text("vi") for r in projected)


def test_next_year_targets_when_declared(data_copy):
    data = load_period(PERIOD, data_copy)
    assert tv.next_year_targets(data, "vi").empty
    declared = {
        "year": data.year + 1,
        "targets": [
            {
                "id": "synthetic_share",  # synthetic target
                "label": {"vi": "Tỷ lệ ấp văn hóa", "en": "Share of cultural hamlets"},
                "indicator": "hamlets_cultural_ntm_pct",
                "target": 96,
                "as_written": "96%",
            }
        ],
    }
    path = data_copy / "targets" / f"{data.year + 1}.yml"
    path.write_text(yaml.safe_dump(declared, allow_unicode=True), encoding="utf-8")
    frame = tv.next_year_targets(load_period(PERIOD, data_copy), "en")
    assert frame.values.tolist() == [["Share of cultural hamlets", "96%", "—"]]


def test_scenario_naming_an_unknown_commune_raises(period_data):
    with pytest.raises(InputError, match="99999"):
        run_scenario(period_data, [Reach(frozenset({"99999"}), 19)])


IDENTIFIER = re.compile(r"\b[a-z]+_[a-z0-9_]+\b")
ENGLISH = re.compile(r"\b(the|of|and|no|baseline|cannot|project|communes?|reported)\b")


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_notes_in_the_readers_language_without_identifiers(period_data, lang):
    rows = outlook(period_data, lang)
    said = [str(j.text) for j in tv.judgements(rows, lang)]
    text = " ".join([r.note for r in rows] + said)
    assert not IDENTIFIER.findall(text)
    if lang == "vi":
        assert not ENGLISH.findall(text)
    frame = outlook_frame(rows, lang)
    assert not frame.map(lambda v: bool(IDENTIFIER.search(str(v)))).any().any()


def test_raw_frame_keeps_codes_and_unrounded_values(period_data):
    raw = outlook_frame(period_data, "en", raw=True)
    assert {"id", "status", "current_low", "current_high"} <= set(raw.columns)
    assert set(raw["status"]) <= {"met", "on_track", "at_risk", "off_track", "missed", "unknown"}


def test_project_json_has_no_nan(capsys):
    assert main(["project", "--period", PERIOD, "--json"]) == 0
    out = capsys.readouterr().out
    assert "NaN" not in out
    payload = json.loads(out)
    assert sum(t["status"] == "unknown" for t in payload["targets"]) <= 2


def test_a_misdeclared_measure_is_an_input_error(data_copy):
    path = data_copy / "targets" / f"{PERIOD[:4]}.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("kind: year_to_date", "kind: year_to_dat"), encoding="utf-8")
    with pytest.raises(InputError, match="year_to_dat"):
        outlook(load_period(PERIOD, data_copy))
    path.write_text(
        text.replace("kind: communes_below, criteria: 14", "kind: communes_below"), "utf-8"
    )
    with pytest.raises(InputError, match="criteria"):
        outlook(load_period(PERIOD, data_copy))


def test_the_plan_is_one_scenario_an_analyst_can_extend(period_data):
    from ntm_analysis.outlook import Floor, plan_scenario

    plan = plan_scenario(period_data, 18.68)
    again = run_scenario(period_data, plan.rules(), target_average=18.68)
    assert again.total == plan.result.total
    top = period_data.criteria.commune_count
    everyone = run_scenario(period_data, [*plan.rules(), Floor(top)])
    assert everyone.average == (float(top), float(top))
