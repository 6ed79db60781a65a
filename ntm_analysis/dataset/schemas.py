"""pandera schemas of the period tables, and conversion of their failures to InputErrors."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from ntm_analysis.dataset.files import LINE
from ntm_analysis.errors import InputError, InputErrors

CODE = r"^\d{2,5}$"
QUALIFIERS = ["", "over", "more_than", "about", "under", "before"]
PROVENANCE = ["reported", "derived", "imputed"]
STATUS = ["recognised", "not_recognised", "unknown"]
REGISTRATION = ["", "ntm", "ntm_stretch", "advanced", "advanced_stretch"]


def _text(*checks: pa.Check, **kwargs) -> pa.Column:
    return pa.Column(str, list(checks) or None, **kwargs)


OBSERVATIONS = pa.DataFrameSchema(
    {
        "indicator": _text(pa.Check.str_matches(r"^[a-z][a-z0-9_]*$")),
        "area": _text(pa.Check.str_matches(CODE)),
        "value": pa.Column(float, pa.Check(lambda s: s.notna() & (s.abs() != float("inf")))),
        "as_written": _text(),
        "qualifier": _text(pa.Check.isin(QUALIFIERS)),
        "section": _text(pa.Check.str_matches(r"^[A-C](\.[IVX]+)?(\.\d+)*$")),
        "provenance": _text(pa.Check.isin(PROVENANCE)),
        "note": _text(),
        LINE: pa.Column(int),
    },
    unique=["indicator", "area"],
    strict=False,
    name="observations",
)

LISTS = pa.DataFrameSchema(
    {
        "list": _text(pa.Check.str_matches(r"^[a-z][a-z0-9_]*$")),
        "area": _text(pa.Check.str_matches(CODE)),
        "item": _text(pa.Check.str_matches(r"^(\d{2,5}|[CD]\d{2})$")),
        "as_written": _text(pa.Check.str_length(min_value=1)),
        "detail": _text(),
        "section": _text(),
        LINE: pa.Column(int),
    },
    unique=["list", "area", "item", "detail"],
    strict=False,
    name="lists",
)

COMMUNES = pa.DataFrameSchema(
    {
        "code": _text(pa.Check.str_matches(r"^\d{5}$"), unique=True),
        "district_code": _text(pa.Check.str_matches(r"^\d{3}$")),
        "name": _text(pa.Check.str_length(min_value=1)),
        "criteria_min": pa.Column(int),
        "criteria_max": pa.Column(int),
        "ntm_status": _text(pa.Check.isin(STATUS)),
        "advanced_status": _text(pa.Check.isin(STATUS)),
        "registered": _text(pa.Check.isin(REGISTRATION)),
        "provenance": _text(pa.Check.isin(PROVENANCE)),
        "note": _text(),
        LINE: pa.Column(int),
    },
    checks=[
        pa.Check(
            lambda df: df["criteria_min"] <= df["criteria_max"],
            error="criteria_min must not exceed criteria_max",
        )
    ],
    strict=False,
    name="communes",
)

DISTRICTS = pa.DataFrameSchema(
    {
        "code": _text(pa.Check.str_matches(r"^\d{3}$"), unique=True),
        "ntm_status": _text(pa.Check.isin(["recognised", "not_recognised"])),
        "ntm_plan_year": _text(pa.Check.str_matches(r"^(\d{4})?$")),
        "plan_qualifier": _text(pa.Check.isin(["", "by", "before"])),
        "provenance": _text(pa.Check.isin(PROVENANCE)),
        "note": _text(),
        LINE: pa.Column(int),
    },
    strict=False,
    name="districts",
)

DISTRICT_CRITERIA = pa.DataFrameSchema(
    {
        "district_code": _text(pa.Check.str_matches(r"^\d{3}$")),
        "criterion": _text(pa.Check.str_matches(r"^D\d{2}$")),
        "met": _text(pa.Check.isin(["yes", "no", "unknown"])),
        "provenance": _text(pa.Check.isin(PROVENANCE)),
        "note": _text(),
        LINE: pa.Column(int),
    },
    unique=["district_code", "criterion"],
    strict=False,
    name="district_criteria",
)


def validate_frame(schema: pa.DataFrameSchema, frame: pd.DataFrame, path: Path) -> pd.DataFrame:
    """Validate with pandera (all failures at once); failures become one InputErrors."""
    try:
        return schema.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as exc:
        raise InputErrors(_failures_to_errors(exc.failure_cases, frame, path)) from None


def _failures_to_errors(cases: pd.DataFrame, frame: pd.DataFrame, path: Path) -> list[InputError]:
    errors: list[InputError] = []
    for case in cases.itertuples(index=False):
        column = case.column if isinstance(case.column, str) else None
        index = case.index
        row = None
        if index is not None and not pd.isna(index) and index in frame.index and LINE in frame:
            row = int(frame.at[index, LINE])
        check = str(case.check)
        value = case.failure_case
        if check == "field_uniqueness" or "unique" in check.lower():
            message = f"duplicate key {value!r}"
            expected = "each key once"
        elif check == "column_in_dataframe":
            message = f"missing column {value!r}"
            expected = None
        else:
            message = f"value {value!r} fails check {check}"
            expected = None
        errors.append(InputError(message, path=path, row=row, column=column, expected=expected))
    return errors or [InputError("table failed validation", path=path)]
