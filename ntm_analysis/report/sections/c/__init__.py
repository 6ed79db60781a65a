"""C: the year-end targets, the key tasks and the solutions for the rest of the year, and the
page's views of the targets.

`context` gives the templates (`vi.md.j2`, `en.md.j2`) the targets of C.I in words with their
named communes, the key tasks of C.II.1 with the focus sentence placed among them (the
districts planned to reach the standard this year), the solutions of C.II.2 by group, and
`target.ID` for any target by its id.

`judgements` holds each target's paragraph (status, central estimate with its range, what
decides it, what must happen), the same as `ntm-report project` prints; the template shows
them with `part="outlook"`, and I and II with `part="plan"`.

The page's blocks are computed in `c/outlook_views.py` and `c/views.py` and exposed here: the
outlook table with a status colour per row (`styled_outlook`), the progress chart
(`plot_progress`), the earlier period's forecast against this period (`previous_forecast`,
`previous_forecast_block`), the workings for analysts (`workings`), the criteria average as
an interval with the report's own plan as a scenario (`criteria_average_summary`), the
communes still short of criteria with their chance this year (`gap_table`, `gap_summary`),
the criteria closest to completion (`criteria_gaps`) and next year's targets when declared
(`next_year_targets`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ntm_analysis.dataset.period import PeriodData
from ntm_analysis.dataset.targets import Target
from ntm_analysis.outlook import outlook
from ntm_analysis.report.sections.c.outlook_views import (
    Judgement,
    judgements,
    plot_progress,
    previous_forecast,
    previous_forecast_block,
    styled_outlook,
    workings,
)
from ntm_analysis.report.sections.c.views import (
    criteria_average_summary,
    criteria_gaps,
    criteria_target,
    gap_summary,
    gap_table,
    next_year_targets,
    next_year_targets_list,
)
from ntm_analysis.report.sections.context import SectionContext, Tracker, base_values
from ntm_analysis.report.words.facts import Fact, facts
from ntm_analysis.report.words.figures import BARE_UNITS, no_leading_zeros, written_in
from ntm_analysis.report.words.markdown import MarkdownText, escape_markdown

TARGETS = "C.I"  # the source sections (targets' and qualitative points' `section`)
TASKS = "C.II.1"
SOLUTIONS = "C.II.2"
FOCUS_AFTER = 3  # the focus sentence follows the third key task (where the report puts it)
PLAN_YEAR = "district_ntm_plan_year"  # a district's planned year of NTM (indicators.yml)


@dataclass(frozen=True)
class TargetText:
    """A year-end target in words: its label, its figure with the unit ("" when the label
    already says it, or the target prints no figure), and its named communes without their
    count (None when it names none)."""

    id: str
    label: str
    figure: str
    names: str | None


@dataclass(frozen=True)
class NamedNote:
    """A point of C.I that names communes: its text and the communes, with their count."""

    text: str
    names: str


@dataclass(frozen=True)
class Solution:
    """A group of solutions of C.II.2: its number ("2.1"), its title and its points (without
    their final full stop, each with the document it cites, "" when none)."""

    number: str
    title: str
    points: list[tuple[str, str]]


class Targets:
    """`target.ID`: a target of the year in words, None (remembered as missing) when the
    year has no target of that id."""

    def __init__(self, data: PeriodData, lang: str, tracker: Tracker) -> None:
        self._data, self._lang, self._tracker = data, lang, tracker

    def __getitem__(self, target_id: str) -> TargetText | None:
        if not any(t.id == target_id for t in self._data.targets):
            self._tracker.miss(target_id, None)
            return None
        return target_text(self._data, self._data.target(target_id), self._lang)

    def __getattr__(self, target_id: str) -> TargetText | None:
        if target_id.startswith("_"):
            raise AttributeError(target_id)
        return self[target_id]


@dataclass(frozen=True, kw_only=True)
class Context(SectionContext):
    """C in words: the targets of C.I, the points naming more communes, the key tasks around
    the focus sentence and the districts it names, the solutions by group, `target.ID`, and
    each target's judgement."""

    targets: list[TargetText]
    named_notes: list[NamedNote]
    tasks_before: list[str]
    tasks_after: list[str]
    focus_districts: list[str]
    solutions: list[Solution]
    target: Targets
    judgements: list[Judgement]


