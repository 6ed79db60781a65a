"""`ntm-report import`: filled workbooks (the province's, the districts') into a period.

An import adds to the period: each file replaces the rows it owns (cycle/merge.py) and the rest
stays; `replace=True` starts the period again from the files. Every file is read and checked
first; nothing is written unless all are valid. The import holds the period's lock, keeps the
period as it was in `periods/<P>/.history/<stamp>/` (`undo_import` puts it back), writes the
new tables into a hidden copy of the folder and swaps it in only once `load_period` accepts it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd

from ntm_analysis.cycle import build, history, import_checks, next_targets
from ntm_analysis.cycle.changes import Changes, figure_changes, list_changes, status_changes
from ntm_analysis.cycle.completeness import missing_rows
from ntm_analysis.cycle.context import Context, load_context
from ntm_analysis.cycle.coverage import (
    IMPORTS_FILE,
    covered_districts,
    new_entry,
    read_imports,
    write_imports,
)
from ntm_analysis.cycle.merge import Merged, merge, missing_districts
from ntm_analysis.cycle.reader import read_workbook
from ntm_analysis.cycle.reading import Reading
from ntm_analysis.cycle.summary import Empty, ImportResult, UndoResult
from ntm_analysis.cycle.tables import (
    COMMUNE_COLUMNS,
    DISTRICT_COLUMNS,
    DISTRICT_CRITERIA_COLUMNS,
    INDICATOR_COLUMNS,
    LIST_COLUMNS,
    staging,
    write_csv,
)
from ntm_analysis.cycle.text_reader import write_qualitative
from ntm_analysis.dataset.annex import (
    ANNEX_FILE,
    SHEET,
    AnnexReference,
    read_annex,
    save_workbook,
    template_book,
)
from ntm_analysis.dataset.files import read_csv_text
from ntm_analysis.dataset.paths import refuse_links
from ntm_analysis.dataset.period import PeriodData, load_period
from ntm_analysis.dataset.reference import area_names
from ntm_analysis.errors import InputError, InputErrors, Message
from ntm_analysis.i18n import N_

__all__ = ["Empty", "ImportResult", "UndoResult", "import_workbooks", "undo_import"]


def _read_all(files: list[Path], context: Context) -> list[Reading]:
    """Every workbook read (a file named twice is read once) and checked for deleted rows and
    sheets; InputErrors lists the problems of all of them."""
    readings, errors = [], []
    for path in dict.fromkeys(Path(f).resolve() for f in files):
        try:
            reading = read_workbook(path, context)
        except InputErrors as exc:
            errors += exc.errors
        except InputError as exc:
            errors.append(exc)
        else:
            readings.append(reading)
            errors += [e for e in [missing_rows(reading, context)] if e]
    if errors:
        raise InputErrors(errors)
    return readings


def _period_annex(folder: Path, context: Context) -> pd.DataFrame | None:
    """The period's annex cells (code, criterion, met), None without an annex file."""
    path = folder / ANNEX_FILE
    if not path.is_file():
        return None
    annex = read_annex(path, AnnexReference(context.period, context.units, context.criteria))
    annex = annex[annex["met"].notna()]
    return pd.DataFrame(
        {"code": annex["code"], "criterion": annex["criterion"], "met": annex["met"].astype(int)}
    )


def _base(context: Context, replace: bool) -> tuple[build.Base, list[Message]]:
    """What the import starts from: the period as it is; with `replace`, the period as it was
    before its first import (its scaffold), without figures or annex."""
    base = build.base_of(context, _period_annex(context.folder, context))
    if not replace:
        return base, []
    base.indicators, base.annex = base.indicators.iloc[0:0], None
    scaffold = history.before_imports(context.folder)
    if scaffold is None:
        return base, [
            Message(
                N_(
                    "không tìm thấy trạng thái của kỳ trước lần nhập đầu tiên trong .history: "
                    "tình trạng xã, huyện mà các tệp không ghi được giữ như hiện có"
                )
            )
        ]
    folder = scaffold / history.PERIOD_FILES
    for name, attribute, columns in (
        ("communes.csv", "communes", COMMUNE_COLUMNS),
        ("districts.csv", "districts", DISTRICT_COLUMNS),
        ("district_criteria.csv", "district_criteria", DISTRICT_CRITERIA_COLUMNS),
        ("lists.csv", "lists", LIST_COLUMNS),
    ):
        path = folder / name
        frame = read_csv_text(path, [], allow_empty=True) if path.is_file() else None
        setattr(base, attribute, build.as_table(frame, columns))
    return base, []


