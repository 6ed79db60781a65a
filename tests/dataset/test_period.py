"""load_period on the shipped data, and figures recomputed from its tables (golden back-tests).

Each expectation read from the data is compared with a figure the source prints; the source
section is named beside it.
"""

from __future__ import annotations

import pandas as pd

from ntm_analysis.dataset.reference import districts_of


def test_reference_units(period_data):
    units = period_data.units
    assert len(units) == 106  # GSO list of 2021-02-03
    assert units["unit_type"].value_counts().to_dict() == {"xa": 85, "phuong": 11, "thi_tran": 10}
    assert units["district_code"].nunique() == 9
    assert units["unit_code"].str.fullmatch(r"\d{5}").all()


def test_criteria_set_is_named_by_the_period(period_data):
    assert period_data.meta["criteria_set"] == "2016-2020"
    assert period_data.criteria.commune_count == 19
    assert period_data.criteria.district_count == 9
    assert period_data.criteria.get("C17").group_en


def test_every_commune_and_district_carries_a_gso_code(period_data):
    communes = period_data.communes
    xa = period_data.units.query("unit_type == 'xa'")
    assert sorted(communes["code"]) == sorted(xa["unit_code"])
    assert sorted(period_data.districts["code"]) == sorted(xa["district_code"].unique())


def test_communes_total_matches_table(period_data):
    # A.II.1: "72/85 xã" — the commune universe is the 85 xã
    assert period_data.value("communes_total") == len(period_data.communes)


def test_recognised_districts_match_table(period_data):
    # A.II.1: 05/9 district-level units recognised
    recognised = (period_data.districts["ntm_status"] == "recognised").sum()
    assert recognised == period_data.value("districts_ntm_recognised")
    listed = set(period_data.list_items("recognised_ntm_districts")["item"])
    assert listed == set(period_data.districts.query("ntm_status == 'recognised'")["code"])


def test_recognised_communes_add_up_by_district(period_data):
    """69 recognised communes (A.II.1) = the communes of the 5 recognised districts + the
    district-level counts the source gives for the other four (A.II.1)."""
    data = period_data
    table = districts_of(data.units).merge(data.districts[["code", "ntm_status"]], on="code")
    recognised_districts = table.query("ntm_status == 'recognised'")
    others = table.query("ntm_status != 'recognised'")
    total = recognised_districts["xa"].sum() + sum(
        data.value("communes_ntm_recognised", code) for code in others["code"]
    )
    assert total == data.value("communes_ntm_recognised")


def test_communes_at_19_include_registered_ones(period_data):
    """72 at 19/19 = 69 recognised + 3 registered communes already at 19 (A.II.1)."""
    data = period_data
    assert data.value("communes_19_criteria") == data.value("communes_ntm_recognised") + data.value(
        "registered_ntm_communes_19_criteria"
    )
    named = data.communes.query("registered == 'ntm' and criteria_min == 19")
    assert len(named) == data.value("registered_ntm_communes_19_criteria")


def test_advanced_communes_table_equals_footnote(period_data):
    # A.II.1 and its footnote 1: 11 advanced NTM communes, named
    data = period_data
    advanced = set(data.communes.query("advanced_status == 'recognised'")["code"])
    assert len(advanced) == data.value("communes_advanced_ntm")
    assert advanced == set(data.list_items("advanced_ntm_communes")["item"])


def test_bands_are_feasible_in_the_table(period_data):
    """Each reported band count lies between the communes certainly and possibly in it."""
    c = period_data.communes
    for code, (lo, hi) in {
        "communes_19_criteria": (19, 19),
        "communes_15_18_criteria": (15, 18),
        "communes_10_14_criteria": (10, 14),
    }.items():
        certain = ((c["criteria_min"] >= lo) & (c["criteria_max"] <= hi)).sum()
        possible = ((c["criteria_max"] >= lo) & (c["criteria_min"] <= hi)).sum()
        assert certain <= period_data.value(code) <= possible, code


def test_district_criteria_counts(period_data):
    # A.II.1: Châu Thành 6/9, Trà Cú 5/9, Cầu Ngang 6/9, Duyên Hải 5/9 district criteria
    # Châu Thành names only 5 of its 6 met criteria: the unnamed one is unknown, never "met".
    table = period_data.district_criteria
    met = table.query("met == 'yes'").groupby("district_code").size()
    unknown = table.query("met == 'unknown'").groupby("district_code").size()
    for code in ("847", "848", "849", "850"):
        named = met[code] + unknown.get(code, 0)
        assert met[code] <= period_data.value("district_criteria_met", code) <= named
    assert unknown.get("847") == 1
    assert table.query("district_code == '847' and criterion == 'D02'")["met"].item() == "unknown"


def test_observations_are_typed_and_sourced(period_data):
    obs = period_data.observations
    assert obs["value"].dtype == "float64"
    assert obs["area"].map(type).eq(str).all()
    assert (obs["section"] != "").all()
    assert set(obs["provenance"]) <= {"reported", "derived"}
    reported = obs[obs["provenance"] == "reported"]
    assert (reported["as_written"] != "").all()


def test_baseline_and_targets(period_data):
    base = period_data.baseline
    assert base is not None and base.period == "2020-12"
    # A.II.2: 600 hamlets now, +36 since end-2020; the baseline row is derived from both
    change = period_data.value("hamlets_cultural_ntm") - base.value("hamlets_cultural_ntm")
    assert change == 36
    ids = {t.id for t in period_data.targets}
    assert len(ids) == len(period_data.targets) >= 10
    # C.I: an average of 18,68 criteria per commune
    avg = next(t for t in period_data.targets if t.indicator == "criteria_avg_per_commune")
    assert avg.as_written == "18,68" and avg.target == 18.68


def test_value_lookup_errors_are_clear(period_data):
    import pytest

    with pytest.raises(KeyError, match="not in the indicator catalogue"):
        period_data.value("no_such_indicator")
    with pytest.raises(KeyError, match="no observation"):
        period_data.value("communes_total", "29236")


def test_list_items_resolve_to_units(period_data):
    lists = period_data.lists
    codes = set(period_data.units["unit_code"]) | set(period_data.units["district_code"])
    codes |= period_data.criteria.ids()
    assert lists["item"].isin(codes).all()
    assert isinstance(lists, pd.DataFrame) and len(lists) > 100
