"""What `ntm-report units` prints: a version's units, or a period's units with their successors."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from ntm_analysis.dataset.admin_units.load import load_units
from ntm_analysis.dataset.admin_units.versions import load_versions
from ntm_analysis.dataset.paths import confined_tree, period_dir
from ntm_analysis.dataset.period import load_period_meta
from ntm_analysis.errors import InputError
from ntm_analysis.i18n import N_, t
from ntm_analysis.units.conversion import convert
from ntm_analysis.units.words import UNKNOWN_UNIT, unit_label

NATIONAL = "00"
# How a unit became its successors, and the headings of the listing (translated at use).
RELATION_WORDS = {
    "same": N_("giữ nguyên"),
    "renamed": N_("đổi tên"),
    "merged": N_("sáp nhập"),
    "split": N_("chia tách"),
    "upgraded": N_("lên phường"),
    "unresolved": N_("chưa xác định"),
}
HEADINGS = {
    "units": N_("đơn vị cấp xã"),
    "to": N_("Đối chiếu sang"),
}


def period_units(
    data_dir: Path, period: str, province: str | None = None
) -> tuple[str | None, str | None]:
    """(province code, units version) of a period (of `province`, in a data folder holding
    several), from its validated period.yml; a version that versions.yml does not declare is
    an InputError naming period.yml."""
    folder = period_dir(data_dir, period, province)
    settings = load_period_meta(folder, period)
    if settings.admin_units is not None:
        index = load_versions(Path(data_dir) / "reference")
        if settings.admin_units not in index.ids():
            raise InputError(
                N_("không có phiên bản đơn vị hành chính {version!r}"),
                path=folder / "period.yml",
                column="admin_units",
                expected=N_("một trong {ids} (reference/admin_units/versions.yml)"),
                version=settings.admin_units,
                ids=index.ids(),
            )
    return settings.province, settings.admin_units


@dataclass(frozen=True)
class UnitListing:
    """The units of a version (one province or all), each with the units it became."""

    version: str
    to_version: str | None
    labels: dict[str, dict[str, str]]  # version id -> {"vi", "en"} label
    units: pd.DataFrame  # load_units' columns
    rows: list[dict]  # one per unit: code, name, type, province, district, to

    def to_json(self) -> dict:
        """The documented JSON: `{"units": [{"code","name","type","province","district","to":
        [{"code","name","province"}]}]}` (plus `version` and `to_version`)."""
        keep = ("code", "name", "province")
        units = [dict(u, to=[{k: to[k] for k in keep} for to in u["to"]]) for u in self.rows]
        return {"version": self.version, "to_version": self.to_version, "units": units}

    def text(self, lang: str = "vi") -> str:
        return format_units(self, lang)


def list_units(
    reference_dir: Path,
    version: str | None,
    province: str | None = None,
    to_version: str | None = None,
) -> UnitListing:
    """The units of `version` (the default when None), of `province` or the whole country.

    `to` of a unit lists the units of `to_version` it became (code, name, province); an
    unresolved unit has one entry with code and name null and its province. Without
    `to_version` every `to` is empty.
    """
    confined_tree(Path(reference_dir), Path(reference_dir).parent)  # within the data folder
    index = load_versions(reference_dir)
    version = index.get(version).id
    units = load_units(reference_dir, version, province)
    successors: dict[str, list[dict]] = {code: [] for code in units["unit_code"]}
    if to_version is not None and index.get(to_version).id == version:
        to_version = version
        successors = {unit.unit_code: [_itself(unit)] for unit in units.itertuples(index=False)}
    elif to_version is not None:
        to_version = index.get(to_version).id
        converted = convert(reference_dir, list(units["unit_code"]), version, to_version)
        for row in converted.itertuples(index=False):
            successors[row.code].append(
                {
                    "code": row.to_code or None,
                    "name": row.to_name or None,
                    "type": row.to_type or None,
                    "province": row.to_province,
                    "province_name": row.to_province_name,
                    "province_type": row.to_province_type,
                    "relation": row.relation,
                }
            )
    rows = [
        {
            "code": unit.unit_code,
            "name": unit.unit_name,
            "type": unit.unit_type,
            "province": unit.province_code,
            "district": unit.district_code or None,
            "to": successors[unit.unit_code],
        }
        for unit in units.itertuples(index=False)
    ]
    labels = {v.id: v.label.model_dump() for v in index.versions}
    return UnitListing(version, to_version, labels, units, rows)


def _itself(unit: Any) -> dict:
    """A unit as its own successor (a listing 'converted' to its own version)."""
    return {
        "code": unit.unit_code,
        "name": unit.unit_name,
        "type": unit.unit_type,
        "province": unit.province_code,
        "province_name": unit.province_name,
        "province_type": unit.province_type,
        "relation": "same",
    }


def _successor_words(successors: list[dict], lang: str) -> str:
    parts = []
    for item in successors:
        unit = (
            unit_label(item["name"], item["type"], lang) if item["code"] else t(lang, UNKNOWN_UNIT)
        )
        province = unit_label(item["province_name"], item["province_type"], lang)
        parts.append(f"{unit}, {province}")
    relation = t(lang, RELATION_WORDS[successors[0]["relation"]])
    return "; ".join(parts) + f" ({relation})"


def format_units(listing: UnitListing, lang: str = "vi") -> str:
    """Plain text: one block per province and district, one line per unit, names in words."""
    units = listing.units
    by_code = {u["code"]: u for u in listing.rows}
    words = {key: t(lang, msgid) for key, msgid in HEADINGS.items()}
    lines = [f"{listing.labels[listing.version][lang]}: {len(units)} {words['units']}"]
    if listing.to_version:
        lines.append(f"{words['to']}: {listing.labels[listing.to_version][lang]}")
    for _, province in units.groupby("province_code", sort=False):
        first = province.iloc[0]
        lines += ["", unit_label(first.province_name, first.province_type, lang)]
        for district_code, district in province.groupby("district_code", sort=False):
            indent = "  "
            if district_code:
                lines.append(
                    "  "
                    + unit_label(
                        district.iloc[0].district_name, district.iloc[0].district_type, lang
                    )
                )
                indent = "    "
            for unit in district.itertuples(index=False):
                text = (
                    f"{indent}{unit.unit_code}  {unit_label(unit.unit_name, unit.unit_type, lang)}"
                )
                successors = by_code[unit.unit_code]["to"]
                if successors:
                    text += " → " + _successor_words(successors, lang)
                lines.append(text)
    return "\n".join(lines)
