"""The period's tables after an import: what the period held (`Base`) with what the files give
(`Merged`) put in place of the rows they hold.

- `indicators.csv`: the period's typed figures, but the rows the files hold (filled or left
  empty), then the files' figures (provenance `reported`, `source` = `file:sheet!cell`), then
  the figures computed from them (provenance `derived`, recomputed every time).
- `communes.csv`, `districts.csv`, `district_criteria.csv`: each row the files state, updated
  (provenance `reported`, note naming the cell); the others as they were (`carried` rows stay
  carried). A commune marked NTM meets every criterion of the set unless the annex says
  otherwise.
- `lists.csv`: the items of the areas whose lists the files give, replaced.
- the annex PL03: the rows of the communes the files state, replaced.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ntm_analysis.cycle.cells import written_form
from ntm_analysis.cycle.context import Context
from ntm_analysis.cycle.merge import Merged
from ntm_analysis.cycle.rows import Pair, computable, compute_value, data_note, describe
from ntm_analysis.cycle.sheets import COMMUNE_FIGURES
from ntm_analysis.cycle.tables import (
    COMMUNE_COLUMNS,
    DISTRICT_COLUMNS,
    DISTRICT_CRITERIA_COLUMNS,
    INDICATOR_COLUMNS,
    LIST_COLUMNS,
    format_machine_value,
)
from ntm_analysis.dataset.files import LINE
from ntm_analysis.text.numbers import decimals_of

CARRIED = "carried"
DERIVED, REPORTED = "derived", "reported"


@dataclass
class Base:
    """The period's tables an import starts from."""

    indicators: pd.DataFrame
    communes: pd.DataFrame
    districts: pd.DataFrame
    district_criteria: pd.DataFrame
    lists: pd.DataFrame
    annex: pd.DataFrame | None  # code, criterion, met (None: no annex)


def as_table(frame: pd.DataFrame | None, columns: list[str]) -> pd.DataFrame:
    """`frame` with exactly `columns` (missing ones empty), as text."""
    out = (
        pd.DataFrame(columns=columns)
        if frame is None
        else frame.drop(columns=[LINE], errors="ignore")
    )
    out = out.copy()
    for column in columns:
        if column not in out.columns:
            out[column] = ""
    return out[columns].fillna("").astype(str).reset_index(drop=True)


def base_of(context: Context, annex: pd.DataFrame | None) -> Base:
    """The period as it is (its tables read by `load_context`)."""
    return Base(
        indicators=as_table(context.observations, INDICATOR_COLUMNS),
        communes=as_table(context.communes, COMMUNE_COLUMNS),
        districts=as_table(context.districts, DISTRICT_COLUMNS),
        district_criteria=as_table(context.district_criteria, DISTRICT_CRITERIA_COLUMNS),
        lists=as_table(context.lists, LIST_COLUMNS),
        annex=annex,
    )


def _section(context: Context, pair: Pair) -> str:
    previous = context.previous
    if previous is not None and previous.has(*pair):
        return str(previous.figure(*pair).section)
    return context.catalogue[pair[0]].section


def _row(
    context: Context,
    pair: Pair,
    value: float,
    written: str,
    provenance: str,
    note: str,
    source: str = "",
) -> dict[str, str]:
    return {
        "indicator": pair[0],
        "area": pair[1],
        "value": format_machine_value(value),
        "as_written": written,
        "qualifier": "",
        "section": _section(context, pair),
        "provenance": provenance,
        "note": note,
        "source": source,
    }


def commune_sums(values: dict[Pair, float], context: Context) -> dict[Pair, float]:
    """District and province figures of the per-commune sheet the period lacks, as the sum
    over every xã of the area, when every xã has the figure."""
    communes = context.communes
    groups = {context.province: list(communes["code"])}
    for district, codes in communes.groupby("district_code")["code"]:
        if district:
            groups[str(district)] = list(codes)
    out: dict[Pair, float] = {}
    for code in COMMUNE_FIGURES:
        for area, members in groups.items():
            found = [values.get((code, m)) for m in members]
            if (code, area) not in values and members and all(f is not None for f in found):
                out[(code, area)] = float(sum(found))  # type: ignore[arg-type]
    return out


def indicator_table(base: Base, merged: Merged, context: Context) -> tuple[pd.DataFrame, int]:
    """indicators.csv and the number of figures computed."""
    catalogue = context.catalogue
    old = base.indicators
    keep = [
        (i, a) not in merged.held and p != DERIVED
        for i, a, p in zip(old["indicator"], old["area"], old["provenance"], strict=True)
    ]
    kept = old[pd.Series(keep, index=old.index, dtype=bool)]
    values = {
        (i, a): float(v)
        for i, a, v in zip(kept["indicator"], kept["area"], kept["value"], strict=True)
    }
    rows = kept.to_dict("records")
    for pair, given in merged.figures.items():
        written = written_form(given.value, catalogue[pair[0]].unit)
        rows.append(
            _row(context, pair, given.value, written, REPORTED, given.note, str(given.cell))
        )
        values[pair] = given.value
    for pair, value in commune_sums(values, context).items():
        note = data_note("computed on import: sum of the communes' figures")
        rows.append(
            _row(context, pair, value, written_form(value, catalogue[pair[0]].unit), DERIVED, note)
        )
        values[pair] = value
    areas = sorted({a for _, a in values})
    wanted = set(values) | {(code, area) for code in catalogue.indicators for area in areas}
    previous = context.previous_values()
    computed = 0
    for pair, item in computable(wanted, catalogue).items():
        if pair in values:
            continue
        hint = previous.get(pair)
        decimals = decimals_of(hint[1]) if hint and hint[1] else 2
        value = compute_value(item, values, decimals)
        if value is None:
            continue
        unit = catalogue[pair[0]].unit
        written = written_form(value, unit, decimals if unit == "percent" else None)
        rows.append(_row(context, pair, value, written, DERIVED, describe(item)))
        values[pair] = value  # a figure computed from this one follows it (rows.computable)
        computed += 1
    return pd.DataFrame(rows, columns=INDICATOR_COLUMNS), computed


