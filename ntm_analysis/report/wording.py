"""Figures, names and qualitative facts in words, for the prose templates and tables.

- `written_in(as_written, lang)`: a printed figure in the page's language;
- `named_items(data, list_id, lang)`: a named list in words ("3 xã: Đa Lộc, …");
- `facts(data, section, lang, kind)`: qualitative points ready for a template;
- `capitalise(text)`: first letter upper-case, the rest untouched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ntm_analysis.dataset.period import PeriodData
from ntm_analysis.dataset.qualitative import QualitativePoint
from ntm_analysis.i18n import N_, t, tp

# The qualifiers of a printed figure ("trên 90%": over 90%), by the observation's qualifier.
QUALIFIER_WORDS = {
    "over": N_("trên"),
    "more_than": N_("hơn"),
    "about": N_("khoảng"),
    "under": N_("dưới"),
    "before": N_("trước năm"),
}


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]#|!])")
_NUMBER = re.compile(r"\d[\d.,]*")
# The currency words a printed amount may end with; English writes them after the figure.
CURRENCY = (N_("tỷ đồng"), N_("triệu đồng"), N_("đồng"), N_("đ"))
CURRENCY_WORD = re.compile(r"\s*(" + "|".join(CURRENCY) + r")\s*$")
UNTRANSLATED = "(Vietnamese only) "


def qualifier_word(qualifier: str | None, lang: str) -> str:
    """The word of a figure's qualifier in `lang` ("" for none or an unknown one)."""
    msgid = QUALIFIER_WORDS.get(qualifier or "")
    return t(lang, msgid) if msgid else ""


def _unit_heads(lang: str) -> dict[str, str]:
    """The head of a named list by the units it holds ("3 xã: …", "3 communes: …")."""
    return {
        "xa": tp(lang, "plural head of a list", "xã"),
        "phuong": tp(lang, "plural head of a list", "phường"),
        "thi_tran": tp(lang, "plural head of a list", "thị trấn"),
        "hamlet": tp(lang, "plural head of a list", "ấp"),
    }


def _district_heads(lang: str) -> dict[str, str]:
    """The head of a list of districts of one type ("2 huyện: …", "2 districts: …")."""
    return {
        "huyen": tp(lang, "plural head of a list", "huyện"),
        "thi_xa": tp(lang, "plural head of a list", "thị xã"),
        "thanh_pho": tp(lang, "plural head of a list", "thành phố"),
    }


def _hamlet_link(unit_type: str, lang: str) -> str:
    """The word between a hamlet and its commune: the commune's type in Vietnamese ("ấp Mỹ
    Lợi xã Đa Lộc"), "in" in English ("Mỹ Lợi hamlet in Đa Lộc commune")."""
    words = {
        "xa": tp(lang, "between a hamlet and its commune", "xã"),
        "phuong": tp(lang, "between a hamlet and its commune", "phường"),
        "thi_tran": tp(lang, "between a hamlet and its commune", "thị trấn"),
    }
    return words.get(unit_type, "")


