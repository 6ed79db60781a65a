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

from ntm_analysis.dataset.period import PeriodData
from ntm_analysis.i18n import N_, t, tp
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
    title_msgid: str  # Vietnamese, marked with N_: `title(lang)` translates it

    def title(self, lang: str) -> str:
        return t(lang, self.title_msgid)


SECTIONS = {
    s.key: s
    for s in (
        Section("a1", ("A.I",), N_("Công tác chỉ đạo, điều hành")),
        Section("a2_1", ("A.II.1",), N_("Xã, huyện nông thôn mới")),
        Section("a2_2", ("A.II.2",), N_("Ấp văn hóa, ấp NTM và hộ gia đình văn hóa")),
        Section("a2_3", ("A.II.3",), N_("Huy động nguồn lực và giải ngân")),
        Section("a2_4_1", ("A.II.4.1", "A.II.4.2"), N_("Quy hoạch và hạ tầng kinh tế – xã hội")),
        Section("a2_4_3", ("A.II.4.3",), N_("Phát triển sản xuất")),
        Section("a2_4_4", ("A.II.4.4",), N_("Giảm nghèo và an sinh xã hội")),
        Section(
            "a2_4_5",
            ("A.II.4.5",),
            N_("Phong trào Toàn dân đoàn kết xây dựng đời sống văn hóa"),
        ),
        Section("a2_4_6", ("A.II.4.6",), N_("Y tế cơ sở")),
        Section(
            "a2_4_7",
            ("A.II.4.7", "A.II.4.8"),
            N_("Hệ thống chính trị, tiếp cận pháp luật, quốc phòng – an ninh"),
        ),
        Section("b", ("B",), N_("Kết quả đạt được, tồn tại, hạn chế")),
        Section("c", ("C",), N_("Mục tiêu cuối năm")),
    )
}

# Headings and lines of the pages, by key (`heading(key, lang)`); translated at use.
TEXT = {
    "findings": N_("Kiểm tra chất lượng số liệu"),
    "no_findings": N_("Không phát hiện bất thường."),
    "summary": N_("{error} lỗi, {warning} cảnh báo, {info} thông tin"),
    "appendix": N_("Phụ lục: toàn bộ số liệu của mục (giá trị và số in trong báo cáo)"),
    "next_year": N_("Mục tiêu năm sau"),
}


def period_line(data: PeriodData, lang: str = "vi") -> Markdown:
    """The period the page covers, as an italic line under the heading."""
    return Markdown(f"*{escape_markdown(data.label(lang))}*")


def heading(key: str, lang: str = "vi", level: int = 3) -> Markdown:
    """A heading of the page in its language, for a part shown only when it has content."""
    return Markdown(f"{'#' * level} {t(lang, TEXT[key])}")


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
    findings = check_period(data)
    if prefixes is not None:
        findings = section_findings(findings, list(prefixes))
    out = f"<h3>{html.escape(t(lang, TEXT['findings']))}</h3>" if heading else ""
    out += "<p>" + html.escape(t(lang, TEXT["summary"], **counts(findings))) + "</p>"
    if findings:
        frame = findings_frame(findings, lang)
        for column, attribute in zip(frame.columns[-2:], ("reported", "computed"), strict=True):
            frame[column] = [_figure_text(getattr(f, attribute), lang) for f in findings]
        out += frame.to_html(index=False, escape=True, border=0, classes="ntm-table")
    else:
        out += f"<p>{html.escape(t(lang, TEXT['no_findings']))}</p>"
    return out


def figures_appendix(data: PeriodData, key: str, lang: str = "vi") -> HTML:
    """The section's every figure (value in the page's format beside the figure as printed),
    its named lists and its data-quality findings, in a collapsed block."""
    section = SECTIONS[key]
    prefixes = list(section.prefixes)
    parts = []
    figures = section_figures(data, prefixes, lang)
    if not figures.empty:
        parts.append(figures.to_html(index=False, escape=True, border=0, classes="ntm-table"))
    names = section_lists(data, prefixes)
    if names:
        lists = tp(lang, "heading of the lists of a section", "Danh sách được nêu tên")
        parts.append(f"<h3>{html.escape(lists)}</h3>")
        table = list_table(data, names, lang)
        parts.append(table.to_html(index=False, escape=True, border=0, classes="ntm-table"))
    parts.append(findings_html(data, section.prefixes, lang))
    return HTML(
        f'<details class="ntm-appendix"><summary>{html.escape(t(lang, TEXT["appendix"]))}</summary>'
        + "".join(parts)
        + "</details>"
    )
