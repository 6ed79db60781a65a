"""The period's tables (`indicators.csv`, `communes.csv`, `districts.csv`,
`district_criteria.csv`): read, parsed and checked against the reference units. `lists.csv` is
read by `lists_table.py`."""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any

import pandas as pd

from ntm_analysis.dataset import schemas
from ntm_analysis.dataset.catalogue import Catalogue
from ntm_analysis.dataset.files import LINE, read_csv_text
from ntm_analysis.dataset.limits import ERRORS_KEPT, ERRORS_SHOWN, Problems
from ntm_analysis.dataset.matching import LooseMatch, check_unit_name
from ntm_analysis.dataset.reference import CriteriaSet
from ntm_analysis.dataset.schemas import (
    COMMUNE_COLUMNS,
    COMMUNE_OPTIONAL,
    DISTRICT_COLUMNS,
    DISTRICT_CRITERIA_COLUMNS,
    DISTRICT_CRITERIA_OPTIONAL,
    DISTRICT_OPTIONAL,
    OBSERVATION_COLUMNS,
    OBSERVATION_OPTIONAL,
)
from ntm_analysis.errors import InputError, InputErrors, Message
from ntm_analysis.i18n import N_
from ntm_analysis.text.names import NameMatcher
from ntm_analysis.text.numbers import (
    BEYOND,
    VietnameseNumberError,
    parse_machine_number,
    parse_whole_number,
)


def _nearest(word: str, options: list[str], n: int = 3) -> Message | str:
    close = difflib.get_close_matches(word, options, n=n, cutoff=0.5)
    return Message(N_("; gần nhất: {names}"), names=", ".join(close)) if close else ""


def _unknown_codes(
    frame: pd.DataFrame,
    column: str,
    known: set[str],
    path: Path,
    message: str,
    expected: str,
    suggest: list[str] | None = None,
) -> Problems:
    """One InputError per row whose `column` holds a code outside `known` (with the nearest
    known codes when `suggest` lists them, for the first ERRORS_SHOWN rows: the ones shown).
    `message` is a msgid with the fields `{code}` and `{nearest}`; `expected` may use
    `{known}`."""
    bad = frame.loc[~frame[column].isin(known), [column, LINE]]
    errors = Problems()
    errors.total = len(bad) - min(len(bad), ERRORS_KEPT)  # those past ERRORS_KEPT: counted
    errors += [
        InputError(
            message,
            path=path,
            row=int(line),
            column=column,
            expected=expected,
            code=code,
            nearest=_nearest(code, suggest) if suggest and i < ERRORS_SHOWN else "",
            known=sorted(known),
        )
        for i, (code, line) in enumerate(
            zip(bad[column][:ERRORS_KEPT], bad[LINE][:ERRORS_KEPT], strict=True)
        )
    ]
    return errors


def _parse_values(frame: pd.DataFrame, path: Path) -> pd.DataFrame:
    """`value` column to float; every unparsable cell is reported with its line.

    Only machine numbers are read (`parse_machine_number`): `1_9`, non-ASCII digits, NaN,
    inf and magnitudes from 10^15 are refused, not reinterpreted.
    """
    errors = Problems()
    values: list[float] = []
    for text, line in zip(frame["value"], frame[LINE], strict=True):
        try:
            values.append(parse_machine_number(text))
        except VietnameseNumberError as exc:
            grouped = "," in text or text.count(".") > 1
            beyond = exc.msgid == BEYOND
            errors.append(
                InputError(
                    BEYOND
                    if beyond
                    else N_(
                        "{text!r} không phải là số (ghi số dạng máy: dấu '.' ngăn phần thập phân, "
                        "không nhóm hàng nghìn; số in trong báo cáo ghi vào cột as_written)"
                    )
                    if grouped
                    else N_("{text!r} không phải là số"),
                    path=path,
                    row=int(line),
                    column="value",
                    expected=N_(
                        "một số hữu hạn như 5214624.5 (chữ số ASCII, dấu '.' ngăn phần thập phân)"
                    ),
                    text=text,
                )
            )
            values.append(float("nan"))
    if errors:
        raise InputErrors(errors)
    out = frame.copy()
    out["value"] = pd.array(values, dtype="float64")
    return out


