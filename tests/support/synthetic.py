"""Synthetic data folders at a chosen size, for the scale benchmark and its tests.

A folder holds the template's reference files (catalogue, criteria set, quality settings),
administrative units, periods and targets. `simulation.py` makes the units (the template
province, `scale` copies of it, or the 2021 map of the country) and the districts and xã over
the months. Here each province takes the template period's figures and lists, scaled to its
size and month (a district still to go takes those of a template district still to go), and
`consistency.py` makes them agree with the simulated tables and with each other through the
package's own checks. Then `errors` sums of the first province are broken on purpose:
`synthetic.json` lists the findings the engine must report, with the stale-figures warning
where the package's rule fires. The targets are the template's, re-aimed where a figure
already reaches them.
"""

from __future__ import annotations

import itertools
import json
import random
import shutil
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import pandas as pd
import yaml

from ntm_analysis.dataset.catalogue import Catalogue, load_catalogue
from ntm_analysis.dataset.reference import CriteriaSet, load_criteria_set
from ntm_analysis.quality.stale import load_settings, unchanged_figures
from ntm_analysis.quality.tables import match_interval
from ntm_analysis.text.numbers import decimals_of
from tests.support.consistency import Figure, Key, models, pin, recounts, seed_errors, settle
from tests.support.simulation import make_units, read_table, simulate, tables

TEMPLATE_DATA = Path(__file__).resolve().parents[2] / "data"
TEMPLATE_PERIOD = "2021-09"
# Units whose values do not grow with the size of a province.
INTENSIVE = {
    *("percent", "year", "months", "cm", "kg_per_hour", "tonnes_per_ha", "criteria_per_commune"),
    *("members_per_district", "members_per_group", "households_per_commune"),
    *("items_per_household", "million_vnd_per_household_month", "vnd_per_household_month"),
}
# Lists naming rows of a table, besides those whose `listed` count a table relation recounts.
TABLE_LISTS = {
    "district_criteria_not_met": ("district_criteria", {"met": "no"}, None),
    "ntm_target_communes_2021": ("communes", {"registered": "ntm"}, None),
    "ntm_stretch_communes_2021": ("communes", {"registered": "ntm_stretch"}, None),
    "advanced_target_communes_2021": ("communes", {"registered": "advanced"}, None),
    "advanced_stretch_communes_2021": ("communes", {"registered": "advanced_stretch"}, None),
}


@dataclass
class Template:
    """The real period the synthetic figures are modelled on."""

    meta: dict  # its period.yml
    rows: dict[str, list[dict]]  # indicators.csv rows by area
    lists: dict[tuple[str, str], tuple]  # (list, area) -> items, section, of districts, detail
    targets: dict
    catalogue: Catalogue
    pending: list[str]  # district areas with figures or lists: not yet recognised, recognised
    recognised: list[str]
    xa: int


def read_template(data_dir: Path = TEMPLATE_DATA, period: str = TEMPLATE_PERIOD) -> Template:
    folder = data_dir / "periods" / period
    rows, lists = read_table(folder / "indicators.csv"), read_table(folder / "lists.csv")
    status = read_table(folder / "districts.csv").set_index("code")["ntm_status"]
    areas = sorted(set(rows["area"]) | set(lists["area"]))
    return Template(
        yaml.safe_load((folder / "period.yml").read_text("utf-8")),
        {area: group.to_dict("records") for area, group in rows.groupby("area")},
        {
            key: (
                len(g),
                g["section"].iloc[0],
                g["item"].str.len().eq(3).all(),
                g["detail"].ne("").any(),
            )
            for key, g in lists.groupby(["list", "area"])
        },
        yaml.safe_load((data_dir / "targets" / f"{period[:4]}.yml").read_text("utf-8")),
        load_catalogue(data_dir / "reference"),
        [a for a in areas if status.get(a) == "not_recognised"],
        [a for a in areas if status.get(a) == "recognised"],
        len(read_table(folder / "communes.csv")),
    )


# --------------------------------------------------------------------------- one province


@dataclass
class Province:
    """What a province's figures and lists are drawn from, the same in every period."""

    code: str
    roles: dict[str, str]  # its area and districts -> the template area whose rows they take
    size: float  # its xã / the template's
    jitter: dict[str, float]  # size factor per indicator
    districts: list[str]


