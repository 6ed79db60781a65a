"""Which figures an input workbook asks for, and the ones the catalogue computes on import.

A figure is computed, not entered, when a catalogue relation gives it from figures that are
entered for the same area: the percentage of a `ratio`, the total of an exhaustive `sum`, and
the restatements of an `equal` relation (the first indicator is entered).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ntm_analysis.dataset.catalogue import Catalogue
from ntm_analysis.dataset.relations import EqualRelation, RatioRelation, Relation, SumRelation
from ntm_analysis.text.numbers import round_half_up

Pair = tuple[str, str]  # (indicator, area)


@dataclass(frozen=True)
class Computed:
    """How one figure is computed: the relation, the inputs, and the formula's kind."""

    pair: Pair
    relation: Relation
    inputs: tuple[Pair, ...]


def _candidates(relation: Relation, area: str) -> list[tuple[Pair, tuple[Pair, ...]]]:
    """(figure, inputs) the relation could compute for `area`."""
    if isinstance(relation, RatioRelation):
        inputs = ((relation.numerator, area), (relation.denominator, area))
        return [((relation.percent, area), inputs)]
    if isinstance(relation, SumRelation) and relation.exhaustive:
        parts = tuple((p, area) for p in relation.parts)
        return [((relation.total, area), parts)]
    if isinstance(relation, EqualRelation):
        first, *rest = relation.indicators
        return [((code, area), ((first, area),)) for code in rest]
    return []


def computable(pairs: Iterable[Pair], catalogue: Catalogue) -> dict[Pair, Computed]:
    """The figures among `pairs` the catalogue computes from other figures among `pairs`, in
    the order to compute them: each from figures that are entered, or computed before it (a
    restatement of a computed total is computed too). A figure another one is computed from
    is never computed itself after that, so there is no cycle."""
    wanted = set(pairs)
    areas = sorted({area for _, area in wanted})
    computed: dict[Pair, Computed] = {}
    used: set[Pair] = set()
    found = True
    while found:  # a pass finds what the figures computed so far allow
        found = False
        for relation in catalogue.relations:
            for area in areas:
                for pair, inputs in _candidates(relation, area):
                    if pair not in wanted or pair in computed or pair in used or pair in inputs:
                        continue
                    if all(i in wanted for i in inputs):
                        computed[pair] = Computed(pair, relation, inputs)
                        used.update(inputs)
                        found = True
    return computed


def compute_value(item: Computed, values: Mapping[Pair, float], decimals: int = 2) -> float | None:
    """The computed figure, or None when an input is missing (or a denominator is 0)."""
    inputs = [values.get(p) for p in item.inputs]
    if any(v is None for v in inputs):
        return None
    kind = item.relation.kind
    if kind == "ratio":
        numerator, denominator = inputs
        if not denominator:
            return None
        return float(round_half_up(numerator / denominator * 100, decimals))
    if kind == "sum":
        places = max(_places(v) for v in inputs)
        return float(round_half_up(sum(inputs), places))
    return float(inputs[0])


def _places(value: float) -> int:
    text = f"{value:.6f}".rstrip("0")
    return len(text.split(".", 1)[1]) if "." in text else 0


def data_note(text: str) -> str:
    """Mark a note written into a data file (a figure's provenance, a file's comment): data in
    English like the shipped data's notes, not a wording of the catalogue."""
    return text


def describe(item: Computed) -> str:
    """A short English note saying how a computed figure was obtained."""
    names = ", ".join(code for code, _ in item.inputs)
    if item.relation.kind == "ratio":
        return data_note(f"computed on import: {names} (ratio {item.relation.id})")
    if item.relation.kind == "sum":
        return data_note(f"computed on import: sum of {names} ({item.relation.id})")
    return data_note(f"computed on import: restates {names} ({item.relation.id})")


def part_whole(catalogue: Catalogue) -> list[tuple[str, str, str]]:
    """(part, whole, relation id) of every sum relation: a part is at most its whole."""
    out = []
    for relation in catalogue.relations_of(SumRelation):
        out += [(part, relation.total, relation.id) for part in relation.parts]
    return out
