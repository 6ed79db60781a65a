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

from ntm_analysis.cycle import next_targets
from ntm_analysis.cycle.cells import written_form
from ntm_analysis.cycle.context import Context, load_context
from ntm_analysis.cycle.merge import merge
from ntm_analysis.cycle.reader import Reading, read_workbook
from ntm_analysis.cycle.rows import Pair, computable, compute_value, data_note, describe
from ntm_analysis.cycle.sheets import COMMUNE_FIGURES
from ntm_analysis.cycle.tables import (
    COMMUNE_COLUMNS,
    DISTRICT_COLUMNS,
    DISTRICT_CRITERIA_COLUMNS,
    INDICATOR_COLUMNS,
    LIST_COLUMNS,
    format_machine_value,
    replace_folder,
    staging,
    write_csv,
)
from ntm_analysis.cycle.workbook import scope_areas
from ntm_analysis.dataset.annex import ANNEX_FILE, SHEET, save_workbook, template_book
from ntm_analysis.dataset.excel import Cell
from ntm_analysis.dataset.files import LINE
from ntm_analysis.dataset.paths import refuse_links
from ntm_analysis.dataset.period import load_period
from ntm_analysis.dataset.reference import area_names
from ntm_analysis.errors import InputError, InputErrors, Message
from ntm_analysis.i18n import N_, pick, t
from ntm_analysis.text.numbers import decimals_of


@dataclass
class Empty:
    """A figure a workbook left empty."""

    indicator: str
    area: str
    cell: Cell
    label: str
    area_name: str

    label_en: str = ""
    area_name_en: str = ""

    def __str__(self) -> str:
        return self.text("vi")

    def text(self, lang: str = "vi") -> str:
        """The cell, then the figure's label and area, in `lang`."""
        label = pick(lang, self.label, self.label_en or self.label)
        area = pick(lang, self.area_name, self.area_name_en or self.area_name)
        return f"{self.cell}: {label} — {area}"


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
    warnings: list[Message] = field(default_factory=list)
    next_targets: Message | None = None  # what became of the next year's targets sheet

    def summary(self, limit: int = 30, lang: str = "vi") -> str:
        """What was imported, the warnings and the empty cells, in `lang`."""
        lines = [
            t(
                lang,
                "Kỳ {period}: đã nhập {files} tệp — {figures} số liệu, {computed} số liệu tính "
                "tự động, {communes} xã, {lists} mục danh sách, {cells} ô PL03.",
                period=self.period,
                files=len(self.files),
                figures=self.figures,
                computed=self.computed,
                communes=self.communes,
                lists=self.list_items,
                cells=self.annex_cells,
            )
        ]
        lines += [t(lang, "Cảnh báo: {warning}", warning=w.render(lang)) for w in self.warnings]
        lines += [self.next_targets.render(lang)] if self.next_targets else []
        if self.empty:
            by_sheet: dict[str, int] = {}
            for item in self.empty:
                by_sheet[item.cell.sheet] = by_sheet.get(item.cell.sheet, 0) + 1
            counts = ", ".join(f"{sheet}: {n}" for sheet, n in by_sheet.items())
            lines.append(t(lang, "{n} ô để trống ({counts}):", n=len(self.empty), counts=counts))
            lines += [f"  - {e.text(lang)}" for e in self.empty[:limit]]
            if len(self.empty) > limit:
                lines.append("  " + t(lang, "… và {n} ô khác", n=len(self.empty) - limit))
        return "\n".join(lines)


def _section(context: Context, pair: Pair) -> str:
    previous = context.previous
    if previous is not None and previous.has(*pair):
        return str(previous.figure(*pair).section)
    return context.catalogue[pair[0]].section


