"""Size and row limits on what the loader reads: one place, checked before anything is parsed.

Each limit is far above what a real province (or the whole country) needs and far below what
would exhaust a 1.5 GB machine; `docs/input-limits.md` explains the numbers. A file beyond a
limit is refused with an InputError (exit 2) that names the file and the limit, *before*
pandas or openpyxl read it, so a hostile file costs a `stat` or a zip directory read. The
checks of an Excel workbook's zip directory and sheets are in `dataset/excel.py`.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from ntm_analysis.errors import InputError, Message
from ntm_analysis.i18n import N_

MB = 1024 * 1024

# A CSV file of the data folder. Nationwide (10,600 units) the largest is ~3 MB.
CSV_MAX_BYTES = 50 * MB
YAML_MAX_BYTES = 5 * MB  # configuration and metadata files: a few KB each in practice
# Data rows of a CSV file (the header not counted).
CSV_MAX_ROWS = 1_000_000
# An Excel workbook read as input (the annex PL03, a workbook filled by an office; checked by
# dataset/excel.py): its size on disk, the sum of the uncompressed sizes its zip directory
# declares, and the rows and columns a sheet may declare or hold (8,111 xã nationwide; the
# annex template has 24 columns, as has an office workbook's widest sheet, its PL03).
WORKBOOK_MAX_BYTES = 20 * MB
WORKBOOK_MAX_UNCOMPRESSED = 100 * MB
WORKBOOK_MAX_MEMBERS = 1_000
WORKBOOK_MAX_ROWS = 20_000
WORKBOOK_MAX_COLUMNS = 200
# Cells (and shared strings) a workbook's sheets may hold: openpyxl keeps each in memory.
WORKBOOK_MAX_CELLS = 500_000
# Problems listed in one message (InputErrors shows this many); nearest-name suggestions
# (difflib, the costly part of an error message) are computed for at most this many.
ERRORS_SHOWN = 20
# Problems kept per file (the others are counted, not kept): a million bad rows cost a count.
ERRORS_KEPT = 1_000
# Chunk size used to hash files (checksums never hold a whole file in memory).
HASH_CHUNK = MB


def megabytes(size: int) -> str:
    """A size in MB as messages print it: "20.0 MB"."""
    return f"{size / MB:,.1f} MB"


def file_size(path: Path) -> int:
    """Size of `path` in bytes; InputError when it cannot be examined."""
    try:
        return os.stat(path).st_size
    except OSError as exc:
        raise InputError(
            N_("không kiểm tra được tệp ({reason})"), path=path, reason=exc.strerror or exc
        ) from None


def check_file_size(path: Path, limit: int, what: str) -> int:
    """Refuse a file larger than `limit` bytes; returns its size."""
    size = file_size(path)
    if size > limit:
        raise InputError(
            N_("tệp có dung lượng {size}, vượt giới hạn {limit} của {what}"),
            path=path,
            expected=N_("{what} có dung lượng tối đa {limit} (xem docs/input-limits.md)"),
            size=megabytes(size),
            limit=megabytes(limit),
            what=Message(what),
        )
    return size


def check_row_count(
    path: Path, rows: int, limit: int = CSV_MAX_ROWS, line: int | None = None
) -> None:
    """Refuse a table with more than `limit` data rows (called as soon as the count passes);
    `line` is the line of the first row past the limit."""
    if rows > limit:
        raise InputError(
            N_("hơn {limit} dòng số liệu, vượt giới hạn của một bảng"),
            path=path,
            row=line,
            expected=N_("tối đa {limit} dòng (xem docs/input-limits.md)"),
            limit=limit,
        )


class Problems(list[InputError]):
    """The problems found in one file: the first ERRORS_KEPT kept, every one counted in
    `total` (InputErrors reports the total). A list, so `if errors:` and slicing work."""

    def __init__(self, errors: Iterable[InputError] = ()) -> None:
        super().__init__()
        self.total = 0
        self.unchecked = 0  # rows left unchecked once ERRORS_KEPT problems were found
        self.extend(errors)

    def stop_at(self, row: int, rows: int) -> bool:
        """In a loop over `rows` rows, now at `row` (0-based): True, and the rows left noted
        as unchecked, once ERRORS_KEPT problems are kept. The file is refused anyway; the
        message says how many rows were not checked (matching a name costs ~0.1 ms)."""
        if len(self) < ERRORS_KEPT:
            return False
        self.unchecked = rows - row
        return True

    def append(self, error: InputError) -> None:
        self.total += 1
        if len(self) < ERRORS_KEPT:
            super().append(error)

    def extend(self, errors: Iterable[InputError]) -> None:
        for error in errors:
            self.append(error)
        if isinstance(errors, Problems):  # count what `errors` found but did not keep
            self.total += errors.total - len(errors)

    def __iadd__(self, errors: Iterable[InputError]) -> Problems:  # type: ignore[override]
        self.extend(errors)
        return self

    def __add__(self, errors: Iterable[InputError]) -> Problems:  # type: ignore[override]
        out = Problems(self)
        out.total = self.total
        out.extend(errors)
        return out

    @property
    def full(self) -> bool:
        """True once no more problems are kept: costly messages can be skipped."""
        return len(self) >= ERRORS_KEPT
