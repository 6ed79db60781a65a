"""Blocks of a section page: each call returns what a notebook displays.

A section notebook is a document (docs/notebooks.md): its headings, tables' and charts' titles
come from the outline (`data/reference/sections.yml`, through `data.outline`), its prose from
the section's builder, and each step is one visible call:

    display(*page.headings(data, "a2_3", lang))        # II. …, 3. Kết quả huy động nguồn lực
    display(page.period_line(data, lang))
    words = a2_3.context(data, lang)                     # the figures in words
    display(page.prose(words))                           # a2_3/vi.md.j2
    display(*page.table(data, "a2_3", "funding", a2_3.funding_table(data, lang), lang))
    display(*page.chart(data, "a2_3", "funding_sources", a2_3.funding_chart(data, lang), lang))
    display(page.appendix(data, "a2_3", lang))

`table` and `chart` return the block's title (when the outline gives one) and the block, as a
tuple to unpack into `display`; an empty table or a chart with nothing to draw returns an
empty tuple, title included. Nothing here displays anything.
"""

from __future__ import annotations

import dataclasses
import html

import mistune
import pandas as pd
from IPython.display import HTML, Markdown
from matplotlib.figure import Figure

from ntm_analysis.dataset.outline import Entry, Outline
from ntm_analysis.dataset.period import PeriodData
from ntm_analysis.i18n import N_, t, tp
from ntm_analysis.quality import check_period, counts, findings_frame
from ntm_analysis.report.charts import ChartOutput, figure_output
from ntm_analysis.report.sections import prose as prose_engine
from ntm_analysis.report.sections.context import SectionContext
from ntm_analysis.report.words.figures import section_figures, section_findings
from ntm_analysis.report.words.lists import list_table, section_lists
from ntm_analysis.report.words.markdown import escape_markdown
from ntm_analysis.text.numbers import format_number

TEXT = {
    "findings": N_("Kiểm tra chất lượng số liệu"),
    "no_findings": N_("Không phát hiện bất thường."),
    "summary": N_("{error} lỗi, {warning} cảnh báo, {info} thông tin"),
    "appendix": N_("Phụ lục: toàn bộ số liệu của mục (giá trị và số in trong báo cáo)"),
}
MAX_LEVEL = 6
_markdown = mistune.create_markdown(escape=False)


def outline_of(data: PeriodData) -> Outline:
    """The period's outline (loaded with the period)."""
    if data.outline is None:
        raise ValueError("the period was loaded without its outline")
    return data.outline


def _heading(entry: Entry, lang: str, level: int | None = None) -> str:
    depth = min(level or entry.depth, MAX_LEVEL)
    return f"{'#' * depth} {escape_markdown(entry.heading(lang))}"


def headings(data: PeriodData, key: str, lang: str = "vi") -> tuple[Markdown, ...]:
    """The headings above section `key` and its own, top first, as the report numbers them
    ("A. …", "II. …", "3. …"): what opens a section's page."""
    chain = outline_of(data).chain(key)
    return (Markdown("\n\n".join(_heading(e, lang) for e in chain)),)


def heading(data: PeriodData, key: str, lang: str = "vi") -> Markdown:
    """The heading of one section at its depth: a part inside a page (4.4.1, …)."""
    return Markdown(_heading(outline_of(data).section(key), lang))


def period_line(data: PeriodData, lang: str = "vi") -> Markdown:
    """The period the page covers, as an italic line under the headings."""
    return Markdown(f"*{escape_markdown(data.label(lang))}*")


def prose(context: SectionContext, part: str | None = None) -> Markdown:
    """The section's prose (one `part` of it), rendered from its templates."""
    return Markdown(prose_engine.render(context, part))


def title(data: PeriodData, key: str, kind: str, block: str, lang: str = "vi") -> str:
    """The outline's title of table or chart `block` of section `key` ("" when it has none;
    KeyError when the outline does not list the block). A chart draws its title itself."""
    return outline_of(data).section(key).block_title(kind, block, lang)


def html_table(frame: pd.DataFrame, index: bool = False) -> HTML:
    """A table as the page shows it (cell text escaped: data cannot inject markup)."""
    return HTML(frame.to_html(index=index, escape=True, border=0, classes="ntm-table"))


def block(
    data: PeriodData,
    key: str,
    name: str,
    content: object,
    lang: str = "vi",
    kind: str = "table",
) -> tuple[object, ...]:
    """Block `name` of section `key` under its title from the outline (`kind` says whether
    the outline lists it as a table or a chart); the title is a heading of class
    `ntm-caption`, which the report's document prints as the block's caption. `content` is a
    displayable, a tuple of them (what `chart` returns) or a list of sentences (shown as
    bullets); nothing when empty."""
    if content is None or (hasattr(content, "empty") and content.empty):
        return ()
    if isinstance(content, list):
        content = (bullet_list([str(item) for item in content]),) if content else ()
    elif not isinstance(content, tuple):
        content = (content,)
    if not content:
        return ()
    heading_text = title(data, key, kind, name, lang)
    in_report = outline_of(data).section(key).block_in_report(kind, name)  # type: ignore[arg-type]
    if not in_report:
        content = tuple(_page_only(item) for item in content)
    if not heading_text or kind == "chart":  # a chart draws its title itself
        return content
    level = min(outline_of(data).section(key).depth + 1, MAX_LEVEL)
    classes = "ntm-caption" if in_report else f"ntm-caption {PAGE_ONLY}"
    caption = f'<h{level} class="{classes}">{html.escape(heading_text)}</h{level}>'
    return (HTML(caption), *content)


