"""`ntm-report import`: one or several filled workbooks into the period's tables.

Every file is read and checked first; nothing is written unless all are valid. The tables are
written into a staged copy of the period folder that replaces it only once `load_period`
accepts it. `indicators.csv` gains a `source` column: `file:sheet!cell` of each typed figure.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from openpyxl import load_workbook

from ntm_analysis.cycle.cells import written_form
from ntm_analysis.cycle.context import Context, load_context
from ntm_analysis.cycle.reader import Cell, Reading, read_workbook
from ntm_analysis.cycle.rows import Pair, computable, compute_value, describe
from ntm_analysis.cycle.tables import (
    COMMUNE_COLUMNS,
    INDICATOR_COLUMNS,
    LIST_COLUMNS,
    format_machine_value,
    replace_folder,
    staging,
    write_csv,
)
from ntm_analysis.cycle.workbook import scope_areas
from ntm_analysis.dataset.annex import ANNEX_FILE, SHEET, write_template
from ntm_analysis.dataset.period import load_period
from ntm_analysis.dataset.reference import area_names
from ntm_analysis.errors import InputError, InputErrors
from ntm_analysis.text.numbers import decimals_of


@dataclass
class Empty:
    """A figure a workbook left empty."""

    indicator: str
    area: str
    cell: Cell
    label: str
    area_name: str

    def __str__(self) -> str:
        return f"{self.cell}: {self.label} — {self.area_name}"


@dataclass
class ImportResult:
    """What an import wrote and what the workbooks left empty."""

    period: str
    files: list[str]
    figures: int = 0
    computed: int = 0
    communes: int = 0
    list_items: int = 0
    annex_cells: int = 0
    empty: list[Empty] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def summary(self, limit: int = 30) -> str:
        lines = [
            f"Kỳ {self.period}: đã nhập {len(self.files)} tệp — {self.figures} số liệu, "
            f"{self.computed} số liệu tính tự động, {self.communes} xã, "
            f"{self.list_items} mục danh sách, {self.annex_cells} ô PL03.",
        ]
        lines += [f"Cảnh báo: {w}" for w in self.warnings]
        if self.empty:
            by_sheet: dict[str, int] = {}
            for item in self.empty:
                by_sheet[item.cell.sheet] = by_sheet.get(item.cell.sheet, 0) + 1
            counts = ", ".join(f"{sheet}: {n}" for sheet, n in by_sheet.items())
            lines.append(f"{len(self.empty)} ô để trống ({counts}):")
            lines += [f"  - {e}" for e in self.empty[:limit]]
            if len(self.empty) > limit:
                lines.append(f"  … và {len(self.empty) - limit} ô khác")
        return "\n".join(lines)


def _conflict(pair: Pair, first: Cell, a: object, second: Cell, b: object) -> InputError:
    return InputError(
        f"{pair[0]} for area {pair[1]} is {a} in {first} but {b} in {second}",
        path=second.file,
        column=f"{second.sheet}!{second.cell}",
        expected="the same figure in every file that gives it",
    )


def merge(readings: list[Reading], context: Context) -> tuple[Reading, list[str]]:
    """One reading from several files; conflicts and misfiled communes are InputErrors,
    districts without a file are warnings."""
    units = context.units
    district_of = dict(zip(units["unit_code"], units["district_code"], strict=True))
    district_of.update({d: d for d in units["district_code"]})
    merged = Reading(path=Path(""), scope=context.province)
    errors: list[InputError] = []
    warnings: list[str] = []
    for reading in readings:
        scope_is_district = reading.scope != context.province
        for pair, (value, note, ref) in reading.figures.items():
            if scope_is_district and district_of.get(pair[1]) != reading.scope:
                errors.append(
                    InputError(
                        f"a figure of area {pair[1]} in the workbook of district {reading.scope}",
                        path=ref.file,
                        column=f"{ref.sheet}!{ref.cell}",
                        expected="each district's own areas only",
                    )
                )
            elif pair in merged.figures and merged.figures[pair][0] != value:
                errors.append(
                    _conflict(pair, merged.figures[pair][2], merged.figures[pair][0], ref, value)
                )
            else:
                merged.figures.setdefault(pair, (value, note, ref))
        for code, (record, ref) in reading.communes.items():
            if scope_is_district and record["district_code"] != reading.scope:
                errors.append(
                    InputError(
                        f"commune {code} belongs to district {record['district_code']}, "
                        f"filed in the workbook of district {reading.scope}",
                        path=ref.file,
                        column=f"{ref.sheet}!{ref.cell}",
                        expected="each district's own communes only",
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
                    )
                )
            else:
                merged.communes.setdefault(code, (record, ref))
        merged.lists += reading.lists
        merged.empty += reading.empty
        if reading.annex is not None and len(reading.annex):
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
            names = area_names(units, "vi")
            warnings.append("không có tệp của: " + ", ".join(names[d] for d in missing))
    if errors:
        raise InputErrors(errors)
    return merged, warnings


def _section(context: Context, pair: Pair) -> str:
    previous = context.previous
    if previous is not None and previous.has(*pair):
        return str(previous.figure(*pair).section)
    return context.catalogue[pair[0]].section


def indicator_table(merged: Reading, context: Context) -> tuple[pd.DataFrame, int]:
    """indicators.csv rows: the typed figures, then those the catalogue computes."""
    catalogue = context.catalogue
    rows = []
    values: dict[Pair, float] = {}
    for pair, (value, note, ref) in merged.figures.items():
        unit = catalogue[pair[0]].unit
        rows.append(
            {
                "indicator": pair[0],
                "area": pair[1],
                "value": format_machine_value(value),
                "as_written": written_form(value, unit),
                "qualifier": "",
                "section": _section(context, pair),
                "provenance": "reported",
                "note": note,
                "source": str(ref),
            }
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
        rows.append(
            {
                "indicator": pair[0],
                "area": pair[1],
                "value": format_machine_value(value),
                "as_written": written_form(value, unit, decimals if unit == "percent" else None),
                "qualifier": "",
                "section": _section(context, pair),
                "provenance": "derived",
                "note": describe(item),
                "source": "",
            }
        )
        computed += 1
    return pd.DataFrame(rows, columns=INDICATOR_COLUMNS), computed


def communes_table(merged: Reading, context: Context) -> pd.DataFrame:
    out = context.communes.copy()
    for column in COMMUNE_COLUMNS:
        if column not in out.columns:
            out[column] = ""
    for i, code in enumerate(out["code"]):
        found = merged.communes.get(code)
        if found is None:
            continue
        record, ref = found
        for key in ("ntm_status", "advanced_status", "registered"):
            if key in record:
                out.loc[out.index[i], key] = record[key]
        out.loc[out.index[i], "provenance"] = "reported"
        out.loc[out.index[i], "note"] = f"workbook {ref}"
    return out


def lists_table(merged: Reading, context: Context, scopes: set[str]) -> pd.DataFrame:
    """The workbooks' list items; items of areas no workbook covers stay as they were."""
    sections = {}
    if context.previous is not None:
        sections = dict(
            zip(context.previous.lists["list"], context.previous.lists["section"], strict=True)
        )
    rows = [
        {**r, "section": sections.get(r["list"], ""), "note": f"workbook {r['source']}"}
        for r in merged.lists
    ]
    frame = pd.DataFrame(rows, columns=[*LIST_COLUMNS, "source"]).drop(columns="source")
    if context.province not in scopes:
        covered = set().union(*(scope_areas(context, s) or set() for s in scopes))
        kept = context.lists[~context.lists["area"].isin(covered)]
        frame = pd.concat([kept.reindex(columns=LIST_COLUMNS), frame], ignore_index=True)
    return frame.fillna("").drop_duplicates(["list", "area", "item", "detail"])


