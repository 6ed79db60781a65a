"""The self-contained check of a page: what the live document would load, read from its
elements and attributes, never from its text.

A page is parsed as a browser would tokenise it (`html.parser`: tags, attributes with their
character references decoded, the raw text of `<style>` blocks). It fails when an element
would fetch something that is not embedded in it: a `src`, `srcset`, `data`, `poster` or
`background` of an element that loads it, a `<link href>`, an SVG `href`, a `<base>`, a
`<meta http-equiv=refresh>`, or a style block's or style attribute's `@import` or `url(…)`.
Embedded data (`data:`), in-page anchors and empty values load nothing. Escaped text such as
`@import 'https://x'` written in a paragraph is text, and is never read as a resource.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from ntm_analysis.errors import NtmError
from ntm_analysis.i18n import N_

# attribute -> the elements on which it makes the browser fetch its value
LOADING = {
    "src": {
        "script",
        "img",
        "iframe",
        "frame",
        "embed",
        "source",
        "audio",
        "video",
        "track",
        "input",
    },
    "srcset": {"img", "source"},
    "data": {"object"},
    "poster": {"video"},
    "background": {"body", "table", "td", "th", "tr"},
    "href": {"link", "image", "use", "feimage", "base", "script"},
    "xlink:href": {"image", "use", "feimage", "script"},
}
CSS_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
CSS_IMPORT = re.compile(r"@import\b\s*(?:url\(\s*)?[\"']?\s*(?P<url>[^\"')\s;]*)", re.IGNORECASE)
CSS_URL = re.compile(r"url\(\s*[\"']?\s*(?P<url>[^\"')]*)", re.IGNORECASE)
DESCRIPTOR = re.compile(r"[0-9.]+[wxh]")
REFRESH_URL = re.compile(r"url\s*=", re.IGNORECASE)


class NotSelfContained(NtmError):
    """A page that would load something from outside itself; names the page and what."""

    def __init__(self, page: str, loads: str) -> None:
        super().__init__(N_("trang {page} không tự chứa: nó tải {loads!r}"), page=page, loads=loads)
        self.page = page
        self.loads = loads


def embedded(url: str) -> bool:
    """A value that loads nothing from elsewhere: empty, `data:…` or `#…`."""
    value = "".join(url.split()).lower()  # browsers drop whitespace inside URLs
    return not value or value.startswith(("data:", "#"))


def srcset_urls(srcset: str) -> list[str]:
    """The URLs of a `srcset` (`a.png 1x, data:image/png;base64,AA 2x`): each candidate is a
    URL and an optional descriptor; a data URL keeps its commas."""
    tokens = [token.rstrip(",") for token in srcset.split()]
    return [token for token in tokens if token and not DESCRIPTOR.fullmatch(token)]


def css_loads(css: str) -> list[str]:
    """The URLs a piece of live CSS would fetch (`@import`, `url(…)` other than embedded)."""
    css = CSS_COMMENT.sub(" ", css)
    found = [m["url"] or m.group(0) for m in CSS_IMPORT.finditer(css)]
    found += [m["url"] for m in CSS_URL.finditer(css) if not embedded(m["url"])]
    return list(dict.fromkeys(found))


class _Loads(HTMLParser):
    """Collects what a document would load, element by element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._style: list[str] | None = None  # the text of the open <style> block

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            value = value or ""
            if tag in LOADING.get(name, ()):
                candidates = srcset_urls(value) if name == "srcset" else [value]
                self.found += [url for url in candidates if not embedded(url)]
            elif name == "style":
                self.found += css_loads(value)
        if tag == "meta":
            values = {k: v or "" for k, v in attrs}
            refresh = values.get("http-equiv", "").lower() == "refresh"
            if refresh and REFRESH_URL.search(values.get("content", "")):
                self.found.append(values["content"])
        if tag == "style":
            self._style = []

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        self._style = None

    def handle_endtag(self, tag: str) -> None:
        if tag == "style" and self._style is not None:  # the raw text of a block: live CSS
            self.found += css_loads("".join(self._style))
        self._style = None

    def handle_data(self, data: str) -> None:
        if self._style is not None:
            self._style.append(data)

    def close(self) -> None:
        super().close()
        if self._style is not None:  # a block left open at the end still applies
            self._style.append(self.rawdata)
            self.handle_endtag("style")


def resources(page: str) -> list[str]:
    """Everything the live document of `page` would fetch from outside itself."""
    parser = _Loads()
    parser.feed(page)
    parser.close()
    return parser.found


def check_self_contained(page: str, name: str) -> None:
    """Raise NotSelfContained when the page would load a script, style, image or frame from
    anywhere but itself."""
    found = resources(page)
    if found:
        raise NotSelfContained(name, found[0])
