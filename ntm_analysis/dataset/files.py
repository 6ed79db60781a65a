"""Reading the project's CSV and YAML files strictly: every problem names file, row and column."""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import unicodedata
from pathlib import Path
from typing import Any

import pandas as pd

from ntm_analysis.dataset.yaml_strict import YamlDocument, load_document
from ntm_analysis.errors import InputError

LINE = "source_line"  # column added to every table read: the row's line number in its file


def sha256_of(path: Path) -> str:
    """Hex SHA-256 of a file's bytes."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def decode_text(raw: bytes, path: Path) -> tuple[str, str]:
    """Decode a text file: UTF-8 (BOM optional) or UTF-16 with a BOM; returns (text, encoding).

    Anything else (Windows-1258, binary data) is an InputError naming the line of the first
    byte that is not UTF-8.
    """
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return raw.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise InputError(f"not valid UTF-16 ({exc.reason})", path=path) from None
    if b"\x00" in raw[:4096]:
        raise InputError(
            "looks like a binary file (NUL bytes)", path=path, expected="a UTF-8 text file"
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError(
            f"byte 0x{raw[exc.start]:02x} at offset {exc.start} is not UTF-8; the file seems to "
            "be saved in another encoding (e.g. Windows-1258 or TCVN3)",
            path=path,
            row=line,
            expected="UTF-8 text: in Excel use 'CSV UTF-8 (Comma delimited)'",
        ) from None
    return text, "utf-8-sig" if raw.startswith(codecs.BOM_UTF8) else "utf-8"


def read_csv_text(
    path: str | Path,
    required: list[str],
    optional: list[str] | None = None,
    allow_empty: bool = False,
) -> pd.DataFrame:
    """Read a CSV file as strings (NFC, stripped), with a `_line` column of line numbers.

    Raises InputError for an unreadable, empty or wrongly shaped file, a missing required column,
    or a row with more or fewer fields than the header. Unknown extra columns are kept.
    """
    path = Path(path)
    if not path.is_file():
        raise InputError("file not found", path=path)
    text, _ = decode_text(path.read_bytes(), path)
    if not text.strip():
        raise InputError("the file is empty", path=path, expected=f"a header row: {required}")
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [unicodedata.normalize("NFC", h).strip() for h in next(reader)]
    except csv.Error as exc:
        raise InputError(f"not a readable CSV file ({exc})", path=path, row=1) from None
    missing = [c for c in required if c not in header]
    if missing:
        raise InputError(
            f"missing column(s) {missing}; the header has {header}",
            path=path,
            row=1,
            expected=f"columns {required}",
        )
    duplicated = sorted({c for c in header if header.count(c) > 1})
    if duplicated:
        raise InputError(f"duplicated column(s) {duplicated}", path=path, row=1)
    rows: list[list[str]] = []
    lines: list[int] = []
    try:
        for fields in reader:
            if not fields or all(not f.strip() for f in fields):
                continue  # blank line
            if len(fields) != len(header):
                raise InputError(
                    f"{len(fields)} fields where the header has {len(header)}",
                    path=path,
                    row=reader.line_num,
                    expected="one field per header column (quote fields that contain commas)",
                )
            rows.append([unicodedata.normalize("NFC", f).strip() for f in fields])
            lines.append(reader.line_num)
    except csv.Error as exc:
        raise InputError(f"malformed CSV ({exc})", path=path, row=reader.line_num) from None
    if not rows and not allow_empty:
        raise InputError("the file has a header but no rows", path=path, row=1)
    frame = pd.DataFrame(rows, columns=header, dtype=object)
    for column in optional or []:
        if column not in frame.columns:
            frame[column] = ""
    frame[LINE] = pd.array(lines, dtype="int64")
    return frame


def read_yaml_document(path: str | Path) -> YamlDocument:
    """Load a YAML file strictly (see `yaml_strict`): its data and the line of every node.

    Duplicate keys, anchors/aliases, foreign tags and non-finite numbers are InputErrors naming
    the line; `yes`, `1:30`, `1_000` and dates stay strings.
    """
    path = Path(path)
    if not path.is_file():
        raise InputError("file not found", path=path)
    text, _ = decode_text(path.read_bytes(), path)
    return load_document(unicodedata.normalize("NFC", text), path)


def read_yaml(path: str | Path) -> Any:
    """The data of a YAML file loaded strictly (`read_yaml_document`)."""
    return read_yaml_document(path).data


def require_keys(
    mapping: Any, keys: list[str], path: Path, where: str, row: int | None = None
) -> None:
    """Raise InputError unless `mapping` is a dict holding every key in `keys`."""
    if not isinstance(mapping, dict):
        raise InputError(f"{where} is not a mapping", path=path, row=row)
    missing = [k for k in keys if k not in mapping or mapping[k] in (None, "")]
    if missing:
        raise InputError(f"{where} lacks {missing}", path=path, row=row, column=missing[0])
