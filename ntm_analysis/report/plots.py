"""Charts (seaborn/matplotlib), one style, Vietnamese labels by default, readable at A4 width.

Charts are derived from the catalogue's relations, not drawn one by one: every `sum` relation
can show its parts, every `ratio` relation its share.
"""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")  # headless: notebooks and the runner have no display

import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns

from ntm_analysis.dataset.period import PeriodData
from ntm_analysis.report.sections import in_section
from ntm_analysis.text.numbers import format_value

A4_WIDTH_IN = 7.0
PALETTE = "crest"


def apply_style() -> None:
    """The project's one chart style."""
    sns.set_theme(style="whitegrid", context="notebook", font_scale=0.9)
    plt.rcParams.update({"figure.dpi": 100, "savefig.bbox": "tight", "axes.titleweight": "bold"})


def _bars(frame: pd.DataFrame, title: str, xlabel: str, unit: str, lang: str):
    apply_style()
    height = max(1.8, 0.38 * len(frame) + 0.9)
    fig, ax = plt.subplots(figsize=(A4_WIDTH_IN, height))
    sns.barplot(data=frame, y="label", x="value", ax=ax, color=sns.color_palette(PALETTE)[2])
    for patch, value in zip(ax.patches, frame["value"], strict=False):
        ax.annotate(
            format_value(value, unit, lang),
            (patch.get_width(), patch.get_y() + patch.get_height() / 2),
            xytext=(3, 0),
            textcoords="offset points",
            va="center",
            fontsize=8,
        )
    ax.set(title=title, xlabel=xlabel, ylabel="")
    ax.margins(x=0.15)
    fig.tight_layout()
    return fig


def plot_sum(data: PeriodData, relation_id: str, lang: str = "vi", area: str | None = None):
    """Bar chart of the parts of a `sum` relation (e.g. funding by source)."""
    relation = next(r for r in data.catalogue.relations if r.id == relation_id)
    area = area or data.province
    parts = [c for c in relation["parts"] if data.has(c, area)]
    frame = pd.DataFrame(
        {
            "label": [data.catalogue.label(c, lang) for c in parts],
            "value": [data.value(c, area) for c in parts],
        }
    )
    total = relation["total"]
    unit = data.catalogue[total].unit
    return _bars(
        frame, data.catalogue.label(total, lang), data.catalogue.unit_label(unit, lang), unit, lang
    )


def sum_relations(data: PeriodData, prefixes: list[str]) -> list[str]:
    """Ids of the exhaustive sums observed in the given sections that have 3+ parts or are
    marked `chart: true` in the catalogue."""
    out = []
    for r in data.catalogue.relations:
        if r.kind != "sum" or not r.get("exhaustive", True):
            continue
        if len(r["parts"]) < 3 and not r.get("chart"):
            continue
        total = data.catalogue[r["total"]]
        if in_section(total.section, prefixes) and data.has(r["total"]):
            out.append(r.id)
    return out


def plot_shares(data: PeriodData, prefixes: list[str], lang: str = "vi"):
    """Horizontal bars of every printed share (ratio relations) of the given sections,
    recomputed from numerator/denominator; None when the sections print no share."""
    rows = []
    for r in data.catalogue.relations:
        if r.kind != "ratio":
            continue
        pct = data.catalogue[r["percent"]]
        if not in_section(pct.section, prefixes):
            continue
        for area in data.values(r["percent"]).index:
            if data.has(r["numerator"], area) and data.has(r["denominator"], area):
                value = data.value(r["numerator"], area) / data.value(r["denominator"], area)
                label = pct.label(lang)
                if area != data.province:
                    label += f" — {data.area_names(lang).get(area, area)}"
                rows.append({"label": label, "value": value * 100})
    if not rows:
        return None
    frame = pd.DataFrame(rows)
    title = "Tỷ lệ (tính lại từ tử số/mẫu số)" if lang == "vi" else "Shares (recomputed)"
    fig = _bars(frame, title, "%", "percent", lang)
    fig.axes[0].set_xlim(0, 115)
    return fig


def plot_criteria_bands(data: PeriodData, lang: str = "vi"):
    """Communes by number of criteria met (the report's bands)."""
    codes = ["communes_19_criteria", "communes_15_18_criteria", "communes_10_14_criteria"]
    codes = [c for c in codes if data.has(c)]
    frame = pd.DataFrame(
        {
            "label": [data.catalogue.label(c, lang) for c in codes],
            "value": [data.value(c) for c in codes],
        }
    )
    title = "Số xã theo số tiêu chí đạt" if lang == "vi" else "Communes by criteria met"
    return _bars(frame, title, data.catalogue.unit_label("communes", lang), "communes", lang)


def plot_district_criteria(data: PeriodData, lang: str = "vi"):
    """District × district criterion matrix: met, not met, unknown."""
    apply_style()
    table = data.district_criteria
    names = data.area_names(lang)
    matrix = table.pivot(index="district_code", columns="criterion", values="met")
    score = matrix.replace({"yes": 1, "no": 0, "unknown": 0.5}).astype(float)
    score.index = [names.get(c, c) for c in score.index]
    score.columns = [
        f"{c[1:].lstrip('0')}. {data.criteria.get(c).name(lang)}"[:28] for c in score.columns
    ]
    fig, ax = plt.subplots(figsize=(A4_WIDTH_IN, 0.4 * len(score) + 2.2))
    sns.heatmap(
        score,
        cmap=sns.color_palette(["#d95f5f", "#f2d16b", "#4a9c6d"], as_cmap=True),
        vmin=0,
        vmax=1,
        cbar=False,
        linewidths=0.5,
        ax=ax,
    )
    title = (
        "Tiêu chí huyện NTM đạt (xanh), chưa đạt (đỏ)"
        if lang == "vi"
        else ("District NTM criteria met (green) / not met (red)")
    )
    ax.set(title=title, xlabel="", ylabel="")
    ax.tick_params(axis="x", labelrotation=60, labelsize=7)
    fig.tight_layout()
    return fig


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


