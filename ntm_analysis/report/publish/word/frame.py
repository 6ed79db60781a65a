"""The frame of the report in Word, in the decree's order: the letterhead (issuing body in two
lines and the number on the left; national name, motto and the place-and-date line on the
right), "BÁO CÁO" and the subject, then — after the body — the closing paragraph, the
recipients and the signature block, and the annexes, each on a new page."""

from __future__ import annotations

from docx.document import Document as DocumentObject
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.shared import Length, Mm, Pt

from ntm_analysis.report.publish.document.model import Frame
from ntm_analysis.report.publish.word.layout import (
    BODY_PT,
    FIRST_LINE,
    bottom_rule,
    no_borders,
    set_font,
    text_width,
)

LEFT_SHARE = 0.44  # the letterhead's left column, as a share of the text width


def _line(container, text: str, *, bold=False, italic=False, underline=False, size=BODY_PT,
          first=False, align=WD_ALIGN_PARAGRAPH.CENTER):  # fmt: skip
    """One line of the frame: a paragraph of one run, no space after it."""
    paragraph = container.paragraphs[0] if first else container.add_paragraph()
    paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(0)
    paragraph.paragraph_format.first_line_indent = Pt(0)
    run = paragraph.add_run(text)
    run.bold, run.italic, run.underline = bold or None, italic or None, underline or None
    set_font(run, size)
    return paragraph


def _two_columns(doc: DocumentObject, share: float):
    """A borderless table of one row and two columns (the letterhead, the signature), kept
    whole on one page: recipients and signature never part."""
    table = doc.add_table(rows=1, cols=2)
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    no_borders(table)
    width = text_width(doc)
    left = Length(int(width * share))
    for column, cell, size in zip(
        table.columns, table.rows[0].cells, (left, Length(width - left)), strict=True
    ):
        column.width = cell.width = size  # the grid LibreOffice reads, and Word's cells
    return table.rows[0].cells


def letterhead(doc: DocumentObject, frame: Frame) -> None:
    """Issuing body, number, national name, motto, place and date; then the title."""
    left, right = _two_columns(doc, LEFT_SHARE)
    _line(left, frame.governing_body, size=12, first=True)
    _line(left, frame.office, bold=True, size=12)
    bottom_rule(left.add_paragraph(), indent=Mm(18))
    _line(left, frame.number, size=13).paragraph_format.space_before = Pt(6)
    _line(right, frame.nation, bold=True, size=12, first=True)
    _line(right, frame.motto, bold=True, size=13)
    bottom_rule(right.add_paragraph(), indent=Mm(22))
    place = _line(right, frame.place_date, italic=True, size=13)
    place.paragraph_format.space_before = Pt(6)
    doc.add_paragraph().paragraph_format.space_after = Pt(6)
    _line(doc, frame.kind, bold=True, size=14).paragraph_format.space_before = Pt(12)
    title = _line(doc, frame.title, bold=True, size=14)
    title.paragraph_format.left_indent = title.paragraph_format.right_indent = Mm(10)
    bottom_rule(doc.add_paragraph(), indent=Mm(60))
    doc.add_paragraph().paragraph_format.space_after = Pt(0)


def closing(doc: DocumentObject, frame: Frame) -> None:
    """The closing paragraph, then recipients (left) and the signature block (right)."""
    paragraph = doc.add_paragraph(frame.closing)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    paragraph.paragraph_format.first_line_indent = FIRST_LINE
    paragraph.paragraph_format.keep_with_next = True
    left, right = _two_columns(doc, 0.5)
    heading = _line(left, frame.recipients_heading, bold=True, italic=True, size=12, first=True)
    heading.alignment = WD_ALIGN_PARAGRAPH.LEFT
    for item in frame.recipients:
        _line(left, item, size=11, align=WD_ALIGN_PARAGRAPH.LEFT)
    signature = frame.signature
    first = True
    if signature.authority:
        _line(right, signature.authority, bold=True, size=13, first=True)
        first = False
    _line(right, signature.position, bold=True, size=13, first=first)
    for _ in range(4):  # room for the signature and the seal
        _line(right, "")
    _line(right, signature.name, bold=True, size=13)


def annex_heading(doc: DocumentObject, frame: Frame, label: str, title: str) -> None:
    """An annex starts a new page under its label ("PHỤ LỤC I"), its title and the note
    naming the report it goes with."""
    _line(doc, label, bold=True, size=14).paragraph_format.page_break_before = True
    _line(doc, title, bold=True, size=13)
    _line(doc, frame.annex_note, italic=True, size=13).paragraph_format.space_after = Pt(12)


__all__ = ["annex_heading", "closing", "letterhead"]
