"""What writing or importing a period's workbook needs, for a period that may have no figures yet
(a scaffolded period): its metadata, the reference data, its tables, and the previous period."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from ntm_analysis.cycle.rows import Pair
from ntm_analysis.dataset.catalogue import Catalogue, load_catalogue
from ntm_analysis.dataset.files import read_csv_text, read_yaml, require_keys
from ntm_analysis.dataset.outline import Outline, load_outline
from ntm_analysis.dataset.paths import (
    PeriodFolder,
    check_period,
    find_period,
    period_dir,
    period_files,
    previous_period,
)
from ntm_analysis.dataset.period import PeriodData, load_period, load_period_meta
from ntm_analysis.dataset.period_units import load_period_units
from ntm_analysis.dataset.reference import CriteriaSet, load_criteria_set
from ntm_analysis.dataset.reporting_period import Period
from ntm_analysis.dataset.targets import Target, load_targets
from ntm_analysis.errors import InputError
from ntm_analysis.i18n import N_


@dataclass
class Context:
    """A period to fill: metadata, reference data, its tables and the previous period."""

    period: str
    data_dir: Path
    folder: Path
    meta: dict[str, Any]
    units: pd.DataFrame
    catalogue: Catalogue
    criteria: CriteriaSet
    communes: pd.DataFrame
    lists: pd.DataFrame
    districts: pd.DataFrame
    district_criteria: pd.DataFrame
    observations: pd.DataFrame | None
    previous: PeriodData | None
    targets: list[Target] = field(default_factory=list)
    outline: Outline | None = None  # the report's outline: the order and names of the sheets
    place: PeriodFolder | None = None  # where the period lives (dataset/paths.py)

    @property
    def province(self) -> str:
        return str(self.meta.get("province") or self.units["province_code"].iloc[0])

    def label(self, lang: str = "vi") -> str:
        return (self.meta.get("label") or {}).get(lang) or self.period

    def pairs(self) -> list[Pair]:
        """The figures the period asks for: its own once imported, else the previous period's;
        plus a province row for every catalogue indicator neither has observed."""
        base: list[Pair] = []
        for frame in (self.observations, self.previous and self.previous.observations):
            if frame is not None and len(frame):
                base = list(dict.fromkeys(zip(frame["indicator"], frame["area"], strict=True)))
                break
        seen = {code for code, _ in base}
        return base + [(c, self.province) for c in self.catalogue.indicators if c not in seen]

    def previous_values(self) -> dict[Pair, tuple[float, str]]:
        """(value, as written) of every figure of the previous period."""
        if self.previous is None:
            return {}
        obs = self.previous.observations
        return {
            (i, a): (float(v), str(w))
            for i, a, v, w in zip(
                obs["indicator"], obs["area"], obs["value"], obs["as_written"], strict=True
            )
        }


def _table(path: Path, required: list[str]) -> pd.DataFrame | None:
    if not path.is_file():
        return None
    return read_csv_text(path, required, allow_empty=True)


def _previous(data_dir: Path, place: PeriodFolder) -> PeriodData | None:
    """The same province's latest earlier period that has figures, loaded; None if none."""
    own = place.province()
    name = previous_period(data_dir, place.period, own)
    if name and (find_period(data_dir, name, own).folder / "indicators.csv").is_file():
        return load_period(name, data_dir, with_baseline=False, province=own)
    return None


def load_context(period: str, data_dir: Path, province: str | None = None) -> Context:
    """The context of `period` (its folder must exist: `ntm-report new-period` makes it);
    `province` chooses among the provinces of a data folder holding several."""
    period = check_period(period)
    place = find_period(data_dir, period, province)
    folder = period_dir(data_dir, period, province)  # checked inside the data folder
    # what load_period checks too
    period_files(data_dir, folder, Period.parse(period).year, place.targets_dir)
    meta_path = folder / "period.yml"
    meta = read_yaml(meta_path)
    require_keys(meta, ["period", "criteria_set"], meta_path, "period.yml")
    if str(meta["period"]) != period:
        raise InputError(
            N_("period.yml ghi {written!r} nhưng thư mục là {period}"),
            path=meta_path,
            column="period",
            written=meta["period"],
            period=period,
        )
    reference = data_dir / "reference"
    settings = load_period_meta(folder, period)
    units = load_period_units(reference, settings, meta_path)
    province = str(meta.get("province") or units["province_code"].iloc[0])
    previous = _previous(data_dir, place)
    communes = _table(folder / "communes.csv", ["code", "district_code", "name"])
    if communes is None:
        xa = units[units["unit_type"] == "xa"]
        communes = pd.DataFrame(
            {"code": xa["unit_code"], "district_code": xa["district_code"], "name": xa["unit_name"]}
        )
    lists = _table(folder / "lists.csv", ["list", "area", "item", "as_written"])
    observations = _table(folder / "indicators.csv", ["indicator", "area", "value"])
    districts = _table(folder / "districts.csv", ["code", "ntm_status"])
    if districts is None:
        districts = pd.DataFrame(columns=["code", "ntm_status", "ntm_plan_year"])
    district_criteria = _table(
        folder / "district_criteria.csv", ["district_code", "criterion", "met"]
    )
    if district_criteria is None:
        district_criteria = pd.DataFrame(columns=["district_code", "criterion", "met"])
    catalogue = load_catalogue(reference)
    targets = load_targets(place.targets_dir, Period.parse(period).year, catalogue, province)
    return Context(
        period=period,
        data_dir=data_dir,
        folder=folder,
        meta=meta,
        units=units,
        catalogue=catalogue,
        criteria=load_criteria_set(reference, str(meta["criteria_set"])),
        communes=communes,
        lists=lists if lists is not None else pd.DataFrame(columns=["list", "area", "item"]),
        districts=districts,
        district_criteria=district_criteria,
        observations=observations,
        previous=previous,
        targets=targets,
        outline=load_outline(reference),
        place=place,
    )
