"""Section B from data: the shortcomings the figures themselves show.

- a share declared `pace: linear` in the catalogue (e.g. disbursement against plan) that lags
  the share of the year elapsed;
- a year-end target whose outlook is at risk or off track;
- (contradictions between the report's own figures are shown on the data-quality page).
"""

from __future__ import annotations

import re

import pandas as pd

from ntm_analysis.dataset.period import PeriodData
from ntm_analysis.i18n import N_, t
from ntm_analysis.outlook import outlook, status_label
from ntm_analysis.quality import check_period
from ntm_analysis.report.sections import printed
from ntm_analysis.report.wording import written_in
from ntm_analysis.text.numbers import format_value

LAG_TOLERANCE_PCT = 10.0  # points behind the time elapsed before a lag is flagged
COLUMNS = (N_("Vấn đề"), N_("Số liệu"), N_("Căn cứ"), N_("Mục"))  # translated at use


def pace_lags(data: PeriodData, lang: str = "vi") -> list[list[str]]:
    """Shares expected to keep pace with the year that lag the months elapsed."""
    elapsed = data.months / 12 * 100
    rows = []
    for indicator in data.catalogue.indicators.values():
        if indicator.pace != "linear":
            continue
        for area, value in data.values(indicator.code).items():
            if value >= elapsed - LAG_TOLERANCE_PCT:
                continue
            shown = printed(data, indicator.code, area, lang)
            time = format_value(elapsed, "percent", lang, 0)
            basis = t(
                lang, "đã qua {months}/12 tháng ({time} thời gian)", months=data.months, time=time
            )
            label = indicator.label(lang)
            if area != data.province:
                label += f" ({data.area_names(lang).get(area, area)})"
            rows.append([label, shown, basis, indicator.section])
    return rows


def targets_at_risk(data: PeriodData, lang: str = "vi") -> list[list[str]]:
    """Targets whose outlook is at risk or off track, or missed at the close of the year."""
    rows = []
    for row in outlook(data):
        if row.status not in ("at_risk", "off_track", "missed"):
            continue
        current = "—" if row.current is None else format_value(row.current, row.unit, lang)
        if row.current is None and row.current_range is not None:
            current = "–".join(format_value(v, row.unit, lang) for v in row.current_range)
        spec = data.target(row.id)
        if data.has(spec.indicator, spec.area):  # the figure as the report prints it
            current = printed(data, spec.indicator, spec.area, lang)
        numeric = re.fullmatch(r"[\d.,%\- ]+", spec.as_written or "")
        target = (
            written_in(spec.as_written, lang)  # as printed: "01-02" stays a range
            if numeric
            else format_value(row.target, row.unit, lang)
        )
        figure = f"{current} → {target}"
        rows.append([row.label(lang), figure, status_label(row.status, lang), "C"])
    return rows


def contradictions(data: PeriodData, lang: str = "vi") -> list[list[str]]:
    """The report's own figures that contradict each other (data-quality errors)."""
    basis = t(lang, "số liệu trong báo cáo không khớp nhau")
    return [
        [f.message(lang), _shown(f.reported, lang), basis, f.section]
        for f in check_period(data)
        if f.severity == "error"
    ]


def _shown(value: object, lang: str) -> str:
    if isinstance(value, int | float):
        return format_value(float(value), "", lang)
    return str(value)


def measurable_shortcomings(data: PeriodData, lang: str = "vi") -> pd.DataFrame:
    """The shortcomings the figures show: shares lagging the year and targets at risk. (The
    report's own contradictions are recomputations: they belong on the data-quality page.)"""
    rows = pace_lags(data, lang) + targets_at_risk(data, lang)
    return pd.DataFrame(rows, columns=[t(lang, c) for c in COLUMNS])


def qualitative_points(data: PeriodData, kind: str, lang: str = "vi") -> list[str]:
    """The period's recorded achievements, shortcomings or causes, with linked figures."""
    out = []
    for point in data.notes:
        if point.kind != kind:
            continue
        figures = [
            f"{data.catalogue.label(c, lang)}: "
            f"{format_value(data.value(c), data.catalogue[c].unit, lang)}"
            for c in point.indicators
            if data.has(c)
        ]
        out.append(point.text_in(lang) + (f" ({'; '.join(figures)})" if figures else ""))
    return out
