"""`Period`: a reporting period as a value — the year and the last month it covers.

A period is named `YYYY-MM` (`2021-09`: January to September 2021) in folder names, `period.yml`
and on the command line; code that needs its year, month or neighbours parses the name once
with `Period.parse` instead of slicing the string. Its label ("9 tháng đầu năm 2021") is data
(`period.yml`), or derived by `cycle/labels.py`.

>>> p = Period.parse("2021-09")
>>> p.year, p.month, str(p), p.months_left_in_year
(2021, 9, '2021-09', 3)
>>> str(p.previous_quarter), str(p.same_period_last_year), str(p.previous_year_end)
('2021-06', '2020-09', '2020-12')
>>> Period.parse("2021-12") > p, str(p.previous(9)), p.months_since(Period.parse("2020-12"))
(True, '2020-12', 9)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ntm_analysis.errors import PeriodError
from ntm_analysis.i18n import N_

MONTHS_IN_YEAR = 12
PERIOD_PATTERN = re.compile(r"^(?P<year>[0-9]{4})-(?P<month>0[1-9]|1[0-2])$")
EXPECTED = N_("YYYY-MM: năm và tháng cuối cùng của kỳ")


@dataclass(frozen=True, order=True)
class Period:
    """A reporting period: its year and the last month it covers. Ordered in time."""

    year: int
    month: int

    def __post_init__(self) -> None:
        if not (1 <= self.month <= MONTHS_IN_YEAR and 0 < self.year <= 9999):
            raise PeriodError(
                N_("kỳ báo cáo không hợp lệ {period!r}"),
                expected=EXPECTED,
                period=f"{self.year}-{self.month}",
            )

    @classmethod
    def parse(cls, name: str | Period) -> Period:
        """The period named `YYYY-MM` (spaces around it ignored); PeriodError otherwise."""
        if isinstance(name, Period):
            return name
        found = PERIOD_PATTERN.match(str(name).strip())
        if found is None:
            raise PeriodError(
                N_("kỳ báo cáo không hợp lệ {period!r}"), expected=EXPECTED, period=name
            )
        return cls(int(found["year"]), int(found["month"]))

    @classmethod
    def year_end(cls, year: int) -> Period:
        """The period closing `year` (its December)."""
        return cls(year, MONTHS_IN_YEAR)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def name(self) -> str:
        """`YYYY-MM`, as folders and `period.yml` name it."""
        return str(self)

    def previous(self, months: int = 1) -> Period:
        """The period ending `months` months earlier."""
        index = self.year * MONTHS_IN_YEAR + self.month - 1 - months
        return Period(index // MONTHS_IN_YEAR, index % MONTHS_IN_YEAR + 1)

    @property
    def previous_quarter(self) -> Period:
        return self.previous(3)

    @property
    def same_period_last_year(self) -> Period:
        return Period(self.year - 1, self.month)

    @property
    def previous_year_end(self) -> Period:
        """December of the year before: a new year's baseline."""
        return Period.year_end(self.year - 1)

    @property
    def closes_year(self) -> bool:
        """Whether the period's last month is December."""
        return self.month == MONTHS_IN_YEAR

    @property
    def months_left_in_year(self) -> int:
        """Months after the period until the end of its year (0 for a year-end period)."""
        return MONTHS_IN_YEAR - self.month

    @property
    def end_of_year(self) -> date:
        """The last day of the period's year."""
        return date(self.year, MONTHS_IN_YEAR, 31)

    def months_since(self, earlier: Period) -> int:
        """Months from the end of `earlier` to the end of this period (negative if later)."""
        return (self.year - earlier.year) * MONTHS_IN_YEAR + self.month - earlier.month
