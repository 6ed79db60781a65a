"""The shipped 2021-09 period: its findings (snapshot) and the source's golden figures."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from ntm_analysis.quality import check_period, counts, findings_frame, findings_table

SNAPSHOT = Path(__file__).parent / "snapshots" / "2021-09.json"


def _plain(value):
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def test_findings_snapshot(period_data):
    """Any change to the findings shows up here; update the snapshot in the same review.

    Regenerate: ntm-report validate --period 2021-09 --json, keeping id/severity/reported/
    computed of each finding.
    """
    expected = json.loads(SNAPSHOT.read_text(encoding="utf-8"))["findings"]
    found = [
        {k: v for k, v in f.to_json().items() if k in ("id", "severity", "reported", "computed")}
        for f in check_period(period_data)
    ]
    assert found == expected


def test_known_contradictions_are_errors(period_data):
    by_id = {f.id: f for f in check_period(period_data)}
    # A.II.4.4: Decree 86 students: 806 + 4.749 + 1.201 + 757 = 7.513, printed 10.513
    assert by_id["sum:edu86_students_by_support:84"].severity == "error"
    assert by_id["sum:edu86_students_by_support:84"].computed == 7513
    # A.II.4.4: Irish aid disbursed 276 (2020) + 4.173 (2021) = 4.449, printed 4.967
    assert by_id["sum:irish_aid_disbursed_by_year:84"].computed == 4449
    # A.II.1: Châu Thành said to meet 6/9 district criteria, only 5 named
    assert by_id["listed:district_criteria_met_listed:847"].computed == 5


def test_truncated_percentages_are_warnings(period_data):
    by_id = {f.id: f for f in check_period(period_data)}
    # A.II.4.5: 72/85 = 84,706 % printed 84,70 %; 15/21 = 71,43 % printed 71,42 %
    for fid in ("ratio:share_cultural_communes:84", "ratio:share_civilised_wards_townships:84"):
        assert by_id[fid].severity == "warning" and "truncated" in by_id[fid].message_en


def test_no_false_alarm_on_consistent_ratios(period_data):
    ids = {f.id for f in check_period(period_data)}
    # A.II.1: 72/85 printed 84,7 %; A.II.2: 600/641 printed 93,6 %; A.II.4.6: 104/106 98,11 %
    for fid in ("ratio:share_communes_19:84", "ratio:share_hamlets_cultural_ntm:84"):
        assert fid not in ids


def test_outputs_for_people(period_data):
    findings = check_period(period_data)
    assert counts(findings)["error"] >= 1
    table = findings_table(findings, lang="vi", period="2021-09")
    assert table.splitlines()[0].startswith("2021-09:") and "lỗi" in table
    frame = findings_frame(findings, lang="en")
    assert list(frame.columns)[:3] == ["Severity", "Section", "Area"]
    assert len(frame) == len(findings)


def test_correction_applies_and_stays_visible(data_copy):
    from ntm_analysis import load_period

    path = data_copy / "periods" / "2021-09" / "corrections.yml"
    path.write_text(
        "corrections:\n"
        "  - indicator: edu86_students\n"
        "    area: '84'\n"
        "    value: 7513\n"
        "    expect: '10.513'\n"
        "    reason: parts add up to 7.513; the total's first digit is a typo\n",
        encoding="utf-8",
    )
    data = load_period("2021-09", data_copy)
    assert data.value("edu86_students") == 7513
    finding = next(f for f in check_period(data) if f.id == "sum:edu86_students_by_support:84")
    assert finding.corrected and "typo" in finding.message("en")


def test_correction_guard_fails_when_source_changes(data_copy):
    from ntm_analysis import load_period
    from ntm_analysis.errors import InputError

    path = data_copy / "periods" / "2021-09" / "corrections.yml"
    path.write_text(
        "corrections:\n"
        "  - {indicator: edu86_students, area: '84', value: 7513, expect: '9.999',"
        " reason: typo}\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as caught:
        load_period("2021-09", data_copy)
    assert re.search(r"expects the source to print '9\.999'", caught.value.render("en"))


def test_a_total_or_rate_finding_names_its_figure_in_each_language(period_data):
    named = [f for f in check_period(period_data) if f.check in ("sum", "ratio")]
    assert named
    catalogue = period_data.catalogue
    for f in named:
        primary = f.indicators[-1] if f.check == "ratio" else f.indicators[0]
        assert f.message_vi.startswith(catalogue.label(primary, "vi") + ": "), f.message_vi
        assert f.message_en.startswith(catalogue.label(primary, "en") + ": "), f.message_en
