"""A period copied from the previous one without updating its figures is flagged."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

from ntm_analysis import load_period
from ntm_analysis.errors import InputError
from ntm_analysis.quality import check_period
from ntm_analysis.quality.stale import load_settings, unchanged_figures


def _copy_as(data_dir, source: str, period: str) -> None:
    folder = data_dir / "periods" / period
    shutil.copytree(data_dir / "periods" / source, folder)
    meta = (folder / "period.yml").read_text("utf-8")
    (folder / "period.yml").write_text(
        meta.replace(f'period: "{source}"', f'period: "{period}"'), "utf-8"
    )


def test_unchanged_figures_counts_shared_and_identical():
    now = pd.DataFrame(
        {"indicator": ["a", "b", "c"], "area": ["1", "1", "1"], "value": [1.0, 2.0, 3.0]}
    )
    before = pd.DataFrame(
        {"indicator": ["a", "b", "d"], "area": ["1", "1", "1"], "value": [1.0, 5.0, 3.0]}
    )
    assert unchanged_figures(now, before) == (2, 1)


def test_a_copied_period_is_flagged(data_copy):
    _copy_as(data_copy, "2021-09", "2021-12")
    data = load_period("2021-12", data_copy)
    stale = [f for f in check_period(data) if f.check == "stale"]
    assert len(stale) == 1
    shared = len(data.observations)
    assert stale[0].reported == shared and stale[0].computed == shared
    assert "sao chép" in stale[0].message("vi") and "copied" in stale[0].message("en")


def test_an_updated_period_is_not_flagged(data_copy):
    _copy_as(data_copy, "2021-09", "2021-12")
    path = data_copy / "periods" / "2021-12" / "indicators.csv"
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    # every other figure changes: half of them stay, under the 60 % threshold
    changed = table.index % 2 == 0
    table.loc[changed, "value"] = (table.loc[changed, "value"].astype(float) + 1).map(
        lambda v: f"{v:g}"
    )
    table.loc[changed, "as_written"] = ""
    table.to_csv(path, index=False)
    data = load_period("2021-12", data_copy)
    assert not [f for f in check_period(data) if f.check == "stale"]


def test_a_baseline_with_few_shared_figures_says_nothing(period_data):
    assert not [f for f in check_period(period_data) if f.check == "stale"]


def test_settings_reject_an_unknown_key(data_copy):
    path = data_copy / "reference" / "quality.yml"
    path.write_text(path.read_text("utf-8").replace("min_common", "min_comon"), "utf-8")
    with pytest.raises(InputError, match=r"quality\.yml"):
        load_settings(data_copy / "reference")


def test_findings_frame_raw_has_stable_columns(period_data):
    from ntm_analysis.quality import findings_frame
    from ntm_analysis.quality.present import RAW_COLUMNS

    frame = findings_frame(check_period(period_data), lang="vi", raw=True)
    assert list(frame.columns) == RAW_COLUMNS
    row = frame.loc[frame["id"] == "listed:district_criteria_met_listed:847"].iloc[0]
    # A.II.1: Châu Thành states 6 district criteria met and names 5
    assert (row["place"], row["reported"], row["computed"]) == ("huyện Châu Thành", 6, 5)
    shown = findings_frame(check_period(period_data), lang="vi")
    assert "847" not in " ".join(shown.astype(str).to_numpy().ravel())
