"""The page of a Vietnamese administrative document (Decree 30/2020/NĐ-CP): A4 portrait,
margins 20 mm top and bottom, 30 mm left, 15 mm right; Times New Roman 13 pt body (tables
11 pt); page numbers at the top centre from the second page; headings in the body's font,
bold and black, numbered by their own text (A., I., 1., 4.1.)."""

from __future__ import annotations

from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Length, Mm, Pt, RGBColor

FONT = "Times New Roman"
BODY_PT = 13
TABLE_PT = 11
TABLE_STYLE = "Table Text"  # paragraph style of table cells
CAPTION_STYLE = "Caption"
PAGE = {"width": Mm(210), "height": Mm(297)}
MARGINS = {"top": Mm(20), "bottom": Mm(20), "left": Mm(30), "right": Mm(15)}
FIRST_LINE = Cm(1)  # the body's paragraphs open with an indent
HEADING_PT = {1: 13, 2: 13, 3: 13, 4: 13, 5: 13, 6: 13}
CAPITALS = {1, 2}  # A., I.: printed in capitals, as the decree's reports do
# The order of the children of a paragraph's and a table's properties (ECMA-376): Word refuses
# a file whose elements are out of it.
PPR_ORDER = (
    "w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr",
    "w:widowControl", "w:numPr", "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs",
    "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct",
    "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid",
    "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap",
    "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl",
    "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)  # fmt: skip
TBLPR_ORDER = (
    "w:tblStyle", "w:tblpPr", "w:tblOverlap", "w:bidiVisual", "w:tblStyleRowBandSize",
    "w:tblStyleColBandSize", "w:tblW", "w:jc", "w:tblCellSpacing", "w:tblInd",
    "w:tblBorders", "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook",
)  # fmt: skip


def put(parent, element, order: tuple[str, ...]) -> None:
    """Insert `element` into `parent` at its place in `order` (replacing one of its kind)."""
    tag = element.tag
    for old in parent.findall(tag):
        parent.remove(old)
    name = next(n for n in order if qn(n) == tag)
    parent.insert_element_before(element, *order[order.index(name) + 1 :])


def text_width(doc: DocumentObject) -> Length:
    """Width between the margins of the document's first section."""
    section = doc.sections[0]
    return Length(section.page_width - section.left_margin - section.right_margin)


def set_font(style_or_run, size: float | None = None) -> None:
    """Times New Roman for Latin, East Asian and complex scripts alike (Word picks the
    East Asian slot for some Vietnamese characters otherwise)."""
    font = style_or_run.font
    font.name = FONT
    if size is not None:
        font.size = Pt(size)
    rpr = style_or_run.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)  # a theme font would win over the named one


def _headings(doc: DocumentObject) -> None:
    for level, size in HEADING_PT.items():
        style = doc.styles[f"Heading {level}"]
        set_font(style, size)
        style.font.bold = True
        style.font.italic = level >= 5
        style.font.all_caps = level in CAPITALS
        style.font.color.rgb = RGBColor(0, 0, 0)
        form = style.paragraph_format
        form.space_before, form.space_after = Pt(6), Pt(3)
        form.first_line_indent = FIRST_LINE
        form.keep_with_next = True
        form.page_break_before = False


def setup_page(doc: DocumentObject, language: str) -> None:
    """A4 portrait with the decree's margins, styles in Times New Roman, page numbers."""
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = PAGE["width"], PAGE["height"]
    section.top_margin, section.bottom_margin = MARGINS["top"], MARGINS["bottom"]
    section.left_margin, section.right_margin = MARGINS["left"], MARGINS["right"]
    section.header_distance = section.footer_distance = Mm(10)
    normal = doc.styles["Normal"]
    set_font(normal, BODY_PT)
    form = normal.paragraph_format
    form.space_before, form.space_after, form.line_spacing = Pt(0), Pt(4), 1.1
    form.widow_control = True
    _headings(doc)
    for name in ("Title", "List Bullet", "List Bullet 2", "List Number", CAPTION_STYLE):
        set_font(doc.styles[name], BODY_PT)
    caption = doc.styles[CAPTION_STYLE]
    caption.font.bold, caption.font.italic = True, False
    caption.font.color.rgb = RGBColor(0, 0, 0)
    caption.paragraph_format.keep_with_next = True
    caption.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    caption.paragraph_format.space_before = Pt(6)
    cell = doc.styles.add_style(TABLE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    cell.base_style = normal
    set_font(cell, TABLE_PT)
    cell.paragraph_format.space_after = Pt(0)
    cell.paragraph_format.line_spacing = 1.0
    _page_numbers(section)
    proofing = OxmlElement("w:lang")  # Word checks spelling in the report's language
    for attr in ("w:val", "w:eastAsia", "w:bidi"):
        proofing.set(qn(attr), language)
    normal.element.get_or_add_rPr().append(proofing)


def field(run, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES …) in `run`."""
    for kind, text in (("begin", None), (None, instruction), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)


def _page_numbers(section) -> None:
    """The page number at the top centre of every page but the first (its header is
    empty): `w:titlePg` gives the first page a header of its own."""
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run()
    field(run, "PAGE")
    set_font(run, BODY_PT)
    section.first_page_header.paragraphs[0].text = ""


def no_borders(table) -> None:
    """A layout table: no lines."""
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    put(table._tbl.tblPr, borders, TBLPR_ORDER)


def bottom_rule(paragraph, *, indent: Length) -> None:
    """A short line under a centred line (the rule under the issuing office, the motto and
    the title): the paragraph's bottom border, narrowed by `indent` on both sides."""
    paragraph.paragraph_format.left_indent = paragraph.paragraph_format.right_indent = indent
    properties = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for attr, value in (
        ("w:val", "single"),
        ("w:sz", "6"),
        ("w:space", "1"),
        ("w:color", "000000"),
    ):
        bottom.set(qn(attr), value)
    borders.append(bottom)
    put(properties, borders, PPR_ORDER)


__all__ = [
    "BODY_PT",
    "CAPTION_STYLE",
    "FIRST_LINE",
    "FONT",
    "MARGINS",
    "TABLE_PT",
    "TABLE_STYLE",
    "bottom_rule",
    "field",
    "no_borders",
    "put",
    "set_font",
    "setup_page",
    "text_width",
]
