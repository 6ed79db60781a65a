"""What the cases of `bench/stress.py` share (`bench/stress_cases.py`): each plants one large
or hostile input in a copy of the shipped `data/` (or beside it) and says which command to
run and how it should end.

A case is a function `build(work) -> Plan`, registered under a class (the rows of the summary
table) with `@case(group, description)`. `work` holds `data/` (a fresh copy) and anything the
case writes beside it (`outside/`, `out/`, workbooks). Workbooks to import are made by
`ntm-report workbook` from the copy, then changed part by part, as an attacker would.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PERIOD = "2021-09"
MB = 1024 * 1024
RENDER_S = 180.0  # goal of a case that renders the whole report (the shipped period: ~60 s)


@dataclass
class Plan:
    """What to run (arguments after `ntm-report`; `{data}`/`{work}` are filled in) and the
    outcome expected: the exit code, no data changed unless `writes`, and `check(work)`
    returning a problem found in what was written (None: fine)."""

    args: list[str]
    expect: int = 2
    writes: bool = False
    check: Callable[[Path], str | None] | None = None
    env: dict[str, str] = field(default_factory=dict)
    copies: int = 1  # run this many at once (concurrency); `expect` is the first's exit
    server: bool = False  # serve HTTP on {port} while the command runs
    seconds: float = 60.0  # the time goal; a run that renders the report: RENDER_S


Build = Callable[[Path], Plan]
CASES: dict[str, tuple[str, str, Build]] = {}


def case(group: str, description: str) -> Callable[[Build], Build]:
    def register(function: Build) -> Build:
        CASES[function.__name__] = (group, description, function)
        return function

    return register


def period(work: Path) -> Path:
    return work / "data" / "periods" / PERIOD


def validate() -> list[str]:
    return ["validate", "--period", PERIOD, "--data-dir", "{data}"]


def run(*extra: str) -> list[str]:
    return ["run", "--period", PERIOD, "--data-dir", "{data}", "--output-dir", "{work}/out", *extra]


def import_(*files: str) -> list[str]:
    return ["import", "--period", PERIOD, "--data-dir", "{data}", "--force", *files]


def ntm(*args: str, cwd: Path) -> None:
    """Run ntm-report while building a case (not measured)."""
    command = [sys.executable, "-m", "ntm_analysis", *args]
    subprocess.run(command, check=True, cwd=cwd, capture_output=True)


def write_rows(path: Path, header: str, row: Callable[[int], str], count: int) -> None:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        handle.write(header + "\n")
        for start in range(0, count, 10_000):
            handle.write("".join(row(i) + "\n" for i in range(start, min(count, start + 10_000))))


def append_list_rows(
    work: Path, count: int, item: Callable[[int], str] | None = None, lists: int = 1
) -> None:
    """`count` rows added to lists.csv over `lists` named lists (`item(i)`: item and written
    name; criteria of the set by default), each row told apart by its detail."""
    path = period(work) / "lists.csv"
    item = item or (lambda i: f"C{1 + i % 19:02d},Tiêu chí số {1 + i % 19}")
    with open(path, "a", encoding="utf-8", newline="") as handle:
        for start in range(0, count, 10_000):
            rows = range(start, min(count, start + 10_000))
            handle.write("".join(f"stress_{i % lists},84,{item(i)},d{i},A.II.1,\n" for i in rows))


def input_workbook(work: Path, name: str = "wb.xlsx") -> Path:
    """The period's input workbook, as `ntm-report workbook` writes it."""
    path = work / name
    ntm("workbook", "--period", PERIOD, "--data-dir", str(work / "data"), "--output", str(path),
        cwd=work)  # fmt: skip
    return path


def filled_workbook(work: Path, name: str = "filled.xlsx") -> Path:
    """The input workbook with the period's own figures typed in (tests/cycle/clerk.py)."""
    sys.path.insert(0, str(ROOT))
    from ntm_analysis.dataset.period import load_period
    from tests.cycle.clerk import fill_workbook

    path = input_workbook(work, name)
    fill_workbook(path, load_period(PERIOD, work / "data"))
    return path


def rewrite(source: Path, target: Path, parts: dict[str, Callable | bytes | None]) -> Path:
    """A copy of the workbook `source` with parts replaced (bytes, or a function writing to
    the open member: large parts are streamed), dropped (None) or added."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        names = old.namelist() + [n for n in parts if n not in old.namelist()]
        for name in names:
            part = parts.get(name, old.read(name) if name in old.namelist() else None)
            if part is None:
                continue
            if callable(part):
                with new.open(name, "w", force_zip64=True) as member:
                    part(member)
            else:
                new.writestr(name, part)
    return target


def repeated(head: bytes, block: bytes, size: int, tail: bytes) -> Callable:
    """A writer of `head`, `block` repeated to `size` bytes, then `tail`."""

    def write(member) -> None:
        member.write(head)
        chunk = block * max(1, MB // len(block))
        for _ in range(size // len(chunk)):
            member.write(chunk)
        member.write(tail)

    return write


SHEET_HEAD = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
)
SHEET_TAIL = b"</sheetData></worksheet>"
BOMB = (
    b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
    b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><workbook>&b;</workbook>'
)
FIRST_SHEET = "xl/worksheets/sheet1.xml"


def annex(work: Path, parts: dict[str, Callable | bytes | None]) -> Plan:
    """validate on an annex PL03 that is the input workbook with `parts` changed."""
    rewrite(input_workbook(work), period(work) / "annex_pl03.xlsx", parts)
    return Plan(validate())


def hostile_import(work: Path, parts: dict[str, Callable | bytes | None]) -> Plan:
    """import of the input workbook with `parts` changed."""
    path = rewrite(input_workbook(work), work / "hostile.xlsx", parts)
    return Plan(import_(str(path)))


def link_outside(path: Path, work: Path) -> None:
    """Move `path` out of the data folder and leave a symlink to it."""
    outside = work / "outside" / path.name
    outside.parent.mkdir(exist_ok=True)
    shutil.move(path, outside)
    path.symlink_to(outside)


def kept(*names: str) -> Callable[[Path], str | None]:
    """A check that each of `names` (under `work`) still exists."""

    def check(work: Path) -> str | None:
        missing = [n for n in names if not os.path.lexists(work / n)]
        return f"deleted: {missing}" if missing else None

    return check


def published(work: Path) -> str | None:
    report = work / "out" / PERIOD / "report.html"
    return None if report.is_file() else "no report.html published"


def text_cells(path_in_work: str, planted: tuple[str, ...]) -> Callable[[Path], str | None]:
    """A check that no cell of the workbook written holding a `planted` text is a formula."""

    def check(work: Path) -> str | None:
        from openpyxl import load_workbook

        book = load_workbook(work / path_in_work)
        cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
        found = [c for c in cells if str(c.value).lstrip("=") in {p.lstrip("=") for p in planted}]
        if len(found) < len(planted):
            return f"planted texts not found ({len(found)} of {len(planted)})"
        formulas = [c.coordinate for c in found if c.data_type != "s"]
        return f"written as formulas: {formulas}" if formulas else None

    return check
