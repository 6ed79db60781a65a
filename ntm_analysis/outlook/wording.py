"""Every word the outlook shows a reader, in Vietnamese and English, in one place.

A status has one wording everywhere (command line, report, section B); a note exists in both
languages, so a page in one language never carries text in the other, nor an identifier.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ntm_analysis.text.numbers import format_value

STATUS_LABELS: dict[str, dict[str, str]] = {
    "vi": {
        "met": "Đã đạt",
        "on_track": "Đúng tiến độ",
        "at_risk": "Có nguy cơ không đạt",
        "off_track": "Khó đạt",
        "missed": "Không đạt",
        "unknown": "Chưa đánh giá được",
    },
    "en": {
        "met": "Met",
        "on_track": "On track",
        "at_risk": "At risk",
        "off_track": "Off track",
        "missed": "Missed",
        "unknown": "Cannot be judged",
    },
}


def language(lang: str) -> str:
    """`vi` or `en` (anything else reads as English)."""
    return "vi" if lang == "vi" else "en"


def status_label(status: str, lang: str = "vi") -> str:
    """The one wording of a status in `lang` (`off_track` → "Khó đạt" / "Off track")."""
    labels = STATUS_LABELS[language(lang)]
    if status not in labels:
        raise ValueError(f"unknown status {status!r}; expected one of {sorted(labels)}")
    return labels[status]


@dataclass(frozen=True)
class Note:
    """One explanation of an outlook row, in both languages."""

    vi: str
    en: str

    def text(self, lang: str = "vi") -> str:
        return self.vi if language(lang) == "vi" else self.en


def note(make: Callable[[str], str]) -> Note:
    """A note from a function writing it in a given language."""
    return Note(make("vi"), make("en"))


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
    return f"31/12/{year}" if language(lang) == "vi" else f"31 December {year}"


def projects_to(year: int) -> Note:
    return note(
        lambda lang: (
            f"dự báo đến {year_end(year, lang)} theo tốc độ từ đầu năm"
            if lang == "vi"
            else f"projected to {year_end(year, lang)} at the pace since the start of the year"
        )
    )


def judged_at_year_end(year: int) -> Note:
    return note(
        lambda lang: (
            f"kỳ báo cáo khép lại năm: đánh giá theo số liệu đến {year_end(year, lang)}, "
            "không dự báo"
            if lang == "vi"
            else f"the period closes the year: judged on the figures at {year_end(year, lang)}, "
            "not projected"
        )
    )


NO_BASELINE = Note(
    "chưa có số liệu cuối năm trước nên không tính được tốc độ",
    "no figure for the end of the previous year, so no pace can be computed",
)
NO_MONTHS = Note(
    "kỳ gốc trùng kỳ báo cáo: chưa tính được tốc độ",
    "the baseline is the reporting period itself: no pace yet",
)
NO_PROGRESS = Note(
    "không tiến triển (hoặc đi ngược mục tiêu) so với cuối năm trước",
    "no progress (or a move away from the target) since the end of the previous year",
)
NO_TIME = Note("không còn thời gian trong năm", "no time left in the year")
NOT_REPORTED = Note(
    "báo cáo không có số liệu của kỳ này và không suy ra được",
    "not reported for this period and cannot be derived",
)
YEAR_TO_DATE = Note(
    "số lũy kế từ đầu năm: cuối năm trước bằng 0",
    "accumulated from January: 0 at the end of the previous year",
)
INCONSISTENT = Note(
    "các số liệu tổng hợp về tiêu chí mâu thuẫn nhau (xem trang chất lượng dữ liệu)",
    "the criteria aggregates contradict each other (see the data-quality page)",
)


def range_unknown(low: float, high: float) -> Note:
    return note(
        lambda lang: (
            f"chỉ biết giá trị hiện tại trong khoảng {span(low, high, lang)}"
            if lang == "vi"
            else f"the current value is only known to lie in {span(low, high, lang)}"
        )
    )


NOT_CHECKED_AGAINST_LIST = Note(
    "số liệu báo cáo, chưa đối chiếu được với từng xã trong danh sách",
    "reported figure, not checked commune by commune against the named list",
)
