"""What the report's documents add to a run: build the document, Word, PDF (and reuse).

    .venv/bin/python bench/documents.py [--period 2021-09] [--output-dir /tmp/ntm-bench]

Runs the period once (pages executed), then prints the cost of each document step as run.json
records it, and runs again to show that an unchanged document is reused (0 s).
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from ntm_analysis.cli import main as ntm_report

ROOT = Path(__file__).resolve().parents[1]


def run(period: str, outputs: Path) -> tuple[float, dict]:
    started = time.perf_counter()
    code = ntm_report(["run", "--period", period, "--data-dir", str(ROOT / "data"),
                       "--output-dir", str(outputs)])  # fmt: skip
    elapsed = time.perf_counter() - started
    record = json.loads((outputs / period / "run.json").read_text(encoding="utf-8"))
    print(f"  exit {code}, {elapsed:.1f} s in all")
    return elapsed, record.get("document", {})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--period", default="2021-09")
    parser.add_argument("--output-dir", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        outputs = args.output_dir or Path(tmp)
        print("first run:")
        _, first = run(args.period, outputs)
        print("second run (nothing changed):")
        _, second = run(args.period, outputs)
    print(f"\n{'file':<12} {'first run':>10} {'unchanged':>10}")
    for name in ("report.docx", "report.pdf"):
        cost = first.get(name, "missing")
        again = second.get(name, "missing")
        shown = f"{cost:.2f} s" if isinstance(cost, float) else str(cost)
        print(f"{name:<12} {shown:>10} {again!s:>10}")
    total = sum(v for k, v in first.items() if isinstance(v, float))
    print(f"{'Word + PDF':<12} {total:>8.2f} s (budget 5 s on 2 cores)")


if __name__ == "__main__":
    main()
