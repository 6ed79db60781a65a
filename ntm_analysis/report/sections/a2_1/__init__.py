"""A.II.1: communes and districts meeting the new rural standard."""

from __future__ import annotations

import pandas as pd

from ntm_analysis import i18n
from ntm_analysis.dataset.period import PeriodData
from ntm_analysis.report.words.figures import printed
from ntm_analysis.report.words.markdown import capitalise

_DISTRICT_COLUMNS = ("district", "status", "ntm", "communes", "ntm_pct", "criteria")
DISTRICT_COLUMNS = {
    lang: [i18n.text(f"report.district_table.{key}", lang) for key in _DISTRICT_COLUMNS]
    for lang in i18n.LANGUAGES
}
STATUS_WORDS = {lang: i18n.table("report.district_status", lang) for lang in i18n.LANGUAGES}


def district_summary(data: PeriodData, lang: str = "vi") -> pd.DataFrame:
    """A.II.1 by district: status (recognised, or the planned year), NTM communes, share and
    district criteria met, each as the report prints it."""
    names = data.area_names(lang)
    words = STATUS_WORDS[lang]
    rows = []
    for row in data.district_table().itertuples(index=False):
        code = str(row.code)
        status = str(getattr(row, "ntm_status", "") or "")
        year = str(getattr(row, "ntm_plan_year", "") or "")
        if status == "recognised":
            state = words["recognised"]
        elif year and year != "nan":
            before = str(getattr(row, "plan_qualifier", "")) == "before"
            plan_year = f"{words['before']} {year}" if before else f"{words['year']} {year}"
            state = f"{words['plan']} {plan_year}"
        else:
            state = "—"
        met, total = (
            printed(data, c, code, lang)
            for c in ("district_criteria_met", "district_criteria_total")
        )
        criteria = f"{met}/{total}" if "—" not in (met, total) else "—"
        if status == "recognised" and criteria == "—":
            criteria = f"{data.criteria.district_count}/{data.criteria.district_count}"
        rows.append(
            [
                capitalise(names.get(code, code)),
                state,
                printed(data, "communes_ntm_recognised", code, lang),
                printed(data, "communes_total", code, lang),
                printed(data, "communes_ntm_recognised_pct", code, lang).rstrip("%"),
                criteria,
            ]
        )
    return pd.DataFrame(rows, columns=DISTRICT_COLUMNS[lang])
