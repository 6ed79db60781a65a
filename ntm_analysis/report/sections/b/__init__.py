"""B: achievements, shortcomings and their causes, and the shortcomings the figures show.

`context` gives the templates (`vi.md.j2`, `en.md.j2`) the period's recorded points of B, each
with the figures linked to it in words, and how many rows the table of measurable shortcomings
has of each kind. `measurable_shortcomings` is that table:

- a share declared `pace: linear` in the catalogue (e.g. disbursement against plan) that lags
  the share of the year elapsed;
- a year-end target whose outlook is at risk or off track (or missed at the close of the year).

Contradictions between the report's own figures are recomputations: they belong on the
data-quality page, not here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from ntm_analysis.dataset.period import PeriodData
from ntm_analysis.i18n import N_, t
from ntm_analysis.outlook import outlook, status_label
from ntm_analysis.outlook.wording import chance
from ntm_analysis.report.sections.context import Figures, SectionContext, base_values
from ntm_analysis.report.words.facts import Fact, facts
from ntm_analysis.report.words.figures import no_leading_zeros, printed, written_in
from ntm_analysis.report.words.markdown import MarkdownText, escape_markdown, lower_first
from ntm_analysis.text.numbers import format_value

ACHIEVEMENTS = "B.I"  # the source sections of the points (qualitative.yml `section`)
SHORTCOMINGS = "B.II"

LAG_TOLERANCE_PCT = 10.0  # points behind the time elapsed before a lag is flagged
COLUMNS = (N_("Vấn đề"), N_("Số liệu"), N_("Căn cứ"), N_("Mục"))  # translated at use


@dataclass(frozen=True)
class Point:
    """A recorded point without its final full stop, and the figures linked to it in words
    ("tỷ lệ giải ngân …: 47,46%; …"; "" when the period has none of them)."""

    text: str
    figures: str


@dataclass(frozen=True, kw_only=True)
class Context(SectionContext):
    """B in words: its points by kind, and the kinds of rows of the measurable shortcomings
    (shares lagging the year, targets at risk) the sentence above that table names."""

    achievements: list[Point]
    shortcomings: list[Point]
    causes: list[Point]
    lagging: int
    at_risk: int


def linked_figures(data: PeriodData, fact: Fact, fig: Figures, lang: str = "vi") -> str:
    """The figures that measure a point, "label: figure; …", those the period has only (a
    point is said without figures rather than left out)."""
    parts = [
        MarkdownText(f"{escape_markdown(lower_first(data.catalogue.label(code, lang)))}: ")
        + fig[code]
        for code in fact.indicators
        if code in data.catalogue and data.has(code)
    ]
    return MarkdownText("; ".join(parts))


def context(data: PeriodData, lang: str = "vi") -> Context:
    """The section's points and the shape of its table, for its templates."""
    base = base_values(data, "b", lang)

    def points(section: str, kind: str) -> list[Point]:
        return [
            Point(f.clause, linked_figures(data, f, base["fig"], lang))
            for f in facts(data, section, lang, kind)
        ]

    return Context(
        **base,
        achievements=points(ACHIEVEMENTS, "achievement"),
        shortcomings=points(SHORTCOMINGS, "shortcoming"),
        causes=points(SHORTCOMINGS, "cause"),
        lagging=len(pace_lags(data, lang)),
        at_risk=len(targets_at_risk(data, lang)),
    )


def pace_lags(data: PeriodData, lang: str = "vi") -> list[list[str]]:
    """Shares expected to keep pace with the year that lag the months elapsed."""
    elapsed = data.months / 12 * 100
    rows = []
    for indicator in data.catalogue.indicators.values():
        if indicator.pace != "linear":
            continue
        for area, value in data.values(indicator.code).items():
            if value >= elapsed - LAG_TOLERANCE_PCT:
                continue
            shown = printed(data, indicator.code, area, lang)
            time = format_value(elapsed, "percent", lang, 0)
            basis = t(
                lang, "đã qua {months}/12 tháng ({time} thời gian)", months=data.months, time=time
            )
            label = indicator.label(lang)
            if area != data.province:
                label += f" ({data.area_names(lang).get(area, area)})"
            rows.append([label, shown, basis, indicator.section])
    return rows


def targets_at_risk(data: PeriodData, lang: str = "vi") -> list[list[str]]:
    """Targets whose outlook is at risk or off track, or missed at the close of the year."""
    rows = []
    for row in outlook(data):
        if row.status not in ("at_risk", "off_track", "missed"):
            continue
        current = "—" if row.current is None else format_value(row.current, row.unit, lang)
        if row.current is None and row.current_range is not None:
            current = "–".join(format_value(v, row.unit, lang) for v in row.current_range)
        spec = data.target(row.id)
        if data.has(spec.indicator, spec.area):  # the figure as the report prints it
            current = printed(data, spec.indicator, spec.area, lang)
        numeric = re.fullmatch(r"[\d.,%\- ]+", spec.as_written or "")
        target = (
            no_leading_zeros(written_in(spec.as_written, lang))  # "01-02": a range, "1–2"
            if numeric and row.target == spec.target
            else format_value(row.target, row.unit, lang)  # every member of a list, e.g.
        )
        figure = f"{current} → {target}"
        status = status_label(row.status, lang)
        if row.p_meet is not None:  # the outlook's probability of meeting it
            status += t(lang, " (khả năng đạt: {chance})", chance=chance(row.p_meet, lang))
        rows.append([row.label(lang), figure, status, "C"])
    return rows


def measurable_shortcomings(data: PeriodData, lang: str = "vi") -> pd.DataFrame:
    """The shortcomings the figures show: shares lagging the year and targets at risk. (The
    report's own contradictions are recomputations: they belong on the data-quality page.)"""
    rows = pace_lags(data, lang) + targets_at_risk(data, lang)
    return pd.DataFrame(rows, columns=[t(lang, c) for c in COLUMNS])


__all__ = [
    "Context",
    "Point",
    "context",
    "linked_figures",
    "measurable_shortcomings",
    "pace_lags",
    "targets_at_risk",
]
