"""What every sentence of a target's judgement draws on: the target, its forecast, the
language, and the pieces shared by the kinds (central estimate, stretch level, cut-off)."""

from __future__ import annotations

from dataclasses import dataclass

from ntm_analysis.dataset.period import PeriodData
from ntm_analysis.dataset.targets import Target
from ntm_analysis.i18n import t
from ntm_analysis.outlook.forecast import Commune, Forecast
from ntm_analysis.outlook.wording import amount, chance, month_of, named, num, year_end
from ntm_analysis.text.numbers import decimals_of

LISTED = 8  # names listed before "and n others"
LIKELY = 0.5  # a commune this likely to be below a floor now is named as below it


@dataclass(frozen=True)
class Words:
    """What every sentence of one target's judgement draws on."""

    data: PeriodData
    target: Target
    fc: Forecast | None
    goal: float
    lang: str
    cutoff_months: int = 0  # decisions signed up to this month of the next year count

    @property
    def facts(self) -> dict:
        return dict(self.fc.facts) if self.fc is not None else {}

    @property
    def unit(self) -> str:
        if self.fc is not None and self.fc.kind == "members":
            return "communes"
        catalogue = self.data.catalogue
        return catalogue[self.target.indicator].unit if self.target.indicator in catalogue else ""

    @property
    def decimals(self) -> int:
        kind = self.fc.kind if self.fc is not None else ""
        return 2 if kind == "criteria_average" or self.unit == "percent" else 0

    def value(self, x: float, decimals: int | None = None) -> str:
        return amount(
            self.data, x, self.unit, self.lang, self.decimals if decimals is None else decimals
        )

    def target_text(self) -> str:
        """The target as printed (its decimals: "95%", "18,68")."""
        if self.goal == 0 and self.target.direction == "at_most":
            return t(self.lang, "không còn xã nào")
        written = self.target.as_written
        if self.goal == self.target.target and written and written[0].isdigit():
            return self.value(self.goal, decimals_of(written))
        return self.value(self.goal)

    @property
    def year_end(self) -> str:
        return year_end(self.data.year, self.lang)

    @property
    def months(self) -> int:
        return self.data.reporting_period.months_left_in_year

    def names(self, communes: list[Commune], limit: int | None = LISTED) -> str:
        return named(self.data, [c.code for c in communes], self.lang, limit)

    def centre(self) -> str:
        """The central estimate, its range and the target."""
        fc = self.fc
        assert fc is not None and fc.central is not None
        if fc.low == fc.high:
            return t(
                self.lang,
                "Dự kiến cuối năm: {central}; mục tiêu {target}.",
                central=self.value(fc.central),
                target=self.target_text(),
            )
        return t(
            self.lang,
            "Dự kiến cuối năm: {central} (khoảng {low}–{high}); mục tiêu {target}.",
            central=self.value(fc.central),
            low=num(fc.low, self.lang, self.decimals),
            high=self.value(fc.high),
            target=self.target_text(),
        )

    def stretch(self) -> str:
        fc = self.fc
        if fc is None or fc.p_stretch is None or self.target.stretch is None:
            return ""
        return t(
            self.lang,
            "Mức phấn đấu {stretch}: khả năng {chance}.",
            stretch=self.value(self.target.stretch),
            chance=chance(fc.p_stretch, self.lang),
        )

    def cutoff(self) -> str:
        """When recognitions signed early next year still count for the year."""
        if self.cutoff_months <= 0:
            return ""
        return t(
            self.lang,
            "Quyết định công nhận ký đến hết {month} vẫn tính cho năm {year}.",
            month=month_of(f"{self.data.year + 1}-{self.cutoff_months:02d}", self.lang),
            year=self.data.year,
        )


__all__ = ["LIKELY", "LISTED", "Words"]
