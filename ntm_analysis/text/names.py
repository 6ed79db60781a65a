"""Match Vietnamese administrative unit names to GSO codes (the forms they are compared in are
`spelling.py`'s).

Reports spell the same unit in several ways: old or new tone placement (`Hòa`/`Hoà`),
NFC or NFD, with or without its prefix (`xã`, `huyện`, `TP.`), sometimes without
diacritics (`Vinh Kim`). The GSO code is the identity; a name is only a way to find it.
"""

from __future__ import annotations

import csv
import difflib
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from ntm_analysis.errors import Message, NtmError
from ntm_analysis.i18n import N_
from ntm_analysis.text.spelling import (
    DISTRICT_PREFIX_TYPES,
    NUMBER,
    UNIT_PREFIX_TYPES,
    basic_form,
    fold_diacritics,
    fold_loose,
    implied_type,
    normalise_name,
    unify_tones,
)

__all__ = [
    "AmbiguousNameError",
    "Match",
    "NameMatchError",
    "NameMatcher",
    "UnknownNameError",
    "fold_diacritics",
    "normalise_name",
    "unify_tones",
]

Method = Literal["exact", "tone", "prefix", "folded"]

# The words of a unit's level, written before its name in a label ("xã Vĩnh Kim").
_TYPE_LABELS = {
    "xa": "xã",
    "phuong": "phường",
    "thi_tran": "thị trấn",
    "huyen": "huyện",
    "thi_xa": "thị xã",
    "thanh_pho": "thành phố",
    "quan": "quận",
}


class NameMatchError(NtmError, ValueError):
    """A name could not be matched to exactly one unit (a message in the reader's language)."""


class UnknownNameError(NameMatchError):
    """No unit has this name; `candidates` holds the nearest names."""

    def __init__(self, message: str, candidates: tuple[Match, ...] = (), **values: Any) -> None:
        self.candidates = candidates
        super().__init__(message, **values)


class AmbiguousNameError(NameMatchError):
    """Several units have this name; `candidates` holds them."""

    def __init__(self, message: str, candidates: tuple[Match, ...] = (), **values: Any) -> None:
        self.candidates = candidates
        super().__init__(message, **values)


@dataclass(frozen=True)
class _Scope:
    """Where a name was looked for, as the end of a message (" in district 847 …")."""

    parts: tuple[Message, ...] = ()

    def __add__(self, part: Message) -> _Scope:
        return _Scope((*self.parts, part))

    def render(self, lang: str) -> str:
        return "".join(part.render(lang) for part in self.parts)


# The messages of a failed match, by what was looked for ("unit" or "district").
_UNKNOWN = {
    "unit": N_("không có đơn vị cấp xã nào tên {name!r}{scope}"),
    "district": N_("không có đơn vị cấp huyện nào tên {name!r}{scope}"),
}
_UNKNOWN_NEAREST = {
    "unit": N_("không có đơn vị cấp xã nào tên {name!r}{scope}; tên gần nhất: {nearest}"),
    "district": N_("không có đơn vị cấp huyện nào tên {name!r}{scope}; tên gần nhất: {nearest}"),
}
_AMBIGUOUS = {
    "unit": N_(
        "tên đơn vị cấp xã {name!r} trùng nhiều đơn vị: {listed}; hãy ghi kèm huyện, loại "
        "đơn vị (xã, phường, thị trấn) hoặc mã của đơn vị"
    ),
    "district": N_(
        "tên đơn vị cấp huyện {name!r} trùng nhiều đơn vị: {listed}; hãy ghi kèm loại đơn vị "
        "(huyện, thị xã, thành phố) hoặc mã của đơn vị"
    ),
}


@dataclass(frozen=True)
class Match:
    """A name resolved to a GSO unit; `exact` is False when matched without diacritics."""

    code: str
    name: str
    district_code: str
    exact: bool
    method: Method
    unit_type: str = ""


@dataclass(frozen=True)
class _Unit:
    code: str
    name: str
    district_code: str
    district_label: str
    unit_type: str

    def label(self) -> str:
        """Name with its type and district, for messages."""
        prefix = _TYPE_LABELS.get(self.unit_type, self.unit_type)
        name = self.name if NUMBER.search(self.name) else f"{prefix} {self.name}"
        if self.code == self.district_code:
            return f"{name} ({self.code})"
        return f"{name}, {self.district_label} ({self.code})"

    def as_match(self, method: Method) -> Match:
        return Match(
            code=self.code,
            name=self.name,
            district_code=self.district_code,
            exact=method != "folded",
            method=method,
            unit_type=self.unit_type,
        )


def _finest_method(query: str, name: str) -> Method:
    """The strictest comparison under which a normalised match holds."""
    if basic_form(query) == basic_form(name):
        return "exact"
    if unify_tones(basic_form(query)) == unify_tones(basic_form(name)):
        return "tone"
    return "prefix"


