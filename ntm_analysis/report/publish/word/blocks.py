"""The document's blocks as real Word elements: headings (Word "Heading 1…6"), paragraphs
with bold and italic, bullet lists, tables (header rows repeated on each page, rows never
split, spans and fill colours kept, columns never narrower than their longest word) and
pictures the width of the text with their alt text."""

from __future__ import annotations

import io
import struct

from docx.document import Document as DocumentObject
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Length, Mm, Pt
from docx.table import _Cell as WordCell

from ntm_analysis.report.publish.document.model import (
    Block,
    Figure,
    Heading,
    ItemList,
    Paragraph,
    Run,
    Table,
)
from ntm_analysis.report.publish.word.layout import (
    CAPTION_STYLE,
    FIRST_LINE,
    TABLE_STYLE,
    text_width,
)

MAX_HEADING = 6
MAX_FIGURE_HEIGHT = Mm(90)
CHAR_MM = 2.0  # width of a character of an 11 pt table cell, generously
CELL_PADDING_MM = 4.0
LEAD_CHARS = 160  # at most this long, a paragraph in bold or italics heads what follows
TCPR_ORDER = (
    "w:cnfStyle", "w:tcW", "w:gridSpan", "w:hMerge", "w:vMerge", "w:tcBorders", "w:shd",
    "w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark",
)  # fmt: skip


def _runs(paragraph, runs: tuple[Run, ...]) -> None:
    for piece in runs:
        lines = piece.text.split("\n")
        for n, line in enumerate(lines):
            run = paragraph.add_run(line)
            run.bold, run.italic = piece.bold or None, piece.italic or None
            if n < len(lines) - 1:
                run.add_break()


def _paragraph(doc: DocumentObject, block: Paragraph) -> None:
    if block.kind == "caption":
        paragraph = doc.add_paragraph(style=CAPTION_STYLE)
        _runs(paragraph, tuple(Run(r.text, False, r.italic) for r in block.runs))
        return
    paragraph = doc.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    if block.kind == "quote":
        paragraph.paragraph_format.left_indent = FIRST_LINE
    else:
        paragraph.paragraph_format.first_line_indent = FIRST_LINE
    if block.kind == "note":
        block = Paragraph(tuple(Run(r.text, r.bold, True) for r in block.runs))
    elif leads(block):
        paragraph.paragraph_format.keep_with_next = True  # never alone at a page's foot
    _runs(paragraph, block.runs)


def leads(block: Paragraph) -> bool:
    """A paragraph that heads what follows ("*2. Nguyên nhân*", "**I. Mục tiêu**"): short,
    all in bold or italics, not a sentence."""
    text = block.text.strip()
    shown = [r for r in block.runs if r.text.strip()]
    return (
        0 < len(text) <= LEAD_CHARS
        and not text.endswith((".", ";"))
        and all(r.bold or r.italic for r in shown)
    )


def _list(doc: DocumentObject, block: ItemList) -> None:
    """Items as the decree's reports write them: a dash, indented like the body."""
    for item in block.items:
        paragraph = doc.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        paragraph.paragraph_format.first_line_indent = Length(FIRST_LINE + Mm(5) * item.depth)
        paragraph.add_run("+ " if item.depth else "- ")
        _runs(paragraph, item.runs)


def picture_width(png: bytes, width: Length, max_height: Length = MAX_FIGURE_HEIGHT) -> Length:
    """The width a chart is printed at: the text's, or less so that it is at most
    `max_height` tall (a tall chart would leave most of a page empty)."""
    pixels_wide, pixels_high = struct.unpack(">II", png[16:24])  # the PNG's IHDR
    if pixels_wide <= 0 or pixels_high <= 0:
        return width
    return Length(min(int(width), int(max_height * pixels_wide / pixels_high)))


def _picture(doc: DocumentObject, block: Figure) -> None:
    """A chart at the width of the text (at most `MAX_FIGURE_HEIGHT` tall), centred, with
    its description for screen readers (the picture's alt text in Word)."""
    paragraph = doc.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.keep_together = True
    paragraph.paragraph_format.first_line_indent = Mm(0)
    width = picture_width(block.png, text_width(doc))
    shape = paragraph.add_run().add_picture(io.BytesIO(block.png), width=width)
    if block.alt:
        shape._inline.docPr.set("descr", block.alt)


