"""A backtest and a calibration for readers: DataFrames with headers in the reader's language,
and the aligned text `ntm-report backtest` and `ntm-report calibrate` print."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from ntm_analysis.i18n import t, tp
from ntm_analysis.outlook.backtest import Backtest, Check
from ntm_analysis.outlook.calibrate import Estimate, History
from ntm_analysis.outlook.wording import chance, language, month_of, status_label
from ntm_analysis.text.numbers import format_number, format_value


def _value(x: float | None, row_unit: str, lang: str) -> str:
    digits = 2 if row_unit in ("percent", "criteria_per_commune") else None
    return format_value(x, row_unit, lang, digits)


def _forecast(check: Check, lang: str) -> str:
    r = check.row
    if r.central is None:
        return "—"
    central = _value(r.central, r.unit, lang)
    if r.low is None or r.low == r.high:
        return central
    return f"{central} ({_value(r.low, r.unit, lang)}–{_value(r.high, r.unit, lang)})"


def _result(check: Check, lang: str) -> str:
    if check.result == "met":
        return t(lang, "đã đạt")
    if check.result == "missed":
        return t(lang, "không đạt")
    if check.result == "not_met":
        return t(lang, "chưa đạt")
    return "—"


def _held(check: Check, lang: str) -> str:
    if check.held is None:
        return "—"
    return t(lang, "có") if check.held else t(lang, "không")


def backtest_frame(result: Backtest, lang: str = "vi", only_forecast: bool = False) -> pd.DataFrame:
    """One row per target: the forecast then (central, interval, P(meet), status), the value the
    later period shows, its result and whether the interval held (`only_forecast`: the targets
    that had a forecast)."""
    lang = language(lang)
    columns = [
        tp(lang, "a year-end target", "Chỉ tiêu"),
        t(lang, "Dự báo kỳ trước (khoảng 80%)"),
        t(lang, "Khả năng đạt (kỳ trước)"),
        t(lang, "Đánh giá kỳ trước"),
        t(lang, "Kết quả kỳ này"),
        t(lang, "Nằm trong khoảng"),
    ]
    rows = []
    for c in result.checks:
        if only_forecast and c.row.central is None:
            continue
        rows.append(
            [
                c.row.label(lang),
                _forecast(c, lang),
                "—" if c.row.p_meet is None else chance(c.row.p_meet, lang),
                status_label(c.row.status, lang),
                "—"
                if c.outcome is None
                else f"{_value(c.outcome, c.row.unit, lang)} ({_result(c, lang)})",
                _held(c, lang),
            ]
        )
    return pd.DataFrame(rows, columns=columns)


def backtest_summary(result: Backtest, lang: str = "vi") -> list[str]:
    """Sentences: how many intervals held, the communes' Brier score, whether outcomes are final."""
    lang = language(lang)
    judged = [c for c in result.checks if c.held is not None]
    out = [
        t(
            lang,
            "{held}/{total} khoảng dự báo lập với số liệu đến {period} chứa kết quả đến {later}.",
            held=sum(c.held for c in judged),
            total=len(judged),
            period=month_of(result.period, lang),
            later=month_of(result.later, lang),
        )
    ]
    if result.brier is not None:
        out.append(
            t(
                lang,
                "Điểm Brier theo xã: {brier} trên {communes} xã (0 là dự báo hoàn hảo; dự báo mọi "
                "xã ở mức 50%, được 0,25).",
                brier=format_number(result.brier, 3, lang),
                communes=result.communes,
            )
        )
    if not result.final:
        out.append(
            t(
                lang,
                "Số liệu đến {later} chưa qua hạn công nhận của năm: các xã còn có thể được công "
                "nhận sau đó.",
                later=month_of(result.later, lang),
            )
        )
    return out


def reliability_frame(result: Backtest, lang: str = "vi") -> pd.DataFrame:
    lang = language(lang)
    columns = [
        t(lang, "Khả năng dự báo"),
        t(lang, "Số xã"),
        t(lang, "Dự báo trung bình"),
        t(lang, "Tỷ lệ thực tế"),
    ]
    rows = [
        [
            f"{format_number(r.low * 100, 0, lang)}–{format_number(r.high * 100, 0, lang)}%",
            str(r.communes),
            format_value(r.predicted * 100, "percent", lang, 0),
            format_value(r.observed * 100, "percent", lang, 0),
        ]
        for r in result.reliability
    ]
    return pd.DataFrame(rows, columns=columns)


def aligned(frame: pd.DataFrame) -> str:
    """A DataFrame as aligned text (first column left, the others right)."""
    table = [list(map(str, frame.columns))] + [list(map(str, row)) for row in frame.values]
    if not table[1:]:
        return "  ".join(table[0])
    widths = [max(len(line[i]) for line in table) for i in range(len(table[0]))]
    lines = []
    for n, line in enumerate(table):
        cells = [line[0].ljust(widths[0])] + [
            c.rjust(w) for c, w in zip(line[1:], widths[1:], strict=True)
        ]
        lines.append("  ".join(cells).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def backtest_text(result: Backtest, lang: str = "vi") -> str:
    parts = [aligned(backtest_frame(result, lang)), "", *backtest_summary(result, lang)]
    if result.reliability:
        parts += ["", aligned(reliability_frame(result, lang))]
    return "\n".join(parts)


def calibration_frame(found: Sequence[Estimate], lang: str = "vi") -> pd.DataFrame:
    lang = language(lang)
    columns = [
        t(lang, "Tham số"),
        t(lang, "Hiện tại"),
        t(lang, "Ước lượng"),
        t(lang, "Số quan sát"),
        t(lang, "Dùng"),
    ]
    rows = [
        [
            e.name,
            format_number(e.current, 3, lang),
            "—" if e.estimate is None else format_number(e.estimate, 3, lang),
            str(e.observations),
            t(lang, "có") if e.used else t(lang, "không"),
        ]
        for e in found
    ]
    return pd.DataFrame(rows, columns=columns)


def calibration_text(
    history: History, found: Sequence[Estimate], least: int, lang: str = "vi"
) -> str:
    lang = language(lang)
    head = t(
        lang,
        "{periods} kỳ ({names}), {pairs} cặp kỳ liên tiếp; một giá trị được đề xuất khi có ít "
        "nhất {least} quan sát.",
        periods=len(history.periods),
        names=", ".join(history.periods) or "—",
        pairs=history.pairs,
        least=least,
    )
    return "\n".join([head, "", aligned(calibration_frame(found, lang))])


def calibration_json(
    history: History, found: Sequence[Estimate], least: int, written: bool = False
) -> dict:
    """`calibrate --json`: the periods read, the pairs compared and every parameter's value,
    estimate and support (`used`: the proposal takes the estimate)."""
    return {
        "periods": list(history.periods),
        "pairs": history.pairs,
        "min_observations": least,
        "written": written,
        "parameters": [
            {
                "parameter": e.name,
                "current": e.current,
                "estimate": e.estimate,
                "observations": e.observations,
                "used": e.used,
            }
            for e in found
        ],
    }


__all__ = [
    "aligned",
    "backtest_frame",
    "backtest_summary",
    "backtest_text",
    "calibration_frame",
    "calibration_json",
    "calibration_text",
    "reliability_frame",
]
