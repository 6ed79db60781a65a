"""The simulated world of a synthetic data folder: administrative units, and districts and
xã whose criteria, NTM recognition and registration move over the months.

- Units: the template province's units, `scale` renumbered copies of them (one province
  `scale` times as large), or the 2021 map of the whole country.
- Districts: about half recognised NTM (one rural district per province always still to go),
  the others meeting 4–8 of the 9 district criteria.
- Xã of a district still to go: 62% at 19 criteria, 20% at 15–18, 18% at 10–14, gaining one
  criterion every 4, 6 or 12 months (or none); recognised some months after reaching 19. Each
  province registers ~13% of its xã for NTM this year and ~24% for advanced NTM; ~13% are
  advanced already. The communes table shows a few as intervals, as the real period does.
"""

from __future__ import annotations

import random
from pathlib import Path

import pandas as pd

from ntm_analysis.dataset.reference import UNIT_COLUMNS

NATIONAL = "00"
NTM = ("ntm", "ntm_stretch")  # registered for NTM this year: recognition is still ahead


def read_table(path: Path) -> pd.DataFrame:
    """A CSV file as text, empty cells as empty strings."""
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def make_units(template_dir: Path, scale: int, nationwide: bool) -> tuple[pd.DataFrame, str]:
    """The folder's administrative units and the periods' own area code."""
    if nationwide:
        units = read_table(template_dir / "reference" / "admin_units" / "2021.csv")
        return units[UNIT_COLUMNS], NATIONAL
    base = read_table(template_dir / "reference" / "admin_units.csv")[UNIT_COLUMNS]
    number = {code: n for n, code in enumerate(sorted(set(base["district_code"])))}
    copies = [base] if scale == 1 else []
    for k in range(scale if scale > 1 else 0):
        copy = base.copy()
        copy["district_code"] = [
            f"{100 + k * len(number) + number[d]:03d}" for d in copy.district_code
        ]
        copy["district_name"] += f" {k + 1}"
        copy["unit_code"] = [f"{10_000 + k * len(base) + i:05d}" for i in range(len(base))]
        copies.append(copy)
    return pd.concat(copies, ignore_index=True), base["province_code"].iloc[0]


def simulate(units: pd.DataFrame, rng: random.Random, top: int) -> tuple[pd.DataFrame, ...]:
    """Districts (recognised, criteria met, plan year) and xã (criteria at the start, months
    per criterion gained, months from 19 criteria to recognition, registration, how shown)."""
    xa = units[units["unit_type"] == "xa"]
    with_xa, districts, communes = set(xa["district_code"]), {}, {}
    for province, group in units.groupby("province_code", sort=True):
        rural = set(group.loc[group["district_type"] == "huyen", "district_code"]) & with_xa
        for code in sorted(set(group["district_code"])):  # one rural district always to go
            done = code not in with_xa or (code != min(rural, default="") and rng.random() < 0.5)
            met, offset, before = rng.randint(4, 8), rng.randint(0, 2), rng.random() < 0.15
            districts[code] = dict(province=province, recognised=done, met=9 if done else met)
            districts[code] |= dict(plan_offset=offset, before=before)
    for unit in xa.sort_values("unit_code").itertuples():
        start, months, lag = top, 0, 0
        if not districts[unit.district_code]["recognised"]:
            roll = rng.random()
            if roll >= 0.62:
                start = rng.randint(15, top - 1) if roll < 0.82 else rng.randint(10, 14)
            months, lag = rng.choice((0, 0, 12, 6, 4)), rng.randint(0, 4)
        communes[unit.unit_code] = {
            **dict(district_code=unit.district_code, province=unit.province_code),
            **dict(name=unit.unit_name, start=start, months=months, lag=lag),
            **dict(registered="", advanced=False, hidden=""),
        }
    for _, codes in xa.groupby("province_code")["unit_code"]:
        _register(sorted(codes), communes, districts, rng, top)
    return tuple(pd.DataFrame.from_dict(t, orient="index") for t in (districts, communes))


