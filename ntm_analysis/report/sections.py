"""Per-section tables of every figure the source prints, as the report writes it."""

from __future__ import annotations

import pandas as pd

from ntm_analysis.dataset.findings import Finding
from ntm_analysis.dataset.period import PeriodData
from ntm_analysis.i18n import N_, t
from ntm_analysis.report.wording import QUALIFIER_WORDS, capitalise, qualifier_word, written_in
from ntm_analysis.text.numbers import format_value

# The columns of a section's figures table, translated at use.
COLUMNS = (
    N_("Mục"),
    N_("Chỉ tiêu"),
    N_("Địa bàn"),
    N_("Giá trị"),
    N_("Đơn vị"),
    N_("Số in trong báo cáo"),
)


def in_section(section: str, prefixes: list[str]) -> bool:
    """Whether `section` is one of `prefixes` or below one (A.II.4 holds A.II.4.1)."""
    return any(section == p or section.startswith(p + ".") for p in prefixes)


def in_sections(sections: pd.Series, prefixes: list[str]) -> pd.Series:
    """`in_section` for a whole column at once."""
    below = tuple(p + "." for p in prefixes)
    return sections.isin(prefixes) | sections.str.startswith(below)


def section_figures(data: PeriodData, prefixes: list[str], lang: str = "vi") -> pd.DataFrame:
    """Every observation of the given sections: label, area, value in `lang`, unit, and the
    figure as printed (with its qualifier: 'over', 'about' …), in catalogue order."""
    catalogue = data.catalogue
    order = {code: i for i, code in enumerate(catalogue.indicators)}
    names = data.area_names(lang)
    obs = data.observations[in_sections(data.observations["section"], prefixes)]
    obs = obs.assign(_order=obs["indicator"].map(order)).sort_values(["section", "_order"])
    rows = []
    for row in obs.itertuples(index=False):
        indicator = catalogue[row.indicator]
        msgid = QUALIFIER_WORDS.get(row.qualifier)
        qualifier = t(lang, msgid) if msgid else row.qualifier
        printed = f"{qualifier} {row.as_written}".strip() if row.as_written else "—"
        rows.append(
            [
                row.section,
                indicator.label(lang),
                names.get(row.area, row.area),
                # years and codes are never grouped ("2021", not "2.021")
                str(int(row.value))
                if indicator.unit == "year"
                else format_value(row.value, indicator.unit, lang),
                "" if indicator.unit == "percent" else catalogue.unit_label(indicator.unit, lang),
                printed,
            ]
        )
    return pd.DataFrame(rows, columns=[t(lang, c) for c in COLUMNS])


def section_findings(findings: list[Finding], prefixes: list[str]) -> list[Finding]:
    """The data-quality findings that concern the given sections."""
    return [f for f in findings if f.section and in_section(f.section, prefixes)]


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


def printed(data: PeriodData, code: str, area: str | None, lang: str) -> str:
    """A figure as the report prints it (qualifier word and digits, no unit), "—" when the
    period does not print it."""
    if not data.has(code, area):
        return "—"
    figure = data.figure(code, area)
    text = written_in(figure.as_written, lang) if figure.as_written else "—"
    word = qualifier_word(figure.qualifier, lang)
    return f"{word} {text}" if word else text


# The columns of A.II.1's table by district, translated at use.
DISTRICT_COLUMNS = (
    N_("Đơn vị cấp huyện"),
    N_("Tình trạng"),
    N_("Xã đạt chuẩn NTM (xã)"),
    N_("Tổng số xã (xã)"),
    N_("Tỷ lệ xã đạt chuẩn NTM (%)"),
    N_("Tiêu chí huyện NTM đạt (tiêu chí)"),
)
STATUS_WORDS = {
    "recognised": N_("Đã đạt chuẩn NTM"),
    "plan": N_("Kế hoạch"),
    "before": N_("trước năm"),
    "year": N_("năm"),
}


