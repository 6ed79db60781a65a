"""The outlook as a table: a plain DataFrame (`outlook_frame`) and aligned text for the CLI,
followed by each target's judgement."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

import pandas as pd

from ntm_analysis.dataset.period import PeriodData
from ntm_analysis.i18n import N_, t, tp
from ntm_analysis.outlook.engine import TargetOutlook, outlook
from ntm_analysis.outlook.wording import chance, language, status_label, year_end
from ntm_analysis.text.numbers import decimals_of, format_number, format_value


def wrap(text: str, width: int) -> str:
    """A paragraph wrapped at `width`, indented by two spaces."""
    return textwrap.fill(text, width, initial_indent="  ", subsequent_indent="  ")


RAW_COLUMNS = [
    "id",
    "label",
    "indicator",
    "area",
    "unit",
    "direction",
    "baseline",
    "current",
    "current_low",
    "current_high",
    "target",
    "stretch",
    "required_change",
    "central",
    "low",
    "high",
    "p_meet",
    "p_stretch",
    "months_remaining",
    "status",
    "judgement",
    "note",
]


def headers(lang: str, year: int | None = None, closing: bool = False) -> list[str]:
    """Reader-facing column headers; the forecast header names the date it forecasts."""
    lang = language(lang)
    central = (
        t(lang, "Dự kiến đến {date}", date=year_end(year, lang))
        if year
        else t(lang, "Dự kiến cuối năm")
    )
    return [
        tp(lang, "a year-end target", "Chỉ tiêu"),
        t(lang, "Kết quả cuối năm") if closing else t(lang, "Hiện tại"),
        tp(lang, "column: the value to reach", "Mục tiêu"),
        tp(lang, "column: the change still required", "Còn thiếu"),
        central,
        t(lang, "Khoảng dự báo 80%"),
        t(lang, "Khả năng đạt"),
        t(lang, "Đánh giá"),
    ]


def _rows(source: PeriodData | Sequence[TargetOutlook], lang: str) -> list[TargetOutlook]:
    return outlook(source, lang) if isinstance(source, PeriodData) else list(source)


def _decimals(row: TargetOutlook) -> int | None:
    return 2 if row.unit in ("percent", "criteria_per_commune") else None


def _shown(value: float | None, row: TargetOutlook, lang: str, decimals: int | None = None) -> str:
    return format_value(value, row.unit, lang, _decimals(row) if decimals is None else decimals)


def _current(row: TargetOutlook, lang: str) -> str:
    """The value now with its own decimals (a share with two)."""
    digits = 2 if row.unit == "percent" else None
    if row.current is None and row.current_range is not None:
        lo, hi = row.current_range
        return f"{_shown(lo, row, lang, digits)}–{_shown(hi, row, lang, digits)}"
    return (
        _shown(row.current, row, lang, digits)
        if digits
        else format_value(row.current, row.unit, lang)
    )


def target_level(row: TargetOutlook, lang: str) -> str:
    """The target as a reader knows it, in `lang`'s number format: a printed range ("01-02")
    stays a range; a target printed in words ("dưới 14 tiêu chí") shows its value."""
    ranged = row.stretch is not None and any(d in row.target_written for d in "-–")
    if ranged:
        return f"{_shown(row.target, row, lang)}–{_shown(row.stretch, row, lang)}"
    if row.target_written:  # with the decimals it is printed with ("93%", "18,68")
        return format_value(row.target, row.unit, lang, decimals_of(row.target_written))
    return _shown(row.target, row, lang)


def _gap(row: TargetOutlook, lang: str) -> str:
    """What is still required in the row's unit (percentage points for a share), a surplus
    as "vượt …"."""
    change = row.required_change
    if change is None:
        return "—"
    if row.direction == "at_most":
        change = -change
    digits = _decimals(row) or 0
    if row.unit == "percent":
        value = t(lang, "{value} điểm phần trăm", value=format_number(abs(change), digits, lang))
    else:
        value = format_value(abs(change), row.unit, lang, _decimals(row))
    return t(lang, "vượt {value}", value=value) if change < 0 else (value if change else "0")


def _range(row: TargetOutlook, lang: str) -> str:
    if row.low is None or row.high is None:
        return "—"
    if row.low == row.high:
        return _shown(row.low, row, lang)
    return f"{_shown(row.low, row, lang)}–{_shown(row.high, row, lang)}"


def _reader_row(row: TargetOutlook, lang: str) -> list[str]:
    return [
        row.label(lang),
        _current(row, lang),
        target_level(row, lang),
        _gap(row, lang),
        _shown(row.central, row, lang),
        _range(row, lang),
        "—" if row.p_meet is None else chance(row.p_meet, lang),
        status_label(row.status, lang),
    ]


def _raw_row(row: TargetOutlook, lang: str) -> list[object]:
    low, high = row.current_range if row.current_range is not None else (None, None)
    return [
        row.id,
        row.label(lang),
        row.indicator,
        row.area,
        row.unit,
        row.direction,
        row.baseline,
        row.current,
        low,
        high,
        row.target,
        row.stretch,
        row.required_change,
        row.central,
        row.low,
        row.high,
        row.p_meet,
        row.p_stretch,
        row.months_remaining,
        row.status,
        row.judgement_text(lang),
        row.note_text(lang),
    ]


def outlook_frame(
    source: PeriodData | Sequence[TargetOutlook], lang: str = "vi", raw: bool = False
) -> pd.DataFrame:
    """The outlook as a plain DataFrame, one row per target.

    For readers (default): headers, values in the locale's format, the probability of meeting
    each target and the status in words, all in `lang`. With `raw=True`: machine columns
    (`RAW_COLUMNS`), unrounded numbers (None where unknown), status codes, texts in `lang`.
    """
    lang = language(lang)
    rows = _rows(source, lang)
    if raw:
        return pd.DataFrame([_raw_row(r, lang) for r in rows], columns=RAW_COLUMNS)
    year = rows[0].horizon.year if rows and rows[0].horizon else None
    closing = bool(rows) and rows[0].closes_year
    columns = headers(lang, None if closing else year, closing)
    frame = pd.DataFrame([_reader_row(r, lang) for r in rows], columns=columns)
    if closing:  # judged on the year's own figures: no forecast
        frame = frame.drop(columns=columns[4:7])
    return frame


JUDGEMENTS_TITLE = N_("Nhận định")
TEXT_WIDTH = 100
LABEL_WIDTH = 48


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def outlook_table(rows: Sequence[TargetOutlook], lang: str = "vi", judgements: bool = True) -> str:
    """The outlook as an aligned text table, followed by each target's judgement."""
    lang = language(lang)
    frame = outlook_frame(rows, lang)
    table = [list(frame.columns)] + [
        [_cut(str(line[0]), LABEL_WIDTH), *map(str, line[1:])] for line in frame.values
    ]
    widths = [max(len(line[i]) for line in table) for i in range(len(table[0]))]

    def render(line: list[str]) -> str:
        first = line[0].ljust(widths[0])
        rest = [cell.rjust(w) for cell, w in zip(line[1:], widths[1:], strict=True)]
        return "  ".join([first, *rest]).rstrip()

    out = [render(table[0]), "  ".join("-" * w for w in widths)]
    out += [render(line) for line in table[1:]]
    if judgements and rows:
        out += ["", t(lang, JUDGEMENTS_TITLE) + ":"]
        for r in rows:
            out += ["", f"{r.label(lang)}", wrap(r.judgement_text(lang), TEXT_WIDTH)]
    return "\n".join(out)
