"""How the outline numbers a heading at each depth: A, B … / I, II … / 1, 2 … / 4.1, 4.4.1 …"""

from __future__ import annotations

ROMAN = (
    *((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC")),
    *((50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")),
)


def _roman(n: int) -> str:
    out = ""
    for value, letters in ROMAN:
        while n >= value:
            out, n = out + letters, n - value
    return out


def _letter(n: int) -> str:
    out = ""
    while n > 0:
        n, rest = divmod(n - 1, 26)
        out = chr(ord("A") + rest) + out
    return out


def full_number(parent_full: str, parent_number: str, number: str) -> str:
    """ "A.II" + "3" → "A.II.3"; a dotted number adds its last part ("A.II.4" + "4.1" →
    "A.II.4.1"); an unnumbered node keeps its parent's."""
    if not number:
        return parent_full
    if parent_number and number.startswith(parent_number + "."):
        number = number[len(parent_number) + 1 :]
    return f"{parent_full}.{number}" if parent_full else number


def format_number(style: str, position: int, parent_number: str) -> str:
    """The number of the `position`-th (1-based) numbered node under a parent numbered
    `parent_number`, in `style`."""
    if style == "letter":
        return _letter(position)
    if style == "roman":
        return _roman(position)
    if style == "arabic" or not parent_number:
        return str(position)
    return f"{parent_number}.{position}"  # dotted: 4.1, 4.4.1


__all__ = ["format_number", "full_number"]
