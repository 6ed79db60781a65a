"""A.II.1 by district: the districts not yet recognised as NTM for the prose (in order of their
planned year, with the district criteria they name), and the districts table."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ntm_analysis.dataset.period import PeriodData
from ntm_analysis.i18n import N_, t
from ntm_analysis.report.sections.context import Tracker
from ntm_analysis.report.words.figures import printed
from ntm_analysis.report.words.lists import named_items
from ntm_analysis.report.words.markdown import MarkdownText, capitalise, escape_markdown

PLAN_YEAR = "district_ntm_plan_year"  # the year a district plans to reach the standard
CRITERIA_MET = "district_criteria_met"  # district criteria the district assesses as met
CRITERIA_TOTAL = "district_criteria_total"
CRITERIA_NOT_MET = "district_criteria_not_met"
# The named lists of those criteria (lists.csv, one set of items per district).
MET_LIST = "district_criteria_met"
NOT_MET_LIST = "district_criteria_not_met"

DISTRICT_COLUMNS = (
    N_("Đơn vị cấp huyện"),
    N_("Tình trạng"),
    N_("Xã đạt chuẩn NTM (xã)"),
    N_("Tổng số xã (xã)"),
    N_("Tỷ lệ xã đạt chuẩn NTM (%)"),
    N_("Tiêu chí huyện NTM đạt (tiêu chí)"),
)
STATUS_WORDS = {
    "recognised": N_("Đã đạt chuẩn NTM"),
    "plan": N_("Kế hoạch"),
    "before": N_("trước năm"),
    "year": N_("năm"),
}


@dataclass(frozen=True)
class NamedList:
    """A district's named list in words: `items` alone, `names` with the count
    ("5 tiêu chí: …"), and whether it is `complete` (as many items as the stated count)."""

    items: MarkdownText
    names: MarkdownText
    complete: bool


def not_recognised(data: PeriodData) -> list[str]:
    """Codes of the districts not yet recognised as NTM (every district when the period
    states no status), in order of their planned year."""
    table = data.district_table()
    if "ntm_status" in table:
        table = table[table["ntm_status"] == "not_recognised"]
    if "ntm_plan_year" in table:
        table = table.sort_values("ntm_plan_year", kind="stable")
    return [str(code) for code in table["code"]]


class District:
    """A district not yet recognised as NTM, for its bullet in the prose: `code`, `name`
    ("huyện Châu Thành"), whether its planned year carries a qualifier (`plan_qualified`:
    "trước năm 2023"), and the district criteria it names met and not met (asked for by the
    template; a list the period lacks is recorded as missing)."""

    def __init__(self, data: PeriodData, code: str, lang: str, tracker: Tracker) -> None:
        self.code = code
        self.name = data.area_names(lang).get(code, code)
        self.plan_qualified = data.has(PLAN_YEAR, code) and bool(
            data.figure(PLAN_YEAR, code).qualifier
        )
        self._data, self._lang, self._tracker = data, lang, tracker

    def _named(self, list_id: str, count: str) -> NamedList | None:
        data, lang = self._data, self._lang
        items = named_items(data, list_id, lang, self.code, with_count=False)
        if not items:
            self._tracker.miss(list_id, self.code)
            return None
        names = named_items(data, list_id, lang, self.code, with_count=True)
        stated = data.value(count, self.code) if data.has(count, self.code) else None
        complete = stated is not None and len(data.list_items(list_id, self.code)) == stated
        return NamedList(
            MarkdownText(escape_markdown(items)), MarkdownText(escape_markdown(names)), complete
        )

    @property
    def criteria_met(self) -> NamedList | None:
        """The district criteria the district names as met."""
        return self._named(MET_LIST, CRITERIA_MET)

    @property
    def criteria_not_met(self) -> NamedList | None:
        """The district criteria the district names as not yet met."""
        return self._named(NOT_MET_LIST, CRITERIA_NOT_MET)


def _status(row: object, lang: str) -> str:
    """A district's status in words: recognised, or the year it plans to reach NTM."""
    words = {key: t(lang, msgid) for key, msgid in STATUS_WORDS.items()}
    status = str(getattr(row, "ntm_status", "") or "")
    year = str(getattr(row, "ntm_plan_year", "") or "")
    if status == "recognised":
        return words["recognised"]
    if year and year != "nan":
        before = str(getattr(row, "plan_qualifier", "")) == "before"
        plan_year = f"{words['before']} {year}" if before else f"{words['year']} {year}"
        return f"{words['plan']} {plan_year}"
    return "—"


def districts_table(data: PeriodData, lang: str = "vi") -> pd.DataFrame:
    """A.II.1 by district: status (recognised, or the planned year), NTM communes, share and
    district criteria met, each as the report prints it; no row under units without
    districts."""
    names = data.area_names(lang)
    full = data.criteria.district_count
    rows = []
    for row in data.district_table().itertuples(index=False):
        code = str(row.code)
        met, total = (printed(data, c, code, lang) for c in (CRITERIA_MET, CRITERIA_TOTAL))
        criteria = f"{met}/{total}" if "—" not in (met, total) else "—"
        if getattr(row, "ntm_status", "") == "recognised" and criteria == "—":
            criteria = f"{full}/{full}"
        rows.append(
            [
                capitalise(names.get(code, code)),
                _status(row, lang),
                printed(data, "communes_ntm_recognised", code, lang),
                printed(data, "communes_total", code, lang),
                printed(data, "communes_ntm_recognised_pct", code, lang).rstrip("%"),
                criteria,
            ]
        )
    return pd.DataFrame(rows, columns=[t(lang, c) for c in DISTRICT_COLUMNS])
