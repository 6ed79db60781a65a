"""Units in words, for readers: "xã Hòa Ân", "thành phố Trà Vinh", "tỉnh Vĩnh Long"."""

from __future__ import annotations

from ntm_analysis.i18n import N_, t, tp

# The word of each unit type code, translated at use.
TYPE_LABEL = {
    "tinh": N_("tỉnh"),
    "thanh_pho": N_("thành phố"),
    "huyen": N_("huyện"),
    "thi_xa": N_("thị xã"),
    "quan": N_("quận"),
    "xa": N_("xã"),
    "phuong": N_("phường"),
    "thi_tran": N_("thị trấn"),
    "dac_khu": N_("đặc khu"),
}
UNKNOWN_UNIT = N_("chưa xác định được đơn vị")  # a successor not resolved, translated at use


def type_word(kind: str, lang: str = "vi") -> str:
    """The word of a type code ("thi_xa" -> "thị xã"); an unknown code is returned as is."""
    return t(lang, TYPE_LABEL[kind]) if kind in TYPE_LABEL else kind


def unit_label(name: str, kind: str, lang: str = "vi") -> str:
    """ "xã Hòa Ân" / "Hòa Ân commune"; a number name ("Phường 4") stays as it is."""
    if not name:
        return ""
    if name.split(" ")[-1].isdigit() and " " in name:
        return name
    word = type_word(kind, lang)
    if not word:
        return name
    return tp(lang, "a unit type and its name", "{kind} {name}", kind=word, name=name)