def _int_columns(frame: pd.DataFrame, columns: list[str], path: Path) -> pd.DataFrame:
    errors = Problems()
    out = frame.copy()
    for column in columns:
        parsed = []
        for text, line in zip(frame[column], frame[LINE], strict=True):
            try:
                parsed.append(parse_whole_number(text))
            except VietnameseNumberError as exc:
                errors.append(
                    InputError(
                        exc,
                        path=path,
                        row=int(line),
                        column=column,
                        expected=N_("một số nguyên viết bằng các chữ số 0-9"),
                    )
                )
                parsed.append(0)
        out[column] = pd.array(parsed, dtype="int64")
    if errors:
        raise InputErrors(errors)
    return out


def load_observations(
    path: Path, catalogue: Catalogue, known_areas: set[str], required: bool = True
) -> pd.DataFrame:
    if not path.is_file() and not required:
        return empty_table(OBSERVATION_COLUMNS + OBSERVATION_OPTIONAL)
    frame = read_csv_text(path, OBSERVATION_COLUMNS, OBSERVATION_OPTIONAL)
    frame["provenance"] = frame["provenance"].replace("", "reported")
    frame = _parse_values(frame, path)
    frame = schemas.validate_frame(schemas.OBSERVATIONS, frame, path)
    errors = _unknown_codes(
        frame,
        "indicator",
        set(catalogue.indicators),
        path,
        N_("không có chỉ tiêu mã {code!r}{nearest}"),
        N_("một mã trong data/reference/indicators.yml"),
        suggest=sorted(catalogue.indicators),
    ) + _unknown_codes(
        frame,
        "area",
        known_areas,
        path,
        N_("không có địa bàn mã {code!r}{nearest}"),
        N_("một mã GSO trong data/reference/admin_units.csv"),
    )
    if errors:
        raise InputErrors(errors)
    return frame.reset_index(drop=True)


def empty_table(columns: list[str]) -> pd.DataFrame:
    frame = pd.DataFrame({c: pd.Series(dtype=object) for c in columns})
    frame[LINE] = pd.Series(dtype="int64")
    return frame


def _commune_problems(
    row: Any,
    district: str,
    name_problem: InputError | None,
    registration: frozenset[str],
    criteria: CriteriaSet,
    path: Path,
) -> list[InputError]:
    """A commune row's problems, in column order: its district (the GSO list's is
    `district`), its name, its registration, its criteria within the set."""
    line, top = getattr(row, LINE), criteria.commune_count
    out = []
    if district != row.district_code:
        out.append(
            InputError(
                N_("xã có mã {code} thuộc huyện có mã {actual}, không phải {district}"),
                path=path,
                row=line,
                column="district_code",
                code=row.code,
                actual=district or "(none)",
                district=row.district_code,
            )
        )
    if name_problem:
        out.append(name_problem)
    if row.registered and row.registered not in registration:
        out.append(
            InputError(
                N_("giá trị đăng ký {registered!r} chưa được khai báo"),
                path=path,
                row=line,
                column="registered",
                expected=N_(
                    "để trống hoặc một trong {registration} (mục registration: của indicators.yml)"
                ),
                registered=row.registered,
                registration=sorted(registration),
            )
        )
    for column in ("criteria_min", "criteria_max"):
        value = getattr(row, column)
        if not 0 <= value <= top:
            out.append(
                InputError(
                    N_("{value} tiêu chí nằm ngoài khoảng cho phép"),
                    path=path,
                    row=line,
                    column=column,
                    expected=N_("từ 0 đến {top} (bộ tiêu chí {criteria})"),
                    value=value,
                    top=top,
                    criteria=criteria.id,
                )
            )
    return out


