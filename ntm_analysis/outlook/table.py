"""The outlook as a table: a plain DataFrame (`outlook_frame`) and aligned text for the CLI."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from ntm_analysis.dataset.period import PeriodData
from ntm_analysis.i18n import N_, t, tp
from ntm_analysis.outlook.engine import TargetOutlook, outlook
from ntm_analysis.outlook.wording import language, status_label, year_end
from ntm_analysis.text.numbers import decimals_of, format_number, format_value

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
    "projected",
    "pace_multiple",
    "months_remaining",
    "status",
    "note",
]


def headers(lang: str, year: int | None = None, closing: bool = False) -> list[str]:
    """Reader-facing column headers; the projection header names the date it projects to."""
    lang = language(lang)

    projected = (
        t(lang, "Dự báo đến {date}", date=year_end(year, lang))
        if year
        else t(lang, "Dự báo cuối năm")
    )
    return [
        tp(lang, "a year-end target", "Chỉ tiêu"),
        t(lang, "Cuối năm trước"),
        t(lang, "Kết quả cuối năm") if closing else t(lang, "Hiện tại"),
        tp(lang, "column: the value to reach", "Mục tiêu"),
        tp(lang, "column: the change still required", "Còn thiếu"),
        projected,
        t(lang, "Tốc độ cần (lần)"),
        t(lang, "Đánh giá"),
    ]


def _rows(source: PeriodData | Sequence[TargetOutlook], lang: str) -> list[TargetOutlook]:
    return outlook(source, lang) if isinstance(source, PeriodData) else list(source)


def _shown(value: float | None, unit: str, lang: str) -> str:
    return format_value(value, unit, lang, 2 if unit == "percent" else None)


def _current(row: TargetOutlook, lang: str) -> str:
    if row.current is None and row.current_range is not None:
        lo, hi = row.current_range
        return f"{_shown(lo, row.unit, lang)}–{_shown(hi, row.unit, lang)}"
    return _shown(row.current, row.unit, lang)


def _target(row: TargetOutlook, lang: str) -> str:
    """The target as a reader knows it: a printed range ("01-02") stays a range."""
    ranged = row.stretch is not None and any(d in row.target_written for d in "-–")
    if ranged:
        return f"{_shown(row.target, row.unit, lang)}–{_shown(row.stretch, row.unit, lang)}"
    if row.target_written:  # with the decimals it is printed with ("93%", "18,68")
        return format_value(row.target, row.unit, lang, decimals_of(row.target_written))
    return _shown(row.target, row.unit, lang)


def _reader_row(row: TargetOutlook, lang: str) -> list[str]:
    multiple = "—" if row.pace_multiple is None else format_number(row.pace_multiple, 1, lang)
    return [
        row.label(lang),
        _shown(row.baseline, row.unit, lang),
        _current(row, lang),
        _target(row, lang),
        _shown(row.required_change, row.unit, lang),
        _shown(row.projected, row.unit, lang),
        multiple,
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
        row.projected,
        row.pace_multiple,
        row.months_remaining,
        row.status,
        row.note_text(lang),
    ]


def outlook_frame(
    source: PeriodData | Sequence[TargetOutlook], lang: str = "vi", raw: bool = False
) -> pd.DataFrame:
    """The outlook as a plain DataFrame, one row per target.

    For readers (default): headers, values in the locale's format and the status in words,
    all in `lang`. With `raw=True`: machine columns (`RAW_COLUMNS`), unrounded numbers (None
    where unknown), status codes, notes in `lang`.
    """
    lang = language(lang)
    rows = _rows(source, lang)
    if raw:
        return pd.DataFrame([_raw_row(r, lang) for r in rows], columns=RAW_COLUMNS)
    year = rows[0].horizon.year if rows and rows[0].horizon else None
    closing = bool(rows) and rows[0].closes_year
    columns = headers(lang, None if closing else year, closing)
    frame = pd.DataFrame([_reader_row(r, lang) for r in rows], columns=columns)
    if closing:  # judged on the year's own figures: no projection, no pace
        frame = frame.drop(columns=[columns[5], columns[6]])
    return frame


NOTES_TITLE = N_("Ghi chú")
LABEL_WIDTH = 48


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def outlook_table(rows: Sequence[TargetOutlook], lang: str = "vi", notes: bool = True) -> str:
    """The outlook as an aligned text table, followed by each row's notes."""
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
    if notes and any(r.notes for r in rows):
        out += ["", t(lang, NOTES_TITLE) + ":"]
        out += [
            f"- {_cut(r.label(lang), LABEL_WIDTH)}: {r.note_text(lang)}" for r in rows if r.notes
        ]
    return "\n".join(out)
