"""Grouped tables and charts: rows × columns of catalogue codes, filled with printed figures.

A section declares its tables as data in its own folder, `sections/<builder>/tables.yml`
(rows × columns of catalogue codes, validated as `TableSpec`, unknown keys refused), and loads
them with `builder_tables("<builder>")`; the generic `figure_table` fills a spec with the
figures as the report prints them, in the page's number format, and drops the rows a period
does not report. Charts draw printed figures only: recomputed values belong on the
data-quality page. Functions return DataFrames and Figures; they display nothing.
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
from ntm_analysis.dataset.files import read_yaml_document
from ntm_analysis.dataset.models import validate_document
from ntm_analysis.dataset.period import PeriodData
from ntm_analysis.dataset.yaml_strict import YamlDocument
from ntm_analysis.errors import InputError, InputErrors, Message
from ntm_analysis.i18n import N_, t, tp
from ntm_analysis.report.charts.bars import bars
from ntm_analysis.report.words import figures

SECTIONS_DIR = Path(__file__).parent
TABLES_FILE = "tables.yml"  # a builder's grouped tables: sections/<builder>/tables.yml


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
def table_specs(path: Path) -> dict[str, TableSpec]:
    """The grouped tables declared in the YAML file `path` (`name: spec`), validated:
    InputError naming the file, line, table and key on a bad one. An absent file declares
    none."""
    if not path.is_file():
        return {}
    document = read_yaml_document(path)
    if document.data is None:
        return {}
    if not isinstance(document.data, dict):
        raise InputError(
            N_("tệp không liệt kê các bảng theo tên"),
            path=path,
            expected=N_("các bảng theo tên, mỗi bảng có first, columns và rows"),
        )
    return {str(name): _validated(document, str(name)) for name in document.data}


def _validated(document: YamlDocument, name: str) -> TableSpec:
    """One table of a tables file, its errors located in the file."""
    lines = {p[1:]: line for p, line in document.lines.items() if p[:1] == (name,)}
    try:
        return validate_document(TableSpec, YamlDocument(document.data[name], document.path, lines))
    except InputError as exc:
        first = exc.errors[0] if isinstance(exc, InputErrors) else exc
        column = f"{name}.{first.column}" if first.column else name
        raise InputError(
            N_("bảng {name}: {problem}"),
            name=name,
            problem=Message(first.msgid, **first.values),
            **{k: v for k, v in first.values.items() if k not in ("name", "problem")},
            path=document.path,
            row=first.row if first.row is not None else document.lines.get((name,)),
            column=column,
            expected=first.expected,
        ) from None


def builder_tables(builder: str) -> dict[str, TableSpec]:
    """The grouped tables of section builder `builder` (`sections/<builder>/tables.yml`)."""
    if not re.fullmatch(r"[a-z][a-z0-9_]*", builder):
        raise ValueError(f"{builder!r} is not a section builder's name")
    return table_specs(SECTIONS_DIR / builder / TABLES_FILE)


def every_table_spec() -> dict[str, dict[str, TableSpec]]:
    """Every grouped table the package declares: by builder, then by name."""
    out = {}
    for path in sorted(SECTIONS_DIR.glob(f"*/{TABLES_FILE}")):
        out[path.parent.name] = table_specs(path)
    return out


def printed(data: PeriodData, code: str, lang: str = "vi", area: str | None = None) -> str:
    """One figure for a cell: as `words.figures.printed` writes it, `%` left to the column
    header."""
    return figures.printed(data, code, area, lang).rstrip("%")


def _cell(data: PeriodData, cell: Cell, lang: str, area: str | None) -> str | None:
    if cell is None:
        return ""
    if isinstance(cell, tuple):
        low, high = cell
        if not (data.has(low, area) and data.has(high, area)):
            return None
        word = figures.qualifier_word(data.figure(low, area).qualifier, lang)
        low_text = printed(data, low, lang, area).removeprefix(word).strip()
        return f"{word} {low_text}–{printed(data, high, lang, area)}".strip()
    return printed(data, cell, lang, area) if data.has(cell, area) else None


def figure_table(
    data: PeriodData, spec: TableSpec, lang: str = "vi", area: str | None = None
) -> pd.DataFrame:
    """`spec` filled with the period's printed figures; a row with no figure is left out, a
    cell the period lacks reads `—`."""
    rows = []
    for row in spec.rows:
        values = [_cell(data, c, lang, area) for c in row.cells]
        if all(v in (None, "") for v in values):
            continue
        rows.append([row.label(lang)] + [v if v is not None else "—" for v in values])
    columns = [spec.first(lang)] + [c(lang) for c in spec.columns]
    return pd.DataFrame(rows, columns=columns)


_CRITERION_CODE = re.compile(r"^communes_met_c(\d{2})_")


def criteria_codes(
    data: PeriodData, prefixes: Sequence[str], reported: bool = True
) -> list[tuple[int, str, str]]:
    """(criterion number, communes-met code, total code) of the commune criteria the
    catalogue places in the given sections, in the criteria set's order: those the period
    reports (met and total), or with `reported` false every one the catalogue declares."""
    out = []
    for code, indicator in data.catalogue.indicators.items():
        match = _CRITERION_CODE.match(code)
        if not match or not any(indicator.section.startswith(p) for p in prefixes):
            continue
        total = f"communes_total_c{match.group(1)}"
        if not reported or (data.has(code) and data.has(total)):
            out.append((int(match.group(1)), code, total))
    return sorted(out)


def criteria_table(data: PeriodData, prefixes: Sequence[str], lang: str = "vi") -> pd.DataFrame:
    """Communes meeting each commune criterion the given sections report, with the total
    (criteria in their set's order, named in words)."""
    rows = [
        [
            number,
            criterion_name(data, number, lang),
            printed(data, met, lang),
            printed(data, total, lang),
        ]
        for number, met, total in criteria_codes(data, prefixes)
    ]
    columns = [
        t(lang, "Số"),
        t(lang, "Tiêu chí"),
        tp(lang, "column: communes meeting the criterion", "Số xã đạt"),
        t(lang, "Tổng số xã"),
    ]
    return pd.DataFrame(rows, columns=columns)


def criterion_name(data: PeriodData, number: int, lang: str) -> str:
    """The name of commune criterion `number` in the period's criteria set ("Giao thông"),
    its number when the set lacks it."""
    criterion_id = f"C{number:02d}"
    if criterion_id in data.criteria.ids():
        return data.criteria.get(criterion_id).name(lang)
    return str(number)


# --- Charts (drawn by the charts package: style in a context, alt text in the page's language)


def table_chart(
    data: PeriodData,
    spec: TableSpec,
    column: int,
    title: str,
    lang: str = "vi",
    area: str | None = None,
) -> Figure | None:
    """One column of a grouped table as bars of its printed figures (totals left out);
    None when the period reports fewer than two of them."""
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
    codes = criteria_codes(data, prefixes)
    if len(codes) < 2:
        return None
    frame = pd.DataFrame(
        {
            "label": [criterion_name(data, number, lang) for number, _, _ in codes],
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