def _records(units: Any) -> list[Mapping[str, Any]]:
    """Rows of a DataFrame (anything with `to_dict`) or an iterable of mappings."""
    if hasattr(units, "to_dict"):
        return list(units.to_dict("records"))
    return list(units)


def _district_label(row: Mapping[str, str]) -> str:
    """`huyện Trà Cú`: a district's name with its type."""
    kind = _TYPE_LABELS.get(row["district_type"], row["district_type"])
    return f"{kind} {row['district_name']}"


def _unit_of(row: Mapping[str, str]) -> _Unit:
    """The commune-level unit of an admin_units row."""
    return _Unit(
        row["unit_code"],
        row["unit_name"],
        row["district_code"],
        _district_label(row),
        row["unit_type"],
    )


def _district_of(row: Mapping[str, str]) -> _Unit:
    """The district-level unit of an admin_units row."""
    code = row["district_code"]
    return _Unit(code, row["district_name"], code, _district_label(row), row["district_type"])


class NameMatcher:
    """Resolve unit names to GSO codes, using the rows of `admin_units.csv`."""

    def __init__(self, units: Any, suggestions: int | None = None) -> None:
        """Build from the admin_units DataFrame or an iterable of its rows (mappings).

        `suggestions` bounds how many unknown names get their nearest names computed (difflib,
        the costly part): a loader that shows the first 20 problems passes 20, so a file of a
        million unknown names costs a million dict look-ups, not a million fuzzy searches.
        None: every unknown name gets them.
        """
        self._suggestions = suggestions
        rows = [{key: str(value) for key, value in row.items()} for row in _records(units)]
        self._units = tuple(_unit_of(row) for row in rows)
        districts = {row["district_code"]: _district_of(row) for row in rows}
        self._districts = tuple(districts.values())
        # Units of each district in list order: matching within a district is a dict look-up,
        # not a scan of every unit (10,600 nationwide).
        by_district: dict[str, list[_Unit]] = {}
        for unit in self._units:
            by_district.setdefault(unit.district_code, []).append(unit)
        self._by_district = {code: tuple(units) for code, units in by_district.items()}
        self._by_code = {unit.code: unit for unit in self._units}
        self._name_counts: dict[str, Counter[tuple[str, str]]] = {}
        self._district_pools: dict[str | None, tuple[_Unit, ...]] = {}
        self._district_keys: dict[str | None, dict[str, list[_Unit]]] = {}

    @classmethod
    def from_csv(cls, path: str | Path) -> NameMatcher:
        """Build from an admin_units.csv file (codes kept as strings)."""
        with open(path, encoding="utf-8-sig", newline="") as handle:
            return cls(list(csv.DictReader(handle)))

    def match(self, name: str, district: str | None = None, unit_type: str | None = None) -> Match:
        """Match a commune-level unit; `district` is a code or a name, `unit_type` a filter."""
        pool, scope = self._units, _Scope()
        if district is not None:
            district_code = self._district_code(district)
            pool = self._by_district.get(district_code, ())
            scope += Message(N_(" thuộc huyện có mã {code}"), code=district_code)
        if unit_type is not None:
            pool = tuple(unit for unit in pool if unit.unit_type == unit_type)
            scope += Message(N_(" loại {type}"), type=unit_type)
        preferred = unit_type or implied_type(name, UNIT_PREFIX_TYPES)
        return _resolve(name, pool, self._units, preferred, "unit", scope, self._suggest)

    def verify(self, name: str, code: str, district: str | None = None) -> Match:
        """Check that `name` is a way of writing the commune-level unit `code`.

        The name is matched among the units of `district` (a code or a name; the unit's own
        district when None) of the unit's type. Returns the match (`exact` is False for a
        match without diacritics); raises NameMatchError when the name is unknown, ambiguous
        or names another unit, and UnknownNameError when `code` is not a unit.
        """
        unit = self._by_code.get(code)
        if unit is None:
            raise UnknownNameError(N_("không có đơn vị mã {code!r}"), code=code)
        if name == unit.name and district in (None, unit.district_code) and self._unique(unit):
            return unit.as_match("exact")  # what the search below finds, without the search
        found = self.match(name, district=district or unit.district_code, unit_type=unit.unit_type)
        if found.code != code:
            raise NameMatchError(
                N_("{name!r} là {found_name} ({found_code}), không phải đơn vị mã {code}"),
                name=name,
                found_name=found.name,
                found_code=found.code,
                code=code,
            )
        return found

    def _unique(self, unit: _Unit) -> bool:
        """Whether no other unit of its district and type has the same normalised name (so
        its exact name matches it alone); counted once per district."""
        counts = self._name_counts.get(unit.district_code)
        if counts is None:
            counts = Counter(
                (other.unit_type, normalise_name(other.name))
                for other in self._by_district.get(unit.district_code, ())
            )
            self._name_counts[unit.district_code] = counts
        return counts[(unit.unit_type, normalise_name(unit.name))] == 1

    def match_district(self, name: str, district_type: str | None = None) -> Match:
        """Match a district-level unit (huyện, thị xã, thành phố) by name."""
        pool, scope = self._district_pool(district_type)
        preferred = district_type or implied_type(name, DISTRICT_PREFIX_TYPES)
        hits = self._district_keys[district_type].get(normalise_name(name))
        if hits:  # what `_resolve` finds first, without normalising every district's name
            hits = _prefer(hits, preferred)
            return _single(name, hits, "district", lambda unit: _finest_method(name, unit.name))
        return _resolve(name, pool, self._districts, preferred, "district", scope, self._suggest)

    def _suggest(self) -> bool:
        """Whether the next unknown name gets nearest names (spends one of `suggestions`)."""
        if self._suggestions is None:
            return True
        if self._suggestions <= 0:
            return False
        self._suggestions -= 1
        return True

    def _district_pool(self, district_type: str | None) -> tuple[tuple[_Unit, ...], _Scope]:
        """Districts of a type (all when None) and the scope for messages; indexes the pool's
        normalised names on first use (hundreds of districts nationwide)."""
        if district_type not in self._district_keys:
            pool = tuple(
                unit
                for unit in self._districts
                if district_type is None or unit.unit_type == district_type
            )
            keys: dict[str, list[_Unit]] = {}
            for unit in pool:
                keys.setdefault(normalise_name(unit.name), []).append(unit)
            self._district_pools[district_type] = pool
            self._district_keys[district_type] = keys
        scope = (
            _Scope((Message(N_(" loại {type}"), type=district_type),))
            if district_type is not None
            else _Scope()
        )
        return self._district_pools[district_type], scope

    def _district_code(self, district: str) -> str:
        """GSO code of a district given as a code or a name."""
        text = district.strip()
        if text.isdigit():
            if text in self._by_district or any(unit.code == text for unit in self._districts):
                return text
            raise UnknownNameError(N_("không có huyện mã {text!r}"), text=text)
        return self.match_district(text).code


