"""Synthetic `data/` folders at a chosen scale, for the scale benchmark and its test.

The generator writes a complete data folder (reference units, the real catalogue and criteria
set, periods, targets) whose figures agree with each other, so the data-quality engine finds
nothing but the inconsistencies seeded on purpose (`--errors`, listed in `synthetic.json`).

- Communes are simulated one by one (criteria met over time, NTM recognition, registration);
  the communes table, the district tables and every commune, district and province aggregate
  are computed from them. Some communes are shown as intervals (status unknown), as in the
  real 2021-09 period.
- Every other province figure starts from the real period's figure (the template), scaled to
  the province's size, then the catalogue's relations (sums, ratios, restatements, products,
  lists) are enforced: totals are the sums of their parts, percentages are recomputed and
  printed rounded half-up with the Vietnamese decimal comma.

Scales: `--scale 1` is one province like the template (9 districts, 106 units, 85 xã);
`--scale k` one province k times as large; `--nationwide` 63 provinces, ~705 districts and
~10,600 commune-level units in one period whose `province` is the pseudo-national code `00`.

    .venv/bin/python bench/synthetic.py --scale 4 --periods 12 --out /tmp/data4
"""

from __future__ import annotations

import argparse
import csv
import itertools
import json
import math
import random
import re
import shutil
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from ntm_analysis.dataset.catalogue import Catalogue, load_catalogue  # noqa: E402
from ntm_analysis.text.numbers import decimals_of, round_half_up  # noqa: E402

TEMPLATE_DATA = ROOT / "data"
TEMPLATE_PERIOD = "2021-09"
TEMPLATE_PROVINCE = "84"
TEMPLATE_XA = 85
NATIONAL_CODE = "00"
TOP = 19  # commune criteria of the 2016-2020 set
DISTRICT_CRITERIA = 9

# The 63 GSO province codes (2 digits).
PROVINCE_CODES = [
    "01",
    "02",
    "04",
    "06",
    "08",
    "10",
    "11",
    "12",
    "14",
    "15",
    "17",
    "19",
    "20",
    "22",
    "24",
    "25",
    "26",
    "27",
    "30",
    "31",
    "33",
    "34",
    "35",
    "36",
    "37",
    "38",
    "40",
    "42",
    "44",
    "45",
    "46",
    "48",
    "49",
    "51",
    "52",
    "54",
    "56",
    "58",
    "60",
    "62",
    "64",
    "66",
    "67",
    "68",
    "70",
    "72",
    "74",
    "75",
    "77",
    "79",
    "80",
    "82",
    "83",
    "84",
    "86",
    "87",
    "89",
    "91",
    "92",
    "93",
    "94",
    "95",
    "96",
]
NATIONWIDE_DISTRICTS = 705
NATIONWIDE_UNITS = 10_600

SYLLABLES = [
    "An",
    "Bình",
    "Phú",
    "Long",
    "Tân",
    "Hòa",
    "Mỹ",
    "Thạnh",
    "Vĩnh",
    "Phước",
    "Hiệp",
    "Thuận",
    "Lợi",
    "Trung",
    "Đông",
    "Tây",
    "Nam",
    "Bắc",
    "Hưng",
    "Lộc",
    "Thới",
    "Điền",
    "Hải",
    "Sơn",
    "Giang",
    "Xuân",
    "Quang",
    "Minh",
    "Thành",
    "Đức",
    "Hữu",
    "Nghĩa",
    "Kim",
    "Ngọc",
    "Châu",
    "Cẩm",
    "Đại",
    "Hậu",
    "Lạc",
    "Thái",
    "Hồng",
    "Phong",
    "Thanh",
    "Nhơn",
    "Hội",
    "Khánh",
    "Định",
    "Tường",
]

# Province indicators computed from the simulated communes and districts (never from the
# template), and the district block written for every district not yet recognised.
DISTRICT_BLOCK = {
    "communes_19_criteria",
    "communes_total",
    "communes_total_b",
    "communes_ntm_recognised",
    "communes_ntm_recognised_pct",
    "communes_ntm_required_pct",
    "communes_ntm_pending",
    "district_criteria_met",
    "district_criteria_total",
    "district_criteria_not_met",
    "district_criteria_not_met_b",
    "district_ntm_plan_year",
}
# Units whose values do not grow with the size of a province.
INTENSIVE_UNITS = {
    "percent",
    "year",
    "members_per_district",
    "members_per_group",
    "households_per_commune",
    "items_per_household",
    "million_vnd_per_household_month",
    "vnd_per_household_month",
    "tonnes_per_ha",
    "cm",
    "months",
    "criteria_per_commune",
    "kg_per_hour",
}


# --------------------------------------------------------------------------- geography


@dataclass
class Unit:
    code: str
    name: str
    type: str  # xa | phuong | thi_tran
    district: str


@dataclass
class District:
    code: str
    name: str
    type: str  # huyen | thi_xa | thanh_pho
    province: str
    units: list[Unit] = field(default_factory=list)
    recognised: bool = False
    criteria_met: int = DISTRICT_CRITERIA
    plan_year_offset: int = 0
    plan_before: bool = False

    @property
    def xa(self) -> list[Unit]:
        return [u for u in self.units if u.type == "xa"]


@dataclass
class Province:
    code: str
    name: str
    districts: list[District] = field(default_factory=list)

    @property
    def xa(self) -> list[Unit]:
        return [u for d in self.districts for u in d.xa]

    @property
    def units(self) -> list[Unit]:
        return [u for d in self.districts for u in d.units]


