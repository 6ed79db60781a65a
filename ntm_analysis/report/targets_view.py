"""Section C for people: the targets table with status colours, progress chart, the criteria
average as an interval with the report's own plan as a scenario, and the communes' gaps."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns

from ntm_analysis.dataset.period import PeriodData
from ntm_analysis.outlook import (
    TargetOutlook,
    criteria_position,
    outlook,
    run_scenario,
    supply,
)
from ntm_analysis.outlook.criteria import Floor, Reach
from ntm_analysis.outlook.measures import COMMUNES_BELOW
from ntm_analysis.report.plots import A4_WIDTH_IN, apply_style
from ntm_analysis.text.numbers import format_value

STATUS = {
    "vi": {
        "met": "đã đạt",
        "on_track": "đúng tiến độ",
        "at_risk": "có nguy cơ",
        "off_track": "khó đạt",
        "unknown": "chưa đánh giá được",
    },
    "en": {
        "met": "met",
        "on_track": "on track",
        "at_risk": "at risk",
        "off_track": "off track",
        "unknown": "cannot judge",
    },
}
STATUS_COLOUR = {
    "met": "#4a9c6d",
    "on_track": "#8cc084",
    "at_risk": "#f2d16b",
    "off_track": "#d95f5f",
    "unknown": "#bbbbbb",
}
COLUMNS = {
    "vi": [
        "Mục tiêu",
        "Cuối năm trước",
        "Hiện tại",
        "Mục tiêu cuối năm",
        "Cần tăng thêm",
        "Dự báo (theo tốc độ)",
        "Tốc độ cần (lần)",
        "Đánh giá",
    ],
    "en": [
        "Target",
        "Baseline",
        "Current",
        "Target value",
        "Required change",
        "Projected (run rate)",
        "Pace needed (×)",
        "Status",
    ],
}


def _fmt(value: float | None, unit: str, lang: str) -> str:
    return (
        "—" if value is None else format_value(value, unit, lang, 2 if unit == "percent" else None)
    )


def outlook_frame(rows: list[TargetOutlook], lang: str = "vi") -> pd.DataFrame:
    """The targets table, values formatted in `lang`, status in words."""
    out = []
    for r in rows:
        current = _fmt(r.current, r.unit, lang)
        if r.current is None and r.current_range is not None:
            lo, hi = r.current_range
            current = f"{_fmt(lo, r.unit, lang)}–{_fmt(hi, r.unit, lang)}"
        out.append(
            [
                r.label(lang),
                _fmt(r.baseline, r.unit, lang),
                current,
                _fmt(r.target, r.unit, lang),
                _fmt(r.required_change, r.unit, lang),
                _fmt(r.projected, r.unit, lang),
                "—" if r.pace_multiple is None else format_value(r.pace_multiple, "", lang, 1),
                STATUS[lang][r.status],
            ]
        )
    return pd.DataFrame(out, columns=COLUMNS[lang])


def styled_outlook(rows: list[TargetOutlook], lang: str = "vi"):
    """The targets table with a status colour per row (pandas Styler; text escaped)."""
    frame = outlook_frame(rows, lang)
    colours = [STATUS_COLOUR[r.status] for r in rows]
    status_col = COLUMNS[lang][-1]

    def paint(column: pd.Series) -> list[str]:
        if column.name != status_col:
            return [""] * len(column)
        return [f"background-color: {c}" for c in colours]

    return frame.style.apply(paint).hide(axis="index").format(escape="html")


def plot_progress(rows: list[TargetOutlook], lang: str = "vi"):
    """Bullet chart: current (and projection) as a share of each target, coloured by status."""
    apply_style()
    usable = [r for r in rows if r.current is not None and r.target and r.direction == "at_least"]
    if not usable:
        return None
    fig, ax = plt.subplots(figsize=(A4_WIDTH_IN, 0.45 * len(usable) + 1.2))
    labels = [r.label(lang)[:48] for r in usable]
    current = [min(r.current / r.target * 100, 130) for r in usable]
    sns.barplot(
        x=current,
        y=labels,
        ax=ax,
        palette=[STATUS_COLOUR[r.status] for r in usable],
        hue=labels,
        legend=False,
    )
    for i, r in enumerate(usable):
        if r.projected is not None:
            ax.plot(
                min(r.projected / r.target * 100, 130), i, marker="|", color="black", markersize=14
            )
    ax.axvline(100, color="black", linewidth=1)
    title = (
        "Mức đạt so với mục tiêu (%; vạch đen: dự báo cuối năm)"
        if lang == "vi"
        else "Progress towards each target (%; black tick: year-end projection)"
    )
    ax.set(title=title, xlabel="%", ylabel="", xlim=(0, 135))
    fig.tight_layout()
    return fig


def criteria_average_summary(
    data: PeriodData, target_average: float, lang: str = "vi"
) -> list[str]:
    """Sentences: the current average as an interval, the gain needed, the plan scenario."""
    pos = criteria_position(data)
    lo, hi = pos.average
    need = pos.gain_needed(target_average)
    registered = data.communes.loc[data.communes["registered"].isin(["ntm", "ntm_stretch"]), "code"]
    top = data.criteria.commune_count
    floors = [
        COMMUNES_BELOW[t.indicator]
        for t in data.targets
        if t.indicator in COMMUNES_BELOW and t.direction == "at_most" and t.target == 0
    ]
    rules = [Reach(frozenset(registered), top)] + [Floor(f) for f in floors]
    floor = (
        f" và không xã nào dưới {floors[0]} tiêu chí"
        if floors and lang == "vi"
        else (f" and none stays below {floors[0]}" if floors else "")
    )
    scenario = run_scenario(data, rules, target_average=target_average)
    s_lo, s_hi = scenario.average
    f = lambda v, d=2: format_value(v, "", lang, d)  # noqa: E731
    if lang == "vi":
        return [
            f"Bình quân hiện tại nằm trong khoảng {f(lo)}–{f(hi)} tiêu chí/xã "
            f"(tổng {pos.total[0]}–{pos.total[1]} tiêu chí trên {pos.communes} xã).",
            f"Để đạt {f(target_average)} tiêu chí/xã, toàn tỉnh cần tăng thêm "
            f"{f(need[0], 1)}–{f(need[1], 1)} tiêu chí.",
            f"Nếu {len(registered)} xã đăng ký đạt đủ {top} tiêu chí{floor}: "
            f"bình quân {f(s_lo)}–{f(s_hi)}.",
        ]
    return [
        f"The current average lies between {f(lo)} and {f(hi)} criteria per commune "
        f"(total {pos.total[0]}–{pos.total[1]} over {pos.communes} communes).",
        f"Reaching {f(target_average)} per commune needs {f(need[0], 1)}–{f(need[1], 1)} more "
        "criteria province-wide.",
        f"If the {len(registered)} registered communes reach {top}{floor}: average "
        f"{f(s_lo)}–{f(s_hi)}.",
    ]


def gap_table(data: PeriodData, lang: str = "vi") -> pd.DataFrame:
    """Communes below 19 criteria (or possibly below), with their gap, largest first."""
    table = supply(data)
    names = data.area_names(lang)
    columns = (
        ["Xã", "Huyện", "Tiêu chí đạt", "Còn thiếu", "Đăng ký 2021"]
        if lang == "vi"
        else ["Commune", "District", "Criteria met", "Gap to 19", "Registered 2021"]
    )
    rows = []
    for r in table.itertuples(index=False):
        met = (
            str(r.criteria_min)
            if r.criteria_min == r.criteria_max
            else (f"{r.criteria_min}–{r.criteria_max}")
        )
        gap = str(r.gap_min) if r.gap_min == r.gap_max else f"{r.gap_min}–{r.gap_max}"
        rows.append([r.name, names.get(r.district_code, r.district_code), met, gap, r.registered])
    return pd.DataFrame(rows, columns=columns)


def criteria_gaps(data: PeriodData, lang: str = "vi") -> pd.DataFrame:
    """Criteria by communes still missing them, fewest first (closest to completion), from
    the reported per-criterion counts; with an annex, the communes missing each are named."""
    from ntm_analysis.report.plots import criteria_attainment

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
    columns = (
        ["Tiêu chí", "Số xã đạt", "Số xã chưa đạt", "Xã chưa đạt (phụ lục)"]
        if lang == "vi"
        else ["Criterion", "Communes meeting", "Communes missing", "Communes missing (annex)"]
    )
    frame = pd.DataFrame(rows, columns=columns).sort_values(columns[2], kind="stable")
    if annex is None or annex.empty:
        frame = frame.drop(columns=columns[3])
    return frame


def criteria_target(data: PeriodData) -> float | None:
    """The target average of criteria per commune, if the year has one."""
    for target in data.targets:
        if target.indicator == "criteria_avg_per_commune":
            return target.target
    return None


__all__ = [
    "criteria_average_summary",
    "criteria_target",
    "gap_table",
    "outlook",
    "outlook_frame",
    "plot_progress",
    "styled_outlook",
]
