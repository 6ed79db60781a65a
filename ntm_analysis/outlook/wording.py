"""Every word the outlook shows a reader, in Vietnamese and English, in one place.

A status has one wording everywhere (command line, report, section B); a note exists in both
languages, so a page in one language never carries text in the other, nor an identifier.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from babel.dates import format_date

from ntm_analysis import i18n
from ntm_analysis.i18n import N_, t
from ntm_analysis.text.numbers import format_number, format_value

if TYPE_CHECKING:
    from ntm_analysis.dataset.period import PeriodData

# The one wording of each status (command line, report, section B), translated at use.
STATUS_LABELS = {
    "met": N_("Đã đạt"),
    "on_track": N_("Đúng tiến độ"),
    "at_risk": N_("Có nguy cơ không đạt"),
    "off_track": N_("Khó đạt"),
    "missed": N_("Không đạt"),
    "unknown": N_("Chưa đánh giá được"),
}


def language(lang: str) -> str:
    """`vi` or `en` (anything else reads as English)."""
    try:
        return i18n.language(lang)
    except ValueError:
        return "en"


def status_label(status: str, lang: str = "vi") -> str:
    """The one wording of a status in `lang` (`off_track` → "Khó đạt" / "Off track")."""
    if status not in STATUS_LABELS:
        raise ValueError(f"unknown status {status!r}; expected one of {sorted(STATUS_LABELS)}")
    return t(language(lang), STATUS_LABELS[status])


@dataclass(frozen=True)
class Note:
    """One explanation of an outlook row, in both languages."""

    vi: str
    en: str

    def text(self, lang: str = "vi") -> str:
        return getattr(self, language(lang))


def note(make: Callable[[str], str]) -> Note:
    """A note from a function writing it in a given language."""
    return Note(make("vi"), make("en"))


def _message(msgid: str) -> Note:
    """A note that is a fixed message of the catalogue (`msgid` marked with N_)."""
    return note(lambda lang: t(lang, msgid))


def num(value: float, lang: str, decimals: int | None = None) -> str:
    """A plain number in the locale's format (whole numbers without decimals)."""
    return format_value(value, "", lang, decimals)


def pct(value: float, lang: str, decimals: int = 2) -> str:
    return format_value(value, "percent", lang, decimals)


def span(low: float, high: float, lang: str, decimals: int | None = None) -> str:
    """`low–high`, or one number when they are equal."""
    if low == high:
        return num(low, lang, decimals)
    return f"{num(low, lang, decimals)}–{num(high, lang, decimals)}"


def year_end(year: int, lang: str) -> str:
    """The date a mid-year outlook projects to, from the period's year."""
    return t(language(lang), "31/12/{year}", year=year)


def projects_to(year: int) -> Note:
    return note(
        lambda lang: t(lang, "dự báo đến {date} theo tốc độ từ đầu năm", date=year_end(year, lang))
    )


def judged_at_year_end(year: int) -> Note:
    return note(
        lambda lang: t(
            lang,
            "kỳ báo cáo khép lại năm: đánh giá theo số liệu đến {date}, không dự báo",
            date=year_end(year, lang),
        )
    )


NO_BASELINE = _message(N_("chưa có số liệu cuối năm trước nên không tính được tốc độ"))
NO_MONTHS = _message(N_("kỳ gốc trùng kỳ báo cáo: chưa tính được tốc độ"))
NO_PROGRESS = _message(N_("không tiến triển (hoặc đi ngược mục tiêu) so với cuối năm trước"))
NO_TIME = _message(N_("không còn thời gian trong năm"))
NOT_REPORTED = _message(N_("báo cáo không có số liệu của kỳ này và không suy ra được"))
YEAR_TO_DATE = _message(N_("số lũy kế từ đầu năm: cuối năm trước bằng 0"))
INCONSISTENT = _message(
    N_("các số liệu tổng hợp về tiêu chí mâu thuẫn nhau (xem trang chất lượng dữ liệu)")
)


def range_unknown(low: float, high: float) -> Note:
    return note(
        lambda lang: t(
            lang, "chỉ biết giá trị hiện tại trong khoảng {span}", span=span(low, high, lang)
        )
    )


NOT_CHECKED_AGAINST_LIST = _message(
    N_("số liệu báo cáo, chưa đối chiếu được với từng xã trong danh sách")
)


# ---------------------------------------------------------------------------------------------
# What the judgements of section C and `ntm-report project` are written with


