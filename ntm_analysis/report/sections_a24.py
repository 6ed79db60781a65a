"""Grouped tables and charts of sections A.II.4.1 to A.II.4.8 (the key tasks).

Each table is declared once, as data (`templates/tables/a2_4.yml`: rows × columns of
catalogue codes, validated as `TableSpec`); the generic `figure_table` fills it with the
figures as the report prints them, in the page's number format, and drops the rows a period
does not report. Charts draw printed figures only:
recomputed values belong on the data-quality page. Functions return DataFrames and Figures;
they display nothing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from pathlib import Path

import pandas as pd
from matplotlib.figure import Figure
from pydantic import BaseModel, ConfigDict, model_validator

from ntm_analysis import i18n
from ntm_analysis.dataset.files import read_yaml
from ntm_analysis.dataset.period import PeriodData
from ntm_analysis.i18n import t, tp
from ntm_analysis.report.charts.bars import bars
from ntm_analysis.report.wording import QUALIFIER_WORDS
from ntm_analysis.text.numbers import display_decimals, format_number, format_value

TABLES = Path(__file__).parent / "templates" / "tables" / "a2_4.yml"
QUALIFIERS = ("over", "more_than", "about", "under")  # those a key-task figure may carry


def _qualifier(qualifier: str | None, lang: str) -> str:
    return t(lang, QUALIFIER_WORDS[qualifier]) if qualifier in QUALIFIERS else ""


class Text(BaseModel):
    """A wording in both page languages."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    vi: str
    en: str

    def __call__(self, lang: str) -> str:
        return i18n.pick(lang, self.vi, self.en)


Cell = str | tuple[str, str] | None  # a code, a [low, high] range of codes, or an empty cell


class Row(BaseModel):
    """One row: its label and one cell per column; `total` rows stay out of charts."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    label: Text
    cells: tuple[Cell, ...]
    total: bool = False


class TableSpec(BaseModel):
    """A grouped table: a first column naming each row, then one column per measure."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    section: str
    first: Text
    columns: tuple[Text, ...]
    rows: tuple[Row, ...]

    @model_validator(mode="after")
    def _cells_fit_columns(self) -> TableSpec:
        for row in self.rows:
            if len(row.cells) != len(self.columns):
                raise ValueError(
                    f"row {row.label.en!r} has {len(row.cells)} cells for "
                    f"{len(self.columns)} columns"
                )
        return self

    def codes(self) -> list[str]:
        """Every catalogue code the table reads."""
        out: list[str] = []
        for row in self.rows:
            for cell in row.cells:
                out.extend([cell] if isinstance(cell, str) else list(cell or ()))
        return out


@cache
def table_specs() -> dict[str, TableSpec]:
    """The tables of sections A.II.4.1–4.8, from `templates/tables/a2_4.yml`."""
    raw = read_yaml(TABLES)
    return {name: TableSpec.model_validate(spec) for name, spec in raw.items()}


def printed(data: PeriodData, code: str, lang: str = "vi", area: str | None = None) -> str:
    """One figure as the report prints it, in `lang`'s number format, without its unit:
    qualifier kept (`trên 3.981,71`), decimals as printed, `%` left to the column header."""
    fig = data.figure(code, area)
    unit = data.catalogue[code].unit
    decimals = display_decimals(fig.as_written)
    if decimals is None:
        text = format_value(fig.value, unit, lang)
    else:
        text = format_number(fig.value, decimals, lang)
    text = text.rstrip("%")
    word = _qualifier(fig.qualifier, lang)
    return f"{word} {text}".strip()


def _cell(data: PeriodData, cell: Cell, lang: str, area: str | None) -> str | None:
    if cell is None:
        return ""
    if isinstance(cell, tuple):
        low, high = cell
        if not (data.has(low, area) and data.has(high, area)):
            return None
        word = _qualifier(data.figure(low, area).qualifier, lang)
        low_text = printed(data, low, lang, area).removeprefix(word).strip()
        return f"{word} {low_text}–{printed(data, high, lang, area)}".strip()
    return printed(data, cell, lang, area) if data.has(cell, area) else None


