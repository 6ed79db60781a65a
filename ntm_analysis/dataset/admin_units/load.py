"""Loading one dated version of the administrative units, whole country or one province."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from ntm_analysis.dataset.admin_units.versions import FOLDER, index_path, load_versions
from ntm_analysis.dataset.files import read_csv_frame
from ntm_analysis.errors import InputError
from ntm_analysis.i18n import N_

COLUMNS = [
    "province_code",
    "province_name",
    "province_type",
    "district_code",
    "district_name",
    "district_type",
    "unit_code",
    "unit_name",
    "unit_type",
    "lat",
    "lon",
]
PROVINCE_TYPES = ("tinh", "thanh_pho")
DISTRICT_TYPES = ("huyen", "thi_xa", "thanh_pho", "quan")
UNIT_TYPES = ("xa", "phuong", "thi_tran", "dac_khu")
# column -> (regular expression a value must match, what is expected: a msgid whose `{allowed}`
# is the column's list of values)
PATTERNS = {
    "province_code": (r"[0-9]{2}", N_("một mã GSO 2 chữ số")),
    "unit_code": (r"[0-9]{5}", N_("một mã GSO 5 chữ số")),
    "unit_name": (r".+", N_("một tên, không để trống")),
    "province_name": (r".+", N_("một tên, không để trống")),
    "province_type": (f"({'|'.join(PROVINCE_TYPES)})?", N_("một trong {allowed} hoặc để trống")),
    "unit_type": ("|".join(UNIT_TYPES), N_("một trong {allowed}")),
    "lat": (r"(-?[0-9]+(\.[0-9]+)?)?", N_("một vĩ độ dạng số thập phân hoặc để trống")),
    "lon": (r"(-?[0-9]+(\.[0-9]+)?)?", N_("một kinh độ dạng số thập phân hoặc để trống")),
}
THREE_LEVEL = {
    "district_code": (r"[0-9]{3}", N_("một mã GSO 3 chữ số")),
    "district_name": (r".+", N_("một tên, không để trống")),
    "district_type": ("|".join(DISTRICT_TYPES), N_("một trong {allowed}")),
}
_NO_DISTRICT = N_("để trống: phiên bản này không có cấp huyện")
TWO_LEVEL = {
    "district_code": ("", _NO_DISTRICT),
    "district_name": ("", _NO_DISTRICT),
    "district_type": ("", _NO_DISTRICT),
}
_ALLOWED = {
    "province_type": list(PROVINCE_TYPES),
    "unit_type": list(UNIT_TYPES),
    "district_type": list(DISTRICT_TYPES),
}
FIRST_DATA_LINE = 2  # the header is line 1
NATIONAL_CODE = "00"  # a period covering every province
SINGLE_FILE = "admin_units.csv"  # a reference folder's units when it declares no versions

_CACHE: dict[tuple[str, float, str], pd.DataFrame] = {}


def _read(path: Path, three_level: bool, optional: tuple[str, ...] = ()) -> pd.DataFrame:
    """The file as validated strings, cached by path, modification time and structure.

    `optional` columns are added empty when the file lacks them.
    """
    if not path.is_file():
        raise InputError(N_("không tìm thấy tệp"), path=path)
    cache_key = (str(path.resolve()), path.stat().st_mtime, three_level)
    if cache_key not in _CACHE:
        frame = read_csv_frame(path)  # within the size, column and row limits
        for column in optional:
            if column not in frame.columns:
                frame[column] = ""
        _CACHE[cache_key] = check_units(frame, three_level, path)
    return _CACHE[cache_key]


def check_units(frame: pd.DataFrame, three_level: bool, path: Path) -> pd.DataFrame:
    """Validate a units table; the first bad value raises InputError naming row and column."""
    missing = [c for c in COLUMNS if c not in frame.columns]
    if missing:
        raise InputError(N_("thiếu cột {missing}"), path=path, row=1, missing=missing)
    rules = dict(PATTERNS, **(THREE_LEVEL if three_level else TWO_LEVEL))
    for column, (pattern, expected) in rules.items():
        rule = re.compile(pattern)
        wrong = [v for v in pd.unique(frame[column]) if not rule.fullmatch(v)]
        if wrong:
            index = int(frame[column].isin(wrong).to_numpy().nonzero()[0][0])
            raise InputError(
                N_("{value!r} không hợp lệ"),
                path=path,
                row=index + FIRST_DATA_LINE,
                column=column,
                expected=expected,
                allowed=_ALLOWED.get(column, []),
                value=frame[column].iloc[index],
            )
    duplicated = frame["unit_code"].duplicated()
    if duplicated.any():
        index = int(duplicated.to_numpy().nonzero()[0][0])
        raise InputError(
            N_("mã đơn vị {code} xuất hiện hai lần"),
            path=path,
            row=index + FIRST_DATA_LINE,
            column="unit_code",
            code=frame["unit_code"].iloc[index],
        )
    return frame


def load_units(
    reference_dir: Path, version: str | None = None, province: str | None = None
) -> pd.DataFrame:
    """The commune-level units of a version (the default version when None), as strings.

    `province` keeps one province's units (a code such as "84"); the national code "00" or
    None keeps the whole country. A reference folder without admin_units/versions.yml has
    one list of units, admin_units.csv (three levels, no coordinates), read when `version`
    is None. Columns: COLUMNS (district columns empty in a two-level
    version; lat/lon empty where the source has no coordinates).
    """
    reference_dir = Path(reference_dir)
    if version is None and not index_path(reference_dir).is_file():
        # A data folder without versions: its single list of units (admin_units.csv).
        path, name = reference_dir / SINGLE_FILE, SINGLE_FILE
        whole = _read(path, True, optional=("province_type", "lat", "lon"))
    else:
        declared = load_versions(reference_dir).get(version, path=index_path(reference_dir))
        path, name = reference_dir / FOLDER / declared.file, declared.id
        whole = _read(path, declared.has_districts)
    frame = whole
    if province not in (None, "", NATIONAL_CODE):
        frame = whole[whole["province_code"] == str(province)]
        if frame.empty:
            known = sorted(whole["province_code"].unique())
            raise InputError(
                N_("phiên bản đơn vị {name} không có tỉnh mã {province!r}"),
                path=path,
                column="province_code",
                expected=N_("một trong {known}"),
                province=province,
                name=name,
                known=known,
            )
    return frame.reset_index(drop=True).copy()


def coordinates(units: pd.DataFrame) -> pd.DataFrame:
    """lat/lon as floats (NaN where missing), indexed by unit code."""
    out = units.set_index("unit_code")[["lat", "lon"]].replace("", None)
    return out.astype(float)
