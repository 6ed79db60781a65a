"""Merging the readings of several workbooks (the province's, or one per district).

The same figure from two files with different values, a commune or district filed in another
district's workbook, and a figure of another district's area are errors; a district without a
workbook is a warning.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ntm_analysis.cycle.context import Context
from ntm_analysis.cycle.reader import Reading
from ntm_analysis.cycle.rows import Pair
from ntm_analysis.dataset.excel import Cell
from ntm_analysis.dataset.reference import area_names
from ntm_analysis.errors import InputError, InputErrors


def _conflict(pair: Pair, first: Cell, a: object, second: Cell, b: object) -> InputError:
    return InputError(
        f"{pair[0]} for area {pair[1]} is {a} in {first} but {b} in {second}",
        path=second.file,
        column=f"{second.sheet}!{second.cell}",
        expected="the same figure in every file that gives it",
    )


def _annex_problems(
    reading: Reading, before: pd.DataFrame | None, district_of: dict[str, str], own: bool
) -> list[InputError]:
    """PL03 rows of another district's xã, and cells that contradict an earlier file."""
    errors = []
    annex = reading.annex
    assert annex is not None
    earlier = {}
    if before is not None:
        reported = before[before["met"].notna()]
        keys = zip(reported["code"], reported["criterion"], strict=True)
        earlier = dict(zip(keys, reported["met"], strict=True))
    for code, criterion, met, cell in zip(
        annex["code"], annex["criterion"], annex["met"], annex["cell"], strict=True
    ):
        where = {"path": reading.path, "column": f"PL03!{cell}"}
        if own and district_of.get(code) != reading.scope:
            errors.append(
                InputError(
                    f"commune {code} belongs to district {district_of.get(code)}, "
                    f"filed in the workbook of district {reading.scope}",
                    expected="each district's own communes only",
                    **where,
                )
            )
        elif not pd.isna(met) and earlier.get((code, criterion), met) != met:
            errors.append(
                InputError(
                    f"criterion {criterion} of commune {code} is {int(met)} here but "
                    f"{int(earlier[(code, criterion)])} in an earlier file",
                    expected="the same value in every file that gives it",
                    **where,
                )
            )
    return errors


def merge(readings: list[Reading], context: Context) -> tuple[Reading, list[str]]:
    """One reading from several files; conflicts and misfiled communes are InputErrors,
    districts without a file are warnings."""
    units = context.units
    district_of = dict(zip(units["unit_code"], units["district_code"], strict=True))
    district_of.update({d: d for d in units["district_code"]})
    merged = Reading(path=Path(""), scope=context.province)
    errors: list[InputError] = []
    warnings: list[str] = []
    for reading in readings:
        scope_is_district = reading.scope != context.province
        for pair, (value, note, ref) in reading.figures.items():
            if scope_is_district and district_of.get(pair[1]) != reading.scope:
                errors.append(
                    InputError(
                        f"a figure of area {pair[1]} in the workbook of district {reading.scope}",
                        path=ref.file,
                        column=f"{ref.sheet}!{ref.cell}",
                        expected="each district's own areas only",
                    )
                )
            elif pair in merged.figures and merged.figures[pair][0] != value:
                errors.append(
                    _conflict(pair, merged.figures[pair][2], merged.figures[pair][0], ref, value)
                )
            else:
                merged.figures.setdefault(pair, (value, note, ref))
        for code, (record, ref) in reading.communes.items():
            if scope_is_district and record["district_code"] != reading.scope:
                errors.append(
                    InputError(
                        f"commune {code} belongs to district {record['district_code']}, "
                        f"filed in the workbook of district {reading.scope}",
                        path=ref.file,
                        column=f"{ref.sheet}!{ref.cell}",
                        expected="each district's own communes only",
                    )
                )
            elif code in merged.communes and merged.communes[code][0] != record:
                errors.append(
                    _conflict(
                        ("status", code),
                        merged.communes[code][1],
                        merged.communes[code][0],
                        ref,
                        record,
                    )
                )
            else:
                merged.communes.setdefault(code, (record, ref))
        for code, (record, ref) in reading.districts.items():
            if scope_is_district and code != reading.scope:
                errors.append(
                    InputError(
                        f"district {code} in the workbook of district {reading.scope}",
                        path=ref.file,
                        column=f"{ref.sheet}!{ref.cell}",
                        expected="each district's own row only",
                    )
                )
            elif code in merged.districts and merged.districts[code][0] != record:
                errors.append(
                    _conflict(
                        ("district", code),
                        merged.districts[code][1],
                        merged.districts[code][0],
                        ref,
                        record,
                    )
                )
            else:
                merged.districts.setdefault(code, (record, ref))
        merged.lists += reading.lists
        merged.empty += reading.empty
        if reading.annex is not None and len(reading.annex):
            errors += _annex_problems(reading, merged.annex, district_of, scope_is_district)
            frames = [f for f in (merged.annex, reading.annex) if f is not None]
            merged.annex = pd.concat(frames, ignore_index=True)
    filled = set(merged.figures)
    merged.empty = (
        [(p, c) for p, c in dict(merged.empty).items() if p not in filled] if merged.empty else []
    )
    scopes = {r.scope for r in readings}
    if scopes - {context.province}:
        missing = sorted(set(units["district_code"]) - scopes)
        if missing and context.province not in scopes:
            names = area_names(units, "vi")
            warnings.append("không có tệp của: " + ", ".join(names[d] for d in missing))
    if errors:
        raise InputErrors(errors)
    return merged, warnings
