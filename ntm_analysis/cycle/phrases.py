"""Values of the cycle's messages, rendered in the reader's language when the message is: a
place in words with its code ("xã Vĩnh Kim, huyện Cầu Ngang (29431)"), places in words, an
indicator's label, a figure in the language's number format."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from ntm_analysis.cycle.context import Context
from ntm_analysis.cycle.labels import period_label
from ntm_analysis.cycle.sheets import list_labels
from ntm_analysis.dataset.catalogue import Catalogue
from ntm_analysis.errors import NtmError
from ntm_analysis.quality.present import place_names
from ntm_analysis.text.numbers import format_value


@dataclass(frozen=True)
class Place:
    """An area in words with its code in parentheses; the code alone when unknown."""

    code: str
    units: pd.DataFrame = field(repr=False, compare=False)

    def render(self, lang: str) -> str:
        name = place_names(self.units, lang).get(self.code)
        return f"{name} ({self.code})" if name else self.code


@dataclass(frozen=True)
class Places:
    """Areas in words with their codes, comma-separated."""

    codes: tuple[str, ...]
    units: pd.DataFrame = field(repr=False, compare=False)

    def render(self, lang: str) -> str:
        return ", ".join(Place(code, self.units).render(lang) for code in self.codes)


@dataclass(frozen=True)
class Indicator:
    """An indicator's label, in words (its code only when the catalogue lacks it)."""

    code: str
    catalogue: Catalogue = field(repr=False, compare=False)

    def render(self, lang: str) -> str:
        return self.catalogue.label(self.code, lang) if self.code in self.catalogue else self.code


@dataclass(frozen=True)
class Amount:
    """A figure in the language's number format (`1.234,5` in Vietnamese, `84,7%`)."""

    value: float
    unit: str = ""

    def render(self, lang: str) -> str:
        return format_value(self.value, self.unit, lang)


@dataclass(frozen=True)
class PeriodName:
    """A period in words with its name ("Năm 2021 (2021-12)"); the name alone if invalid."""

    period: str

    def render(self, lang: str) -> str:
        try:
            return f"{period_label(self.period, lang)} ({self.period})"
        except NtmError:
            return self.period


@dataclass(frozen=True)
class ListName:
    """A named list in words: the indicator counting it, or the target naming it."""

    code: str
    context: Context = field(repr=False, compare=False)

    def render(self, lang: str) -> str:
        return list_labels(self.context, lang).get(self.code, self.code)
