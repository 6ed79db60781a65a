"""`report.docx`: the report's document (`report.publish.document`) as an editable Word file
in the layout of Decree 30/2020/NĐ-CP (docs/outputs.md).

`write_docx(document, out)` writes the frame (letterhead, number, national name and motto,
place and date, title), the body, the closing paragraph, recipients and signature, then the
annexes, and sets the file's properties (title, author = the issuing office, subject,
language).
"""

from __future__ import annotations

import os
from pathlib import Path

from docx import Document as new_document

from ntm_analysis.report.publish.document.model import Document
from ntm_analysis.report.publish.word.blocks import write_block
from ntm_analysis.report.publish.word.frame import annex_heading, closing, letterhead
from ntm_analysis.report.publish.word.layout import setup_page

PROPERTY_CHARS = 255  # the longest text a core property of a Word file may hold


def _fit(text: str) -> str:
    """A property's text cut to what Word accepts (a long period label must not lose the file)."""
    return text if len(text) <= PROPERTY_CHARS else text[: PROPERTY_CHARS - 1] + "…"


def write_docx(document: Document, out: Path) -> Path:
    """Write `document` to `out` (moved into place once complete); returns `out`."""
    doc = new_document()
    language = document.properties.language if document.properties else document.lang
    setup_page(doc, language)
    letterhead(doc, document.frame)
    for block in document.body:
        write_block(doc, block)
    closing(doc, document.frame)
    for annex in document.annexes:
        annex_heading(doc, document.frame, annex.label, annex.title)
        for block in annex.blocks:
            write_block(doc, block)
    if document.properties is not None:
        core = doc.core_properties
        core.title = _fit(document.properties.title)
        core.author = core.last_modified_by = _fit(document.properties.author)
        core.subject = _fit(document.properties.subject)
        core.language = document.properties.language
        core.keywords = document.properties.keywords
        core.comments = ""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(f".{out.name}.partial")
    doc.save(str(partial))
    os.replace(partial, out)
    return out


__all__ = ["write_docx"]
