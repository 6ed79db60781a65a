"""Errors raised on unusable input: each names the file, row and column and what was expected."""

from __future__ import annotations

from pathlib import Path


class NtmError(Exception):
    """Base class of the package's own errors."""


class InputError(NtmError):
    """Unusable input: a file, row or column that does not hold what was expected.

    `row` is the 1-based line number in the file as an editor shows it (the header is line 1),
    or None when the problem concerns the whole file.
    """

    def __init__(
        self,
        message: str,
        *,
        path: str | Path | None = None,
        row: int | None = None,
        column: str | None = None,
        expected: str | None = None,
    ) -> None:
        self.path = path if isinstance(path, Path) or path is None else Path(path)
        self.row = row
        self.column = column
        self.expected = expected
        self.detail = message
        super().__init__(self._compose())

    def _compose(self) -> str:
        where = []
        if self.path is not None:
            where.append(str(self.path))
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f"column '{self.column}'")
        text = ", ".join(where)
        text = f"{text}: {self.detail}" if text else self.detail
        if self.expected:
            text += f" (expected {self.expected})"
        return text


class InputErrors(InputError):
    """Several input errors found in one pass; the message lists the first `limit`.

    `errors` may keep only the first problems of many and carry the number of all of them as
    `errors.total` (dataset.limits.Problems does): the message counts them all, and says how
    many rows were left unchecked (`errors.unchecked`) when the search stopped early.
    """

    def __init__(self, errors: list[InputError], limit: int = 20) -> None:
        self.errors = errors
        total = max(getattr(errors, "total", 0), len(errors))
        self.total = total
        shown = "\n".join(f"  - {e}" for e in errors[:limit])
        listed = min(limit, len(errors))
        more = f"\n  … and {total - listed} more" if total > listed else ""
        first = errors[0]
        unchecked = getattr(errors, "unchecked", 0)
        stopped = (
            f" (checking stopped there: {unchecked:,} row(s) not checked)" if unchecked else ""
        )
        super().__init__(
            f"{total} problem(s) in the input{stopped}:\n{shown}{more}",
            path=None,
        )
        self.path, self.row, self.column = first.path, first.row, first.column


class PeriodError(InputError):
    """A period name that is invalid or has no data folder."""
