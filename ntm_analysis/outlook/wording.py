"""Every word the outlook shows a reader, in Vietnamese and English, in one place.

A status has one wording everywhere (command line, report, section B); a note exists in both
languages, so a page in one language never carries text in the other, nor an identifier.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ntm_analysis import i18n
from ntm_analysis.text.numbers import format_value

STATUS_LABELS: dict[str, dict[str, str]] = {
    lang: i18n.table("outlook.status", lang) for lang in i18n.LANGUAGES
}


def language(lang: str) -> str:
    """`vi` or `en` (anything else reads as English)."""
    try:
        return i18n.language(lang)
    except ValueError:
        return "en"


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
        return getattr(self, language(lang))


def note(make: Callable[[str], str]) -> Note:
    """A note from a function writing it in a given language."""
    return Note(make("vi"), make("en"))


def _message(message_id: str) -> Note:
    """A note that is a fixed message of the catalogue."""
    return note(lambda lang: i18n.text(message_id, lang))


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
    return i18n.text("outlook.year_end", language(lang), year=year)


def projects_to(year: int) -> Note:
    return note(lambda lang: i18n.text("outlook.projects_to", lang, date=year_end(year, lang)))


def judged_at_year_end(year: int) -> Note:
    return note(
        lambda lang: i18n.text("outlook.judged_at_year_end", lang, date=year_end(year, lang))
    )


NO_BASELINE = _message("outlook.no_baseline")
NO_MONTHS = _message("outlook.no_months")
NO_PROGRESS = _message("outlook.no_progress")
NO_TIME = _message("outlook.no_time")
NOT_REPORTED = _message("outlook.not_reported")
YEAR_TO_DATE = _message("outlook.year_to_date")
INCONSISTENT = _message("outlook.inconsistent")


def range_unknown(low: float, high: float) -> Note:
    return note(lambda lang: i18n.text("outlook.range_unknown", lang, span=span(low, high, lang)))


NOT_CHECKED_AGAINST_LIST = _message("outlook.not_checked_against_list")
