"""Named lists (communes, districts, criteria, hamlets) in words and as tables."""

from __future__ import annotations

import pandas as pd

from ntm_analysis.dataset.period import PeriodData
from ntm_analysis.i18n import t, tp
from ntm_analysis.report.words.figures import in_section


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
    items = list(rows.itertuples(index=False))
    criteria = data.criteria.ids()
    if all(r.item in criteria for r in items):
        head, body = _criteria_words(data, items, lang)
    elif all(r.item in set(data.units["district_code"]) for r in items):
        head, body = _district_words(data, items, lang)
    else:
        head, body = _unit_words(data, items, lang)
    return _join(len(items), head, body, with_count)


def _criteria_words(data: PeriodData, items: list, lang: str) -> tuple[str, str]:
    words = [data.criteria.get(r.item).name(lang) for r in items]
    head = tp(lang, "plural head of a list", "tiêu chí") if len(words) > 1 else t(lang, "tiêu chí")
    return head, "; ".join(words)


def _district_words(data: PeriodData, items: list, lang: str) -> tuple[str, str]:
    """Districts of one kind by their bare names under that kind ("huyện Càng Long, Cầu
    Kè"), else each with its kind."""
    names = data.area_names(lang)
    types = {
        str(data.units.loc[data.units["district_code"] == r.item].iloc[0].district_type)
        for r in items
    }
    head = _district_heads(lang).get(next(iter(types)), "") if len(types) == 1 else ""
    if not head:
        return t(lang, "đơn vị cấp huyện"), ", ".join(names[r.item] for r in items)
    bare = data.units.drop_duplicates("district_code").set_index("district_code")
    return head, ", ".join(str(bare.at[r.item, "district_name"]) for r in items)


def _unit_words(data: PeriodData, items: list, lang: str) -> tuple[str, str]:
    """Communes (or the hamlets they hold) grouped by district."""
    names = data.area_names(lang)
    units = data.units.set_index("unit_code")
    groups: dict[str, list[str]] = {}
    kinds = set()
    for r in items:
        if r.item not in units.index:
            groups.setdefault("", []).append(r.as_written)
            continue
        unit = units.loc[r.item]
        member = names[r.item]
        if r.detail:  # the hamlet, when the item is the commune holding it
            hamlet = f"{r.detail[:1].lower()}{r.detail[1:]}"
            member = f"{hamlet} {_hamlet_link(str(unit['unit_type']), lang)} {member}"
        groups.setdefault(str(unit["district_code"]), []).append(member)
        kinds.add("hamlet" if r.detail else str(unit["unit_type"]))
    parts = [", ".join(members) + (f" ({names[d]})" if d else "") for d, members in groups.items()]
    head = _unit_heads(lang).get(next(iter(kinds)), "") if len(kinds) == 1 else t(lang, "đơn vị")
    return head, "; ".join(parts)


def _join(n: int, head: str, body: str, with_count: bool) -> str:
    return f"{n} {head}: {body}" if with_count else body


def list_title(data: PeriodData, list_id: str, lang: str = "vi") -> str:
    """A named list's title in words: the label of the figure that counts it (a `listed`
    relation of the catalogue) or of the qualitative point that enumerates it, else "named
    list (section …)"; never the list's id."""
    for relation in data.catalogue.relations:
        if relation.kind == "listed" and relation.list == list_id:
            return data.catalogue.label(relation.count, lang)
    for point in data.notes:
        if point.list == list_id:
            return point.text_in(lang)
    for target in data.targets:
        if target.list == list_id:
            return target.label(lang)
    rows = data.list_items(list_id)
    section = str(rows["section"].iloc[0]) if not rows.empty else ""
    word = t(lang, "Danh sách được nêu tên")
    return f"{word} ({section})" if section else word


def list_table(data: PeriodData, list_names: list[str], lang: str = "vi") -> pd.DataFrame:
    """Named lists (communes, districts, criteria) with the GSO name and district of each item."""
    names = data.area_names(lang)
    unit_district = dict(zip(data.units["unit_code"], data.units["district_code"], strict=True))
    titles = {n: list_title(data, n, lang) for n in list_names}
    rows = []
    for row in data.lists[data.lists["list"].isin(list_names)].itertuples(index=False):
        if row.item in data.criteria.ids():
            name, district = data.criteria.get(row.item).name(lang), names.get(row.area, "")
        else:
            name = names.get(row.item, row.as_written)
            district = names.get(unit_district.get(row.item, ""), "")
        if row.detail:  # e.g. the hamlet, when the item is the commune holding it
            name = f"{row.detail} ({name})"
        rows.append([titles[row.list], name, district, row.as_written])
    columns = [t(lang, "Danh sách"), t(lang, "Tên"), t(lang, "Huyện")]
    if lang == "vi":
        columns.append(t(lang, "Tên trong báo cáo"))
        return pd.DataFrame(rows, columns=columns)
    # an English page quotes no Vietnamese text: the names as printed stay on the vi page
    return pd.DataFrame([r[:3] for r in rows], columns=columns)


def section_lists(data: PeriodData, prefixes: list[str]) -> list[str]:
    """Names of the lists whose section is among the given ones."""
    lists = data.lists
    mask = [in_section(str(s), prefixes) for s in lists["section"]]
    hit = lists[pd.Series(mask, index=lists.index, dtype=bool)]  # bool even when empty
    return list(dict.fromkeys(hit["list"]))