def commune_sums(merged: Reading, context: Context) -> dict[Pair, float]:
    """District and province figures of the per-commune sheet that the workbooks leave out,
    as the sum over every xã of the area, when every xã has the figure."""
    communes = context.communes
    groups = {context.province: list(communes["code"])}
    for district, codes in communes.groupby("district_code")["code"]:
        groups[str(district)] = list(codes)
    out: dict[Pair, float] = {}
    for code in COMMUNE_FIGURES:
        for area, members in groups.items():
            if (code, area) in merged.figures:
                continue
            found = [merged.figures.get((code, m)) for m in members]
            if members and all(f is not None for f in found):
                out[(code, area)] = float(sum(f[0] for f in found))
    return out


def _figure_row(
    context: Context,
    pair: Pair,
    value: float,
    written: str,
    provenance: str,
    note: str,
    source: str = "",
) -> dict[str, str]:
    """One row of indicators.csv."""
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


def indicator_table(merged: Reading, context: Context) -> tuple[pd.DataFrame, int]:
    """indicators.csv rows: the typed figures, then those the catalogue computes."""
    catalogue = context.catalogue
    rows = []
    values: dict[Pair, float] = {}
    for pair, (value, note, ref) in merged.figures.items():
        written = written_form(value, catalogue[pair[0]].unit)
        rows.append(_figure_row(context, pair, value, written, "reported", note, str(ref)))
        values[pair] = value
    for pair, value in commune_sums(merged, context).items():
        written = written_form(value, catalogue[pair[0]].unit)
        note = data_note("computed on import: sum of the communes' figures")
        rows.append(_figure_row(context, pair, value, written, "derived", note))
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
        rows.append(_figure_row(context, pair, value, written, "derived", describe(item)))
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


def districts_tables(merged: Reading, context: Context) -> tuple[pd.DataFrame, pd.DataFrame]:
    """districts.csv and district_criteria.csv: carried rows updated from the workbooks."""
    districts = context.districts.drop(columns=[LINE], errors="ignore").copy()
    criteria = context.district_criteria.drop(columns=[LINE], errors="ignore").copy()
    for frame, columns in ((districts, DISTRICT_COLUMNS), (criteria, DISTRICT_CRITERIA_COLUMNS)):
        for column in columns:
            if column not in frame.columns:
                frame[column] = ""
    for code, (record, ref) in merged.districts.items():
        note = f"workbook {ref}"
        if "ntm_status" in record:
            row = {
                "code": code,
                "ntm_status": record["ntm_status"],
                "ntm_plan_year": record.get("ntm_plan_year", ""),
                "provenance": "reported",
                "note": note,
            }
            if row["ntm_status"] == "recognised":
                row["ntm_plan_year"] = ""
            districts = _upsert(districts, {"code": code}, row)
        for criterion, met in record.items():
            if criterion.startswith("D"):
                key = {"district_code": code, "criterion": criterion}
                criteria = _upsert(
                    criteria, key, {**key, "met": met, "provenance": "reported", "note": note}
                )
    return districts[DISTRICT_COLUMNS], criteria[DISTRICT_CRITERIA_COLUMNS]


def _upsert(frame: pd.DataFrame, key: dict[str, str], row: dict[str, str]) -> pd.DataFrame:
    mask = pd.Series(True, index=frame.index)
    for column, value in key.items():
        mask &= frame[column].astype(str) == value
    if mask.any():
        for column, value in row.items():
            frame.loc[mask, column] = value
        return frame
    return pd.concat([frame, pd.DataFrame([row])], ignore_index=True).fillna("")


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
    book = template_book(context, lang="vi")
    sheet = book[SHEET]
    rows = {str(sheet.cell(r, 2).value): r for r in range(8, sheet.max_row + 1)}
    columns = {c.id: 5 + i for i, c in enumerate(context.criteria.commune)}
    reported = annex[annex["met"].notna()]
    for code, criterion, met in zip(
        reported["code"], reported["criterion"], reported["met"], strict=True
    ):
        sheet.cell(rows[code], columns[criterion], 1 if met else 0)
    save_workbook(book, path)
    return len(reported)


def _read_all(files: list[Path], context: Context) -> list[Reading]:
    """Every workbook read; InputErrors lists the problems of all of them."""
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
    return readings


