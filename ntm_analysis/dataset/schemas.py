"""Column rules of the data tables, checked column-wise with pandas; failures become InputErrors.

Each table is described once (`TableSchema`): per column a pattern or a set of allowed values,
uniqueness, a dtype; per table the keys that must be unique and row-level rules. Every failing
cell is reported with the file, its line and its column, all at once. (pandera did this before;
its import alone cost a quarter of `validate`'s time, see bench/RESULTS.md.)
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from ntm_analysis.dataset.files import LINE
from ntm_analysis.dataset.limits import ERRORS_KEPT, Problems
from ntm_analysis.errors import InputError, InputErrors
from ntm_analysis.i18n import N_

CODE = r"^[0-9]{2,5}$"
SECTION = r"^[A-C](\.[IVX]+)?(\.[0-9]+)*$"
QUALIFIERS = ("", "over", "more_than", "about", "under", "before")
PROVENANCE = ("reported", "derived", "imputed", "carried")  # carried: from the previous period
STATUS = ("recognised", "not_recognised", "unknown")

# Columns of the period tables: required, then optional (a missing optional column is empty).
OBSERVATION_COLUMNS = ["indicator", "area", "value", "as_written", "section"]
OBSERVATION_OPTIONAL = ["qualifier", "provenance", "note"]
LIST_COLUMNS = ["list", "area", "item", "as_written"]
LIST_OPTIONAL = ["detail", "section", "note"]
COMMUNE_COLUMNS = ["code", "district_code", "name", "criteria_min", "criteria_max"]
COMMUNE_OPTIONAL = ["ntm_status", "advanced_status", "registered", "provenance", "note"]
DISTRICT_COLUMNS = ["code", "ntm_status"]
DISTRICT_OPTIONAL = ["ntm_plan_year", "plan_qualifier", "provenance", "note"]
DISTRICT_CRITERIA_COLUMNS = ["district_code", "criterion", "met"]
DISTRICT_CRITERIA_OPTIONAL = ["provenance", "note"]
# The tables a catalogue relation may recount (`table_count`, `table_average`).
TABLE_COLUMNS = {
    "communes": COMMUNE_COLUMNS + COMMUNE_OPTIONAL,
    "districts": DISTRICT_COLUMNS + DISTRICT_OPTIONAL,
    "district_criteria": DISTRICT_CRITERIA_COLUMNS + DISTRICT_CRITERIA_OPTIONAL,
}


@dataclass(frozen=True)
class Column:
    """Rules of one column: `pattern` (full match) or `allowed` values for text, `dtype`
    "int" or "float" for parsed numbers (float: finite), `unique` values."""

    pattern: str | None = None
    allowed: tuple[str, ...] | None = None
    dtype: str = "str"
    unique: bool = False
    expected: str | None = None

    def bad(self, values: pd.Series) -> pd.Series:
        """Mask of the values breaking the column's rules (uniqueness aside)."""
        if self.dtype == "float":
            numbers = pd.to_numeric(values, errors="coerce")
            return ~np.isfinite(numbers.to_numpy(dtype="float64"))
        if self.dtype == "int":
            if pd.api.types.is_integer_dtype(values):
                return pd.Series(False, index=values.index)
            return ~values.map(lambda v: isinstance(v, int | np.integer)).astype(bool)
        text = values.astype(str)
        if self.allowed is not None:
            return ~text.isin(self.allowed)
        if self.pattern is not None:
            return ~text.str.fullmatch(self.pattern.strip("^$"), flags=re.UNICODE).astype(bool)
        return pd.Series(False, index=values.index)

    def describe(self) -> str:
        """What the column holds, as a msgid (its `{allowed}` and `{pattern}` fields filled by
        the error's values)."""
        if self.expected:
            return self.expected
        if self.allowed is not None:
            return N_("một trong {allowed}")
        if self.dtype == "float":
            return N_("một số hữu hạn")
        if self.dtype == "int":
            return N_("một số nguyên")
        return N_("chữ khớp mẫu {pattern}")


@dataclass(frozen=True)
class RowRule:
    """A rule across columns: `holds(frame)` is True for the rows that satisfy it."""

    message: str
    columns: tuple[str, ...]
    holds: Callable[[pd.DataFrame], pd.Series]


@dataclass(frozen=True)
class TableSchema:
    name: str
    columns: dict[str, Column]
    unique: tuple[str, ...] = ()
    rules: tuple[RowRule, ...] = field(default_factory=tuple)


TEXT = Column()
SNAKE = Column(pattern=r"^[a-z][a-z0-9_]*$", expected=N_("một mã dạng snake_case"))
AREA = Column(pattern=CODE, expected=N_("một mã GSO từ 2 đến 5 chữ số"))
NONEMPTY = Column(pattern=r"^.+$", expected=N_("chữ, không để trống"))
PROVENANCE_COLUMN = Column(allowed=PROVENANCE)

OBSERVATIONS = TableSchema(
    "observations",
    {
        "indicator": SNAKE,
        "area": AREA,
        "value": Column(dtype="float"),
        "as_written": TEXT,
        "qualifier": Column(allowed=QUALIFIERS),
        "section": Column(pattern=SECTION, expected=N_("một mục như A.II.3")),
        "provenance": PROVENANCE_COLUMN,
        "note": TEXT,
    },
    unique=("indicator", "area"),
)

