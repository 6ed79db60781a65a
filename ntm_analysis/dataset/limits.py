"""Size and row limits on what the loader reads: one place, checked before anything is parsed.

Each limit is far above what a real province (or the whole country) needs and far below what
would exhaust a 1.5 GB machine; `docs/input-limits.md` explains the numbers. A file beyond a
limit is refused with an InputError (exit 2) that names the file and the limit, *before*
pandas or openpyxl read it, so a hostile file costs a `stat` or a zip directory read.
"""

from __future__ import annotations

import os
import re
import zipfile
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
# The Excel annex: its size on disk, the sum of the uncompressed sizes its zip directory
# declares, and the rows and columns a sheet may declare or hold (8,111 xã nationwide; the
# template has 24 columns).
ANNEX_MAX_BYTES = 20 * MB
ANNEX_MAX_UNCOMPRESSED = 100 * MB
ANNEX_MAX_MEMBERS = 1_000
ANNEX_MAX_ROWS = 20_000
ANNEX_MAX_COLUMNS = 200
# Cells (and shared strings) the sheets of the annex may hold: openpyxl keeps each in memory.
ANNEX_MAX_CELLS = 500_000
# Problems listed in one message (InputErrors shows this many); nearest-name suggestions
# (difflib, the costly part of an error message) are computed for at most this many.
ERRORS_SHOWN = 20
# Problems kept per file (the others are counted, not kept): a million bad rows cost a count.
ERRORS_KEPT = 1_000
# Chunk size used to hash files (checksums never hold a whole file in memory).
HASH_CHUNK = MB


def _mb(size: int) -> str:
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
            size=_mb(size),
            limit=_mb(limit),
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


def check_annex_archive(path: Path) -> None:
    """Refuse an .xlsx whose zip directory declares more than the limits, before it is opened.

    The declared sizes are what openpyxl would inflate, so a zip bomb is refused from its
    directory (a few KB read), and a member that inflates past its declared size is stopped by
    zipfile itself (it checks the CRC and the size while reading).
    """
    check_file_size(path, ANNEX_MAX_BYTES, N_("phụ lục Excel"))
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise InputError(
            N_("không đọc được tệp Excel ({kind}: {reason})"),
            path=path,
            expected=N_(
                "một tệp .xlsx lưu bằng Excel hoặc LibreOffice (không phải .xls, không phải CSV)"
            ),
            kind=type(exc).__name__,
            reason=exc,
        ) from None
    if len(members) > ANNEX_MAX_MEMBERS:
        raise InputError(
            N_("tệp Excel chứa {count} thành phần, vượt giới hạn {limit}"),
            path=path,
            expected=N_("một phụ lục tạo từ 'ntm-report template' (xem docs/input-limits.md)"),
            count=len(members),
            limit=ANNEX_MAX_MEMBERS,
        )
    declared = sum(member.file_size for member in members)
    if declared > ANNEX_MAX_UNCOMPRESSED:
        raise InputError(
            N_("tệp Excel khi giải nén có dung lượng {size}, vượt giới hạn {limit}"),
            path=path,
            expected=N_("một phụ lục mỗi xã một dòng (xem docs/input-limits.md)"),
            size=_mb(declared),
            limit=_mb(ANNEX_MAX_UNCOMPRESSED),
        )
    _count_parts(path, members)


# Elements counted in the sheets' XML, with or without a namespace prefix (`<x:row …>`).
_ROW = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row[\s/>]")
_CELL = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?c[\s/>]")
_STRING = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?si[\s/>]")


def _count(archive: zipfile.ZipFile, member: zipfile.ZipInfo, pattern: re.Pattern[bytes]) -> int:
    """Occurrences of `pattern` in a member, streamed (a tag cut by a chunk is carried over)."""
    total, carry = 0, b""
    with archive.open(member) as stream:
        while chunk := stream.read(HASH_CHUNK):
            buffer = carry + chunk
            cut = buffer.rfind(b"<")
            if cut < 0 or len(buffer) - cut > 256:  # no tag cut short at the end
                cut = len(buffer)
            total += len(pattern.findall(buffer, 0, cut))
            carry = buffer[cut:]
    return total + len(pattern.findall(carry))


def _count_parts(path: Path, members: list[zipfile.ZipInfo]) -> None:
    """Rows of each sheet, and cells and shared strings of the workbook, counted in the XML
    (within the declared size already checked) before openpyxl builds an object per cell."""
    cells = strings = 0
    try:
        with zipfile.ZipFile(path) as archive:
            for member in members:
                name = member.filename.lower()
                if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                    rows = _count(archive, member, _ROW)
                    if rows > ANNEX_MAX_ROWS:
                        check_sheet_shape(path, member.filename, rows, 0)
                    cells += _count(archive, member, _CELL)
                elif name == "xl/sharedstrings.xml":
                    strings = _count(archive, member, _STRING)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise InputError(
            N_("không đọc được tệp Excel ({kind}: {reason})"),
            path=path,
            expected=N_(
                "một tệp .xlsx lưu bằng Excel hoặc LibreOffice (không phải .xls, không phải CSV)"
            ),
            kind=type(exc).__name__,
            reason=exc,
        ) from None
    for count, what in ((cells, N_("ô")), (strings, N_("đoạn chữ khác nhau"))):
        if count > ANNEX_MAX_CELLS:
            raise InputError(
                N_("tệp Excel chứa {count} {what}, vượt giới hạn {limit}"),
                path=path,
                expected=N_("một phụ lục mỗi xã một dòng (xem docs/input-limits.md)"),
                count=count,
                what=Message(what),
                limit=ANNEX_MAX_CELLS,
            )


def check_sheet_shape(path: Path, sheet: str, rows: int, columns: int) -> None:
    """Refuse a sheet whose extent (openpyxl's max_row/max_column, or the rows counted in
    its XML) exceeds the limits: iterating it would visit rows × columns cells."""
    if rows > ANNEX_MAX_ROWS:
        raise InputError(
            N_("sheet {sheet} có {rows} dòng, vượt giới hạn {limit}"),
            path=path,
            expected=N_("mỗi xã một dòng (xem docs/input-limits.md)"),
            sheet=sheet,
            rows=rows,
            limit=ANNEX_MAX_ROWS,
        )
    if columns > ANNEX_MAX_COLUMNS:
        raise InputError(
            N_("sheet {sheet} có {columns} cột, vượt giới hạn {limit}"),
            path=path,
            expected=N_("mỗi tiêu chí một cột (xem docs/input-limits.md)"),
            sheet=sheet,
            columns=columns,
            limit=ANNEX_MAX_COLUMNS,
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
