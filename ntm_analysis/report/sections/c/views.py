"""C's views of the criteria and the next year: the criteria average as an interval with the
report's own plan as a scenario, the communes still short of criteria (with their chance of
reaching the standard this year), the criteria closest to completion and next year's targets
when they are declared. The outlook's own views are in `c/outlook_views.py`;
`sections/c/__init__.py` exposes both to the page."""

from __future__ import annotations

import re

import pandas as pd

from ntm_analysis.dataset.period import PeriodData
from ntm_analysis.dataset.targets import Target, load_targets
from ntm_analysis.i18n import N_, pick, t, tp
from ntm_analysis.outlook import criteria_position, model_of, plan_scenario, supply
from ntm_analysis.outlook.wording import chance, language
from ntm_analysis.report.charts import criteria_attainment
from ntm_analysis.report.words.figures import written_in
from ntm_analysis.report.words.markdown import capitalise
from ntm_analysis.text.numbers import format_number, format_value

# The communes table's registration values, in words.
REGISTRATION = {
    "ntm": N_("NTM"),
    "ntm_stretch": N_("NTM (phấn đấu)"),
    "advanced": N_("NTM nâng cao"),
    "advanced_stretch": N_("NTM nâng cao (phấn đấu)"),
}


def registration_word(registered: str, lang: str) -> str:
    """A commune's registration value in words ("" when none; an unknown value as written)."""
    return t(lang, REGISTRATION[registered]) if registered in REGISTRATION else registered


def criteria_average_summary(
    data: PeriodData, target_average: float, lang: str = "vi"
) -> list[str]:
    """Sentences: the current average as an interval, the gain needed, the plan scenario."""
    pos = criteria_position(data)
    lo, hi = pos.average
    need = pos.gain_needed(target_average)
    plan = plan_scenario(data, target_average)
    f = lambda v, d=2: format_value(v, "", lang, d)  # noqa: E731
    lang = language(lang)
    out = [
        t(
            lang,
            "Bình quân hiện tại nằm trong khoảng {low}–{high} tiêu chí/xã "
            "(tổng {total_low}–{total_high} tiêu chí trên {communes} xã).",
            low=f(lo),
            high=f(hi),
            total_low=f(pos.total[0], 0),
            total_high=f(pos.total[1], 0),
            communes=pos.communes,
        ),
        t(
            lang,
            "Để đạt {target} tiêu chí/xã, toàn tỉnh cần tăng thêm {need_low}–{need_high} tiêu chí.",
            target=f(target_average),
            need_low=f(need[0], 1),
            need_high=f(need[1], 1),
        ),
    ]
    if plan is not None:
        s_lo, s_hi = plan.result.average
        floors = "".join(
            t(lang, " và không xã nào dưới {floor} tiêu chí", floor=x) for x in plan.floors
        )
        out.append(
            t(
                lang,
                "Nếu {n} xã đăng ký đạt đủ {top} tiêu chí{floors}: bình quân {low}–{high}.",
                n=len(plan.registered),
                top=plan.top,
                floors=floors,
                low=f(s_lo),
                high=f(s_hi),
            )
        )
    return out


def gap_table(data: PeriodData, lang: str = "vi") -> pd.DataFrame:
    """Communes certainly below the top (every value of their criteria interval is), with their
    gap and their probability of reaching the standard for the year, largest gap first.
    Communes whose criteria the report does not place are summed up by `gap_summary` instead
    of listed: most of them are at the top."""
    top = data.criteria.commune_count
    table = supply(data)
    table = table[table["criteria_max"] < top]
    names = data.area_names(lang)
    so = model_of(data).ntm()
    chances = dict(zip(so.frame["code"], so.p_new, strict=True)) if so is not None else {}
    columns = [
        t(lang, "Xã"),
        t(lang, "Huyện"),
        t(lang, "Tiêu chí đạt"),
        tp(lang, "column: criteria a commune still lacks", "Còn thiếu"),
        t(lang, "Đăng ký trong năm"),
        t(lang, "Khả năng đạt chuẩn trong năm"),
    ]
    rows = []
    for r in table.itertuples(index=False):
        met = (
            str(r.criteria_min)
            if r.criteria_min == r.criteria_max
            else f"{r.criteria_min}–{r.criteria_max}"
        )
        gap = str(r.gap_min) if r.gap_min == r.gap_max else f"{r.gap_min}–{r.gap_max}"
        district = capitalise(names.get(r.district_code, r.district_code))  # a cell: Huyện …
        p = chances.get(r.code)
        shown = "—" if p is None else chance(p, lang)
        rows.append([r.name, district, met, gap, registration_word(r.registered, lang), shown])
    return pd.DataFrame(rows, columns=columns)


