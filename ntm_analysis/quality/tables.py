"""Reported aggregates against the communes, districts and district-criteria tables.

Declared in the catalogue as `table_count` and `table_average` relations. Tables may hold
intervals (criteria_min..criteria_max) and `unknown` statuses, so each recount is an interval
[definite, possible]; a reported figure outside it contradicts the table.
"""

from __future__ import annotations

import pandas as pd

from ntm_analysis.dataset.findings import Finding, worded
from ntm_analysis.dataset.period import PeriodData
from ntm_analysis.dataset.relations import TableAverageRelation, TableCountRelation
from ntm_analysis.errors import Message
from ntm_analysis.i18n import N_
from ntm_analysis.quality.observations import Figure, Observations, Printed, _finding
from ntm_analysis.text.numbers import format_value

UNKNOWN = "unknown"
# The tables a recount reads, in words (a message value), translated at use.
TABLE_NAME = {
    "communes": N_("bảng xã"),
    "districts": N_("bảng huyện"),
    "district_criteria": N_("bảng tiêu chí huyện"),
}


def _table(data: PeriodData, name: str) -> pd.DataFrame:
    tables = {
        "communes": data.communes,
        "districts": data.districts,
        "district_criteria": data.district_criteria,
    }
    if name not in tables:
        raise KeyError(f"unknown table {name!r}; expected one of {sorted(tables)}")
    return tables[name]


def match_interval(
    table: pd.DataFrame, where: dict, criteria: list | None
) -> tuple[pd.Series, pd.Series]:
    """Rows that certainly / possibly satisfy `where` (column → value or list of values)
    and, for communes, a criteria range [lo, hi]."""
    definite = pd.Series(True, index=table.index)
    possible = pd.Series(True, index=table.index)
    for column, wanted in (where or {}).items():
        wanted = [str(w) for w in (wanted if isinstance(wanted, list) else [wanted])]
        hit = table[column].astype(str).isin(wanted)
        unknown = table[column].astype(str) == UNKNOWN
        definite &= hit
        possible &= hit | unknown
    if criteria:
        lo, hi = criteria
        definite &= (table["criteria_min"] >= lo) & (table["criteria_max"] <= hi)
        possible &= (table["criteria_max"] >= lo) & (table["criteria_min"] <= hi)
    return definite, possible


def check_table_count(
    relation: TableCountRelation, data: PeriodData, obs: Observations
) -> list[Finding]:
    """A reported count against the rows of a table that satisfy a condition."""
    table = _table(data, relation.table)
    if table.empty:
        return []
    definite, possible = match_interval(table, relation.where, relation.criteria)
    by = relation.by
    if by:  # recounts per area, grouped once (not one scan of the table per area)
        keys = table[by].astype(str)
        lows = definite.groupby(keys).sum()
        highs = possible.groupby(keys).sum()
    out = []
    for area in obs.areas(relation.indicator):
        o = obs.get(relation.indicator, area)
        if by:
            if area not in lows.index:
                continue
            low, high = int(lows[area]), int(highs[area])
        elif area != data.province:
            continue  # a province-wide recount says nothing about a district's figure
        else:
            low, high = int(definite.sum()), int(possible.sum())
        if low <= o.value <= high:
            continue
        shown = str(low) if low == high else f"{low}–{high}"
        out.append(
            _finding(
                "table",
                relation.id,
                o,
                "error",
                [o.indicator],
                o.value,
                shown,
                worded(
                    N_("số in {printed} nhưng {table} cho {recount}"),
                    printed=Printed(o),
                    table=Message(TABLE_NAME[relation.table]),
                    recount=shown,
                ),
            )
        )
    return out


def check_table_average(
    relation: TableAverageRelation, data: PeriodData, obs: Observations
) -> list[Finding]:
    """A reported average of criteria against the communes table's interval."""
    table = _table(data, relation.table)
    if table.empty:
        return []
    low = float(table["criteria_min"].mean())
    high = float(table["criteria_max"].mean())
    out = []
    for area in obs.areas(relation.indicator):
        if area != data.province:
            continue
        o = obs.get(relation.indicator, area)
        if low - o.half_unit <= o.value <= high + o.half_unit:
            continue
        shown_en = f"{format_value(low, '', 'en', 2)}–{format_value(high, '', 'en', 2)}"
        out.append(
            _finding(
                "table",
                relation.id,
                o,
                "error",
                [o.indicator],
                o.value,
                shown_en,
                worded(
                    N_("bình quân in {printed} nằm ngoài khoảng {low}–{high} của bảng xã"),
                    printed=Printed(o),
                    low=Figure(low, "", 2),
                    high=Figure(high, "", 2),
                ),
            )
        )
    return out


def check_tables(data: PeriodData, obs: Observations) -> list[Finding]:
    """Every table relation of the catalogue."""
    out: list[Finding] = []
    for relation in data.catalogue.relations:
        if isinstance(relation, TableCountRelation):
            out += check_table_count(relation, data, obs)
        elif isinstance(relation, TableAverageRelation):
            out += check_table_average(relation, data, obs)
    return out
