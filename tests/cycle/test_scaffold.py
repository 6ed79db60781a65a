"""`new-period`: what is carried, labels, the baseline rule, and refusing to overwrite."""

from __future__ import annotations

import re

import pandas as pd
import pytest
import yaml

from ntm_analysis.cli import main
from ntm_analysis.cycle.scaffold import new_period_empty, new_period_from
from ntm_analysis.errors import InputError


def test_same_year_carries_status_lists_and_baseline(data_copy) -> None:
    result = new_period_from(data_copy, "2021-12", "2021-09")
    folder = data_copy / "periods" / "2021-12"
    meta = yaml.safe_load((folder / "period.yml").read_text(encoding="utf-8"))
    assert meta["label"] == {"vi": "Năm 2021", "en": "Year 2021"}
    assert (meta["baseline"], meta["criteria_set"], meta["province"]) == (
        "2020-12",
        "2016-2020",
        "84",
    )
    communes = pd.read_csv(folder / "communes.csv", dtype=str)
    assert set(communes["provenance"]) == {"carried"}
    assert len(communes) == 85
    old = pd.read_csv(data_copy / "periods" / "2021-09" / "communes.csv", dtype=str)
    assert (communes["criteria_min"] == old["criteria_min"]).all()
    assert set(communes["criteria_max"]) == {"19"}  # a commune may have gained criteria
    lists = pd.read_csv(folder / "lists.csv", dtype=str)
    assert set(lists["list"]) == {"ntm_target_communes_2021", "advanced_target_communes_2021"}
    assert not (folder / "indicators.csv").exists()
    assert "indicators.csv" not in result.files
    assert not [p for p in (data_copy / "periods").iterdir() if p.name.startswith(".")]


def test_new_year_baseline_is_previous_year_end(data_copy) -> None:
    result = new_period_from(data_copy, "2022-06", "2021-09")
    meta = yaml.safe_load((data_copy / "periods" / "2022-06" / "period.yml").read_text("utf-8"))
    assert meta["label"]["vi"] == "6 tháng đầu năm 2022"
    assert "baseline" not in meta  # 2021-12 has no folder yet
    assert any("2021-12" in note.render("vi") for note in result.notes)
    communes = pd.read_csv(data_copy / "periods" / "2022-06" / "communes.csv", dtype=str)
    assert communes["registered"].isna().all()


def test_existing_period_is_refused_and_untouched(data_copy, capsys) -> None:
    before = (data_copy / "periods" / "2021-09" / "period.yml").read_bytes()
    code = main(
        ["new-period", "--period", "2021-09", "--from", "2020-12", "--data-dir", str(data_copy)]
    )
    assert code == 2
    assert "kỳ 2021-09 đã có (một thư mục hoặc tệp); chưa ghi gì" in capsys.readouterr().err
    assert (data_copy / "periods" / "2021-09" / "period.yml").read_bytes() == before


def test_empty_period_for_a_province(data_copy) -> None:
    new_period_empty(data_copy, "2023-03", "84")
    communes = pd.read_csv(data_copy / "periods" / "2023-03" / "communes.csv", dtype=str)
    assert len(communes) == 85
    with pytest.raises(InputError) as caught:
        new_period_empty(data_copy, "2023-06", "99")
    assert re.search("unknown province", caught.value.render("en"))
