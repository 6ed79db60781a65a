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
        self.path = Path(path) if path is not None else None
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
    """Several input errors found in one pass; the message lists them all."""

    def __init__(self, errors: list[InputError], limit: int = 20) -> None:
        self.errors = errors
        shown = "\n".join(f"  - {e}" for e in errors[:limit])
        more = f"\n  … and {len(errors) - limit} more" if len(errors) > limit else ""
        first = errors[0]
        super().__init__(
            f"{len(errors)} problem(s) in the input:\n{shown}{more}",
            path=None,
        )
        self.path, self.row, self.column = first.path, first.row, first.column


class PeriodError(InputError):
    """A period name that is invalid or has no data folder."""
