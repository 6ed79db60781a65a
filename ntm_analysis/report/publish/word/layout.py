"""The page of a Vietnamese administrative report: A4, Times New Roman 13 pt, margins 20 mm
top and bottom, 30 mm left, 15 mm right; headings in the same font, numbered as the report's
sections by their own text; a title block; page numbers centred in the footer."""

from __future__ import annotations

from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Length, Mm, Pt, RGBColor

from ntm_analysis.i18n import N_, pick, t

FONT = "Times New Roman"
BODY_PT = 13
TABLE_PT = 11
TABLE_STYLE = "Table Text"  # paragraph style of table cells
PAGE = {"width": Mm(210), "height": Mm(297)}
MARGINS = {"top": Mm(20), "bottom": Mm(20), "left": Mm(30), "right": Mm(15)}
HEADING_PT = {1: 14, 2: 13, 3: 13, 4: 13}

# The title block's fixed lines, translated at use.
WORDS = {
    "nation": N_("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
    "motto": N_("Độc lập - Tự do - Hạnh phúc"),
    "report": N_("BÁO CÁO"),
}


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
    element = style_or_run.element
    rpr = element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)  # a theme font would win over the named one


def setup_page(doc: DocumentObject, lang: str) -> None:
    """A4 portrait with the administrative margins, styles in Times New Roman, page numbers."""
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = PAGE["width"], PAGE["height"]
    section.top_margin, section.bottom_margin = MARGINS["top"], MARGINS["bottom"]
    section.left_margin, section.right_margin = MARGINS["left"], MARGINS["right"]
    styles = doc.styles
    normal = styles["Normal"]
    set_font(normal, BODY_PT)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.15
    for level, size in HEADING_PT.items():
        style = styles[f"Heading {level}"]
        set_font(style, size)
        style.font.bold = True
        style.font.italic = level >= 3
        style.font.color.rgb = RGBColor(0, 0, 0)
        style.paragraph_format.space_before = Pt(12 if level == 1 else 8)
        style.paragraph_format.space_after = Pt(6)
        style.paragraph_format.keep_with_next = True
    styles["Heading 1"].paragraph_format.page_break_before = True
    for name in ("Title", "List Bullet", "List Bullet 2", "List Number", "Caption"):
        set_font(styles[name], BODY_PT)
    styles["Title"].font.color.rgb = RGBColor(0, 0, 0)
    cell = styles.add_style(TABLE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    cell.base_style = normal
    set_font(cell, TABLE_PT)
    cell.paragraph_format.space_after = Pt(0)
    cell.paragraph_format.line_spacing = 1.0
    _page_number_footer(section)
    tag = pick(lang, "vi-VN", "en-GB")
    doc.core_properties.language = tag
    proofing = OxmlElement("w:lang")  # Word checks spelling in the report's language
    for attr in ("w:val", "w:eastAsia", "w:bidi"):
        proofing.set(qn(attr), tag)
    normal.element.get_or_add_rPr().append(proofing)


def _page_number_footer(section) -> None:
    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)
    set_font(run, 11)


def _no_borders(table) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.append(borders)


def _centred(cell_or_doc, text: str, *, bold=False, italic=False, size=BODY_PT, first=False):
    paragraph = cell_or_doc.paragraphs[0] if first else cell_or_doc.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.space_after = Pt(0)
    run = paragraph.add_run(text)
    run.bold, run.italic = bold, italic
    set_font(run, size)
    return paragraph


def title_block(
    doc: DocumentObject, *, lang: str, title: str, period_label: str, province_name: str
) -> None:
    """The heading of an administrative report: issuing province (left), the national
    motto (right), then REPORT, its title and the period, centred."""
    words = {key: t(lang, msgid) for key, msgid in WORDS.items()}
    table = doc.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _no_borders(table)
    left, right = table.rows[0].cells
    table.autofit = False
    half = Length(int(text_width(doc) * 0.38))
    widths = (half, Length(text_width(doc) - half))
    for column, cell, width in zip(table.columns, (left, right), widths, strict=True):
        column.width = cell.width = width  # the grid LibreOffice reads, and Word's cells
    _centred(left, province_name.upper(), bold=True, first=True)
    _centred(right, words["nation"], bold=True, size=12, first=True)
    _centred(right, words["motto"], bold=True, size=13).runs[0].underline = True
    doc.add_paragraph()
    _centred(doc, words["report"], bold=True, size=14)
    _centred(doc, title, bold=True, size=14)
    _centred(doc, period_label, italic=True)
    doc.add_paragraph()