def _baseline(context: Context) -> PeriodData | None:
    """The period's baseline (the same province's), for the increases stated since it."""
    name = context.meta.get("baseline")
    if not name or context.place is None:
        return None
    try:
        return load_period(
            str(name), context.data_dir, False, figures_only=True, province=context.place.province()
        )
    except InputError:
        return None  # a baseline that does not load is reported when the period is validated


def _empty_cells(merged: Merged, indicators: pd.DataFrame, context: Context) -> list[Empty]:
    """The cells left empty, but those the period has a figure for now (summed from the
    communes' figures), with the figure's label and area in both languages."""
    catalogue = context.catalogue
    names = {lang: area_names(context.units, lang) for lang in ("vi", "en")}
    present = set(zip(indicators["indicator"], indicators["area"], strict=True))
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
        if (i, a) not in present
    ]


def write_annex(path: Path, annex: pd.DataFrame, context: Context) -> int:
    """Write the annex cells as the period's annex file; returns the cells reported."""
    book = template_book(context, lang="vi")
    sheet = book[SHEET]
    rows = {str(sheet.cell(r, 2).value): r for r in range(8, sheet.max_row + 1)}
    columns = {c.id: 5 + i for i, c in enumerate(context.criteria.commune)}
    reported = annex[annex["met"].notna()]
    for code, criterion, met in zip(
        reported["code"], reported["criterion"], reported["met"], strict=True
    ):
        sheet.cell(rows[code], columns[criterion], 1 if int(met) else 0)
    save_workbook(book, path)
    return len(reported)


def _tables(base: build.Base, merged: Merged, context: Context) -> dict[str, object]:
    """The period's new tables (and the number of figures computed)."""
    indicators, computed = build.indicator_table(base, merged, context)
    annex = build.annex_table(base, merged)
    annexed = set(annex["code"]) if annex is not None else set()
    districts, district_criteria = build.districts_tables(base, merged)
    return {
        "indicators": indicators,
        "computed": computed,
        "communes": build.communes_table(base, merged, context, annexed),
        "districts": districts,
        "district_criteria": district_criteria,
        "lists": build.lists_table(base, merged, context),
        "annex": annex,
    }


def _check(
    tables: dict, merged: Merged, context: Context
) -> tuple[list[InputError], list[Message]]:
    """Errors that refuse the import, and warnings for its summary."""
    indicators, lists = tables["indicators"], tables["lists"]
    errors = import_checks.parts_above_wholes(indicators, merged, context)
    errors += import_checks.increases(indicators, merged, context, _baseline(context))
    errors += import_checks.duplicate_items(merged, context)
    warnings = import_checks.list_counts(indicators, lists, merged, context)
    return errors, warnings


def _changes(base: build.Base, tables: dict, context: Context) -> Changes:
    changes = Changes()
    figure_changes(base.indicators, tables["indicators"], context, changes)
    before = {k: getattr(base, k) for k in ("communes", "districts", "district_criteria")}
    status_changes(before, tables, context, changes)
    list_changes(base.lists, tables["lists"], context, changes)
    return changes


def _write(
    staged: Path, tables: dict, context: Context, result: ImportResult, readings: list[Reading]
) -> None:
    """The tables into the staged copy of the period folder, and the text sheets' points
    into its qualitative.yml."""
    write_csv(tables["indicators"], staged / "indicators.csv", INDICATOR_COLUMNS)
    write_csv(tables["communes"], staged / "communes.csv", COMMUNE_COLUMNS)
    districts = tables["districts"]
    if set(districts["code"]) >= set(context.units["district_code"]) - {""}:
        write_csv(districts, staged / "districts.csv", DISTRICT_COLUMNS)
    elif len(districts):
        result.warnings.append(
            Message(N_("tình trạng huyện chưa đủ các huyện: districts.csv chưa được ghi"))
        )
    if len(tables["district_criteria"]):
        write_csv(
            tables["district_criteria"], staged / "district_criteria.csv", DISTRICT_CRITERIA_COLUMNS
        )
    if len(tables["lists"]):
        write_csv(tables["lists"], staged / "lists.csv", LIST_COLUMNS)
    else:  # no list item left (a header-only lists.csv does not load)
        (staged / "lists.csv").unlink(missing_ok=True)
    annex = tables["annex"]
    if annex is not None and len(annex):
        result.annex_cells = write_annex(staged / ANNEX_FILE, annex, context)
    result.qualitative = write_qualitative(staged, readings, context)  # text sheets, if any