def _column_widths(table: Table, total: Length) -> list[Length]:
    """Each column at least as wide as its longest word (a figure like "84,7%" is never
    broken across lines); the narrowest texts then get their whole line ("Huyện Càng Long"
    on one line), and what is left is shared by the columns with the longest texts."""
    words, lengths, whole = [], [], []
    body = table.rows[table.header_rows :] or table.rows  # a heading may wrap, cells not
    for c in range(table.columns):
        texts = [row[c].text for row in table.rows if c < len(row) and not row[c].covered]
        words.append(max((len(w) for t in texts for w in t.split()), default=1))
        whole.append(Mm(max((len(t) for t in texts), default=1) * CHAR_MM + CELL_PADDING_MM))
        cells = [row[c].text for row in body if c < len(row) and not row[c].covered]
        lengths.append(max((len(t) for t in cells), default=1))
    if sum(whole) <= total:  # every cell, headings too, on one line
        return [Length(int(w * total / sum(whole))) for w in whole]
    minimum = [Mm(w * CHAR_MM + CELL_PADDING_MM) for w in words]
    if total - sum(minimum) <= 0:  # too many columns: shrink in proportion to the longest words
        return [Length(int(total * m / sum(minimum))) for m in minimum]
    wanted = [
        max(Mm(n * CHAR_MM + CELL_PADDING_MM), m) for n, m in zip(lengths, minimum, strict=True)
    ]
    widths = list(minimum)
    left = sorted(range(table.columns), key=lambda c: wanted[c])
    while left:
        spare = total - sum(widths)
        share = spare / len(left)  # what each column still open may take on top of its minimum
        column = left[0]
        if wanted[column] - widths[column] <= share:  # it fits whole: give it its line
            widths[column] = wanted[column]
            left.pop(0)
            continue
        extra = [wanted[c] - widths[c] for c in left]  # none fits: share in proportion
        for c, e in zip(left, extra, strict=True):
            widths[c] += spare * e / sum(extra)
        break
    scale = total / sum(widths)  # all fit whole: the table still spans the text width
    return [Length(int(w * scale)) for w in widths]


def _row_properties(tr, *, header: bool) -> None:
    properties = tr.get_or_add_trPr()
    properties.append(OxmlElement("w:cantSplit"))
    if header:
        properties.append(OxmlElement("w:tblHeader"))


def _fill(tc, colour: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), colour.lstrip("#").upper())
    properties = tc.get_or_add_tcPr()
    properties.insert_element_before(shading, *TCPR_ORDER[TCPR_ORDER.index("w:shd") + 1 :])


def _table(doc: DocumentObject, block: Table) -> None:
    columns = block.columns
    table = doc.add_table(rows=len(block.rows), cols=columns)
    table.style = doc.styles["Table Grid"]
    table.autofit = False  # fixed layout: the column widths below hold
    widths = _column_widths(block, text_width(doc))
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width  # the grid LibreOffice reads
    style_id = doc.styles[TABLE_STYLE].style_id
    spans = []
    # rows and cells straight from the XML: python-docx's row.cells walks the whole grid
    for r, tr in enumerate(table._tbl.tr_lst):
        _row_properties(tr, header=r < block.header_rows)
        for c, tc in enumerate(tr.tc_lst):
            tc.width = widths[c]  # Word reads the cells' widths
            cell = block.rows[r][c]
            if cell.covered:
                continue
            paragraph = WordCell(tc, table).paragraphs[0]
            paragraph._p.style = style_id  # by id: python-docx's lookup is slow
            if cell.header:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            elif cell.number:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            paragraph.add_run(cell.text).bold = cell.header or None
            if cell.fill:
                _fill(tc, cell.fill)
            if cell.span != (1, 1):
                spans.append((r, c, cell.span))
    for r, c, (down, across) in spans:
        table.cell(r, c).merge(table.cell(r + down - 1, c + across - 1))
    doc.add_paragraph().paragraph_format.space_after = Pt(0)


def write_block(doc: DocumentObject, block: Block) -> None:
    """Append one block."""
    if isinstance(block, Heading):
        doc.add_heading(block.text, level=min(block.level, MAX_HEADING))
    elif isinstance(block, Paragraph):
        _paragraph(doc, block)
    elif isinstance(block, ItemList):
        _list(doc, block)
    elif isinstance(block, Table):
        _table(doc, block)
    elif isinstance(block, Figure):
        _picture(doc, block)
    else:
        raise TypeError(f"not a block: {block!r}")


__all__ = ["MAX_FIGURE_HEIGHT", "picture_width", "write_block"]
