"""Units in words, for readers: "xã Hòa Ân", "thành phố Trà Vinh", "tỉnh Vĩnh Long"."""

from __future__ import annotations

from ntm_analysis import i18n

TYPE_LABEL = {
    "vi": {
        "tinh": "tỉnh",
        "thanh_pho": "thành phố",
        "huyen": "huyện",
        "thi_xa": "thị xã",
        "quan": "quận",
        "xa": "xã",
        "phuong": "phường",
        "thi_tran": "thị trấn",
        "dac_khu": "đặc khu",
    },
    "en": {
        "tinh": "province",
        "thanh_pho": "city",
        "huyen": "district",
        "thi_xa": "town",
        "quan": "urban district",
        "xa": "commune",
        "phuong": "ward",
        "thi_tran": "township",
        "dac_khu": "special zone",
    },
}
UNKNOWN_UNIT = {"vi": "chưa xác định được đơn vị", "en": "unit not determined"}


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