def _register(codes: list[str], communes: dict, districts: dict, rng, top: int) -> None:
    """One province's registrations (~13% of xã for NTM this year, ~24% for advanced NTM),
    advanced communes (~13%) and communes the table shows as intervals."""
    pending = [c for c in codes if not districts[communes[c]["district_code"]]["recognised"]]
    candidates = [c for c in pending if 13 <= communes[c]["start"] < top]
    at_top = [c for c in pending if communes[c]["start"] == top]
    rng.shuffle(candidates)
    rng.shuffle(at_top)
    n = max(4, round(0.13 * len(codes)))
    for i, code in enumerate(candidates[:n] + at_top[: max(1, n // 4)]):
        communes[code].update(registered=NTM[i % 4 == 3], months=0)
    done = [c for c in codes if communes[c]["start"] == top and not communes[c]["registered"]]
    rng.shuffle(done)
    n_adv = max(1, round(0.13 * len(codes)))
    for code in done[:n_adv]:
        communes[code]["advanced"] = True
    for i, code in enumerate(done[n_adv : n_adv + max(2, round(0.235 * len(codes)))]):
        communes[code]["registered"] = ("advanced", "advanced_stretch")[i % 2]
    for code in codes:
        c = communes[code]
        if c["registered"] in NTM and c["start"] < top:
            c["hidden"] = "band" if rng.random() < 0.5 else ""
        elif not c["registered"] and not c["advanced"] and code in pending:
            c["hidden"] = "unknown" if rng.random() < 0.05 else ""


def _status(flags: pd.Series) -> pd.Series:
    return flags.map({True: "recognised", False: "not_recognised"})


def tables(sim: tuple[pd.DataFrame, ...], tau: int, year: int, criteria, top: int) -> dict:
    """The tables at month `tau`: `true` communes (exact), `communes` as written, `districts`,
    `district_criteria`; each with a `province` column (not written)."""
    districts, c = sim
    months = c["months"].where(c["months"] > 0)
    value = (c["start"] + (tau // months).fillna(0)).clip(upper=top).astype(int)
    reached = (c["start"] == top) | (tau >= ((top - c["start"]) * months + c["lag"]).fillna(1e9))
    true = pd.DataFrame(
        {
            **dict(code=c.index, district_code=c["district_code"], name=c["name"]),
            **dict(criteria_min=value, criteria_max=value),
            "ntm_status": _status(reached & ~c["registered"].isin(NTM)),
            **dict(advanced_status=_status(c["advanced"]), registered=c["registered"]),
            **dict(provenance="reported", note="synthetic", province=c["province"]),
        }
    )
    shown = true.copy()
    band = (c["hidden"] == "band") & (value < top)
    shown.loc[band, ["criteria_min", "criteria_max", "provenance"]] = (13, 18, "derived")
    unknown = c["hidden"] == "unknown"
    shown.loc[unknown, ["criteria_min", "ntm_status", "provenance"]] = (10, "unknown", "derived")
    shown.loc[unknown, "criteria_max"] = top
    pending = ~districts["recognised"]
    plan = districts["before"].map({True: "before", False: "by"})
    district_table = pd.DataFrame(
        {
            "code": districts.index,
            "ntm_status": _status(districts["recognised"]),
            "ntm_plan_year": (year + districts["plan_offset"]).astype(str).where(pending, ""),
            **dict(plan_qualifier=plan.where(pending, ""), provenance="reported", note=""),
            "province": districts["province"],
        }
    )
    met = [
        (code, criterion.id, "yes" if i < districts.at[code, "met"] else "no", "reported", "")
        for code in districts.index
        for i, criterion in enumerate(criteria)
    ]
    met = pd.DataFrame(met, columns=["district_code", "criterion", "met", "provenance", "note"])
    met["province"] = districts.loc[met["district_code"], "province"].to_numpy()
    return dict(true=true, communes=shown, districts=district_table, district_criteria=met)
