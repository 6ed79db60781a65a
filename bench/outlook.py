"""Outlook benchmark: the year-end forecast of one period (every commune's and district's
probability, every target's distribution, interval, P(meet) and judgement) at 1×, 16× and
nationwide size, on synthetic data (tests/support/synthetic.py) generated into a temporary
folder.

Each repetition loads the period afresh (not timed, with the index of its figures that any
lookup builds) and times `outlook(data)` from nothing (the model of the period is built
inside). Prints the median seconds per size, the number of
communes forecast, the growth of 16× against 1× (issue 18's goal: at most 20×) and whether the
nationwide forecast takes under 1 s (the issue's goal). Nothing is asserted: benchmarks print,
tests don't time.

From the repository root (the generator is imported as `tests.support.synthetic`):

    .venv/bin/python -m bench.outlook                 # 1, 16, nationwide; 3 repetitions
    .venv/bin/python -m bench.outlook --sizes 1 16 --reps 5
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

SIZES = {"1": 1, "4": 4, "16": 16, "nationwide": 0}
NATIONWIDE_GOAL_S = 1.0
GROWTH_GOAL = 20.0


def generate(size: str, root: Path, seed: int) -> tuple[Path, str]:
    """The synthetic data folder of one size and its last period."""
    from tests.support.synthetic import generate as make_data

    out = root / f"data_{size}"
    make_data(out, scale=max(1, SIZES[size]), nationwide=SIZES[size] == 0, periods=2, seed=seed)
    return out, sorted(p.name for p in (out / "periods").iterdir())[-1]


def time_outlook(data_dir: Path, period: str, reps: int) -> tuple[list[float], int, int]:
    """Seconds of `outlook(data)` per repetition, the communes and the targets forecast."""
    from ntm_analysis import load_period
    from ntm_analysis.outlook import outlook

    seconds, communes, targets = [], 0, 0
    for _ in range(reps):
        data = load_period(period, data_dir)
        data.has("")  # the period's index of figures: built by its first lookup, as at load
        start = time.perf_counter()
        rows = outlook(data)
        seconds.append(time.perf_counter() - start)
        communes, targets = len(data.communes), len(rows)
    return seconds, communes, targets


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="+", default=["1", "16", "nationwide"], choices=SIZES)
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    medians: dict[str, float] = {}
    print(f"{'size':<11} {'communes':>8} {'targets':>7} {'median s':>9} {'min s':>7}")
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            folder, period = generate(size, Path(tmp), args.seed)
            seconds, communes, targets = time_outlook(folder, period, args.reps)
            medians[size] = statistics.median(seconds)
            print(
                f"{size:<11} {communes:>8} {targets:>7} {medians[size]:>9.3f} {min(seconds):>7.3f}"
            )
    if "1" in medians and "16" in medians:
        growth = medians["16"] / medians["1"]
        verdict = "within" if growth <= GROWTH_GOAL else "beyond"
        print(f"16× / 1×: {growth:.1f}× ({verdict} the goal of {GROWTH_GOAL:.0f}×)")
    if "nationwide" in medians:
        fast = medians["nationwide"] < NATIONWIDE_GOAL_S
        print(
            f"nationwide: {medians['nationwide']:.3f} s "
            f"({'under' if fast else 'over'} the goal of {NATIONWIDE_GOAL_S:.0f} s)"
        )


if __name__ == "__main__":
    main()
