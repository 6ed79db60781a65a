"""Charts of the national criteria: communes by band, communes meeting each criterion, and the
district × criterion and commune × criterion matrices (met, not met, unknown).

A criterion the source does not name for an area is unknown ("chưa rõ"), drawn in a third
colour that the legend names, never as met.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.colors import ListedColormap
from matplotlib.figure import Figure

from ntm_analysis.dataset.period import PeriodData
from ntm_analysis.i18n import N_, t
from ntm_analysis.report.charts.bars import bars, describe, printed
from ntm_analysis.report.charts.style import (
    MET,
    NOT_MET,
    UNKNOWN,
    chart_style,
    new_figure,
    set_alt,
    set_title,
    status_legend,
    wrap_labels,
)

# matrix codes: 0 not met, 1 unknown, 2 met (one colour each)
STATUS_CMAP = ListedColormap([NOT_MET, UNKNOWN, MET])
_STATUS = {"no": 0.0, "unknown": 1.0, "yes": 2.0}

# Titles and words of the criteria charts, translated at use.
TEXT = {
    "bands": N_("Số xã theo số tiêu chí đạt"),
    "attainment": N_("Số xã đạt từng tiêu chí"),
    "not_reported": N_("chưa có số liệu"),
    "district": N_("Tiêu chí huyện nông thôn mới theo từng huyện"),
    "commune": N_("Tiêu chí xã theo từng xã"),
    "commune_axis": N_("Tiêu chí số"),
    "count": N_("{met} đạt, {no} chưa đạt, {unknown} chưa rõ"),
}


def plot_criteria_bands(data: PeriodData, lang: str = "vi", *, title: str | None = None):
    """Communes by number of criteria met (the report's bands), as printed."""
    codes = ["communes_19_criteria", "communes_15_18_criteria", "communes_10_14_criteria"]
    codes = [c for c in codes if data.has(c)]
    figures = [printed(data, c, lang) for c in codes]
    frame = pd.DataFrame(
        {
            "label": [data.catalogue.label(c, lang) for c in codes],
            "value": [f.value for f in figures],
            "text": [f.text for f in figures],
        }
    )
    return bars(
        frame,
        title or t(lang, TEXT["bands"]),
        "communes",
        lang,
        xlabel=data.catalogue.unit_label("communes", lang),
    )


def criteria_attainment(data: PeriodData, lang: str = "vi") -> pd.DataFrame:
    """Communes meeting each commune criterion of the period's set, from the indicators that
    declare `criterion:` in the catalogue; criteria the period does not report are NaN."""
    by_criterion = {
        i.criterion: i.code
        for i in data.catalogue.indicators.values()
        if i.criterion and data.has(i.code)
    }
    total = data.value("communes_total") if data.has("communes_total") else len(data.communes)
    rows = []
    for criterion in data.criteria.commune:
        code = by_criterion.get(criterion.id)
        met = data.value(code) if code else float("nan")
        rows.append(
            {
                "criterion": criterion.id,
                "label": f"{criterion.number}. {criterion.name(lang)}",
                "met": met,
                "share": met / total * 100 if total else float("nan"),
            }
        )
    return pd.DataFrame(rows)


def plot_criteria_attainment(data: PeriodData, lang: str = "vi", *, title: str | None = None):
    """Communes meeting each commune criterion, as printed ("72/85"); criteria the period does
    not report are marked as such, not drawn."""
    table = criteria_attainment(data, lang)
    total = data.value("communes_total") if data.has("communes_total") else len(data.communes)
    total_text = printed(data, "communes_total", lang).text if data.has("communes_total") else ""
    text = [
        t(lang, TEXT["not_reported"])
        if pd.isna(met)
        else (f"{met:.0f}/{total_text}" if total_text else f"{met:.0f}")
        for met in table["met"]
    ]
    frame = pd.DataFrame({"label": table["label"], "value": table["met"].fillna(0), "text": text})
    fig = bars(
        frame,
        title or t(lang, TEXT["attainment"]),
        "communes",
        lang,
        xlabel=data.catalogue.unit_label("communes", lang),
        xmax=float(total) * 1.22 if total else None,
    )
    return fig


def _cells(ax: Axes, matrix: pd.DataFrame) -> None:
    """`matrix` as coloured cells in white frames, first row on top, every row and column
    labelled at its centre (the callers size the figure to the rows), no spines."""
    rows, columns = matrix.shape
    values = np.ma.masked_invalid(matrix.to_numpy(dtype=float))
    ax.pcolormesh(values, cmap=STATUS_CMAP, vmin=-0.5, vmax=2.5, linewidths=0.5, edgecolor="white")
    ax.set(xlim=(0, columns), ylim=(0, rows))
    ax.invert_yaxis()
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.set_xticks(np.arange(columns) + 0.5, [str(c) for c in matrix.columns])
    ax.set_yticks(np.arange(rows) + 0.5, [str(i) for i in matrix.index], va="center")


def _status_matrix(
    matrix: pd.DataFrame, title: str, lang: str, *, height: float, xlabel: str = ""
) -> Figure:
    """Heatmap of statuses (0 not met, 1 unknown, 2 met) with a legend naming the colours."""
    with chart_style():
        fig, ax = new_figure(height)
        _cells(ax, matrix)
        set_title(ax, title)
        ax.set_xlabel(xlabel)
        ax.set_ylabel("")
        ax.tick_params(axis="both", length=0)
        ax.tick_params(axis="y", labelrotation=0)
        status_legend(ax, lang)
    counts = []
    for name, row in matrix.iterrows():
        summary = t(
            lang,
            TEXT["count"],
            met=int((row == 2).sum()),
            no=int((row == 0).sum()),
            unknown=int((row == 1).sum()),
        )
        counts.append((str(name).replace("\n", " "), summary))
    return set_alt(fig, describe("matrix", title, counts, lang))


def district_status(data: PeriodData) -> pd.DataFrame:
    """District × criterion status as the source supports it: `yes`, `no` or `unknown`.

    A status derived from the district's stated count ("6/9") while the source names fewer
    met criteria than that count is unknown: the source never names that criterion as met
    (e.g. Châu Thành's 6/9 with five named). Statuses derived from recognition (a recognised
    district meets all criteria) or from a complete list stay as they are.
    """
    table = data.district_criteria.copy()
    for code, rows in table.groupby("district_code"):
        if not data.has("district_criteria_met", code):
            continue
        stated = data.value("district_criteria_met", code)
        named = ((rows["met"] == "yes") & (rows["provenance"] == "reported")).sum()
        if named != stated:
            guessed = rows.index[(rows["provenance"] == "derived") & (rows["met"] == "yes")]
            table.loc[guessed, "met"] = "unknown"
    return table


def plot_district_criteria(data: PeriodData, lang: str = "vi", *, title: str | None = None):
    """District × district criterion matrix: met, not met, unknown (a criterion the source
    does not name for a district is unknown)."""
    table = district_status(data)
    names = data.area_names(lang)
    criteria = [c for c in data.criteria.district]
    matrix = table.pivot(index="district_code", columns="criterion", values="met")
    matrix = matrix.reindex(columns=[c.id for c in criteria])
    score = matrix.apply(lambda col: col.map(_STATUS)).fillna(_STATUS["unknown"]).astype(float)
    score.index = [names.get(c, "") for c in score.index]
    score.columns = wrap_labels([f"{c.number}. {c.name(lang)}" for c in criteria], 11)
    lines = max(label.count("\n") + 1 for label in score.columns)
    fig = _status_matrix(
        score,
        title or t(lang, TEXT["district"]),
        lang,
        height=0.36 * len(score) + 0.15 * lines + 1.2,
    )
    fig.axes[0].tick_params(axis="x", labelrotation=0, labelsize=7.5)
    return fig


def plot_commune_criteria(
    data: PeriodData, lang: str = "vi", max_rows: int = 40, *, title: str | None = None
):
    """Commune × criterion heatmap from the annex (met / not met / unknown), communes with
    the most unmet criteria first; None without an annex."""
    table = data.commune_criteria
    if table is None or table.empty:
        return None
    matrix = table.pivot(index="code", columns="criterion", values="met")
    met = matrix.astype("Float64").astype(float)  # 1 met, 0 not met, NaN not reported
    unmet = (met == 0).sum(axis=1)
    met = met.loc[unmet.sort_values(ascending=False).index]
    met = met[unmet.loc[met.index] > 0].head(max_rows) if (unmet > 0).any() else met.head(max_rows)
    score = (met * 2).fillna(_STATUS["unknown"])
    names = data.area_names(lang)
    score.index = [names.get(c, "") for c in score.index]
    score.columns = [str(data.criteria.get(c).number) for c in score.columns]
    fig = _status_matrix(
        score,
        title or t(lang, TEXT["commune"]),
        lang,
        height=0.22 * len(score) + 1.9,
        xlabel=t(lang, TEXT["commune_axis"]),
    )
    fig.axes[0].tick_params(axis="y", labelsize=7)
    return fig
