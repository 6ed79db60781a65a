"""Criteria met per commune: the intervals the reported aggregates allow (scenarios:
`outlook.scenarios`; the exact dynamic programme: `outlook.feasibility`).

The communes table gives each commune's criteria as an interval (exact when equal). The report
adds aggregates: counts of communes per band of criteria (19, 15–18, 10–14, and the same for the
registered communes) and a printed average (`18,4`, i.e. [18.35, 18.45)). Every figure here is
the set of values consistent with all of them at once, computed exactly (see ASSUMPTIONS.md).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

import pandas as pd

from ntm_analysis.dataset.period import PeriodData
from ntm_analysis.dataset.relations import AverageRelation, TableAverageRelation, TableCountRelation
from ntm_analysis.errors import Message, NtmError
from ntm_analysis.i18n import N_
from ntm_analysis.outlook.feasibility import Band, CommuneRange, feasible_totals
from ntm_analysis.text.numbers import decimals_of


@dataclass(frozen=True)
class BandSpec:
    """What a band indicator counts: communes with criteria in [lo, hi] (optionally filtered)."""

    lo: int
    hi: int
    where: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    by: str = "district_code"


class InconsistentAggregates(NtmError, ValueError):
    """No assignment of criteria to communes satisfies every reported aggregate."""


# ---------------------------------------------------------------------------------------------
# Inputs from a period


def band_specs(data: PeriodData) -> dict[str, BandSpec]:
    """What each band indicator counts, from the catalogue's `table_count` relations on the
    communes table that declare a `criteria` range."""
    specs: dict[str, BandSpec] = {}
    for relation in data.catalogue.relations_of(TableCountRelation):
        if relation.table != "communes":
            continue
        criteria = relation.criteria
        if not criteria:
            continue
        where = {
            str(k): tuple(str(x) for x in (v if isinstance(v, list) else [v]))
            for k, v in (relation.where or {}).items()
        }
        specs[str(relation.indicator)] = BandSpec(
            int(criteria[0]), int(criteria[1]), where, str(relation.by or "district_code")
        )
    return specs


def commune_ranges(communes: pd.DataFrame) -> list[CommuneRange]:
    """Criteria intervals of the communes table."""
    return [
        CommuneRange(str(code), int(lo), int(hi))
        for code, lo, hi in zip(
            communes["code"], communes["criteria_min"], communes["criteria_max"], strict=True
        )
    ]


def band_members(
    communes: pd.DataFrame, spec: BandSpec, area: str, province: str
) -> frozenset[str]:
    """Codes of the communes a band counts (its `where` filter; one area unless the province)."""
    rows = pd.Series(True, index=communes.index)
    for column, wanted in spec.where.items():
        rows &= communes[column].astype(str).isin(wanted)
    if area != province:
        rows &= communes[spec.by].astype(str) == area
    return frozenset(communes.loc[rows, "code"].astype(str))


def _members_by_area(communes: pd.DataFrame, spec: BandSpec) -> dict[str, frozenset[str]]:
    """`band_members` for every value of `spec.by` at once (one grouping, not one scan per area)."""
    rows = pd.Series(True, index=communes.index)
    for column, wanted in spec.where.items():
        rows &= communes[column].astype(str).isin(wanted)
    chosen = communes.loc[rows]
    codes = chosen["code"].astype(str)
    return {str(k): frozenset(v) for k, v in codes.groupby(chosen[spec.by].astype(str))}


def bands_of(data: PeriodData) -> list[Band]:
    """Every exact band count the period reports, with the communes it is about (computed once
    per loaded period and tables)."""
    key = (id(data.observations), id(data.communes))
    held = data.__dict__.get("_outlook_bands")
    if held is None or held[0] != key:
        held = (key, tuple(_bands_of(data)))
        data.__dict__["_outlook_bands"] = held
    return list(held[1])


def _bands_of(data: PeriodData) -> list[Band]:
    out: list[Band] = []
    obs = data.observations
    province = data.province
    districts = set(data.communes["district_code"].astype(str))
    for indicator, spec in band_specs(data).items():
        rows = obs[obs["indicator"] == indicator]
        by_area: dict[str, frozenset[str]] | None = None
        for row in rows.itertuples(index=False):
            area = str(row.area)
            if area != province and area not in districts:
                continue
            if str(getattr(row, "qualifier", "") or "") or not float(row.value).is_integer():
                continue  # "over", "about": not an exact count
            if area == province:
                members = band_members(data.communes, spec, area, province)
            else:
                if by_area is None:
                    by_area = _members_by_area(data.communes, spec)
                members = by_area.get(area, frozenset())
            out.append(Band(indicator, area, spec.lo, spec.hi, int(row.value), members))
    return out


def printed_range(value: float, as_written: str = "") -> tuple[Fraction, Fraction]:
    """Half-open interval of values that print as `as_written` (rounded half-up).

    The number of decimals comes from the printed figure (`18,4` → 1 → [18.35, 18.45)).
    """
    if as_written:
        decimals = decimals_of(as_written)
    else:
        text = format(Decimal(str(value)).normalize(), "f")
        decimals = len(text.split(".", 1)[1]) if "." in text else 0
    half = Fraction(1, 2 * 10**decimals)
    exact = Fraction(Decimal(str(value)))
    return exact - half, exact + half


def total_bounds(average: tuple[Fraction, Fraction], communes: int) -> tuple[int, int]:
    """Whole totals t with lo <= t / communes < hi."""
    lo, hi = average
    return math.ceil(lo * communes), math.ceil(hi * communes) - 1


# ---------------------------------------------------------------------------------------------
# The province's position


@dataclass(frozen=True)
class CriteriaPosition:
    """What the aggregates allow about the current total and average of criteria."""

    communes: int
    top: int
    table_total: tuple[int, int]
    total: tuple[int, int]
    printed_average: float | None
    average_range: tuple[Fraction, Fraction] | None
    bands: tuple[Band, ...]
    notes: tuple[Message, ...] = ()  # each rendered in the reader's language

    @property
    def average(self) -> tuple[float, float]:
        """Feasible current average (interval)."""
        return self.total[0] / self.communes, self.total[1] / self.communes

    @property
    def capacity(self) -> tuple[int, int]:
        """Criteria still to gain before every commune is at the top (interval)."""
        full = self.top * self.communes
        return full - self.total[1], full - self.total[0]

    def gain_needed(self, target_average: float) -> tuple[float, float]:
        """Criteria the province must gain to reach `target_average` (interval)."""
        goal = Fraction(Decimal(str(target_average))) * self.communes
        return float(goal - self.total[1]), float(goal - self.total[0])


@dataclass(frozen=True)
class AverageCodes:
    """The indicators of the criteria average, its total and its count of communes."""

    average: str = ""
    total: str = ""
    count: str = ""


def average_codes(data: PeriodData) -> AverageCodes:
    """From the catalogue: the `table_average` relation on the communes table names the
    average; the `average` relation of that indicator names its total and count."""
    average = next(
        (
            str(r.indicator)
            for r in data.catalogue.relations_of(TableAverageRelation)
            if r.table == "communes"
        ),
        "",
    )
    for relation in data.catalogue.relations_of(AverageRelation):
        if relation.average == average:
            return AverageCodes(average, str(relation.total or ""), str(relation.count or ""))
    return AverageCodes(average)


def _has(data: PeriodData, code: str) -> bool:
    return bool(code) and data.has(code)


def average_constraint(data: PeriodData) -> tuple[float | None, tuple[Fraction, Fraction] | None]:
    code = average_codes(data).average
    if not _has(data, code):
        return None, None
    row = data.observation(code)
    if str(row.get("qualifier") or ""):
        return float(row["value"]), None
    return float(row["value"]), printed_range(float(row["value"]), str(row["as_written"] or ""))


def allowed_totals(
    data: PeriodData, totals: Iterable[int], average_range: tuple[Fraction, Fraction] | None
) -> list[int]:
    n = len(data.communes)
    keep = sorted(totals)
    if average_range is not None:
        lo, hi = total_bounds(average_range, n)
        keep = [t for t in keep if lo <= t <= hi]
    total = average_codes(data).total
    if _has(data, total):
        exact = data.value(total)
        keep = [t for t in keep if t == exact]
    return keep


def criteria_position(data: PeriodData) -> CriteriaPosition:
    """The current total/average interval consistent with the table and every aggregate.

    Raises InconsistentAggregates when no assignment satisfies them all.
    """
    ranges = commune_ranges(data.communes)
    bands = bands_of(data)
    n = len(ranges)
    notes: list[Message] = []
    codes = average_codes(data)
    if _has(data, codes.count) and data.value(codes.count) != n:
        notes.append(
            Message(
                N_("{code} là {value:g} nhưng bảng xã có {rows} dòng; bình quân tính theo bảng"),
                code=codes.count,
                value=data.value(codes.count),
                rows=n,
            )
        )
    feasible = feasible_totals(ranges, bands)
    if not feasible:
        raise InconsistentAggregates(
            N_("bảng xã mâu thuẫn với số xã theo nhóm tiêu chí được báo cáo: {bands}"),
            bands=", ".join(f"{b.indicator}[{b.area}]={b.count}" for b in bands),
        )
    printed, average_range = average_constraint(data)
    allowed = allowed_totals(data, feasible, average_range)
    if not allowed:
        raise InconsistentAggregates(
            N_(
                "không có tổng nào theo số xã từng nhóm ({low}–{high}) cho ra bình quân in "
                "{printed}"
            ),
            low=min(feasible),
            high=max(feasible),
            printed=printed,
        )
    if printed is not None and average_range is None:
        notes.append(
            Message(N_("{code} có kèm từ định lượng: không dùng làm giới hạn"), code=codes.average)
        )
    return CriteriaPosition(
        communes=n,
        top=data.criteria.commune_count,
        table_total=(min(feasible), max(feasible)),
        total=(allowed[0], allowed[-1]),
        printed_average=printed,
        average_range=average_range,
        bands=tuple(bands),
        notes=tuple(notes),
    )


def count_where(data: PeriodData, predicate: Callable[[int], bool]) -> tuple[int, int]:
    """How many communes have criteria satisfying `predicate` (interval over every assignment
    consistent with the aggregates)."""
    ranges = commune_ranges(data.communes)
    feasible = feasible_totals(ranges, bands_of(data), lambda _c, v: int(predicate(v)))
    _, average_range = average_constraint(data)
    allowed = allowed_totals(data, feasible, average_range)
    if not allowed:
        raise InconsistentAggregates(N_("các số liệu tổng hợp mâu thuẫn nhau"))
    return min(feasible[t][0] for t in allowed), max(feasible[t][1] for t in allowed)


def supply(data: PeriodData) -> pd.DataFrame:
    """Communes that can still gain criteria: gap to the top per commune (interval)."""
    top = data.criteria.commune_count
    table = data.communes
    out = pd.DataFrame(
        {
            "code": table["code"].astype(str),
            "district_code": table["district_code"].astype(str),
            "name": table["name"].astype(str),
            "criteria_min": table["criteria_min"].astype(int),
            "criteria_max": table["criteria_max"].astype(int),
            "gap_min": top - table["criteria_max"].astype(int),
            "gap_max": top - table["criteria_min"].astype(int),
            "registered": table.get("registered", pd.Series("", index=table.index))
            .fillna("")
            .astype(str),
        }
    )
    out = out[out["gap_max"] > 0]
    return out.sort_values(["gap_max", "gap_min", "name"], ascending=[False, False, True])
