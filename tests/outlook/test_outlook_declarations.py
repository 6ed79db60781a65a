"""The outlook holds no data: no year or period in its code, the derived baseline checks out."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pandas as pd

import ntm_analysis

PACKAGE = Path(ntm_analysis.__file__).parent
MODULES = [
    *sorted((PACKAGE / "outlook").glob("*.py")),
    *sorted((PACKAGE / "report" / "sections" / "c").glob("*.py")),  # section C's views
]
YEAR = re.compile(r"(?<!\d)(19|20)\d\d(?!\d)")


def test_no_year_or_period_in_outlook_code():
    found = []
    for path in MODULES:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            texts: list[str] = []
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                texts.append(node.value)
            if isinstance(node, ast.Name):
                texts.append(node.id)
            if isinstance(node, ast.Attribute):
                texts.append(node.attr)
            found += [f"{path.name}:{node.lineno}: {t!r}" for t in texts if YEAR.search(t)]
    assert not found


def test_derived_baseline_rows_are_current_minus_change(data_dir):
    """Each derived end-of-year row says `current - change = value` and names its section;
    the current figure is the one the next period prints."""
    base = pd.read_csv(data_dir / "periods" / "2020-12" / "indicators.csv", dtype=str)
    now = pd.read_csv(data_dir / "periods" / "2021-09" / "indicators.csv", dtype=str)
    printed = {(r.indicator, r.area): float(r.value) for r in now.itertuples()}
    for row in base.itertuples():
        assert row.provenance == "derived" and row.section in row.note
        current, change, value = map(float, re.match(r"(\d+) - (\d+) = (\d+)", row.note).groups())
        assert current - change == value == float(row.value)
        assert printed[(row.indicator, row.area)] == current
