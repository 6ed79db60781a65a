"""What a section's templates receive: its figures, lists and points already in words.

A section builder (`sections/<builder>/__init__.py`) computes the context once in Python; the
two templates (`vi.md.j2`, `en.md.j2`) receive the same context and hold only wording. In a
template:

- `fig.CODE` is the figure as a sentence writes it ("trên 24.131 cuộc", "84,7%"), `num.CODE`
  the same without its unit word; None when the period lacks it, so `{% if fig.CODE %}` guards
  a sentence. `fig.at(AREA).CODE` is the figure of a district or commune.
- `names.LIST` is a named list in words ("3 xã: Đa Lộc, …"), `items.LIST` the same without the
  count, `count.LIST` its length (0 when empty).
- `facts(ref, kind)` the qualitative points of a source section, `common` the period's label,
  the province's name, the year and the criteria counts.

Every figure or list a template asks for and the period lacks is remembered in `missing`: the
data-quality page lists the sentences left out for it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

from ntm_analysis.dataset.period import PeriodData
from ntm_analysis.report.words.facts import Fact, facts
from ntm_analysis.report.words.figures import figure_text
from ntm_analysis.report.words.lists import named_items
from ntm_analysis.report.words.markdown import MarkdownText, escape_markdown


@dataclass(frozen=True)
class Missing:
    """A figure or list a section's prose asked for and the period does not hold."""

    builder: str
    code: str
    area: str


@dataclass(frozen=True)
class Common:
    """What every section's prose may name: the period, its baseline, the province, the year
    and the size of the criteria sets."""

    lang: str
    period_label: str
    base_label: str
    province_name: str
    year: int
    criteria_count: int
    district_criteria_count: int

    @classmethod
    def of(cls, data: PeriodData, lang: str) -> Common:
        base = data.baseline
        return cls(
            lang=lang,
            period_label=data.label(lang),
            base_label=base.label(lang) if base is not None else "",
            province_name=data.area_names(lang).get(data.province, data.province),
            year=data.year,
            criteria_count=data.criteria.commune_count,
            district_criteria_count=data.criteria.district_count,
        )


@dataclass
class Tracker:
    """Collects what a section's prose asked for and the period lacks."""

    builder: str
    data: PeriodData
    missing: list[Missing] = field(default_factory=list)

    def miss(self, code: str, area: str | None) -> None:
        item = Missing(self.builder, code, area or self.data.province)
        if item not in self.missing:
            self.missing.append(item)


class Figures:
    """`fig.CODE`: the period's figures in words (None, remembered, when absent)."""

    def __init__(
        self, data: PeriodData, lang: str, tracker: Tracker, *, unit: bool, area: str | None
    ) -> None:
        self._data, self._lang, self._tracker = data, lang, tracker
        self._unit, self._area = unit, area

    def at(self, area: str) -> Figures:
        """The figures of one district or commune."""
        return Figures(self._data, self._lang, self._tracker, unit=self._unit, area=str(area))

    def __getitem__(self, code: str) -> MarkdownText | None:
        data = self._data
        if code not in data.catalogue or not data.has(code, self._area):
            self._tracker.miss(code, self._area)
            return None
        text = figure_text(data, code, self._area, self._lang, unit=self._unit)
        return MarkdownText(escape_markdown(text))

    def __getattr__(self, code: str) -> MarkdownText | None:
        if code.startswith("_"):
            raise AttributeError(code)
        return self[code]


class Lists:
    """`names.LIST` (with its count), `items.LIST` (without): a named list in words, None
    (remembered) when the period's list is empty."""

    def __init__(self, data: PeriodData, lang: str, tracker: Tracker, *, with_count: bool):
        self._data, self._lang, self._tracker = data, lang, tracker
        self._with_count = with_count

    def __getitem__(self, list_id: str) -> MarkdownText | None:
        text = named_items(self._data, list_id, self._lang, None, self._with_count)
        if not text:
            self._tracker.miss(list_id, None)
            return None
        return MarkdownText(escape_markdown(text))

    def __getattr__(self, list_id: str) -> MarkdownText | None:
        if list_id.startswith("_"):
            raise AttributeError(list_id)
        return self[list_id]


class Counts:
    """`count.LIST`: the number of items of a named list (0 when it has none)."""

    def __init__(self, data: PeriodData) -> None:
        self._data = data

    def __getitem__(self, list_id: str) -> int:
        return len(self._data.list_items(list_id))

    def __getattr__(self, list_id: str) -> int:
        if list_id.startswith("_"):
            raise AttributeError(list_id)
        return self[list_id]


@dataclass(frozen=True, kw_only=True)
class SectionContext:
    """The base of every section's context: the shared accessors and what went missing.
    A builder adds its own computed fields by subclassing it."""

    builder: str
    lang: str
    common: Common
    fig: Figures
    num: Figures
    names: Lists
    items: Lists
    count: Counts
    tracker: Tracker

    @property
    def missing(self) -> list[Missing]:
        """What the prose asked for and the period lacks (complete once rendered)."""
        return list(self.tracker.missing)

    def facts(self, ref: str, kind: str | None = None) -> list[Fact]:
        """The qualitative points of source section `ref` (and below it)."""
        return facts(self.tracker.data, ref, self.lang, kind)

    def template_values(self) -> dict[str, Any]:
        """Every field, the `facts` accessor and the common values, for the templates."""
        values: dict[str, Any] = {f.name: getattr(self, f.name) for f in fields(self)}
        values.pop("tracker")
        values.update({f.name: getattr(self.common, f.name) for f in fields(self.common)})
        values["facts"] = self.facts
        return values


def base_values(data: PeriodData, builder: str, lang: str) -> dict[str, Any]:
    """The keyword arguments of `SectionContext` for `builder` (a subclass adds its own):
    `SomeContext(**base_values(data, "a2_3", lang), total=…)`."""
    tracker = Tracker(builder, data)
    return {
        "builder": builder,
        "lang": lang,
        "common": Common.of(data, lang),
        "fig": Figures(data, lang, tracker, unit=True, area=None),
        "num": Figures(data, lang, tracker, unit=False, area=None),
        "names": Lists(data, lang, tracker, with_count=True),
        "items": Lists(data, lang, tracker, with_count=False),
        "count": Counts(data),
        "tracker": tracker,
    }


__all__ = [
    "Common",
    "Counts",
    "Figures",
    "Lists",
    "Missing",
    "SectionContext",
    "Tracker",
    "base_values",
]
