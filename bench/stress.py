"""Large and hostile input (issue 20): every case, its time, memory and outcome, and a table per
class of case.

Each case (`bench/stress_cases.py`) copies the shipped `data/` to a temporary folder, plants one
large or hostile input, and runs one `ntm-report` command (or several at once) in a subprocess.
While it runs, the memory of the command and all its processes (kernels, workers, the PDF
browser) is summed every 0.1 s (proportional set size, so pages they share count once); a
command past 3 GB or 180 s is killed. A case is:

- **clean exit 2**: refused as it should be, exit 2, one message, no traceback;
- **as expected**: a case meant to succeed (exit 0, or 1 for a failed optional output) that
  did, and whose written result passed the case's check (a kept file, a text cell …);
- **wrong exit**: any other exit, a traceback, or a failed check;
- **over 60 s** (over 180 s for a case that renders the whole report: the shipped period's
  own run, `run_shipped`, takes about 60 s on a 2-core machine), **over 1.5 GB** (summed over
  its processes);
- **data changed**: a refused command changed a file under `data/` (or replaced a symlink).

Nothing is asserted: benchmarks print, tests don't time. Run from the repository root:

    .venv/bin/python -m bench.stress                   # every case (about 20 minutes)
    .venv/bin/python -m bench.stress --only xlsx_row_bomb dask_bogus
    .venv/bin/python -m bench.stress --class "1." "7."  # classes whose name starts so
    .venv/bin/python -m bench.stress --list
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psutil

from bench.stress_cases import CASES  # registered by @case in bench/stress_support.py
from bench.stress_support import ROOT, Plan

GOAL_S, GOAL_MB = 60.0, 1536.0
KILL_S, KILL_MB = 180.0, 3072.0
COLUMNS = ("tried", "clean exit 2", "as expected", "wrong exit", "over 60 s", "over 1.5 GB")
COLUMNS += ("data changed",)


@dataclass
class Outcome:
    name: str
    group: str
    exits: list[int]
    seconds: float
    peak_mb: float
    message: str
    problem: str | None  # a traceback, a wrong exit or a failed check
    data_changed: bool
    expect: int
    goal_s: float

    @property
    def clean_exit_2(self) -> bool:
        return self.expect == 2 and self.problem is None

    @property
    def as_expected(self) -> bool:
        return self.expect != 2 and self.problem is None


def snapshot(folder: Path) -> dict[str, str]:
    """Every file and link under `folder`: a link's target, a file's size and digest."""
    found = {}
    for path in sorted(folder.rglob("*")):
        key = str(path.relative_to(folder))
        if path.parent.name == "periods" and path.name.startswith(".") and key.endswith(".lock"):
            continue  # the import lock of a period (docs/period-cycle.md): not data
        if path.is_symlink():
            found[key] = "-> " + os.readlink(path)
        elif path.is_file():
            size = path.stat().st_size
            if size > 64 * 1024 * 1024:  # a large planted file: its size and time
                found[key] = f"{size} {path.stat().st_mtime_ns}"
                continue
            found[key] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def _memory(process: psutil.Process) -> int:
    """A process's proportional set size (its private pages plus its share of the pages it
    shares, so a sum over processes counts a shared page once); RSS where PSS is unknown."""
    try:
        return process.memory_full_info().pss
    except (AttributeError, psutil.AccessDenied):
        return process.memory_info().rss


def _tree_memory(processes: list[psutil.Process]) -> float:
    """MB used by the processes and all their descendants together (sum of PSS)."""
    total = 0
    for process in processes:
        with contextlib.suppress(psutil.Error):
            for member in [process, *process.children(recursive=True)]:
                with contextlib.suppress(psutil.Error):
                    total += _memory(member)
    return total / 1024 / 1024


@contextlib.contextmanager
def http_server() -> Iterator[int]:
    """An HTTP server on a free port of 127.0.0.1 (given as a Dask scheduler)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(1.0)
    try:
        yield port
    finally:
        server.terminate()
        server.wait()


def execute(plan: Plan, work: Path, port: int) -> tuple[list[int], float, float, list[str]]:
    """Run the plan's command(s); their exit codes, seconds, peak summed memory and stderr."""
    values = {"data": str(work / "data"), "work": str(work), "port": str(port)}
    args = [a.format(**values) for a in plan.args]
    command = [sys.executable, "-m", "ntm_analysis", *args]
    env = {**os.environ, "NTM_LANG": "en", **plan.env, "PYTHONPATH": str(ROOT)}
    logs = [work / f"stderr-{i}.txt" for i in range(plan.copies)]
    start = time.perf_counter()
    processes = []
    for log in logs:
        with open(log, "wb") as err:
            processes.append(
                subprocess.Popen(
                    command,
                    stdout=subprocess.DEVNULL,
                    stderr=err,
                    cwd=work,
                    env=env,
                    start_new_session=True,
                )
            )
    handles = [psutil.Process(p.pid) for p in processes]
    peak = 0.0
    while any(p.poll() is None for p in processes):
        peak = max(peak, _tree_memory(handles))
        if peak > KILL_MB or time.perf_counter() - start > KILL_S:
            for p in processes:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(p.pid, signal.SIGKILL)
        time.sleep(0.1)
    seconds = time.perf_counter() - start
    errors = [log.read_text(encoding="utf-8", errors="replace") for log in logs]
    return [p.returncode for p in processes], seconds, peak, errors


