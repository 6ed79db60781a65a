"""Column rules of the data tables: every failing cell is named with its line and column."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from ntm_analysis.dataset import schemas
from ntm_analysis.dataset.files import LINE
from ntm_analysis.errors import InputErrors

P = Path("communes.csv")


def _communes(**changes) -> pd.DataFrame:
    row = {
        "code": "29431",
        "district_code": "848",
        "name": "Vĩnh Kim",
        "criteria_min": 19,
        "criteria_max": 19,
        "ntm_status": "recognised",
        "advanced_status": "unknown",
        "registered": "",
        "provenance": "reported",
        "note": "",
    }
    frame = pd.DataFrame([row, {**row, "code": "29422"}])
    for key, value in changes.items():
        frame.loc[1, key] = value
    frame[LINE] = [2, 3]
    return frame


def test_valid_table_is_returned_unchanged():
    frame = _communes()
    assert schemas.validate_frame(schemas.COMMUNES, frame, P) is frame


@pytest.mark.parametrize(
    ("column", "value", "expected"),
    [
        ("code", "2943", "a 5-digit GSO code"),
        ("district_code", "84", "a 3-digit GSO code"),
        ("name", "", "a non-empty text"),
        ("ntm_status", "yes", "one of ['recognised', 'not_recognised', 'unknown']"),
        ("registered", "NTM 2", "empty or a code"),
        ("provenance", "guess", "one of ['reported', 'derived', 'imputed', 'carried']"),
    ],
)
def test_each_bad_cell_names_line_and_column(column, value, expected):
    with pytest.raises(InputErrors) as info:
        schemas.validate_frame(schemas.COMMUNES, _communes(**{column: value}), P)
    (error,) = info.value.errors
    assert (error.row, error.column) == (3, column)
    assert error.render("en").endswith(f"(expected {expected})")
    assert repr(value) in error.detail


def test_duplicates_and_row_rules():
    with pytest.raises(InputErrors) as info:
        schemas.validate_frame(schemas.COMMUNES, _communes(code="29431"), P)
    assert "duplicate key '29431'" in info.value.render("en") and info.value.errors[0].row == 3
    with pytest.raises(InputErrors) as caught:
        schemas.validate_frame(schemas.COMMUNES, _communes(criteria_min=19, criteria_max=5), P)
    assert re.search("criteria_min must not exceed criteria_max", caught.value.render("en"))


def test_composite_key_and_non_finite_values():
    frame = pd.DataFrame(
        {
            "indicator": ["a", "a", "b"],
            "area": ["84", "84", "84"],
            "value": [1.0, 2.0, float("inf")],
            "as_written": ["1", "2", "x"],
            "qualifier": ["", "", ""],
            "section": ["A.II.1", "A.II.1", "A.II.1"],
            "provenance": ["reported"] * 3,
            "note": [""] * 3,
            LINE: [2, 3, 4],
        }
    )
    with pytest.raises(InputErrors) as info:
        schemas.validate_frame(schemas.OBSERVATIONS, frame, Path("indicators.csv"))
    found = {(e.row, e.column) for e in info.value.errors}
    assert found == {(4, "value"), (3, None)}
    assert "each (indicator, area) once" in info.value.render("en")


def test_missing_column():
    with pytest.raises(InputErrors) as caught:
        schemas.validate_frame(
            schemas.DISTRICT_CRITERIA,
            pd.DataFrame({"district_code": ["842"], "criterion": ["D01"]}),
            Path("district_criteria.csv"),
        )
    assert re.search("missing column 'met'", caught.value.render("en"))
