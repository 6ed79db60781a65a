"""Labels and neighbours of a reporting period, derived from its `YYYY-MM` string."""

from __future__ import annotations

from pathlib import Path

from ntm_analysis.dataset.paths import check_period, list_periods
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


def period_year(period: str) -> int:
    return int(check_period(period)[:4])


def period_month(period: str) -> int:
    return int(check_period(period)[5:7])


def period_label(period: str, lang: str = "vi") -> str:
    """The period's name as reports write it.

    >>> period_label("2021-12"), period_label("2022-06"), period_label("2021-09", "en")
    ('Năm 2021', '6 tháng đầu năm 2022', 'First nine months of 2021')
    """
    year, month = period_year(period), period_month(period)
    if month == 12:
        return t(lang, "Năm {year}", year=year)
    if month == 1:
        return t(lang, "Tháng 1 năm {year}", year=year)
    months = pick(lang, str(month), _MONTH_WORDS_EN[month])
    return t(lang, "{months} tháng đầu năm {year}", months=months, year=year)


def is_year_end(period: str) -> bool:
    return period_month(period) == 12


def year_end_of(year: int) -> str:
    """The period closing `year` (`2020` → `2020-12`)."""
    return f"{year:04d}-12"


def previous_period(data_dir: str | Path, period: str) -> str | None:
    """The latest period folder before `period`, or None."""
    earlier = [p for p in list_periods(data_dir) if p < check_period(period)]
    return earlier[-1] if earlier else None


def same_period_last_year(period: str) -> str:
    """`2022-09` → `2021-09`."""
    return f"{period_year(period) - 1:04d}-{period_month(period):02d}"
