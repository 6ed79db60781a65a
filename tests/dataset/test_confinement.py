"""One confinement rule for every command (issue 20, part 8): data paths are followed through
links only inside the data folder, and no command replaces a link a user made."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ntm_analysis import load_period
from ntm_analysis.cli import main
from tests.cycle.clerk import fill_workbook

NEW = "2021-12"


def _run(capsys, *args: str) -> tuple[int, str]:
    code = main([*args])
    err = capsys.readouterr().err
    assert "Traceback" not in err and "internal error" not in err and "lỗi nội bộ" not in err
    return code, err


@pytest.fixture
def cycle_data(data_copy: Path, tmp_path: Path) -> tuple[Path, Path]:
    """A data folder with a new period 2021-12 and a filled workbook for it."""
    args = ["--period", NEW, "--data-dir", str(data_copy)]
    assert main(["new-period", "--from", "2021-09", *args]) == 0
    book = tmp_path / "filled.xlsx"
    assert main(["workbook", "--output", str(book), *args]) == 0
    fill_workbook(book, load_period("2021-09", data_copy))
    return data_copy, book


def _commands(data: Path, book: Path) -> list[list[str]]:
    common = ["--data-dir", str(data)]
    return [
        ["validate", "--period", NEW, *common],
        ["workbook", "--period", NEW, "--output", str(book.with_name("w.xlsx")), *common],
        ["units", "--period", NEW, "--to", "2025-07-01", *common],
        ["import", "--period", NEW, str(book), "--force", *common],
        ["periods", *common],
    ]


@pytest.mark.heavy
@pytest.mark.parametrize("what", ["period", "csv"])
def test_every_command_refuses_a_link_leading_outside(cycle_data, tmp_path, capsys, what):
    data, book = cycle_data
    outside = tmp_path / "outside"
    outside.mkdir()
    folder = data / "periods" / NEW
    if what == "period":
        shutil.move(folder, outside / NEW)
        folder.symlink_to(outside / NEW)
        link = folder
    else:
        shutil.move(folder / "lists.csv", outside / "lists.csv")
        (folder / "lists.csv").symlink_to(outside / "lists.csv")
        link = folder / "lists.csv"
    for command in _commands(data, book):
        code, err = _run(capsys, *command)
        assert code == 2, (command, err)
        assert str(link) in err and str(outside) in err, (command, err)
    assert link.is_symlink()


@pytest.mark.heavy
def test_units_refuses_reference_data_leading_outside(data_copy, tmp_path, capsys):
    units = data_copy / "reference" / "admin_units" / "2021.csv"
    shutil.move(units, tmp_path / "2021.csv")
    units.symlink_to(tmp_path / "2021.csv")
    code, err = _run(capsys, "units", "--date", "2021", "--data-dir", str(data_copy))
    assert code == 2 and "2021.csv" in err


@pytest.mark.heavy
def test_import_writes_through_a_period_link_inside_the_data_folder(cycle_data, capsys):
    data, book = cycle_data
    archive = data / "archive"
    archive.mkdir()
    shutil.move(data / "periods" / NEW, archive / NEW)
    (data / "periods" / NEW).symlink_to(Path("..") / "archive" / NEW)
    code, err = _run(capsys, "import", "--period", NEW, str(book), "--data-dir", str(data))
    assert code == 0, err
    assert (data / "periods" / NEW).is_symlink()  # the user's link stays
    assert (archive / NEW / "indicators.csv").is_file()  # the data went where it points
    assert not [p for p in archive.iterdir() if p.name.startswith(".")]


@pytest.mark.heavy
def test_import_refuses_to_replace_a_linked_file(cycle_data, capsys):
    data, book = cycle_data
    shared = data / "lists-shared.csv"
    lists = data / "periods" / NEW / "lists.csv"
    shutil.move(lists, shared)
    lists.symlink_to(Path("..") / ".." / "lists-shared.csv")
    before = shared.read_bytes()
    code, err = _run(capsys, "import", "--period", NEW, str(book), "--data-dir", str(data))
    assert code == 2 and str(lists) in err
    assert lists.is_symlink() and shared.read_bytes() == before
    assert not (data / "periods" / NEW / "indicators.csv").exists()


@pytest.mark.parametrize("target", ["nowhere", "../reference"])
def test_new_period_over_a_link_is_refused(data_copy, capsys, target):
    link = data_copy / "periods" / "2022-03"
    link.symlink_to(target)
    args = ["--period", "2022-03", "--from", "2021-09", "--data-dir", str(data_copy)]
    code, err = _run(capsys, "new-period", *args)
    assert code == 2 and str(link) in err
    assert link.is_symlink() and str(link.readlink()) == target
