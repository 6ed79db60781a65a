"""The parts of a section's prose a notebook shows one at a time.

A page that splits its section under sub-headings (4.4.1, 4.4.2 and the policies under it)
renders the prose a part at a time: `page.prose(words, part="credit")`. The builder declares
which pieces of its prose each part prints; the templates ask, once, what the part shows:

    {% set show = parts(part) %}
    {% if 'credit' in show %} … {% endif %}
    {% if show.headings %}**{{ headings.a2_4_4_1 }}**{% endif %}

Rendered whole (`part` "all", e.g. to list what the page lacks), a section prints every piece,
its sub-headings (`headings`) and the titles it gives pieces inline (`titles`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ntm_analysis.dataset.period import PeriodData

WHOLE = "all"  # the part a section is rendered in when no part is asked for


@dataclass(frozen=True)
class Shown:
    """What one part prints: its pieces, and whether it heads them with the sub-sections'
    headings (`headings`) or with their titles inline (`titles`)."""

    pieces: frozenset[str]
    headings: bool = False
    titles: bool = False

    def __contains__(self, piece: object) -> bool:
        return piece in self.pieces


@dataclass(frozen=True)
class Parts:
    """A section's parts by name; called with a part's name, what that part shows."""

    builder: str
    shown: Mapping[str, Shown]

    def __call__(self, part: str) -> Shown:
        if part not in self.shown:
            known = ", ".join(sorted(self.shown))
            raise ValueError(f"section {self.builder!r} has no part {part!r} (parts: {known})")
        return self.shown[part]

    @property
    def names(self) -> tuple[str, ...]:
        """The parts a notebook may ask for (the whole section left out)."""
        return tuple(name for name in self.shown if name != WHOLE)


def parts(
    builder: str,
    pieces: Mapping[str, Iterable[str]],
    *,
    headings: bool = False,
    titled: Iterable[str] = (),
) -> Parts:
    """The parts of `builder`: `pieces` maps each part to the pieces it prints; the whole
    section prints them all, with its sub-headings when `headings`. Parts named in `titled`,
    and the whole, title their pieces inline."""
    titled = set(titled)
    shown = {name: Shown(frozenset(items), titles=name in titled) for name, items in pieces.items()}
    every = frozenset(piece for items in shown.values() for piece in items.pieces)
    shown[WHOLE] = Shown(every, headings=headings, titles=bool(titled))
    return Parts(builder, shown)


def headings(data: PeriodData, keys: Iterable[str], lang: str) -> dict[str, str | None]:
    """The outline's heading of each sub-section in `keys` as printed ("4.4.1. …", the title
    alone when unnumbered); None for one the outline does not hold."""
    outline = data.outline
    return {
        key: outline.section(key).heading(lang) if outline is not None and key in outline else None
        for key in keys
    }


__all__ = ["WHOLE", "Parts", "Shown", "headings", "parts"]