class Names:
    """Unique Vietnamese-looking names drawn from syllable pairs."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.pairs = [f"{a} {b}" for a in SYLLABLES for b in SYLLABLES if a != b]
        self.global_used: set[str] = set()

    def unique(self) -> str:
        """A name used nowhere else (provinces and districts)."""
        for _ in range(10_000):
            name = self.rng.choice(self.pairs)
            if name not in self.global_used:
                self.global_used.add(name)
                return name
        raise RuntimeError("ran out of unique names")

    def local(self, count: int) -> list[str]:
        """`count` names distinct from each other (units of one district)."""
        return self.rng.sample(self.pairs, count)


def _district_shapes(n_districts: int, n_units: int) -> list[tuple[str, int, int, int]]:
    """(type, xã, phường, thị trấn) per district, close to the template's proportions.

    The template province: 1 city (9 phường + 1 xã), 1 town (2 phường + 5 xã), 7 rural
    districts (1–2 thị trấn and ~11 xã each): 85 xã, 11 phường, 10 thị trấn.
    """
    if n_districts == 9 and n_units == 106:
        return [
            ("thanh_pho", 1, 9, 0),
            ("thi_xa", 5, 2, 0),
            ("huyen", 13, 0, 1),
            ("huyen", 10, 0, 1),
            ("huyen", 11, 0, 1),
            ("huyen", 12, 0, 2),
            ("huyen", 11, 0, 2),
            ("huyen", 14, 0, 1),
            ("huyen", 8, 0, 2),
        ]
    shapes = []
    per = n_units / n_districts
    for i in range(n_districts):
        size = round(per * (i + 1)) - round(per * i)
        if i % 9 == 0:
            shapes.append(("thanh_pho", max(1, size // 10), size - max(1, size // 10), 0))
        elif i % 9 == 1:
            phuong = max(1, size // 4)
            shapes.append(("thi_xa", size - phuong, phuong, 0))
        else:
            towns = 1 + (i % 3 == 0)
            shapes.append(("huyen", max(2, size - towns), 0, towns))
    return shapes


def build_geography(rng: random.Random, scale: int, nationwide: bool) -> tuple[list[Province], str]:
    """Provinces with districts and units, and the period's province code."""
    names = Names(rng)
    if nationwide:
        weights = [rng.uniform(0.6, 1.6) for _ in PROVINCE_CODES]
        total = sum(weights)
        districts = [max(5, round(NATIONWIDE_DISTRICTS * w / total)) for w in weights]
        districts[-1] += NATIONWIDE_DISTRICTS - sum(districts)
        plan = [
            (code, n, round(NATIONWIDE_UNITS * n / NATIONWIDE_DISTRICTS))
            for code, n in zip(PROVINCE_CODES, districts, strict=True)
        ]
        plan[-1] = (
            plan[-1][0],
            plan[-1][1],
            plan[-1][2] + NATIONWIDE_UNITS - sum(p[2] for p in plan),
        )
        period_province = NATIONAL_CODE
    else:
        plan = [(TEMPLATE_PROVINCE, 9 * scale, 106 * scale)]
        period_province = TEMPLATE_PROVINCE
    provinces: list[Province] = []
    district_no, unit_no = 1, 1
    for code, n_districts, n_units in plan:
        province = Province(code, names.unique())
        if nationwide:
            shapes = _district_shapes(n_districts, n_units)
        else:
            shapes = _district_shapes(9, 106) * scale
        for kind, xa, phuong, towns in shapes:
            district = District(f"{district_no:03d}", names.unique(), kind, code)
            district_no += 1
            local = iter(names.local(xa + towns))
            for i in range(phuong):
                district.units.append(
                    Unit(f"{unit_no:05d}", f"Phường {i + 1}", "phuong", district.code)
                )
                unit_no += 3
            for _ in range(towns):
                district.units.append(
                    Unit(f"{unit_no:05d}", next(local), "thi_tran", district.code)
                )
                unit_no += 3
            for _ in range(xa):
                district.units.append(Unit(f"{unit_no:05d}", next(local), "xa", district.code))
                unit_no += 3
            province.districts.append(district)
        provinces.append(province)
    if unit_no > 99_999 or district_no > 999:
        raise ValueError("too many units for GSO-like 5-digit commune / 3-digit district codes")
    return provinces, period_province


# --------------------------------------------------------------------------- communes over time


@dataclass
class Commune:
    """One simulated xã: true criteria met at month `tau`, recognition and registration."""

    unit: Unit
    start: int
    rate: float  # criteria gained per month
    lag: int  # months between reaching 19 and recognition
    registered: str = ""  # ntm | ntm_stretch | advanced | advanced_stretch | ""
    advanced: bool = False
    hidden: str = ""  # "" (exact), "unknown" ([10, 19], status unknown), "band" ([13, 18])

    def criteria(self, tau: int) -> int:
        return min(TOP, self.start + math.floor(self.rate * tau))

    def recognised(self, tau: int) -> bool:
        if self.registered in ("ntm", "ntm_stretch"):
            return False  # registered for this year: recognition still ahead
        if self.start == TOP:
            return True
        if self.rate == 0:
            return False
        reached = math.ceil((TOP - self.start) / self.rate)
        return tau >= reached + self.lag

    def shown(self, tau: int) -> tuple[int, int, str]:
        """criteria_min, criteria_max and ntm_status as the communes table shows them."""
        value = self.criteria(tau)
        status = "recognised" if self.recognised(tau) else "not_recognised"
        if self.hidden == "unknown":
            return 10, TOP, "unknown"
        if self.hidden == "band" and value < TOP:
            return 13, 18, status
        return value, value, status


