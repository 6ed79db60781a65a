"""The report's outline (`reference/sections.yml`): its headings in order, their numbers and
titles, the page (notebook) rendering each, and what each reports.

It is the one source of a section's number, title and place: the pages, the index, the Word
and PDF report and the input workbook's sheets read it through `Outline`. Numbers follow the
outline's `numbering` per depth (A, B … / I, II … / 1, 2 … / 4.1 …) unless a node gives its own,
so reordering the file renumbers the report. docs/sections.md tells an office how to edit it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, model_validator

from ntm_analysis.dataset.files import read_yaml_document
from ntm_analysis.dataset.models import BilingualLabel, Code, Section, Strict, validate_document
from ntm_analysis.dataset.outline_numbers import format_number, full_number
from ntm_analysis.errors import InputError, Message
from ntm_analysis.i18n import N_

OUTLINE_FILE = "sections.yml"
NotebookName = Annotated[
    str, StringConstraints(pattern=r"^\d{2}_[A-Za-z0-9][A-Za-z0-9_-]*\.ipynb$")
]
Numbering = Literal["letter", "roman", "arabic", "dotted"]
SHEET_TITLE_MAX = 31  # Excel's limit on a sheet's name
PAGE_TITLE_MAX = 60  # longer section titles are shortened on the index


class ShortTitle(BilingualLabel):
    """A title short enough for a workbook's sheet tab and the index."""

    vi: Annotated[str, StringConstraints(min_length=1, max_length=SHEET_TITLE_MAX)]
    en: Annotated[str, StringConstraints(min_length=1, max_length=SHEET_TITLE_MAX)]


class Block(Strict):
    """A table or chart a section shows: the builder's name for it and the title printed above
    it (none: the block follows the prose or the previous block without a heading)."""

    key: Code
    title: BilingualLabel | None = None
    # false: shown on the section's page for analysts, left out of the report an office sends
    # (its figures are already in the prose: each figure once, docs/outputs.md)
    report: bool = True


class Node(Strict):
    """One heading of the report (see the comment at the top of sections.yml)."""

    key: Code
    title: BilingualLabel
    short: ShortTitle | None = None
    number: Annotated[str, StringConstraints(pattern=r"^[0-9A-Za-z.]{1,12}$")] | None = None
    numbered: bool = True
    refs: list[Section] = Field(default_factory=list)
    notebook: NotebookName | None = None
    builder: Code | None = None
    tables: list[Block] = Field(default_factory=list)
    charts: list[Block] = Field(default_factory=list)
    # report: in the report an office sends; annex: after its signature ("Phụ lục");
    # analyst: its own page only
    audience: Literal["report", "annex", "analyst"] = "report"
    sections: list[Node] = Field(default_factory=list)

    @model_validator(mode="after")
    def _blocks_named_once(self) -> Node:
        for kind, blocks in ((N_("bảng"), self.tables), (N_("biểu đồ"), self.charts)):
            keys = [b.key for b in blocks]
            twice = sorted({k for k in keys if keys.count(k) > 1})
            if twice:
                raise ValueError(
                    Message(
                        N_("{kind} {key!r} được liệt kê hai lần trong mục {section!r}"),
                        kind=Message(kind),
                        key=twice[0],
                        section=self.key,
                    )
                )
        return self


class OutlineFile(Strict):
    """`reference/sections.yml`."""

    numbering: list[Numbering] = Field(min_length=1)
    sections: list[Node] = Field(min_length=1)


@dataclass(frozen=True)
class Entry:
    """A node placed in the outline: its depth (1 at the top), its printed number ("" when
    unnumbered), its full number ("A.II.3") and the keys of the nodes above it."""

    node: Node
    depth: int
    number: str
    full_number: str
    parents: tuple[str, ...]

    @property
    def key(self) -> str:
        return self.node.key

    def title(self, lang: str = "vi") -> str:
        """The heading's title without its number."""
        return self.node.title.text_in(lang)

    def short_title(self, lang: str = "vi") -> str:
        """The short title (the title when none is given)."""
        return (self.node.short or self.node.title).text_in(lang)

    def heading(self, lang: str = "vi") -> str:
        """The heading as printed: "3. Kết quả huy động nguồn lực" (the title alone when
        unnumbered)."""
        return f"{self.number}. {self.title(lang)}" if self.number else self.title(lang)

    def block_in_report(self, kind: Literal["table", "chart"], key: str) -> bool:
        """Whether one of the node's tables or charts goes into the report an office sends."""
        for block in self.node.tables if kind == "table" else self.node.charts:
            if block.key == key:
                return block.report
        raise KeyError(f"the outline lists no {kind} {key!r} under section {self.key!r}")

    def block_title(self, kind: Literal["table", "chart"], key: str, lang: str = "vi") -> str:
        """The title of one of the node's tables or charts ("" when it has none); KeyError
        when the outline does not list that block under the node."""
        blocks = self.node.tables if kind == "table" else self.node.charts
        for block in blocks:
            if block.key == key:
                return block.title.text_in(lang) if block.title is not None else ""
        raise KeyError(f"the outline lists no {kind} {key!r} under section {self.key!r}")