def _write_tables(
    staged: Path, merged: Reading, context: Context, scopes: set[str], result: ImportResult
) -> None:
    """communes.csv, districts.csv (when every district is given), district_criteria.csv,
    lists.csv and the annex, written into the staged copy of the period folder."""
    write_csv(communes_table(merged, context), staged / "communes.csv", COMMUNE_COLUMNS)
    districts, district_criteria = districts_tables(merged, context)
    if set(districts["code"]) >= set(context.units["district_code"]):
        write_csv(districts, staged / "districts.csv", DISTRICT_COLUMNS)
    elif merged.districts:
        result.warnings.append(
            Message(N_("tình trạng huyện chưa đủ các huyện: districts.csv chưa được ghi"))
        )
    if len(district_criteria):
        write_csv(district_criteria, staged / "district_criteria.csv", DISTRICT_CRITERIA_COLUMNS)
    lists = lists_table(merged, context, scopes)
    if len(lists):
        write_csv(lists, staged / "lists.csv", LIST_COLUMNS)
    else:  # no list item left (a header-only lists.csv does not load)
        (staged / "lists.csv").unlink(missing_ok=True)
    if merged.annex is not None and merged.annex["met"].notna().any():
        result.annex_cells = write_annex(staged / ANNEX_FILE, merged.annex, context)


def _empty_cells(merged: Reading, indicators: pd.DataFrame, context: Context) -> list[Empty]:
    """The cells left empty, but those the import summed from the communes' figures (with the
    figure's label and area in both languages)."""
    catalogue = context.catalogue
    names = {lang: area_names(context.units, lang) for lang in ("vi", "en")}
    summed = set(
        indicators.loc[indicators["provenance"] == "derived", ["indicator", "area"]].itertuples(
            index=False, name=None
        )
    )
    merged.empty = [(p, c) for p, c in merged.empty if p not in summed]
    return [
        Empty(
            i,
            a,
            c,
            catalogue.label(i, "vi"),
            names["vi"].get(a, a),
            catalogue.label(i, "en"),
            names["en"].get(a, a),
        )
        for (i, a), c in merged.empty
    ]


def import_workbooks(
    period: str, files: list[Path], data_dir: Path, force: bool = False
) -> ImportResult:
    """Read, check and merge `files`, then write the period's tables atomically."""
    context = load_context(period, data_dir)
    target = context.folder / "indicators.csv"
    if target.is_file() and not force:
        raise InputError(
            N_("kỳ báo cáo đã có số liệu; chưa ghi gì"),
            path=target,
            expected=N_("--force để thay bằng số liệu của các biểu nhập"),
        )
    refuse_links([context.folder], data_dir)  # the folder is rewritten: a link would go
    readings = _read_all(files, context)
    merged, warnings = merge(readings, context)
    targets = next_targets.plan(readings, context, data_dir, force)
    if targets is not None:
        refuse_links([targets.path], data_dir)
    indicators, computed = indicator_table(merged, context)
    if indicators.empty:
        raise InputError(
            N_("các biểu nhập không có số liệu nào"),
            path=files[0],
            expected=N_("ít nhất một giá trị"),
        )
    result = ImportResult(
        period,
        [Path(f).name for f in files],
        figures=len(merged.figures),
        computed=computed,
        communes=len(merged.communes),
        list_items=len(merged.lists),
        warnings=warnings,
        next_targets=targets.message if targets else None,
    )
    result.empty = _empty_cells(merged, indicators, context)
    with staging(context.folder.parent, period) as staged:
        shutil.copytree(context.folder, staged, dirs_exist_ok=True)
        write_csv(indicators, staged / "indicators.csv", INDICATOR_COLUMNS)
        _write_tables(staged, merged, context, {r.scope for r in readings}, result)

        def swap() -> None:
            replace_folder(staged, context.folder, check=lambda: load_period(period, data_dir))

        if targets is None:
            swap()
        else:
            targets.publish(swap)
    return result
