"""Time the reports of many synthetic province-periods: one after another, and on Dask.

Generates a synthetic data folder (`tests/support/synthetic.py`, a province the size of the
template) with `--periods` periods, then times three runs of `ntm-report run` with every
period, each into a fresh outputs folder:

- serial: `--executor local --workers 1` (one notebook at a time, one period after another);
- local: `--executor local --workers N` (the notebooks of a period N at a time);
- dask: `--executor dask --workers N` (a LocalCluster of N processes, one period per task).

A full report takes about a minute per period on this machine, so only the notebooks of
`--only` run (default: three sections). Prints the times and the ratios. Run from the
repository root with the project's venv:

    .venv/bin/python -m bench.batch [--periods 20] [--workers 2] [--only 00 01 03]
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.support.synthetic import generate

BIN = Path(sys.executable).parent


def timed_run(data: Path, periods: list[str], out: Path, only: list[str], *extra: str) -> float:
    command = [str(BIN / "ntm-report"), "run", "--data-dir", str(data), "--output-dir", str(out)]
    for period in periods:
        command += ["--period", period]
    command += ["--only", *only, *extra]
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"{' '.join(command[:3])} … exited {done.returncode}:\n{done.stdout}{done.stderr}")
    return elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--periods", type=int, default=20, help="synthetic periods to render")
    parser.add_argument("--workers", type=int, default=2, help="processes of local and dask")
    parser.add_argument("--only", nargs="+", default=["00", "01", "03"], help="notebooks to run")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="ntm-bench-batch-") as tmp:
        data = Path(tmp) / "data"
        manifest = generate(data, scale=1, periods=args.periods, end="2021-09", seed=args.seed)
        periods = manifest["periods"]
        print(
            f"{len(periods)} synthetic periods ({periods[0]}…{periods[-1]}), one province of "
            f"{manifest['units']} units; notebooks {' '.join(args.only)}"
        )
        print(
            f"machine: {os.cpu_count()} cores, {platform.processor() or platform.machine()}, "
            f"Python {platform.python_version()}, load average "
            f"{' '.join(f'{x:.1f}' for x in os.getloadavg())}"
        )
        w = str(args.workers)
        serial = timed_run(data, periods, Path(tmp) / "serial", args.only, "--workers", "1")
        print(f"serial (local, --workers 1):        {serial:7.1f} s")
        local = timed_run(data, periods, Path(tmp) / "local", args.only, "--workers", w)
        print(f"local  (local, --workers {w}):        {local:7.1f} s")
        dask = timed_run(
            data, periods, Path(tmp) / "dask", args.only, "--workers", w, "--executor", "dask"
        )
        print(f"dask   (LocalCluster, --workers {w}): {dask:7.1f} s")
        print(f"ratio dask / serial: {dask / serial:.2f}")
        print(f"ratio dask / local --workers {w}: {dask / local:.2f}")
        print(f"load average after: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
