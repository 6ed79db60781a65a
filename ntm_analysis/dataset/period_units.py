"""The administrative units a period uses: its version of the units, cut to its provinces.

A period names its units version with `admin_units:` (reference/admin_units/versions.yml);
without it, the reference folder's `admin_units.csv` applies. It covers one province
(`province: CODE`), several (`provinces: [..]`), or the whole country (`province: "00"`).
Under a two-level version (2025-07-01) the district columns are empty: `has_districts` is
False and district-level tables are optional.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ntm_analysis.dataset.admin_units import load_units
from ntm_analysis.dataset.config_models import NATIONAL_CODE, PeriodMeta
from ntm_analysis.dataset.reference import load_admin_units
from ntm_analysis.errors import InputError, Message
from ntm_analysis.i18n import N_
from ntm_analysis.text.names import AmbiguousNameError, NameMatcher, NameMatchError


def period_provinces(meta: PeriodMeta) -> list[str] | None:
    """The province codes a period covers; None for every province of its units."""
    if meta.provinces is not None:
        return list(meta.provinces)
    if meta.province is None or meta.province == NATIONAL_CODE:
        return None
    return [meta.province]


def load_period_units(reference_dir: Path, meta: PeriodMeta, meta_path: Path) -> pd.DataFrame:
    """The units of the period's version, restricted to its provinces (docs/provinces.md).

    A province absent from the version is an InputError naming period.yml.
    """
    if meta.admin_units is None:
        units = load_admin_units(reference_dir)
        source = Message(N_("của data/reference/admin_units.csv"))
    else:
        units = load_units(reference_dir, meta.admin_units)
        source = Message(
            N_("(tỉnh này không có trong phiên bản đơn vị {version})"), version=meta.admin_units
        )
    wanted = period_provinces(meta)
    if wanted is None:
        return units
    known = set(units["province_code"])
    absent = [code for code in wanted if code not in known]
    if absent:
        column = "provinces" if meta.provinces is not None else "province"
        listed = ", ".join(repr(code) for code in absent)
        raise InputError(
            N_("tỉnh có mã {listed} không có trong danh mục đơn vị hành chính {source}"),
            path=meta_path,
            column=column,
            expected=N_("các mã trong số {known}"),
            listed=listed,
            source=source,
            known=sorted(known),
        )
    if set(wanted) == known:
        return units
    return units[units["province_code"].isin(wanted)].reset_index(drop=True)


def has_districts(units: pd.DataFrame) -> bool:
    """Whether the units have a district level (False under the 2025 two-level units)."""
    return bool((units["district_code"] != "").any())


def matcher_units(units: pd.DataFrame) -> pd.DataFrame:
    """Units as the name matcher sees them: without a district level, each unit's province
    stands in for its district, so names resolve within their province."""
    if has_districts(units):
        return units
    out = units.copy()
    out["district_code"] = out["province_code"]
    out["district_name"] = out["province_name"]
    out["district_type"] = "tinh"
    return out


def resolve_name(
    units: pd.DataFrame,
    name: str,
    province: str | None = None,
    district: str | None = None,
    level: str = "unit",
) -> str:
    """The code of the unit (`level` "unit") or district (`level` "district") written `name`,
    looked for within `province` and `district` when given.

    Names repeat across the country (huyện Châu Thành in several provinces, Phường 1 in
    many): a name that fits several units is an InputError listing every candidate with its
    province; give the province or district to tell them apart.
    """
    scope = units
    if province is not None:
        scope = scope[scope["province_code"] == province]
        if scope.empty:
            raise InputError(
                N_("danh mục đơn vị không có tỉnh mã {province!r}"),
                column="province",
                province=province,
            )
    matcher = NameMatcher(matcher_units(scope))
    try:
        if level == "district":
            return matcher.match_district(name).code
        return matcher.match(name, district=district).code
    except AmbiguousNameError as exc:
        provinces = dict(zip(units["unit_code"], units["province_name"], strict=True))
        provinces |= dict(zip(units["district_code"], units["province_name"], strict=True))
        listed = "; ".join(
            f"{c.name} ({c.code}, {provinces.get(c.code, '?')})" for c in exc.candidates
        )
        raise InputError(
            N_("tên {name!r} trùng nhiều đơn vị: {listed}"),
            expected=N_("tên kèm tỉnh hoặc huyện, hoặc mã của đơn vị"),
            name=name,
            listed=listed,
        ) from None
    except NameMatchError as exc:
        raise InputError(exc) from None
