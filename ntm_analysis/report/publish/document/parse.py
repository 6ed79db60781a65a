"""What a reader sees of an executed notebook, as document blocks.

Markdown cells of the page's language (tagged `lang-vi` / `lang-en`, or untagged) and the
outputs of code cells: Markdown and HTML become headings, paragraphs, lists and tables;
charts (`image/png`) figures with their alt text. Code, parameters, notes to the analyst,
printed streams, errors, collapsed `<details>` blocks (a page's appendix: every figure and
the data-quality findings, for analysts), styles, scripts and forms are left out.
Markdown is read by mistune (nbconvert's own parser), so both arrive at one HTML walker.
"""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass, field
from typing import Any

import mistune
from bs4 import BeautifulSoup, NavigableString, Tag

from ntm_analysis.report.publish.document.model import (
    Block,
    Figure,
    Heading,
    ItemList,
    ListItem,
    Paragraph,
    Run,
)
from ntm_analysis.report.publish.document.tables import fills, table_of

LANG_TAG = "lang-"
# Cells whose content is not for a reader of the report.
SKIP_TAGS = {
    "parameters",
    "injected-parameters",
    "remove-cell",
    "remove-output",
    "ntm-about",
    "ntm-no-docx",
    "ntm-notes",
}
ABOUT_CALL = "about_run("  # the footer's call: run details belong in run.json
SKIP = {"details", "style", "script", "button", "input", "form", "template", "noscript"}
HEADINGS = {f"h{n}": n for n in range(1, 7)}
INLINE = {"a", "abbr", "b", "code", "em", "i", "small", "span", "strong", "sub", "sup", "u"}
LISTS = {"ul", "ol"}
CAPTION_CLASS = "ntm-caption"  # a table's or chart's title (report/sections/page.py)
PAGE_ONLY = "ntm-page-only"  # a block for the analyst's page only: its figures are in the prose

_markdown = mistune.create_markdown(escape=False, plugins=["table", "strikethrough"])


def markdown_html(text: str) -> str:
    """Markdown (CommonMark with tables) as HTML."""
    return str(_markdown(text))


def _joined(value: str | list[str]) -> str:
    return "".join(value) if isinstance(value, list) else value


def _language_ok(cell: Any, lang: str) -> bool:
    tags = set(cell.get("metadata", {}).get("tags", []))
    languages = {t[len(LANG_TAG) :] for t in tags if t.startswith(LANG_TAG)}
    return not languages or lang in languages


def _skipped(cell: Any) -> bool:
    tags = set(cell.get("metadata", {}).get("tags", []))
    if tags & SKIP_TAGS:
        return True
    return cell.get("cell_type") == "code" and ABOUT_CALL in _joined(cell.get("source", ""))


@dataclass
class Reader:
    """Collects the blocks of HTML and Markdown fragments, in order."""

    blocks: list[Block] = field(default_factory=list)
    _fills: dict[str, str] = field(default_factory=dict)

    def markdown(self, text: str) -> None:
        self.html(markdown_html(text))

    def html(self, markup: str) -> None:
        soup = BeautifulSoup(markup, "html.parser")
        self._fills = fills(soup)
        self._children(soup)

    def picture(self, png: bytes, alt: str = "") -> None:
        self.blocks.append(Figure(png, alt))

    def _children(self, node: Tag) -> None:
        pending: list = []  # inline nodes waiting to become one paragraph
        for child in list(node.children):
            if isinstance(child, Tag) and child.name not in INLINE and child.name != "br":
                self._paragraph(pending)
                pending = []
                self._block(child)
            elif isinstance(child, NavigableString) and type(child) is not NavigableString:
                continue  # comments, doctype, CDATA
            else:
                pending.append(child)
        self._paragraph(pending)

    def _block(self, tag: Tag) -> None:
        name = tag.name
        if name in SKIP or name == "hr" or PAGE_ONLY in (tag.get("class") or []):
            return
        if name in HEADINGS:
            text = " ".join(tag.get_text(" ").replace("¶", "").split())
            if text and CAPTION_CLASS in (tag.get("class") or []):
                self.blocks.append(Paragraph((Run(text, bold=True),), kind="caption"))
            elif text:
                self.blocks.append(Heading(HEADINGS[name], text))
        elif name == "p":
            self._paragraph(list(tag.children))
        elif name in LISTS:
            items: list[ListItem] = []
            _items(tag, 0, items)
            if items:
                self.blocks.append(ItemList(tuple(items), ordered=name == "ol"))
        elif name == "table":
            table = table_of(tag, self._fills)
            if table is not None:
                self.blocks.append(table)
        elif name == "img":
            self._image(tag)
        elif name in {"pre", "blockquote"}:
            runs = _runs([tag]) if name == "blockquote" else (Run(tag.get_text().strip()),)
            if any(r.text.strip() for r in runs):
                self.blocks.append(Paragraph(runs, kind="quote"))
        else:  # div, section, figure, main …: their children
            self._children(tag)

    def _paragraph(self, nodes: list) -> None:
        images = [n for n in nodes if isinstance(n, Tag) and n.name == "img"]
        runs = _runs(nodes)
        if any(r.text.strip() for r in runs):
            self.blocks.append(Paragraph(runs))
        for image in images:
            self._image(image)

    def _image(self, tag: Tag) -> None:
        src = str(tag.get("src", ""))
        if src.startswith("data:image/png;base64,"):
            self.picture(base64.b64decode(src.split(",", 1)[1]), str(tag.get("alt", "")))