def context(data: PeriodData, lang: str = "vi") -> Context:
    """The section's targets, tasks and solutions in words, for its templates."""
    base = base_values(data, "c", lang)
    targets = [
        replace(target_text(data, t, lang), names=base["items"][t.list] if t.list else None)
        for t in data.targets
        if (t.section or TARGETS) == TARGETS
    ]
    notes = []
    for f in facts(data, TARGETS, lang, "note"):
        names = base["names"][f.list] if f.list else None
        if names:
            notes.append(NamedNote(f.text, names))
    tasks = [f.text for f in facts(data, TASKS, lang, "task")]
    return Context(
        **base,
        targets=targets,
        named_notes=notes,
        tasks_before=tasks[:FOCUS_AFTER],
        tasks_after=tasks[FOCUS_AFTER:],
        focus_districts=focus_districts(data, base["tracker"], lang),
        solutions=solutions(facts(data, SOLUTIONS, lang)),
        target=Targets(data, lang, base["tracker"]),
        judgements=judgements(outlook(data, lang), lang),
    )


def target_text(data: PeriodData, target: Target, lang: str = "vi") -> TargetText:
    """A target in words: its figure as the targets file writes it (without leading zeros),
    with the unit word, unless the label already says it ("Mỗi xã tăng ít nhất 2 tiêu chí …")
    or it prints no figure."""
    label = target.label(lang)
    numeric = bool(re.match(r"^\d", target.as_written or ""))
    said = numeric and re.search(rf"(?<![\d.,]){int(target.target)}(?![\d.,])", label)
    figure = ""
    if numeric and not said:
        figure = no_leading_zeros(written_in(target.as_written, lang))  # "08" → "8"
        unit = data.catalogue[target.indicator].unit
        if unit not in BARE_UNITS and not figure.endswith("%"):
            figure += " " + data.catalogue.unit_label(unit, lang)
    return TargetText(target.id, label, MarkdownText(escape_markdown(figure)), None)


def focus_districts(data: PeriodData, tracker: Tracker, lang: str = "vi") -> list[str]:
    """The districts not yet recognised whose plan is to reach NTM this very year (an exact
    year, not "trước năm …"), by name, in the order of their planned year. A district
    without a planned year is remembered as missing."""
    table = data.district_table()
    if "ntm_status" in table:
        table = table[table["ntm_status"] == "not_recognised"]
    if "ntm_plan_year" in table:
        table = table.sort_values("ntm_plan_year", kind="stable")
    names = data.area_names(lang)
    out = []
    for code in (str(c) for c in table["code"]):
        if not data.has(PLAN_YEAR, code):
            tracker.miss(PLAN_YEAR, code)
            continue
        if data.value(PLAN_YEAR, code) == data.year and not data.figure(PLAN_YEAR, code).qualifier:
            out.append(names.get(code, code))
    return out


def solutions(points: list[Fact]) -> list[Solution]:
    """The points of C.II.2 grouped by their sub-section, in order; a group is numbered by the
    last two parts of its section ("C.II.2.1" → "2.1") and titled by its first point."""
    groups: list[Solution] = []
    for f in points:
        if not groups or groups[-1].number != _number(f.section):
            groups.append(Solution(_number(f.section), f.title, []))
        groups[-1].points.append((f.clause, f.cite_full if f.cite else ""))
    return groups


def _number(section: str) -> str:
    return ".".join(section.split(".")[-2:])


__all__ = [
    "Context",
    "Judgement",
    "NamedNote",
    "Solution",
    "TargetText",
    "Targets",
    "context",
    "criteria_average_summary",
    "criteria_gaps",
    "criteria_target",
    "focus_districts",
    "gap_summary",
    "gap_table",
    "judgements",
    "next_year_targets",
    "next_year_targets_list",
    "plot_progress",
    "previous_forecast",
    "previous_forecast_block",
    "solutions",
    "styled_outlook",
    "target_text",
    "workings",
]