@dataclass(frozen=True)
class Page:
    """One notebook's page: the consecutive sibling entries it renders, first one first."""

    notebook: str
    entries: tuple[Entry, ...]

    @property
    def key(self) -> str:
        return self.entries[0].key

    @property
    def audience(self) -> str:
        return self.entries[0].node.audience

    @property
    def refs(self) -> tuple[str, ...]:
        """The source references of every entry of the page and of the nodes below them."""
        out: list[str] = []
        for entry in self.entries:
            out.extend(_refs_below(entry.node))
        return tuple(dict.fromkeys(out))

    def number(self) -> str:
        """The page's number: one entry's full number, or a range ("A.II.4.1–4.2")."""
        first, last = self.entries[0], self.entries[-1]
        if first is last or not last.number:
            return first.full_number
        return f"{first.full_number}–{last.number}"

    def title(self, lang: str = "vi") -> str:
        """The page's title for the index and the browser tab: its number, then its section's
        title, or the short title when the page holds several sections or the title is long."""
        first = self.entries[0]
        name = first.title(lang)
        if len(self.entries) > 1 or len(name) > PAGE_TITLE_MAX:
            name = first.short_title(lang)
        number = self.number()
        return f"{number} — {name}" if number else name


def _refs_below(node: Node) -> list[str]:
    out = list(node.refs)
    for child in node.sections:
        out.extend(_refs_below(child))
    return out


class Outline:
    """The validated outline: its entries in order, looked up by key, and its pages."""

    def __init__(self, model: OutlineFile, path: Path | None = None) -> None:
        self.model = model
        self.path = path
        self.entries: tuple[Entry, ...] = tuple(self._place(model.sections, 1, "", ""))
        self._by_key = {e.key: e for e in self.entries}

    def _place(
        self,
        nodes: list[Node],
        depth: int,
        parent_number: str,
        parent_full: str,
        parents: tuple[str, ...] = (),
    ) -> Iterator[Entry]:
        position = 0
        for node in nodes:
            number = ""
            if node.numbered:
                position += 1
                style = self.model.numbering[min(depth, len(self.model.numbering)) - 1]
                number = node.number or format_number(style, position, parent_number)
            full = full_number(parent_full, parent_number, number)
            entry = Entry(node, depth, number, full, parents)
            yield entry
            yield from self._place(
                node.sections,
                depth + 1,
                number or parent_number,
                full or parent_full,
                (*parents, node.key),
            )

    def __contains__(self, key: object) -> bool:
        return key in self._by_key

    def section(self, key: str) -> Entry:
        """The entry of `key`; KeyError naming the known keys when there is none."""
        try:
            return self._by_key[key]
        except KeyError:
            raise KeyError(
                f"the outline has no section {key!r} (sections: {', '.join(self._by_key)})"
            ) from None

    def chain(self, key: str) -> list[Entry]:
        """The entries above `key` (top first), then its own."""
        entry = self.section(key)
        return [self._by_key[k] for k in entry.parents] + [entry]

    @cached_property
    def pages(self) -> tuple[Page, ...]:
        """The pages in outline order: each notebook once, with the entries it renders."""
        grouped: dict[str, list[Entry]] = {}
        for entry in self.entries:
            if entry.node.notebook:
                grouped.setdefault(entry.node.notebook, []).append(entry)
        return tuple(Page(name, tuple(entries)) for name, entries in grouped.items())

    def page(self, name: str) -> Page:
        """The page of a notebook: its file name, stem or number ("04"), or a section key it
        renders."""
        stem = name.strip().removesuffix(".ipynb")
        if stem.isdecimal() and stem.isascii() and len(stem) < 3:
            stem = stem.zfill(2)
        for page in self.pages:
            keys = {e.key for e in page.entries}
            own = page.notebook.removesuffix(".ipynb")
            if stem in (own, own[:2]) or stem in keys:
                return page
        raise KeyError(f"the outline names no page {name!r}")

    def audience_of(self, notebook: str) -> str:
        """`report` for a notebook the outline sends with the report (file name or stem),
        `analyst` for its analyst pages and for any notebook it does not name."""
        stem = notebook.removesuffix(".ipynb")
        for page in self.pages:
            if page.notebook.removesuffix(".ipynb") == stem:
                return page.audience
        return "analyst"

    def page_of(self, key: str) -> Page | None:
        """The page rendering `key` (itself or the nearest node above it with a notebook)."""
        for entry in reversed(self.chain(key)):
            if entry.node.notebook:
                return self.page(entry.node.notebook)
        return None

    def section_of_ref(self, ref: str) -> Entry | None:
        """The deepest entry whose refs hold the source reference `ref` (or one above it:
        "A.II.4.4.2" belongs to the entry of "A.II.4.4.2", else of "A.II.4.4")."""
        best: tuple[tuple[int, int], Entry] | None = None
        for entry in self.entries:
            for own in entry.node.refs:
                if ref == own or ref.startswith(own + "."):
                    rank = (len(own), entry.depth)
                    if best is None or rank > best[0]:
                        best = (rank, entry)
        return best[1] if best else None


