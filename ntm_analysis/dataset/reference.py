"""Reference data: administrative units (GSO codes) and versioned national criteria sets."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from ntm_analysis.dataset.files import read_csv_text, read_yaml, require_keys
from ntm_analysis.dataset.paths import confined
from ntm_analysis.dataset.schemas import validate_frame
from ntm_analysis.errors import InputError

UNIT_COLUMNS = [
    "province_code",
    "province_name",
    "district_code",
    "district_name",
    "district_type",
    "unit_code",
    "unit_name",
    "unit_type",
]

ADMIN_UNITS = pa.DataFrameSchema(
    {
        "province_code": pa.Column(str, pa.Check.str_matches(r"^[0-9]{2}$")),
        "district_code": pa.Column(str, pa.Check.str_matches(r"^[0-9]{3}$")),
        "district_type": pa.Column(str, pa.Check.isin(["huyen", "thi_xa", "thanh_pho"])),
        "unit_code": pa.Column(str, pa.Check.str_matches(r"^[0-9]{5}$"), unique=True),
        "unit_name": pa.Column(str, pa.Check.str_length(min_value=1)),
        "unit_type": pa.Column(str, pa.Check.isin(["xa", "phuong", "thi_tran"])),
    },
    strict=False,
    name="admin_units",
)

DISTRICT_TYPE_LABEL = {
    "vi": {"huyen": "huyện", "thi_xa": "thị xã", "thanh_pho": "thành phố"},
    "en": {"huyen": "district", "thi_xa": "town", "thanh_pho": "city"},
}


def load_admin_units(reference_dir: Path) -> pd.DataFrame:
    """The commune-level units with their district and province (GSO codes as strings)."""
    path = reference_dir / "admin_units.csv"
    frame = read_csv_text(path, UNIT_COLUMNS)
    return validate_frame(ADMIN_UNITS, frame, path)


def districts_of(units: pd.DataFrame) -> pd.DataFrame:
    """One row per district-level unit: code, name, type, and counts of its units by type."""
    counts = units.pivot_table(
        index="district_code", columns="unit_type", values="unit_code", aggfunc="count"
    ).reindex(columns=["xa", "phuong", "thi_tran"], fill_value=0)
    counts = counts.fillna(0).astype(int)
    names = units.drop_duplicates("district_code").set_index("district_code")[
        ["district_name", "district_type", "province_code"]
    ]
    table = names.join(counts).reset_index()
    return table.rename(columns={"district_code": "code", "district_name": "name"})


def area_names(units: pd.DataFrame, lang: str = "vi") -> dict[str, str]:
    """Display name of every area code: province, districts (with their type), units."""
    types = DISTRICT_TYPE_LABEL[lang]
    names: dict[str, str] = {}
    for row in units.drop_duplicates("province_code").itertuples():
        names[row.province_code] = (
            f"tỉnh {row.province_name}" if lang == "vi" else f"{row.province_name} province"
        )
    for row in units.drop_duplicates("district_code").itertuples():
        kind = types[row.district_type]
        names[row.district_code] = (
            f"{kind} {row.district_name}" if lang == "vi" else f"{row.district_name} {kind}"
        )
    for row in units.itertuples():
        names[row.unit_code] = row.unit_name
    return names


@dataclass(frozen=True)
class Criterion:
    """One criterion of a national set: C01…C19 (commune) or D01…D09 (district)."""

    id: str
    number: int
    level: str  # "commune" or "district"
    name_vi: str
    name_en: str
    group_vi: str
    group_en: str
    aliases: tuple[str, ...] = ()

    def name(self, lang: str = "vi") -> str:
        return self.name_vi if lang == "vi" else self.name_en


@dataclass(frozen=True)
class CriteriaSet:
    """A versioned set of national criteria (e.g. 2016–2020)."""

    id: str
    commune: tuple[Criterion, ...]
    district: tuple[Criterion, ...]
    decisions: dict

    @property
    def commune_count(self) -> int:
        return len(self.commune)

    @property
    def district_count(self) -> int:
        return len(self.district)

    def get(self, criterion_id: str) -> Criterion:
        for criterion in self.commune + self.district:
            if criterion.id == criterion_id:
                return criterion
        raise KeyError(criterion_id)

    def ids(self) -> set[str]:
        return {c.id for c in self.commune + self.district}

    def frame(self, level: str = "commune", lang: str = "vi") -> pd.DataFrame:
        items = self.commune if level == "commune" else self.district
        return pd.DataFrame(
            {
                "id": [c.id for c in items],
                "number": [c.number for c in items],
                "name": [c.name(lang) for c in items],
                "group": [c.group_vi if lang == "vi" else c.group_en for c in items],
            }
        )


def _criteria(
    items: list, level: str, path: Path, groups: dict[str, dict]
) -> tuple[Criterion, ...]:
    out = []
    for i, item in enumerate(items or [], start=1):
        where = f"{level}_criteria item {i}"
        require_keys(item, ["id", "number", "name"], path, where)
        name, group = item["name"], item.get("group") or {}
        if isinstance(group, str):  # a group id declared under `groups:`
            group = groups.get(group, {"vi": group, "en": group})
        out.append(
            Criterion(
                id=str(item["id"]),
                number=int(item["number"]),
                level=level,
                name_vi=name.get("vi", ""),
                name_en=name.get("en", ""),
                group_vi=group.get("vi", ""),
                group_en=group.get("en", ""),
                aliases=tuple(item.get("aliases") or ()),
            )
        )
    ids = [c.id for c in out]
    if len(set(ids)) != len(ids):
        raise InputError(f"duplicate criterion ids in {level}_criteria", path=path)
    return tuple(out)


def load_criteria_set(reference_dir: Path, set_id: str) -> CriteriaSet:
    """Load `criteria/<set_id>.yml`; an unknown set names the ones available."""
    folder = reference_dir / "criteria"
    path = confined(folder / f"{set_id}.yml", folder, "data/reference/criteria")
    if not path.is_file():
        known = sorted(p.stem for p in folder.glob("*.yml"))
        raise InputError(f"unknown criteria set {set_id!r}", path=path, expected=f"one of {known}")
    data = read_yaml(path)
    require_keys(data, ["id", "commune_criteria", "district_criteria"], path, "criteria set")
    groups = {
        str(g["id"]): g.get("name") or {}
        for g in data.get("groups") or []
        if isinstance(g, dict) and "id" in g
    }
    return CriteriaSet(
        id=str(data["id"]),
        commune=_criteria(data["commune_criteria"], "commune", path, groups),
        district=_criteria(data["district_criteria"], "district", path, groups),
        decisions=data.get("decisions") or {},
    )
