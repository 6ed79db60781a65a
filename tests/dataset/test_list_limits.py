"""Named lists past the limits are refused by the loader, so `validate` and `run` refuse the
same period (issue 20, part 6)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ntm_analysis.dataset import limits
from ntm_analysis.dataset.period import load_period
from ntm_analysis.errors import InputError

DATA = Path(__file__).resolve().parents[2] / "data"
PERIOD = "2021-09"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    shutil.copytree(DATA, tmp_path / "data")
    return tmp_path / "data"


def add_rows(data: Path, lists: int, items: int, prefix: str = "extra") -> None:
    """`lists` new lists of `items` rows each (criteria of the set, told apart by detail)."""
    with open(data / "periods" / PERIOD / "lists.csv", "a", encoding="utf-8") as handle:
        for n in range(lists):
            for i in range(items):
                handle.write(f"{prefix}_{n},84,C{1 + i % 19:02d},Tiêu chí,d{i},A.II.1,\n")


def test_more_lists_than_the_limit_are_refused(data: Path, monkeypatch) -> None:
    shipped = load_period(PERIOD, data).lists["list"].nunique()
    monkeypatch.setattr(limits, "LISTS_MAX_LISTS", shipped + 12)
    add_rows(data, 12, 1)
    load_period(PERIOD, data)  # at the limit
    add_rows(data, 1, 1, prefix="more")
    with pytest.raises(InputError) as caught:
        load_period(PERIOD, data)
    message = caught.value.render("en")
    assert (
        "lists.csv" in message
        and f"{shipped + 13} lists, over the limit of {shipped + 12}" in message
    )


def test_more_list_rows_than_the_limit_are_refused(data: Path, monkeypatch) -> None:
    shipped = len(load_period(PERIOD, data).lists)
    monkeypatch.setattr(limits, "LISTS_MAX_ROWS", shipped + 50)
    add_rows(data, 1, 50)
    load_period(PERIOD, data)  # at the limit
    add_rows(data, 1, 1, prefix="more")
    with pytest.raises(InputError) as caught:
        load_period(PERIOD, data)
    assert f"{shipped + 51} list rows, over the limit of {shipped + 50}" in caught.value.render(
        "en"
    )
