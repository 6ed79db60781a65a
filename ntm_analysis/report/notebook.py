"""Building blocks of the section notebooks: each returns a value the notebook displays.

A section notebook is a document (see docs/notebooks.md): headings in markdown cells, then one
call per step — load the period, compute the section's tables, render its prose
(`ntm_analysis.report.prose.render_prose`), draw its charts, show its grouped tables — and the
full per-figure table in a collapsed appendix (`figures_appendix`). Nothing here displays
anything.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

import pandas as pd
from IPython.display import HTML, Markdown

from ntm_analysis import i18n
from ntm_analysis.dataset.period import PeriodData
from ntm_analysis.quality import check_period, counts, findings_frame
from ntm_analysis.report import charts
from ntm_analysis.report.sections import (
    list_table,
    section_figures,
    section_findings,
    section_lists,
)
from ntm_analysis.report.wording import escape_markdown
from ntm_analysis.text.numbers import format_number


@dataclass(frozen=True)
class Section:
    """A report section rendered by one notebook."""

    key: str
    prefixes: tuple[str, ...]
    title_vi: str
    title_en: str

    def title(self, lang: str) -> str:
        return i18n.pick(lang, self.title_vi, self.title_en)


SECTIONS = {
    s.key: s
    for s in (
        Section("a1", ("A.I",), "Công tác chỉ đạo, điều hành", "Steering and coordination"),
        Section(
            "a2_1",
            ("A.II.1",),
            "Xã, huyện nông thôn mới",
            "Communes and districts meeting the NTM standard",
        ),
        Section(
            "a2_2",
            ("A.II.2",),
            "Ấp văn hóa, ấp NTM và hộ gia đình văn hóa",
            "Cultural hamlets and households",
        ),
        Section(
            "a2_3",
            ("A.II.3",),
            "Huy động nguồn lực và giải ngân",
            "Resources mobilised and disbursement",
        ),
        Section(
            "a2_4_1",
            ("A.II.4.1", "A.II.4.2"),
            "Quy hoạch và hạ tầng kinh tế – xã hội",
            "Planning and socio-economic infrastructure",
        ),
        Section("a2_4_3", ("A.II.4.3",), "Phát triển sản xuất", "Production"),
        Section(
            "a2_4_4",
            ("A.II.4.4",),
            "Giảm nghèo và an sinh xã hội",
            "Poverty reduction and social protection",
        ),
        Section(
            "a2_4_5",
            ("A.II.4.5",),
            "Phong trào Toàn dân đoàn kết xây dựng đời sống văn hóa",
            "The culture movement",
        ),
        Section("a2_4_6", ("A.II.4.6",), "Y tế cơ sở", "Primary health care"),
        Section(
            "a2_4_7",
            ("A.II.4.7", "A.II.4.8"),
            "Hệ thống chính trị, tiếp cận pháp luật, quốc phòng – an ninh",
            "Governance, access to law, defence and security",
        ),
        Section("b", ("B",), "Kết quả đạt được, tồn tại, hạn chế", "Achievements and shortcomings"),
        Section("c", ("C",), "Mục tiêu cuối năm", "Year-end targets"),
    )
}

TEXT = {lang: i18n.table("report.notebook.text", lang) for lang in i18n.LANGUAGES}


def period_line(data: PeriodData, lang: str = "vi") -> Markdown:
    """The period the page covers, as an italic line under the heading."""
    return Markdown(f"*{escape_markdown(data.label(lang))}*")


def heading(key: str, lang: str = "vi", level: int = 3) -> Markdown:
    """A heading of the page in its language, for a part shown only when it has content."""
    return Markdown(f"{'#' * level} {TEXT[lang][key]}")


def bullet_list(items: list[str]) -> Markdown:
    """Sentences as a bulleted list (text from data escaped for Markdown)."""
    return Markdown("\n".join(f"- {escape_markdown(item)}" for item in items))


def html_table(frame: pd.DataFrame, index: bool = False) -> HTML:
    """A table as the page shows it (cell text escaped: data cannot inject markup)."""
    return HTML(frame.to_html(index=index, escape=True, border=0, classes="ntm-table"))


def chart(fig, lang: str = "vi", alt: str | None = None) -> charts.ChartOutput | None:
    """A figure as the page shows it: an embedded PNG whose alt text is the chart's own
    description in the page's language (its titles), unless `alt` is given. `lang` is the
    page's language; the chart functions already draw in it."""
    return charts.figure_output(fig, alt)


def _figure_text(value: object, lang: str) -> object:
    """A reported or recomputed figure in the page's number format (up to 4 decimals, so a
    recomputation shows where it differs from the print)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return value
    text = f"{float(value):.4f}".rstrip("0").rstrip(".")
    decimals = len(text.split(".", 1)[1]) if "." in text else 0
    return format_number(float(value), decimals, lang)


def findings_html(
    data: PeriodData, prefixes: tuple[str, ...] | None, lang: str = "vi", heading: bool = True
) -> str:
    """The data-quality findings of some sections (all when `prefixes` is None), as HTML:
    a count line and the table, figures in the page's number format."""
    text = TEXT[lang]
    findings = check_period(data)
    if prefixes is not None:
        findings = section_findings(findings, list(prefixes))
    out = f"<h3>{html.escape(text['findings'])}</h3>" if heading else ""
    out += "<p>" + html.escape(text["summary"].format(**counts(findings))) + "</p>"
    if findings:
        frame = findings_frame(findings, lang)
        for column, attribute in zip(frame.columns[-2:], ("reported", "computed"), strict=True):
            frame[column] = [_figure_text(getattr(f, attribute), lang) for f in findings]
        out += frame.to_html(index=False, escape=True, border=0, classes="ntm-table")
    else:
        out += f"<p>{html.escape(text['no_findings'])}</p>"
    return out


def figures_appendix(data: PeriodData, key: str, lang: str = "vi") -> HTML:
    """The section's every figure (value in the page's format beside the figure as printed),
    its named lists and its data-quality findings, in a collapsed block."""
    section = SECTIONS[key]
    text = TEXT[lang]
    prefixes = list(section.prefixes)
    parts = []
    figures = section_figures(data, prefixes, lang)
    if not figures.empty:
        parts.append(figures.to_html(index=False, escape=True, border=0, classes="ntm-table"))
    names = section_lists(data, prefixes)
    if names:
        parts.append(f"<h3>{html.escape(text['lists'])}</h3>")
        table = list_table(data, names, lang)
        parts.append(table.to_html(index=False, escape=True, border=0, classes="ntm-table"))
    parts.append(findings_html(data, section.prefixes, lang))
    return HTML(
        f'<details class="ntm-appendix"><summary>{html.escape(text["appendix"])}</summary>'
        + "".join(parts)
        + "</details>"
    )
