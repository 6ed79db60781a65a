"""A.II.1: communes and districts meeting the new rural standard.

`context` gives the templates (`vi.md.j2`, `en.md.j2`) what the section's sentences need beyond
single figures: the communes short of the full set, and the communes registered for the year,
each split by criteria band (the catalogue's `sum` relations); the districts not yet
recognised, in order of their planned year, with the district criteria they name. The page's
tables and charts are `districts_table`, `criteria_bands_chart`, `map_chart` and
`district_criteria_chart`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from matplotlib.figure import Figure

from ntm_analysis.dataset.catalogue import Relation
from ntm_analysis.dataset.period import PeriodData
from ntm_analysis.report.charts import plot_criteria_bands, plot_district_criteria
from ntm_analysis.report.charts.map import map_counts, period_map
from ntm_analysis.report.sections.a2_1.districts import (
    District,
    NamedList,
    districts_table,
    not_recognised,
)
from ntm_analysis.report.sections.context import Figures, Lists, SectionContext, base_values
from ntm_analysis.report.words.markdown import MarkdownText

# The catalogue's `sum` relations splitting a count of communes by criteria band
# (indicators.yml): the communes short of the full set, the communes registered for the year
# to reach the NTM standard and the advanced standard.
BELOW_FULL_SET = "communes_below_19_by_band"
REGISTERED_NTM = "registered_ntm_by_band"
REGISTERED_ADVANCED = "registered_advanced_by_band"
BANDS = "communes_by_criteria_band"  # every commune by band (the chart's bars)

_RANGE = re.compile(r"(\d+)\s*[–-]\s*(\d+)")
_SINGLE = re.compile(r"(\d+) criteria")


@dataclass(frozen=True)
class Band:
    """One part of a count of communes: how many, with and without the unit word ("7 xã",
    "7"); the criteria band ("15–18", or "19" for a single count); whether that count is
    the full commune set; its printed share of all communes; the communes it names; and
    whether it is the rest (the last part of a complete split, the others all shown)."""

    figure: MarkdownText
    number: MarkdownText
    band: str
    single: bool
    full: bool
    share: MarkdownText | None
    items: MarkdownText | None
    rest: bool


@dataclass(frozen=True)
class Breakdown:
    """A count of communes (with and without the unit word) and its parts by criteria band,
    those the period reports, in the catalogue's order."""

    figure: MarkdownText
    number: MarkdownText
    bands: list[Band]


@dataclass(frozen=True, kw_only=True)
class Context(SectionContext):
    """A.II.1 in words: the split by criteria band of the communes short of the full set and
    of the communes registered for the year (None when the period lacks the count), and the
    districts not yet recognised as NTM."""

    below_full_set: Breakdown | None
    registered_ntm: Breakdown | None
    registered_advanced: Breakdown | None
    districts: list[District]
    by_commune: dict[str, int] | None = None  # the map's classes: all, below, unknown


def relation(data: PeriodData, relation_id: str) -> Relation | None:
    """The catalogue's relation `relation_id`, None when the catalogue has none."""
    return next((r for r in data.catalogue.relations if r.id == relation_id), None)


def criteria_band(data: PeriodData, code: str) -> tuple[int, int]:
    """The criteria band indicator `code` counts, as (low, high): the range of its recount
    in the communes table (a `table_count` relation with `criteria`), else the range or the
    single count its English label names ("meeting 14–19 criteria", "20 criteria")."""
    for r in data.catalogue.relations:
        if r.kind == "table_count" and r.indicator == code and r.criteria:
            low, high = r.criteria
            return int(low), int(high)
    label = data.catalogue[code].label_en
    found = _RANGE.search(label) or _SINGLE.search(label)
    if found is None:
        raise KeyError(
            f"indicator {code!r} is a part of a split by criteria band, but neither a "
            "table_count relation nor its English label gives the band (indicators.yml)"
        )
    numbers = [int(g) for g in found.groups()]
    return min(numbers), max(numbers)


def share_of(data: PeriodData, code: str) -> str | None:
    """The code of the printed share of `code` (a `ratio` relation whose numerator it is)."""
    return next(
        (
            r.percent
            for r in data.catalogue.relations
            if r.kind == "ratio" and r.numerator == code and r.percent
        ),
        None,
    )


def listed_by(data: PeriodData, code: str) -> str | None:
    """The named list that enumerates what `code` counts (a `listed` relation), if any."""
    return next(
        (r.list for r in data.catalogue.relations if r.kind == "listed" and r.count == code),
        None,
    )


def breakdown(
    data: PeriodData, relation_id: str, fig: Figures, num: Figures, items: Lists
) -> Breakdown | None:
    """The total of `sum` relation `relation_id` and its parts by criteria band, in words;
    None when the catalogue declares no such relation or the period lacks the total (then
    recorded as missing). A part, share or list the period lacks is left out and recorded."""
    split = relation(data, relation_id)
    if split is None or (total := fig[split.total]) is None:
        return None
    parts = list(split.parts)
    bands = []
    for code in parts:
        figure = fig[code]
        if figure is None:
            continue
        low, high = criteria_band(data, code)
        share, listed = share_of(data, code), listed_by(data, code)
        bands.append(
            Band(
                figure=figure,
                number=num[code],
                band=str(low) if low == high else f"{low}–{high}",
                single=low == high,
                full=low == high == data.criteria.commune_count,
                share=fig[share] if share else None,
                items=items[listed] if listed else None,
                rest=False,
            )
        )
    if split.exhaustive and 1 < len(parts) == len(bands):
        bands[-1] = replace(bands[-1], rest=True)
    return Breakdown(total, num[split.total], bands)


def context(data: PeriodData, lang: str = "vi") -> Context:
    """The section's figures, lists and points in words, for its templates."""
    base = base_values(data, "a2_1", lang)
    fig, num, items = base["fig"], base["num"], base["items"]
    return Context(
        **base,
        below_full_set=breakdown(data, BELOW_FULL_SET, fig, num, items),
        registered_ntm=breakdown(data, REGISTERED_NTM, fig, num, items),
        registered_advanced=breakdown(data, REGISTERED_ADVANCED, fig, num, items),
        districts=[District(data, code, lang, base["tracker"]) for code in not_recognised(data)],
        by_commune=map_counts(data) if not data.communes.empty else None,
    )


def criteria_bands_chart(data: PeriodData, lang: str = "vi") -> Figure | None:
    """Communes by number of criteria met (the report's bands), as printed; None when the
    period reports none of the bands."""
    split = relation(data, BANDS)
    if split is None or not any(data.has(code) for code in split.parts):
        return None
    return plot_criteria_bands(data, lang)


def map_chart(data: PeriodData, lang: str = "vi") -> Figure | None:
    """The communes on a map, coloured by their criteria band (None without positions)."""
    return period_map(data, "criteria", lang)


def district_criteria_chart(data: PeriodData, lang: str = "vi") -> Figure | None:
    """District × district criterion: met, not met, unknown; None under units without
    districts or when the period states no district's criteria."""
    if not data.has_districts or data.district_criteria.empty:
        return None
    return plot_district_criteria(data, lang)


__all__ = [
    "Band",
    "Breakdown",
    "Context",
    "District",
    "NamedList",
    "breakdown",
    "context",
    "criteria_band",
    "criteria_bands_chart",
    "district_criteria_chart",
    "districts_table",
    "map_chart",
]
