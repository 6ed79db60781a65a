"""Rounding-aware comparison of a printed figure with a recomputed one."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ntm_analysis.text.numbers import decimals_of, natural_decimals, round_half_up, truncate

CONSISTENT, TRUNCATED, ROUNDING, DIFFERS = "consistent", "truncated", "rounding", "differs"


@dataclass(frozen=True)
class Comparison:
    """How a printed figure relates to the value recomputed from its parts."""

    verdict: str  # consistent | truncated | rounding | differs
    printed: float
    computed: float
    decimals: int


def printed_decimals(as_written: str, value: float) -> int:
    """Decimals a figure was printed with; from its value when no printed form exists."""
    return decimals_of(as_written) if as_written else natural_decimals(value)


def unit_of(decimals: int) -> Decimal:
    """The value of one unit in the last printed place (0.1 for one decimal)."""
    return Decimal(1).scaleb(-decimals)


def compare(
    printed: float,
    computed: float,
    decimals: int,
    tolerance: float = 0.0,
    exact: bool = False,
) -> Comparison:
    """Compare a figure printed with `decimals` places to an unrounded computed value.

    consistent: the computed value rounded half-up to `decimals` equals the printed one;
    truncated: it equals the computed value cut to `decimals` (a report that truncates);
    rounding: the difference is within one unit of the last place, or within `tolerance`
    (e.g. the accumulated rounding of the parts of a sum); differs: anything else.
    With `exact` (whole counts: communes, households, people) only equality is consistent.
    """
    p = Decimal(str(printed))
    if exact:
        same = p == Decimal(str(computed))
        return Comparison(CONSISTENT if same else DIFFERS, float(printed), float(computed), 0)
    if round_half_up(computed, decimals) == round_half_up(p, decimals):
        verdict = CONSISTENT
    elif truncate(computed, decimals) == round_half_up(p, decimals):
        verdict = TRUNCATED
    elif abs(p - Decimal(str(computed))) <= max(unit_of(decimals), Decimal(str(tolerance))):
        verdict = ROUNDING
    else:
        verdict = DIFFERS
    return Comparison(verdict, float(printed), float(computed), decimals)
