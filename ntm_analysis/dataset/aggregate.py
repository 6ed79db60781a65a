"""Figures of a regional or national period, per province and for the whole period.

A period may cover several provinces (docs/provinces.md). Two views:
- `communes_by_province`: from the communes table, counts per province (xã, NTM-recognised,
  meeting every criterion for sure or possibly, average criteria met) and a total row.
- `aggregate_by_province`: one indicator per province. A province's value is the one reported
  for it; when none is, an additive indicator (a count, an amount) is summed over the
  province's districts, or failing those its commune-level units. Shares, averages and other
  non-additive indicators are never summed. The total row ("00") is the reported national
  value, else the sum over provinces (additive indicators only).

Every function returns a DataFrame with one row per province in the units' order, then the
total row with area code "00".
"""

from __future__ import annotations

import math

import pandas as pd

from ntm_analysis.dataset.config_models import NATIONAL_CODE
from ntm_analysis.dataset.period_data import PeriodData

__all__ = ["NOT_ADDITIVE", "additive", "aggregate_by_province", "communes_by_province"]

# Units of measure whose values do not add up across areas.
NOT_ADDITIVE = frozenset({"percent", "cm", "m", "months", "year", "criteria", "tonnes_per_ha"})


def additive(unit: str) -> bool:
    """Whether values in `unit` add up across areas (counts and amounts do; shares do not)."""
    return unit not in NOT_ADDITIVE and "_per_" not in unit


def _provinces(data: PeriodData) -> pd.DataFrame:
    first = data.units.drop_duplicates("province_code")
    return first[["province_code", "province_name"]].reset_index(drop=True)


def aggregate_by_province(data: PeriodData, indicator: str) -> pd.DataFrame:
    """`indicator` per province and in total.

    Columns: area, name, value (NaN when unknown), method: "reported", "sum_districts",
    "sum_units", "sum_provinces" or "none".
    """
    if indicator not in data.catalogue:
        raise KeyError(f"{indicator!r} is not in the indicator catalogue")
    unit = data.catalogue.indicators[indicator].unit
    summable = additive(unit)
    values = data.values(indicator)
    reported = dict(zip(values.index, values.to_numpy(dtype=float), strict=True))
    units = data.units
    district_province = dict(
        zip(units["district_code"], units["province_code"], strict=True)
    )  # "" (no district level) never has an observation
    unit_province = dict(zip(units["unit_code"], units["province_code"], strict=True))
    district_sums: dict[str, float] = {}
    unit_sums: dict[str, float] = {}
    for area, value in reported.items():
        if area in district_province and area != "":
            key = district_province[area]
            district_sums[key] = district_sums.get(key, 0.0) + value
        elif area in unit_province:
            key = unit_province[area]
            unit_sums[key] = unit_sums.get(key, 0.0) + value
    names = data.area_names("vi")
    rows: list[tuple[str, str, float, str]] = []
    for code in _provinces(data)["province_code"]:
        if code in reported:
            rows.append((code, names.get(code, code), reported[code], "reported"))
        elif summable and code in district_sums:
            rows.append((code, names.get(code, code), district_sums[code], "sum_districts"))
        elif summable and code in unit_sums:
            rows.append((code, names.get(code, code), unit_sums[code], "sum_units"))
        else:
            rows.append((code, names.get(code, code), math.nan, "none"))
    national_name = names.get(NATIONAL_CODE, NATIONAL_CODE)
    known = [value for _, _, value, _ in rows if not math.isnan(value)]
    if NATIONAL_CODE in reported:
        rows.append((NATIONAL_CODE, national_name, reported[NATIONAL_CODE], "reported"))
    elif summable and known and len(known) == len(rows):
        rows.append((NATIONAL_CODE, national_name, math.fsum(known), "sum_provinces"))
    else:
        rows.append((NATIONAL_CODE, national_name, math.nan, "none"))
    return pd.DataFrame(rows, columns=["area", "name", "value", "method"])


def communes_by_province(data: PeriodData) -> pd.DataFrame:
    """Communes (xã) per province and in total.

    Columns: area, name, communes, recognised (NTM status recognised), all_met (criteria_min
    equals the set's count: meets every criterion for sure), all_met_possible (criteria_max
    does), criteria_min_mean, criteria_max_mean (average criteria met, lower and upper bound).
    """
    top = data.criteria.commune_count
    communes = data.communes
    province_of = dict(zip(data.units["unit_code"], data.units["province_code"], strict=True))
    frame = pd.DataFrame(
        {
            "area": communes["code"].map(province_of),
            "recognised": communes["ntm_status"].eq("recognised"),
            "all_met": communes["criteria_min"].ge(top),
            "all_met_possible": communes["criteria_max"].ge(top),
            "criteria_min": communes["criteria_min"].astype(float),
            "criteria_max": communes["criteria_max"].astype(float),
        }
    )
    grouped = frame.groupby("area", sort=False)
    table = pd.DataFrame(
        {
            "communes": grouped.size(),
            "recognised": grouped["recognised"].sum(),
            "all_met": grouped["all_met"].sum(),
            "all_met_possible": grouped["all_met_possible"].sum(),
            "criteria_min_mean": grouped["criteria_min"].mean(),
            "criteria_max_mean": grouped["criteria_max"].mean(),
        }
    )
    provinces = _provinces(data)["province_code"]
    table = table.reindex(provinces).rename_axis("area").reset_index()
    counts = ["communes", "recognised", "all_met", "all_met_possible"]
    table[counts] = table[counts].fillna(0).astype("int64")
    total = {
        "area": NATIONAL_CODE,
        **{column: int(table[column].sum()) for column in counts},
        "criteria_min_mean": float(frame["criteria_min"].mean()) if len(frame) else math.nan,
        "criteria_max_mean": float(frame["criteria_max"].mean()) if len(frame) else math.nan,
    }
    table = pd.concat([table, pd.DataFrame([total])], ignore_index=True)
    names = data.area_names("vi")
    table.insert(1, "name", [names.get(code, code) for code in table["area"]])
    return table
