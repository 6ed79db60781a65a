"""Size and row limits on what the loader reads: one place, checked before anything is parsed.

The numbers are data: `limits.yml` beside this module, validated by a strict model when this
module is imported, and explained in `docs/input-limits.md` (a test keeps the two equal). Each
limit is far above what a real province (or the whole country) needs and far below what would
exhaust a 1.5 GB machine. A file beyond a limit is refused with an InputError (exit 2) that
names the file and the limit, *before* pandas or openpyxl read it, so a hostile file costs a
`stat`, a zip directory or one streamed pass. The checks of an Excel workbook's zip archive are
in `dataset/workbook_archive.py`.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import Annotated

from pydantic import Field

from ntm_analysis.dataset.models import Strict, validate_document
from ntm_analysis.dataset.yaml_strict import load_document
from ntm_analysis.errors import InputError, Message
from ntm_analysis.i18n import N_

MB = 1024 * 1024
LIMITS_FILE = "limits.yml"

Count = Annotated[int, Field(gt=0)]


class Limits(Strict):
    """The limits of `limits.yml` (sizes in MB, the rest counts)."""

    csv_max_mb: Count
    csv_max_rows: Count
    csv_max_columns: Count
    yaml_max_mb: Count
    lists_max_lists: Count
    lists_max_rows: Count
    workbook_max_mb: Count
    workbook_max_uncompressed_mb: Count
    workbook_max_part_mb: Count
    workbook_max_parts: Count
    workbook_max_ratio: Count
    workbook_max_elements: Count
    workbook_max_rows: Count
    workbook_max_columns: Count
    workbook_max_cells: Count
    errors_shown: Count
    errors_kept: Count


def read_limits() -> Limits:
    """The limits shipped with the package (`limits.yml`), validated."""
    source = resources.files(__package__).joinpath(LIMITS_FILE)
    text = source.read_text(encoding="utf-8")
    return validate_document(Limits, load_document(text, Path(str(source))))


LIMITS = read_limits()

CSV_MAX_BYTES = LIMITS.csv_max_mb * MB
CSV_MAX_ROWS = LIMITS.csv_max_rows
CSV_MAX_COLUMNS = LIMITS.csv_max_columns
YAML_MAX_BYTES = LIMITS.yaml_max_mb * MB
# Named lists (lists.csv): the pages and report.docx show every list item by item.
LISTS_MAX_LISTS = LIMITS.lists_max_lists
LISTS_MAX_ROWS = LIMITS.lists_max_rows
# An Excel workbook read as input (the annex PL03, a workbook filled by an office; checked by
# dataset/workbook_archive.py before openpyxl reads it, dataset/excel.py after).
WORKBOOK_MAX_BYTES = LIMITS.workbook_max_mb * MB
WORKBOOK_MAX_UNCOMPRESSED = LIMITS.workbook_max_uncompressed_mb * MB
WORKBOOK_MAX_PART = LIMITS.workbook_max_part_mb * MB
WORKBOOK_MAX_MEMBERS = LIMITS.workbook_max_parts
WORKBOOK_MAX_RATIO = LIMITS.workbook_max_ratio
WORKBOOK_RATIO_FROM = MB  # smaller parts may compress better: they cost little anyway
WORKBOOK_MAX_ELEMENTS = LIMITS.workbook_max_elements
WORKBOOK_MAX_ROWS = LIMITS.workbook_max_rows
WORKBOOK_MAX_COLUMNS = LIMITS.workbook_max_columns
WORKBOOK_MAX_CELLS = LIMITS.workbook_max_cells
# Problems listed in one message (InputErrors shows this many); nearest-name suggestions
# (difflib, the costly part of an error message) are computed for at most this many.
ERRORS_SHOWN = LIMITS.errors_shown
# Problems kept per file (the others are counted, not kept): a million bad rows cost a count.
ERRORS_KEPT = LIMITS.errors_kept
# Chunk size used to hash and stream files (never a whole file in memory).
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
