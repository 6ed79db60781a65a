"""Reading the project's CSV and YAML files strictly: every problem names file, row and column."""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any

import pandas as pd

from ntm_analysis.dataset import limits
from ntm_analysis.dataset.limits import (
    CSV_MAX_BYTES,
    CSV_MAX_ROWS,
    HASH_CHUNK,
    YAML_MAX_BYTES,
    check_file_size,
    check_row_count,
)
from ntm_analysis.dataset.yaml_strict import YamlDocument, load_document
from ntm_analysis.errors import InputError, Message
from ntm_analysis.i18n import N_

LINE = "source_line"  # column added to every table read: the row's line number in its file


def sha256_of(path: Path) -> str:
    """Hex SHA-256 of a file's bytes, read in chunks (a 3 GB file costs 1 MB of memory).

    InputError when the file cannot be read (permission, a folder, a vanished file).
    """
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as handle:
            while chunk := handle.read(HASH_CHUNK):
                digest.update(chunk)
    except OSError as exc:
        raise InputError(
            N_("không đọc được tệp ({reason})"), path=path, reason=exc.strerror or exc
        ) from None
    return digest.hexdigest()


def read_bytes(path: Path, limit: int, what: str) -> bytes:
    """The bytes of a data file of at most `limit` bytes (checked before reading).

    InputError naming the file when it is missing, too large, or cannot be read (no read
    permission, a folder, an I/O error).
    """
    if not path.exists():
        raise InputError(N_("không tìm thấy tệp"), path=path)
    if not path.is_file():
        raise InputError(
            N_("không phải tệp thông thường"),
            path=path,
            expected=N_("một {what}"),
            what=Message(what),
        )
    check_file_size(path, limit, what)
    try:
        with open(path, "rb") as handle:
            raw = handle.read(limit + 1)
    except OSError as exc:
        raise InputError(
            N_("không đọc được tệp ({reason})"), path=path, reason=exc.strerror or exc
        ) from None
    if len(raw) > limit:  # grew since the check
        check_file_size(path, limit, what)
        raise InputError(N_("tệp vượt giới hạn {limit} byte"), path=path, limit=limit)
    return raw


def decode_text(raw: bytes, path: Path) -> tuple[str, str]:
    """Decode a text file: UTF-8 (BOM optional) or UTF-16 with a BOM; returns (text, encoding).

    Anything else (Windows-1258, binary data) is an InputError naming the line of the first
    byte that is not UTF-8. A NUL character anywhere is refused (binary data, or a UTF-16 file
    without its BOM), with its line.
    """
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = raw.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(
                N_("không phải UTF-16 hợp lệ ({reason})"), path=path, reason=exc.reason
            ) from None
        _refuse_nul(text, path)
        return text, "utf-16"
    _refuse_nul(raw, path)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError(
            N_(
                "byte 0x{raw:02x} ở vị trí {start} không phải UTF-8; tệp có vẻ được lưu "
                "bằng bảng mã khác (ví dụ Windows-1258 hoặc TCVN3)"
            ),
            path=path,
            row=line,
            expected=N_("văn bản UTF-8: trong Excel chọn lưu dạng 'CSV UTF-8 (Comma delimited)'"),
            raw=raw[exc.start],
            start=exc.start,
        ) from None
    return text, "utf-8-sig" if raw.startswith(codecs.BOM_UTF8) else "utf-8"


def _refuse_nul(content: str | bytes, path: Path) -> None:
    """InputError naming the line of the first NUL character of `content`, if it has one."""
    nul = "\x00" if isinstance(content, str) else b"\x00"
    newline = "\n" if isinstance(content, str) else b"\n"
    at = content.find(nul)  # type: ignore[arg-type]
    if at >= 0:
        raise InputError(
            N_("có ký tự NUL ở vị trí {at}: có vẻ là tệp nhị phân"),
            path=path,
            row=content.count(newline, 0, at) + 1,
            expected=N_("một tệp văn bản UTF-8"),
            at=at,
        )


def _csv_header(reader: Any, path: Path, required: list[str]) -> list[str]:
    """The header row (NFC, stripped); InputError when it has more columns than
    limits.CSV_MAX_COLUMNS, a required column is missing or a column is named twice. Linear in
    the header's length (a set and a counter, never a scan per column)."""
    try:
        header = [unicodedata.normalize("NFC", h).strip() for h in next(reader)]
    except csv.Error as exc:
        raise InputError(
            N_("không đọc được tệp CSV ({reason})"), path=path, row=1, reason=exc
        ) from None
    if len(header) > limits.CSV_MAX_COLUMNS:
        raise InputError(
            N_("dòng tiêu đề có {count} cột, vượt giới hạn {limit}"),
            path=path,
            row=1,
            expected=N_("tối đa {limit} cột (xem docs/input-limits.md)"),
            count=len(header),
            limit=limits.CSV_MAX_COLUMNS,
        )
    present = set(header)
    missing = [c for c in required if c not in present]
    if missing:
        raise InputError(
            N_("thiếu cột {missing}; dòng tiêu đề có {header}"),
            path=path,
            row=1,
            expected=N_("các cột {required}"),
            missing=missing,
            header=header,
            required=required,
        )
    duplicated = sorted(c for c, n in Counter(header).items() if n > 1)
    if duplicated:
        raise InputError(N_("cột bị trùng: {duplicated}"), path=path, row=1, duplicated=duplicated)
    return header


