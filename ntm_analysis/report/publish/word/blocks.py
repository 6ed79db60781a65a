"""Reader content of a notebook (Markdown and HTML) written into a Word document as real Word
headings, paragraphs, lists, tables and pictures.

Markdown is turned into HTML by mistune (nbconvert's own Markdown parser), so both arrive at
one HTML walker built on BeautifulSoup's `html.parser`. Collapsed blocks (`<details>`),
styles, scripts and forms are not for a reader of the report and are skipped.
"""

from __future__ import annotations

import base64
import io
import re
from dataclasses import dataclass, field

import mistune
from bs4 import BeautifulSoup, NavigableString, Tag
from docx.document import Document as DocumentObject
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Length, Mm, Pt
from docx.table import _Cell as WordCell
from docx.text.paragraph import Paragraph

from ntm_analysis.report.publish.word.layout import TABLE_STYLE, text_width

SKIP = {"details", "style", "script", "button", "input", "form", "template", "noscript"}
HEADINGS = {f"h{n}": n for n in range(1, 7)}
INLINE = {"a", "abbr", "b", "code", "em", "i", "small", "span", "strong", "sub", "sup", "u"}
LISTS = {"ul", "ol"}
# a figure alone in a cell ("5.214.624,5", "84,7%", "72/85", "—"): aligned right
NUMBER = re.compile(r"[-–—]|(?:trên |hơn |khoảng |over |about )?[+-]?[\d.,]+ ?%?(?:/[\d.,]+)?")
_BACKGROUND = re.compile(r"([^{}]+)\{[^}]*background-color:\s*(#[0-9a-fA-F]{6})")

_markdown = mistune.create_markdown(escape=False, plugins=["table", "strikethrough"])


def markdown_html(text: str) -> str:
    """Markdown (CommonMark with tables) as HTML."""
    return str(_markdown(text))


