"""Text from data made safe for Markdown, and Markdown that is already safe."""

from __future__ import annotations

import re

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]#|!])")


class MarkdownText(str):
    """Text that is Markdown already (not escaped again when a template prints it)."""


def escape_markdown(text: str) -> str:
    """Text from data made inert in Markdown: `&`, `<`, `>` as HTML entities (no tag can
    form, whatever the Markdown renderer), `://` with entities (no autolink), the other
    Markdown-significant characters backslash-escaped."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return text.replace("://", ":&#47;&#47;")  # shown the same, but no autolink can form


def capitalise(text: str) -> str:
    """First letter upper-case, the rest untouched ("huyện Trà Cú" → "Huyện Trà Cú")."""
    return (
        type(text)(text[:1].upper() + text[1:])
        if isinstance(text, MarkdownText)
        else (text[:1].upper() + text[1:])
    )


def lower_first(text: str) -> str:
    """First letter lower-case, to continue a sentence ("Vốn tín dụng" → "vốn tín dụng")."""
    return text[:1].lower() + text[1:]
