"""Scale benchmark: load, validate, indicators and projection of one period at 1×, 4×, 16× and
nationwide size, on synthetic data (tests/support/synthetic.py) generated into a temporary
folder.

Each size runs in its own worker process (so `ru_maxrss` is that size's peak), `--reps` times
(the median is shown), then once more under tracemalloc for the peak of traced allocations.
A size whose worker exceeds `--budget` seconds is stopped and shown with the stages it
finished. Prints a table, the growth ratios against 1× (goal: 16× within 20× the time of 1×,
i.e. near-linear) and whether the nationwide period loads, validates and projects in under 2 s
(the issue's goal; the indicators stage, every section's figures, is timed apart).
Nothing is asserted: benchmarks print, tests don't time.

From the repository root (the generator is imported as `tests.support.synthetic`):

    .venv/bin/python -m bench.scale                      # 1, 4, 16, nationwide; 3 reps
    .venv/bin/python -m bench.scale --profile 16 --stage indicators   # cProfile one stage
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
STAGES = ("load", "validate", "indicators", "projection")
SIZES = {"1": 1, "4": 4, "16": 16, "nationwide": 0}
NATIONWIDE_GOAL_S = 2.0
GOAL_STAGES = ("load", "validate", "projection")
GROWTH_GOAL = 20.0


# --------------------------------------------------------------------------- the worker


def _clear_caches() -> None:
    """Forget what an earlier repetition left in the package's memo caches."""
    from ntm_analysis.dataset import reference
    from ntm_analysis.dataset.admin_units import load
    from ntm_analysis.outlook import feasibility
    from ntm_analysis.text import names

    reference.clear_units_cache()
    load._CACHE.clear()
    feasibility._plain_totals.cache_clear()
    names.normalise_name.cache_clear()
    names.fold_diacritics.cache_clear()


def _maxrss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def run_pipeline(data_dir: Path, period: str, emit) -> dict[str, Any]:
    """One pass of the four stages; `emit(stage, seconds, cpu_seconds)` after each. Returns
    sizes."""
    from ntm_analysis import load_period
    from ntm_analysis.outlook import criteria_position, outlook
    from ntm_analysis.quality import check_period
    from ntm_analysis.report.sections import section_figures

    t, c = time.perf_counter(), time.process_time()
    data = load_period(period, data_dir)
    emit("load", time.perf_counter() - t, time.process_time() - c)
    t, c = time.perf_counter(), time.process_time()
    findings = check_period(data)
    emit("validate", time.perf_counter() - t, time.process_time() - c)
    t, c = time.perf_counter(), time.process_time()
    sections = sorted({i.section for i in data.catalogue.indicators.values()})
    figures = sum(len(section_figures(data, [section])) for section in sections)
    emit("indicators", time.perf_counter() - t, time.process_time() - c)
    t, c = time.perf_counter(), time.process_time()
    rows = outlook(data)
    position = criteria_position(data)
    emit("projection", time.perf_counter() - t, time.process_time() - c)
    return {
        "observations": len(data.observations),
        "lists": len(data.lists),
        "communes": len(data.communes),
        "findings": sorted(f.id for f in findings),
        "figures": figures,
        "targets": len(rows),
        "bands": len(position.bands),
    }


def worker(data_dir: Path, period: str, reps: int, out: Path) -> None:
    """Time the pipeline `reps` times, then once under tracemalloc; JSON lines to `out`."""
    import tracemalloc

    with open(out, "a", encoding="utf-8") as handle:

        def write(record: dict[str, Any]) -> None:
            handle.write(json.dumps(record) + "\n")
            handle.flush()

        t = time.perf_counter()
        import ntm_analysis.outlook
        import ntm_analysis.quality
        import ntm_analysis.report.sections  # noqa: F401

        write({"imports": time.perf_counter() - t, "rss_after_imports": _maxrss_mb()})
        sizes: dict[str, Any] = {}
        for rep in range(reps):
            _clear_caches()
            sizes = run_pipeline(
                data_dir,
                period,
                lambda s, x, cpu, r=rep: write(
                    {"rep": r, "stage": s, "seconds": x, "cpu": cpu, "maxrss_mb": _maxrss_mb()}
                ),
            )
        write({"sizes": sizes, "maxrss_mb": _maxrss_mb()})
        _clear_caches()
        tracemalloc.start()
        run_pipeline(data_dir, period, lambda s, x, cpu: None)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        write({"traced_peak_mb": peak / 2**20, "maxrss_mb": _maxrss_mb()})


# --------------------------------------------------------------------------- the driver


