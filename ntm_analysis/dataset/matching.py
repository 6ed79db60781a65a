"""Names written in the data checked against the GSO units their codes name."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ntm_analysis.errors import InputError
from ntm_analysis.i18n import N_
from ntm_analysis.text.names import NameMatcher, NameMatchError


@dataclass(frozen=True)
class LooseMatch:
    """A name in the data that matched its GSO unit only loosely (e.g. without diacritics)."""

    path: str
    row: int
    written: str
    code: str
    gso_name: str
    method: str


def check_unit_name(
    matcher: NameMatcher,
    written: str,
    code: str,
    district: str | None,
    where: tuple[Path, int, str],
    loose: list[LooseMatch],
) -> InputError | None:
    """None when `written` names the unit `code` (a loose match is appended to `loose`);
    else the InputError at `where` = (file, row, column)."""
    path, row, column = where
    try:
        match = matcher.verify(written, code, district=district or None)
    except NameMatchError as exc:
        return InputError(
            exc,
            path=path,
            row=row,
            column=column,
            expected=N_("tên của đơn vị mà mã đó chỉ đến"),
        )
    if not match.exact:
        loose.append(LooseMatch(str(path), row, written, match.code, match.name, match.method))
    return None
