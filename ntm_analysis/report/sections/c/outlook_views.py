"""C's views of the outlook: each target's judgement, the table with a status colour per row,
the progress chart, the earlier period's forecast against this period's figures, and the
workings (recomputations, paces, parameters, every district's and commune's probability) in a
collapsed block for analysts."""

from __future__ import annotations

import html
from dataclasses import dataclass

import pandas as pd
from matplotlib.figure import Figure

from ntm_analysis.dataset.period import PeriodData, load_period
from ntm_analysis.i18n import N_, t
from ntm_analysis.outlook import TargetOutlook, model_of
from ntm_analysis.outlook.backtest import Backtest, backtest, earlier_outlook
from ntm_analysis.outlook.history_text import backtest_frame, backtest_summary
from ntm_analysis.outlook.table import outlook_frame
from ntm_analysis.outlook.wording import chance, language, status_label
from ntm_analysis.report.charts import plot_target_progress
from ntm_analysis.report.charts.targets import STATUS_COLOUR  # one colour per status
from ntm_analysis.report.sections.c.parameter_labels import parameter_label
from ntm_analysis.report.words.markdown import MarkdownText, capitalise, escape_markdown
from ntm_analysis.text.numbers import format_number

SOURCES = {
    "assumption": N_("giả định"),
    "calibrated": N_("ước lượng từ số liệu các kỳ"),
    "office": N_("văn phòng quy định"),
}
WORKINGS = N_("Phụ lục: cách tính dự báo (tham số, xác suất từng xã, từng huyện)")


@dataclass(frozen=True)
class Judgement:
    """One target's paragraph for the templates: its label and its judgement (escaped)."""

    id: str
    label: str
    status: str
    text: MarkdownText


def judgements(rows: list[TargetOutlook], lang: str = "vi") -> list[Judgement]:
    """Each target's judgement, in the targets file's order."""
    return [
        Judgement(
            r.id,
            r.label(lang),
            status_label(r.status, lang),
            MarkdownText(escape_markdown(r.judgement_text(lang))),
        )
        for r in rows
    ]


def styled_outlook(rows: list[TargetOutlook], lang: str = "vi"):
    """The targets table with a status colour per row (pandas Styler; text escaped), laid out
    like the page's other tables (`ntm-table`: text left)."""
    frame = outlook_frame(rows, lang)
    colours = [STATUS_COLOUR[r.status] for r in rows]
    status_col = frame.columns[-1]

    def paint(column: pd.Series) -> list[str]:
        if column.name != status_col:
            return [""] * len(column)
        return [f"background-color: {c}" for c in colours]

    styler = frame.style.apply(paint).hide(axis="index").format(escape="html")
    return styler.set_table_attributes('class="ntm-table"')  # text left, as the page's tables


def plot_progress(rows: list[TargetOutlook], lang: str = "vi") -> Figure | None:
    """Bullet chart: current value and forecast (with its 80 % range) as a share of each
    target, coloured by status (drawn by `report.charts.plot_target_progress`)."""
    return plot_target_progress(rows, lang)


def previous_forecast(data: PeriodData) -> Backtest | None:
    """The earlier period's outlook of this year checked against this period (None when no
    earlier mid-year period of the year has targets)."""
    earlier = earlier_outlook(data)
    if earlier is None:
        return None
    return backtest(load_period(earlier, data.data_dir, province=data.province), data)


def previous_forecast_block(
    result: Backtest | None, lang: str = "vi"
) -> tuple[list[str], pd.DataFrame]:
    """Sentences and a table: the earlier forecasts against this period's figures (empty when
    there is none)."""
    if result is None:
        return [], pd.DataFrame()
    return backtest_summary(result, lang), backtest_frame(result, lang, only_forecast=True)


def _table(frame: pd.DataFrame) -> str:
    return frame.to_html(index=False, escape=True, border=0, classes="ntm-table")


def _h(text: str) -> str:
    return f"<h3>{html.escape(text)}</h3>"


def _workings_rows(rows: list[TargetOutlook], lang: str) -> pd.DataFrame:
    columns = [
        t(lang, "Chỉ tiêu"),
        t(lang, "Khả năng đạt (chưa làm tròn)"),
        t(lang, "Tốc độ cần so với tốc độ từ đầu năm (lần)"),
        t(lang, "Cách tính"),
    ]
    out = []
    for r in rows:
        multiple = r.pace_multiple if r.p_meet is not None else None
        out.append(
            [
                r.label(lang),
                "—" if r.p_meet is None else format_number(r.p_meet, 4, lang),
                "—" if multiple is None else format_number(multiple, 1, lang),
                r.note_text(lang) or "—",
            ]
        )
    return pd.DataFrame(out, columns=columns)


