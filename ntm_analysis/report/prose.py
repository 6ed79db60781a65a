"""Section prose rendered from Jinja2 templates, one per section and language.

`render_prose(data, "a2_1", "vi")` renders `templates/prose/a2_1.vi.md.j2` to Markdown. The
templates hold the wording; the helpers below hold the figures, always taken from the data:

- `fig(code, area=None)`: the figure as the report prints it ("trên 24.131 cuộc", "84,7%");
- `has(code, area=None)`: whether the period has the figure (a sentence without its data is
  left out with `{% if has(...) %}`, and `omitted_sentences` lists it);
- `val(code, area=None)`: the value, to compare or choose a wording (never printed as is);
- `num(value, decimals=0)`, `pct(value, decimals=1)`: locale formatting (Babel);
- `has_base`, `change(code, area=None)`, `change_value`, `base_fig`, `base_label`: the change
  since the baseline period;
- `names(list_id, area=None)`, `count(list_id, area=None)`: a named list in words
  ("3 xã: Đa Lộc, Phước Hảo, Hòa Lợi (huyện Châu Thành)");
- `area_name(code)`, `label(code)`, `period_label`;
- `facts(section, kind=None)`: the period's qualitative points (activities, legal bases,
  causes, tasks …) in the page's language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
import pandas as pd

from ntm_analysis import i18n
from ntm_analysis.dataset.period import PeriodData
from ntm_analysis.report.notebook import SECTIONS
from ntm_analysis.report.sections import list_title
from ntm_analysis.report.wording import (
    CURRENCY_WORD,
    QUALIFIER_WORDS,
    UNTRANSLATED,
    Fact,
    capitalise,
    escape_markdown,
    facts,
    named_items,
    qualifier_word,
    written_in,
)
from ntm_analysis.text.numbers import format_number, format_percent, format_value

TEMPLATES_DIR = Path(__file__).parent / "templates" / "prose"
LANGS = ("vi", "en")

__all__ = [
    "QUALIFIER_WORDS",
    "UNTRANSLATED",
    "Fact",
    "capitalise",
    "facts",
    "named_items",
    "omitted_sentences",
    "render_prose",
    "written_in",
]
_BAND = re.compile(r"(\d+)\s*[–-]\s*(\d+)")
_SINGLE = re.compile(r"(\d+) criteria")
HELPERS = (
    *("has", "val", "fig", "qual", "label", "band", "districts"),
    *("has_base", "change_value", "change", "base_fig"),
    *("num", "pct", "area_name", "count", "has_list", "names", "facts"),
    *("targets", "has_target", "target", "linked"),
)


class MarkdownText(str):
    """Text that is Markdown already (not escaped again when a template prints it)."""


def _finalize(value: Any) -> str:
    if value is None:
        raise ValueError("a template printed None: guard the sentence with has(...)")
    if isinstance(value, MarkdownText):
        return value
    return escape_markdown(str(value))


@cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES_DIR)),
        undefined=jinja2.StrictUndefined,
        finalize=_finalize,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["cap"] = lambda text: type(text)(capitalise(str(text)))
    return env


@dataclass(frozen=True)
class TargetText:
    """A year-end target in words: label, figure with its unit ("" when the label already
    says it), the figure as written, and its named list."""

    id: str
    label: str
    figure: str
    written: str
    list: str


@dataclass
class _Context:
    """The helpers one rendering exposes, and the figures it had to leave out."""

    data: PeriodData
    lang: str
    section: str
    missing: list[tuple[str, str, str]] = field(default_factory=list)

    # -- figures -------------------------------------------------------------------------
    def has(self, code: str, area: str | None = None) -> bool:
        present = code in self.data.catalogue and self.data.has(code, area)
        if not present:
            self.missing.append((self.section, code, area or self.data.province))
        return present

    def val(self, code: str, area: str | None = None) -> float:
        return self.data.value(code, area)

    def fig(self, code: str, area: str | None = None, unit: bool = True) -> MarkdownText:
        figure = self.data.figure(code, area)
        indicator = self.data.catalogue[code]
        lang = self.lang
        if figure.as_written:
            text = written_in(figure.as_written, lang)
        elif indicator.unit == "year":
            text = str(int(figure.value))
        else:
            text = format_value(figure.value, indicator.unit, lang)
        carries_currency = bool(CURRENCY_WORD.search(figure.as_written or ""))
        bare = indicator.unit in ("percent", "year", "") or carries_currency
        if unit and not bare and not text.endswith("%"):
            text += " " + self.data.catalogue.unit_label(indicator.unit, lang)
        word = qualifier_word(figure.qualifier, lang)
        if word:
            text = f"{word} {text}"
        return MarkdownText(escape_markdown(text))

    def qual(self, code: str, area: str | None = None) -> str:
        """The figure's qualifier key ("over", "before" …), "" when exact."""
        return self.data.figure(code, area).qualifier

    def label(self, code: str) -> str:
        return self.data.catalogue.label(code, self.lang)

    def band(self, code: str) -> str:
        """The criteria band an indicator counts, read from its catalogue label ("15–18")."""
        text = self.data.catalogue[code].label_en
        found = _BAND.search(text) or _SINGLE.search(text)
        if not found:
            raise KeyError(f"the label of {code!r} names no criteria band")
        return "–".join(g for g in found.groups() if g)

    def districts(self, status: str | None = None) -> list[str]:
        """District codes of the period's district table (optionally of one NTM status),
        ordered by planned year."""
        table = self.data.district_table()
        if status is not None and "ntm_status" in table:
            table = table[table["ntm_status"] == status]
        if "ntm_plan_year" in table:
            table = table.sort_values("ntm_plan_year", kind="stable")
        return [str(c) for c in table["code"]]

    # -- change since the baseline ---------------------------------------------------------
    def has_base(self, code: str, area: str | None = None) -> bool:
        base = self.data.baseline
        present = base is not None and base.has(code, area) and self.data.has(code, area)
        if not present:
            self.missing.append((self.section, code, area or self.data.province))
        return present

    def change_value(self, code: str, area: str | None = None) -> float:
        assert self.data.baseline is not None
        return self.data.value(code, area) - self.data.baseline.value(code, area)

    def change(self, code: str, area: str | None = None) -> MarkdownText:
        """The size of the change since the baseline, with the unit ("36 ấp")."""
        delta = abs(self.change_value(code, area))
        unit = self.data.catalogue[code].unit
        decimals = _decimals_of(self.data.figure(code, area).as_written)
        text = (
            format_percent(delta, decimals, self.lang)
            if unit == "percent"
            else format_number(delta, decimals, self.lang)
            + " "
            + self.data.catalogue.unit_label(unit, self.lang)
        )
        return MarkdownText(escape_markdown(text))

    def base_fig(self, code: str, area: str | None = None) -> MarkdownText:
        assert self.data.baseline is not None
        return _Context(self.data.baseline, self.lang, self.section).fig(code, area)

    @property
    def base_label(self) -> str:
        base = self.data.baseline
        return base.label(self.lang) if base is not None else ""

    # -- numbers ---------------------------------------------------------------------------
    def num(self, value: float, decimals: int = 0) -> str:
        return format_number(value, decimals, self.lang)

    def pct(self, value: float, decimals: int = 1) -> str:
        return format_percent(value, decimals, self.lang)

    # -- names -----------------------------------------------------------------------------
    def area_name(self, code: str) -> str:
        return self.data.area_names(self.lang).get(str(code), str(code))

    def count(self, list_id: str, area: str | None = None) -> int:
        return len(self.data.list_items(list_id, area))

    def has_list(self, list_id: str, area: str | None = None) -> bool:
        present = self.count(list_id, area) > 0
        if not present:
            self.missing.append((self.section, list_id, area or self.data.province))
        return present

    def names(self, list_id: str, area: str | None = None, with_count: bool = True) -> str:
        return named_items(self.data, list_id, self.lang, area, with_count)

    # -- targets ---------------------------------------------------------------------------
    def targets(self, section: str | None = None) -> list[TargetText]:
        """The year-end targets (optionally of one section, e.g. "C.II.1") in words."""
        out = []
        for t in self.data.targets:
            if section is not None and (t.section or "C.I") != section:
                continue
            out.append(self.target(t.id))
        return out

    def has_target(self, target_id: str) -> bool:
        present = any(t.id == target_id for t in self.data.targets)
        if not present:
            self.missing.append((self.section, target_id, self.data.province))
        return present

    def target(self, target_id: str) -> TargetText:
        t = self.data.target(target_id)
        label = t.label(self.lang)
        written = written_in(t.as_written, self.lang) if t.as_written else ""
        numeric = bool(re.match(r"^\d", t.as_written or ""))
        # the figure, unless the label already says it ("Every commune gains at least 2 …")
        said = numeric and re.search(rf"(?<![\d.,]){int(t.target)}(?![\d.,])", label)
        figure = ""
        if numeric and not said:
            unit = self.data.catalogue[t.indicator].unit
            figure = written
            if unit not in ("percent", "year", "") and not written.endswith("%"):
                figure += " " + self.data.catalogue.unit_label(unit, self.lang)
        return TargetText(t.id, label, MarkdownText(escape_markdown(figure)), written, t.list or "")

    def linked(self, fact: Fact) -> str:
        """The figures that measure a fact, "label: figure; …" (those the period has)."""
        parts = []
        for code in fact.indicators:
            if self.data.has(code):
                label = self.data.catalogue.label(code, self.lang)
                parts.append(f"{label[:1].lower()}{label[1:]}: {self.fig(code)}")
        return "; ".join(parts)

    # -- qualitative facts -----------------------------------------------------------------
    def facts(self, section: str, kind: str | None = None) -> list[Fact]:
        return facts(self.data, section, self.lang, kind)

    def helpers(self) -> dict[str, Any]:
        names = HELPERS
        out: dict[str, Any] = {n: getattr(self, n) for n in names}
        out["base_label"] = self.base_label
        out["period_label"] = self.data.label(self.lang)
        out["lang"] = self.lang
        out["year"] = self.data.year
        out["criteria_count"] = self.data.criteria.commune_count
        out["district_criteria_count"] = self.data.criteria.district_count
        out["province_name"] = self.area_name(self.data.province)
        return out