def generate(size: str, root: Path, periods: int, seed: int) -> tuple[Path, dict, float]:
    """Write the synthetic data folder of one size; returns it, its manifest and the time."""
    from tests.support.synthetic import generate as make_data

    out = root / f"data_{size}"
    t = time.perf_counter()
    scale, nationwide = max(1, SIZES[size]), SIZES[size] == 0
    manifest = make_data(out, scale=scale, nationwide=nationwide, periods=periods, seed=seed)
    return out, manifest, time.perf_counter() - t


def measure(data_dir: Path, period: str, reps: int, budget: float) -> dict:
    """Run a worker process on one data folder; collect its records (partial on timeout)."""
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as handle:
        out = Path(handle.name)
    command = [sys.executable, __file__, "--worker", str(data_dir), "--period", period]
    command += ["--reps", str(reps), "--out", str(out)]
    process = subprocess.Popen(command, cwd=ROOT)
    timed_out = False
    try:
        process.wait(timeout=budget)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        timed_out = True
    records = [json.loads(line) for line in out.read_text("utf-8").splitlines() if line]
    out.unlink()
    result: dict[str, Any] = {"timed_out": timed_out, "stages": {s: [] for s in STAGES}}
    for record in records:
        if "stage" in record:
            result["stages"][record["stage"]].append(record["seconds"])
            result["maxrss_mb"] = max(result.get("maxrss_mb", 0.0), record["maxrss_mb"])
        else:
            result.update(record)
    done = [s for s in STAGES if result["stages"][s]]
    result["stopped_in"] = STAGES[len(done)] if timed_out and len(done) < len(STAGES) else None
    per_rep: dict[int, float] = {}
    for record in records:
        if "stage" in record:
            per_rep[record["rep"]] = per_rep.get(record["rep"], 0.0) + record["seconds"]
    complete = [v for r, v in per_rep.items() if sum(1 for x in records if x.get("rep") == r) == 4]
    result["total"] = statistics.median(complete) if complete else None
    # The goal: load, validate and projection (the indicators stage is timed apart).
    goal: dict[int, list[float]] = {}
    for record in records:
        if record.get("stage") in GOAL_STAGES:
            wall_cpu = goal.setdefault(record["rep"], [0.0, 0.0, 0])
            wall_cpu[0] += record["seconds"]
            wall_cpu[1] += record.get("cpu", 0.0)
            wall_cpu[2] += 1
    finished = [v for v in goal.values() if v[2] == len(GOAL_STAGES)]
    result["goal_wall"] = statistics.median(v[0] for v in finished) if finished else None
    result["goal_cpu"] = statistics.median(v[1] for v in finished) if finished else None
    return result


def _fmt_s(values: list[float], stopped: bool, budget: float) -> str:
    if not values:
        return f">{budget:.0f} s" if stopped else "—"
    return f"{statistics.median(values):.3f}"


