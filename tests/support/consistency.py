"""Figures made consistent by the package's own relation checks.

`recounts` and `pin` set the figures a catalogue relation ties to a table (`table_count`,
`table_average`: recounted from the true tables with the package's `match_interval`) and the
counts of named lists (`listed`); those figures are pinned. `settle` then runs the package's
relation checks (`quality.checks.check_relations`) and gives each figure a finding names the
value the check computed (a total the sum of its parts, a restatement the first statement, a
product its factors' product; a share or an average its quotient, unrounded, as the check
shows it to six places only), moving a free figure when another is pinned, until nothing is
found. Whether a figure is off (tolerances, rounding, qualifiers) stays the package's call.
`seed_errors` then breaks a few sums on purpose.
"""

from __future__ import annotations

import dataclasses
import math
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from types import SimpleNamespace

import pandas as pd

from ntm_analysis.dataset.catalogue import Catalogue
from ntm_analysis.dataset.findings import Finding
from ntm_analysis.quality.checks import check_relations
from ntm_analysis.quality.tables import match_interval
from ntm_analysis.text.numbers import round_half_up

VN_MARKS = str.maketrans(",.", ".,")  # 5,214,624.5 -> 5.214.624,5
MAX_ROUNDS = 40
Key = tuple[str, str]  # (indicator, area)


@dataclass
class Figure:
    """One observation being made, printed in the style of its template figure."""

    value: Decimal
    decimals: int
    style: str  # the template figure as printed: a `%` sign, a leading zero ("07")
    qualifier: str = ""
    section: str = ""
    text: str = ""

    def set(self, value: float | Decimal, decimals: int | None = None) -> bool:
        """Take `value` (rounded half-up, never negative); whether it changed."""
        self.decimals = self.decimals if decimals is None else decimals
        new = round_half_up(max(Decimal(str(value)), Decimal(0)), self.decimals)
        changed, self.value = new != self.value or not self.text, new
        text = f"{new:,.{self.decimals}f}".translate(VN_MARKS)
        padded = len(self.style) == 2 and self.style[0] == "0" and new < 10
        self.text = ("0" if padded else "") + text + ("%" if self.style.endswith("%") else "")
        return changed


def models(catalogue: Catalogue, kind: str | None = None) -> list:
    """The catalogue's relations (their typed models) of one `kind`, in catalogue order."""
    return [m for m in catalogue.relations if kind is None or m.kind == kind]


def recounts(catalogue: Catalogue, tables: dict) -> dict[Key, float]:
    """Every figure a table relation recounts, from the true tables: by district for a `by`
    relation, by province code otherwise."""
    out = {}
    for m in models(catalogue):
        if m.kind == "table_count":
            frame = tables["true" if m.table == "communes" else m.table]
            chosen = match_interval(frame, m.where or {}, m.criteria)[0]
            counts = chosen.groupby(frame[m.by or "province"]).sum()
            out |= {(m.indicator, area): count for area, count in counts.items()}
        elif m.kind == "table_average":
            true = tables["true"]
            means = true["criteria_min"].groupby(true["province"]).mean()
            out |= {(m.indicator, area): mean for area, mean in means.items()}
    return out


def pin(catalogue: Catalogue, figures: dict, recounted: dict, lists: list[tuple]) -> set[Key]:
    """Set the recounted figures and the counts of named lists; their keys (pinned: the
    checks' findings never move them)."""
    counted = Counter((name, area) for name, area, *_ in lists)
    listed = {m.count: m.list for m in models(catalogue, "listed")}
    pinned = set()
    for (code, area), figure in figures.items():
        if code in listed:
            figure.set(counted[(listed[code], area)])
        elif (code, area) in recounted:
            figure.set(recounted[(code, area)])
        else:
            continue
        pinned.add((code, area))
    return pinned


