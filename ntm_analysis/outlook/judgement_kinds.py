"""The sentences of a judgement by the kind of forecast (`judgement.py` puts them together).

Each writer returns the sentences after the status: the central estimate with its range, what
decides the target (by name), and what must happen in the months left.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ntm_analysis.dataset.period import PeriodData
from ntm_analysis.dataset.targets import Target
from ntm_analysis.i18n import t
from ntm_analysis.outlook.forecast import Commune, Forecast
from ntm_analysis.text.numbers import decimals_of
from ntm_analysis.outlook.wording import (
    amount,
    chance,
    difference,
    month_of,
    named,
    num,
    span,
    year_end,
)

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


def _gaps(communes: list[Commune], lang: str) -> str:
    return span(min(c.gap_low for c in communes), max(c.gap_high for c in communes), lang)


def commune_count(w: Words) -> list[str]:
    """Communes recognised for the year: those awaiting recognition, the registered ones still
    short of criteria, the others that may finish; how many more must finish."""
    f = w.facts
    top, lang = f["top"], w.lang
    awaiting, lacking = f["awaiting"], f["lacking"]
    out = [w.centre(), w.stretch()]
    if f["band_only"]:
        ready = round(f["awaiting_expected"])
        out.append(
            t(
                lang,
                "{ready} xã đăng ký đã đạt đủ {top} tiêu chí (báo cáo chưa nêu tên), {rest} xã "
                "đăng ký còn thiếu tiêu chí.",
                ready=ready,
                top=top,
                rest=len(awaiting) + len(lacking) - ready,
            )
        )
    else:
        ready = len(awaiting)
        if awaiting:
            out.append(
                t(
                    lang,
                    "{count} xã đã đạt đủ {top} tiêu chí, chờ công nhận: {names}.",
                    count=ready,
                    top=top,
                    names=w.names(awaiting, None),
                )
            )
        if lacking:
            out.append(
                t(
                    lang,
                    "{count} xã đăng ký còn thiếu {gaps} tiêu chí: {names}.",
                    count=len(lacking),
                    gaps=_gaps(lacking, lang),
                    names=w.names(lacking, None),
                )
            )
    out.append(_others(w))
    more = max(0, math.ceil(w.goal - f["already"] - ready - 1e-9))
    if more:
        out.append(
            t(
                lang,
                "Cần: công nhận các xã đã đủ tiêu chí và đưa thêm ít nhất {more} xã đạt đủ {top} "
                "tiêu chí trước {date}.",
                more=more,
                top=top,
                date=w.year_end,
            )
        )
    elif ready:
        out.append(t(lang, "Cần: hoàn tất công nhận {count} xã đã đủ tiêu chí.", count=ready))
    return [*out, w.cutoff()]


def _others(w: Words) -> str:
    f = w.facts
    if f["others"]:
        return t(
            w.lang,
            "Ngoài các xã đăng ký, có thể đạt thêm: {names} (dự kiến {expected} xã).",
            names=w.names(f["others"]),
            expected=num(f["others_expected"], w.lang, 1),
        )
    if f["others_count"]:
        return t(
            w.lang, "{count} xã chưa đăng ký khó đạt chuẩn trong năm.", count=f["others_count"]
        )
    return ""


def district(w: Words) -> list[str]:
    """A district: its district criteria still lacking (and the month it reported), its
    communes not yet recognised."""
    d, lang = w.facts["district"], w.lang
    fc = w.fc
    assert fc is not None
    gap = d.needed - d.met
    out = [
        t(
            lang,
            "Dự kiến cuối năm đạt {central}/{needed} tiêu chí huyện (khoảng {low}–{high}).",
            central=num(fc.central, lang),
            needed=d.needed,
            low=num(fc.low, lang),
            high=num(fc.high, lang),
        )
    ]
    if gap:
        names = [c.name(lang) for c in w.data.criteria.district if c.id in d.missing]
        unnamed = gap - len(names)
        criteria = "; ".join(names) + (
            t(lang, " và {count} tiêu chí khác", count=unnamed) if unnamed > 0 else ""
        )
        sentence = t(
            lang, "Còn {gap} tiêu chí huyện chưa đạt: {criteria}", gap=gap, criteria=criteria
        )
        if d.schedule is not None:
            month = month_of(d.schedule.month, lang)
            sentence += "; " + (
                t(lang, "huyện báo cáo dự kiến hoàn thành trong {month}", month=month)
                if d.schedule_used
                else t(lang, "mốc {month} huyện báo cáo đã qua", month=month)
            )
        out.append(sentence + ".")
    communes = w.facts["communes"]
    if communes:
        ready = all(c.gap_high == 0 for c in communes)
        out.append(
            t(
                lang,
                "{count} xã chưa được công nhận: {names}{state}.",
                count=len(communes),
                names=w.names(communes, None),
                state=t(lang, " (đã đủ tiêu chí, chờ công nhận)") if ready else "",
            )
        )
    must = []
    if gap:
        must.append(
            t(lang, "hoàn thành {gap} tiêu chí huyện", gap=gap)
            + (t(lang, " đúng hẹn") if d.schedule_used else "")
        )
    if communes:
        must.append(t(lang, "công nhận {count} xã", count=len(communes)))
    if must:
        out.append(t(lang, "Cần: {what}.", what=t(lang, " và ").join(must)))
    return [*out, w.cutoff()]


def criteria_average(w: Words) -> list[str]:
    """The average: who carries the gain, and how much the province must still gain."""
    f, lang = w.facts, w.lang
    out = [w.centre()]
    if f["lacking"]:
        out.append(
            t(
                lang,
                "Mức tăng dựa chủ yếu vào {count} xã đăng ký còn thiếu tiêu chí ({names}).",
                count=len(f["lacking"]),
                names=w.names(f["lacking"]),
            )
        )
    if round(f["others_below"]):
        out.append(
            t(
                lang,
                "Khoảng {count} xã chưa đăng ký còn dưới {top} tiêu chí, dự kiến chỉ tăng thêm "
                "khoảng {gain} tiêu chí.",
                count=round(f["others_below"]),
                top=w.data.criteria.commune_count,
                gain=num(f["others_gain"], lang, 0),
            )
        )
    need = f["total_goal"] - f["total_now"]
    out.append(
        t(
            lang,
            "Cần: toàn tỉnh tăng thêm khoảng {need} tiêu chí trong {months} tháng còn lại (dự kiến tăng {expected}).",
            need=num(math.ceil(need - 1e-9), lang),
            months=w.months,
            expected=num(f["total_end"] - f["total_now"], lang, 0),
        )
    )
    return out


def communes_below(w: Words) -> list[str]:
    """Communes below a floor: those known (or likely) to be below it now, and what they must
    reach."""
    f, lang = w.facts, w.lang
    floor = f["floor"]
    likely = sorted(
        (c for c in f["below"] if f["p_below_now"][c.code] >= LIKELY), key=lambda c: c.code
    )
    out = [w.centre()]
    if likely:
        out.append(
            t(lang, "Đang dưới {floor} tiêu chí: {names}.", floor=floor, names=w.names(likely, None))
        )
    unsure = len(f["below"]) - len(likely)
    if unsure:
        out.append(
            t(
                lang,
                "Ngoài ra, báo cáo chỉ nêu nhóm tiêu chí của {count} xã có thể dưới {floor} tiêu "
                "chí; ước tính khoảng {expected} xã trong số đó đang dưới mức này.",
                count=unsure,
                expected=num(
                    f["expected_now"] - sum(f["p_below_now"][c.code] for c in likely), lang, 0
                ),
                floor=floor,
            )
        )
    out.append(t(lang, "Cần: mỗi xã này đạt ít nhất {floor} tiêu chí trước {date}.", floor=floor, date=w.year_end))
    if not w.data.has(w.target.indicator, w.target.area):
        out.append(
            t(
                lang,
                "Biểu nhập cuối năm cần có “{label}” và số tiêu chí của từng xã.",
                label=w.data.catalogue.label(w.target.indicator, lang),
            )
        )
    return out


def commune_gains(w: Words) -> list[str]:
    f, lang = w.facts, w.lang
    out = [w.centre()]
    if f["short"]:
        out.append(
            t(
                lang,
                "{count}/{total} xã có thể chưa tăng đủ: {names}.",
                count=len(f["short"]),
                total=f["communes"],
                names=w.names(f["short"]),
            )
        )
        out.append(
            t(lang, "Cần: mỗi xã này tăng đủ {gain} so với cuối năm trước.", gain=w.value(w.goal))
        )
    return out


def members(w: Words) -> list[str]:
    f, lang = w.facts, w.lang
    out = [
        t(
            lang,
            "Đã có {holding}/{total} xã đạt: {names}.",
            holding=len(f["holding"]),
            total=f["total"],
            names=named(w.data, f["holding"], lang, LISTED) or "—",
        ),
        w.centre(),
    ]
    if f["lacking"]:
        out.append(
            t(
                lang,
                "Cần: {count} xã còn lại đạt yêu cầu trước {date}: {names}.",
                count=len(f["lacking"]),
                date=w.year_end,
                names=named(w.data, f["lacking"], lang, LISTED),
            )
        )
    return out


def pace(w: Words) -> list[str]:
    """A figure moved by a pace: what it needs in the months left, in its own unit and, for a
    share, in the things it counts."""
    f, lang = w.facts, w.lang
    out = [w.centre()]
    if f["expected"] == 0:
        out.append(t(lang, "Từ cuối năm trước đến nay chưa tiến triển."))
    needed = f["needed"] if w.target.direction == "at_least" else -f["needed"]
    if needed > 0:
        extra = ""
        code = f.get("numerator")
        if code and f.get("numerator_needed", 0) > 0:
            unit = w.data.catalogue[code].unit
            extra = t(
                lang, " (khoảng {value})", value=amount(w.data, f["numerator_needed"], unit, lang)
            )
        value = difference(w.data, needed, w.unit, lang, w.decimals)
        if w.target.direction == "at_least":
            text = t(
                lang,
                "Cần tăng thêm {value}{extra} trong {months} tháng còn lại.",
                value=value,
                extra=extra,
                months=w.months,
            )
        else:
            text = t(
                lang,
                "Cần giảm thêm {value}{extra} trong {months} tháng còn lại.",
                value=value,
                extra=extra,
                months=w.months,
            )
        out.append(text)
    return out


__all__ = [
    "Words",
    "commune_count",
    "commune_gains",
    "communes_below",
    "criteria_average",
    "district",
    "members",
    "pace",
]
