"""The data-quality page (for analysts): every finding, and the sentences the prose left out
because the period lacks their figures."""

from __future__ import annotations

import pandas as pd

from ntm_analysis.dataset.period import PeriodData
from ntm_analysis.i18n import t
from ntm_analysis.report.sections import prose
from ntm_analysis.report.sections.builders import section_context
from ntm_analysis.report.sections.context import Missing, SectionContext, base_values
from ntm_analysis.report.words.lists import list_title


def context(data: PeriodData, lang: str = "vi") -> SectionContext:
    """The page's introduction needs no figure: the shared values only."""
    return SectionContext(**base_values(data, "data_quality", lang))


def missing_figures(data: PeriodData, lang: str = "vi") -> list[tuple[str, Missing]]:
    """(page title, what is missing) for every figure or list a page's prose asked for and
    the period lacks, in outline order."""
    outline = data.outline
    out: list[tuple[str, Missing]] = []
    seen: set[str] = set()
    for page in outline.pages if outline is not None else ():
        name = page.entries[0].node.builder
        if not name or name in seen or page.audience != "report":
            continue
        seen.add(name)
        words = section_context(data, name, lang)
        if words is None or not prose.has_prose(name):
            continue
        prose.render(words)  # asking for the figures records the missing ones
        out.extend((page.title(lang), item) for item in words.missing)
    return out


def omitted_sentences(data: PeriodData, lang: str = "vi") -> pd.DataFrame:
    """Every sentence the prose left out because the period lacks its figure or list:
    the page, what is missing (in words) and where."""
    names = data.area_names(lang)
    rows = []
    for title, item in missing_figures(data, lang):
        if item.code in data.catalogue:
            what = data.catalogue.label(item.code, lang)
        elif any(t.id == item.code for t in data.targets):
            what = data.target(item.code).label(lang)
        else:
            what = list_title(data, item.code, lang)
        rows.append([title, what, names.get(item.area, item.area)])
    columns = [t(lang, "Mục"), t(lang, "Số liệu còn thiếu"), t(lang, "Địa bàn")]
    return pd.DataFrame(rows, columns=columns)