@dataclass
class Writer:
    """Appends reader content to `doc`; the first level-1 heading starts no new page."""

    doc: DocumentObject
    max_heading: int = 4
    headings: list[tuple[int, str]] = field(default_factory=list)
    skip_paragraphs: frozenset[str] = frozenset()  # e.g. the period label the title shows
    _shading: dict[str, str] = field(default_factory=dict)
    _open: dict[int, str] = field(default_factory=dict)  # the open heading of each level

    # ------------------------------------------------------------------ entry points
    def markdown(self, text: str) -> None:
        self.html(markdown_html(text))

    def html(self, markup: str) -> None:
        soup = BeautifulSoup(markup, "html.parser")
        self._shading = _shading(soup)
        self._blocks(soup)

    def picture(self, png: bytes, alt: str = "") -> None:
        """A chart at the width of the text, centred, with its description for screen
        readers (the picture's alt text in Word)."""
        paragraph = self.doc.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.keep_together = True
        shape = paragraph.add_run().add_picture(io.BytesIO(png), width=text_width(self.doc))
        if alt:
            shape._inline.docPr.set("descr", alt)

    # ------------------------------------------------------------------ block level
    def _blocks(self, node: Tag) -> None:
        pending: list = []  # inline nodes waiting to become one paragraph
        for child in list(node.children):
            if isinstance(child, Tag) and child.name not in INLINE and child.name != "br":
                self._flush(pending)
                pending = []
                self._block(child)
            elif isinstance(child, NavigableString) and type(child) is not NavigableString:
                continue  # comments, doctype, CDATA
            else:
                pending.append(child)
        self._flush(pending)

    def _block(self, tag: Tag) -> None:
        name = tag.name
        if name in SKIP:
            return
        if name in HEADINGS:
            self._heading(HEADINGS[name], tag.get_text(" ", strip=True))
        elif name == "p":
            self._paragraph(list(tag.children))
        elif name in LISTS:
            self._list(tag, 0)
        elif name == "table":
            self._table(tag)
        elif name == "img":
            self._image(tag)
        elif name == "pre":
            paragraph = self.doc.add_paragraph(tag.get_text())
            paragraph.paragraph_format.left_indent = Pt(18)
        elif name == "blockquote":
            for child in tag.find_all("p") or [tag]:
                paragraph = self._paragraph(list(child.children))
                if paragraph is not None:
                    paragraph.paragraph_format.left_indent = Pt(18)
        elif name == "hr":
            return
        else:  # div, section, figure, main …: their children
            self._blocks(tag)

    def _flush(self, nodes: list) -> None:
        if any(str(n).strip() for n in nodes):
            self._paragraph(nodes)

    def _heading(self, level: int, text: str) -> None:
        """A Word heading; one that repeats the open heading of its level (each section
        notebook opens with its part's heading, "II. …") is written once, so the part's
        sections follow each other under it as in the source."""
        if not text:
            return
        level = min(level, self.max_heading)
        if self._open.get(level) == text:
            return
        self._open = {lvl: t for lvl, t in self._open.items() if lvl < level}
        self._open[level] = text
        paragraph = self.doc.add_heading(text, level=level)
        if level == 1 and not any(lvl == 1 for lvl, _ in self.headings):
            paragraph.paragraph_format.page_break_before = False
        self.headings.append((level, text))

    def _paragraph(self, nodes: list, style: str | None = None) -> Paragraph | None:
        if not any(_text(n).strip() for n in nodes):
            images = [n for n in nodes if isinstance(n, Tag) and n.name == "img"]
            for image in images:
                self._image(image)
            return None
        if style is None and " ".join("".join(_text(n) for n in nodes).split()) in (
            self.skip_paragraphs
        ):
            return None
        paragraph = self.doc.add_paragraph(style=style)
        if style is None:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        for node in nodes:
            self._inline(paragraph, node, bold=False, italic=False)
        _strip_edges(paragraph)
        return paragraph

    def _inline(self, paragraph: Paragraph, node, *, bold: bool, italic: bool) -> None:
        if isinstance(node, NavigableString):
            if type(node) is NavigableString:
                text = re.sub(r"\s+", " ", str(node))
                if text:
                    run = paragraph.add_run(text)
                    run.bold, run.italic = bold or None, italic or None
            return
        if node.name in SKIP or node.name in LISTS or node.name == "table":
            return
        if node.name == "br":
            paragraph.add_run().add_break()
            return
        bold = bold or node.name in {"b", "strong"}
        italic = italic or node.name in {"i", "em"}
        for child in node.children:
            self._inline(paragraph, child, bold=bold, italic=italic)

    def _list(self, tag: Tag, depth: int) -> None:
        ordered = tag.name == "ol"
        base = "List Number" if ordered else "List Bullet"
        style = base if depth == 0 or ordered else "List Bullet 2"
        for item in tag.find_all("li", recursive=False):
            inline = [c for c in item.children if not (isinstance(c, Tag) and c.name in LISTS)]
            blocks = [c for c in inline if isinstance(c, Tag) and c.name == "p"]
            nodes = [n for b in blocks for n in b.children] if blocks else inline
            self._paragraph(nodes, style=style)
            for sub in item.find_all(LISTS, recursive=False):
                self._list(sub, depth + 1)

    def _image(self, tag: Tag) -> None:
        src = str(tag.get("src", ""))
        if src.startswith("data:image/png;base64,"):
            self.picture(base64.b64decode(src.split(",", 1)[1]), str(tag.get("alt", "")))

    # ------------------------------------------------------------------ tables
    def _table(self, tag: Tag) -> None:
        grid = _grid(tag)
        if not grid or not grid[0]:
            return
        columns = max(len(row) for row in grid)
        table = self.doc.add_table(rows=len(grid), cols=columns)
        table.style = self.doc.styles["Table Grid"]
        table.autofit = False  # fixed layout: the column widths below hold
        widths = _column_widths(grid, columns, text_width(self.doc))
        for column, width in zip(table.columns, widths, strict=True):
            column.width = width  # the grid LibreOffice reads
        header_rows = _header_rows(grid)
        cell_style = self.doc.styles[TABLE_STYLE].style_id
        spans = []
        # rows and cells straight from the XML: python-docx's row.cells walks the whole grid
        for r, tr in enumerate(table._tbl.tr_lst):
            _cant_split(tr, repeat_header=r < header_rows)
            row = grid[r]
            for c, tc in enumerate(tr.tc_lst):
                tc.width = widths[c]  # Word reads the cells' widths
                cell = row[c] if c < len(row) else None
                if cell is None or cell.covered:
                    continue
                word_cell = WordCell(tc, table)
                paragraph = word_cell.paragraphs[0]
                paragraph._p.style = cell_style  # by id: python-docx's lookup is slow
                if not cell.header and NUMBER.fullmatch(cell.text):
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                paragraph.add_run(cell.text).bold = cell.header or None
                colour = self._shading.get(cell.id or "")
                if colour:
                    _shade(word_cell, colour)
                if cell.span != (1, 1):
                    spans.append((r, c, cell.span))
        for r, c, (down, across) in spans:
            table.cell(r, c).merge(table.cell(r + down - 1, c + across - 1))
        self.doc.add_paragraph()


