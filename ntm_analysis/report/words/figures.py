"""A period's figures as the report prints them, in the page's language.

One way to write a figure everywhere (prose, tables, charts, the appendix): the value in the
page's number format with the decimals the report printed, no leading zeros, its qualifier
("trên", "khoảng") in front; a figure printed as words or a range ("01-02", "130.480.000 đồng")
keeps its printed form (converted to English separators on an English page).
"""

from __future__ import annotations

import re

import pandas as pd

from ntm_analysis.dataset.findings import Finding
from ntm_analysis.dataset.period import PeriodData
from ntm_analysis.i18n import N_, t
from ntm_analysis.text.numbers import display_decimals, format_value, parse_plain_figure

QUALIFIER_WORDS = {  # a figure's qualifier (indicators.csv) → the word before it
    "over": N_("trên"),
    "more_than": N_("hơn"),
    "about": N_("khoảng"),
    "under": N_("dưới"),
    "before": N_("trước năm"),
}
CURRENCY = (N_("tỷ đồng"), N_("triệu đồng"), N_("đồng"), N_("đ"))  # read in printed figures
CURRENCY_WORD = re.compile(r"\s*(" + "|".join(CURRENCY) + r")\s*$")
BARE_UNITS = ("percent", "year", "")  # written without a unit word after the figure
_NUMBER = re.compile(r"\d[\d.,]*")
COLUMNS = (
    N_("Mục"),
    N_("Chỉ tiêu"),
    N_("Địa bàn"),
    N_("Giá trị"),
    N_("Đơn vị"),
    N_("Số in trong báo cáo"),
)


def qualifier_word(qualifier: str | None, lang: str) -> str:
    """The word a figure's qualifier puts before it ("trên", "over"); "" when exact."""
    msgid = QUALIFIER_WORDS.get(qualifier or "")
    return t(lang, msgid) if msgid else ""


def in_section(section: str, prefixes: list[str] | tuple[str, ...]) -> bool:
    """Whether `section` is one of `prefixes` or below one (A.II.4 holds A.II.4.1)."""
    return any(section == p or section.startswith(p + ".") for p in prefixes)


def in_sections(sections: pd.Series, prefixes: list[str] | tuple[str, ...]) -> pd.Series:
    """`in_section` for a whole column at once."""
    below = tuple(p + "." for p in prefixes)
    return sections.isin(list(prefixes)) | sections.str.startswith(below)


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


def number_text(
    data: PeriodData, code: str, area: str | None = None, lang: str = "vi", *, in_unit: bool = False
) -> str:
    """The figure's number as printed, without qualifier or unit word ("5.214.624,5",
    "84,7%", "2021", "01-02"). With `in_unit`, a figure printed in another currency unit is
    written in the indicator's unit (a table column's: "130.480.000 đồng" → "130,48")."""
    figure = data.figure(code, area)
    unit = data.catalogue[code].unit
    if unit == "year":
        return str(int(figure.value))  # years are never grouped ("2021", not "2.021")
    written = figure.as_written or ""
    if in_unit and CURRENCY_WORD.search(written):
        return format_value(figure.value, unit, lang)
    if written and parse_plain_figure(written) is None:
        return written_in(written, lang)  # words, a range, a currency: as printed
    return format_value(figure.value, unit, lang, display_decimals(written))


def figure_text(
    data: PeriodData, code: str, area: str | None = None, lang: str = "vi", *, unit: bool = True
) -> str:
    """The figure as the report writes it in a sentence: qualifier, number and (with `unit`)
    the unit word ("trên 24.131 cuộc", "84,7%")."""
    text = number_text(data, code, area, lang)
    indicator_unit = data.catalogue[code].unit
    carries_currency = bool(CURRENCY_WORD.search(data.figure(code, area).as_written or ""))
    if unit and indicator_unit not in BARE_UNITS and not carries_currency:
        text += " " + data.catalogue.unit_label(indicator_unit, lang)
    word = qualifier_word(data.figure(code, area).qualifier, lang)
    return f"{word} {text}" if word else text


def printed(data: PeriodData, code: str, area: str | None = None, lang: str = "vi") -> str:
    """A figure for a table cell: qualifier and number in the indicator's unit, no unit word
    ("trên 3.981,71"); "—" when the period does not report it."""
    if not data.has(code, area):
        return "—"
    text = number_text(data, code, area, lang, in_unit=True)
    word = qualifier_word(data.figure(code, area).qualifier, lang)
    return f"{word} {text}" if word else text


def section_figures(data: PeriodData, prefixes: list[str], lang: str = "vi") -> pd.DataFrame:
    """Every observation of the given sections: label, area, value in `lang`, unit, and the
    figure as printed (with its qualifier), in catalogue order."""
    catalogue = data.catalogue
    order = {code: i for i, code in enumerate(catalogue.indicators)}
    names = data.area_names(lang)
    obs = data.observations[in_sections(data.observations["section"], prefixes)]
    obs = obs.assign(_order=obs["indicator"].map(order)).sort_values(["section", "_order"])
    rows = []
    for row in obs.itertuples(index=False):
        indicator = catalogue[row.indicator]
        qualifier = qualifier_word(row.qualifier, lang) or row.qualifier
        as_printed = f"{qualifier} {row.as_written}".strip() if row.as_written else "—"
        value = (
            str(int(row.value))
            if indicator.unit == "year"
            else format_value(row.value, indicator.unit, lang)
        )
        unit = "" if indicator.unit == "percent" else catalogue.unit_label(indicator.unit, lang)
        area = names.get(row.area, row.area)
        rows.append([row.section, indicator.label(lang), area, value, unit, as_printed])
    return pd.DataFrame(rows, columns=[t(lang, c) for c in COLUMNS])


def section_findings(findings: list[Finding], prefixes: list[str]) -> list[Finding]:
    """The data-quality findings that concern the given sections."""
    return [f for f in findings if f.section and in_section(f.section, prefixes)]


def signed_change(value: float, unit: str, lang: str = "vi") -> str:
    """A change with its sign; a change of a percentage is in percentage points.

    >>> signed_change(4.7, "percent"), signed_change(-3000, "communes"), signed_change(0, "hamlets")
    ('+4,7 điểm %', '-3.000', '0')
    """
    if value != value:  # NaN: nothing to compare with
        return "—"
    sign = "+" if value > 0 else ""
    if unit == "percent":
        return sign + format_value(value, "points", lang) + t(lang, " điểm %")
    return sign + format_value(value, unit, lang)


__all__ = [
    "QUALIFIER_WORDS",
    "figure_text",
    "in_section",
    "in_sections",
    "number_text",
    "printed",
    "qualifier_word",
    "section_figures",
    "section_findings",
    "signed_change",
    "written_in",
]


_ZEROS = re.compile(r"(?<![\d,.])0+(?=\d)")


def no_leading_zeros(written: str) -> str:
    """A figure as printed, without the leading zeros of its numbers, and a range with a
    dash ("01-02" → "1–2", "08" → "8")."""
    return re.sub(r"(?<=\d)\s*-\s*(?=\d)", "–", _ZEROS.sub("", written))
