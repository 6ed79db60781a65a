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


def _misfiled(message: str, ref: Cell, expected: str) -> InputError:
    return InputError(message, path=ref.file, column=f"{ref.sheet}!{ref.cell}", expected=expected)


def _merge_figures(
    reading: Reading, merged: Reading, district_of: dict[str, str], own: bool
) -> list[InputError]:
    """The reading's figures added to `merged`: a figure of another district's area (`own`: the
    workbook is a district's) or a different value than an earlier file's is an error."""
    errors = []
    for pair, (value, note, ref) in reading.figures.items():
        if own and district_of.get(pair[1]) != reading.scope:
            errors.append(
                _misfiled(
                    f"a figure of area {pair[1]} in the workbook of district {reading.scope}",
                    ref,
                    "each district's own areas only",
                )
            )
        elif pair in merged.figures and merged.figures[pair][0] != value:
            errors.append(
                _conflict(pair, merged.figures[pair][2], merged.figures[pair][0], ref, value)
            )
        else:
            merged.figures.setdefault(pair, (value, note, ref))
    return errors


def _merge_communes(reading: Reading, merged: Reading, own: bool) -> list[InputError]:
    """The reading's commune statuses added to `merged` (see `_merge_figures`)."""
    errors = []
    for code, (record, ref) in reading.communes.items():
        if own and record["district_code"] != reading.scope:
            errors.append(
                _misfiled(
                    f"commune {code} belongs to district {record['district_code']}, "
                    f"filed in the workbook of district {reading.scope}",
                    ref,
                    "each district's own communes only",
                )
            )
        elif code in merged.communes and merged.communes[code][0] != record:
            first, before = merged.communes[code][1], merged.communes[code][0]
            errors.append(_conflict(("status", code), first, before, ref, record))
        else:
            merged.communes.setdefault(code, (record, ref))
    return errors


def _merge_districts(reading: Reading, merged: Reading, own: bool) -> list[InputError]:
    """The reading's district statuses added to `merged` (see `_merge_figures`)."""
    errors = []
    for code, (record, ref) in reading.districts.items():
        if own and code != reading.scope:
            errors.append(
                _misfiled(
                    f"district {code} in the workbook of district {reading.scope}",
                    ref,
                    "each district's own row only",
                )
            )
        elif code in merged.districts and merged.districts[code][0] != record:
            first, before = merged.districts[code][1], merged.districts[code][0]
            errors.append(_conflict(("district", code), first, before, ref, record))
        else:
            merged.districts.setdefault(code, (record, ref))
    return errors


def _missing_districts(readings: list[Reading], context: Context) -> list[str]:
    """The warning naming the districts without a workbook, when districts sent theirs."""
    scopes = {r.scope for r in readings}
    if not scopes - {context.province} or context.province in scopes:
        return []
    missing = sorted(set(context.units["district_code"]) - scopes)
    if not missing:
        return []
    names = area_names(context.units, "vi")
    return ["không có tệp của: " + ", ".join(names[d] for d in missing)]


def merge(readings: list[Reading], context: Context) -> tuple[Reading, list[str]]:
    """One reading from several files; conflicts and misfiled communes are InputErrors,
    districts without a file are warnings."""
    units = context.units
    district_of = dict(zip(units["unit_code"], units["district_code"], strict=True))
    district_of.update({d: d for d in units["district_code"]})
    merged = Reading(path=Path(""), scope=context.province)
    errors: list[InputError] = []
    for reading in readings:
        own = reading.scope != context.province  # a district's workbook
        errors += _merge_figures(reading, merged, district_of, own)
        errors += _merge_communes(reading, merged, own)
        errors += _merge_districts(reading, merged, own)
        merged.lists += reading.lists
        merged.empty += reading.empty
        if reading.annex is not None and len(reading.annex):
            errors += _annex_problems(reading, merged.annex, district_of, own)
            frames = [f for f in (merged.annex, reading.annex) if f is not None]
            merged.annex = pd.concat(frames, ignore_index=True)
    filled = set(merged.figures)
    merged.empty = (
        [(p, c) for p, c in dict(merged.empty).items() if p not in filled] if merged.empty else []
    )
    warnings = _missing_districts(readings, context)
    if errors:
        raise InputErrors(errors)
    return merged, warnings
