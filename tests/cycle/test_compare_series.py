"""compare: its JSON contract and its words (the headline series: tests/dataset/test_series.py,
tests/report/test_section_series.py)."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from ntm_analysis.cli import main


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