def load_communes(
    path: Path,
    units: pd.DataFrame,
    criteria: CriteriaSet,
    matcher: NameMatcher,
    loose: list[LooseMatch],
    registration: frozenset[str] = frozenset(),
) -> pd.DataFrame:
    """`communes.csv`: one row per xã of the GSO list, names that match their codes, criteria
    within the set, `registered` one of the catalogue's `registration:` values or empty."""
    if not path.is_file():
        return empty_table(COMMUNE_COLUMNS + COMMUNE_OPTIONAL)
    frame = read_csv_text(path, COMMUNE_COLUMNS, COMMUNE_OPTIONAL)
    for column, default in (
        ("ntm_status", "unknown"),
        ("advanced_status", "unknown"),
        ("provenance", "reported"),
    ):
        frame[column] = frame[column].replace("", default)
    frame = _int_columns(frame, ["criteria_min", "criteria_max"], path)
    frame = schemas.validate_frame(schemas.COMMUNES, frame, path)
    xa_units = units[units["unit_type"] == "xa"]
    xa = dict(zip(xa_units["unit_code"], xa_units["district_code"], strict=True))
    errors = Problems()
    for i, row in enumerate(frame.itertuples(index=False)):
        if errors.stop_at(i, len(frame)):
            break
        line = getattr(row, LINE)
        if row.code not in xa:
            errors.append(
                InputError(
                    N_("{code!r} không phải là mã một xã trong danh mục GSO"),
                    path=path,
                    row=line,
                    column="code",
                    expected=N_("mã một xã trong data/reference/admin_units.csv"),
                    code=row.code,
                )
            )
            continue
        problem = check_unit_name(
            matcher, row.name, row.code, row.district_code, (path, line, "name"), loose
        )
        errors += _commune_problems(row, xa[row.code], problem, registration, criteria, path)
    missing = sorted(set(xa) - set(frame["code"]))
    if missing:
        errors.append(
            InputError(
                N_("{count} xã trong danh mục GSO không có dòng nào: {missing}"),
                path=path,
                expected=N_("mỗi xã một dòng"),
                count=len(missing),
                missing=missing[:10],
            )
        )
    if errors:
        raise InputErrors(errors)
    return frame.reset_index(drop=True)


def load_districts(path: Path, units: pd.DataFrame) -> pd.DataFrame:
    if not path.is_file():
        return empty_table(DISTRICT_COLUMNS + DISTRICT_OPTIONAL)
    frame = read_csv_text(path, DISTRICT_COLUMNS, DISTRICT_OPTIONAL)
    frame["provenance"] = frame["provenance"].replace("", "reported")
    frame = schemas.validate_frame(schemas.DISTRICTS, frame, path)
    known = set(units["district_code"]) - {""}
    errors = _unknown_codes(
        frame,
        "code",
        known,
        path,
        N_("không có huyện mã {code!r}{nearest}"),
        N_("một trong {known}"),
    )
    missing = sorted(known - set(frame["code"]))
    if missing:
        errors.append(
            InputError(N_("các huyện không có dòng nào: {missing}"), path=path, missing=missing)
        )
    if errors:
        raise InputErrors(errors)
    return frame.reset_index(drop=True)


def load_district_criteria(path: Path, units: pd.DataFrame, criteria: CriteriaSet) -> pd.DataFrame:
    if not path.is_file():
        return empty_table(DISTRICT_CRITERIA_COLUMNS + DISTRICT_CRITERIA_OPTIONAL)
    frame = read_csv_text(path, DISTRICT_CRITERIA_COLUMNS, DISTRICT_CRITERIA_OPTIONAL)
    frame["provenance"] = frame["provenance"].replace("", "reported")
    frame = schemas.validate_frame(schemas.DISTRICT_CRITERIA, frame, path)
    known = set(units["district_code"]) - {""}
    ids = {c.id for c in criteria.district}
    errors = _unknown_codes(
        frame,
        "district_code",
        known,
        path,
        N_("không có huyện mã {code!r}{nearest}"),
        N_("một trong {known}"),
    ) + _unknown_codes(
        frame,
        "criterion",
        ids,
        path,
        N_("không có tiêu chí huyện {code!r}{nearest}"),
        N_("một trong {known}"),
    )
    if errors:
        raise InputErrors(errors)
    return frame.reset_index(drop=True)