def _check_entries(outline: Outline, path: Path) -> None:
    """Keys unique, depth within the numbering, analyst pages at the top."""
    seen: set[str] = set()
    for entry in outline.entries:
        node, values = entry.node, {"key": entry.key, "depth": entry.depth, "path": path}
        if entry.key in seen:
            raise InputError(
                N_("mục {key!r} được khai báo hai lần"), expected=N_("mỗi khóa một lần"), **values
            )
        seen.add(entry.key)
        if node.numbered and entry.depth > len(outline.model.numbering) and not node.number:
            raise InputError(
                N_("mục {key!r} ở cấp {depth}, sâu hơn các cấp mà `numbering` đánh số"),
                expected=N_("`numbering` dài hơn, một `number`, hoặc numbered: false"),
                **values,
            )
        if node.audience == "analyst" and entry.depth != 1:
            raise InputError(
                N_("mục {key!r}: trang dành cho người phân tích phải ở cấp đầu tiên"), **values
            )
        if node.audience == "annex" and entry.depth != 1:
            raise InputError(N_("mục {key!r}: phụ lục phải ở cấp đầu tiên"), **values)


def _check_pages(outline: Outline, path: Path) -> None:
    """A notebook's nodes are consecutive siblings, and no page is inside another."""
    for page in outline.pages:
        parents = {e.parents for e in page.entries}
        if len(parents) != 1 or not _consecutive_siblings(outline, page.entries):
            raise InputError(
                N_(
                    "notebook {notebook!r} trình bày các mục {keys} không liền nhau hoặc không "
                    "cùng cấp"
                ),
                path=path,
                expected=N_("mỗi mục một notebook, hoặc một notebook cho một dãy mục liền nhau"),
                notebook=page.notebook,
                keys=[e.key for e in outline.entries if e.node.notebook == page.notebook],
            )
        for below in (b for e in page.entries for b in _descendants(e.node)):
            if below.notebook and below.notebook != page.notebook:
                raise InputError(
                    N_("mục {key!r} có notebook riêng bên trong trang {notebook!r}"),
                    path=path,
                    expected=N_("notebook gắn với một mục, không với một phần trong trang khác"),
                    key=below.key,
                    notebook=page.notebook,
                )


def _descendants(node: Node) -> Iterator[Node]:
    for child in node.sections:
        yield child
        yield from _descendants(child)


def _consecutive_siblings(outline: Outline, entries: tuple[Entry, ...]) -> bool:
    if len(entries) == 1:
        return True
    parent = entries[0].parents
    siblings = [e for e in outline.entries if e.parents == parent]
    index = [siblings.index(e) for e in entries]
    return index == list(range(index[0], index[0] + len(index)))


def load_outline(reference_dir: str | Path, name: str = OUTLINE_FILE) -> Outline:
    """The outline `reference_dir/name`, validated; InputError naming the file, line and key
    on any problem."""
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.-]*\.ya?ml", name) or ".." in name:
        raise InputError(
            N_("dàn ý {name!r} không phải là tên tệp"), expected=N_("ví dụ sections.yml"), name=name
        )
    path = Path(reference_dir) / name
    if not path.is_file():
        raise InputError(N_("không có tệp dàn ý của báo cáo"), path=path)
    outline = Outline(validate_document(OutlineFile, read_yaml_document(path)), path)
    _check_entries(outline, path)
    _check_pages(outline, path)
    return outline


__all__ = [
    "OUTLINE_FILE",
    "Block",
    "Entry",
    "Node",
    "Outline",
    "OutlineFile",
    "Page",
    "format_number",
    "load_outline",
]
