"""`backtest`: the outlook made at the shipped period against a synthetic later period of the
same year, whose communes table records recognitions made since (made up for the test)."""

from __future__ import annotations

import json
import shutil

import pytest

from ntm_analysis import load_period
from ntm_analysis.cli import main
from ntm_analysis.errors import InputError
from ntm_analysis.outlook.backtest import backtest, earlier_outlook
from ntm_analysis.report.sections import c as section_c
from tests.support.history import LATER, PERIOD, later_period

pytestmark = pytest.mark.heavy

KEYS = ["target", "central", "low", "high", "p_meet", "status", "outcome", "held"]


@pytest.fixture(scope="module")
def history(tmp_path_factory, data_dir):
    folder = tmp_path_factory.mktemp("history") / "data"
    shutil.copytree(data_dir, folder)
    recognised = later_period(folder, 5)
    return folder, recognised


def _ntm_check(result):
    return next(c for c in result.checks if c.row.id == "ntm_communes")


def test_the_json_has_the_issue_shape(history, capsys):
    folder, _ = history
    code = main(["backtest", "--period", PERIOD, "--with", LATER, "--json",
                 "--data-dir", str(folder)])  # fmt: skip
    assert code == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["period"] == PERIOD and payload["with"] == LATER
    assert isinstance(payload["communes"], int) and payload["communes"] > 0
    assert 0 <= payload["brier"] <= 1
    for target in payload["targets"]:
        assert list(target)[: len(KEYS)] == KEYS


def test_outcome_counts_the_communes_recognised_since(history, data_dir, tmp_path):
    folder, recognised = history
    result = backtest(load_period(PERIOD, folder), load_period(LATER, folder))
    unchanged = tmp_path / "data"
    shutil.copytree(data_dir, unchanged)
    later_period(unchanged, 0)
    before = backtest(load_period(PERIOD, unchanged), load_period(LATER, unchanged))
    assert _ntm_check(result).outcome - _ntm_check(before).outcome == len(recognised)
    check = _ntm_check(result)
    assert check.held == (check.row.low <= check.outcome <= check.row.high)
    assert result.final is False  # December is before the recognition cut-off of next March
    assert check.result in ("met", "not_met")


def test_communes_that_were_recognised_lower_the_brier_score(history, data_dir, tmp_path):
    """The three communes awaiting recognition were given a high probability: recognising them
    scores better than recognising none."""
    folder, _ = history
    result = backtest(load_period(PERIOD, folder), load_period(LATER, folder))
    unchanged = tmp_path / "data"
    shutil.copytree(data_dir, unchanged)
    later_period(unchanged, 0)
    none = backtest(load_period(PERIOD, unchanged), load_period(LATER, unchanged))
    assert result.brier < none.brier
    assert sum(r.communes for r in result.reliability) == result.communes


def test_the_later_period_shows_the_earlier_forecast(history):
    folder, _ = history
    later = load_period(LATER, folder)
    assert earlier_outlook(later) == PERIOD
    sentences, table = section_c.previous_forecast_block(section_c.previous_forecast(later), "vi")
    assert sentences and 0 < len(table) <= len(later.targets)
    assert "tháng 9/2021" in sentences[0] and "2021-09" not in " ".join(sentences)


def test_a_period_compared_with_an_earlier_one_is_refused(history):
    folder, _ = history
    with pytest.raises(InputError, match="phải sau"):
        backtest(load_period(LATER, folder), load_period(PERIOD, folder))


def test_the_shipped_data_says_why_there_is_no_forecast_to_check(capsys):
    assert main(["backtest", "--period", "2020-12", "--with", PERIOD]) == 2
    assert "không có dự báo để so" in capsys.readouterr().err
