"""A.I: steering and coordination (apparatus, communication, training, inspection).

The section is mostly the period's qualitative points; `context` sorts them for the templates
(`vi.md.j2`, `en.md.j2`): the communication activities by the figures that measure them, and
the points that enumerate a named list with that list in words.
"""

from __future__ import annotations

from dataclasses import dataclass

from ntm_analysis.dataset.period import PeriodData
from ntm_analysis.report.sections.context import Lists, SectionContext, base_values
from ntm_analysis.report.words.facts import Fact, facts
from ntm_analysis.report.words.markdown import MarkdownText

COMMUNICATION = "A.I.2"
INSPECTION = "A.I.4"
DEPARTMENT_SESSIONS = "comm_sessions_departments"  # sessions held by provincial departments
DISTRICT_SESSIONS = "comm_sessions_districts"  # sessions held by district steering committees


@dataclass(frozen=True)
class Listed:
    """A point that enumerates a named list, with the list in words: `items` alone
    ("Càng Long, Cầu Kè"), `names` with its count ("2 huyện: Càng Long, Cầu Kè")."""

    fact: Fact
    items: MarkdownText
    names: MarkdownText


@dataclass(frozen=True, kw_only=True)
class Context(SectionContext):
    """A.I in words: communication activities linked to no figure, to the departments'
    sessions and to the districts' sessions; the named districts that did best at
    communication; the inspections with the places they covered."""

    outreach: list[Fact]
    department_outreach: list[Fact]
    district_outreach: list[Fact]
    best_outreach: list[Listed]
    inspections: list[Listed]


def listed_points(points: list[Fact], items: Lists, names: Lists) -> list[Listed]:
    """The points that enumerate a named list the period holds, with the list in words (an
    empty list is recorded as missing and its point left out)."""
    out = []
    for point in points:
        if not point.list:
            continue
        shown = items[point.list]
        if shown is not None:
            out.append(Listed(point, shown, names[point.list] or shown))
    return out


def context(data: PeriodData, lang: str = "vi") -> Context:
    """The section's points and figures in words, for its templates."""
    base = base_values(data, "a1", lang)
    activities = facts(data, COMMUNICATION, lang, "activity")
    return Context(
        **base,
        outreach=[f for f in activities if not f.indicators],
        department_outreach=[f for f in activities if DEPARTMENT_SESSIONS in f.indicators],
        district_outreach=[f for f in activities if DISTRICT_SESSIONS in f.indicators],
        best_outreach=listed_points(
            facts(data, COMMUNICATION, lang, "achievement"), base["items"], base["names"]
        ),
        inspections=listed_points(
            facts(data, INSPECTION, lang, "activity"), base["items"], base["names"]
        ),
    )
