"""Units in words, for readers: "xã Hòa Ân", "thành phố Trà Vinh", "tỉnh Vĩnh Long"."""

from __future__ import annotations

from ntm_analysis import i18n

TYPE_LABEL = {lang: i18n.table("units.words.type_label", lang) for lang in i18n.LANGUAGES}
UNKNOWN_UNIT = {lang: i18n.text("units.unknown", lang) for lang in i18n.LANGUAGES}


def type_word(kind: str, lang: str = "vi") -> str:
    """The word of a type code ("thi_xa" -> "thị xã"); an unknown code is returned as is."""
    return TYPE_LABEL[lang].get(kind, kind)


def unit_label(name: str, kind: str, lang: str = "vi") -> str:
    """ "xã Hòa Ân" / "Hòa Ân commune"; a number name ("Phường 4") stays as it is."""
    if not name:
        return ""
    if name.split(" ")[-1].isdigit() and " " in name:
        return name
    word = type_word(kind, lang)
    if not word:
        return name
    return i18n.text("report.place.unit", lang, kind=word, name=name)