def _parameters(data: PeriodData, lang: str) -> pd.DataFrame:
    params = model_of(data).params
    months = int(params.reference_months.value)
    rows = []

    def walk(prefix: str, node, or_more: bool = False) -> None:
        if hasattr(node, "source") and hasattr(node, "value"):
            seen = "" if node.observations is None else f" ({node.observations})"
            source = t(lang, SOURCES[node.source]) + seen
            digits = 0 if float(node.value).is_integer() and node.value > 1 else 3
            label = parameter_label(prefix, lang, months=months, or_more=or_more)
            rows.append([label, format_number(node.value, digits, lang), source])
            return
        largest = None
        if hasattr(node, "root"):  # a table by gap: its last gap stands for every larger one
            items, largest = node.root.items(), max(node.root)
        elif isinstance(node, dict):
            items = node.items()
        else:  # a model: its fields in order
            items = ((k, getattr(node, k)) for k in type(node).model_fields)
        for key, value in items:
            if value is None:
                continue
            walk(f"{prefix}.{key}" if prefix else str(key), value, key == largest)

    walk("", {k: getattr(params, k) for k in type(params).model_fields})
    columns = [t(lang, "Tham số"), t(lang, "Giá trị"), t(lang, "Nguồn (số quan sát)")]
    return pd.DataFrame(rows, columns=columns)


def _districts(data: PeriodData, lang: str) -> pd.DataFrame:
    names = data.area_names(lang)
    rows = []
    for code, d in model_of(data).districts().items():
        rows.append(
            [
                capitalise(names.get(code, code)),
                f"{d.met}/{d.needed}",
                chance(d.p_criteria, lang),
                chance(d.p_communes, lang),
                chance(d.p_complete, lang),
            ]
        )
    columns = [
        t(lang, "Huyện"),
        t(lang, "Tiêu chí huyện đạt"),
        t(lang, "Khả năng đạt đủ tiêu chí huyện"),
        t(lang, "Khả năng mọi xã được công nhận"),
        t(lang, "Khả năng đạt chuẩn"),
    ]
    return pd.DataFrame(rows, columns=columns)


def _communes(data: PeriodData, lang: str) -> pd.DataFrame:
    so = model_of(data).ntm()
    names = data.area_names(lang)
    rows = []
    if so is not None:
        table = data.communes
        for i in so.candidates():
            rows.append(
                [
                    so.frame["name"].iat[i],
                    capitalise(names.get(so.frame["district_code"].iat[i], "")),
                    _span(table["criteria_min"].iat[i], table["criteria_max"].iat[i]),
                    t(lang, "có") if so.frame["registered"].iat[i] else "",
                    chance(float(so.p_new[i]), lang),
                ]
            )
    columns = [
        t(lang, "Xã"),
        t(lang, "Huyện"),
        t(lang, "Tiêu chí đạt"),
        t(lang, "Đăng ký trong năm"),
        t(lang, "Khả năng đạt chuẩn trong năm"),
    ]
    return pd.DataFrame(rows, columns=columns)


def _span(lo: int, hi: int) -> str:
    return str(lo) if lo == hi else f"{lo}–{hi}"


def workings(data: PeriodData, rows: list[TargetOutlook], lang: str = "vi") -> str:
    """The forecast's workings as a collapsed HTML block (left out of the documents sent)."""
    lang = language(lang)
    parts = [
        _table(_workings_rows(rows, lang)),
        _h(t(lang, "Khả năng đạt chuẩn của từng huyện")),
        _table(_districts(data, lang)),
        _h(t(lang, "Khả năng đạt chuẩn trong năm của từng xã chưa được công nhận")),
        _table(_communes(data, lang)),
        _h(t(lang, "Tham số của mô hình dự báo")),
        _table(_parameters(data, lang)),
    ]
    summary = html.escape(t(lang, WORKINGS))
    return f'<details class="ntm-appendix"><summary>{summary}</summary>{"".join(parts)}</details>'


__all__ = [
    "Judgement",
    "judgements",
    "plot_progress",
    "previous_forecast",
    "previous_forecast_block",
    "styled_outlook",
    "workings",
]
