"""Tables several sections show: the parts of a total, and the change since the baseline."""

from __future__ import annotations

import pandas as pd

from ntm_analysis.dataset.period import PeriodData
from ntm_analysis.dataset.relations import Relation
from ntm_analysis.i18n import t
from ntm_analysis.report.words.figures import in_section, printed
from ntm_analysis.report.words.markdown import capitalise
from ntm_analysis.text.numbers import format_value


def sum_of(data: PeriodData, total: str) -> Relation | None:
    """The catalogue's `sum` relation whose total is `total`, if any."""
    return next((r for r in data.catalogue.relations if r.kind == "sum" and r.total == total), None)


def shares_of(data: PeriodData, total: str) -> dict[str, str]:
    """For each part of `total`, the code of its printed share of the total (the catalogue's
    `ratio` relations whose denominator is the total)."""
    return {
        r.numerator: r.percent
        for r in data.catalogue.relations
        if r.kind == "ratio" and r.denominator == total and r.percent
    }


def breakdown_table(data: PeriodData, total: str, lang: str = "vi") -> pd.DataFrame:
    """The parts of a total (a `sum` relation of the catalogue) with each part's printed
    amount and printed share of the total, and the total last; units in the headers."""
    relation = sum_of(data, total)
    parts = list(relation.parts) if relation is not None else []
    shares = shares_of(data, total)
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