def _csv_columns(reader: Any, path: Path, width: int) -> tuple[list[list[str]], list[int]]:
    """The values of each column (NFC, stripped; equal values share one string) and the line
    of each row, blank lines skipped; InputError for a row of another width, a malformed
    line, or more rows than limits.CSV_MAX_ROWS."""
    columns: list[list[str]] = [[] for _ in range(width)]
    shared: list[dict[str, str]] = [{} for _ in range(width)]
    lines: list[int] = []
    normalize = unicodedata.normalize
    try:
        for fields in reader:
            if not fields or all(not f.strip() for f in fields):
                continue  # blank line
            if len(fields) != width:
                raise InputError(
                    N_("{count} trường trong khi dòng tiêu đề có {width}"),
                    path=path,
                    row=reader.line_num,
                    expected=N_(
                        "mỗi cột tiêu đề một trường (đặt trong ngoặc kép trường nào có dấu phẩy)"
                    ),
                    count=len(fields),
                    width=width,
                )
            if len(lines) == CSV_MAX_ROWS:
                check_row_count(path, len(lines) + 1, CSV_MAX_ROWS, line=reader.line_num)
            for column, seen, field in zip(columns, shared, fields, strict=True):
                value = normalize("NFC", field).strip()
                column.append(seen.setdefault(value, value))
            lines.append(reader.line_num)
    except csv.Error as exc:
        raise InputError(
            N_("tệp CSV sai định dạng ({reason})"), path=path, row=reader.line_num, reason=exc
        ) from None
    return columns, lines


def read_csv_text(
    path: str | Path,
    required: list[str],
    optional: list[str] | None = None,
    allow_empty: bool = False,
) -> pd.DataFrame:
    """Read a CSV file as strings (NFC, stripped), with a `source_line` column of line numbers.

    Raises InputError for an unreadable, too large (limits.CSV_MAX_BYTES, CSV_MAX_ROWS), empty
    or wrongly shaped file, a missing required column, or a row with more or fewer fields than
    the header. Unknown extra columns are kept. Columns are built one by one and equal values
    of a column share one string, so a million rows stay within a few hundred MB.
    """
    path = Path(path)
    text, _ = decode_text(read_bytes(path, CSV_MAX_BYTES, N_("tệp CSV")), path)
    if not text.strip():
        raise InputError(
            N_("tệp trống"),
            path=path,
            expected=N_("một dòng tiêu đề: {required}"),
            required=required,
        )
    reader = csv.reader(io.StringIO(text, newline=""))
    del text
    header = _csv_header(reader, path, required)
    columns, lines = _csv_columns(reader, path, len(header))
    if not lines and not allow_empty:
        raise InputError(
            N_("tệp có dòng tiêu đề nhưng không có dòng số liệu nào"), path=path, row=1
        )
    frame = pd.DataFrame(
        {
            name: pd.Series(values, dtype=object)
            for name, values in zip(header, columns, strict=True)
        }
    )
    del columns
    for column in optional or []:
        if column not in frame.columns:
            frame[column] = pd.Series([""] * len(frame), dtype=object)
    frame[LINE] = pd.array(lines, dtype="int64")
    return frame


def read_csv_frame(path: str | Path) -> pd.DataFrame:
    """A CSV file read by pandas as strings exactly as written (no NFC, no stripping, no
    `source_line`), within the size, column and row limits: the reader of reference tables
    (administrative units, conversion tables) that keep pandas' parsing.

    InputError for a missing, unreadable, too large, non-UTF-8 or malformed file; pandas stops
    after limits.CSV_MAX_ROWS + 1 rows, so a file of tiny rows costs no more than the limit.
    """
    path = Path(path)
    text, _ = decode_text(read_bytes(path, CSV_MAX_BYTES, N_("tệp CSV")), path)
    first_line = text.split("\n", 1)[0]
    try:
        _csv_header(csv.reader(io.StringIO(first_line, newline="")), path, [])
        frame = pd.read_csv(
            io.StringIO(text), dtype=str, keep_default_na=False, nrows=CSV_MAX_ROWS + 1
        )
    except (StopIteration, pd.errors.ParserError, pd.errors.EmptyDataError, csv.Error) as exc:
        raise InputError(
            N_("không đọc được tệp CSV UTF-8 ({reason})"), path=path, reason=exc
        ) from None
    check_row_count(path, len(frame), CSV_MAX_ROWS)
    return frame


def read_yaml_document(path: str | Path) -> YamlDocument:
    """Load a YAML file strictly (see `yaml_strict`): its data and the line of every node.

    Duplicate keys, anchors/aliases, foreign tags and non-finite numbers are InputErrors naming
    the line; `yes`, `1:30`, `1_000` and dates stay strings.
    """
    path = Path(path)
    text, _ = decode_text(read_bytes(path, YAML_MAX_BYTES, N_("tệp YAML")), path)
    return load_document(unicodedata.normalize("NFC", text), path)


def read_yaml(path: str | Path) -> Any:
    """The data of a YAML file loaded strictly (`read_yaml_document`)."""
    return read_yaml_document(path).data


def require_keys(
    mapping: Any, keys: list[str], path: Path, where: str, row: int | None = None
) -> None:
    """Raise InputError unless `mapping` is a dict holding every key in `keys`."""
    if not isinstance(mapping, dict):
        raise InputError(
            N_("{where} không phải là một bảng khóa–giá trị"), path=path, row=row, where=where
        )
    missing = [k for k in keys if k not in mapping or mapping[k] in (None, "")]
    if missing:
        raise InputError(
            N_("{where} thiếu {missing}"),
            path=path,
            row=row,
            column=missing[0],
            where=where,
            missing=missing,
        )
