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
from ntm_analysis.cycle.reader import Cell, Reading
from ntm_analysis.cycle.rows import Pair
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


def merge(readings: list[Reading], context: Context) -> tuple[Reading, list[Message]]:
    """One reading from several files; conflicts and misfiled communes are InputErrors,
    districts without a file are warnings (messages rendered in the reader's language)."""
    units = context.units
    district_of = dict(zip(units["unit_code"], units["district_code"], strict=True))
    district_of.update({d: d for d in units["district_code"]})
    merged = Reading(path=Path(""), scope=context.province)
    errors: list[InputError] = []
    warnings: list[Message] = []
    for reading in readings:
        scope_is_district = reading.scope != context.province
        for pair, (value, note, ref) in reading.figures.items():
            if scope_is_district and district_of.get(pair[1]) != reading.scope:
                errors.append(
                    InputError(
                        N_("số liệu của {area} trong biểu nhập của {scope}"),
                        path=ref.file,
                        column=f"{ref.sheet}!{ref.cell}",
                        expected=N_("chỉ các địa bàn của chính huyện đó"),
                        area=Place(pair[1], units),
                        scope=Place(reading.scope, units),
                    )
                )
            elif pair in merged.figures and merged.figures[pair][0] != value:
                errors.append(
                    _conflict(
                        pair, merged.figures[pair][2], merged.figures[pair][0], ref, value, units
                    )
                )
            else:
                merged.figures.setdefault(pair, (value, note, ref))
        for code, (record, ref) in reading.communes.items():
            if scope_is_district and record["district_code"] != reading.scope:
                errors.append(
                    InputError(
                        N_(
                            "{commune} thuộc {district}, nhưng được ghi trong biểu nhập của {scope}"
                        ),
                        path=ref.file,
                        column=f"{ref.sheet}!{ref.cell}",
                        expected=N_("chỉ các xã của chính huyện đó"),
                        commune=Place(code, units),
                        district=Place(record["district_code"], units),
                        scope=Place(reading.scope, units),
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
                        units,
                    )
                )
            else:
                merged.communes.setdefault(code, (record, ref))
        for code, (record, ref) in reading.districts.items():
            if scope_is_district and code != reading.scope:
                errors.append(
                    InputError(
                        N_("{district} trong biểu nhập của {scope}"),
                        path=ref.file,
                        column=f"{ref.sheet}!{ref.cell}",
                        expected=N_("chỉ dòng của chính huyện đó"),
                        district=Place(code, units),
                        scope=Place(reading.scope, units),
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
                        units,
                    )
                )
            else:
                merged.districts.setdefault(code, (record, ref))
        merged.lists += reading.lists
        merged.empty += reading.empty
        if reading.annex is not None and len(reading.annex):
            errors += _annex_problems(reading, merged.annex, district_of, scope_is_district, units)
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
            warnings.append(
                Message(N_("không có tệp của: {districts}"), districts=_Names(missing, units))
            )
    if errors:
        raise InputErrors(errors)
    return merged, warnings