def plan_province(template: Template, code: str, sim, rng: random.Random) -> Province:
    districts, communes = sim
    own = districts[districts["province"] == code]
    with_xa = set(communes.loc[communes["province"] == code, "district_code"])
    pending = [d for d in own.index if not own.at[d, "recognised"]]
    done = [d for d in own.index if own.at[d, "recognised"] and d in with_xa]
    roles = {code: template.meta["province"]}
    roles |= {d: template.pending[i % len(template.pending)] for i, d in enumerate(pending)}
    roles |= {d: template.recognised[i % len(template.recognised)] for i, d in enumerate(done)}
    codes = sorted({row["indicator"] for rows in template.rows.values() for row in rows})
    jitter = {c: rng.uniform(0.85, 1.15) for c in codes}
    for m in models(template.catalogue, "ratio"):  # a share's numerator follows its denominator
        jitter[m.numerator] = jitter[m.denominator] * rng.uniform(0.98, 1.0)
    size = (communes["province"] == code).sum() / template.xa
    return Province(code, roles, size, jitter, sorted(own.index))


def scaled_figures(template: Template, province: Province, month: int) -> dict[Key, Figure]:
    """The template's figures for every area of the province, scaled to its size and month."""
    out = {}
    for area, role in province.roles.items():
        for row in template.rows.get(role, []):
            code, style = row["indicator"], row["as_written"]
            unit, value, jitter = template.catalogue[code].unit, float(row["value"]), 1.0
            if unit not in INTENSIVE:
                jitter = province.size * province.jitter[code] * (0.8 + 0.4 * month / 12)
            elif unit != "year":
                jitter = (0.97 + 0.03 * province.jitter[code]) * (0.99 + 0.02 * month / 12)
            value = min(value * jitter, 99.0) if unit == "percent" else value * jitter
            if value > 0 and not template.catalogue.is_measure(unit):
                value = max(1.0, value)
            figure = Figure(Decimal(0), decimals_of(style), style, row["qualifier"], row["section"])
            figure.set(value)
            out[(code, area)] = figure
    return out


def table_lists(catalogue: Catalogue, tables: dict) -> dict[str, dict[str, list[str]]]:
    """Items of the lists that name a table's rows (TABLE_LISTS, and lists whose `listed`
    count a table relation recounts), by district and by province."""
    recount = {m.indicator: m for m in models(catalogue, "table_count")}
    wanted = dict(TABLE_LISTS)
    for listed in models(catalogue, "listed"):
        if listed.count in recount:
            m = recount[listed.count]
            wanted[listed.list] = (m.table, m.where or {}, m.criteria)
    out = {}
    for name, (table, where, criteria) in wanted.items():
        frame = tables["true" if table == "communes" else table]
        chosen = frame[match_interval(frame, where, criteria)[0]]
        item = chosen["criterion" if table == "district_criteria" else "code"]
        district = chosen["code" if table == "districts" else "district_code"]
        out[name] = defaultdict(list)
        for code, d, p in zip(item, district, chosen["province"], strict=True):
            out[name][d].append(code)
            out[name][p].append(code)
    return out


def make_lists(template, province: Province, named: dict, pools: dict, rng) -> list[tuple]:
    """(list, area, item, detail, section) of one province: a table list names its rows;
    another as many communes or districts as the template's list (scaled to the province's
    size when it is the province's), drawn at random."""
    out = []
    for (name, role), (count, section, of_districts, detail) in template.lists.items():
        for area in [a for a, r in province.roles.items() if r == role]:
            if name in named:
                items = [(item, "") for item in named[name][area]]
            else:
                wanted = max(1, round(count * (province.size if area == province.code else 1)))
                pool = province.districts if of_districts else pools[area]
                if detail:  # e.g. model hamlets, several in one commune
                    items = [(c, f"ấp {i + 1}") for i, c in enumerate(rng.choices(pool, k=wanted))]
                else:
                    items = [(c, "") for c in rng.sample(pool, min(wanted, len(pool)))]
            out += [(name, area, item, text, section) for item, text in items]
    return out


# --------------------------------------------------------------------------- periods, targets


def period_names(end: str, count: int, step: int) -> list[str]:
    """`count` periods YYYY-MM, `step` months apart, the last one `end`."""
    last = int(end[:4]) * 12 + int(end[5:7]) - 1
    return [
        f"{k // 12:04d}-{k % 12 + 1:02d}" for k in range(last - (count - 1) * step, last + 1, step)
    ]