def _decimals_of(as_written: str) -> int:
    raw = str(as_written).rstrip("%").strip()
    return len(raw.split(",", 1)[1]) if "," in raw and not CURRENCY_WORD.search(raw) else 0


def template_path(section: str, lang: str) -> Path:
    return TEMPLATES_DIR / f"{section}.{lang}.md.j2"


def _render(
    data: PeriodData, section: str, lang: str, context: dict[str, Any]
) -> tuple[str, _Context]:
    if lang not in LANGS:
        raise ValueError(f"unsupported language {lang!r}; expected one of {LANGS}")
    ctx = _Context(data, lang, section)
    template = _environment().get_template(template_path(section, lang).name)
    text = template.render(**ctx.helpers(), **context)
    text = re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"
    return text, ctx


def render_prose(data: PeriodData, section: str, lang: str = "vi", **context: Any) -> str:
    """The prose of one section (a key of SECTIONS, e.g. "a2_1") as Markdown."""
    return _render(data, section, lang, context)[0]


def prose_sections() -> list[str]:
    """Sections that have a prose template in both languages."""
    found = {p.name.split(".")[0] for p in TEMPLATES_DIR.glob("*.md.j2")}
    return sorted(s for s in found if all(template_path(s, lang).is_file() for lang in LANGS))


def omitted_sentences(data: PeriodData, lang: str = "vi") -> pd.DataFrame:
    """Every sentence the prose left out because the period lacks its figure or list:
    section, what is missing (in words) and where."""
    rows = []
    for section in prose_sections():
        _, ctx = _render(data, section, lang, {})
        for key, code, area in dict.fromkeys(ctx.missing):
            title = SECTIONS[key].title(lang) if key in SECTIONS else key
            if code in data.catalogue:
                what = data.catalogue.label(code, lang)
            elif any(t.id == code for t in data.targets):
                what = data.target(code).label(lang)
            else:
                what = list_title(data, code, lang)
            rows.append([title, what, data.area_names(lang).get(area, area)])
    columns = [i18n.t(lang, "Mục"), i18n.t(lang, "Số liệu còn thiếu"), i18n.t(lang, "Địa bàn")]
    return pd.DataFrame(rows, columns=columns)
