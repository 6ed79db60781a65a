"""The report's annexes (`audience: annex` in the outline): long tables that go after the
signature of the report an office sends ("PHỤ LỤC I", "PHỤ LỤC II"), and stay on their own
page for analysts.

- `communes_table`: every commune with the criteria it meets (a count, or the band the report
  gives), its standard and its registration for the year.
- `targets_table`: the year's targets with the level set, the result so far and the outlook's
  judgement (the outlook of section C, in one line per target).
"""

from __future__ import annotations

import re

import pandas as pd

from ntm_analysis.dataset.period import PeriodData
from ntm_analysis.i18n import N_, t
from ntm_analysis.outlook import outlook, status_label
from ntm_analysis.outlook.table import target_level
from ntm_analysis.report.words.figures import no_leading_zeros
from ntm_analysis.report.words.markdown import capitalise
from ntm_analysis.text.numbers import format_number, format_value

REGISTRATION = {
    "ntm": N_("NTM"),
    "ntm_stretch": N_("NTM (phấn đấu)"),
    "advanced": N_("NTM nâng cao"),
    "advanced_stretch": N_("NTM nâng cao (phấn đấu)"),
}
STANDARD = {
    "advanced": N_("Đạt chuẩn NTM nâng cao"),
    "recognised": N_("Đạt chuẩn NTM"),
    "not_recognised": N_("Chưa đạt chuẩn"),
    "unknown": N_("Chưa rõ"),
}
HEADERS = {
    "district": N_("Đơn vị cấp huyện"),
    "commune": N_("Xã"),
    "criteria": N_("Số tiêu chí đạt"),
    "standard": N_("Đạt chuẩn"),
    "registered": N_("Đăng ký trong năm"),
    "target": N_("Mục tiêu"),
    "level": N_("Chỉ tiêu năm"),
    "current": N_("Kết quả đến kỳ này"),
    "status": N_("Đánh giá"),
    "stretch": N_("{target} (phấn đấu {stretch})"),
    "unknown_criteria": N_("chưa rõ"),
}


def _criteria(low: float, high: float, total: int, lang: str) -> str:
    if low == high:
        return format_number(low, 0, lang)
    if high >= total and low < total:
        return t(lang, HEADERS["unknown_criteria"])
    return f"{format_number(low, 0, lang)}–{format_number(high, 0, lang)}"


def _standard(row: pd.Series) -> str:
    if row["advanced_status"] == "recognised":
        return "advanced"
    return str(row["ntm_status"]) if row["ntm_status"] in STANDARD else "unknown"


def communes_table(data: PeriodData, lang: str = "vi") -> pd.DataFrame:
    """Every commune of the period, district by district."""
    columns = [t(lang, HEADERS[k]) for k in ("district", "commune", "criteria", "standard")]
    columns.append(t(lang, HEADERS["registered"]))
    communes = data.communes
    if communes.empty:
        return pd.DataFrame(columns=columns)
    names = data.area_names(lang)
    total = data.criteria.commune_count
    rows = []
    for _, row in communes.iterrows():
        registered = str(row.get("registered") or "")
        rows.append(
            [
                capitalise(names.get(str(row["district_code"]), str(row["district_code"]))),
                str(row["name"]),
                _criteria(float(row["criteria_min"]), float(row["criteria_max"]), total, lang),
                t(lang, STANDARD[_standard(row)]),
                t(lang, REGISTRATION[registered]) if registered in REGISTRATION else "",
            ]
        )
    return pd.DataFrame(rows, columns=columns)


def _level(row, lang: str) -> str:
    """The level set, as the outlook's table writes it (a range stays a range), with the
    stretch level when there is one."""
    level = target_level(row, lang)
    if row.stretch is not None and not re.search(r"\d\D+\d", row.target_written):
        stretch = format_value(row.stretch, row.unit, lang)
        return t(lang, HEADERS["stretch"], target=level, stretch=stretch)
    return level


def _current(row, lang: str) -> str:
    if row.current_range is not None and row.current_range[0] != row.current_range[1]:
        low, high = row.current_range
        return f"{format_value(low, row.unit, lang)}–{format_value(high, row.unit, lang)}"
    return format_value(row.current, row.unit, lang)


def targets_table(data: PeriodData, lang: str = "vi") -> pd.DataFrame:
    """The year's targets: level set, result so far, judgement."""
    columns = [t(lang, HEADERS[k]) for k in ("target", "level", "current", "status")]
    rows = [
        [r.label(lang), _level(r, lang), _current(r, lang), status_label(r.status, lang)]
        for r in outlook(data, lang=lang)
    ]
    return pd.DataFrame(rows, columns=columns)


__all__ = ["communes_table", "no_leading_zeros", "targets_table"]
