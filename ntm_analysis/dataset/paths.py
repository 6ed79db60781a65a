"""Where the data lives, and what a valid reporting period is."""

from __future__ import annotations

import os
import re
from pathlib import Path

from ntm_analysis.errors import PeriodError

PERIOD = re.compile(r"^(?P<year>\d{4})-(?P<month>0[1-9]|1[0-2])$")
DATA_DIR_ENV = "NTM_DATA_DIR"


def default_data_dir() -> Path:
    """The data folder: $NTM_DATA_DIR, else a `data/` with `periods/` above the working
    directory, else the `data/` beside the installed package's source tree."""
    env = os.environ.get(DATA_DIR_ENV)
    if env:
        return Path(env)
    here = Path.cwd().resolve()
    for folder in (here, *here.parents):
        candidate = folder / "data"
        if (candidate / "periods").is_dir():
            return candidate
    return Path(__file__).resolve().parents[2] / "data"


def check_period(period: str) -> str:
    """Return `period` if it is `YYYY-MM` with a real month, else raise PeriodError."""
    text = str(period).strip()
    if not PERIOD.match(text):
        raise PeriodError(
            f"invalid period {period!r}", expected="YYYY-MM, the year and the last month covered"
        )
    return text


def period_dir(data_dir: str | Path, period: str) -> Path:
    """The folder of a period; PeriodError names the periods available when it is missing."""
    period = check_period(period)
    root = Path(data_dir) / "periods"
    folder = root / period
    if not folder.is_dir():
        known = list_periods(data_dir)
        raise PeriodError(
            f"no data for period {period}",
            path=folder,
            expected=f"one of {known}" if known else "a folder data/periods/YYYY-MM",
        )
    return folder


def list_periods(data_dir: str | Path) -> list[str]:
    """Period folders under `data_dir/periods`, oldest first."""
    root = Path(data_dir) / "periods"
    if not root.is_dir():
        return []
    return sorted(p.name for p in root.iterdir() if p.is_dir() and PERIOD.match(p.name))