def district_summary(data: PeriodData, lang: str = "vi") -> pd.DataFrame:
    """A.II.1 by district: status (recognised, or the planned year), NTM communes, share and
    district criteria met, each as the report prints it."""
    names = data.area_names(lang)
    words = {key: t(lang, msgid) for key, msgid in STATUS_WORDS.items()}
    rows = []
    for row in data.district_table().itertuples(index=False):
        code = str(row.code)
        status = str(getattr(row, "ntm_status", "") or "")
        year = str(getattr(row, "ntm_plan_year", "") or "")
        if status == "recognised":
            state = words["recognised"]
        elif year and year != "nan":
            before = str(getattr(row, "plan_qualifier", "")) == "before"
            plan_year = f"{words['before']} {year}" if before else f"{words['year']} {year}"
            state = f"{words['plan']} {plan_year}"
        else:
            state = "—"
        met, total = (
            printed(data, c, code, lang)
            for c in ("district_criteria_met", "district_criteria_total")
        )
        criteria = f"{met}/{total}" if "—" not in (met, total) else "—"
        if status == "recognised" and criteria == "—":
            criteria = f"{data.criteria.district_count}/{data.criteria.district_count}"
        rows.append(
            [
                capitalise(names.get(code, code)),
                state,
                printed(data, "communes_ntm_recognised", code, lang),
                printed(data, "communes_total", code, lang),
                printed(data, "communes_ntm_recognised_pct", code, lang).rstrip("%"),
                criteria,
            ]
        )
    return pd.DataFrame(rows, columns=[t(lang, c) for c in DISTRICT_COLUMNS])


def breakdown_table(data: PeriodData, total: str, lang: str = "vi") -> pd.DataFrame:
    """The parts of a total (a `sum` relation of the catalogue) with each part's printed
    amount and printed share of the total, and the total last; units in the headers."""
    parts: list[str] = []
    for relation in data.catalogue.relations:
        if relation.kind == "sum" and relation.total == total:
            parts = list(relation.parts)
            break
    shares = {
        r.numerator: r.percent
        for r in data.catalogue.relations
        if r.kind == "ratio" and r.denominator == total and r.percent
    }
    unit = data.catalogue.unit_label(data.catalogue[total].unit, lang)
    rows = []
    for code in parts:
        if not data.has(code):
            continue
        share = shares.get(code)
        shown = printed(data, share, None, lang).rstrip("%") if share else "—"
        rows.append(
            [capitalise(data.catalogue.label(code, lang)), printed(data, code, None, lang), shown]
        )
    if data.has(total):
        word = t(lang, "Tổng cộng")
        rows.append([word, printed(data, total, None, lang), "100" if rows else "—"])
    columns = [
        t(lang, "Nguồn"),
        t(lang, "Số tiền ({unit})", unit=unit),
        t(lang, "Tỷ trọng (%)"),
    ]
    return pd.DataFrame(rows, columns=columns)


def change_table(data: PeriodData, prefixes: list[str], lang: str = "vi") -> pd.DataFrame:
    """Figures of the sections that the baseline period also has: the baseline, the period
    (as printed) and the change, with the unit; empty without a baseline."""
    base = data.baseline
    columns = [
        t(lang, "Chỉ tiêu"),
        t(lang, "Đơn vị"),
        base.label(lang) if base else "",
        data.label(lang),
        t(lang, "Tăng (+)/giảm (-)"),
    ]
    if base is None:
        return pd.DataFrame(columns=columns)
    rows = []
    for row in base.observations.itertuples(index=False):
        indicator = data.catalogue[row.indicator]
        if not in_section(indicator.section, prefixes) or not data.has(row.indicator, row.area):
            continue
        written = data.figure(row.indicator, row.area).as_written
        decimals = len(written.rstrip("%").split(",", 1)[1]) if "," in written else 0
        delta = data.value(row.indicator, row.area) - float(row.value)
        sign = "+" if delta > 0 else ("-" if delta < 0 else "")
        label = capitalise(indicator.label(lang))
        if row.area != data.province:
            label += f" ({data.area_names(lang).get(row.area, row.area)})"
        rows.append(
            [
                label,
                "%"
                if indicator.unit == "percent"
                else data.catalogue.unit_label(indicator.unit, lang),
                format_value(float(row.value), indicator.unit, lang, decimals).rstrip("%"),
                printed(data, row.indicator, row.area, lang).rstrip("%"),
                sign + format_value(abs(delta), indicator.unit, lang, decimals).rstrip("%"),
            ]
        )
    return pd.DataFrame(rows, columns=columns)
