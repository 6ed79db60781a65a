"""Reported aggregates against the communes, districts and district-criteria tables.

Declared in the catalogue as `table_count` and `table_average` relations. Tables may hold
intervals (criteria_min..criteria_max) and `unknown` statuses, so each recount is an interval
[definite, possible]; a reported figure outside it contradicts the table.
"""

from __future__ import annotations

import pandas as pd

from ntm_analysis import i18n
from ntm_analysis.dataset.findings import Finding
from ntm_analysis.dataset.period import PeriodData
from ntm_analysis.dataset.relations import TableAverageRelation, TableCountRelation
from ntm_analysis.quality.observations import Observations, _finding, _shown
from ntm_analysis.text.numbers import format_value

UNKNOWN = "unknown"
TABLE_NAME = {lang: i18n.table("quality.tables.table_name", lang) for lang in i18n.LANGUAGES}


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
                f"số in {_shown(o, 'vi')} nhưng {TABLE_NAME['vi'][relation.table]} cho {shown}",
                f"printed {_shown(o, 'en')} but {TABLE_NAME['en'][relation.table]} gives {shown}",
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
        shown_vi = f"{format_value(low, '', 'vi', 2)}–{format_value(high, '', 'vi', 2)}"
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
                f"bình quân in {_shown(o, 'vi')} nằm ngoài khoảng {shown_vi} của bảng xã",
                f"printed average {_shown(o, 'en')} is outside the communes table's range "
                f"{shown_en}",
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