def table(results: dict[str, dict], budget: float) -> str:
    """The measured table (seconds are medians over the repetitions)."""
    head = (
        "| size | prov. | districts | units | xã | obs rows | list rows | "
        + " | ".join(f"{s} s" for s in STAGES)
        + " | total s | traced peak MB | maxrss MB |"
    )
    lines = [head, "|" + "---|" * (head.count("|") - 1)]
    for size, r in results.items():
        m = r["manifest"]
        rows = r.get("sizes", {})
        cells = [
            size if size != "nationwide" else "nationwide",
            str(m["provinces"]),
            str(m["districts"]),
            str(m["units"]),
            str(m["xa"]),
            str(rows.get("observations", "—")),
            str(rows.get("lists", "—")),
        ]
        for stage in STAGES:
            cells.append(_fmt_s(r["stages"][stage], r["stopped_in"] == stage, budget))
        total = r.get("total")
        cells.append(f"{total:.3f}" if total is not None else "—")
        peak = r.get("traced_peak_mb")
        cells.append(f"{peak:.0f}" if peak is not None else "—")
        cells.append(f"{r.get('maxrss_mb', float('nan')):.0f}")
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def growth(results: dict[str, dict]) -> str:
    """Time at each size over time at 1×, per stage and in total."""
    base = results.get("1")
    if base is None or base.get("total") is None:
        return "(no 1× baseline)"
    lines = ["| size | " + " | ".join(STAGES) + " | total |", "|---|" + "---|" * 5]
    for size, r in results.items():
        if size == "1":
            continue
        cells = []
        for stage in STAGES:
            a, b = r["stages"][stage], base["stages"][stage]
            cells.append(f"{statistics.median(a) / statistics.median(b):.1f}×" if a else "—")
        total = r.get("total")
        cells.append(f"{total / base['total']:.1f}×" if total is not None else "—")
        lines.append(f"| {size} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def verdict(results: dict[str, dict]) -> list[str]:
    out = []
    base, r16, nat = results.get("1"), results.get("16"), results.get("nationwide")
    if base and r16 and base.get("total") and r16.get("total"):
        ratio = r16["total"] / base["total"]
        ok = "met" if ratio <= GROWTH_GOAL else "NOT met"
        out.append(f"growth 16×/1×: {ratio:.1f}× (goal ≤ {GROWTH_GOAL:.0f}×): {ok}")
    if nat:
        if nat.get("goal_wall") is not None:
            ok = "met" if nat["goal_wall"] < NATIONWIDE_GOAL_S else "NOT met"
            out.append(
                f"nationwide load + validate + projection: {nat['goal_wall']:.2f} s wall, "
                f"{nat['goal_cpu']:.2f} s CPU (goal < 2 s wall): {ok}; "
                f"all four stages: {nat['total']:.2f} s"
            )
        else:
            out.append(
                f"nationwide period: did not finish (stopped in {nat['stopped_in']}): NOT met"
            )
    return out


def machine() -> str:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kib = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f"{kib / 2**20:.1f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    import pandas

    return (
        f"nproc {os.cpu_count()}, CPU {cpu or platform.processor()}, RAM {mem}, "
        f"Python {platform.python_version()}, pandas {pandas.__version__}"
    )


def profile(size: str, stage: str, periods: int, seed: int, top: int) -> None:
    """cProfile one stage at one size (cumulative time, `top` lines)."""
    import cProfile
    import pstats

    with tempfile.TemporaryDirectory() as tmp:
        data_dir, manifest, _ = generate(size, Path(tmp), periods, seed)
        from ntm_analysis import load_period

        period = manifest["periods"][-1]
        data = load_period(period, data_dir) if stage != "load" else None
        calls = {
            "load": "load_period(period, data_dir)",
            "validate": "check_period(data)",
            "indicators": "[section_figures(data, [s]) "
            "for s in sorted({i.section for i in data.catalogue.indicators.values()})]",
            "projection": "(outlook(data), criteria_position(data))",
        }
        from ntm_analysis.outlook import criteria_position, outlook  # noqa: F401
        from ntm_analysis.quality import check_period  # noqa: F401
        from ntm_analysis.report.sections import section_figures  # noqa: F401

        profiler = cProfile.Profile()
        # one namespace: a comprehension inside exec() cannot see separate locals
        profiler.runctx(calls[stage], {**globals(), **locals()}, {})
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(top)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", nargs="+", default=list(SIZES), choices=list(SIZES))
    parser.add_argument("--periods", type=int, default=12)
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--budget", type=float, default=600, help="seconds per size")
    parser.add_argument("--json", type=Path, help="write the raw results here")
    parser.add_argument("--profile", choices=list(SIZES), help="cProfile one stage at this size")
    parser.add_argument("--stage", choices=STAGES, default="indicators")
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--worker", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--period", help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        worker(args.worker, args.period, args.reps, args.out)
        return 0
    if args.profile:
        profile(args.profile, args.stage, args.periods, args.seed, args.top)
        return 0
    print(machine())
    with tempfile.TemporaryDirectory() as tmp:
        results: dict[str, dict] = {}
        for size in args.sizes:
            data_dir, manifest, seconds = generate(size, Path(tmp), args.periods, args.seed)
            print(
                f"generated {size}: {manifest['units']} units, {len(manifest['periods'])} "
                f"periods in {seconds:.1f} s",
                flush=True,
            )
            period = manifest["periods"][-1]
            r = measure(data_dir, period, args.reps, args.budget)
            r["manifest"] = manifest
            expected = manifest["expected_findings"][period]
            found = r.get("sizes", {}).get("findings")
            r["findings_ok"] = found == expected if found is not None else None
            results[size] = r
            status = "timed out" if r["timed_out"] else f"{r['total']:.2f} s"
            print(f"  {size}: {status}", flush=True)
            shutil.rmtree(data_dir)
    print(f"\n### period {period}, median of {args.reps} repetitions\n")
    print(table(results, args.budget))
    print("\nGrowth against 1×:\n")
    print(growth(results))
    print()
    for line in verdict(results):
        print(line)
    bad = [s for s, r in results.items() if r["findings_ok"] is False]
    print("findings as expected at every size" if not bad else f"UNEXPECTED findings at {bad}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1, default=str), "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
