"""The districts (or communes) that report a figure of their own, in words.

Some figures of a section are reported by one district only (the waste-sorting model of one
district, the rice land another converted). A builder does not name that district: it asks
which areas report the figure, and the template words each of them (`fig.at(place.code)`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ntm_analysis.dataset.period import PeriodData
from ntm_analysis.report.words.lists import named_items
from ntm_analysis.report.words.markdown import MarkdownText, escape_markdown


@dataclass(frozen=True)
class Place:
    """An area reporting a figure: its code (for `fig.at(code)`), its name in words
    ("huyện Châu Thành"), and the place's named list in words, with its count (`names`) and
    without (`items`), None when it has none."""

    code: str
    name: str
    names: MarkdownText | None = None
    items: MarkdownText | None = None


def reporting_areas(data: PeriodData, code: str) -> list[str]:
    """The areas below the province that report `code`, in the order of the period's
    figures."""
    obs = data.observations
    areas = obs.loc[obs["indicator"] == code, "area"].astype(str)
    return [a for a in dict.fromkeys(areas) if a != data.province]


def places(
    data: PeriodData,
    code: str,
    lang: str,
    list_id: str | None = None,
    miss: Callable[[str, str | None], None] | None = None,
) -> list[Place]:
    """Each area reporting `code`, with its part of the named list `list_id` in words. `miss`
    (a section's `tracker.miss`) hears of a figure no area reports and of a place without
    its list."""
    found = reporting_areas(data, code)
    if not found and miss is not None:
        miss(code, None)
    names = data.area_names(lang)
    out = []
    for area in found:
        with_count = without = None
        if list_id is not None:
            with_count = _words(named_items(data, list_id, lang, area, True))
            without = _words(named_items(data, list_id, lang, area, False))
            if with_count is None and miss is not None:
                miss(list_id, area)
        out.append(Place(area, names.get(area, area), with_count, without))
    return out


def _words(text: str) -> MarkdownText | None:
    return MarkdownText(escape_markdown(text)) if text else None


__all__ = ["Place", "places", "reporting_areas"]