def _runs(nodes: list) -> tuple[Run, ...]:
    """Inline nodes as runs: text with bold and italic, spaces collapsed, edges trimmed."""
    runs: list[Run] = []
    for node in nodes:
        _inline(node, runs, bold=False, italic=False)
    merged: list[Run] = []
    for run in runs:
        if merged and (merged[-1].bold, merged[-1].italic) == (run.bold, run.italic):
            merged[-1] = Run(merged[-1].text + run.text, run.bold, run.italic)
        else:
            merged.append(run)
    if merged:
        merged[0] = Run(merged[0].text.lstrip(), merged[0].bold, merged[0].italic)
        merged[-1] = Run(merged[-1].text.rstrip(), merged[-1].bold, merged[-1].italic)
    return tuple(r for r in merged if r.text)


def _inline(node: Any, runs: list[Run], *, bold: bool, italic: bool) -> None:
    if isinstance(node, NavigableString):
        if type(node) is NavigableString:
            text = re.sub(r"\s+", " ", str(node))
            if text:
                runs.append(Run(text, bold, italic))
        return
    if node.name in SKIP or node.name in LISTS or node.name in {"table", "img"}:
        return
    if node.name == "br":
        runs.append(Run("\n", bold, italic))
        return
    bold = bold or node.name in {"b", "strong"}
    italic = italic or node.name in {"i", "em"}
    for child in node.children:
        _inline(child, runs, bold=bold, italic=italic)


def _items(tag: Tag, depth: int, out: list[ListItem]) -> None:
    for item in tag.find_all("li", recursive=False):
        inline = [c for c in item.children if not (isinstance(c, Tag) and c.name in LISTS)]
        paragraphs = [c for c in inline if isinstance(c, Tag) and c.name == "p"]
        nodes = [n for p in paragraphs for n in p.children] if paragraphs else inline
        runs = _runs(nodes)
        if runs:
            out.append(ListItem(runs, depth))
        for sub in item.find_all(list(LISTS), recursive=False):
            _items(sub, depth + 1, out)


def _output(reader: Reader, output: Any) -> None:
    if output.get("output_type") not in {"display_data", "execute_result"}:
        return  # streams and errors are not part of the report
    data = output.get("data", {})
    if "image/png" in data:
        metadata = output.get("metadata", {}).get("image/png", {})
        if metadata.get("ntm-report") is False:
            return  # a chart for the analyst's page only
        reader.picture(base64.b64decode(_joined(data["image/png"])), metadata.get("alt", ""))
    elif "text/html" in data:
        reader.html(_joined(data["text/html"]))
    elif "text/markdown" in data:
        reader.markdown(_joined(data["text/markdown"]))


def notebook_blocks(notebook: Any, lang: str) -> list[Block]:
    """The reader's content of one executed notebook, in order."""
    reader = Reader()
    for cell in notebook.cells:
        if _skipped(cell) or not _language_ok(cell, lang):
            continue
        if cell.cell_type == "markdown":
            reader.markdown(_joined(cell.source))
        elif cell.cell_type == "code":
            for output in cell.get("outputs", []):
                _output(reader, output)
    return reader.blocks


def failed(notebook: Any) -> bool:
    """True when a cell of the executed notebook raised."""
    return any(
        o.get("output_type") == "error"
        for cell in notebook.cells
        if cell.get("cell_type") == "code"
        for o in cell.get("outputs", [])
    )


__all__ = ["SKIP_TAGS", "failed", "markdown_html", "notebook_blocks"]