def settle(catalogue: Catalogue, figures: dict[Key, Figure], pinned: set[Key]) -> None:
    """Run the package's relation checks and give each figure a finding names the value the
    check computed, until nothing is found (named lists are counted already: `pin`)."""
    relations = {m.id: m for m in models(catalogue)}
    unlisted = tuple(r for r in catalogue.relations if r.kind != "listed")
    period = SimpleNamespace(catalogue=dataclasses.replace(catalogue, relations=unlisted))
    columns = ["indicator", "area", "value", "as_written", "qualifier", "section"]
    for _ in range(MAX_ROUNDS):
        rows = [
            (*key, float(f.value), f.text, f.qualifier, f.section) for key, f in figures.items()
        ]
        findings = check_relations(period, pd.DataFrame(rows, columns=columns))  # type: ignore[arg-type]
        if not any([_fix(f, relations, figures, pinned) for f in findings]):
            if findings:
                raise RuntimeError(f"cannot make consistent: {[f.id for f in findings][:5]}")
            return
    raise RuntimeError(f"the relations did not settle: {[f.id for f in findings][:5]}")


def _fix(finding: Finding, relations: dict, figures: dict, pinned: set) -> bool:
    """Move the figure `finding` says is off to the value its check computed."""
    _, name, area = finding.id.split(":")
    fig = {code: figures[(code, area)] for code in finding.indicators}
    free = [code for code in finding.indicators if (code, area) not in pinned]
    if finding.check == "range" and len(fig) == 1:  # a share above 100 %
        return fig[name].set(min(fig[name].value, Decimal(100)))
    if name not in relations or not free:
        raise RuntimeError(f"cannot fix {finding.id}")
    m, kind = relations[name], relations[name].kind
    if kind == "ratio" and (finding.check == "range" or finding.computed is None):
        num, den = fig[m.numerator], fig[m.denominator]
        if m.numerator in free and den.value > 0:  # a numerator above its denominator comes
            pinned.add((m.numerator, area))  # down to it and stays (its sum moves a part)
            return num.set(den.value)
        pinned.add((m.denominator, area))  # or the denominator goes up (from zero, to one)
        return den.set(max(num.value, Decimal(1)))
    if kind == "ratio":  # a check shows its quotient to 6 places: take it unrounded
        share = float(fig[m.numerator].value) / float(fig[m.denominator].value) * 100
        return m.percent in free and fig[m.percent].set(share)
    if kind == "average":
        mean = float(fig[m.total].value) / float(fig[m.count].value)
        return m.average in free and fig[m.average].set(mean)
    if kind == "product":
        return m.total in free and fig[m.total].set(finding.computed)
    if kind == "average_range":
        low = max(0, math.floor(finding.computed) - 1)
        return fig[m.low].set(low) | fig[m.high].set(math.ceil(finding.computed) + 1)
    if kind == "equal":
        anchor = next((fig[c] for c in finding.indicators if c not in free), fig[free[0]])
        return any([fig[c].set(anchor.value, anchor.decimals) for c in free])
    total, parts = fig[m.total], [fig[c] for c in finding.indicators[1:]]  # a sum
    if m.total in free:
        return total.set(finding.computed, max(p.decimals for p in [total, *parts]))
    movable = [fig[c] for c in free]
    gap = total.value - sum(p.value for p in parts)
    largest = max(movable, key=lambda p: p.value)
    if largest.value + gap >= 0:
        return largest.set(largest.value + gap)
    factor = total.value / sum(p.value for p in movable)  # shrink the free parts in proportion
    return any(
        [p.set((p.value * factor).to_integral_value(rounding="ROUND_FLOOR")) for p in movable]
    )


def seed_errors(catalogue: Catalogue, figures: dict, pinned: set, count: int, area: str) -> list:
    """Break `count` exhaustive sums of whole numbers whose total no other relation names
    (total + 1); the ids of the findings the engine must report."""
    uses = Counter(code for m in models(catalogue) for code in m.indicator_codes())
    ids = []
    for m in models(catalogue, "sum"):
        total = figures.get((m.total, area))
        if len(ids) < count and m.exhaustive and total is not None:
            whole = not catalogue.is_measure(catalogue[m.total].unit) and not total.qualifier
            parts = all((p, area) in figures for p in m.parts)
            if whole and parts and uses[m.total] == 1 and (m.total, area) not in pinned:
                total.set(total.value + 1)
                ids.append(f"sum:{m.id}:{area}")
    if len(ids) < count:
        raise ValueError(f"only {len(ids)} sums can carry a seeded error")
    return ids
