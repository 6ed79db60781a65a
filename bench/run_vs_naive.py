"""Time `ntm-report run` against the loop an analyst would otherwise write.

The naive loop: for each notebook, `papermill` CLI then `jupyter nbconvert --to html` CLI,
one after the other. Both render the same notebooks of the same period. Prints both times,
their ratio (goal: runner / naive <= 0.25 on a 2-core machine) and the size of each page
(goal: under 1 MB each). Run from the repository root with the project's venv:

    .venv/bin/python bench/run_vs_naive.py [--period 2021-09] [--workers 2]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from rerun import timed_run  # bench/ is on sys.path when a script of it runs

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def naive(period: str, out: Path) -> float:
    start = time.perf_counter()
    for nb in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        executed = out / nb.name
        subprocess.run(
            [
                str(BIN / "papermill"),
                str(nb),
                str(executed),
                "-p",
                "period",
                period,
                "-p",
                "data_dir",
                str(ROOT / "data"),
                "-p",
                "lang",
                "vi",
                "--cwd",
                str(ROOT / "notebooks"),
                "--no-progress-bar",
            ],
            check=True,
            capture_output=True,
        )
        subprocess.run(
            [str(BIN / "jupyter"), "nbconvert", "--to", "html", "--no-input", str(executed)],
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
        tmp = Path(tmp)
        (tmp / "naive").mkdir()
        t_naive = naive(args.period, tmp / "naive")
        t_runner = timed_run(args.period, tmp / "runner", args.workers)
        print(f"naive loop (papermill + nbconvert CLIs): {t_naive:7.1f} s")
        print(f"ntm-report run --workers {args.workers}:        {t_runner:7.1f} s")
        print(f"ratio runner / naive: {t_runner / t_naive:.2f} (goal <= 0.25)")
        print("page sizes (goal < 1 MB each):")
        for page in sorted((tmp / "runner" / args.period).glob("*.html")):
            size = page.stat().st_size
            flag = "" if size < 1_000_000 else "  <-- over 1 MB"
            print(f"  {page.name:<40} {size / 1e6:6.2f} MB{flag}")


if __name__ == "__main__":
    main()
