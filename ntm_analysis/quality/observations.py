"""The period's observations as the checks read them, and the helpers their findings share.

`Observations` indexes the figures by (indicator, area) with their catalogue units; `_shown`
writes a printed figure in a message's language; `_finding` makes a finding of a check.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pandas as pd

from ntm_analysis.dataset.catalogue import Catalogue
from ntm_analysis.dataset.findings import Finding
from ntm_analysis.quality.compare import printed_decimals, unit_of
from ntm_analysis.text.numbers import format_value


@dataclass(frozen=True)
class Obs:
    """One observation as the checks need it."""

    indicator: str
    area: str
    value: float
    as_written: str
    qualifier: str
    section: str
    unit: str
    measure: bool = True  # measured and rounded when printed (catalogue `kind: measure`)
    label: tuple[str, str] = ("", "")  # the indicator's label in Vietnamese and English

    @property
    def decimals(self) -> int:
        return printed_decimals(self.as_written, self.value)

    @property
    def half_unit(self) -> float:
        return float(unit_of(self.decimals)) / 2


class Observations:
    """Observations indexed by (indicator, area), with their catalogue units."""

    def __init__(self, frame: pd.DataFrame, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self._by_key: dict[tuple[str, str], Obs] = {}
        self._areas: dict[str, list[str]] = {}
        for row in frame.itertuples(index=False):
            unit = catalogue[row.indicator].unit if row.indicator in catalogue else ""
            obs = Obs(
                row.indicator,
                row.area,
                float(row.value),
                row.as_written,
                row.qualifier,
                row.section,
                unit,
                catalogue.is_measure(unit),
                _labels(catalogue, row.indicator),
            )
            self._by_key[(row.indicator, row.area)] = obs
            self._areas.setdefault(row.indicator, []).append(row.area)

    def get(self, indicator: str, area: str) -> Obs | None:
        return self._by_key.get((indicator, area))

    def areas(self, indicator: str) -> list[str]:
        return self._areas.get(indicator, [])

    def __iter__(self) -> Iterator[Obs]:
        return iter(self._by_key.values())


def _labels(catalogue: Catalogue, code: str) -> tuple[str, str]:
    if code not in catalogue:
        return "", ""
    return catalogue.label(code, "vi"), catalogue.label(code, "en")


# checks whose message says "tổng in …", "tỷ lệ in …": the finding names the figure first
NAMED = frozenset({"ratio", "sum", "average", "product"})


def _fmt(value: float, unit: str, decimals: int | None = None, lang: str = "en") -> str:
    return format_value(value, unit, lang, decimals)


def _shown(o: Obs, lang: str) -> str:
    """A printed figure in the message's locale: as printed in Vietnamese, re-formatted with
    the same decimals in English (a message never mixes `4.967` with `4,449`)."""
    if lang == "vi" and o.as_written:
        return o.as_written
    return format_value(o.value, o.unit, lang, o.decimals if o.as_written else None)


@dataclass(frozen=True)
class Printed:
    """A message value: an observation as printed, in the message's language (`_shown`)."""

    obs: Obs

    def render(self, lang: str) -> str:
        return _shown(self.obs, lang)


@dataclass(frozen=True)
class Figure:
    """A message value: a computed figure in the message's number format."""

    value: float
    unit: str
    decimals: int | None = None

    def render(self, lang: str) -> str:
        return _fmt(self.value, self.unit, self.decimals, lang)


@dataclass(frozen=True)
class Stated:
    """A message value: figures stated more than once, each with its section."""

    stated: tuple[Obs, ...]

    def render(self, lang: str) -> str:
        return ", ".join(f"{_shown(o, lang)} ({o.section})" for o in self.stated)


@dataclass(frozen=True)
class Label:
    """A message value: an indicator's label in the message's language."""

    catalogue: Catalogue
    code: str

    def render(self, lang: str) -> str:
        return self.catalogue.label(self.code, lang)


def _finding(
    check: str,
    relation_id: str,
    obs: Obs,
    severity: str,
    indicators: list[str],
    reported: object,
    computed: object,
    message: tuple[str, str],
) -> Finding:
    """A finding on `obs`'s area; `message` in Vietnamese and English (`worded`), after the
    label of the figure it is about for the checks of a total, rate, average or product."""
    vi, en = message
    if check in NAMED and obs.label[0]:
        vi, en = f"{obs.label[0]}: {vi}", f"{obs.label[1]}: {en}"
    return Finding(
        id=f"{check}:{relation_id}:{obs.area}",
        check=check,
        section=obs.section,
        severity=severity,
        area=obs.area,
        indicators=tuple(indicators),
        reported=reported,
        computed=computed,
        message_vi=vi,
        message_en=en,
    )
