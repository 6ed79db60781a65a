"""Writing a period's tables: CSV columns as in the shipped periods, atomic folder writes."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pandas as pd
import yaml

from ntm_analysis.dataset.files import LINE
from ntm_analysis.errors import InputError
from ntm_analysis.i18n import N_

INDICATOR_COLUMNS = [
    "indicator",
    "area",
    "value",
    "as_written",
    "qualifier",
    "section",
    "provenance",
    "note",
    "source",
]
LIST_COLUMNS = ["list", "area", "item", "as_written", "detail", "section", "note"]
COMMUNE_COLUMNS = [
    "code",
    "district_code",
    "name",
    "criteria_min",
    "criteria_max",
    "ntm_status",
    "advanced_status",
    "registered",
    "provenance",
    "note",
]
DISTRICT_COLUMNS = ["code", "ntm_status", "ntm_plan_year", "plan_qualifier", "provenance", "note"]
DISTRICT_CRITERIA_COLUMNS = ["district_code", "criterion", "met", "provenance", "note"]
CARRIED = "carried"


def write_csv(frame: pd.DataFrame, path: Path, columns: list[str]) -> None:
    """Write `columns` of `frame` (missing ones empty) as UTF-8 CSV, without the line column."""
    out = frame.drop(columns=[LINE], errors="ignore").copy()
    for column in columns:
        if column not in out.columns:
            out[column] = ""
    out = out[columns].fillna("")
    out.to_csv(path, index=False, lineterminator="\n")


def format_machine_value(value: float) -> str:
    """A value as indicators.csv writes it: `.` decimal mark, no grouping, no trailing `.0`."""
    text = f"{float(value):.10f}".rstrip("0").rstrip(".")
    return text if text not in ("-0", "") else "0"


class _Dumper(yaml.SafeDumper):
    """Quotes strings made of digits and dashes (`"2021-12"`, `"84"`), as the data files do."""


def _represent_str(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    style = '"' if text and all(c.isdigit() or c == "-" for c in text) else None
    return dumper.represent_scalar(yaml.resolver.BaseResolver.DEFAULT_SCALAR_TAG, text, style=style)


_Dumper.add_representer(str, _represent_str)


def write_yaml(data: dict, path: Path, comment: str = "") -> None:
    text = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
    header = "".join(f"# {line}\n" for line in comment.splitlines()) if comment else ""
    path.write_text(header + text, encoding="utf-8")


@contextmanager
def staging(parent: Path, name: str) -> Iterator[Path]:
    """A temporary folder beside `parent/name` (hidden: `.name.*`), removed on failure."""
    parent.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix=f".{name}.", dir=parent))
    try:
        yield folder
    finally:
        if folder.exists():
            shutil.rmtree(folder, ignore_errors=True)


def publish_new(staged: Path, target: Path) -> None:
    """Rename a staged folder to `target`, which must not exist (never overwrite data)."""
    if target.exists():
        raise InputError(
            N_("kỳ báo cáo đã có; chưa ghi gì"),
            path=target,
            expected=N_("một kỳ chưa có thư mục (xóa hoặc đổi tên thư mục đó trước)"),
        )
    os.rename(staged, target)


def replace_folder(staged: Path, target: Path, check: Callable[[], None] | None = None) -> None:
    """Swap `staged` in for `target`; if `check` raises, the old folder comes back."""
    backup = target.with_name(f".{target.name}.previous")
    if backup.exists():
        shutil.rmtree(backup)
    os.rename(target, backup)
    os.rename(staged, target)
    try:
        if check is not None:
            check()
    except BaseException:
        shutil.rmtree(target, ignore_errors=True)
        os.rename(backup, target)
        raise
    shutil.rmtree(backup, ignore_errors=True)
