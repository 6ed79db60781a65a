"""`PeriodData`: one loaded reporting period, and `Figure`, one observation as printed."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any, NamedTuple

import pandas as pd

from ntm_analysis.dataset.catalogue import Catalogue
from ntm_analysis.dataset.config_models import NATIONAL_CODE
from ntm_analysis.dataset.corrections import Correction
from ntm_analysis.dataset.files import LINE
from ntm_analysis.dataset.findings import Finding
from ntm_analysis.dataset.matching import LooseMatch
from ntm_analysis.dataset.models import Label
from ntm_analysis.dataset.outline import Outline
from ntm_analysis.dataset.period_units import has_districts
from ntm_analysis.dataset.qualitative import QualitativePoint
from ntm_analysis.dataset.reference import CriteriaSet, area_names, districts_of
from ntm_analysis.dataset.reporting_period import Period
from ntm_analysis.dataset.targets import Target
from ntm_analysis.i18n import N_, t

REGION_NAME = N_("toàn vùng")  # a regional period's aggregate, translated at use


class Figure(NamedTuple):
    """One observation as printed: value, figure as written, qualifier, section."""

    value: float
    as_written: str
    qualifier: str
    section: str


@dataclass
class PeriodData:
    """One validated reporting period with its reference data."""

    period: str
    data_dir: Path
    meta: dict[str, Any]
    units: pd.DataFrame
    criteria: CriteriaSet
    catalogue: Catalogue
    observations: pd.DataFrame
    lists: pd.DataFrame
    communes: pd.DataFrame
    districts: pd.DataFrame
    district_criteria: pd.DataFrame
    targets: list[Target]
    folder: Path | None = None  # periods/<P> or periods/<province>/<P> (dataset/paths.py)
    corrections: list[Correction] = field(default_factory=list)
    notes: list[QualitativePoint] = field(default_factory=list)
    baseline: PeriodData | None = None
    checksums: dict[str, str] = field(default_factory=dict)
    loose_matches: list[LooseMatch] = field(default_factory=list)
    commune_criteria: pd.DataFrame = field(default_factory=pd.DataFrame)  # annex PL03, if any
    # Findings about the input made while loading (lock files, near-miss annex names, NTM
    # communes the annex shows below the top): see dataset/input_findings.py.
    input_findings: list[Finding] = field(default_factory=list)
    # The report's outline (reference/sections.yml): sections, numbers, titles, pages.
    outline: Outline | None = None

    @property
    def province(self) -> str:
        return str(self.meta.get("province") or self.units["province_code"].iloc[0])

    @property
    def nested(self) -> str | None:
        """The province code when the period lives in `periods/<code>/<P>` (a data folder
        holding several provinces: dataset/paths.py), None for `periods/<P>`."""
        if self.folder is None or self.folder.parent.name == "periods":
            return None
        return self.folder.parent.name

    @property
    def series_province(self) -> str | None:
        """The province whose periods this one follows (its previous period, its series)."""
        return self.nested or self.meta.get("province")

    @property
    def provinces(self) -> list[str]:
        """Codes of the provinces the period covers, in the units' order."""
        return list(dict.fromkeys(self.units["province_code"]))

    @property
    def is_aggregate(self) -> bool:
        """True for a regional or national period (its own area is the code "00")."""
        return self.province == NATIONAL_CODE

    @property
    def has_districts(self) -> bool:
        """False under units without a district level (2025-07-01): the district tables are
        then empty and district-level sections are left out."""
        return has_districts(self.units)

    @property
    def reporting_period(self) -> Period:
        """The period as a value: year, month, neighbours (`dataset/reporting_period.py`)."""
        return Period.parse(self.period)

    @property
    def year(self) -> int:
        return self.reporting_period.year

    @property
    def months(self) -> int:
        """Months of the year covered by the period (9 for 2021-09)."""
        return self.reporting_period.month

    def label(self, lang: str = "vi") -> str:
        """The period's label in `lang` (English falls back to the Vietnamese text, marked)."""
        labels = self.meta.get("label")
        return Label.model_validate(labels).text_in(lang) if labels else self.period

    def _index(self) -> dict[tuple[str, str], int]:
        """(indicator, area) → row position, built once per observations table."""
        cached = self.__dict__.get("_obs_index")
        if cached is None or cached[0] is not self.observations:
            obs = self.observations
            index: dict[tuple[str, str], int] = {}
            for pos, key in enumerate(zip(obs["indicator"], obs["area"], strict=True)):
                index.setdefault(key, pos)
            cached = (obs, index)
            self.__dict__["_obs_index"] = cached
        return cached[1]

    def has(self, indicator: str, area: str | None = None) -> bool:
        return (indicator, area or self.province) in self._index()

    def figure(self, indicator: str, area: str | None = None) -> Figure:
        """Value, printed form, qualifier and section of one observation (a light record:
        what narrative and tables need, without building a pandas row)."""
        area = area or self.province
        pos = self._index().get((indicator, area))
        if pos is None:
            self.observation(indicator, area)  # raises the clear KeyError
        cached = self.__dict__.get("_obs_columns")
        if cached is None or cached[0] is not self.observations:
            obs = self.observations
            columns = tuple(
                obs[c].tolist() for c in ("value", "as_written", "qualifier", "section")
            )
            cached = (obs, columns)
            self.__dict__["_obs_columns"] = cached
        value, written, qualifier, section = (column[pos] for column in cached[1])
        return Figure(float(value), str(written), str(qualifier), str(section))

    def observation(self, indicator: str, area: str | None = None) -> pd.Series:
        """The observation row of `indicator` for `area` (the province by default)."""
        area = area or self.province
        pos = self._index().get((indicator, area))
        if pos is None:
            if indicator not in self.catalogue:
                raise KeyError(f"{indicator!r} is not in the indicator catalogue")
            raise KeyError(f"no observation of {indicator!r} for area {area} in {self.period}")
        return self.observations.iloc[pos]

    def value(self, indicator: str, area: str | None = None) -> float:
        """The value of `indicator` for `area` (the province by default)."""
        pos = self._index().get((indicator, area or self.province))
        if pos is None:
            return float(self.observation(indicator, area)["value"])  # raises the clear KeyError
        return float(self.observations["value"].iat[pos])

    def values(self, indicator: str) -> pd.Series:
        """Values of `indicator` by area code."""
        obs = self.observations
        return obs.loc[obs["indicator"] == indicator].set_index("area")["value"]

    def list_items(self, name: str, area: str | None = None) -> pd.DataFrame:
        """Items of a named list (all areas unless `area` is given)."""
        rows = self.lists[self.lists["list"] == name]
        if area is not None:
            rows = rows[rows["area"] == area]
        return rows

    def area_names(self, lang: str = "vi") -> Mapping[str, str]:
        """Display name of every area code in `lang` (computed once per language)."""
        cache = self.__dict__.setdefault("_area_names", {})
        if cache.get(lang, (None,))[0] is not self.units:
            names = area_names(self.units, lang)
            if self.meta.get("provinces"):  # a regional period: its aggregate is the region
                names[NATIONAL_CODE] = t(lang, REGION_NAME)
            cache[lang] = (self.units, MappingProxyType(names))
        return cache[lang][1]

    def district_table(self) -> pd.DataFrame:
        """Districts from the reference units joined with the period's district status (no
        rows under units without districts)."""
        table = districts_of(self.units)
        if not self.has_districts:
            return table.iloc[0:0]
        if not self.districts.empty:
            table = table.merge(
                self.districts.drop(columns=[LINE]), on="code", how="left", validate="1:1"
            )
        return table

    def target(self, target_id: str) -> Target:
        for target in self.targets:
            if target.id == target_id:
                return target
        raise KeyError(target_id)