def gap_summary(data: PeriodData, lang: str = "vi") -> str:
    """About how many of the communes the report does not place are below the top ('' if
    none): the expected number from the forecast's distributions, which the bands fix."""
    top = data.criteria.commune_count
    table = data.communes
    open_rows = (table["criteria_min"] < top) & (table["criteria_max"] >= top)
    so = model_of(data).ntm()
    if not open_rows.any() or so is None:
        return ""
    below = float((1.0 - so.now[open_rows.to_numpy(), top]).sum())
    return t(
        lang,
        "Ngoài các xã trên, còn khoảng {count} xã chưa đạt đủ {top} tiêu chí trong số {open} xã "
        "mà báo cáo không nêu số tiêu chí.",
        count=format_number(below, 0, lang),
        top=top,
        open=int(open_rows.sum()),
    )


def criteria_gaps(data: PeriodData, lang: str = "vi") -> pd.DataFrame:
    """Criteria by communes still missing them, fewest first (closest to completion), from
    the reported per-criterion counts; with an annex, the communes missing each are named."""
    table = criteria_attainment(data, lang)
    total = len(data.communes) if not data.communes.empty else None
    names = data.area_names(lang)
    annex = data.commune_criteria
    rows = []
    for r in table.itertuples(index=False):
        if pd.isna(r.met) or total is None:
            continue
        missing = int(total - r.met)
        if missing <= 0:
            continue
        who = ""
        if annex is not None and not annex.empty:
            lacking = annex[(annex["criterion"] == r.criterion) & (annex["met"] == False)]  # noqa: E712
            who = ", ".join(names.get(c, c) for c in lacking["code"])
        rows.append([r.label, int(r.met), missing, who])
    columns = [
        t(lang, "Tiêu chí"),
        t(lang, "Số xã đạt"),
        t(lang, "Số xã chưa đạt"),
        t(lang, "Xã chưa đạt (phụ lục)"),
    ]
    frame = pd.DataFrame(rows, columns=columns).sort_values(columns[2], kind="stable")
    if annex is None or annex.empty:
        frame = frame.drop(columns=columns[3])
    return frame


def criteria_target(data: PeriodData) -> float | None:
    """The target average of criteria per commune, if the year has one."""
    for target in data.targets:
        if target.measure.get("kind") == "criteria_average":
            return target.target
    return None


def next_year_targets_list(data: PeriodData) -> list[Target]:
    """The targets of the year after the period's, when `targets/<year+1>.yml` exists."""
    names = set(data.lists["list"].astype(str)) if not data.lists.empty else None
    return load_targets(
        data.data_dir / "targets", data.year + 1, data.catalogue, data.province, names
    )


def next_year_targets(data: PeriodData, lang: str = "vi") -> pd.DataFrame:
    """Next year's targets for readers: label, target and stretch as printed (empty when the
    year after the period has no targets file). A target printed in words keeps them on a
    Vietnamese page; an English page gives its value."""
    columns = [
        tp(lang, "a year-end target", "Chỉ tiêu"),
        tp(lang, "column: next year's target", "Mục tiêu"),
        t(lang, "Mức phấn đấu"),
    ]
    rows = []
    for target in next_year_targets_list(data):
        unit = data.catalogue[target.indicator].unit
        numeric = bool(re.fullmatch(r"[\d.,%\- ]+", target.as_written))
        as_written = target.as_written
        written = written_in(as_written, lang) if numeric else pick(lang, as_written, "")
        shown = written or format_value(target.target, unit, lang)
        stretch = "—" if target.stretch is None else format_value(target.stretch, unit, lang)
        rows.append([target.label(lang), shown, stretch])
    return pd.DataFrame(rows, columns=columns)


__all__ = [
    "criteria_average_summary",
    "criteria_gaps",
    "criteria_target",
    "gap_summary",
    "gap_table",
    "next_year_targets",
    "next_year_targets_list",
    "registration_word",
]