def make_targets(template: Template, year: int, areas: dict[str, str], seen: dict) -> dict:
    """The template's targets at the folder's areas; one that a figure of the year or its
    baseline already reaches is re-aimed just beyond it (or left out when it cannot be)."""
    out = []
    for item in template.targets["targets"]:
        target = {**item, "area": areas.get(item["area"], item["area"])}
        values = seen.get((item["indicator"], target["area"]), [])
        at_least = item["direction"] == "at_least"
        if values and (
            max(values) >= item["target"] if at_least else min(values) <= item["target"]
        ):
            decimals = decimals_of(item["as_written"])
            step = Decimal(1).scaleb(-decimals)
            aim = max(values) + step if at_least else min(values) - step
            if aim < 0 or (template.catalogue[item["indicator"]].unit == "percent" and aim > 100):
                continue
            figure = Figure(aim, decimals, item["as_written"])
            figure.set(aim)
            target["target"] = float(aim) if decimals else int(aim)
            if item.get("stretch") is not None:
                target["stretch"] = target["target"] + (item["stretch"] - item["target"])
            target["as_written"] = figure.text if item["as_written"] else ""
        out.append(target)
    return {**template.targets, "year": year, "targets": out}


def expect_stale(out: Path, names: list[str], area: str, expected: dict) -> None:
    """Add the stale-figures warning where the package's rule fires (a province of many
    districts repeats most of its commune counts from one month to the next)."""
    rule = load_settings(out / "reference").stale_figures
    frames = {p: read_table(out / "periods" / p / "indicators.csv") for p in names}
    for before, period in itertools.pairwise(names):
        common, same = unchanged_figures(frames[period], frames[before])
        if common >= rule.min_common and same >= rule.share_unchanged * common:
            expected[period] = sorted([*expected[period], f"stale:figures:{area}"])


def _write(path: Path, rows: pd.DataFrame | list, columns: list[str] | None = None) -> int:
    frame = rows if isinstance(rows, pd.DataFrame) else pd.DataFrame(rows, columns=columns)
    frame.to_csv(path, index=False, lineterminator="\n")
    return len(frame)


def _period_yml(template: Template, period: str, area: str, baseline: str | None, seed: int):
    meta = {
        "period": period,
        "label": {"vi": f"Đến tháng {period[5:]}/{period[:4]}", "en": f"Up to {period}"},
        "province": area,
        "criteria_set": template.meta["criteria_set"],
        "commune_universe": template.meta["commune_universe"],
        "source": {"title": f"synthetic data (tests/support/synthetic.py, seed {seed})"},
    }
    return yaml.safe_dump(meta | ({"baseline": baseline} if baseline else {}), allow_unicode=True)


# --------------------------------------------------------------------------- the folder


@dataclass
class World:
    """What every period of a folder is drawn from."""

    template: Template
    criteria: CriteriaSet
    sim: tuple[pd.DataFrame, pd.DataFrame]  # simulation.simulate: districts, xã
    provinces: list[Province]
    names: dict[str, str]  # unit, district and criterion codes -> names
    pools: dict[str, list[str]]  # the xã of each district and province
    seed: int
    errors: int
    seen: dict = field(default_factory=lambda: defaultdict(lambda: defaultdict(list)))


def make_period(world: World, period: str, tau: int) -> tuple[list, list, list, dict]:
    """The observations, list rows, findings to expect and tables of one period."""
    year, month = int(period[:4]), int(period[5:7])
    catalogue, top = world.template.catalogue, len(world.criteria.commune)
    every = tables(world.sim, tau, year, world.criteria.district, top)
    recounted, named = recounts(catalogue, every), table_lists(catalogue, every)
    observations, lists, expected = [], [], []
    for province in world.provinces:
        rng = random.Random(f"{world.seed}:{province.code}:{period}")
        these = make_lists(world.template, province, named, world.pools, rng)
        figures = scaled_figures(world.template, province, month)
        pinned = pin(catalogue, figures, recounted, these)
        settle(catalogue, figures, pinned)
        if world.errors and province is world.provinces[0]:
            expected = sorted(seed_errors(catalogue, figures, pinned, world.errors, province.code))
        for key, f in figures.items():
            for y in (year, year + 1) if month == 12 else (year,):  # December: a baseline
                world.seen[y][key].append(f.value)
            value = format(f.value.normalize(), "f")
            observations.append((*key, value, f.text, f.qualifier, f.section, "reported"))
        lists += [(n, a, item, world.names[item], d, s) for n, a, item, d, s in these]
    return observations, lists, expected, every


