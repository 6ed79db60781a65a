"""compare (JSON contract, words) and the headline series."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from ntm_analysis.cli import main
from ntm_analysis.cycle.series import (
    change_display,
    change_table,
    headline_series,
    series_display,
    trend_figure,
)


def _edit(data_copy, indicator: str, value: str) -> None:
    path = data_copy / "periods" / "2021-09" / "indicators.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame.loc[(frame["indicator"] == indicator) & (frame["area"] == "84"), "value"] = value
    frame.to_csv(path, index=False)


@pytest.mark.heavy
def test_compare_json_contract(data_dir, capsys) -> None:
    args = ["compare", "--period", "2021-09", "--with", "2020-12", "--json"]
    assert main([*args, "--data-dir", str(data_dir)]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert list(payload)[:5] == ["period", "with", "changes", "findings_new", "findings_gone"]
    change = next(c for c in payload["changes"] if c["indicator"] == "hamlets_cultural_ntm")
    assert (change["area"], change["before"], change["after"], change["change"]) == (
        "84",
        564,
        600,
        36,
    )
    assert change["label"] == "Số ấp đạt chuẩn ấp văn hóa và ấp NTM"
    assert payload["findings_new"] and all("id" in f for f in payload["findings_new"])


@pytest.mark.heavy
def test_compare_words_and_findings(data_copy, capsys) -> None:
    (data_copy / "periods" / "2021-12").mkdir()
    for name in ("period.yml", "indicators.csv", "lists.csv", "communes.csv"):
        text = (data_copy / "periods" / "2021-09" / name).read_text(encoding="utf-8")
        (data_copy / "periods" / "2021-12" / name).write_text(
            text.replace('period: "2021-09"', 'period: "2021-12"'), encoding="utf-8"
        )
    _edit(data_copy, "communes_19_criteria", "60")  # 2021-09 now contradicts its 84,7%
    args = ["compare", "--period", "2021-12", "--with", "2021-09", "--data-dir", str(data_copy)]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "Số xã đạt 19/19 tiêu chí — tỉnh Trà Vinh: 60 → 72 (+12)" in out
    assert "Phát hiện không còn (" in out and "Phát hiện không còn (0)" not in out


@pytest.mark.heavy
def test_series_and_changes(data_copy) -> None:
    _edit(data_copy, "ntm_disbursement_pct", "40")
    (data_copy / "periods" / "2020-09").mkdir()
    for name in ("period.yml", "indicators.csv"):
        text = (data_copy / "periods" / "2021-09" / name).read_text(encoding="utf-8")
        (data_copy / "periods" / "2020-09" / name).write_text(
            text.replace('period: "2021-09"', 'period: "2020-09"')
            .replace('baseline: "2020-12"', "")
            .replace("tháng đầu năm 2021", "tháng đầu năm 2020")
            .replace("months of 2021", "months of 2020"),
            encoding="utf-8",
        )
    _edit(data_copy, "ntm_disbursement_pct", "47.46")
    series = headline_series(data_copy, "vi")
    assert set(series["period"]) == {"2020-09", "2021-09"}
    changes = change_table(series, "2021-09").set_index("indicator")
    assert changes.at["ntm_disbursement_pct", "year_ago"] == 40
    assert changes.at["ntm_disbursement_pct", "change_year"] == pytest.approx(7.46)
    assert changes.at["ntm_disbursement_pct", "previous_period"] == "2020-09"
    shown = change_display(changes.reset_index(), "vi")
    assert shown.loc["Tỷ lệ giải ngân so với vốn được phân bổ", "Thay đổi so cùng kỳ"] == (
        "+7,46 điểm %"
    )
    table = series_display(headline_series(data_copy, "en"), "en")
    assert list(table.columns) == ["First nine months of 2020", "First nine months of 2021"]
    assert (
        table.loc["Disbursement rate against allocated capital", "First nine months of 2020"]
        == "40%"
    )

    assert trend_figure(series, "vi").axes


def test_series_stops_at_the_period(data_dir) -> None:
    assert headline_series(data_dir, until="2021-06").empty
