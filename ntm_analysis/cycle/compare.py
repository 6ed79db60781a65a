"""`ntm-report compare`: what changed between two periods, figure by figure, and which
data-quality findings appeared or disappeared."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ntm_analysis.dataset.period import PeriodData
from ntm_analysis.i18n import N_, t
from ntm_analysis.quality import check_period
from ntm_analysis.report.words.figures import signed_change
from ntm_analysis.text.numbers import format_value


@dataclass
class Comparison:
    """Changes of every indicator × area present in both periods, and findings new and gone."""

    period: str
    with_period: str
    changes: list[dict[str, Any]] = field(default_factory=list)
    findings_new: list[dict[str, Any]] = field(default_factory=list)
    findings_gone: list[dict[str, Any]] = field(default_factory=list)
    missing: list[dict[str, Any]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "period": self.period,
            "with": self.with_period,
            "changes": self.changes,
            "findings_new": self.findings_new,
            "findings_gone": self.findings_gone,
            "missing": self.missing,
        }


def _values(data: PeriodData) -> dict[tuple[str, str], float]:
    obs = data.observations
    return {
        (i, a): float(v)
        for i, a, v in zip(obs["indicator"], obs["area"], obs["value"], strict=True)
    }


def compare_periods(data: PeriodData, other: PeriodData, lang: str = "vi") -> Comparison:
    """Every figure of both periods whose value differs (after − before), in `data`'s order."""
    after, before = _values(data), _values(other)
    names = data.area_names(lang)
    result = Comparison(data.period, other.period)
    for pair, value in after.items():
        old = before.get(pair)
        if old is None or old == value:
            continue
        result.changes.append(
            {
                "indicator": pair[0],
                "area": pair[1],
                "label": data.catalogue.label(pair[0], lang),
                "area_name": names.get(pair[1], pair[1]),
                "unit": data.catalogue[pair[0]].unit,
                "before": old,
                "after": value,
                "change": round(value - old, 10),
            }
        )
    result.missing = missing_figures(data, other, lang)
    new = {f.id: f for f in check_period(data)}
    old_findings = {f.id: f for f in check_period(other)}
    result.findings_new = [new[i].to_json(lang) for i in new if i not in old_findings]
    result.findings_gone = [old_findings[i].to_json(lang) for i in old_findings if i not in new]
    return result


def missing_figures(data: PeriodData, other: PeriodData, lang: str = "vi") -> list[dict[str, Any]]:
    """Figures `other` has and `data` lacks (e.g. cells a workbook left empty): indicator, area,
    label, area name and the earlier value."""
    names = data.area_names(lang)
    after = _values(data)
    return [
        {
            "indicator": code,
            "area": area,
            "label": data.catalogue.label(code, lang),
            "area_name": names.get(area, area),
            "before": value,
        }
        for (code, area), value in _values(other).items()
        if (code, area) not in after
    ]


# The lines of the comparison, translated at use.
_WORDS = {
    "head": N_("So sánh {p} với {q}: {n} số liệu thay đổi"),
    "new": N_("Phát hiện mới ({n})"),
    "gone": N_("Phát hiện không còn ({n})"),
    "none": N_("không có"),
    "missing": N_("Có ở kỳ {q}, không có ở kỳ này ({n})"),
}


def comparison_text(result: Comparison, lang: str = "vi") -> str:
    """Plain text: one line per change (label, area, before → after, change), then findings."""
    words = {key: t(lang, msgid) for key, msgid in _WORDS.items()}
    lines = [words["head"].format(p=result.period, q=result.with_period, n=len(result.changes))]
    for c in result.changes:
        unit = c["unit"]
        lines.append(
            f"  - {c['label']} — {c['area_name']}: {format_value(c['before'], unit, lang)} → "
            f"{format_value(c['after'], unit, lang)} ({signed_change(c['change'], unit, lang)})"
        )
    lines.append(words["missing"].format(q=result.with_period, n=len(result.missing)))
    lines += [f"  - {m['label']} — {m['area_name']}" for m in result.missing]
    for key, items in (("new", result.findings_new), ("gone", result.findings_gone)):
        lines.append(words[key].format(n=len(items)))
        lines += [f"  - {f['message']}" for f in items] or [f"  {words['none']}"]
    return "\n".join(lines)