def plot_criteria_attainment(data: PeriodData, lang: str = "vi"):
    """Share of communes meeting each of the commune criteria (missing ones marked)."""
    apply_style()
    table = criteria_attainment(data, lang)
    missing = "không có số liệu" if lang == "vi" else "not reported"
    fig, ax = plt.subplots(figsize=(A4_WIDTH_IN, 0.32 * len(table) + 1.2))
    sns.barplot(
        data=table.fillna({"share": 0}),
        y="label",
        x="share",
        ax=ax,
        color=sns.color_palette(PALETTE)[3],
    )
    for patch, row in zip(ax.patches, table.itertuples(), strict=False):
        text = (
            missing
            if pd.isna(row.met)
            else f"{row.met:.0f} ({format_value(row.share, 'percent', lang, 1)})"
        )
        ax.annotate(
            text,
            (patch.get_width(), patch.get_y() + patch.get_height() / 2),
            xytext=(3, 0),
            textcoords="offset points",
            va="center",
            fontsize=7,
        )
    title = "Số xã đạt từng tiêu chí" if lang == "vi" else "Communes meeting each criterion"
    ax.set(title=title, xlabel="%", ylabel="", xlim=(0, 125))
    fig.tight_layout()
    return fig


def plot_commune_criteria(data: PeriodData, lang: str = "vi", max_rows: int = 40):
    """Commune × criterion heatmap from the annex (met / not met / not reported), communes
    with the most unmet criteria first; None without an annex."""
    table = data.commune_criteria
    if table is None or table.empty:
        return None
    apply_style()
    matrix = table.pivot(index="code", columns="criterion", values="met")
    score = matrix.astype("Float64").astype(float)  # 1 met, 0 not met, NaN not reported
    unmet = (score == 0).sum(axis=1)
    score = score.loc[unmet.sort_values(ascending=False).index]
    score = (
        score[unmet.loc[score.index] > 0].head(max_rows)
        if (unmet > 0).any()
        else score.head(max_rows)
    )
    names = data.area_names(lang)
    score.index = [names.get(c, c) for c in score.index]
    score.columns = [str(data.criteria.get(c).number) for c in score.columns]
    fig, ax = plt.subplots(figsize=(A4_WIDTH_IN, 0.22 * len(score) + 1.6))
    sns.heatmap(
        score,
        cmap=sns.color_palette(["#d95f5f", "#4a9c6d"], as_cmap=True),
        vmin=0,
        vmax=1,
        cbar=False,
        linewidths=0.3,
        linecolor="white",
        ax=ax,
    )
    title = (
        "Xã × tiêu chí (xanh: đạt, đỏ: chưa đạt, trắng: không có số liệu)"
        if lang == "vi"
        else "Commune × criterion (green met, red not met, blank not reported)"
    )
    ax.set(title=title, xlabel="", ylabel="")
    ax.tick_params(axis="y", labelsize=7)
    fig.tight_layout()
    return fig


def plot_ratio_amounts(data: PeriodData, prefixes: list[str], unit: str, lang: str = "vi"):
    """Achieved against total for every ratio of the sections whose figures are in `unit`
    (e.g. km of road hardened against km of road, by road class); None when there is none."""
    rows = []
    for r in data.catalogue.relations:
        if r.kind != "ratio" or data.catalogue[r["numerator"]].unit != unit:
            continue
        if not in_section(data.catalogue[r["percent"]].section, prefixes):
            continue
        if data.has(r["numerator"]) and data.has(r["denominator"]):
            rows.append(
                {
                    "label": data.catalogue.label(r["denominator"], lang),
                    "done": data.value(r["numerator"]),
                    "total": data.value(r["denominator"]),
                }
            )
    if not rows:
        return None
    apply_style()
    frame = pd.DataFrame(rows)
    fig, ax = plt.subplots(figsize=(A4_WIDTH_IN, 0.5 * len(frame) + 1.4))
    palette = sns.color_palette(PALETTE)
    sns.barplot(
        data=frame,
        y="label",
        x="total",
        color=palette[0],
        ax=ax,
        label="tổng" if lang == "vi" else "total",
    )
    sns.barplot(
        data=frame,
        y="label",
        x="done",
        color=palette[4],
        ax=ax,
        label="đã đạt" if lang == "vi" else "achieved",
    )
    for i, row in frame.iterrows():
        share = format_value(row["done"] / row["total"] * 100, "percent", lang, 1)
        ax.annotate(
            f"{format_value(row['done'], unit, lang)} / "
            f"{format_value(row['total'], unit, lang)} ({share})",
            (row["total"], i),
            xytext=(3, 0),
            textcoords="offset points",
            va="center",
            fontsize=7,
        )
    unit_label = data.catalogue.unit_label(unit, lang)
    title = (
        f"Đã đạt so với tổng ({unit_label})"
        if lang == "vi"
        else f"Achieved against total ({unit_label})"
    )
    ax.set(title=title, xlabel=unit_label, ylabel="")
    ax.margins(x=0.35)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.22), ncol=2, fontsize=7, frameon=False)
    fig.tight_layout()
    return fig
