"""The document of a period's report, built from its executed section notebooks.

The outline (`data/reference/sections.yml`) gives the order and which pages go in: pages of
audience `report` make the body, in outline order; pages of audience `annex` the annexes after
the signature ("PHỤ LỤC I", "PHỤ LỤC II" …, one per section of the page); analyst pages stay
out. A heading that repeats the open heading of its level (each page opens with its part's
headings, "A. …", "II. …") is written once, so the part's sections follow each other under it;
the period line under a page's headings is the title's and is left out. A page that failed is
left out with a one-line note in its place: a reader never sees an error or a traceback.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ntm_analysis.dataset.period import PeriodData
from ntm_analysis.i18n import N_, t
from ntm_analysis.report.publish.document.frame import build_frame, properties
from ntm_analysis.report.publish.document.model import (
    Annex,
    Block,
    Document,
    Heading,
    Paragraph,
    Run,
)
from ntm_analysis.report.publish.document.parse import failed, notebook_blocks

REPORT, ANNEX = "report", "annex"
WORDS = {
    "left_out": N_("Phần “{title}” chưa hoàn thành nên chưa có trong báo cáo này."),
    "annex": N_("PHỤ LỤC {number}"),
}
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]


@dataclass(frozen=True)
class PageSource:
    """One page of the run as the document needs it: its title, audience, and its executed
    notebook (None when the page did not run)."""

    name: str
    title: str
    audience: str
    notebook: Any | None
    ok: bool = True

    @property
    def usable(self) -> bool:
        return self.ok and self.notebook is not None and not failed(self.notebook)


def _body(pages: Iterable[PageSource], lang: str, label: str) -> list[Block]:
    body: list[Block] = []
    open_headings: dict[int, str] = {}
    for page in pages:
        if not page.usable:
            note = t(lang, WORDS["left_out"], title=page.title)
            body.append(Paragraph((Run(note, italic=True),), kind="note"))
            continue
        for block in notebook_blocks(page.notebook, lang):
            if isinstance(block, Heading):
                if open_headings.get(block.level) == block.text:
                    continue
                open_headings = {k: v for k, v in open_headings.items() if k < block.level}
                open_headings[block.level] = block.text
            elif isinstance(block, Paragraph) and block.text.strip() == label:
                continue  # the period line: the title says it
            body.append(block)
    return body


def _annexes(pages: Iterable[PageSource], lang: str, label: str) -> list[Annex]:
    """One annex per top heading of the annex pages."""
    annexes: list[tuple[str, list[Block]]] = []
    for page in pages:
        if not page.usable:
            continue
        blocks = notebook_blocks(page.notebook, lang)
        top = min((b.level for b in blocks if isinstance(b, Heading)), default=1)
        for block in blocks:
            if isinstance(block, Heading) and block.level == top:
                annexes.append((block.text, []))
            elif annexes and not (isinstance(block, Paragraph) and block.text.strip() == label):
                annexes[-1][1].append(block)
    return [
        Annex(
            t(lang, WORDS["annex"], number=ROMAN[n] if n < len(ROMAN) else str(n + 1)),
            heading,
            tuple(blocks),
        )
        for n, (heading, blocks) in enumerate(annexes)
    ]


def build_document(pages: list[PageSource], data: PeriodData, lang: str) -> Document:
    """The report of `data`'s period in `lang` from its pages (in outline order)."""
    frame = build_frame(data, lang)
    label = data.label(lang)
    body = _body([p for p in pages if p.audience == REPORT], lang, label)
    annexes = _annexes([p for p in pages if p.audience == ANNEX], lang, label)
    return Document(
        lang=lang,
        frame=frame,
        body=tuple(body),
        annexes=tuple(annexes),
        properties=properties(frame, lang),
    )


__all__ = ["ANNEX", "REPORT", "PageSource", "build_document"]
