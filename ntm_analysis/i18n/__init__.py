"""Every reader-facing wording of the package, through standard gettext catalogues.

Vietnamese is the source language: the msgid *is* the Vietnamese text, and English lives in
`locale/en/LC_MESSAGES/ntm_analysis.po` (compiled to the `.mo` beside it, which is committed;
`make translations` extracts, updates and compiles). docs/translations.md is the workflow.

    t(lang, "Đã đạt")                              # "Met" in English
    t(lang, "{n} xã không có tọa độ", n=3)         # placeholders are str.format fields
    tp(lang, "plural", "xã")                        # one Vietnamese text, several English ones
    LABELS = {"met": N_("Đạt")}; t(lang, LABELS["met"])   # module-level tables

A msgid without English gives the Vietnamese text followed by `UNTRANSLATED`. Number formats
stay in `text/numbers.py` (Babel).
"""

from __future__ import annotations

import functools
import gettext
from importlib import resources
from typing import TypeVar

T = TypeVar("T")

LANGUAGES = ("vi", "en")
SOURCE = "vi"
"""The language of the msgids: a Vietnamese page needs no catalogue."""
DOMAIN = "ntm_analysis"
LOCALE = "locale"
"""The folder, beside this module, holding `<lang>/LC_MESSAGES/<DOMAIN>.po|.mo` and the `.pot`."""
UNTRANSLATED = " (in Vietnamese)"
"""Appended to a Vietnamese text shown in English for want of a translation (a message without
msgstr, a data label entered only in Vietnamese; docs/data-model.md)."""


def language(lang: str) -> str:
    """`vi` or `en` from a language tag ("vi", "VI", "vi-VN", "en_GB" …); else ValueError."""
    code = str(lang).strip().lower().replace("_", "-").split("-")[0]
    if code not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; expected one of {list(LANGUAGES)}")
    return code


class _Untranslated(gettext.NullTranslations):
    """The last fallback of a catalogue: the Vietnamese msgid, marked as such."""

    def gettext(self, message: str) -> str:
        return message + UNTRANSLATED

    def pgettext(self, context: str, message: str) -> str:
        return message + UNTRANSLATED

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return (msgid1 if n == 1 else msgid2) + UNTRANSLATED

    def npgettext(self, context: str, msgid1: str, msgid2: str, n: int) -> str:
        return (msgid1 if n == 1 else msgid2) + UNTRANSLATED


@functools.cache
def translations(lang: str) -> gettext.NullTranslations:
    """The gettext object of `lang` (for Jinja2's `install_gettext_translations`, or `t`).

    Vietnamese is the msgid itself; another language reads its compiled catalogue from the
    package and falls back to the Vietnamese text followed by `UNTRANSLATED`.
    """
    code = language(lang)
    if code == SOURCE:
        return gettext.NullTranslations()
    mo = resources.files(__package__) / LOCALE / code / "LC_MESSAGES" / f"{DOMAIN}.mo"
    with mo.open("rb") as stream:
        catalogue = gettext.GNUTranslations(stream)
    catalogue.add_fallback(_Untranslated())
    return catalogue


def _filled(template: str, values: dict[str, object]) -> str:
    return template.format(**values) if values else template


def t(lang: str, msgid: str, /, **values: object) -> str:
    """`msgid` (the Vietnamese text) in `lang`, its `{placeholders}` filled from `values`.

    Without values the text is returned as written, so a table may hold fields its caller
    fills. A language other than vi/en raises ValueError.
    """
    return _filled(translations(lang).gettext(msgid), values)


def tp(lang: str, context: str, msgid: str, /, **values: object) -> str:
    """`t` for a msgid that needs a context: one Vietnamese text, several English ones
    (`tp(lang, "plural", "xã")` is "communes" in English, `t(lang, "xã")` "commune"). The
    context is a short English note for the translator."""
    return _filled(translations(lang).pgettext(context, msgid), values)


def N_(msgid: str) -> str:
    """Mark `msgid` for extraction where it cannot be translated yet (a module-level table);
    the caller translates it at use with `t(lang, msgid)`."""
    return msgid


def pick(lang: str, vi: T, en: T) -> T:
    """Of two values held per language (a data field's `_vi` and `_en`), the one of `lang`."""
    return vi if language(lang) == "vi" else en