PAGE_ONLY = "ntm-page-only"  # a block the report's document leaves out (docs/outputs.md)


def _page_only(item: object) -> object:
    """A block marked for the analyst's page only: a chart flagged, HTML wrapped."""
    if isinstance(item, ChartOutput):
        return dataclasses.replace(item, report=False)
    if isinstance(item, HTML):
        return HTML(f'<div class="{PAGE_ONLY}">{item.data}</div>')
    if isinstance(item, Markdown):
        return HTML(f'<div class="{PAGE_ONLY}">{_markdown(item.data)}</div>')
    if hasattr(item, "_repr_html_"):  # a styled table (pandas Styler)
        return HTML(f'<div class="{PAGE_ONLY}">{item._repr_html_()}</div>')
    return item


def table(
    data: PeriodData,
    key: str,
    name: str,
    frame: pd.DataFrame,
    lang: str = "vi",
    index: bool = False,
) -> tuple[object, ...]:
    """Table `name` of section `key` under its title from the outline; nothing when the
    table has no row."""
    if frame.empty:
        return ()
    return block(data, key, name, html_table(frame, index), lang)


def chart(fig: Figure | None, alt: str | None = None) -> tuple[ChartOutput, ...]:
    """A chart as an embedded PNG whose alt text describes it in the page's language (the
    chart functions draw in it); nothing when there was nothing to draw (`fig` None)."""
    output = figure_output(fig, alt)
    return () if output is None else (output,)


def bullet_list(items: list[str]) -> Markdown:
    """Sentences as a bulleted list (text from data escaped for Markdown)."""
    return Markdown("\n".join(f"- {escape_markdown(item)}" for item in items))


def refs_of(data: PeriodData, key: str) -> tuple[str, ...]:
    """The source references a page or section reports (its own and those below it; for the
    first section of a page, the whole page's)."""
    outline = outline_of(data)
    page = outline.page_of(key)
    if page is not None and page.key == key:
        return page.refs
    entry = outline.section(key)
    below = [e for e in outline.entries if key in e.parents]
    return tuple(dict.fromkeys(r for e in (entry, *below) for r in e.node.refs))


def figures_table(data: PeriodData, key: str, lang: str = "vi") -> HTML:
    """Every figure of the section as a table (label, area, value, unit, as printed): the
    body of a section that has no builder of its own."""
    figures = section_figures(data, list(refs_of(data, key)), lang)
    return html_table(figures)


def _figure_text(value: object, lang: str) -> object:
    """A reported or recomputed figure in the page's number format (up to 4 decimals, so a
    recomputation shows where it differs from the print)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return value
    text = f"{float(value):.4f}".rstrip("0").rstrip(".")
    decimals = len(text.split(".", 1)[1]) if "." in text else 0
    return format_number(float(value), decimals, lang)


def findings_html(
    data: PeriodData, refs: tuple[str, ...] | None, lang: str = "vi", heading: bool = True
) -> str:
    """The data-quality findings of some source sections (all when `refs` is None), as HTML:
    a count line and the table, figures in the page's number format."""
    text = {key: t(lang, msgid) for key, msgid in TEXT.items()}
    findings = check_period(data)
    if refs is not None:
        findings = section_findings(findings, list(refs))
    out = f"<h3>{html.escape(text['findings'])}</h3>" if heading else ""
    summary = t(lang, TEXT["summary"], **counts(findings))
    out += "<p>" + html.escape(summary) + "</p>"
    if findings:
        frame = findings_frame(findings, lang)
        for column, attribute in zip(frame.columns[-2:], ("reported", "computed"), strict=True):
            frame[column] = [_figure_text(getattr(f, attribute), lang) for f in findings]
        out += frame.to_html(index=False, escape=True, border=0, classes="ntm-table")
    else:
        out += f"<p>{html.escape(text['no_findings'])}</p>"
    return out


def appendix(data: PeriodData, key: str, lang: str = "vi") -> HTML:
    """The page's every figure (value in the page's format beside the figure as printed),
    its named lists and its data-quality findings, in a collapsed block."""
    text = {key: t(lang, msgid) for key, msgid in TEXT.items()}
    refs = refs_of(data, key)
    parts = []
    figures = section_figures(data, list(refs), lang)
    if not figures.empty:
        parts.append(figures.to_html(index=False, escape=True, border=0, classes="ntm-table"))
    names = section_lists(data, list(refs))
    if names:
        lists_heading = tp(lang, "heading of the lists of a section", "Danh sách được nêu tên")
        parts.append(f"<h3>{html.escape(lists_heading)}</h3>")
        lists = list_table(data, names, lang)
        parts.append(lists.to_html(index=False, escape=True, border=0, classes="ntm-table"))
    parts.append(findings_html(data, refs, lang))
    return HTML(
        f'<details class="ntm-appendix"><summary>{html.escape(text["appendix"])}</summary>'
        + "".join(parts)
        + "</details>"
    )


__all__ = [
    "appendix",
    "block",
    "bullet_list",
    "chart",
    "figures_table",
    "findings_html",
    "heading",
    "headings",
    "html_table",
    "outline_of",
    "period_line",
    "prose",
    "refs_of",
    "table",
    "title",
]
