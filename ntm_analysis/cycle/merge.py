"""Merging the readings of several workbooks (the province's, or one per district).

The same figure from two files with different values, a commune or district filed in another
district's workbook, and a figure of another district's area are errors; a district without a
workbook is a warning.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ntm_analysis.cycle.context import Context
from ntm_analysis.cycle.reader import Reading
from ntm_analysis.cycle.rows import Pair
from ntm_analysis.dataset.excel import Cell
from ntm_analysis.dataset.reference import area_names
from ntm_analysis.errors import InputError, InputErrors, Message
from ntm_analysis.i18n import N_
from ntm_analysis.quality.present import place_names


@dataclass(frozen=True)
class Place:
    """A message value: an area in words with its code ("xã Vĩnh Kim, huyện Cầu Ngang (29248)"),
    in the reader's language."""

    code: str
    units: pd.DataFrame = field(repr=False, compare=False)

    def render(self, lang: str) -> str:
        name = place_names(self.units, lang).get(self.code)
        return f"{name} ({self.code})" if name else self.code


@dataclass(frozen=True)
class _Names:
    """A message value: areas in words, comma-separated, in the reader's language."""

    codes: list[str]
    units: pd.DataFrame = field(repr=False, compare=False)

    def render(self, lang: str) -> str:
        names = area_names(self.units, lang)
        return ", ".join(names[code] for code in self.codes)


def _conflict(
    pair: Pair, first: Cell, a: object, second: Cell, b: object, units: pd.DataFrame
) -> InputError:
    return InputError(
        N_("{what} của {area} là {a} trong {first} nhưng là {b} trong {second}"),
        path=second.file,
        column=f"{second.sheet}!{second.cell}",
        expected=N_("cùng một số liệu trong mọi tệp có ghi số liệu đó"),
        what=pair[0],
        area=Place(pair[1], units),
        a=a,
        first=first,
        b=b,
        second=second,
    )


def _annex_problems(
    reading: Reading,
    before: pd.DataFrame | None,
    district_of: dict[str, str],
    own: bool,
    units: pd.DataFrame,
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
                    N_("{commune} thuộc {district}, nhưng được ghi trong biểu nhập của {scope}"),
                    expected=N_("chỉ các xã của chính huyện đó"),
                    **where,
                    commune=Place(code, units),
                    district=Place(district_of.get(code, ""), units),
                    scope=Place(reading.scope, units),
                )
            )
        elif not pd.isna(met) and earlier.get((code, criterion), met) != met:
            errors.append(
                InputError(
                    N_(
                        "tiêu chí {criterion} của {commune} ghi {met} ở đây nhưng ghi {earlier} "
                        "trong một tệp trước"
                    ),
                    expected=N_("cùng một giá trị trong mọi tệp có ghi giá trị đó"),
                    **where,
                    criterion=criterion,
                    commune=Place(code, units),
                    met=int(met),
                    earlier=int(earlier[(code, criterion)]),
                )
            )
    return errors


def _misfiled(message: str, ref: Cell, expected: str, **values: object) -> InputError:
    return InputError(
        message, path=ref.file, column=f"{ref.sheet}!{ref.cell}", expected=expected, **values
    )


def _merge_figures(
    reading: Reading, merged: Reading, district_of: dict[str, str], own: bool, units: pd.DataFrame
) -> list[InputError]:
    """The reading's figures added to `merged`: a figure of another district's area (`own`: the
    workbook is a district's) or a different value than an earlier file's is an error."""
    errors = []
    for pair, (value, note, ref) in reading.figures.items():
        if own and district_of.get(pair[1]) != reading.scope:
            errors.append(
                _misfiled(
                    N_("số liệu của {area} trong biểu nhập của {scope}"),
                    ref,
                    N_("chỉ các địa bàn của chính huyện đó"),
                    area=Place(pair[1], units),
                    scope=Place(reading.scope, units),
                )
            )
        elif pair in merged.figures and merged.figures[pair][0] != value:
            first, before = merged.figures[pair][2], merged.figures[pair][0]
            errors.append(_conflict(pair, first, before, ref, value, units))
        else:
            merged.figures.setdefault(pair, (value, note, ref))
    return errors


def _merge_communes(
    reading: Reading, merged: Reading, own: bool, units: pd.DataFrame
) -> list[InputError]:
    """The reading's commune statuses added to `merged` (see `_merge_figures`)."""
    errors = []
    for code, (record, ref) in reading.communes.items():
        if own and record["district_code"] != reading.scope:
            errors.append(
                _misfiled(
                    N_("{commune} thuộc {district}, nhưng được ghi trong biểu nhập của {scope}"),
                    ref,
                    N_("chỉ các xã của chính huyện đó"),
                    commune=Place(code, units),
                    district=Place(record["district_code"], units),
                    scope=Place(reading.scope, units),
                )
            )
        elif code in merged.communes and merged.communes[code][0] != record:
            first, before = merged.communes[code][1], merged.communes[code][0]
            errors.append(_conflict(("status", code), first, before, ref, record, units))
        else:
            merged.communes.setdefault(code, (record, ref))
    return errors


def _merge_districts(
    reading: Reading, merged: Reading, own: bool, units: pd.DataFrame
) -> list[InputError]:
    """The reading's district statuses added to `merged` (see `_merge_figures`)."""
    errors = []
    for code, (record, ref) in reading.districts.items():
        if own and code != reading.scope:
            errors.append(
                _misfiled(
                    N_("{district} trong biểu nhập của {scope}"),
                    ref,
                    N_("chỉ dòng của chính huyện đó"),
                    district=Place(code, units),
                    scope=Place(reading.scope, units),
                )
            )
        elif code in merged.districts and merged.districts[code][0] != record:
            first, before = merged.districts[code][1], merged.districts[code][0]
            errors.append(_conflict(("district", code), first, before, ref, record, units))
        else:
            merged.districts.setdefault(code, (record, ref))
    return errors


def _missing_districts(readings: list[Reading], context: Context) -> list[Message]:
    """The warning naming the districts without a workbook, when districts sent theirs."""
    scopes = {r.scope for r in readings}
    if not scopes - {context.province} or context.province in scopes:
        return []
    missing = sorted(set(context.units["district_code"]) - scopes)
    if not missing:
        return []
    return [Message(N_("không có tệp của: {districts}"), districts=_Names(missing, context.units))]


def merge(readings: list[Reading], context: Context) -> tuple[Reading, list[Message]]:
    """One reading from several files; conflicts and misfiled communes are InputErrors,
    districts without a file are warnings (messages rendered in the reader's language)."""
    units = context.units
    district_of = dict(zip(units["unit_code"], units["district_code"], strict=True))
    district_of.update({d: d for d in units["district_code"]})
    merged = Reading(path=Path(""), scope=context.province)
    errors: list[InputError] = []
    for reading in readings:
        own = reading.scope != context.province  # a district's workbook
        errors += _merge_figures(reading, merged, district_of, own, units)
        errors += _merge_communes(reading, merged, own, units)
        errors += _merge_districts(reading, merged, own, units)
        merged.lists += reading.lists
        merged.empty += reading.empty
        if reading.annex is not None and len(reading.annex):
            errors += _annex_problems(reading, merged.annex, district_of, own, units)
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