def write_annex(path: Path, annex: pd.DataFrame, context: Context) -> int:
    """Write the merged PL03 cells as the period's annex file; returns the cells reported."""
    from types import SimpleNamespace

    view = SimpleNamespace(
        units=context.units,
        communes=context.communes[["code", "district_code", "name"]],
        criteria=context.criteria,
        province=context.province,
        period=context.period,
        label=context.label,
    )
    write_template(path, view, lang="vi")  # type: ignore[arg-type]
    book = load_workbook(path)
    sheet = book[SHEET]
    rows = {str(sheet.cell(r, 2).value): r for r in range(8, sheet.max_row + 1)}
    columns = {c.id: 5 + i for i, c in enumerate(context.criteria.commune)}
    reported = annex[annex["met"].notna()]
    for code, criterion, met in zip(
        reported["code"], reported["criterion"], reported["met"], strict=True
    ):
        sheet.cell(rows[code], columns[criterion], 1 if met else 0)
    book.save(path)
    return len(reported)


def import_workbooks(
    period: str, files: list[Path], data_dir: Path, force: bool = False
) -> ImportResult:
    """Read, check and merge `files`, then write the period's tables atomically."""
    context = load_context(period, data_dir)
    target = context.folder / "indicators.csv"
    if target.is_file() and not force:
        raise InputError(
            "the period already has figures; nothing was written",
            path=target,
            expected="--force to replace them with the workbooks' figures",
        )
    readings, errors = [], []
    for path in files:
        try:
            readings.append(read_workbook(Path(path), context))
        except InputErrors as exc:
            errors += exc.errors
        except InputError as exc:
            errors.append(exc)
    if errors:
        raise InputErrors(errors)
    merged, warnings = merge(readings, context)
    indicators, computed = indicator_table(merged, context)
    if indicators.empty:
        raise InputError(
            "the workbooks hold no figure", path=files[0], expected="at least one value"
        )
    result = ImportResult(
        period,
        [Path(f).name for f in files],
        figures=len(merged.figures),
        computed=computed,
        communes=len(merged.communes),
        list_items=len(merged.lists),
        warnings=warnings,
    )
    catalogue, names = context.catalogue, area_names(context.units, "vi")
    result.empty = [
        Empty(i, a, c, catalogue.label(i, "vi"), names.get(a, a)) for (i, a), c in merged.empty
    ]
    with staging(context.folder.parent, period) as staged:
        shutil.copytree(context.folder, staged, dirs_exist_ok=True)
        write_csv(indicators, staged / "indicators.csv", INDICATOR_COLUMNS)
        write_csv(communes_table(merged, context), staged / "communes.csv", COMMUNE_COLUMNS)
        if merged.lists or not (staged / "lists.csv").is_file():
            scopes = {r.scope for r in readings}
            write_csv(lists_table(merged, context, scopes), staged / "lists.csv", LIST_COLUMNS)
        if merged.annex is not None and merged.annex["met"].notna().any():
            result.annex_cells = write_annex(staged / ANNEX_FILE, merged.annex, context)
        replace_folder(staged, context.folder, check=lambda: load_period(period, data_dir))
    return result
