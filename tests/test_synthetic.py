"""The synthetic data generator (tests/support/synthetic.py) makes data folders the package
loads, in which the data-quality engine finds exactly the inconsistencies seeded: at the
template's size, 16 times as large, and nationwide."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ntm_analysis import load_period
from ntm_analysis.quality import check_period
from tests.support.synthetic import generate

SMALL = dict(scale=1, periods=4, step=3, end="2021-09", seed=3, errors=2)


@pytest.fixture(scope="module")
def scale_1(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("synthetic") / "data"
    generate(out, **SMALL)
    return out


def _findings(folder: Path, period: str) -> tuple[list[str], list[str]]:
    manifest = json.loads((folder / "synthetic.json").read_text("utf-8"))
    findings = check_period(load_period(period, folder))
    return sorted(f.id for f in findings), manifest["expected_findings"][period]


def test_scale_1_has_the_template_shape(scale_1):
    manifest = json.loads((scale_1 / "synthetic.json").read_text("utf-8"))
    assert manifest["periods"] == ["2020-12", "2021-03", "2021-06", "2021-09"]
    assert (manifest["provinces"], manifest["districts"]) == (1, 9)
    assert (manifest["units"], manifest["xa"]) == (106, 85)


@pytest.mark.parametrize("period", ["2020-12", "2021-09"])
def test_engine_finds_exactly_the_seeded_inconsistencies(scale_1, period):
    data = load_period(period, scale_1)
    assert (data.baseline is None) == (period == "2020-12")
    assert len(data.communes) == 85
    assert data.communes["criteria_min"].lt(data.communes["criteria_max"]).any()  # intervals
    findings = check_period(data)
    expected = json.loads((scale_1 / "synthetic.json").read_text("utf-8"))["expected_findings"]
    assert len(expected[period]) == 2
    assert sorted(f.id for f in findings) == expected[period]
    assert {f.severity for f in findings} == {"error"}
    assert all(f.id.startswith("sum:") and f.area == "84" for f in findings)


def test_the_figures_follow_the_simulated_communes(scale_1):
    data = load_period("2021-09", scale_1)
    communes = data.communes
    assert data.value("communes_total") == len(communes)
    assert communes["criteria_min"].eq(19).sum() <= data.value("communes_19_criteria")
    assert data.value("communes_19_criteria") <= communes["criteria_max"].eq(19).sum()
    registered = data.lists[data.lists["list"] == "ntm_target_communes_2021"]["item"]
    assert set(registered) == set(communes.loc[communes["registered"] == "ntm", "code"])


@pytest.mark.heavy
def test_generation_is_deterministic(scale_1, tmp_path):
    again = tmp_path / "data"
    generate(again, **SMALL)
    for name in (
        "reference/admin_units.csv",
        "periods/2021-09/indicators.csv",
        "periods/2021-09/lists.csv",
        "periods/2021-09/communes.csv",
        "targets/2021.yml",
    ):
        assert (again / name).read_bytes() == (scale_1 / name).read_bytes(), name


@pytest.mark.heavy
def test_a_province_16_times_as_large_is_consistent(tmp_path):
    manifest = generate(tmp_path / "data", scale=16, periods=2, seed=1, errors=1)
    assert (manifest["districts"], manifest["xa"]) == (16 * 9, 16 * 85)
    for period in manifest["periods"]:
        found, expected = _findings(tmp_path / "data", period)
        assert found == expected and len(expected) >= 1, period


@pytest.mark.slow
def test_a_nationwide_period_is_consistent(tmp_path):
    manifest = generate(tmp_path / "data", nationwide=True, periods=1, seed=2)
    assert (manifest["provinces"], manifest["province"]) == (63, "00")
    assert manifest["xa"] > 8000
    found, expected = _findings(tmp_path / "data", manifest["periods"][0])
    assert found == expected
