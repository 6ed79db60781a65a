"""Build admin_units.csv from a GSO list of administrative units (danh mục hành chính).

Usage: .venv/bin/python data/reference/build_admin_units.py GSO_CSV [OUT_CSV]

Run once by hand; the project reads only the output. Prints the input's sha256 and the
row counts so SOURCES.yml can record them.
"""

from __future__ import annotations

import csv
import hashlib
import sys
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

from ntm_analysis.dataset.reference import UNIT_COLUMNS

COLUMNS = UNIT_COLUMNS  # the columns load_admin_units expects

PROVINCE_PREFIXES = {"Tỉnh": "tinh", "Thành phố": "thanh_pho"}
DISTRICT_PREFIXES = {"Huyện": "huyen", "Thị xã": "thi_xa", "Thành phố": "thanh_pho", "Quận": "quan"}
UNIT_PREFIXES = {"Xã": "xa", "Phường": "phuong", "Thị trấn": "thi_tran"}
UNIT_LEVELS = {"Xã": "xa", "Phường": "phuong", "Thị trấn": "thi_tran"}


def split_prefix(full_name: str, prefixes: dict[str, str]) -> tuple[str, str]:
    """Return (name without prefix, type code); a number name ("Phường 1") keeps its prefix."""
    for prefix, type_code in prefixes.items():
        if full_name.startswith(prefix + " "):
            rest = full_name[len(prefix) + 1 :].strip()
            return (full_name if rest.isdigit() else rest), type_code
    raise ValueError(f"no known prefix in {full_name!r}")


def convert_row(row: dict[str, str]) -> dict[str, str]:
    """Convert one GSO row to an admin_units row."""
    row = {key: unicodedata.normalize("NFC", value.strip()) for key, value in row.items()}
    province_name, _ = split_prefix(row["Tỉnh Thành Phố"], PROVINCE_PREFIXES)
    district_name, district_type = split_prefix(row["Quận Huyện"], DISTRICT_PREFIXES)
    unit_name, unit_type = split_prefix(row["Phường Xã"], UNIT_PREFIXES)
    level = UNIT_LEVELS[row["Cấp"]]
    if level != unit_type:
        raise ValueError(f"prefix of {row['Phường Xã']!r} disagrees with level {row['Cấp']!r}")
    return {
        "province_code": row["Mã TP"],
        "province_name": province_name,
        "district_code": row["Mã QH"],
        "district_name": district_name,
        "district_type": district_type,
        "unit_code": row["Mã PX"],
        "unit_name": unit_name,
        "unit_type": unit_type,
    }


def read_gso(path: Path) -> Iterator[dict[str, str]]:
    """Yield the rows of a GSO CSV file (UTF-8, BOM tolerated)."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        yield from csv.DictReader(handle)


def write_units(rows: Iterable[dict[str, str]], path: Path) -> None:
    """Write admin_units rows as UTF-8 CSV with LF line endings."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def main(argv: list[str]) -> int:
    """Build the file and print a summary."""
    if len(argv) not in (2, 3):
        print(__doc__, file=sys.stderr)
        return 2
    source = Path(argv[1])
    target = Path(argv[2]) if len(argv) == 3 else Path(__file__).with_name("admin_units.csv")
    rows = [convert_row(row) for row in read_gso(source)]
    codes = [row["unit_code"] for row in rows]
    if len(set(codes)) != len(codes):
        raise ValueError("duplicate unit codes")
    write_units(rows, target)
    districts = {row["district_code"] for row in rows}
    print(f"sha256 {hashlib.sha256(source.read_bytes()).hexdigest()}  {source.name}")
    by_type = dict(Counter(row["unit_type"] for row in rows))
    print(f"{len(rows)} units, {len(districts)} districts, {by_type}")
    print(f"written {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
