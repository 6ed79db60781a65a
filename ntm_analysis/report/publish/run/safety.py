"""Links and resources of a rendered page: only http(s), mailto, in-page anchors and the
report's own files survive; images only as embedded data.

Text from data is escaped where it is written, but a page is also rendered from Markdown
that a notebook or a data label may have shaped into a link or an image. This pass is the
last word: whatever a page's text became, the browser is never asked to run a
`javascript:` URL, to load a local file or to fetch anything from the network.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

SAFE_SCHEMES = ("http", "https", "mailto")
# a file of the report itself, beside the page or in executed/: no scheme, no "..", no "/…"
OWN_FILE = re.compile(
    r"^(?:executed/)?[A-Za-z0-9_][A-Za-z0-9_.-]*\.(?:html|json|ipynb|docx|pdf|xlsx)"
    r"(?:#[^\s]*)?$"
)
# attributes that make the browser fetch something (or run script) without a click
RESOURCE_ATTRS = {
    "src",
    "srcset",
    "poster",
    "data",
    "background",
    "lowsrc",
    "dynsrc",
    "codebase",
    "manifest",
    "ping",
    "action",
    "formaction",
    "longdesc",
    "cite",
    "xlink:href",
}
LINK_TAGS = {"a", "area"}
SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
BROWSER_IGNORED = re.compile(r"[\x00-\x20\x7f]")  # browsers drop these inside a URL's scheme


def _normalised(url: str) -> str:
    return BROWSER_IGNORED.sub("", html.unescape(url))


def safe_link(url: str) -> bool:
    """A link a reader may follow: http(s), mailto, an in-page anchor or a report file."""
    clean = _normalised(url)
    if clean.startswith("#"):
        return True
    scheme = SCHEME.match(clean)
    if scheme:
        return scheme.group(1).lower() in SAFE_SCHEMES
    return bool(OWN_FILE.match(clean)) and ".." not in clean


def safe_resource(url: str) -> bool:
    """A resource the page may load by itself: embedded data only (images, fonts)."""
    return _normalised(url).lower().startswith(("data:image/", "data:font/", "#"))


def _unsafe(tag: str, name: str, value: str | None) -> bool:
    if name.startswith("on"):  # event handlers are never data's to set
        return True
    if value is None:
        return False
    if name == "href":
        if tag in LINK_TAGS:
            return not safe_link(value)
        return not safe_resource(value)
    if name in RESOURCE_ATTRS:
        return not safe_resource(value)
    if name == "style":
        return "url(" in value.lower() and not re.search(r"url\(\s*['\"]?data:", value, re.I)
    return False


def _start_tag(tag: str, attrs: list[tuple[str, str | None]], closed: bool) -> str:
    parts = [tag]
    for name, value in attrs:
        parts.append(name if value is None else f'{name}="{html.escape(value, quote=True)}"')
    return "<" + " ".join(parts) + (" />" if closed else ">")


class _Scanner(HTMLParser):
    """Collects (start, end, replacement) for every start tag with an unsafe attribute."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.edits: list[tuple[int, int, str]] = []
        self._line_starts = [0]
        for match in re.finditer("\n", page):
            self._line_starts.append(match.end())

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._check(tag, attrs)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._check(tag, attrs)

    def _check(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        kept = [(n, v) for n, v in attrs if not _unsafe(tag, n, v)]
        if len(kept) == len(attrs):
            return
        raw = self.get_starttag_text() or ""
        line, column = self.getpos()
        start = self._line_starts[line - 1] + column
        self.edits.append((start, start + len(raw), _start_tag(tag, kept, raw.endswith("/>"))))


def sanitise_links(page: str) -> str:
    """`page` with every unsafe link, resource reference and event handler removed.

    `<a href="javascript:…">` loses its href (its text stays), `<img src="/etc/hostname">`
    or `<img src="https://…">` loses its src (its alt text stays), `onerror=…` is dropped.
    """
    scanner = _Scanner(page)
    scanner.feed(page)
    scanner.close()
    if not scanner.edits:
        return page
    out, last = [], 0
    for start, end, replacement in scanner.edits:
        out.append(page[last:start])
        out.append(replacement)
        last = end
    out.append(page[last:])
    return "".join(out)
