"""Time a first `ntm-report run` against a second one with nothing changed.

The second run reuses every notebook whose inputs (data files, notebook, package, parameters)
are unchanged since the first; goal: it takes under a quarter of the first. A third run with
`--force` executes everything again. Run from the repository root with the project's venv:

    .venv/bin/python bench/rerun.py [--period 2021-09] [--workers 2]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BIN = Path(sys.executable).parent


def timed_run(period: str, out: Path, workers: int, *extra: str) -> float:
    start = time.perf_counter()
    subprocess.run(
        [
            str(BIN / "ntm-report"),
            "run",
            "--period",
            period,
            "--output-dir",
            str(out),
            "--workers",
            str(workers),
            *extra,
        ],
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--period", default="2021-09")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        first = timed_run(args.period, out, args.workers)
        second = timed_run(args.period, out, args.workers)
        forced = timed_run(args.period, out, args.workers, "--force")
    print(f"first run:                  {first:6.1f} s")
    print(f"second run, nothing changed: {second:6.1f} s")
    print(f"third run, --force:          {forced:6.1f} s")
    print(f"ratio second / first: {second / first:.2f} (goal < 0.25)")


if __name__ == "__main__":
    main()
