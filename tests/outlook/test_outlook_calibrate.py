"""`calibrate`: the outlook's probabilities from the office's own history. The fit recovers a
known rate from synthetic observations; on a synthetic later period the command counts the
observations the pair holds, proposes values only with enough support and writes nothing
without --write. Every figure here is made up."""

from __future__ import annotations

import json
import math
import shutil

import numpy as np
import pytest
import yaml

from ntm_analysis.cli import main
from ntm_analysis.outlook.calibrate import Events, falling, fitted
from ntm_analysis.outlook.parameters import load_parameters
from tests.support.history import later_period

pytestmark = pytest.mark.heavy


@pytest.mark.parametrize("p", [0.2, 0.6, 0.9])
def test_the_fit_recovers_a_known_probability_over_uneven_spans(p):
    rng = np.random.default_rng(7)
    rate = -math.log1p(-p) / 3  # p within a quarter
    events = Events()
    for months in rng.choice([2, 3, 6, 9, 12], 4000):
        events.add(float(months), bool(rng.exponential(1 / rate) <= months))
    assert fitted(events, 3) == pytest.approx(p, abs=0.02)


def test_estimates_never_rise_with_the_gap():
    assert falling([0.8, 0.9, 0.3, None, 0.4], [10, 10, 5, 0, 5]) == pytest.approx(
        [0.85, 0.85, 0.35, None, 0.35]
    )


@pytest.fixture
def history(data_copy):
    later_period(data_copy, 5)
    return data_copy


def _json(capsys, *args):
    assert main(["calibrate", "--json", *args]) == 0
    return json.loads(capsys.readouterr().out)


def test_calibrate_counts_the_observations_of_the_pair(history, capsys):
    out = _json(capsys, "--data-dir", str(history))
    assert out["periods"] == ["2020-12", "2021-09", "2021-12"] and out["pairs"] == 2
    by_name = {p["parameter"]: p for p in out["parameters"]}
    # the three registered communes at every criterion in September, recognised since
    recognition = by_name["communes.ntm.registered.recognition"]
    assert recognition["observations"] == 3 and recognition["estimate"] == 1.0
    assert not recognition["used"]  # 3 observations are fewer than the 20 required
    assert {"parameter", "current", "estimate", "observations", "used"} == set(recognition)


def test_write_proposes_only_supported_values_with_their_provenance(history, capsys):
    path = history / "reference" / "outlook.yml"
    before = path.read_text("utf-8")
    _json(capsys, "--data-dir", str(history))
    assert path.read_text("utf-8") == before  # nothing written without --write

    doc = yaml.safe_load(before)
    doc["calibration"]["min_observations"]["value"] = 3
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), "utf-8")
    out = _json(capsys, "--data-dir", str(history), "--write")
    assert out["written"]
    params = load_parameters(history)
    recognition = params.communes["ntm"].registered.recognition
    assert recognition.source == "calibrated" and recognition.observations == 3
    assert params.communes["ntm"].registered.completion.at(1) == pytest.approx(0.85)  # kept
    assert (history / "reference" / "outlook.previous.yml").is_file()


def test_shipped_history_has_too_little_to_change_anything(data_dir, tmp_path, capsys):
    copy = tmp_path / "data"
    shutil.copytree(data_dir, copy)
    out = _json(capsys, "--data-dir", str(copy))
    assert not any(p["used"] for p in out["parameters"])
