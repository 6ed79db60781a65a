"""The report as one document model, and its HTML rendering (docs/outputs.md).

`build_document(pages, data, lang)` makes the `Document` from a run's executed pages;
`render_html(document)` is `report.html`; `report.publish.word.write_docx` and
`report.publish.pdf.build_pdf` are the Word file and its PDF.
"""

from ntm_analysis.report.publish.document.build import ANNEX, REPORT, PageSource, build_document
from ntm_analysis.report.publish.document.html import render_html
from ntm_analysis.report.publish.document.model import (
    Annex,
    Block,
    Cell,
    Document,
    Figure,
    Frame,
    Heading,
    ItemList,
    ListItem,
    Paragraph,
    Properties,
    Run,
    Signature,
    Table,
)

__all__ = [
    "ANNEX",
    "REPORT",
    "Annex",
    "Block",
    "Cell",
    "Document",
    "Figure",
    "Frame",
    "Heading",
    "ItemList",
    "ListItem",
    "PageSource",
    "Paragraph",
    "Properties",
    "Run",
    "Signature",
    "Table",
    "build_document",
    "render_html",
]