LISTS = TableSchema(
    "lists",
    {
        "list": SNAKE,
        "area": AREA,
        "item": Column(
            pattern=r"^([0-9]{2,5}|[CD][0-9]{2})$", expected=N_("một mã GSO hoặc một mã tiêu chí")
        ),
        "as_written": NONEMPTY,
        "detail": TEXT,
        "section": TEXT,
    },
    unique=("list", "area", "item", "detail"),
)

COMMUNES = TableSchema(
    "communes",
    {
        "code": Column(pattern=r"^[0-9]{5}$", unique=True, expected=N_("một mã GSO 5 chữ số")),
        "district_code": Column(
            pattern=r"^([0-9]{3})?$",
            expected=N_("một mã GSO 3 chữ số"),
        ),
        "name": NONEMPTY,
        "criteria_min": Column(dtype="int"),
        "criteria_max": Column(dtype="int"),
        "ntm_status": Column(allowed=STATUS),
        "advanced_status": Column(allowed=STATUS),
        "registered": Column(pattern=r"^([a-z][a-z0-9_]*)?$", expected=N_("để trống hoặc một mã")),
        "provenance": PROVENANCE_COLUMN,
        "note": TEXT,
    },
    rules=(
        RowRule(
            N_("criteria_min không được lớn hơn criteria_max"),
            ("criteria_min", "criteria_max"),
            lambda df: df["criteria_min"] <= df["criteria_max"],
        ),
    ),
)

DISTRICTS = TableSchema(
    "districts",
    {
        "code": Column(pattern=r"^[0-9]{3}$", unique=True, expected=N_("một mã GSO 3 chữ số")),
        "ntm_status": Column(allowed=("recognised", "not_recognised")),
        "ntm_plan_year": Column(pattern=r"^([0-9]{4})?$", expected=N_("để trống hoặc một năm")),
        "plan_qualifier": Column(allowed=("", "by", "before")),
        "provenance": PROVENANCE_COLUMN,
        "note": TEXT,
    },
)

DISTRICT_CRITERIA = TableSchema(
    "district_criteria",
    {
        "district_code": Column(pattern=r"^[0-9]{3}$", expected=N_("một mã GSO 3 chữ số")),
        "criterion": Column(pattern=r"^D[0-9]{2}$", expected=N_("một mã tiêu chí huyện như D01")),
        "met": Column(allowed=("yes", "no", "unknown")),
        "provenance": PROVENANCE_COLUMN,
        "note": TEXT,
    },
    unique=("district_code", "criterion"),
)


def _lines(frame: pd.DataFrame, mask: pd.Series) -> list[int | None]:
    if LINE not in frame:
        return [None] * int(mask.sum())
    return [int(line) for line in frame.loc[mask, LINE]]


def _kept(mask: pd.Series, errors: Problems) -> pd.Series:
    """The first ERRORS_KEPT rows of `mask` (the rest only counted in `errors.total`)."""
    mask = mask.astype(bool)
    kept = mask & (mask.cumsum() <= ERRORS_KEPT)
    errors.total += int(mask.sum() - kept.sum())
    return kept


def _column_errors(schema: TableSchema, frame: pd.DataFrame, path: Path) -> Problems:
    errors = Problems()
    for name, column in schema.columns.items():
        if name not in frame:
            errors.append(InputError(N_("thiếu cột {name!r}"), path=path, row=1, name=name))
            continue
        bad = _kept(pd.Series(column.bad(frame[name]), index=frame.index), errors)
        for value, line in zip(frame.loc[bad, name], _lines(frame, bad), strict=True):
            errors.append(
                InputError(
                    N_("giá trị {value!r} không được phép"),
                    path=path,
                    row=line,
                    column=name,
                    expected=column.describe(),
                    value=value,
                    allowed=list(column.allowed or ()),
                    pattern=column.pattern,
                )
            )
        if column.unique:
            errors += _duplicates(frame, [name], path)
    return errors


def _duplicates(frame: pd.DataFrame, key: list[str], path: Path) -> Problems:
    found = Problems()
    dup = _kept(frame.duplicated(subset=key, keep="first"), found)
    values = frame.loc[dup, key].itertuples(index=False, name=None)
    found.extend(
        InputError(
            N_("khóa bị trùng {value!r}"),
            path=path,
            row=line,
            column=key[0] if len(key) == 1 else None,
            expected=N_("mỗi khóa một lần") if len(key) == 1 else N_("mỗi bộ ({key}) một lần"),
            value=value[0] if len(key) == 1 else value,
            key=", ".join(key),
        )
        for value, line in zip(values, _lines(frame, dup), strict=True)
    )
    return found


def validate_frame(schema: TableSchema, frame: pd.DataFrame, path: Path) -> pd.DataFrame:
    """Check `frame` against `schema`; every failure (cell, duplicate key, row rule) becomes
    one InputError of an InputErrors raised at the end. Returns the frame unchanged."""
    errors = _column_errors(schema, frame, path)
    if schema.unique and all(c in frame for c in schema.unique):
        errors += _duplicates(frame, list(schema.unique), path)
    if not errors:  # row rules compare parsed columns: only meaningful once those are valid
        for rule in schema.rules:
            broken = _kept(~rule.holds(frame).astype(bool), errors)
            errors += [
                InputError(rule.message, path=path, row=line, column=rule.columns[0])
                for line in _lines(frame, broken)
            ]
    if errors:
        raise InputErrors(errors)
    return frame


# The schema of each table a catalogue relation may recount.
TABLE_SCHEMAS = {
    "communes": COMMUNES,
    "districts": DISTRICTS,
    "district_criteria": DISTRICT_CRITERIA,
}
