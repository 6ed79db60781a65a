"""docs/input-limits.md and dataset/limits.yml say the same: every limit of the file has its
row in the page's table, with the same number."""

from __future__ import annotations

import re
from pathlib import Path

from ntm_analysis.dataset.limits import LIMITS

DOC = Path(__file__).resolve().parents[2] / "docs" / "input-limits.md"


def documented() -> dict[str, str]:
    """The value cell of each table row whose first cell is a limit's key (`csv_max_mb`)."""
    rows = re.findall(r"^\| `([a-z_]+)` \| ([^|]+) \|", DOC.read_text(encoding="utf-8"), re.M)
    return dict(rows)


def test_every_limit_is_documented_with_its_value() -> None:
    rows = documented()
    for key, value in LIMITS.model_dump().items():
        assert key in rows, f"{key} has no row in docs/input-limits.md"
        assert re.match(rf"{value:,}\b", rows[key].strip()), (key, value, rows[key])


def test_the_page_documents_no_limit_the_file_lacks() -> None:
    keys = set(LIMITS.model_dump())
    assert {key for key in documented() if key.islower()} <= keys
