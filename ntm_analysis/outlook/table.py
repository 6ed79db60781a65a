"""Plain-text table of the year-end outlook (Vietnamese or English labels)."""

from __future__ import annotations

from collections.abc import Sequence

from ntm_analysis.outlook.engine import TargetOutlook
from ntm_analysis.text.numbers import format_number, format_value

HEADERS = {
    "vi": (
        "Chỉ tiêu",
        "Cuối năm trước",
        "Hiện tại",
        "Mục tiêu",
        "Cần thêm",
        "Dự báo cuối năm",
        "Tốc độ cần (lần)",
        "Đánh giá",
    ),
    "en": (
        "Target",
        "Baseline",
        "Current",
        "Target value",
        "Required change",
        "Projected",
        "Pace needed (×)",
        "Status",
    ),
}

STATUS_LABELS = {
    "vi": {
        "met": "Đã đạt",
        "on_track": "Đúng tiến độ",
        "at_risk": "Có nguy cơ không đạt",
        "off_track": "Chậm tiến độ",
        "unknown": "Chưa đánh giá được",
    },
    "en": {
        "met": "met",
        "on_track": "on track",
        "at_risk": "at risk",
        "off_track": "off track",
        "unknown": "unknown",
    },
}

NOTES_TITLE = {"vi": "Ghi chú", "en": "Notes"}
LABEL_WIDTH = 48


def _lang(lang: str) -> str:
    return "vi" if lang == "vi" else "en"


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _cells(row: TargetOutlook, lang: str) -> list[str]:
    def value(v: float | None) -> str:
        return format_value(v, row.unit, lang)

    current = value(row.current)
    if row.current is None and row.current_range is not None:
        current = f"{value(row.current_range[0])}–{value(row.current_range[1])}"
    multiple = "—" if row.pace_multiple is None else format_number(row.pace_multiple, 1, lang)
    return [
        _cut(row.label(lang), LABEL_WIDTH),
        value(row.baseline),
        current,
        value(row.target),
        value(row.required_change),
        value(row.projected),
        multiple,
        STATUS_LABELS[lang].get(row.status, row.status),
    ]


def outlook_table(rows: Sequence[TargetOutlook], lang: str = "vi", notes: bool = True) -> str:
    """The outlook as an aligned text table, followed by each row's notes."""
    lang = _lang(lang)
    table = [list(HEADERS[lang])] + [_cells(r, lang) for r in rows]
    widths = [max(len(line[i]) for line in table) for i in range(len(table[0]))]

    def render(line: list[str]) -> str:
        first = line[0].ljust(widths[0])
        rest = [cell.rjust(w) for cell, w in zip(line[1:], widths[1:], strict=True)]
        return "  ".join([first, *rest]).rstrip()

    out = [render(table[0]), "  ".join("-" * w for w in widths)]
    out += [render(line) for line in table[1:]]
    if notes and any(r.notes for r in rows):
        out += ["", NOTES_TITLE[lang] + ":"]
        out += [f"- {r.id}: {r.note}" for r in rows if r.notes]
    return "\n".join(out)
