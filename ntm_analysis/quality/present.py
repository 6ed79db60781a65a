"""Findings for people: places in words, tables in the reader's language."""

from __future__ import annotations

import pandas as pd

from ntm_analysis.dataset.findings import Finding, counts, severity_label
from ntm_analysis.dataset.period import PeriodData
from ntm_analysis.dataset.reference import area_names
from ntm_analysis.i18n import N_, pick, t, tp

# The commune-level unit types named before a commune, translated at use.
UNIT_TYPE_LABEL = {
    "xa": N_("xã"),
    "phuong": N_("phường"),
    "thi_tran": N_("thị trấn"),
    "dac_khu": N_("đặc khu"),
}
# The findings table's headers, translated at use.
FRAME_COLUMNS = (
    N_("Mức độ"),
    N_("Mục"),
    N_("Địa bàn"),
    N_("Nội dung"),
    N_("Số in"),
    N_("Tính lại"),
)
RAW_COLUMNS = [
    "id",
    "check",
    "section",
    "severity",
    "area",
    "place",
    "message",
    "reported",
    "computed",
    "corrected",
    "indicators",
]


def place_names(units: pd.DataFrame, lang: str) -> dict[str, str]:
    """Every area code in words: "tỉnh Trà Vinh", "huyện Châu Thành", "xã Vĩnh Kim, huyện
    Cầu Ngang" — a commune-level unit carries its type and its district."""
    names = area_names(units, lang)
    for row in units.itertuples():
        kind = t(lang, UNIT_TYPE_LABEL[row.unit_type]) if row.unit_type in UNIT_TYPE_LABEL else ""
        name = row.unit_name
        if kind and not name.casefold().startswith(kind.casefold()):
            name = tp(lang, "a unit type and its name", "{kind} {name}", kind=kind, name=name)
        # Under units without districts (2025) a unit is placed in its province.
        parent = names[row.district_code] if row.district_code else names[row.province_code]
        names[row.unit_code] = f"{name}, {parent}"
    return names


def with_places(findings: list[Finding], data: PeriodData) -> list[Finding]:
    """The findings with their area named in both languages."""
    vi, en = place_names(data.units, "vi"), place_names(data.units, "en")
    return [f.with_place(vi.get(f.area, ""), en.get(f.area, "")) if f.area else f for f in findings]


def _shown(value: object) -> object:
    return ", ".join(map(str, value)) if isinstance(value, list | tuple) else value


def findings_frame(findings: list[Finding], lang: str = "vi", raw: bool = False) -> pd.DataFrame:
    """Findings as a table. For display (default): severity, section, place in words, what was
    found, printed and recomputed figures, with headers in `lang`. With `raw=True`: one row
    per finding with stable column names (`RAW_COLUMNS`) to filter, merge or export."""
    if raw:
        rows = [
            [
                f.id,
                f.check,
                f.section,
                f.severity,
                f.area,
                pick(lang, f.place_vi, f.place_en),
                f.text(lang),
                f.reported,
                f.computed,
                f.corrected,
                list(f.indicators),
            ]
            for f in findings
        ]
        return pd.DataFrame(rows, columns=RAW_COLUMNS)
    rows = [
        [
            severity_label(f.severity, lang) + (" ✓" if f.corrected else ""),
            f.section,
            pick(lang, f.place_vi, f.place_en),
            f.text(lang),
            _shown(f.reported),
            _shown(f.computed),
        ]
        for f in findings
    ]
    return pd.DataFrame(rows, columns=[t(lang, c) for c in FRAME_COLUMNS])


def summary_line(findings: list[Finding], lang: str = "vi") -> str:
    """ "3 lỗi, 8 cảnh báo, 1 thông tin" in the reader's language."""
    c = counts(findings)
    return t(lang, "{error} lỗi, {warning} cảnh báo, {info} thông tin", **c)


def findings_table(findings: list[Finding], lang: str = "vi", period: str = "") -> str:
    """A plain-text report for the terminal: a summary line, then one line per finding with
    its severity, section and the place in words (codes in parentheses)."""
    head = summary_line(findings, lang)
    lines = [f"{period}: {head}" if period else head]
    for f in findings:
        label = severity_label(f.severity, lang).upper()
        row = t(lang, "dòng")
        where = f" — {f.file}" + (f", {row} {f.row}" if f.row else "") if f.file else ""
        lines.append(f"{label:<9} {f.section or '—':<9} {f.message(lang)}{where}")
    return "\n".join(lines)
