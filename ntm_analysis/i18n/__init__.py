"""Every reader-facing wording of the package, in Vietnamese and English, in one place.

A message is a dotted English id ("outlook.status.met") mapped to `{"vi": …, "en": …}`, with
`str.format` placeholders; the catalogues live one file per area (`outlook.py`, `report.py`,
…) and are merged here. `text(id, lang, **values)` gives the wording; docs/translations.md says
how to add or change one. Number formats stay in `text/numbers.py` (Babel).
"""

from __future__ import annotations

from typing import TypeVar

from ntm_analysis.i18n import data, outlook, quality, report, tables

T = TypeVar("T")

LANGUAGES = ("vi", "en")
UNTRANSLATED = " (in Vietnamese)"
"""Appended to the Vietnamese text shown when a message has no English (docs/data-model.md)."""

MESSAGES: dict[str, dict[str, str]] = {}
for _area in (data, outlook, quality, report, tables):
    for _id, _texts in _area.MESSAGES.items():
        if _id in MESSAGES:
            raise RuntimeError(f"message id {_id!r} is defined twice")
        MESSAGES[_id] = _texts


def language(lang: str) -> str:
    """`vi` or `en` from a language tag ("vi", "VI", "vi-VN", "en_GB" …); else ValueError."""
    code = str(lang).strip().lower().replace("_", "-").split("-")[0]
    if code not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; expected one of {list(LANGUAGES)}")
    return code


def text(message_id: str, lang: str, **values: object) -> str:
    """The wording of `message_id` in `lang`, its placeholders filled from `values`.

    An unknown id raises KeyError naming it; a language other than vi/en raises ValueError; a
    message without English gives the Vietnamese text, marked as such.
    """
    lang = language(lang)
    try:
        texts = MESSAGES[message_id]
    except KeyError:
        raise KeyError(f"unknown message id {message_id!r}") from None
    template = texts.get(lang)
    marker = ""
    if not template and lang == "en":
        template, marker = texts["vi"], UNTRANSLATED
    return template.format(**values) + marker if values else template + marker


def pick(lang: str, vi: T, en: T) -> T:
    """Of two values held per language (a data field's `_vi` and `_en`), the one of `lang`."""
    return vi if language(lang) == "vi" else en


def table(prefix: str, lang: str) -> dict[str, str]:
    """The messages under `prefix` as `{last part of the id: wording}` (a label table)."""
    start = prefix + "."
    return {
        mid[len(start) :]: text(mid, lang)
        for mid in MESSAGES
        if mid.startswith(start) and "." not in mid[len(start) :]
    }
