"""The overview page (for analysts): indicator coverage by page of the report, an "about this
run" note and the index page's headline figures."""

from __future__ import annotations

import html

import pandas as pd

import ntm_analysis
from ntm_analysis.dataset.period import PeriodData
from ntm_analysis.i18n import LANGUAGES, N_, t
from ntm_analysis.report.sections.context import SectionContext, base_values
from ntm_analysis.report.words.figures import in_section
from ntm_analysis.text.numbers import display_decimals, format_value

COLUMNS = {
    "section": N_("Mục báo cáo"),
    "indicators": N_("Số chỉ tiêu"),
    "observed": N_("Chỉ tiêu có số liệu"),
    "observations": N_("Số dòng số liệu"),
    "total": N_("Tổng cộng"),
}

ABOUT = {
    "heading": N_("Về lần chạy này"),
    "period": N_("Kỳ báo cáo"),
    "version": N_("Phiên bản gói ntm-analysis"),
}


def _lang(lang: str) -> str:
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; expected 'vi' or 'en'")
    return lang


def context(data: PeriodData, lang: str = "vi") -> SectionContext:
    """The page's introduction needs no figure: the shared values only."""
    return SectionContext(**base_values(data, "overview", lang))


def overview_table(data: PeriodData, lang: str = "vi") -> pd.DataFrame:
    """Per page of the report (the outline's order and titles): indicators declared,
    indicators observed, observation rows."""
    labels = {key: t(_lang(lang), msgid) for key, msgid in COLUMNS.items()}
    observations = data.observations
    rows = []
    pages = [p for p in data.outline.pages if p.audience == "report"] if data.outline else []
    for page in pages:
        codes = {
            i.code for i in data.catalogue.indicators.values() if in_section(i.section, page.refs)
        }
        hits = observations[observations["indicator"].isin(codes)]
        rows.append(
            {
                labels["section"]: page.title(lang),
                labels["indicators"]: len(codes),
                labels["observed"]: hits["indicator"].nunique(),
                labels["observations"]: len(hits),
            }
        )
    table = pd.DataFrame(
        rows,
        columns=[
            labels["section"],
            labels["indicators"],
            labels["observed"],
            labels["observations"],
        ],
    )
    total = {
        labels["section"]: labels["total"],
        labels["indicators"]: int(table[labels["indicators"]].sum()),
        labels["observed"]: int(table[labels["observed"]].sum()),
        labels["observations"]: int(table[labels["observations"]].sum()),
    }
    table = pd.concat([table, pd.DataFrame([total])], ignore_index=True)
    return table.set_index(labels["section"])


def about_run(data: PeriodData, lang: str = "vi") -> str:
    """A short "about this run" block as escaped HTML (one element, no blank line, so a
    Markdown cell passes it through untouched): the period and the package version.

    Data text is escaped, never read as Markdown: a label such as `[x](javascript:…)` is shown
    as written. Checksums, versions and the commit are in `run.json` and in the technical
    block of the index page.
    """
    text = {key: t(_lang(lang), msgid) for key, msgid in ABOUT.items()}
    label = " ".join(data.label(lang).split())
    items = [
        (text["period"], label),
        (text["version"], ntm_analysis.__version__),
    ]
    rows = "".join(f"<li>{html.escape(name)}: {html.escape(value)}</li>" for name, value in items)
    return f'<div class="ntm-about"><h3>{html.escape(text["heading"])}</h3><ul>{rows}</ul></div>'


def headline_figures(data: PeriodData, lang: str = "vi") -> list[dict[str, str]]:
    """The catalogue's headline indicators at province level: label and value in `lang`."""
    out = []
    for code in data.catalogue.headlines:
        if not data.has(code):
            continue
        obs = data.observation(code)
        indicator = data.catalogue[code]
        decimals = display_decimals(obs["as_written"])
        value = format_value(float(obs["value"]), indicator.unit, lang, decimals)
        if indicator.unit != "percent":
            value += " " + data.catalogue.unit_label(indicator.unit, lang)
        out.append({"label": indicator.label(lang), "value": value, "section": obs["section"]})
    return out
