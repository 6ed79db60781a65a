"""The targets issue 18 found measured wrongly, each with a case the old definition fails:
"each commune gains 2" over the communes below the top at the baseline, model hamlets counted
from A.II.2's list, gaps in percentage points and surpluses as surpluses, "no commune below 14"
read from the typed count at the close of the year. Baseline tables here are made up."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest
import yaml

from ntm_analysis import load_period
from ntm_analysis.outlook import outlook, outlook_frame
from ntm_analysis.outlook.kinds import current_measure
from tests.support.history import later_period

PERIOD = "2021-09"


def _exact_with_baseline(data, gain_of_one: str | None = None) -> None:
    """Communes of the period made exact (their lower bound), and a baseline communes table:
    communes at 19 already at 19, the others 2 below (`gain_of_one`: 1 below)."""
    folder = data / "periods" / PERIOD
    table = pd.read_csv(folder / "communes.csv", dtype=str, keep_default_na=False)
    table["criteria_max"] = table["criteria_min"]
    table.to_csv(folder / "communes.csv", index=False)
    base = table.copy()
    now = base["criteria_min"].astype(int)
    gain = pd.Series(2, index=base.index).where(now < 19, 0)
    if gain_of_one is not None:
        gain[base["code"] == gain_of_one] = 1
    base["criteria_min"] = base["criteria_max"] = (now - gain).astype(str)
    base.to_csv(data / "periods" / "2020-12" / "communes.csv", index=False)


def test_gains_are_measured_over_the_communes_below_the_top_at_the_baseline(data_copy):
    """The old rule took the smallest gain of every commune: 0, from those already at 19."""
    _exact_with_baseline(data_copy)
    data = load_period(PERIOD, data_copy)
    assert current_measure(data, data.target("criteria_increase_each_commune")).value == 2


def test_one_commune_short_of_the_gain_is_the_smallest(data_copy):
    data = load_period(PERIOD, data_copy)
    below = data.communes[data.communes["criteria_min"].astype(int) < 19]["code"].iloc[0]
    _exact_with_baseline(data_copy, gain_of_one=below)
    data = load_period(PERIOD, data_copy)
    assert current_measure(data, data.target("criteria_increase_each_commune")).value == 1


def test_without_a_baseline_table_the_gain_names_what_it_needs(period_data):
    row = next(r for r in outlook(period_data) if r.id == "criteria_increase_each_commune")
    assert row.status == "unknown"
    assert "bảng xã" in row.judgement_text("vi") and "2020-12" not in row.judgement_text("vi")


def test_model_hamlets_are_counted_from_the_named_list(period_data):
    """A.II.2 names model hamlets in four advanced communes; the old reading was 0."""
    row = next(r for r in outlook(period_data) if r.id == "model_hamlet_in_advanced_communes")
    assert row.current == 4 and row.target == 11
    assert "Tân Hùng" in row.judgement_text("vi")


def test_gaps_in_percentage_points_and_surpluses_as_surpluses(period_data):
    frame = outlook_frame(period_data, "vi").set_index("Chỉ tiêu")
    gap = frame["Còn thiếu"]
    assert gap["Tỷ lệ ấp văn hóa và ấp NTM"] == "vượt 0,60 điểm phần trăm"
    assert gap["Tỷ lệ hộ gia đình đạt chuẩn văn hóa, NTM"] == "2,87 điểm phần trăm"
    assert not gap.str.contains("-").any()


def _year_end(data, below: int | None) -> str:
    source, target = data / "periods" / PERIOD, data / "periods" / "2021-12"
    shutil.copytree(source, target)
    meta = yaml.safe_load((target / "period.yml").read_text("utf-8"))
    meta.update(period="2021-12", label={"vi": "Năm 2021", "en": "Year 2021"})
    (target / "period.yml").write_text(yaml.safe_dump(meta, allow_unicode=True), "utf-8")
    if below is not None:
        with open(target / "indicators.csv", "a", encoding="utf-8") as handle:
            handle.write(f"communes_below_14_criteria,84,{below},{below},,C.I,reported,\n")
    return "2021-12"


@pytest.mark.parametrize(("below", "status"), [(0, "met"), (2, "missed"), (None, "unknown")])
def test_no_commune_below_14_at_the_close_of_the_year_reads_the_typed_count(
    data_copy, below, status
):
    data = load_period(_year_end(data_copy, below), data_copy)
    row = next(r for r in outlook(data) if r.id == "no_commune_below_14")
    assert row.status == status
    if below is None:  # says which figure the workbook must provide
        assert "Số xã đạt dưới 14 tiêu chí" in row.judgement_text("vi")


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_band_contradicting_the_communes_table_is_named_in_words(
    data_copy, data_dir, capsys, lang
):
    from ntm_analysis.cli import main

    later_period(data_copy, 5, name="2021-12")  # recognitions the September bands contradict
    figures = data_copy / "periods" / "2021-12" / "indicators.csv"
    shutil.copy(data_dir / "periods" / PERIOD / "indicators.csv", figures)  # bands kept
    args = [
        "backtest",
        "--period",
        PERIOD,
        "--with",
        "2021-12",
        "--data-dir",
        str(data_copy),
        "--lang",
        lang,
    ]
    assert main(args) == 2
    err = capsys.readouterr().err
    label = "Số xã đăng ký NTM 2021 đã đạt 19 tiêu chí" if lang == "vi" else "(Trà Vinh"
    assert label in err and "registered_ntm" not in err and "Traceback" not in err