def _result(
    context: Context, readings: list[Reading], merged: Merged, tables: dict, replace: bool
) -> ImportResult:
    return ImportResult(
        context.period,
        [r.path.name for r in readings],
        figures=len(merged.figures),
        computed=int(tables["computed"]),  # type: ignore[call-overload]
        communes=len(merged.communes),
        list_items=len(merged.lists),
        set_aside=merged.set_aside,
        set_aside_count=merged.set_aside_count,
        replaced=replace,
        empty=_empty_cells(merged, tables["indicators"], context),  # type: ignore[arg-type]
    )


def import_workbooks(
    period: str,
    files: list[Path],
    data_dir: Path,
    force: bool = False,
    replace: bool = False,
    province: str | None = None,
) -> ImportResult:
    """Read, check and merge `files` into the period (of `province`, in a data folder holding
    several); write its tables atomically, keeping the state before in its history.
    `force`: replace next year's targets file even when no import of this period wrote it."""
    context = load_context(period, data_dir, province)
    folder = context.folder
    refuse_links([folder], data_dir)  # the folder is rewritten: a link would go
    with history.period_lock(folder):
        readings = _read_all(files, context)
        entries = read_imports(folder)
        covered = set() if replace else covered_districts(entries, context.province)
        merged = merge(readings, context, covered)
        base, notes = _base(context, replace)
        tables = _tables(base, merged, context)
        errors, warnings = _check(tables, merged, context)
        if errors:
            raise InputErrors(errors)
        ours = any(t for e in entries for t in e.wrote)
        targets = next_targets.plan(readings, context, data_dir, force or ours)
        if targets is not None:
            refuse_links([targets.path], data_dir)
        result = _result(context, readings, merged, tables, replace)
        result.changes = _changes(base, tables, context)
        covered_now = covered | {r.scope for r in readings if r.scope != context.province}
        result.warnings += [m for m in [missing_districts(context, covered_now)] if m]
        result.warnings += notes + warnings
        result.next_targets = targets.message if targets else None
        outside = [targets.path] if targets is not None and targets.document else []
        entry = new_entry([(r.path, r.scope) for r in readings], replace, data_dir, outside)
        action = "import --replace" if replace else "import"
        snapshot = history.save(folder, data_dir, action, result.files, outside)
        try:
            _publish(context, tables, [*entries, entry], result, targets, readings)
        except BaseException:
            shutil.rmtree(snapshot, ignore_errors=True)
            raise
        result.snapshot = snapshot
    return result


def _publish(
    context: Context,
    tables: dict,
    entries: list,
    result: ImportResult,
    targets: next_targets.NextTargets | None,
    readings: list[Reading],
) -> None:
    """The staged copy of the period with the new tables, swapped in (with next year's
    targets file, when there is one to write)."""
    folder = context.folder
    with staging(folder.parent, folder.name) as staged:
        for path in history.period_entries(folder):
            shutil.copy2(path, staged / path.name)
        _write(staged, tables, context, result, readings)
        write_imports(staged / IMPORTS_FILE, entries)
        place = context.place

        def check() -> None:
            load_period(context.period, context.data_dir, province=place and place.province())

        def swap() -> None:
            history.swap_in(staged, folder, check)

        if targets is None:
            swap()
        else:
            targets.publish(swap)


def undo_import(period: str, data_dir: Path, province: str | None = None) -> UndoResult:
    """Restore the period (and next year's targets file) as it was before its last import."""
    context = load_context(period, data_dir, province)
    folder = context.folder
    place = context.place

    def check() -> None:
        if (folder / "indicators.csv").is_file():
            load_period(context.period, data_dir, province=place and place.province())

    with history.period_lock(folder):
        record = history.undo(folder, data_dir, check)
    return UndoResult(context.period, record.created, record.action, record.workbooks)
