"""Excel cell references read from a workbook's XML (`B12`, `$B$12`, `XFD1048576`), fast:
the archive check (`dataset/workbook_archive.py`) reads one for every cell."""

from __future__ import annotations

import functools
import re

_UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_REFERENCE = re.compile(r"\$?([A-Za-z]{1,8})?\$?([0-9]{1,12})?")


def column_index(letters: str) -> int:
    """`A` → 1, `XFD` → 16384 (any number of letters)."""
    index = 0
    for letter in letters.upper():
        index = index * 26 + ord(letter) - 64
    return index


@functools.lru_cache(maxsize=1024)
def _column(letters: str) -> int:
    return column_index(letters)


def cell_position(ref: str) -> tuple[int, int]:
    """(row, column) of a cell's `r` attribute (`B12`), fast: called for every cell. A
    reference that is not one gives (0, 0): openpyxl then refuses the file itself."""
    digits = ref.lstrip(_UPPER)
    letters = ref[: len(ref) - len(digits)]
    if not digits.isdigit() or len(digits) > 12 or len(letters) > 8:
        return 0, 0
    return int(digits), _column(letters)


def reference(ref: str) -> tuple[int, int] | None:
    """(row, column) of a cell reference (`B12`, `$B$12`, `B`, `12`; 0 where absent), or None
    when it is not one."""
    match = _REFERENCE.fullmatch(ref.strip())
    if match is None or not (match[1] or match[2]):
        return None
    return int(match[2] or 0), column_index(match[1] or "")
