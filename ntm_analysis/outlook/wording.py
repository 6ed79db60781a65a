"""Every word the outlook shows a reader, in Vietnamese and English, in one place.

A status has one wording everywhere (command line, report, section B); a note exists in both
languages, so a page in one language never carries text in the other, nor an identifier.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ntm_analysis import i18n
from ntm_analysis.i18n import N_, t
from ntm_analysis.text.numbers import format_value

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
