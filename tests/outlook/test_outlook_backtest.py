"""`backtest`: the outlook made at the shipped period against a synthetic later period of the
same year, whose communes table records recognitions made since (made up for the test)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest
import yaml

from ntm_analysis import load_period
from ntm_analysis.cli import main
from ntm_analysis.errors import InputError
from ntm_analysis.outlook.backtest import backtest, earlier_outlook
from ntm_analysis.report.sections import c as section_c

pytestmark = pytest.mark.heavy

PERIOD = "2021-09"
LATER = "2021-12"
BANDS = r"^(registered_ntm_communes_|communes_\d|communes_below_|communes_ntm_|criteria_avg)"
KEYS = ["target", "central", "low", "high", "p_meet", "status", "outcome", "held"]


def _later(data: Path, recognise: int) -> list[str]:
    """The shipped period copied as the year's last period, with the `recognise` registered
    communes most advanced recognised since (at every criterion); their codes."""
    source, target = data / "periods" / PERIOD, data / "periods" / LATER
    shutil.copytree(source, target)
    meta = yaml.safe_load((target / "period.yml").read_text("utf-8"))
    meta.update(period=LATER, label={"vi": "Năm 2021", "en": "Year 2021"})
    (target / "period.yml").write_text(yaml.safe_dump(meta, allow_unicode=True), "utf-8")
    table = pd.read_csv(target / "communes.csv", dtype=str, keep_default_na=False)
    open_ = table[(table["ntm_status"] == "not_recognised") & (table["registered"] != "")]
    chosen = open_.sort_values("criteria_max", key=lambda s: -s.astype(int)).head(recognise)
    rows = table["code"].isin(chosen["code"])
    table.loc[rows, ["criteria_min", "criteria_max", "ntm_status"]] = ["19", "19", "recognised"]
    table.to_csv(target / "communes.csv", index=False)
    # the bands and counts of the shipped period describe September: the later period reports
    # its communes by the table alone
    figures = pd.read_csv(target / "indicators.csv", dtype=str, keep_default_na=False)
    stale = figures["indicator"].str.match(BANDS)
    figures[~stale].to_csv(target / "indicators.csv", index=False)
    return list(chosen["code"])


@pytest.fixture(scope="module")
def history(tmp_path_factory, data_dir):
    folder = tmp_path_factory.mktemp("history") / "data"
    shutil.copytree(data_dir, folder)
    recognised = _later(folder, 5)
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
    _later(unchanged, 0)
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
    _later(unchanged, 0)
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
