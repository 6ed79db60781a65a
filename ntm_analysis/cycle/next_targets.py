"""Next year's targets typed into a year-end workbook → `data/targets/<year+1>.yml`.

The file is built from this year's targets file (label with the year moved on, indicator,
area, direction, section and measure carried; target, stretch and `as_written` from the
workbook), validated by the targets model and loader before the import writes anything, then
put in place together with the period's tables: if the period's swap fails, it is undone.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ntm_analysis.cycle.cells import written_form
from ntm_analysis.cycle.context import Context
from ntm_analysis.cycle.rows import data_note
from ntm_analysis.cycle.tables import staging, write_yaml
from ntm_analysis.cycle.targets_sheet import NextTarget, moved_year, next_list_id
from ntm_analysis.dataset.config_models import TargetsFile
from ntm_analysis.dataset.files import read_yaml
from ntm_analysis.dataset.reporting_period import Period
from ntm_analysis.dataset.targets import load_targets
from ntm_analysis.errors import InputError, InputErrors, Message
from ntm_analysis.i18n import N_


@dataclass
class NextTargets:
    """What the import does with the targets sheet: `document` to write at `path` (None:
    nothing to write), and the summary line."""

    path: Path
    document: dict[str, Any] | None
    message: Message
    comment: str = ""

    def publish(self, replace: Callable[[], None]) -> None:
        """Put the file in place, then run `replace` (the period's swap); undo on failure."""
        if self.document is None:
            replace()
            return
        with staging(self.path.parent, self.path.stem) as folder:
            staged, kept = folder / self.path.name, folder / "previous.yml"
            write_yaml(self.document, staged, comment=self.comment)
            had = self.path.is_file()
            if had:
                os.replace(self.path, kept)
            os.replace(staged, self.path)
            try:
                replace()
            except BaseException:
                if had:
                    os.replace(kept, self.path)
                else:
                    self.path.unlink(missing_ok=True)
                raise


def collect(readings: list[Any]) -> tuple[dict[str, NextTarget], str | None]:
    """The typed targets of every workbook (the same target typed differently in two files
    is an error) and the sheet's title, when a workbook has the sheet."""
    found: dict[str, NextTarget] = {}
    errors: list[InputError] = []
    sheet = None
    for reading in readings:
        sheet = sheet or reading.next_sheet
        for key, item in reading.next_targets.items():
            other = found.get(key)
            if other is not None and not other.same(item):
                errors.append(
                    InputError(
                        N_("mục tiêu {key!r} ở đây là {value:g} nhưng ở {cell} là {other:g}"),
                        path=reading.path,
                        column=f"{item.cell.sheet}!{item.cell.cell}",
                        expected=N_("cùng một giá trị trong mọi biểu nhập"),
                        key=key,
                        value=item.value,
                        other=other.value,
                        cell=other.cell,
                    )
                )
            found.setdefault(key, item)
    if errors:
        raise InputErrors(errors)
    return found, sheet


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def _entry(
    raw: dict[str, Any], item: NextTarget, unit: str, year: int, period: str, named: str | None
) -> dict:
    label = raw.get("label") or {}
    entry = {
        "id": raw["id"],
        "label": {k: moved_year(str(v), year) for k, v in label.items() if v},
        "indicator": raw["indicator"],
        "area": raw.get("area"),
        "target": _number(item.value),
        "direction": raw.get("direction", "at_least"),
        "as_written": written_form(item.value, unit),
        "stretch": None if item.stretch is None else _number(item.stretch),
        # next year's named places: chosen in the workbook's list sheet (cycle/targets_sheet)
        "list": named,
    }
    if raw.get("section"):
        entry["section"] = raw["section"]
    if raw.get("measure"):
        entry["measure"] = raw["measure"]
    entry["note"] = data_note(
        f"Entered through the input workbook of period {period} "
        f"({item.cell}); measured as target {raw['id']!r} of {year - 1}."
    )
    return entry


def plan(
    readings: list[Any], context: Context, data_dir: Path, force: bool = False
) -> NextTargets | None:
    """What to write for the targets sheet (None: no workbook has it). Raises when the file
    exists without `force`, or when the built file does not pass the targets model."""
    typed, sheet = collect(readings)
    if sheet is None:
        return None
    year = Period.parse(context.period).year + 1
    folder = context.place.targets_dir if context.place else Path(data_dir) / "targets"
    path = folder / f"{year}.yml"
    if not typed:
        return NextTargets(
            path,
            None,
            Message(N_("Sheet '{sheet}' để trống: chưa ghi {path}."), sheet=sheet, path=path),
        )
    if path.is_file() and not force:
        raise InputError(
            N_("tệp chỉ tiêu năm sau đã có; chưa ghi gì"),
            path=path,
            expected=N_("--force để thay bằng chỉ tiêu trong biểu nhập"),
        )
    source = folder / f"{year - 1}.yml"
    current = read_yaml(source)
    entries = []
    given = {item["list"] for reading in readings for item in reading.lists}
    units = {code: i.unit for code, i in context.catalogue.indicators.items()}
    targets = {target.id: target for target in context.targets}
    for raw in current["targets"]:
        item = typed.get(raw["id"])
        if item is not None:
            unit = context.catalogue[raw["indicator"]].unit
            named = next_list_id(targets[raw["id"]], year, units) if raw["id"] in targets else None
            named = named if named in given else None
            entries.append(_entry(raw, item, unit, year, context.period, named))
    document: dict[str, Any] = {"year": year}
    if current.get("section"):
        document["section"] = current["section"]
    document["targets"] = entries
    _validate(document, path, context)
    comment = data_note(
        f"Targets of {year}, entered in sheet '{sheet}' of the input workbook of period "
        f"{context.period} (ntm-report import)."
    )
    left = len(current["targets"]) - len(entries)
    message = Message(
        N_("Đã ghi {n} chỉ tiêu năm {year} vào {path} ({left} mục tiêu để trống).")
        if left
        else N_("Đã ghi {n} chỉ tiêu năm {year} vào {path}."),
        n=len(entries),
        year=year,
        path=path,
        left=left,
    )
    return NextTargets(path, document, message, comment)


def _validate(document: dict[str, Any], path: Path, context: Context) -> None:
    """The targets model, then the loader's checks (catalogue, areas, as_written), on a copy
    written to a temporary folder; errors name the file to be written."""
    try:
        TargetsFile.model_validate(document)
    except ValidationError as exc:
        raise InputError(
            N_("chỉ tiêu năm sau không đúng mẫu tệp chỉ tiêu: {reason}"), path=path, reason=exc
        ) from None
    with tempfile.TemporaryDirectory() as folder:
        write_yaml(document, Path(folder) / path.name)
        areas = set(context.units["district_code"]) | set(context.units["unit_code"])
        try:
            load_targets(
                Path(folder),
                document["year"],
                context.catalogue,
                context.province,
                areas=areas | {context.province},
            )
        except InputError as exc:
            raise InputError(exc.detail, path=path, row=exc.row, column=exc.column) from None