def simulate_communes(rng: random.Random, provinces: list[Province]) -> dict[str, Commune]:
    """Criteria trajectories, statuses and registrations of every xã."""
    out: dict[str, Commune] = {}
    for province in provinces:
        rural = [d for d in province.districts if d.type == "huyen"]
        # about 5 of 9 districts recognised, always leaving at least one rural district to go
        for district in province.districts:
            district.recognised = rng.random() < 0.5 and not (rural and district is rural[0])
            if not district.recognised:
                district.criteria_met = rng.randint(4, 8)
                district.plan_year_offset = rng.randint(0, 2)
                district.plan_before = rng.random() < 0.15
        for district in province.districts:
            for unit in district.xa:
                if district.recognised:
                    commune = Commune(unit, TOP, 0.0, 0)
                else:
                    roll = rng.random()
                    if roll < 0.62:
                        start = TOP
                    elif roll < 0.82:
                        start = rng.randint(15, 18)
                    else:
                        start = rng.randint(10, 14)
                    rate = rng.choice((0.0, 0.0, 1 / 12, 1 / 6, 1 / 4))
                    commune = Commune(unit, start, rate, rng.randint(0, 4))
                out[unit.code] = commune
        # registrations: ~13% of xã for NTM this year (a quarter already at 19), ~24% advanced
        pool = [out[u.code] for u in province.xa]
        candidates = [c for c in pool if c.start >= 13 and c.start < TOP]
        rng.shuffle(candidates)
        n_ntm = max(2, round(0.13 * len(pool)))
        chosen = candidates[:n_ntm]
        at_top = [
            c for c in pool if c.start == TOP and c.unit.district not in _recognised(province)
        ]
        rng.shuffle(at_top)
        chosen += at_top[: max(1, len(chosen) // 4)]
        for i, commune in enumerate(chosen):
            commune.registered = "ntm" if i % 4 != 3 else "ntm_stretch"
            commune.rate = 0.0  # the year's plan is still ahead: the count at 19 stays below it
        old = [c for c in pool if c.start == TOP and not c.registered and c.recognised(0)]
        rng.shuffle(old)
        n_adv = max(1, round(0.13 * len(pool)))
        for commune in old[:n_adv]:
            commune.advanced = True
        rest = [c for c in old[n_adv:]]
        n_reg = max(2, round(0.235 * len(pool)))
        for i, commune in enumerate(rest[:n_reg]):
            commune.registered = "advanced" if i % 2 == 0 else "advanced_stretch"
        # the table shows some communes as intervals, as the source leaves them unnamed
        for commune in pool:
            if commune.registered in ("ntm", "ntm_stretch") and commune.start < TOP:
                commune.hidden = "band" if rng.random() < 0.5 else ""
            elif (
                not commune.registered
                and not commune.advanced
                and commune.unit.district not in _recognised(province)
                and rng.random() < UNKNOWN_SHARE
            ):
                commune.hidden = "unknown"
    return out


UNKNOWN_SHARE = 0.05


def _recognised(province: Province) -> set[str]:
    return {d.code for d in province.districts if d.recognised}


# --------------------------------------------------------------------------- numbers


def vn_number(value: Decimal, decimals: int) -> str:
    """`5.214.624,5`: grouped with '.', decimal comma, rounded half-up to `decimals`."""
    rounded = value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    text = f"{rounded:,.{decimals}f}"
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def machine(value: Decimal) -> str:
    """`5214624.5`: the machine form written in `value`."""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"


def dec(value: float | int | Decimal, decimals: int) -> Decimal:
    return Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


@dataclass
class Figure:
    """One observation being built."""

    indicator: str
    area: str
    value: Decimal
    decimals: int
    section: str
    qualifier: str = ""
    padded: bool = False  # printed with a leading zero ("07")
    percent: bool = False

    def written(self) -> str:
        text = vn_number(self.value, self.decimals)
        if self.padded and self.decimals == 0 and self.value < 10:
            text = f"0{text}"
        return text + ("%" if self.percent else "")


# --------------------------------------------------------------------------- the template


@dataclass
class Template:
    """The real period the synthetic figures are modelled on."""

    rows: list[dict[str, str]]
    lists: list[dict[str, str]]
    targets: dict[str, Any]
    catalogue: Catalogue
    criteria_names: dict[str, str]


def read_template(data_dir: Path = TEMPLATE_DATA, period: str = TEMPLATE_PERIOD) -> Template:
    folder = data_dir / "periods" / period
    with open(folder / "indicators.csv", encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    with open(folder / "lists.csv", encoding="utf-8-sig", newline="") as handle:
        lists = list(csv.DictReader(handle))
    targets = yaml.safe_load((data_dir / "targets" / f"{period[:4]}.yml").read_text("utf-8"))
    criteria = yaml.safe_load(
        (data_dir / "reference" / "criteria" / "2016-2020.yml").read_text("utf-8")
    )
    names = {c["id"]: c["name"]["vi"] for c in criteria["district_criteria"]}
    return Template(rows, lists, targets, load_catalogue(data_dir / "reference"), names)


# ------------------------------------------------------------------ one province, one period


@dataclass
class Context:
    """Everything one (province, period) draws from."""

    province: Province
    communes: dict[str, Commune]
    tau: int
    year: int
    template: Template
    district_map: dict[str, District]
    jitter: dict[str, float]
    growth: float


def _commune_figures(ctx: Context, figures: dict[tuple[str, str], Figure]) -> None:
    """Province aggregates computed from the communes, and the district blocks."""
    p = ctx.province
    area = p.code
    tau = ctx.tau
    communes = [ctx.communes[u.code] for u in p.xa]
    values = [c.criteria(tau) for c in communes]
    n = len(communes)

    def put(
        code: str,
        value: float | int | Decimal,
        where: str = area,
        decimals: int = 0,
        section: str = "A.II.1",
        percent: bool = False,
        qualifier: str = "",
    ) -> None:
        figures[(code, where)] = Figure(
            code, where, dec(value, decimals), decimals, section, qualifier, percent=percent
        )

    def pct(
        code: str, num: int, den: int, decimals: int, where: str = area, section: str = "A.II.1"
    ) -> None:
        put(code, round_half_up(num / den * 100, decimals), where, decimals, section, True)

    at19 = sum(v == TOP for v in values)
    b15 = sum(15 <= v <= 18 for v in values)
    b10 = sum(10 <= v <= 14 for v in values)
    recognised = sum(c.recognised(tau) for c in communes)
    advanced = sum(c.advanced for c in communes)
    reg = [c for c in communes if c.registered in ("ntm", "ntm_stretch")]
    reg_adv = [c for c in communes if c.registered in ("advanced", "advanced_stretch")]
    put("communes_19_criteria", at19)
    put("communes_total", n)
    pct("communes_19_criteria_pct", at19, n, 1)
    put("communes_ntm_recognised", recognised)
    put("communes_below_19_criteria", n - at19)
    put("communes_15_18_criteria", b15)
    pct("communes_15_18_criteria_pct", b15, n, 1)
    put("communes_10_14_criteria", b10)
    pct("communes_10_14_criteria_pct", b10, n, 1)
    put("criteria_avg_per_commune", round_half_up(sum(values) / n, 1), decimals=1)
    put("registered_ntm_communes_2021", len(reg))
    for code, lo, hi in (
        ("registered_ntm_communes_19_criteria", 19, 19),
        ("registered_ntm_communes_15_18_criteria", 15, 18),
        ("registered_ntm_communes_13_14_criteria", 13, 14),
    ):
        put(code, sum(lo <= c.criteria(tau) <= hi for c in reg))
    put("communes_advanced_ntm", advanced)
    pct("communes_advanced_ntm_pct", advanced, n, 1)
    adv20 = len(reg_adv) // 5
    for code in (
        "registered_advanced_communes_2021",
        "registered_advanced_communes_2021_b",
        "registered_advanced_communes_2021_c",
    ):
        put(code, len(reg_adv))
    put("registered_advanced_communes_2021_d", len(reg_adv), section="C.II.1")
    put("registered_advanced_communes_20_criteria", adv20)
    put("registered_advanced_communes_14_19_criteria", len(reg_adv) - adv20)
    put("registered_ntm_communes_2021_b", len(reg), section="C.II.1")
    put("districts_ntm_recognised", sum(d.recognised for d in p.districts))
    put("districts_total", len(p.districts))
    # restated commune totals and per-criterion counts (A.II.4.x), wards, units
    for code in ("communes_total_planning", "communes_total_electricity", "communes_total_culture"):
        section = (
            "A.II.4.5"
            if code.endswith("culture")
            else "A.II.4.1"
            if "planning" in code
            else "A.II.4.2"
        )
        put(code, n, section=section)
    for row in ctx.template.rows:
        code = row["indicator"]
        if code.startswith("communes_total_c"):
            put(code, n, section=row["section"])
        elif code.startswith("communes_met_c"):
            share = float(row["value"]) / TEMPLATE_XA
            put(code, min(n, round(n * share * ctx.jitter.get(code, 1.0))), section=row["section"])
    put("communes_planning_reviewed", n, section="A.II.4.1")
    wards = sum(u.type != "xa" for u in p.units)
    put("wards_townships_total", wards, section="A.II.4.5")
    put("commune_level_units_total", len(p.units), section="A.II.4.6")
    # district blocks: every district not yet recognised
    for district in p.districts:
        if district.recognised:
            continue
        d = district.code
        members = [ctx.communes[u.code] for u in district.xa]
        total = len(members)
        d19 = sum(c.criteria(tau) == TOP for c in members)
        d_rec = sum(c.recognised(tau) for c in members)
        put("communes_19_criteria", d19, d)
        put("communes_total_b", total, d)
        put("communes_ntm_recognised", d_rec, d)
        put("communes_total", total, d)
        pct("communes_ntm_recognised_pct", d_rec, total, 0, d)
        put("communes_ntm_required_pct", 100, d, percent=True)
        if d19 == total:
            put("communes_ntm_pending", total - d_rec, d)
        put("district_criteria_met", district.criteria_met, d)
        put("district_criteria_total", DISTRICT_CRITERIA, d)
        put("district_criteria_not_met", DISTRICT_CRITERIA - district.criteria_met, d)
        put("district_criteria_not_met_b", DISTRICT_CRITERIA - district.criteria_met, d)
        put(
            "district_ntm_plan_year",
            ctx.year + district.plan_year_offset,
            d,
            qualifier="under" if district.plan_before else "",
        )


FIXED_BY_COMMUNES = {
    "communes_19_criteria",
    "communes_total",
    "communes_19_criteria_pct",
    "communes_ntm_recognised",
    "communes_below_19_criteria",
    "communes_15_18_criteria",
    "communes_15_18_criteria_pct",
    "communes_10_14_criteria",
    "communes_10_14_criteria_pct",
    "criteria_avg_per_commune",
    "registered_ntm_communes_2021",
    "registered_ntm_communes_19_criteria",
    "registered_ntm_communes_15_18_criteria",
    "registered_ntm_communes_13_14_criteria",
    "communes_advanced_ntm",
    "communes_advanced_ntm_pct",
    "registered_advanced_communes_2021",
    "registered_advanced_communes_2021_b",
    "registered_advanced_communes_2021_c",
    "registered_advanced_communes_2021_d",
    "registered_advanced_communes_20_criteria",
    "registered_advanced_communes_14_19_criteria",
    "registered_ntm_communes_2021_b",
    "districts_ntm_recognised",
    "districts_total",
    "communes_total_planning",
    "communes_total_electricity",
    "communes_total_culture",
    "communes_planning_reviewed",
    "wards_townships_total",
    "commune_level_units_total",
} | DISTRICT_BLOCK


def _is_fixed(code: str) -> bool:
    return (
        code in FIXED_BY_COMMUNES
        or code.startswith("communes_total_c")
        or code.startswith("communes_met_c")
    )


def _template_figures(ctx: Context, figures: dict[tuple[str, str], Figure]) -> None:
    """Every other template figure, scaled to the province and period."""
    catalogue = ctx.template.catalogue
    size = len(ctx.province.xa) / TEMPLATE_XA
    for row in ctx.template.rows:
        code = row["indicator"]
        if _is_fixed(code):
            continue
        area = (
            ctx.province.code
            if row["area"] == TEMPLATE_PROVINCE
            else ctx.district_map[row["area"]].code
        )
        unit = catalogue[code].unit
        decimals = decimals_of(row["as_written"]) if row["as_written"] else 0
        value = float(row["value"])
        if unit not in INTENSIVE_UNITS:
            value *= size * ctx.jitter.get(code, 1.0) * ctx.growth
        elif unit == "percent":
            value = min(99.0, value * (0.97 + 0.03 * ctx.jitter.get(code, 1.0)))
        if value > 0 and not catalogue.is_measure(unit):
            value = max(1.0, value)
        figures[(code, area)] = Figure(
            code,
            area,
            dec(value, decimals),
            decimals,
            row["section"],
            row["qualifier"],
            padded=bool(re.fullmatch(r"0\d", row["as_written"])),
            percent=row["as_written"].endswith("%"),
        )


def _fix_relations(ctx: Context, figures: dict[tuple[str, str], Figure], pools: dict) -> None:
    """Make the scaled template figures satisfy every relation of the catalogue."""
    catalogue = ctx.template.catalogue
    relations = catalogue.relations
    pinned: set[tuple[str, str]] = {k for k in figures if _is_fixed(k[0])}
    areas = sorted({a for _, a in figures})

    def get(code: str, area: str) -> Figure | None:
        return figures.get((code, area))

    def setv(fig: Figure, value: Decimal) -> bool:
        value = value.quantize(Decimal(1).scaleb(-fig.decimals), rounding=ROUND_HALF_UP)
        if value < 0:
            raise ValueError(f"negative value for {fig.indicator}")
        if value != fig.value:
            fig.value = value
            return True
        return False

    # listed counts cannot exceed what their list can name
    for relation in relations:
        if relation.kind != "listed":
            continue
        for area in areas:
            fig = get(str(relation.count), area)
            if fig is not None and (fig.indicator, area) not in pinned:
                cap = pools.get((str(relation.list), area))
                if cap is not None and fig.value > cap:
                    setv(fig, Decimal(cap))
    for _ in range(30):
        changed = False
        for relation in relations:
            kind = relation.kind
            for area in areas:
                if kind == "ratio":
                    num, den = get(relation.numerator, area), get(relation.denominator, area)
                    if num is None or den is None:
                        continue
                    if den.value == 0 and (den.indicator, area) not in pinned:
                        changed |= setv(den, Decimal(1))
                    if num.value > den.value:
                        if (den.indicator, area) not in pinned:
                            changed |= setv(den, num.value)
                        elif (num.indicator, area) not in pinned:
                            changed |= setv(num, den.value)
                            pinned.add((num.indicator, area))
                elif kind == "sum":
                    total = get(relation.total, area)
                    parts = [get(c, area) for c in relation.parts]
                    present = [p for p in parts if p is not None]
                    if total is None or not present:
                        continue
                    exhaustive = bool(relation.exhaustive)
                    if exhaustive and len(present) != len(parts):
                        continue
                    added = sum((p.value for p in present), Decimal(0))
                    total_free = (total.indicator, area) not in pinned
                    if exhaustive and added == total.value:
                        continue
                    if not exhaustive and added <= total.value:
                        continue
                    if total_free and (exhaustive or added > total.value):
                        total.decimals = max([total.decimals] + [p.decimals for p in present])
                        changed |= setv(total, added)
                        continue
                    free = [p for p in present if (p.indicator, area) not in pinned]
                    if not free:
                        raise ValueError(f"cannot satisfy {relation.id} at {area}")
                    last = max(free, key=lambda f: f.value)
                    rest = added - last.value
                    goal = total.value - rest
                    if goal < 0:  # shrink every free part in proportion
                        factor = total.value / added
                        for p in free:
                            changed |= setv(
                                p, (p.value * factor).to_integral_value(rounding="ROUND_FLOOR")
                            )
                        continue
                    if not exhaustive:
                        goal = min(goal, last.value)
                    changed |= setv(last, goal)
                elif kind == "equal":
                    stated = [get(c, area) for c in relation.indicators]
                    stated = [s for s in stated if s is not None]
                    if len(stated) < 2:
                        continue
                    anchor = next((s for s in stated if (s.indicator, area) in pinned), stated[0])
                    for s in stated:
                        if s is not anchor:
                            s.decimals = anchor.decimals
                            changed |= setv(s, anchor.value)
                elif kind == "product":
                    total = get(relation.total, area)
                    factors = [get(c, area) for c in relation.factors]
                    if total is None or any(f is None for f in factors):
                        continue
                    product = Decimal(str(relation.scale))
                    for f in factors:
                        product *= f.value
                    changed |= setv(total, product)
        if not changed:
            break
    else:
        raise RuntimeError("relations did not settle")
    # percentages and averages last, from the settled figures
    for relation in relations:
        for area in areas:
            if relation.kind == "ratio":
                num, den = get(relation.numerator, area), get(relation.denominator, area)
                pct = get(relation.percent, area)
                if None in (num, den, pct) or (pct.indicator, area) in pinned:
                    continue
                computed = float(num.value) / float(den.value) * 100
                setv(pct, round_half_up(computed, pct.decimals))
            elif relation.kind == "average_range":
                total, count = get(relation.total, area), get(relation.count, area)
                low, high = get(relation.low, area), get(relation.high, area)
                if None in (total, count, low, high) or count.value == 0:
                    continue
                average = total.value / count.value
                setv(low, Decimal(max(0, math.floor(average) - 1)))
                setv(high, Decimal(math.ceil(average) + 1))
    for relation in relations:  # restated percentages
        if relation.kind != "equal":
            continue
        for area in areas:
            stated = [get(c, area) for c in relation.indicators]
            stated = [s for s in stated if s is not None]
            for s in stated[1:]:
                s.decimals = stated[0].decimals
                setv(s, stated[0].value)


# --------------------------------------------------------------------------- lists


def _commune_pool(ctx: Context, area: str) -> list[Unit]:
    if area == ctx.province.code:
        return ctx.province.xa
    return next(d for d in ctx.province.districts if d.code == area).xa


def _list_rows(
    ctx: Context, figures: dict[tuple[str, str], Figure], rng: random.Random
) -> list[dict[str, str]]:
    """lists.csv rows of one province: named communes, districts and district criteria."""
    template = ctx.template
    p = ctx.province
    tau = ctx.tau
    counts = {str(r.list): str(r.count) for r in template.catalogue.relations if r.kind == "listed"}
    by_list: dict[tuple[str, str], list[dict[str, str]]] = {}
    for row in template.lists:
        by_list.setdefault((row["list"], row["area"]), []).append(row)
    communes = [ctx.communes[u.code] for u in p.xa]
    semantic: dict[str, list[Unit]] = {
        "registered_ntm_19_criteria_communes": [
            c.unit
            for c in communes
            if c.registered in ("ntm", "ntm_stretch") and c.criteria(tau) == TOP
        ],
        "advanced_ntm_communes": [c.unit for c in communes if c.advanced],
        "ntm_target_communes_2021": [c.unit for c in communes if c.registered == "ntm"],
        "ntm_stretch_communes_2021": [c.unit for c in communes if c.registered == "ntm_stretch"],
        "advanced_target_communes_2021": [c.unit for c in communes if c.registered == "advanced"],
        "advanced_stretch_communes_2021": [
            c.unit for c in communes if c.registered == "advanced_stretch"
        ],
    }
    out: list[dict[str, str]] = []

    def add(name: str, area: str, item: str, written: str, section: str, detail: str = "") -> None:
        out.append(
            {
                "list": name,
                "area": area,
                "item": item,
                "as_written": written,
                "detail": detail,
                "section": section,
            }
        )

    for (name, t_area), rows in by_list.items():
        section = rows[0]["section"]
        if name in ("district_criteria_met", "district_criteria_not_met"):
            continue  # written per district below
        area = p.code if t_area == TEMPLATE_PROVINCE else ctx.district_map[t_area].code
        count_code = counts.get(name)
        wanted = len(rows)
        if count_code is not None and (count_code, area) in figures:
            wanted = int(figures[(count_code, area)].value)
        elif name not in semantic:
            wanted = max(1, round(len(rows) * len(p.xa) / TEMPLATE_XA))
        if name == "recognised_ntm_districts":
            for d in p.districts:
                if d.recognised:
                    add(name, area, d.code, d.name, section)
            continue
        if len(rows[0]["item"]) == 3:  # districts
            pool = list(p.districts)
            for d in rng.sample(pool, min(wanted, len(pool))):
                add(name, area, d.code, d.name, section)
            continue
        if name in semantic:
            for u in semantic[name]:
                add(name, area, u.code, u.name, section)
            continue
        pool = _commune_pool(ctx, area)
        with_detail = any(r["detail"] and "resolved" not in r["detail"] for r in rows)
        if with_detail:  # model hamlets: one row per hamlet, several per commune allowed
            for i in range(wanted):
                u = pool[rng.randrange(len(pool))]
                add(name, area, u.code, u.name, section, f"ấp {i + 1}")
            continue
        for u in rng.sample(pool, min(wanted, len(pool))):
            add(name, area, u.code, u.name, section)
    names = template.criteria_names
    for d in p.districts:
        if d.recognised:
            continue
        met = [f"D{i:02d}" for i in range(1, d.criteria_met + 1)]
        missing = [f"D{i:02d}" for i in range(d.criteria_met + 1, DISTRICT_CRITERIA + 1)]
        for cid in met:
            add("district_criteria_met", d.code, cid, names[cid], "A.II.1")
        for cid in missing:
            add("district_criteria_not_met", d.code, cid, names[cid], "A.II.1")
    return out


def _list_pools(ctx: Context) -> dict[tuple[str, str], int]:
    """How many items each (list, area) can hold."""
    pools: dict[tuple[str, str], int] = {}
    for row in ctx.template.lists:
        area = (
            ctx.province.code
            if row["area"] == TEMPLATE_PROVINCE
            else ctx.district_map[row["area"]].code
        )
        if len(row["item"]) == 3:
            pools[(row["list"], area)] = len(ctx.province.districts)
        elif row["detail"] and "resolved" not in row["detail"]:
            pools[(row["list"], area)] = 10**9
        else:
            pools[(row["list"], area)] = len(_commune_pool(ctx, area))
    return pools


# --------------------------------------------------------------------------- periods and targets


def period_names(end: str, count: int, step: int) -> list[str]:
    """`count` periods YYYY-MM, `step` months apart, the last one `end`."""
    year, month = int(end[:4]), int(end[5:7])
    index = year * 12 + month - 1
    out = []
    for i in range(count - 1, -1, -1):
        k = index - i * step
        out.append(f"{k // 12:04d}-{k % 12 + 1:02d}")
    return out


def _months(period: str) -> int:
    return int(period[:4]) * 12 + int(period[5:7]) - 1


def _district_map(
    template: Template, province: Province, rng: random.Random
) -> dict[str, District]:
    """Template district codes → districts of the province (the target district is one still to
    be recognised; rice linkage etc. any district)."""
    codes = sorted({r["area"] for r in template.rows + template.lists if len(r["area"]) == 3})
    pending = [d for d in province.districts if not d.recognised and d.type == "huyen"]
    out: dict[str, District] = {}
    for code in codes:
        out[code] = pending[0] if code == "847" else rng.choice(province.districts)
    return out


@dataclass
class Dataset:
    """What was generated: sizes and the findings the engine must report."""

    provinces: list[Province]
    period_province: str
    periods: list[str]
    communes: dict[str, Commune]
    expected: dict[str, list[str]]
    rows: dict[str, int]


def _seed_errors(
    figures: dict[tuple[str, str], Figure], template: Template, count: int, area: str
) -> list[str]:
    """Break `count` exhaustive sums of whole counts (total +1); returns the finding ids."""
    catalogue = template.catalogue
    uses: dict[str, int] = {}
    for relation in catalogue.relations:
        for code in relation.indicator_codes():
            uses[code] = uses.get(code, 0) + 1
    ids = []
    for relation in catalogue.relations:
        if len(ids) == count:
            break
        if relation.kind != "sum" or not relation.exhaustive:
            continue
        total = str(relation.total)
        fig = figures.get((total, area))
        if (
            fig is None
            or uses.get(total) != 1
            or _is_fixed(total)
            or catalogue.is_measure(catalogue[total].unit)
            or fig.qualifier
            or any((p, area) not in figures for p in relation.parts)
        ):
            continue
        fig.value += 1
        ids.append(f"sum:{relation.id}:{area}")
    if len(ids) < count:
        raise ValueError(f"only {len(ids)} sums can carry a seeded error")
    return ids


def _targets(
    template: Template,
    year: int,
    area: str,
    district: str,
    track: dict[str, list[Decimal]],
    lists: dict[str, int],
) -> dict[str, Any]:
    """The template's targets, re-aimed above every value of the year (nothing already met)."""
    out = []
    for item in template.targets["targets"]:
        target = dict(item)
        target["area"] = district if item["area"] == "847" else area
        indicator = item["indicator"]
        seen = track.get(indicator, [])
        if indicator == "registered_ntm_communes_19_criteria":
            target["target"] = lists.get("ntm_target_communes_2021", 1)
            target["stretch"] = target["target"] + lists.get("ntm_stretch_communes_2021", 0)
        elif indicator == "registered_advanced_communes_20_criteria":
            target["target"] = lists.get("advanced_target_communes_2021", 1)
            target["stretch"] = target["target"] + lists.get("advanced_stretch_communes_2021", 0)
        elif indicator == "criteria_avg_per_commune" and seen:
            target["target"] = float(min(Decimal(TOP), max(seen) + Decimal("0.28")))
        elif indicator in ("hamlets_cultural_ntm_pct", "households_cultural_ntm_pct") and seen:
            target["target"] = float(min(Decimal(100), max(seen) + 1).to_integral_value())
        target["as_written"] = vn_number(
            Decimal(str(target["target"])), 2 if "avg" in indicator else 0
        )
        target["note"] = "synthetic target"
        out.append(target)
    return {"year": year, "section": template.targets.get("section", "C.I"), "targets": out}


def _jitter(rng: random.Random, codes: list[str], catalogue: Catalogue) -> dict[str, float]:
    """Size factor per indicator; a share's numerator follows its denominator (the template's
    share, give or take 2%, so shares do not pile up at 100%)."""
    out = {c: rng.uniform(0.85, 1.15) for c in codes}
    for relation in catalogue.relations:
        if relation.kind == "ratio":
            den, num = str(relation.denominator), str(relation.numerator)
            if den in out and num in out:
                out[num] = out[den] * rng.uniform(0.98, 1.0)
    return out


def _write_csv(path: Path, columns: list[str], rows: Iterable[dict[str, Any]]) -> int:
    n = 0
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow(row)
            n += 1
    return n


def generate(
    out: Path,
    scale: int = 1,
    nationwide: bool = False,
    periods: int = 12,
    step: int = 1,
    end: str = "2021-09",
    seed: int = 0,
    errors: int = 0,
    template_dir: Path = TEMPLATE_DATA,
) -> Dataset:
    """Write a synthetic data folder into `out` (created; must not hold a data folder)."""
    rng = random.Random(seed)
    template = read_template(template_dir)
    provinces, period_province = build_geography(rng, scale, nationwide)
    communes = simulate_communes(rng, provinces)
    names = period_names(end, periods, step)
    first = _months(names[0])
    out = Path(out)
    (out / "reference" / "criteria").mkdir(parents=True, exist_ok=True)
    (out / "periods").mkdir(exist_ok=True)
    (out / "targets").mkdir(exist_ok=True)
    shutil.copy(template_dir / "reference" / "indicators.yml", out / "reference")
    shutil.copy(template_dir / "reference" / "quality.yml", out / "reference")
    shutil.copy(template_dir / "reference" / "sections.yml", out / "reference")
    shutil.copy(
        template_dir / "reference" / "criteria" / "2016-2020.yml", out / "reference" / "criteria"
    )
    unit_rows = [
        {
            "province_code": p.code,
            "province_name": p.name,
            "district_code": d.code,
            "district_name": d.name,
            "district_type": d.type,
            "unit_code": u.code,
            "unit_name": u.name,
            "unit_type": u.type,
        }
        for p in provinces
        for d in p.districts
        for u in d.units
    ]
    _write_csv(out / "reference" / "admin_units.csv", list(unit_rows[0]), unit_rows)
    maps = {p.code: _district_map(template, p, rng) for p in provinces}
    codes = [r["indicator"] for r in template.rows]
    jitter = {p.code: _jitter(rng, codes, template.catalogue) for p in provinces}
    expected: dict[str, list[str]] = {}
    sizes: dict[str, int] = {}
    track: dict[int, dict[str, list[Decimal]]] = {}
    year_lists: dict[int, dict[str, int]] = {}
    first_province = provinces[0]
    for period in names:
        tau = _months(period) - first
        year = int(period[:4])
        folder = out / "periods" / period
        folder.mkdir(parents=True, exist_ok=True)
        obs_rows: list[dict[str, str]] = []
        list_rows: list[dict[str, str]] = []
        period_expected: list[str] = []
        for province in provinces:
            ctx = Context(
                province,
                communes,
                tau,
                year,
                template,
                maps[province.code],
                jitter[province.code],
                0.8 + 0.4 * (int(period[5:7]) / 12),
            )
            figures: dict[tuple[str, str], Figure] = {}
            _commune_figures(ctx, figures)
            _template_figures(ctx, figures)
            _fix_relations(ctx, figures, _list_pools(ctx))
            if errors and province is first_province:
                period_expected += _seed_errors(figures, template, errors, province.code)
            list_rng = random.Random(f"{seed}:{province.code}:{period}")
            list_rows += _list_rows(ctx, figures, list_rng)
            for fig in figures.values():
                obs_rows.append(
                    {
                        "indicator": fig.indicator,
                        "area": fig.area,
                        "value": machine(fig.value),
                        "as_written": fig.written(),
                        "qualifier": fig.qualifier,
                        "section": fig.section,
                        "provenance": "reported",
                        "note": "",
                    }
                )
            if province is first_province:
                for code in (
                    "criteria_avg_per_commune",
                    "hamlets_cultural_ntm_pct",
                    "households_cultural_ntm_pct",
                ):
                    fig = figures.get((code, province.code))
                    if fig is not None:
                        for y in (year, year + 1):  # a December period is next year's baseline
                            track.setdefault(y, {}).setdefault(code, []).append(fig.value)
                year_lists[year] = {}
                for row in list_rows:
                    if row["area"] == province.code:
                        key = row["list"]
                        year_lists[year][key] = year_lists[year].get(key, 0) + 1
        sizes[f"{period}/indicators.csv"] = _write_csv(
            folder / "indicators.csv",
            [
                "indicator",
                "area",
                "value",
                "as_written",
                "qualifier",
                "section",
                "provenance",
                "note",
            ],
            obs_rows,
        )
        sizes[f"{period}/lists.csv"] = _write_csv(
            folder / "lists.csv",
            ["list", "area", "item", "as_written", "detail", "section"],
            list_rows,
        )
        commune_rows = []
        for province in provinces:
            for district in province.districts:
                for unit in district.xa:
                    c = communes[unit.code]
                    lo, hi, status = c.shown(tau)
                    commune_rows.append(
                        {
                            "code": unit.code,
                            "district_code": district.code,
                            "name": unit.name,
                            "criteria_min": lo,
                            "criteria_max": hi,
                            "ntm_status": status,
                            "advanced_status": "recognised" if c.advanced else "not_recognised",
                            "registered": c.registered,
                            "provenance": "derived" if lo != hi else "reported",
                            "note": "synthetic" if lo == hi else "synthetic: shown as an interval",
                        }
                    )
        sizes[f"{period}/communes.csv"] = _write_csv(
            folder / "communes.csv", list(commune_rows[0]), commune_rows
        )
        district_rows, criteria_rows = [], []
        for province in provinces:
            for d in province.districts:
                district_rows.append(
                    {
                        "code": d.code,
                        "ntm_status": "recognised" if d.recognised else "not_recognised",
                        "ntm_plan_year": "" if d.recognised else str(year + d.plan_year_offset),
                        "plan_qualifier": ""
                        if d.recognised
                        else ("before" if d.plan_before else "by"),
                        "provenance": "reported",
                        "note": "",
                    }
                )
                for i in range(1, DISTRICT_CRITERIA + 1):
                    criteria_rows.append(
                        {
                            "district_code": d.code,
                            "criterion": f"D{i:02d}",
                            "met": "yes" if i <= d.criteria_met else "no",
                            "provenance": "reported",
                            "note": "",
                        }
                    )
        _write_csv(folder / "districts.csv", list(district_rows[0]), district_rows)
        _write_csv(folder / "district_criteria.csv", list(criteria_rows[0]), criteria_rows)
        baseline = f"{year - 1}-12"
        meta = {
            "period": period,
            "label": {
                "vi": f"Đến tháng {int(period[5:7])}/{year}",
                "en": f"Up to {period} (synthetic)",
            },
            "province": period_province,
            "criteria_set": "2016-2020",
            "commune_universe": "xa",
            "source": {"title": f"synthetic data (bench/synthetic.py, seed {seed})"},
        }
        if baseline in names:
            meta["baseline"] = baseline
        (folder / "period.yml").write_text(
            yaml.safe_dump(meta, allow_unicode=True, sort_keys=False), "utf-8"
        )
        expected[period] = sorted(period_expected)
    first_pending = maps[first_province.code]["847"].code
    area = period_province
    for year in sorted({int(p[:4]) for p in names}):
        targets = _targets(
            template, year, area, first_pending, track.get(year, {}), year_lists.get(year, {})
        )
        (out / "targets" / f"{year}.yml").write_text(
            yaml.safe_dump(targets, allow_unicode=True, sort_keys=False), "utf-8"
        )
    _expect_stale(out, names, period_province, expected)
    dataset = Dataset(provinces, period_province, names, communes, expected, sizes)
    manifest = {
        "generator": "bench/synthetic.py",
        "scale": scale,
        "nationwide": nationwide,
        "seed": seed,
        "periods": names,
        "province": period_province,
        "provinces": len(provinces),
        "districts": sum(len(p.districts) for p in provinces),
        "units": sum(len(p.units) for p in provinces),
        "xa": sum(len(p.xa) for p in provinces),
        "rows": sizes,
        "expected_findings": expected,
    }
    (out / "synthetic.json").write_text(json.dumps(manifest, indent=1, ensure_ascii=False), "utf-8")
    return dataset


def _expect_stale(out: Path, names: list[str], province: str, expected: dict) -> None:
    """Add the stale-figures warning where the package's rule fires. Counts of communes and
    criteria per district do not change from one month to the next; in a province with many
    districts (16×) they are most of the figures, and the check rightly says so."""
    from ntm_analysis.quality.stale import load_settings, unchanged_figures

    rule = load_settings(out / "reference").stale_figures
    frames = {
        period: pd.read_csv(
            out / "periods" / period / "indicators.csv",
            dtype={"area": str, "indicator": str},
            usecols=["indicator", "area", "value"],
        )
        for period in names
    }
    for before, period in itertools.pairwise(names):
        shared, same = unchanged_figures(frames[period], frames[before])
        if shared >= rule.min_common and same >= rule.share_unchanged * shared:
            expected[period] = sorted([*expected[period], f"stale:figures:{province}"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, required=True, help="data folder to write")
    size = parser.add_mutually_exclusive_group()
    size.add_argument("--scale", type=int, default=1, help="province size, 1 = the template's")
    size.add_argument("--nationwide", action="store_true", help="63 provinces, ~10,600 units")
    parser.add_argument("--periods", type=int, default=12)
    parser.add_argument("--step", type=int, default=1, choices=(1, 3), help="months apart")
    parser.add_argument("--end", default="2021-09", help="last period, YYYY-MM")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--errors", type=int, default=0, help="inconsistencies to seed")
    args = parser.parse_args(argv)
    if args.out.exists() and any(args.out.iterdir()):
        parser.error(f"{args.out} is not empty")
    data = generate(
        args.out,
        scale=1 if args.nationwide else args.scale,
        nationwide=args.nationwide,
        periods=args.periods,
        step=args.step,
        end=args.end,
        seed=args.seed,
        errors=args.errors,
    )
    units = sum(len(p.units) for p in data.provinces)
    print(
        f"{args.out}: {len(data.provinces)} province(s), "
        f"{sum(len(p.districts) for p in data.provinces)} districts, {units} units, "
        f"{len(data.communes)} xã, periods {data.periods[0]}…{data.periods[-1]}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
