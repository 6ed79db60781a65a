"""Reference data: administrative units (GSO codes) and versioned national criteria sets."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ntm_analysis.dataset.config_models import (
    NATIONAL_CODE,
    SET_NAME,
    CriteriaSetFile,
    CriterionModel,
)
from ntm_analysis.dataset.files import read_csv_text, read_yaml_document
from ntm_analysis.dataset.models import Label, check_unique, validate_document
from ntm_analysis.dataset.paths import confined
from ntm_analysis.dataset.schemas import Column, TableSchema, validate_frame
from ntm_analysis.errors import InputError
from ntm_analysis.i18n import N_, pick, t, tp

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

ADMIN_UNITS = TableSchema(
    "admin_units",
    {
        "province_code": Column(pattern=r"^[0-9]{2}$", expected=N_("một mã GSO 2 chữ số")),
        "district_code": Column(pattern=r"^[0-9]{3}$", expected=N_("một mã GSO 3 chữ số")),
        "district_type": Column(allowed=("huyen", "thi_xa", "thanh_pho", "quan")),
        "unit_code": Column(pattern=r"^[0-9]{5}$", unique=True, expected=N_("một mã GSO 5 chữ số")),
        "unit_name": Column(pattern=r"^.+$", expected=N_("một tên, không để trống")),
        "unit_type": Column(allowed=("xa", "phuong", "thi_tran", "dac_khu")),
    },
)

DISTRICT_TYPE_LABEL = {
    "huyen": N_("huyện"),
    "thi_xa": N_("thị xã"),
    "thanh_pho": N_("thành phố"),
    "quan": N_("quận"),
}


# Validated units tables by (path, modification time, size): a run that loads a period, its
# baseline and the period before it reads admin_units.csv once (10,600 rows nationwide).
_UNITS_CACHE: dict[tuple[str, int, int], pd.DataFrame] = {}


def clear_units_cache() -> None:
    """Forget the units tables read so far (benchmarks measure a cold read)."""
    _UNITS_CACHE.clear()


def load_admin_units(reference_dir: Path) -> pd.DataFrame:
    """The commune-level units with their district and province (GSO codes as strings)."""
    path = reference_dir / "admin_units.csv"
    try:
        stat = path.stat()
        key: tuple[str, int, int] | None = (str(path.resolve()), stat.st_mtime_ns, stat.st_size)
    except OSError:
        key = None  # read_csv_text names the problem
    if key is not None and key in _UNITS_CACHE:
        return _UNITS_CACHE[key].copy()
    frame = validate_frame(ADMIN_UNITS, read_csv_text(path, UNIT_COLUMNS), path)
    if key is not None:
        _UNITS_CACHE.clear()  # one table kept: the reference folder in use
        _UNITS_CACHE[key] = frame
    return frame.copy()


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


NATIONAL_NAME = N_("cả nước")  # the country's aggregate, translated at use
# The types of a province and of a district, in words (translated at use).
PROVINCE_TYPE_LABEL = {"tinh": N_("tỉnh"), "thanh_pho": N_("thành phố")}


def area_names(units: pd.DataFrame, lang: str = "vi") -> dict[str, str]:
    """Display name of every area code: the country ("00"), provinces, districts (with their
    type; none under a two-level version of the units), units."""
    names: dict[str, str] = {NATIONAL_CODE: t(lang, NATIONAL_NAME)}
    provinces = units.drop_duplicates("province_code")
    kinds = provinces["province_type"] if "province_type" in provinces else [""] * len(provinces)
    for code, name, kind in zip(
        provinces["province_code"], provinces["province_name"], kinds, strict=True
    ):
        label = t(lang, PROVINCE_TYPE_LABEL.get(kind or "tinh", PROVINCE_TYPE_LABEL["tinh"]))
        names[code] = tp(lang, "a unit type and its name", "{kind} {name}", kind=label, name=name)
    districts = units[units["district_code"] != ""].drop_duplicates("district_code")
    for code, name, kind in zip(
        districts["district_code"],
        districts["district_name"],
        districts["district_type"],
        strict=True,
    ):
        label = t(lang, DISTRICT_TYPE_LABEL[kind])
        names[code] = tp(lang, "a unit type and its name", "{kind} {name}", kind=label, name=name)
    names.update(zip(units["unit_code"], units["unit_name"], strict=True))
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
        return pick(lang, self.name_vi, self.name_en)


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
                "group": [pick(lang, c.group_vi, c.group_en) for c in items],
            }
        )


def _criteria(items: list[CriterionModel], level: str, groups: dict[str, Label]) -> tuple:
    out = []
    for item in items:
        group = groups.get(item.group or "")
        out.append(
            Criterion(
                id=item.id,
                number=item.number,
                level=level,
                name_vi=item.name.vi,
                name_en=item.name.text_in("en"),
                group_vi=group.vi if group else "",
                group_en=group.text_in("en") if group else "",
                aliases=tuple(item.aliases),
            )
        )
    return tuple(out)


def load_criteria_set(reference_dir: Path, set_id: str) -> CriteriaSet:
    """Load `criteria/<set_id>.yml`; an unknown set names the ones available. `set_id` is a
    name, never a path (letters, digits and single '.', '_' or '-' between them)."""
    folder = reference_dir / "criteria"
    known = sorted(p.stem for p in folder.glob("*.yml"))
    if not SET_NAME.fullmatch(set_id):
        raise InputError(
            N_("{set_id!r} không phải là tên một bộ tiêu chí"),
            path=folder,
            expected=N_("tên một tệp trong {folder} không kèm .yml, một trong {known}"),
            set_id=set_id,
            folder=folder,
            known=known,
        )
    path = folder / f"{set_id}.yml"
    path = confined(path, folder, "data/reference/criteria")
    if not path.is_file():
        raise InputError(
            N_("không có bộ tiêu chí {set_id!r}"),
            path=path,
            expected=N_("một trong {known}"),
            set_id=set_id,
            known=known,
        )
    document = read_yaml_document(path)
    data = validate_document(CriteriaSetFile, document)
    if data.id != set_id:
        raise InputError(
            N_("bộ tiêu chí ghi mã {id!r}, nhưng tệp có tên {set_id}"),
            path=path,
            row=document.line_of(("id",)),
            column="id",
            id=data.id,
            set_id=set_id,
        )
    check_unique(data.commune_criteria, "id", document, "commune_criteria", N_("mã tiêu chí"))
    check_unique(data.district_criteria, "id", document, "district_criteria", N_("mã tiêu chí"))
    groups = {g.id: g.name for g in data.groups}
    return CriteriaSet(
        id=data.id,
        commune=_criteria(data.commune_criteria, "commune", groups),
        district=_criteria(data.district_criteria, "district", groups),
        decisions={k: v.model_dump() for k, v in data.decisions.items()},
    )