def chance(p: float, lang: str) -> str:
    """A probability in words: whole percent, "dưới 1%" and "trên 99%" at the ends."""
    if p < 0.005:
        return t(lang, "dưới 1%")
    if p > 0.995:
        return t(lang, "trên 99%")
    return format_value(p * 100, "percent", lang, 0)


def unit_words(data: PeriodData, unit: str, lang: str) -> str:
    """The unit after a number ("xã", "tiêu chí/xã"; "" for a percentage or no unit)."""
    if unit in ("", "percent"):
        return ""
    return data.catalogue.unit_label(unit, lang)


def amount(data: PeriodData, value: float, unit: str, lang: str, decimals: int | None = 0) -> str:
    """A value with its unit word ("7 xã", "18,58 tiêu chí/xã", "92,66%")."""
    text = format_value(value, unit, lang, decimals)
    words = unit_words(data, unit, lang)
    return f"{text} {words}" if words else text


def difference(data: PeriodData, value: float, unit: str, lang: str, decimals: int = 0) -> str:
    """A difference between two values: percentage points for a percentage, else the unit."""
    if unit == "percent":
        return t(lang, "{value} điểm phần trăm", value=format_number(value, decimals, lang))
    return amount(data, value, unit, lang, decimals)


def gap_words(data: PeriodData, change: float, unit: str, lang: str, decimals: int = 0) -> str:
    """What is still required: "còn thiếu 2,87 điểm phần trăm", or a surplus "vượt 3"."""
    if change <= 0:
        return t(lang, "vượt {value}", value=difference(data, -change, unit, lang, decimals))
    return t(lang, "còn thiếu {value}", value=difference(data, change, unit, lang, decimals))


def named(data: PeriodData, codes: Sequence[str], lang: str, limit: int | None = None) -> str:
    """Communes by name, grouped by district in first-seen order ("A, B (huyện X); C
    (huyện Y)"); beyond `limit` names, how many others."""
    names = data.area_names(lang)
    table = data.communes.set_index(data.communes["code"].astype(str))
    shown = list(codes if limit is None else codes[:limit])
    groups: dict[str, list[str]] = {}
    for code in shown:
        district = str(table.at[code, "district_code"]) if code in table.index else ""
        name = str(table.at[code, "name"]) if code in table.index else names.get(code, code)
        groups.setdefault(district, []).append(name)
    parts = [
        ", ".join(members) + (f" ({names.get(d, d)})" if d else "") for d, members in groups.items()
    ]
    text = "; ".join(parts)
    rest = len(codes) - len(shown)
    if rest > 0:
        text += t(lang, " và {count} xã khác", count=rest)
    return text


def month_of(period: str, lang: str) -> str:
    """A month written as a reader writes it ("tháng 10/YYYY", "October YYYY")."""
    year, month = period.split("-")
    name = format_date(date(int(year), int(month), 1), "MMMM", locale=language(lang))
    return t(lang, "{name}/{year}", year=year, name=name)  # the month's name: "tháng 10"


def period_words(period: str, lang: str) -> str:
    """A period as a reader names it: the last month it covers ("tháng 12/YYYY")."""
    return month_of(period, lang)


def figures_needed(data: PeriodData, codes: Sequence[str], lang: str) -> str:
    """The figures a workbook must provide, in words."""
    out = []
    for code in codes:
        if code == "baseline_communes":
            out.append(
                t(
                    lang,
                    "số tiêu chí của từng xã tại {period} (bảng xã của kỳ báo cáo đó)",
                    period=period_words(
                        str(data.meta.get("baseline") or data.reporting_period.previous_year_end),
                        lang,
                    ),
                )
            )
        elif code == "baseline":
            out.append(t(lang, "số liệu cuối năm trước"))
        elif code == "communes":
            out.append(t(lang, "bảng xã (số tiêu chí, tình trạng công nhận, đăng ký của từng xã)"))
        elif code in data.catalogue:
            out.append(f"“{data.catalogue.label(code, lang)}”")
        else:
            out.append(code)
    return "; ".join(out)


def needs(data: PeriodData, codes: Sequence[str]) -> Note:
    return note(
        lambda lang: t(
            lang, "biểu nhập cần có: {figures}", figures=figures_needed(data, codes, lang)
        )
    )


def estimated_now() -> Note:
    return _message(N_("báo cáo không nêu số này: khoảng ước tính từ các nhóm tiêu chí"))
