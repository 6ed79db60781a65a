"""The overview notebook's content: indicator coverage by section, an "about this run" note
and the index page's headline figures."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

import pandas as pd

import ntm_analysis
from ntm_analysis.i18n import LANGUAGES, N_, t
from ntm_analysis.text.numbers import display_decimals, format_value

if TYPE_CHECKING:
    from ntm_analysis.dataset.period import PeriodData

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


def report_sections(data: PeriodData) -> list[str]:
    """Sections of the catalogue in order of first appearance, without those nested in
    another listed section (A.II.4.1 is counted under A.II.4 when both are declared)."""
    seen: list[str] = []
    for indicator in data.catalogue.indicators.values():
        if indicator.section not in seen:
            seen.append(indicator.section)
    return [s for s in seen if not any(s != o and s.startswith(o + ".") for o in seen)]


def overview_table(data: PeriodData, lang: str = "vi") -> pd.DataFrame:
    """Per report section: indicators declared, indicators observed, observation rows."""
    labels = {key: t(_lang(lang), msgid) for key, msgid in COLUMNS.items()}
    observations = data.observations
    rows = []
    for section in report_sections(data):
        codes = {i.code for i in data.catalogue.in_section(section)}
        hits = observations[observations["indicator"].isin(codes)]
        rows.append(
            {
                labels["section"]: section,
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