def figure_table(
    data: PeriodData, spec: TableSpec | str, lang: str = "vi", area: str | None = None
) -> pd.DataFrame:
    """`spec` (or the name of one of `table_specs()`) filled with the period's printed
    figures; a row with no figure is left out, a cell the period lacks reads `—`."""
    if isinstance(spec, str):
        spec = table_specs()[spec]
    rows = []
    for row in spec.rows:
        values = [_cell(data, c, lang, area) for c in row.cells]
        if all(v in (None, "") for v in values):
            continue
        rows.append([row.label(lang)] + [v if v is not None else "—" for v in values])
    columns = [spec.first(lang)] + [c(lang) for c in spec.columns]
    return pd.DataFrame(rows, columns=columns)


_CRITERION_CODE = re.compile(r"^communes_met_c(\d{2})_")


def _criteria_codes(data: PeriodData, prefixes: Sequence[str]) -> list[tuple[int, str, str]]:
    """(criterion number, communes-met code, total code) reported in the given sections."""
    out = []
    for code, indicator in data.catalogue.indicators.items():
        match = _CRITERION_CODE.match(code)
        if not match or not any(indicator.section.startswith(p) for p in prefixes):
            continue
        total = f"communes_total_c{match.group(1)}"
        if data.has(code) and data.has(total):
            out.append((int(match.group(1)), code, total))
    return sorted(out)


def criteria_table(data: PeriodData, prefixes: Sequence[str], lang: str = "vi") -> pd.DataFrame:
    """Communes meeting each commune criterion the given sections report, with the total
    (criteria in their set's order, named in words)."""
    rows = [
        [
            number,
            _criterion_name(data, number, lang),
            printed(data, met, lang),
            printed(data, total, lang),
        ]
        for number, met, total in _criteria_codes(data, prefixes)
    ]
    columns = [
        t(lang, "Số"),
        t(lang, "Tiêu chí"),
        tp(lang, "column: communes meeting the criterion", "Số xã đạt"),
        t(lang, "Tổng số xã"),
    ]
    return pd.DataFrame(rows, columns=columns)


def _criterion_name(data: PeriodData, number: int, lang: str) -> str:
    criterion_id = f"C{number:02d}"
    if criterion_id in data.criteria.ids():
        return data.criteria.get(criterion_id).name(lang)
    return str(number)


# --- Charts (drawn by the charts package: style in a context, alt text in the page's language)


def table_chart(
    data: PeriodData,
    spec: TableSpec | str,
    column: int,
    title: str,
    lang: str = "vi",
    area: str | None = None,
) -> Figure | None:
    """One column of a grouped table as bars of its printed figures (totals left out);
    None when the period reports fewer than two of them."""
    if isinstance(spec, str):
        spec = table_specs()[spec]
    rows = []
    unit = ""
    for row in spec.rows:
        code = row.cells[column]
        if row.total or not isinstance(code, str) or not data.has(code, area):
            continue
        unit = data.catalogue[code].unit
        text = printed(data, code, lang, area) + ("%" if unit == "percent" else "")
        rows.append({"label": row.label(lang), "value": data.value(code, area), "text": text})
    if len(rows) < 2:
        return None
    xmax = 112.0 if unit == "percent" else None
    return bars(pd.DataFrame(rows), title, unit, lang, xlabel=spec.columns[column](lang), xmax=xmax)


def criteria_chart(
    data: PeriodData, prefixes: Sequence[str], title: str, lang: str = "vi"
) -> Figure | None:
    """Communes meeting each criterion the sections report, out of the communes counted
    (bars annotated "83/85" as the report prints them)."""
    codes = _criteria_codes(data, prefixes)
    if len(codes) < 2:
        return None
    frame = pd.DataFrame(
        {
            "label": [_criterion_name(data, number, lang) for number, _, _ in codes],
            "value": [data.value(met) for _, met, _ in codes],
            "text": [
                f"{printed(data, met, lang)}/{printed(data, total, lang)}"
                for _, met, total in codes
            ],
        }
    )
    xmax = max(data.value(total) for _, _, total in codes) * 1.12
    axis = tp(lang, "axis: communes meeting each criterion", "Số xã đạt")
    return bars(frame, title, "communes", lang, xlabel=axis, xmax=xmax)