@dataclass
class _Cell:
    text: str
    header: bool
    id: str | None = None
    covered: bool = False  # a slot filled by a neighbour's colspan/rowspan
    span: tuple[int, int] = (1, 1)  # rows, columns the cell spans (on its first slot)


def _grid(table: Tag) -> list[list[_Cell | None]]:
    """The table's rows as a grid, spans expanded into covered slots."""
    rows = [tr for tr in table.find_all("tr") if tr.find_parent("table") is table]
    grid: list[list[_Cell | None]] = [[] for _ in rows]
    for r, tr in enumerate(rows):
        c = 0
        for cell in tr.find_all(["td", "th"], recursive=False):
            while c < len(grid[r]) and grid[r][c] is not None:
                c += 1
            span = int(cell.get("colspan", 1) or 1)
            down = int(cell.get("rowspan", 1) or 1)
            header = cell.name == "th" or cell.find_parent("thead") is not None
            for dr in range(down):
                if r + dr >= len(grid):
                    break
                target = grid[r + dr]
                while len(target) < c + span:
                    target.append(None)
                for dc in range(span):
                    first = dr == 0 and dc == 0
                    text = cell.get_text(" ", strip=True) if first else ""
                    target[c + dc] = _Cell(
                        text,
                        header,
                        cell.get("id"),
                        covered=not first,
                        span=(min(down, len(grid) - r), span) if first else (1, 1),
                    )
            c += span
    return grid


def _header_rows(grid: list[list[_Cell | None]]) -> int:
    count = 0
    for row in grid:
        if not all(cell is None or cell.header for cell in row):
            break
        count += 1
    return count


CHAR_MM = 2.0  # width of a character of an 11 pt table cell, generously
CELL_PADDING_MM = 4.0


def _column_widths(grid, columns: int, total: Length) -> list[Length]:
    """Each column at least as wide as its longest word (a code like "A.II.1" or a figure
    like "84,7%" is never broken across lines); the rest shared by the length of the text."""
    words, lengths = [], []
    for c in range(columns):
        texts = [row[c].text for row in grid if c < len(row) and row[c] is not None]
        words.append(max((len(w) for t in texts for w in t.split()), default=1))
        lengths.append(max((len(t) for t in texts), default=1))
    minimum = [Mm(w * CHAR_MM + CELL_PADDING_MM) for w in words]
    spare = total - sum(minimum)
    if spare <= 0:  # too many columns: shrink in proportion to the longest words
        return [Length(int(total * m / sum(minimum))) for m in minimum]
    extra = [max(length - word, 0) for length, word in zip(lengths, words, strict=True)]
    weight = sum(extra) or 1
    return [Length(int(m + spare * e / weight)) for m, e in zip(minimum, extra, strict=True)]


def _cant_split(tr, *, repeat_header: bool) -> None:
    properties = tr.get_or_add_trPr()
    properties.append(OxmlElement("w:cantSplit"))
    if repeat_header:
        properties.append(OxmlElement("w:tblHeader"))


def _shade(cell, colour: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), colour.lstrip("#").upper())
    cell._tc.get_or_add_tcPr().append(shading)


def _shading(soup: BeautifulSoup) -> dict[str, str]:
    """Background colours a pandas Styler gives cells by id (`#T_x_row0_col7 {…}`)."""
    colours: dict[str, str] = {}
    for style in soup.find_all("style"):
        for selectors, colour in _BACKGROUND.findall(style.get_text()):
            for selector in selectors.split(","):
                selector = selector.strip()
                if selector.startswith("#"):
                    colours[selector[1:]] = colour
    return colours


def _text(node) -> str:
    return node.get_text() if isinstance(node, Tag) else str(node)


def _strip_edges(paragraph: Paragraph) -> None:
    runs = paragraph.runs
    if runs and runs[0].text:
        runs[0].text = runs[0].text.lstrip()
    if runs and runs[-1].text:
        runs[-1].text = runs[-1].text.rstrip()
