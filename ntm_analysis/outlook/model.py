"""The forecast of one period, computed once: its parameters, the months left, the communes
under each standard and the districts (each built when first asked for)."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ntm_analysis.dataset.period import PeriodData
from ntm_analysis.dataset.targets import Target
from ntm_analysis.outlook.communes import (
    NTM,
    Horizon,
    StandardOutlook,
    banded_outlook,
    horizon_of,
    named_figure,
    ntm_outlook,
)
from ntm_analysis.outlook.districts import DistrictOutlook, district_outlook
from ntm_analysis.outlook.parameters import Parameters, load_parameters
from ntm_analysis.outlook.raking import Constraint

ROLES = ("reachable", "possible", "unlikely")


@dataclass
class Model:
    """What every target's forecast of one period draws on."""

    data: PeriodData
    params: Parameters
    horizon: Horizon
    _cache: dict = field(default_factory=dict)

    def _once(self, key: str, make):
        if key not in self._cache:
            self._cache[key] = make()
        return self._cache[key]

    def ntm(self) -> StandardOutlook | None:
        """The communes under the NTM standard (None without a communes table)."""
        return self._once(
            NTM, lambda: ntm_outlook(self.data, self.params, typed_counts(self.data), self.horizon)
        )

    def districts(self) -> dict[str, DistrictOutlook]:
        return self._once(
            "districts", lambda: district_outlook(self.data, self.params, self.ntm(), self.horizon)
        )

    def standard(self, target: Target) -> StandardOutlook | None:
        """The communes a `commune_bands` target counts, under its standard."""
        name = str(target.measure.get("standard") or NTM)
        if name == NTM:
            return self.ntm()
        ranges = target.measure.get("ranges") or {}
        bands = {
            str(target.measure[role]): (int(ranges[role][0]), int(ranges[role][1]))
            for role in ROLES
            if target.measure.get(role) and role in ranges
        }
        return self._once(
            f"standard:{name}:{sorted(bands.items())}",
            lambda: banded_outlook(self.data, self.params, name, bands, self.horizon),
        )


def typed_counts(data: PeriodData) -> list[Constraint]:
    """Counts below a floor that the period reports (a `communes_below` target's indicator):
    they constrain every commune's criteria now."""
    out = []
    rows = np.arange(len(data.communes))
    for target in data.targets:
        if target.measure.get("kind") != "communes_below" or "criteria" not in target.measure:
            continue
        if target.area == data.province and data.has(target.indicator):
            floor = int(target.measure["criteria"])
            out.append(
                Constraint(
                    named_figure(data, target.indicator),
                    rows,
                    0,
                    floor - 1,
                    data.value(target.indicator),
                )
            )
    return out


def model_until(data: PeriodData, months: int) -> Model:
    """The period's model for a horizon `months` ahead instead of the year's assessment:
    criteria met up to the year's end (or that horizon if sooner), recognitions up to the
    horizon (or the cut-off if sooner). Not remembered."""
    base = model_of(data)
    h = base.horizon
    to_year_end = min(h.months, months)
    recognition = max(0.0, min(months, h.months + h.cutoff) - to_year_end)
    return Model(data, base.params, Horizon(to_year_end, recognition, h.reference))


def model_of(data: PeriodData) -> Model:
    """The period's forecast model (built once per loaded period and parameters file)."""
    params = load_parameters(data.data_dir)
    cached = data.__dict__.get("_outlook_model")
    if cached is not None and cached.params is params and cached.data is data:
        return cached
    model = Model(data, params, horizon_of(data, params))
    data.__dict__["_outlook_model"] = model
    return model


__all__ = ["Model", "model_of", "model_until", "typed_counts"]
