"""`report.html`: the document as one self-contained page, laid out like the Word file
(Times New Roman, the letterhead, the body, the signature, the annexes), printable on A4.

The page is rendered by `templates/report.html.j2` (Jinja2, every text escaped); a run then
passes it through the same sanitiser and self-containment check as every page it writes.
"""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from ntm_analysis.report.publish.document.model import (
    Block,
    Document,
    Figure,
    Heading,
    ItemList,
    Paragraph,
    Table,
)

TEMPLATES_DIR = Path(__file__).resolve().parents[1] / "templates"


def _block(block: Block) -> dict[str, Any]:
    """A block as the template reads it."""
    if isinstance(block, Heading):
        return {"kind": "heading", "level": min(block.level + 1, 6), "text": block.text}
    if isinstance(block, Paragraph):
        return {"kind": "paragraph", "style": block.kind, "runs": block.runs}
    if isinstance(block, ItemList):
        return {"kind": "list", "ordered": block.ordered, "entries": block.items}
    if isinstance(block, Table):
        return {"kind": "table", "table": block}
    if isinstance(block, Figure):
        src = "data:image/png;base64," + base64.b64encode(block.png).decode("ascii")
        return {"kind": "figure", "src": src, "alt": block.alt}
    raise TypeError(f"not a block: {block!r}")


def render_html(document: Document) -> str:
    """The document as one HTML page."""
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES_DIR)),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    page = env.get_template("report.html.j2").render(
        doc=document,
        frame=document.frame,
        body=[_block(b) for b in document.body],
        annexes=[
            {"label": a.label, "title": a.title, "blocks": [_block(b) for b in a.blocks]}
            for a in document.annexes
        ],
    )
    return page


__all__ = ["render_html"]
