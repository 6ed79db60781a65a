"""The synthetic data generator of the scale benchmark (bench/synthetic.py) stays valid: its
data folder loads, and the data-quality engine finds exactly the inconsistencies seeded."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

from ntm_analysis import load_period
from ntm_analysis.quality import check_period

BENCH = Path(__file__).resolve().parents[1] / "bench" / "synthetic.py"


@pytest.fixture(scope="module")
def synthetic():
    spec = importlib.util.spec_from_file_location("bench_synthetic", BENCH)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    yield module
    sys.modules.pop(spec.name, None)


@pytest.fixture(scope="module")
def scale_1(synthetic, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("synthetic") / "data"
    synthetic.generate(out, scale=1, periods=4, step=3, end="2021-09", seed=3, errors=2)
    return out


def test_scale_1_has_the_template_shape(scale_1):
    manifest = json.loads((scale_1 / "synthetic.json").read_text("utf-8"))
    assert manifest["periods"] == ["2020-12", "2021-03", "2021-06", "2021-09"]
    assert (manifest["provinces"], manifest["districts"]) == (1, 9)
    assert (manifest["units"], manifest["xa"]) == (106, 85)


@pytest.mark.parametrize("period", ["2020-12", "2021-09"])
def test_engine_finds_exactly_the_seeded_inconsistencies(scale_1, period):
    manifest = json.loads((scale_1 / "synthetic.json").read_text("utf-8"))
    data = load_period(period, scale_1)
    assert (data.baseline is None) == (period == "2020-12")
    assert len(data.communes) == 85
    assert data.communes["criteria_min"].lt(data.communes["criteria_max"]).any()  # intervals
    findings = check_period(data)
    expected = manifest["expected_findings"][period]
    assert len(expected) == 2
    assert sorted(f.id for f in findings) == expected
    assert {f.severity for f in findings} == {"error"}


def test_generation_is_deterministic(synthetic, scale_1, tmp_path):
    again = tmp_path / "data"
    synthetic.generate(again, scale=1, periods=4, step=3, end="2021-09", seed=3, errors=2)
    for name in (
        "reference/admin_units.csv",
        "periods/2021-09/indicators.csv",
        "periods/2021-09/lists.csv",
        "periods/2021-09/communes.csv",
        "targets/2021.yml",
    ):
        assert (again / name).read_bytes() == (scale_1 / name).read_bytes(), name
