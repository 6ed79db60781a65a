"""The label reports give a reporting period, derived from its `YYYY-MM` name (when period.yml
gives none). Its year, month and neighbours are the `Period` value's (dataset/reporting_period.py).
"""

from __future__ import annotations

from ntm_analysis.dataset.reporting_period import Period
from ntm_analysis.i18n import pick, t

_MONTH_WORDS_EN = {
    2: "two",
    3: "three",
    4: "four",
    5: "five",
    6: "six",
    7: "seven",
    8: "eight",
    9: "nine",
    10: "ten",
    11: "eleven",
}


def period_label(period: str, lang: str = "vi") -> str:
    """The period's name as reports write it.

    >>> period_label("2021-12"), period_label("2022-06"), period_label("2021-09", "en")
    ('Năm 2021', '6 tháng đầu năm 2022', 'First nine months of 2021')
    """
    value = Period.parse(period)
    year, month = value.year, value.month
    if value.closes_year:
        return t(lang, "Năm {year}", year=year)
    if month == 1:
        return t(lang, "Tháng 1 năm {year}", year=year)
    months = pick(lang, str(month), _MONTH_WORDS_EN[month])
    return t(lang, "{months} tháng đầu năm {year}", months=months, year=year)
