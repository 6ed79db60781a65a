"""The last word on a rendered page: sanitised with nh3 (the Ammonia sanitiser), so whatever a
page's text became, the browser is never asked to run script, to load a local file or to fetch
anything from the network.

Text from data is escaped where it is written, but a page is also rendered from Markdown that
a notebook or a data label may have shaped into a link or an image. This pass keeps the
elements and attributes a report page uses (text, tables, headings, lists, details, embedded
images, the pages' own style blocks) and drops everything else: scripts with their content,
frames, forms, objects, event handlers, unknown attributes. Links stay clickable only towards
http(s), mailto, an in-page anchor or a file of the report; images only as embedded data.
"""

from __future__ import annotations

import re

import nh3

SAFE_SCHEMES = ("http", "https", "mailto")
# a file of the report itself, beside the page or in executed/: no scheme, no "..", no "/…"
OWN_FILE = re.compile(
    r"^(?:executed/)?[A-Za-z0-9_][A-Za-z0-9_.-]*\.(?:html|json|ipynb|docx|pdf|xlsx)"
    r"(?:#[^\s]*)?$"
)
SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
LINK_TAGS = {"a", "area"}
EMBEDDED = ("data:image/", "data:font/")

# What a page of the report is made of: nh3's default tags (text, tables, lists, headings,
# details) plus the page skeleton and the style blocks nbconvert and pandas write.
TAGS = nh3.ALLOWED_TAGS | {"main", "style", "meta", "title", "tfoot"}
ATTRIBUTES = {
    **{tag: set(names) for tag, names in nh3.ALLOWED_ATTRIBUTES.items()},
    "*": {"class", "id", "style", "title", "lang", "dir", "tabindex", "role"},
    "a": {"href", "hreflang"},
    "details": {"open"},
    "img": {"src", "alt", "width", "height"},
    "meta": {"charset", "name", "content"},
    "style": {"type", "scoped", "media"},
    "table": {"border", "summary"},
}
# The page skeleton (`<html>`, `<head>`, `<body>`) is written by the templates; nh3 cleans a
# fragment, so the head and the body are cleaned one by one and the skeleton put back.
DOCUMENT = re.compile(
    r"(?P<open>.*?<head\b[^>]*>)(?P<head>.*?)(?P<middle></head>\s*<body\b[^>]*>)"
    r"(?P<body>.*)(?P<close></body>\s*</html>\s*)",
    re.DOTALL | re.IGNORECASE,
)


def safe_link(url: str) -> bool:
    """A link a reader may follow: http(s), mailto, an in-page anchor or a report file."""
    if url.startswith("#"):
        return True
    scheme = SCHEME.match(url)
    if scheme:
        return scheme.group(1).lower() in SAFE_SCHEMES
    return bool(OWN_FILE.match(url)) and ".." not in url


def safe_resource(url: str) -> bool:
    """A resource the page may load by itself: embedded data only (images, fonts)."""
    return url.lower().startswith((*EMBEDDED, "#"))


def _attribute(tag: str, name: str, value: str) -> str | None:
    """nh3's attribute filter: the value to keep, or None to drop the attribute. nh3 has
    already refused schemes other than http(s), mailto and data."""
    if name == "href":
        keep = safe_link(value) if tag in LINK_TAGS else safe_resource(value)
    elif name == "src":
        keep = safe_resource(value)
    elif name == "style":
        lowered = value.lower()
        keep = "url(" not in lowered or bool(re.search(r"url\(\s*['\"]?data:", lowered))
    else:
        keep = True
    return value if keep else None


CLEANER = nh3.Cleaner(
    tags=TAGS,
    clean_content_tags={"script"},
    attributes=ATTRIBUTES,
    attribute_filter=_attribute,
    generic_attribute_prefixes={"data-"},  # nbconvert's data-mime-type and the like
    url_schemes={*SAFE_SCHEMES, "data"},
    link_rel=None,  # links stay as written: the report adds no rel
)


def sanitise_page(page: str) -> str:
    """`page` (a whole HTML document or a fragment) as the browser may safely show it.

    `<a href="javascript:…">` loses its href (its text stays), `<img src="/etc/hostname">`
    or `<img src="https://…">` loses its src (its alt text stays), `onerror=…` is dropped,
    a `<script>` goes with its content.
    """
    document = DOCUMENT.fullmatch(page)
    if document is None:
        return CLEANER.clean(page)
    return "".join(
        (
            document["open"],
            CLEANER.clean(document["head"]),
            document["middle"],
            CLEANER.clean(document["body"]),
            document["close"],
        )
    )
