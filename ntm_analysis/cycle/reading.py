"""What one filled workbook gives (`Reading`), value by value with the visible cell each came
from (`Given`), and what a sheet reader may ask of the workbook reader (`SheetContext`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import pandas as pd
from openpyxl.worksheet.worksheet import Worksheet

from ntm_analysis.cycle.context import Context
from ntm_analysis.cycle.rows import Pair
from ntm_analysis.cycle.targets_sheet import NextTarget
from ntm_analysis.cycle.text_reader import TextPoint
from ntm_analysis.dataset.excel import Cell
from ntm_analysis.errors import InputError, Message, NtmError
from ntm_analysis.text.names import NameMatcher


@dataclass(frozen=True)
class Given:
    """One value a workbook gives, the visible cell it came from, and the row's note."""

    value: Any
    cell: Cell
    note: str = ""


@dataclass
class Reading:
    """What one workbook holds. Statuses hold only what the workbook states: a commune row
    whose status cells are all empty states nothing (docs/period-cycle.md)."""

    path: Path
    scope: str
    figures: dict[Pair, Given] = field(default_factory=dict)
    empty: list[tuple[Pair, Cell]] = field(default_factory=list)
    communes: dict[str, dict[str, Given]] = field(default_factory=dict)
    commune_rows: dict[str, Cell] = field(default_factory=dict)  # the visible name cell
    districts: dict[str, dict[str, Given]] = field(default_factory=dict)
    district_rows: dict[str, Cell] = field(default_factory=dict)
    lists: list[dict[str, Any]] = field(default_factory=list)  # each with its visible "cell"
    has_lists: bool = False  # the workbook has a list sheet (its lists replace the period's)
    annex: pd.DataFrame | None = None
    next_targets: dict[str, NextTarget] = field(default_factory=dict)
    next_sheet: str | None = None  # the title of the next year's targets sheet, when present
    sheets: list[str] = field(default_factory=list)  # the data sheets read
    points: list[TextPoint] = field(default_factory=list)  # the text sheets' points, in order
    text_sheets: list[str] = field(default_factory=list)  # the titles of its text sheets


class SheetContext(Protocol):
    """The workbook reader as a sheet reader sees it (cycle/reader.py `WorkbookReader`)."""

    path: Path
    context: Context
    errors: list[InputError]
    names: dict[str, str]
    matcher: NameMatcher

    def error(
        self,
        sheet: Worksheet,
        row: int,
        column: int,
        message: str | Message | NtmError,
        expected: str | None,
    ) -> None: ...

    def cell(self, sheet: Worksheet, row: int, column: int) -> Cell: ...

    def number(
        self,
        sheet: Worksheet,
        row: int,
        column: int,
        percent: bool = False,
        unit: str | None = None,
    ) -> float | None: ...
