"""Time loading the whole-country units (versions 2021 and 2025-07-01) and a conversion.

Usage: .venv/bin/python bench/units_load.py

Prints, per step, the median of 5 cold loads (the module's cache cleared each time) and of 5
warm loads, and their ratio to a bare `pandas.read_csv(dtype=str)` of the same file.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

import pandas as pd

from ntm_analysis.dataset.admin_units import load
from ntm_analysis.units import conversion, load_units, load_versions

REFERENCE = Path(__file__).resolve().parents[1] / "data" / "reference"


def _median(step, clear: bool) -> float:
    times = []
    for _ in range(5):
        if clear:
            load._CACHE.clear()
            conversion._CACHE.clear()
        start = time.perf_counter()
        step()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    index = load_versions(REFERENCE)
    for version in index.versions:
        path = REFERENCE / "admin_units" / version.file
        bare = _median(lambda p=path: pd.read_csv(p, dtype=str, keep_default_na=False), False)
        cold = _median(lambda v=version.id: load_units(REFERENCE, v), True)
        warm = _median(lambda v=version.id: load_units(REFERENCE, v), False)
        print(
            f"{version.id}: bare read {bare * 1000:.0f} ms, load_units cold {cold * 1000:.0f} ms "
            f"({cold / bare:.1f}x), warm {warm * 1000:.1f} ms ({warm / bare:.2f}x)"
        )
    declared = index.conversions[0]
    old, new = declared.from_version, declared.to_version
    codes = list(load_units(REFERENCE, old)["unit_code"])
    whole = _median(lambda: conversion.convert(REFERENCE, codes, old, new), False)
    print(f"convert {len(codes)} units {old} -> {new}: {whole * 1000:.0f} ms")


if __name__ == "__main__":
    main()