def judge(plan: Plan, exits: list[int], errors: list[str], work: Path) -> str | None:
    """What went wrong, or None."""
    wanted = [plan.expect] + [2] * (plan.copies - 1)
    if sorted(exits) != sorted(wanted):
        return f"exit {exits}, expected {wanted}"
    if any("Traceback" in err for err in errors):
        return "a traceback"
    refusals = [err for code, err in zip(exits, errors, strict=True) if code == 2]
    if any(len([ln for ln in err.splitlines() if ln.strip()]) > 25 for err in refusals):
        return "a refusal of more than 25 lines"
    return plan.check(work) if plan.check else None


def run_case(name: str, keep: bool) -> Outcome:
    group, _, build = CASES[name]
    work = Path(tempfile.mkdtemp(prefix=f"stress-{name}-"))
    try:
        shutil.copytree(ROOT / "data", work / "data", symlinks=True)
        try:
            plan = build(work)
        except Exception as exc:  # a case that cannot be built is a failed case, not the end
            failed = f"the case could not be built: {type(exc).__name__}: {exc}"[:200]
            return Outcome(name, group, [], 0.0, 0.0, "", failed, False, 2, 60.0)
        before = snapshot(work / "data")
        with contextlib.ExitStack() as stack:
            port = stack.enter_context(http_server()) if plan.server else 0
            exits, seconds, peak, errors = execute(plan, work, port)
        changed = not plan.writes and snapshot(work / "data") != before
        lines = [ln for err in errors for ln in err.splitlines() if ln.strip()]
        return Outcome(
            name=name,
            group=group,
            exits=exits,
            seconds=seconds,
            peak_mb=peak,
            message=" ".join(lines[:2])[:200],
            problem=judge(plan, exits, errors, work),
            data_changed=changed,
            expect=plan.expect,
            goal_s=plan.seconds,
        )
    finally:
        if not keep:
            shutil.rmtree(work, ignore_errors=True)


def print_case(outcome: Outcome) -> None:
    message = (outcome.problem or outcome.message).replace("|", "\\|")
    flags = "ok" if outcome.problem is None and not outcome.data_changed else "NO"
    print(
        f"| {outcome.name} | {','.join(map(str, outcome.exits))} | {outcome.seconds:.1f} | "
        f"{outcome.peak_mb:.0f} | {flags} | {message} |",
        flush=True,
    )


def summary(outcomes: list[Outcome]) -> list[str]:
    """The table per class: tried, clean exit 2, as expected, wrong, slow, large, changed."""
    lines = ["| class | " + " | ".join(COLUMNS) + " |", "|---" * (len(COLUMNS) + 1) + "|"]
    for group in sorted({o.group for o in outcomes}):
        mine = [o for o in outcomes if o.group == group]
        counts = (
            len(mine),
            sum(o.clean_exit_2 for o in mine),
            sum(o.as_expected for o in mine),
            sum(o.problem is not None for o in mine),
            sum(o.seconds > o.goal_s for o in mine),
            sum(o.peak_mb > GOAL_MB for o in mine),
            sum(o.data_changed for o in mine),
        )
        lines.append(f"| {group} | " + " | ".join(map(str, counts)) + " |")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="+", metavar="CASE", help="run only these cases")
    parser.add_argument("--class", dest="classes", nargs="+", metavar="PREFIX")
    parser.add_argument("--list", action="store_true", help="list the cases and exit")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folders")
    args = parser.parse_args(argv)
    if args.list:
        for name, (group, description, _) in CASES.items():
            print(f"{group:38} {name:34} {description}")
        return 0
    names = args.only or [
        n for n, (g, _, _) in CASES.items() if not args.classes or g.startswith(tuple(args.classes))
    ]
    unknown = [n for n in names if n not in CASES]
    if unknown:
        parser.error(f"unknown case(s) {unknown}; --list shows them")
    print(f"goal {GOAL_S:.0f} s, {GOAL_MB:.0f} MB ; killed at {KILL_S:.0f} s, {KILL_MB:.0f} MB")
    print("\n| case | exit | seconds | peak MB | ok | message |\n|---|---|---|---|---|---|")
    outcomes = []
    for name in names:
        outcomes.append(run_case(name, args.keep))
        print_case(outcomes[-1])
    print("\n" + "\n".join(summary(outcomes)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
