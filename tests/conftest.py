"""Shared fixtures: the shipped data folder and disposable copies of it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
PERIOD = "2021-09"


@pytest.fixture(scope="session")
def data_dir() -> Path:
    return DATA


@pytest.fixture(scope="session")
def period_data():
    from ntm_analysis import load_period

    return load_period(PERIOD, DATA)


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of data/ to corrupt in a test."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target
