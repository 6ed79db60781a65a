"""A.II.4.4: poverty reduction and social security — 4.4.1 the projects of the Sustainable
Poverty Reduction programme, 4.4.2 the poverty-reduction policies (credit, electricity, health
insurance, housing, education, medical costs).

`context` gives the templates (`vi.md.j2`, `en.md.j2`) the parts the page shows one at a time,
the outline's headings, the points beside each figure (`points.CODE`), the legal bases grounding
each figure (`legal.CODE`) and the other lending programmes; the tables are declared in
`tables.yml`, and the `*_table` and `*_chart` functions fill and draw them.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from matplotlib.figure import Figure

from ntm_analysis.dataset.period import PeriodData
from ntm_analysis.report.sections import grouped
from ntm_analysis.report.sections.context import Figures, SectionContext, base_values
from ntm_analysis.report.sections.parts import Parts, headings, parts
from ntm_analysis.report.words.facts import ByFigure, Fact, facts, linked_to
from ntm_analysis.report.words.markdown import MarkdownText

BUILDER = "a2_4_4"
REF = "A.II.4.4"
POLICIES = ("credit", "electricity", "insurance", "housing", "education", "medical")
PARTS = parts(
    BUILDER,
    {"4.4.1": ("projects",), "4.4.2": POLICIES, **{p: (p,) for p in POLICIES}},
    headings=True,
    titled=("4.4.2",),
)
"""The page shows 4.4.1 and each policy of 4.4.2 under its own heading."""
HEADINGS = (f"{BUILDER}_1", f"{BUILDER}_2", *(f"{BUILDER}_{p}" for p in POLICIES))
"""The outline's sections below A.II.4.4: the sub-headings and the policies' titles."""
OTHER_LOANS = (  # the other lending programmes: (wording key, borrowers, amount lent)
    ("students", "sb_loans_students", "sb_loans_students_amount"),
    *(
        (kind, f"sb_loans_{kind}_households", f"sb_loans_{kind}_amount")
        for kind in ("water_sanitation", "jobs", "labour_export")
    ),
)
HOUSING = ("housing_support_proposed_amount", "housing_support_proposed_households")
CAPITAL_SHARE_COLUMN = 2  # the capital table's column of shares disbursed
CARDS_COLUMN = 0  # the health-cards table's column of cards issued


@dataclass(frozen=True)
class Loan:
    """One other lending programme that helps reduce poverty: its wording key (the templates
    name its purpose), its borrowers and the amount lent, in words."""

    kind: str
    borrowers: MarkdownText
    amount: MarkdownText


@dataclass(frozen=True, kw_only=True)
class Context(SectionContext):
    """A.II.4.4 in words: its parts, the outline's headings, the year before the period's,
    `points.CODE` (the points beside figure CODE), the points beside the housing proposal,
    `legal.CODE` (the legal bases grounding figure CODE) and the other lending programmes."""

    parts: Parts
    headings: dict[str, str | None]
    previous_year: int
    points: ByFigure
    housing_points: list[Fact]
    legal: ByFigure
    other_loans: list[Loan]


def context(data: PeriodData, lang: str = "vi") -> Context:
    """The section's figures and points in words, for its templates."""
    base = base_values(data, BUILDER, lang)
    points = facts(data, REF, lang)
    return Context(
        **base,
        parts=PARTS,
        headings=headings(data, HEADINGS, lang),
        previous_year=data.year - 1,
        points=ByFigure(points),
        housing_points=linked_to(points, HOUSING),
        legal=ByFigure(points, ("legal_basis",)),
        other_loans=other_loans(base["fig"]),
    )


def other_loans(fig: Figures) -> list[Loan]:
    """The other lending programmes the period reports (borrowers and amount), in the order
    of their table; one it lacks a figure of is left out (and recorded as missing)."""
    loans = []
    for kind, borrowers, amount in OTHER_LOANS:
        people = fig[borrowers]
        money = fig[amount] if people is not None else None
        if people is not None and money is not None:
            loans.append(Loan(kind, people, money))
    return loans


def _table(name: str) -> grouped.TableSpec:
    """One of the section's grouped tables (`tables.yml`)."""
    return grouped.builder_tables(BUILDER)[name]


def capital_table(data: PeriodData, lang: str = "vi") -> pd.DataFrame:
    """4.4.1: each source of funds with its capital plan, amount disbursed and share."""
    return grouped.figure_table(data, _table("capital"), lang)


def capital_chart(data: PeriodData, title: str, lang: str = "vi") -> Figure | None:
    """4.4.1: the share disbursed of each source of funds (None with fewer than two)."""
    return grouped.table_chart(data, _table("capital"), CAPITAL_SHARE_COLUMN, title, lang)


def credit_table(data: PeriodData, lang: str = "vi") -> pd.DataFrame:
    """Preferential credit: households and amounts lent, the poor and near-poor among them."""
    return grouped.figure_table(data, _table("credit"), lang)


def credit_other_table(data: PeriodData, lang: str = "vi") -> pd.DataFrame:
    """The other lending programmes that help reduce poverty."""
    return grouped.figure_table(data, _table("credit_other"), lang)


def health_cards_table(data: PeriodData, lang: str = "vi") -> pd.DataFrame:
    """Health-insurance cards issued and their cost, by group."""
    return grouped.figure_table(data, _table("health_cards"), lang)


def health_cards_chart(data: PeriodData, title: str, lang: str = "vi") -> Figure | None:
    """The cards issued to each group (the total left out; None with fewer than two)."""
    return grouped.table_chart(data, _table("health_cards"), CARDS_COLUMN, title, lang)


def education_table(data: PeriodData, lang: str = "vi") -> pd.DataFrame:
    """Pupils supported and the cost, by education policy."""
    return grouped.figure_table(data, _table("education"), lang)


def medical_table(data: PeriodData, lang: str = "vi") -> pd.DataFrame:
    """Treatment, meal and travel costs of the poor: persons helped and the cost."""
    return grouped.figure_table(data, _table("medical"), lang)