def communes_table(base: Base, merged: Merged, context: Context, annexed: set[str]) -> pd.DataFrame:
    """communes.csv: the stated statuses in place; a commune marked NTM without an annex row
    meets every criterion of the set."""
    out = base.communes.copy()
    top = str(context.criteria.commune_count)
    position = {code: i for i, code in enumerate(out["code"])}
    province_files = {p.name for p in merged.scopes.get(context.province, [])}
    for code, stated in merged.communes.items():
        i = position.get(code)
        if i is None or _carried_as_is(out.loc[i], stated, province_files):
            continue
        for key, given in stated.items():
            out.at[i, key] = str(given.value)
        first = next(iter(stated.values()))
        note = f"workbook {first.cell}"
        status = stated.get("ntm_status")
        if status is not None and status.value == "recognised" and code not in annexed:
            out.at[i, "criteria_min"], out.at[i, "criteria_max"] = top, top
            note += data_note(f"; recognised NTM: all {top} criteria met")
        out.at[i, "provenance"], out.at[i, "note"] = REPORTED, note
    return out


def _carried_as_is(row: pd.Series, stated: dict, province_files: set[str]) -> bool:
    """The province's file repeating a carried status unchanged (its prefill, for a district
    whose own file is missing): the status stays marked carried, so `validate` warns."""
    if str(row.get("provenance", "")) != CARRIED:
        return False
    if any(given.cell.file not in province_files for given in stated.values()):
        return False
    return all(str(row.get(key, "")) == str(given.value) for key, given in stated.items())


def _upsert(frame: pd.DataFrame, key: dict[str, str], row: dict[str, str]) -> pd.DataFrame:
    mask = pd.Series(True, index=frame.index)
    for column, value in key.items():
        mask &= frame[column].astype(str) == value
    if mask.any():
        for column, value in row.items():
            frame.loc[mask, column] = value
        return frame
    return pd.concat([frame, pd.DataFrame([row])], ignore_index=True).fillna("")


def districts_tables(base: Base, merged: Merged) -> tuple[pd.DataFrame, pd.DataFrame]:
    """districts.csv and district_criteria.csv with the stated rows in place."""
    districts, criteria = base.districts.copy(), base.district_criteria.copy()
    for code, stated in merged.districts.items():
        note = f"workbook {next(iter(stated.values())).cell}"
        row = {k: str(stated[k].value) for k in ("ntm_status", "ntm_plan_year") if k in stated}
        if row:
            if row.get("ntm_status") == "recognised":
                row["ntm_plan_year"] = ""
            row |= {"code": code, "provenance": REPORTED, "note": note}
            districts = _upsert(districts, {"code": code}, row)
        for criterion, given in stated.items():
            if criterion in ("ntm_status", "ntm_plan_year"):
                continue
            key = {"district_code": code, "criterion": criterion}
            criteria = _upsert(
                criteria,
                key,
                {**key, "met": str(given.value), "provenance": REPORTED, "note": note},
            )
    return districts[DISTRICT_COLUMNS], criteria[DISTRICT_CRITERIA_COLUMNS]


def lists_table(base: Base, merged: Merged, context: Context) -> pd.DataFrame:
    """lists.csv: the items of the areas whose lists the files give, replaced."""
    sections = dict(zip(base.lists["list"], base.lists["section"], strict=True))
    if context.previous is not None:
        previous = context.previous.lists
        sections = {**dict(zip(previous["list"], previous["section"], strict=True)), **sections}
    kept = base.lists[~base.lists["area"].isin(merged.list_areas)]
    rows = [
        {
            **{k: v for k, v in item.items() if k in LIST_COLUMNS},
            "section": sections.get(item["list"], ""),
            "note": f"workbook {item['cell']}",
        }
        for item in merged.lists
    ]
    frame = pd.concat([kept, pd.DataFrame(rows, columns=LIST_COLUMNS)], ignore_index=True)
    return frame.fillna("").drop_duplicates(["list", "area", "item", "detail"])


def annex_table(base: Base, merged: Merged) -> pd.DataFrame | None:
    """The annex's cells: the period's, but the rows of the communes the files state."""
    if merged.annex is None:
        return base.annex
    new = merged.annex[["code", "criterion", "met"]]
    if base.annex is None or not len(base.annex):
        return new
    old = base.annex[~base.annex["code"].isin(set(new["code"]))][["code", "criterion", "met"]]
    return pd.concat([old, new], ignore_index=True)
