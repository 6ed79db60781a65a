"""How a Vietnamese administrative unit's name is written, reduced to the forms names are
compared in: one tone placement (`Hòa`/`Hoà`), NFC, without its prefix (`xã`, `huyện`, `TP.`),
and, for a loose match, without diacritics (`Vinh Kim`). `names.py` matches names in these forms.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from functools import lru_cache

__all__ = [
    "DISTRICT_PREFIX_TYPES",
    "UNIT_PREFIX_TYPES",
    "basic_form",
    "fold_diacritics",
    "fold_loose",
    "implied_type",
    "normalise_name",
    "unify_tones",
]

# Combining tone marks: huyền, sắc, ngã, hỏi, nặng.
TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")

# Syllables ending in these rhymes take the tone on the first vowel in the convention used
# here ("hòa", "khỏe", "thủy"); the other convention puts it on the second ("hoà").
_OPEN_RHYME = re.compile(r"(oa|oe|uy)$")
# After "qu" the "u" belongs to the consonant: the tone always sits on the last vowel.
_QU_RHYME = re.compile(r"qu[aey]$")
_WORD = re.compile(r"\w+")

# Leading words naming a unit's level, most specific first. Tone placement is already
# unified when these are compared.
_PREFIX = re.compile(
    r"^(?:(?:thị trấn|thị xã|thành phố|tỉnh|huyện|phường|xã|ấp|khóm)(?:\s+|$)"
    r"|(?:tp|tx|tt)(?:\.\s*|\s+|$))"
)
# The same, without diacritics, used only as a last resort when matching ("Xa Vinh Kim").
_FOLDED_PREFIX = re.compile(
    r"^(?:(?:thi tran|thi xa|thanh pho|huyen|phuong|xa)\s+|(?:tp|tx|tt)(?:\.\s*|\s+))"
)
NUMBER = re.compile(r"\d+")
_LEADING_ZEROS = re.compile(r"(?<![\w.,])0+(?=\d+(?![\w.,]))")

UNIT_PREFIX_TYPES = {
    "xã": "xa",
    "phường": "phuong",
    "thị trấn": "thi_tran",
    "tt": "thi_tran",
}
DISTRICT_PREFIX_TYPES = {
    "huyện": "huyen",
    "thị xã": "thi_xa",
    "tx": "thi_xa",
    "thành phố": "thanh_pho",
    "tp": "thanh_pho",
    "quận": "quan",
}


# --------------------------------------------------------------------------- normalising


def basic_form(text: str) -> str:
    """NFC, casefolded, single-spaced, without punctuation or symbols at the ends."""
    text = unicodedata.normalize("NFC", unicodedata.normalize("NFC", text).casefold())
    text = " ".join(text.split())
    return _strip_ends(text)


def _is_kept(char: str) -> bool:
    """True for letters, digits and combining marks."""
    return unicodedata.category(char)[0] in "LNM"


def _strip_ends(text: str) -> str:
    """Drop non-alphanumeric characters (and spaces) at both ends."""
    start, end = 0, len(text)
    while start < end and not _is_kept(text[start]):
        start += 1
    while end > start and not _is_kept(text[end - 1]):
        end -= 1
    return text[start:end]


def _place_tone(word: str) -> str:
    """Put the tone mark of one lowercase word where the chosen convention wants it."""
    decomposed = unicodedata.normalize("NFD", word)
    tones = [char for char in decomposed if char in TONE_MARKS]
    if len(tones) != 1:
        return word
    base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in TONE_MARKS))
    if _QU_RHYME.search(base):
        position = len(base) - 1
    elif _OPEN_RHYME.search(base):
        position = len(base) - 2
    else:
        return word
    return unicodedata.normalize("NFC", base[: position + 1] + tones[0] + base[position + 1 :])


def unify_tones(text: str) -> str:
    """Rewrite new-style tone placement (`hoà`, `thuỷ`) as old-style (`hòa`, `thủy`)."""
    return _WORD.sub(lambda found: _place_tone(found.group()), text)


def _strip_prefixes(text: str, pattern: re.Pattern[str]) -> str:
    """Remove leading level words, unless only a number (`phường 1`) or nothing would remain."""
    while True:
        found = pattern.match(text)
        if found is None:
            return text
        rest = _strip_ends(text[found.end() :])
        if not rest or NUMBER.fullmatch(rest):
            return text
        text = rest


def _fixed_point(text: str) -> str:
    """One pass of the normalisation steps."""
    text = _LEADING_ZEROS.sub("", unify_tones(basic_form(text)))
    return _strip_prefixes(text, _PREFIX)


@lru_cache(maxsize=8192)
def normalise_name(text: str) -> str:
    """Canonical form of a place name: NFC, casefolded, one tone convention, no prefix."""
    result = _fixed_point(text)
    for _ in range(4):
        again = _fixed_point(result)
        if again == result:
            break
        result = again
    return result


def _remove_marks(text: str) -> str:
    """Drop every combining mark and turn `đ` into `d`."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d"))
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return unicodedata.normalize("NFC", stripped)


@lru_cache(maxsize=8192)
def fold_diacritics(text: str) -> str:
    """`normalise_name` without any diacritics (`Vĩnh Kim` -> `vinh kim`), for loose matching."""
    result = _remove_marks(normalise_name(text))
    for _ in range(4):
        again = _remove_marks(normalise_name(result))
        if again == result:
            break
        result = again
    return result


def fold_loose(text: str) -> str:
    """`fold_diacritics` that also drops a prefix written without diacritics (`Xa ...`)."""
    return _strip_prefixes(fold_diacritics(text), _FOLDED_PREFIX)


def implied_type(text: str, types: Mapping[str, str]) -> str | None:
    """The level named by the text's leading prefix word, if any (`xã Định An` -> `xa`)."""
    basic = unify_tones(basic_form(text))
    for prefix, type_code in types.items():
        if re.match(rf"{re.escape(prefix)}(?:\.|\s|$)", basic):
            return type_code
    return None
