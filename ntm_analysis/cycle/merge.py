"""Merging the readings of several workbooks by who owns what (docs/period-cycle.md, "Who owns
what").

- A district's workbook owns its district and that district's communes: their figures,
  statuses, list items (lists of those areas) and PL03 rows. Anything of another area in it is
  an error.
- The province's workbook owns the province-level figures and lists, next year's targets, and
  whatever no district file covers. Its values for a district covered by that district's own
  file (in this import or an earlier one) are set aside; where they differ from the district's,
  the summary says so.
- A conflict is the same fact given two different values by two files that own it (two files
  of one district, two province files); the error names both files, both cells and the place.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from ntm_analysis.cycle.context import Context
from ntm_analysis.cycle.phrases import Indicator, Place, Places
from ntm_analysis.cycle.reading import Given, Reading
from ntm_analysis.cycle.rows import Pair
from ntm_analysis.dataset.excel import Cell
from ntm_analysis.errors import InputError, InputErrors, Message
from ntm_analysis.i18n import N_

# What a status or district column states, in words (translated at use).
FIELD_WORDS = {
    "ntm_status": N_("tình trạng đạt chuẩn NTM"),
    "advanced_status": N_("tình trạng đạt chuẩn NTM nâng cao"),
    "registered": N_("đăng ký trong năm"),
    "ntm_plan_year": N_("năm phấn đấu đạt chuẩn"),
}


@dataclass(frozen=True)
class Owners:
    """Who owns an area: the district it lies in (or is), else the province."""

    province: str
    district_of: dict[str, str]

    @classmethod
    def of(cls, context: Context) -> Owners:
        units = context.units
        district_of = {
            u: d for u, d in zip(units["unit_code"], units["district_code"], strict=True) if d
        }
        district_of.update({d: d for d in units["district_code"] if d})
        return cls(context.province, district_of)

    def __call__(self, area: str) -> str:
        return self.district_of.get(area, self.province)


@dataclass
class Merged:
    """The facts the imported files give, each from the file that owns it."""

    figures: dict[Pair, Given] = field(default_factory=dict)
    held: set[Pair] = field(default_factory=set)  # figure rows the files hold, filled or not
    empty: list[tuple[Pair, Cell]] = field(default_factory=list)
    communes: dict[str, dict[str, Given]] = field(default_factory=dict)
    districts: dict[str, dict[str, Given]] = field(default_factory=dict)
    lists: list[dict[str, Any]] = field(default_factory=list)
    list_areas: set[str] = field(default_factory=set)  # areas whose list items are replaced
    annex: pd.DataFrame | None = None
    scopes: dict[str, list[Path]] = field(default_factory=dict)  # scope → its files
    set_aside: list[Message] = field(default_factory=list)  # the province's, differing
    set_aside_count: int = 0  # every province value set aside for a covered district


@dataclass(frozen=True)
class _What:
    """A fact in words: an indicator's label, a status column, a district criterion."""

    kind: str
    key: str
    context: Context = field(repr=False, compare=False)

    def render(self, lang: str) -> str:
        if self.kind == "figure":
            return Indicator(self.key, self.context.catalogue).render(lang)
        if self.key in FIELD_WORDS:
            return Message(FIELD_WORDS[self.key]).render(lang)
        criteria = self.context.criteria
        sets = criteria.district if self.kind == "district" else criteria.commune
        found = next((c for c in sets if c.id == self.key), None)
        if found is None:
            return self.key
        return Message(
            N_("tiêu chí {number}. {name}"), number=found.number, name=found.name(lang)
        ).render(lang)


def _facts(reading: Reading) -> Iterator[tuple[tuple[str, str, str], Given]]:
    """Every single-valued fact of a reading: (kind, area, key) → the value given."""
    for (code, area), given in reading.figures.items():
        yield ("figure", area, code), given
    for code, stated in reading.communes.items():
        for key, given in stated.items():
            yield ("commune", code, key), given
    for code, stated in reading.districts.items():
        for key, given in stated.items():
            yield ("district", code, key), given
    if reading.annex is not None:
        rows = reading.annex[reading.annex["met"].notna()]
        for code, criterion, met, cell in zip(
            rows["code"], rows["criterion"], rows["met"], rows["cell"], strict=True
        ):
            ref = Cell(reading.path.name, "PL03", str(cell))
            yield ("annex", code, criterion), Given(int(met), ref)


def _shown(value: Any, kind: str) -> str:
    return str(value) if kind != "figure" else f"{value:g}"