def _resolve(
    name: str,
    pool: tuple[_Unit, ...],
    everything: tuple[_Unit, ...],
    preferred: str | None,
    kind: str,
    scope: _Scope = _Scope(),
    suggest: Callable[[], bool] = lambda: True,
) -> Match:
    """Exact normalised match, else folded match, else an error naming candidates."""
    key = normalise_name(name)
    hits = _prefer([unit for unit in pool if normalise_name(unit.name) == key], preferred)
    if hits:
        return _single(name, hits, kind, lambda unit: _finest_method(name, unit.name))
    for fold in (fold_diacritics, fold_loose):
        folded = fold(name)
        hits = _prefer([unit for unit in pool if fold_diacritics(unit.name) == folded], preferred)
        if hits:
            return _single(name, hits, kind, lambda unit: "folded")
    if not suggest():
        raise UnknownNameError(_UNKNOWN[kind], name=name, scope=scope)
    nearest = _nearest(name, everything)
    listed = "; ".join(unit.label() for unit in nearest)
    raise UnknownNameError(
        _UNKNOWN_NEAREST[kind],
        tuple(unit.as_match("folded") for unit in nearest),
        name=name,
        scope=scope,
        nearest=listed or Message(N_("không có tên nào gần giống")),
    )


def _prefer(hits: list[_Unit], preferred: str | None) -> list[_Unit]:
    """Keep the hits of the preferred type when there are any."""
    typed = [unit for unit in hits if unit.unit_type == preferred]
    return typed or hits


def _single(name: str, hits: list[_Unit], kind: str, method: Callable[[_Unit], Method]) -> Match:
    """The only hit, or AmbiguousNameError listing them all."""
    if len(hits) == 1:
        return hits[0].as_match(method(hits[0]))
    listed = "; ".join(unit.label() for unit in hits)
    raise AmbiguousNameError(
        _AMBIGUOUS[kind],
        tuple(unit.as_match(method(unit)) for unit in hits),
        name=name,
        listed=listed,
    )


def _nearest(name: str, pool: Iterable[_Unit], limit: int = 3) -> list[_Unit]:
    """Units whose folded names are closest to the folded query (difflib)."""
    by_fold: dict[str, list[_Unit]] = {}
    for unit in pool:
        by_fold.setdefault(fold_diacritics(unit.name), []).append(unit)
    close = difflib.get_close_matches(fold_loose(name), list(by_fold), n=limit, cutoff=0.5)
    return [unit for fold in close for unit in by_fold[fold]][:limit]