def write_period(folder: Path, observations: list, lists: list, every: dict) -> dict[str, int]:
    """The period's CSV files; their row counts."""
    folder.mkdir(parents=True)
    columns = ["indicator", "area", "value", "as_written", "qualifier", "section", "provenance"]
    sizes = {"indicators.csv": _write(folder / "indicators.csv", observations, columns)}
    columns = ["list", "area", "item", "as_written", "detail", "section"]
    sizes["lists.csv"] = _write(folder / "lists.csv", lists, columns)
    for name in ("communes", "districts", "district_criteria"):
        _write(folder / f"{name}.csv", every[name].drop(columns="province"))
    return {f"{folder.name}/{name}": n for name, n in sizes.items()}


def make_world(template_dir: Path, units: pd.DataFrame, seed: int, errors: int) -> World:
    rng, template = random.Random(seed), read_template(template_dir)
    criteria = load_criteria_set(template_dir / "reference", template.meta["criteria_set"])
    sim = simulate(units, rng, len(criteria.commune))
    provinces = [plan_province(template, p, sim, rng) for p in sorted(set(units.province_code))]
    names = dict(zip(units["unit_code"], units["unit_name"], strict=True))
    names |= dict(zip(units["district_code"], units["district_name"], strict=True))
    names |= {c.id: c.name("vi") for c in criteria.district}
    pools = defaultdict(list)
    for code, district, province in sim[1][["district_code", "province"]].itertuples():
        pools[district].append(code)
        pools[province].append(code)
    return World(template, criteria, sim, provinces, names, pools, seed, errors)


def generate(
    out: Path,
    scale: int = 1,
    nationwide: bool = False,
    periods: int = 12,
    step: int = 1,
    end: str = TEMPLATE_PERIOD,
    seed: int = 0,
    errors: int = 0,
    template_dir: Path = TEMPLATE_DATA,
) -> dict:
    """Write a synthetic data folder into `out`; returns its manifest (also `synthetic.json`)."""
    out = Path(out)
    units, own_area = make_units(template_dir, scale, nationwide)
    world = make_world(template_dir, units, seed, errors)
    (out / "reference" / "criteria").mkdir(parents=True)
    for name in (
        "indicators.yml",
        "quality.yml",
        "sections.yml",
        "outlook.yml",
        f"criteria/{world.criteria.id}.yml",
    ):
        shutil.copy(template_dir / "reference" / name, out / "reference" / name)
    _write(out / "reference" / "admin_units.csv", units)
    months = period_names(end, periods, step)
    expected, sizes = {}, {}
    for period in months:
        tau = (int(period[:4]) - int(months[0][:4])) * 12 + int(period[5:]) - int(months[0][5:])
        observations, lists, expected[period], every = make_period(world, period, tau)
        sizes |= write_period(out / "periods" / period, observations, lists, every)
        baseline = f"{int(period[:4]) - 1}-12"
        baseline = baseline if baseline in months else None
        meta = _period_yml(world.template, period, own_area, baseline, seed)
        (out / "periods" / period / "period.yml").write_text(meta)
    # the targets' areas: the template's province and districts -> the first province's
    areas = {role: a for a, role in reversed(world.provinces[0].roles.items())}
    areas[world.template.meta["province"]] = own_area
    (out / "targets").mkdir()
    for year in sorted({int(p[:4]) for p in months}):
        targets = make_targets(world.template, year, areas, world.seen[year])
        (out / "targets" / f"{year}.yml").write_text(yaml.safe_dump(targets, allow_unicode=True))
    expect_stale(out, months, own_area, expected)
    manifest = {
        **dict(generator="tests/support/synthetic.py", scale=scale, nationwide=nationwide),
        **dict(seed=seed, periods=months, province=own_area, provinces=len(world.provinces)),
        **dict(districts=units["district_code"].nunique(), units=len(units), xa=len(world.sim[1])),
        **dict(rows=sizes, expected_findings=expected),
    }
    (out / "synthetic.json").write_text(json.dumps(manifest, indent=1, ensure_ascii=False))
    return manifest