class _Merger:
    def __init__(self, context: Context, covered_before: set[str]) -> None:
        self.context, self.owner = context, Owners.of(context)
        self.units = context.units
        self.covered_before = covered_before
        self.errors: list[InputError] = []
        self.out = Merged()
        self.given: dict[tuple[str, str, str], Given] = {}

    def misfiled(self, reading: Reading) -> bool:
        """Errors for what a district's workbook gives of another area; True if any."""
        before = len(self.errors)
        scope = reading.scope
        seen: set[str] = set()
        rows = {**reading.commune_rows, **reading.district_rows}
        areas = [a for (_, a, _), _ in _facts(reading)] + [i["area"] for i in reading.lists]
        for area in areas:
            if area in seen or self.owner(area) == scope:
                continue
            seen.add(area)
            ref = rows.get(area) or self._first_cell(reading, area)
            self.errors.append(
                InputError(
                    N_("{area} thuộc {owner}, nhưng được ghi trong biểu nhập của {scope}"),
                    path=reading.path,
                    column=f"{ref.sheet}!{ref.cell}" if ref else None,
                    expected=N_("chỉ các địa bàn của chính huyện đó"),
                    area=Place(area, self.units),
                    owner=Place(self.owner(area), self.units),
                    scope=Place(scope, self.units),
                )
            )
        return len(self.errors) > before

    @staticmethod
    def _first_cell(reading: Reading, area: str) -> Cell | None:
        for (_, where, _), given in _facts(reading):
            if where == area:
                return given.cell
        return next((i["cell"] for i in reading.lists if i["area"] == area), None)

    def take(self, key: tuple[str, str, str], given: Given) -> None:
        """A fact from a file owning it; a different value from another such file is an
        error naming both."""
        earlier = self.given.get(key)
        if earlier is None:
            self.given[key] = given
            return
        if earlier.value == given.value:
            return
        kind, area, what = key
        self.errors.append(
            InputError(
                N_("{what} của {area} là {a} ở {first} nhưng là {b} ở {second}"),
                path=Path(given.cell.file),
                column=f"{given.cell.sheet}!{given.cell.cell}",
                expected=N_("cùng một giá trị trong mọi tệp có ghi giá trị đó"),
                what=_What(kind, what, self.context),
                area=Place(area, self.units),
                a=_shown(earlier.value, kind),
                first=earlier.cell,
                b=_shown(given.value, kind),
                second=given.cell,
            )
        )

    def set_aside(self, key: tuple[str, str, str], given: Given, district: Given | None) -> None:
        """A province value for a district its own file covers: not used; said when it
        differs from the district file's."""
        self.out.set_aside_count += 1
        if district is None or district.value == given.value:
            return
        kind, area, what = key
        self.out.set_aside.append(
            Message(
                N_(
                    "{what} của {area}: tệp của tỉnh ghi {a} ({first}), tệp của huyện ghi {b} "
                    "({second}); giữ giá trị của tệp huyện"
                ),
                what=_What(kind, what, self.context),
                area=Place(area, self.units),
                a=_shown(given.value, kind),
                first=given.cell,
                b=_shown(district.value, kind),
                second=district.cell,
            )
        )


def _annex_rows(given: dict[tuple[str, str, str], Given]) -> pd.DataFrame | None:
    rows = [
        {"code": area, "criterion": key, "met": g.value, "cell": g.cell.cell}
        for (kind, area, key), g in given.items()
        if kind == "annex"
    ]
    return pd.DataFrame(rows) if rows else None


def _sort(merger: _Merger, readings: list[Reading], province: str) -> None:
    """Take the district files' facts, then the province's (set aside for covered districts)."""
    out, owner = merger.out, merger.owner
    districts = [r for r in readings if r.scope != province]
    covered = {r.scope for r in districts} | merger.covered_before
    for reading in districts:
        for key, given in _facts(reading):
            merger.take(key, given)
        out.held |= set(reading.figures) | {p for p, _ in reading.empty}
        out.empty += reading.empty
        if reading.has_lists:
            out.lists += reading.lists
            out.list_areas |= {a for a, d in owner.district_of.items() if d == reading.scope}
    own = dict(merger.given)  # the district files' facts, before the province's
    for reading in (r for r in readings if r.scope == province):
        for key, given in _facts(reading):
            if owner(key[1]) in covered:
                merger.set_aside(key, given, own.get(key))
            else:
                merger.take(key, given)
        kept = {p for p in (*reading.figures, *(p for p, _ in reading.empty))}
        out.held |= {p for p in kept if owner(p[1]) not in covered}
        out.empty += [(p, c) for p, c in reading.empty if owner(p[1]) not in covered]
        if reading.has_lists:
            items = [i for i in reading.lists if owner(i["area"]) not in covered]
            out.lists += items
            out.list_areas |= {province} | {i["area"] for i in items}


def merge(readings: list[Reading], context: Context, covered_before: set[str]) -> Merged:
    """The facts of several files by who owns them (`covered_before`: districts an earlier
    import covered with their own file). InputErrors: misfiled values and conflicts."""
    merger = _Merger(context, covered_before)
    province = context.province
    for reading in readings:
        merger.out.scopes.setdefault(reading.scope, []).append(reading.path)
        if reading.scope != province:
            merger.misfiled(reading)
    if merger.errors:
        raise InputErrors(merger.errors)
    _sort(merger, readings, province)
    if merger.errors:
        raise InputErrors(merger.errors)
    out = merger.out
    for (kind, area, key), given in merger.given.items():
        if kind == "figure":
            out.figures[(key, area)] = given
        elif kind == "commune":
            out.communes.setdefault(area, {})[key] = given
        elif kind == "district":
            out.districts.setdefault(area, {})[key] = given
    out.annex = _annex_rows(merger.given)
    filled = set(out.figures)
    out.empty = list({p: c for p, c in out.empty if p not in filled}.items())
    return out


def missing_districts(context: Context, covered: set[str]) -> Message | None:
    """The warning naming the districts no file of their own covers, once some district
    has sent one (an office working with the province's workbook alone gets none)."""
    if not covered:
        return None
    units = context.units
    missing = sorted(set(units["district_code"]) - {""} - covered)
    if not missing:
        return None
    return Message(
        N_(
            "chưa có tệp của {n} huyện: {districts}; tình trạng xã, huyện của các huyện này "
            "giữ như trước (đánh dấu 'carried' nếu chưa tệp nào ghi lại)"
        ),
        n=len(missing),
        districts=Places(tuple(missing), units),
    )
