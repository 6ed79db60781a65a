"""The report as one document: what `report.docx`, `report.pdf` and `report.html` render.

A `Document` holds the administrative frame of the report (issuing body, number, national
motto, place and date, title, closing paragraph, recipients, signature: `Frame`), its body in
reading order (headings, paragraphs, lists, tables, figures, notes) and its annexes. Every
wording is already in the document's language: a renderer only lays it out. `key()` is a hash
of the whole content, so a run reuses last run's Word and PDF files when it is unchanged.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field, fields, is_dataclass
from typing import Any


@dataclass(frozen=True)
class Run:
    """A piece of text with one look."""

    text: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class Heading:
    """A heading of the body, at its depth in the outline (1 = A, B, C; 2 = I, II …)."""

    level: int
    text: str


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of prose; `kind` "caption" is a table's or chart's title, "quote" an
    indented passage, "note" a line saying that something was left out."""

    runs: tuple[Run, ...]
    kind: str = "body"

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@dataclass(frozen=True)
class ListItem:
    runs: tuple[Run, ...]
    depth: int = 0

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@dataclass(frozen=True)
class ItemList:
    """A bulleted (or numbered) list."""

    items: tuple[ListItem, ...]
    ordered: bool = False


@dataclass(frozen=True)
class Cell:
    """A table cell: its text, whether it heads its column, its span (rows, columns) on the
    first slot it fills, `covered` on the slots a neighbour's span fills, its fill colour."""

    text: str
    header: bool = False
    span: tuple[int, int] = (1, 1)
    covered: bool = False
    fill: str | None = None
    number: bool = False  # a figure alone: aligned right


@dataclass(frozen=True)
class Table:
    rows: tuple[tuple[Cell, ...], ...]
    header_rows: int = 1

    @property
    def columns(self) -> int:
        return max((len(r) for r in self.rows), default=0)


@dataclass(frozen=True)
class Figure:
    """A chart as PNG, with the text describing it to a reader who cannot see it."""

    png: bytes = field(repr=False)
    alt: str = ""

    @property
    def digest(self) -> str:
        return hashlib.sha256(self.png).hexdigest()


Block = Heading | Paragraph | ItemList | Table | Figure


@dataclass(frozen=True)
class Annex:
    """An annex after the signature: "PHỤ LỤC I", its title, its content."""

    label: str
    title: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Signature:
    """The signature block: authority ("KT. CHÁNH VĂN PHÒNG"), position, name (blank lines
    are left for the signature and the seal)."""

    authority: str
    position: str
    name: str


@dataclass(frozen=True)
class Frame:
    """The administrative frame of Decree 30/2020/NĐ-CP, every line already worded."""

    governing_body: str  # above the issuing office, in capitals
    office: str  # the issuing office, bold, underlined
    number: str  # "Số: …/BC-VPĐP"
    nation: str  # quốc hiệu
    motto: str  # tiêu ngữ
    place_date: str  # "Trà Vinh, ngày … tháng … năm 2021", italic
    kind: str  # "BÁO CÁO"
    title: str  # trích yếu
    closing: str  # the closing paragraph, ending "./."
    recipients_heading: str  # "Nơi nhận:"
    recipients: tuple[str, ...]
    signature: Signature
    annex_note: str = ""  # under an annex's title: "(Kèm theo Báo cáo số …/BC-… của …)"


@dataclass(frozen=True)
class Properties:
    """The file's properties (title, author = the issuing office, subject, language)."""

    title: str
    author: str
    subject: str
    language: str  # "vi-VN", "en-GB"
    keywords: str = ""


@dataclass(frozen=True)
class Document:
    lang: str
    frame: Frame
    body: tuple[Block, ...]
    annexes: tuple[Annex, ...] = ()
    properties: Properties | None = None

    def key(self) -> str:
        """A hash of everything the document shows (figures by their PNG's hash)."""
        text = json.dumps(_plain(self), ensure_ascii=False, sort_keys=True)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def headings(self) -> list[Heading]:
        """The body's headings, in order."""
        return [b for b in self.body if isinstance(b, Heading)]


def _plain(value: Any) -> Any:
    """A JSON-able form of a model value (a figure by the hash of its PNG)."""
    if isinstance(value, Figure):
        return {"figure": value.digest, "alt": value.alt}
    if is_dataclass(value) and not isinstance(value, type):
        return {"type": type(value).__name__} | {
            f.name: _plain(getattr(value, f.name)) for f in fields(value)
        }
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    return value


__all__ = [
    "Annex",
    "Block",
    "Cell",
    "Document",
    "Figure",
    "Frame",
    "Heading",
    "ItemList",
    "ListItem",
    "Paragraph",
    "Properties",
    "Run",
    "Signature",
    "Table",
]
