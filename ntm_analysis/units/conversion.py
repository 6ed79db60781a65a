"""Converting units of one version to a later one (e.g. a 2021 commune to its unit of today)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pandas as pd

from ntm_analysis.dataset.admin_units.load import FIRST_DATA_LINE, load_units
from ntm_analysis.dataset.admin_units.versions import FOLDER, load_versions
from ntm_analysis.dataset.files import read_csv_frame
from ntm_analysis.errors import InputError
from ntm_analysis.i18n import N_, t
from ntm_analysis.units.words import UNKNOWN_UNIT, unit_label

CONVERSION_COLUMNS = ["from_code", "to_code", "to_province", "relation", "via", "main", "source"]
RELATIONS = ("same", "renamed", "merged", "split", "upgraded", "unresolved")

# One row per (unit, unit it became); the columns `convert` returns.
CONVERTED_COLUMNS = [
    "code",
    "name",
    "type",
    "province",
    "district",
    "to_code",
    "to_name",
    "to_type",
    "to_province",
    "to_province_name",
    "to_province_type",
    "relation",
    "via",
    "main",
]

_CACHE: dict[tuple[str, float], pd.DataFrame] = {}


def load_conversion(reference_dir: Path, from_version: str, to_version: str) -> pd.DataFrame:
    """The conversion table between two versions declared in versions.yml, validated."""
    reference_dir = Path(reference_dir)
    index = load_versions(reference_dir)
    declared = index.conversion(
        from_version, to_version, path=reference_dir / FOLDER / "versions.yml"
    )
    path = reference_dir / FOLDER / declared.file
    if not path.is_file():
        raise InputError(N_("không tìm thấy tệp"), path=path)
    cache_key = (str(path.resolve()), path.stat().st_mtime)
    if cache_key in _CACHE:
        return _CACHE[cache_key].copy()
    frame = read_csv_frame(path)  # within the size, column and row limits
    missing = [c for c in CONVERSION_COLUMNS if c not in frame.columns]
    if missing:
        raise InputError(N_("thiếu cột {missing}"), path=path, row=1, missing=missing)
    checks = {
        "relation": (~frame["relation"].isin(RELATIONS), N_("một trong {allowed}")),
        "source": (~frame["source"].isin(list(declared.sources)), N_("một trong {sources}")),
        "to_code": (
            (frame["to_code"] == "") != (frame["relation"] == "unresolved"),
            N_("một mã đơn vị, chỉ để trống khi quan hệ là unresolved"),
        ),
    }
    for column, (bad, expected) in checks.items():
        if bad.any():
            index_ = int(bad.to_numpy().nonzero()[0][0])
            raise InputError(
                N_("{value!r} không hợp lệ"),
                path=path,
                row=index_ + FIRST_DATA_LINE,
                column=column,
                expected=expected,
                value=frame[column].iloc[index_],
                allowed=list(RELATIONS),
                sources=list(declared.sources),
            )
    _CACHE[cache_key] = frame
    return frame.copy()


def convert(
    reference_dir: Path,
    codes: Iterable[str],
    from_version: str,
    to_version: str,
) -> pd.DataFrame:
    """Each unit code of `from_version` with the unit(s) of `to_version` it became.

    One row per (unit, unit it became), in the order of `codes` (a split unit gives several
    rows, its main successor first); CONVERTED_COLUMNS. An unresolved unit keeps one row with
    empty to_code/to_name and the province it went to. A code that is not a unit of
    `from_version` raises InputError.
    """
    codes = [str(c) for c in codes]
    old = load_units(reference_dir, from_version)
    unknown = sorted(set(codes) - set(old["unit_code"]))
    if unknown:
        raise InputError(
            N_("mã {unknown} không phải là đơn vị của phiên bản {version}"),
            expected=N_("mã các đơn vị của kỳ báo cáo"),
            unknown=unknown[:5],
            version=from_version,
        )
    new = load_units(reference_dir, to_version)
    table = load_conversion(reference_dir, from_version, to_version)
    order = pd.DataFrame({"from_code": codes, "_order": range(len(codes))})
    table = order.merge(table, on="from_code", how="inner")
    table = table.sort_values(["_order", "main"], ascending=[True, False], kind="stable")
    old = old[["unit_code", "unit_name", "unit_type", "province_code", "district_code"]]
    old.columns = ["from_code", "name", "type", "province", "district"]
    targets = new[["unit_code", "unit_name", "unit_type"]]
    targets.columns = ["to_code", "to_name", "to_type"]
    provinces = new.drop_duplicates("province_code")[
        ["province_code", "province_name", "province_type"]
    ]
    provinces.columns = ["to_province", "to_province_name", "to_province_type"]
    out = (
        table.merge(old, on="from_code", how="left")
        .merge(targets, on="to_code", how="left")
        .merge(provinces, on="to_province", how="left")
        .rename(columns={"from_code": "code"})
    )
    out = out.fillna(
        {c: "" for c in ("to_name", "to_type", "to_province_name", "to_province_type")}
    )
    out["main"] = out["main"] == "yes"
    return out[CONVERTED_COLUMNS].reset_index(drop=True)


def period_version(data: Any) -> str | None:
    """The units version a loaded period names (`admin_units` in period.yml), else None."""
    meta = getattr(data, "meta", None)
    if isinstance(meta, dict):
        return meta.get("admin_units")
    return getattr(meta, "admin_units", None)


def _codes_of(data_or_codes: Any) -> tuple[list[str], Path | None, str | None]:
    """(codes, data folder, version) of a PeriodData, a table or a list of codes."""
    if hasattr(data_or_codes, "communes") and hasattr(data_or_codes, "data_dir"):
        data = data_or_codes
        return list(data.communes["code"]), Path(data.data_dir), period_version(data)
    if isinstance(data_or_codes, pd.DataFrame):
        column = "code" if "code" in data_or_codes.columns else "unit_code"
        return list(data_or_codes[column].astype(str)), None, None
    return [str(c) for c in data_or_codes], None, None


def current_units(
    data_or_codes: Any,
    to_version: str,
    reference_dir: Path | None = None,
    from_version: str | None = None,
    lang: str = "vi",
) -> pd.DataFrame:
    """One row per unit: the unit(s) it became in `to_version`, ready for a table column.

    `data_or_codes` is a PeriodData (its communes; its data folder and units version), a table
    with a `code` or `unit_code` column, or unit codes. Columns: code, current (names in words,
    e.g. "Phường 4, tỉnh Vĩnh Long"; several joined with "; "), current_codes (list),
    current_province, relation.
    """
    codes, data_dir, version = _codes_of(data_or_codes)
    if reference_dir is None:
        if data_dir is None:
            raise ValueError("reference_dir is needed when data_or_codes is not a PeriodData")
        reference_dir = data_dir / "reference"
    from_version = from_version or version or load_versions(reference_dir).default
    converted = convert(reference_dir, codes, from_version, to_version)
    rows = []
    for code, group in converted.groupby("code", sort=False):
        rows.append(
            {
                "code": code,
                "current": "; ".join(describe(r, lang) for r in group.itertuples()),
                "current_codes": [c for c in group["to_code"] if c],
                "current_province": group["to_province"].iloc[0],
                "relation": group["relation"].iloc[0],
            }
        )
    columns = ["code", "current", "current_codes", "current_province", "relation"]
    return pd.DataFrame(rows, columns=columns)


def describe(row: Any, lang: str = "vi") -> str:
    """A converted row in words: "Phường 4, tỉnh Vĩnh Long"."""
    unit = unit_label(row.to_name, row.to_type, lang) if row.to_code else t(lang, UNKNOWN_UNIT)
    province = unit_label(row.to_province_name, row.to_province_type, lang)
    return f"{unit}, {province}" if province else unit