def escape_markdown(text: str) -> str:
    """Text from data made inert in Markdown: `&`, `<`, `>` as HTML entities (no tag can
    form, whatever the Markdown renderer), `://` with entities (no autolink), the other
    Markdown-significant characters backslash-escaped."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return text.replace("://", ":&#47;&#47;")  # shown the same, but no autolink can form


def capitalise(text: str) -> str:
    """First letter upper-case, the rest untouched ("huyện Trà Cú" → "Huyện Trà Cú")."""
    return text[:1].upper() + text[1:]


def written_in(as_written: str, lang: str) -> str:
    """A printed figure in `lang`: verbatim in Vietnamese; in English each number keeps its
    digits and decimals with English separators and no leading zeros ("07" → "7",
    "01-02" → "1-2", "5.214.624,5" → "5,214,624.5")."""
    if lang == "vi":
        return as_written

    def convert(match: re.Match[str]) -> str:
        token = match.group(0)
        trail = ""
        while token and token[-1] in ".,":
            trail, token = token[-1] + trail, token[:-1]
        whole, _, decimals = token.partition(",")
        whole = whole.replace(".", ",")
        if "," not in whole:
            whole = whole.lstrip("0") or "0"
        return whole + ("." + decimals if decimals else "") + trail

    text = _NUMBER.sub(convert, as_written)
    currency = CURRENCY_WORD.search(text)
    if currency:
        text = text[: currency.start()] + " " + t(lang, currency.group(1))
    return text


@dataclass(frozen=True)
class Fact:
    """A qualitative point in one language, ready for a template."""

    kind: str
    section: str
    text: str
    cite: str  # the legal document in words ("số 12/KH-BCĐ ngày 05/3/2021 của …"), or ""
    indicators: tuple[str, ...]
    title: str = ""  # a short heading (e.g. of a group of solutions), or ""
    cite_full: str = ""  # the document with its kind ("Quyết định số 12/QĐ-UBND ngày …")
    list: str = ""  # the named list the point enumerates (render it with names(f.list))

    @property
    def clause(self) -> str:
        """The text without its final full stop, to continue the sentence (a citation)."""
        return self.text.rstrip().rstrip(".")


def facts(data: PeriodData, section: str, lang: str, kind: str | None = None) -> list[Fact]:
    """The qualitative points of `section` (and below it), optionally of one kind."""
    out = []
    for point in data.notes:
        if kind is not None and point.kind != kind:
            continue
        if not (point.section == section or point.section.startswith(section + ".")):
            continue
        out.append(_fact(point, lang))
    return out


def _fact(point: QualitativePoint, lang: str) -> Fact:
    text = point.text_in(lang)
    if lang != "vi" and not point.has_text(lang):
        text = UNTRANSLATED + text
    return Fact(
        kind=point.kind,
        section=point.section,
        text=text,
        cite=point.citation(lang),
        indicators=point.indicators,
        title=point.title_in(lang),
        cite_full=point.citation(lang, with_type=True),
        list=point.list or "",
    )


def named_items(
    data: PeriodData,
    list_id: str,
    lang: str,
    area: str | None = None,
    with_count: bool = True,
) -> str:
    """A named list in words: "3 xã: Đa Lộc, Phước Hảo (huyện Châu Thành); Long Hòa (…)"."""
    rows = data.list_items(list_id, area)
    if rows.empty:
        return ""
    names = data.area_names(lang)
    units = data.units.set_index("unit_code")
    districts = set(data.units["district_code"])
    criteria = data.criteria.ids()
    items = list(rows.itertuples(index=False))
    if all(r.item in criteria for r in items):
        words = [data.criteria.get(r.item).name(lang) for r in items]
        head = (
            tp(lang, "plural head of a list", "tiêu chí") if len(words) > 1 else t(lang, "tiêu chí")
        )
        return _join(len(words), head, "; ".join(words), with_count)
    if all(r.item in districts for r in items):
        types = {
            str(data.units.loc[data.units["district_code"] == r.item].iloc[0].district_type)
            for r in items
        }
        if len(types) == 1:
            kind = next(iter(types))
            bare = data.units.drop_duplicates("district_code").set_index("district_code")
            words = [str(bare.at[r.item, "district_name"]) for r in items]
            head = _district_heads(lang).get(kind, "")
            if not head:
                words = [names[r.item] for r in items]
                head = t(lang, "đơn vị cấp huyện")
        else:
            head = t(lang, "đơn vị cấp huyện")
            words = [names[r.item] for r in items]
        return _join(len(words), head, ", ".join(words), with_count)
    groups: dict[str, list[str]] = {}
    kinds = set()
    for r in items:
        if r.item in units.index:
            unit = units.loc[r.item]
            member = names[r.item]
            if r.detail:  # the hamlet, when the item is the commune holding it
                hamlet = f"{r.detail[:1].lower()}{r.detail[1:]}"
                member = f"{hamlet} {_hamlet_link(str(unit['unit_type']), lang)} {member}"
            groups.setdefault(str(unit["district_code"]), []).append(member)
            kinds.add("hamlet" if r.detail else str(unit["unit_type"]))
        else:
            groups.setdefault("", []).append(r.as_written)
    parts = [", ".join(members) + (f" ({names[d]})" if d else "") for d, members in groups.items()]
    head = _unit_heads(lang).get(next(iter(kinds)), "") if len(kinds) == 1 else t(lang, "đơn vị")
    return _join(len(items), head, "; ".join(parts), with_count)


def _join(n: int, head: str, body: str, with_count: bool) -> str:
    return f"{n} {head}: {body}" if with_count else body
