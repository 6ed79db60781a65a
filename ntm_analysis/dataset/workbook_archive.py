"""An .xlsx file checked as a zip archive before openpyxl reads it (docs/input-limits.md).

openpyxl builds an object per cell, per XML element of some parts and per merged cell, and
hands the XML to lxml, which expands entities. So a workbook is checked first, in one streamed
pass that costs at most a few seconds and a few MB whatever the file holds:

1. the size on disk;
2. the zip directory: the number of parts, each part's declared size, their sum, and each
   large part's compression ratio; an encrypted part or an unknown compression method;
3. every XML part, inflated in chunks (`zipfile` never inflates a part past its declared size
   and checks its CRC) and fed to expat: well-formed, no DTD (so no entities), and within the
   limits on elements, rows and columns of a sheet, cells, shared strings and the cells a
   merged range or a hyperlink covers. The XML parts are found by name and by content (a sheet
   renamed `xl/data/big.xml` or `big.dat` is counted too). Legacy VML drawings, which Excel
   does not write as well-formed XML, are scanned for DTDs and counted instead.

Every refusal is an InputError naming the file, the part or sheet and the limit.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.parsers import expat

from ntm_analysis.dataset import limits
from ntm_analysis.dataset.cell_reference import cell_position, reference
from ntm_analysis.errors import InputError, Message
from ntm_analysis.i18n import N_

__all__ = ["PartScan", "Tally", "cell_position", "check_archive", "reference"]

XML_NAMES = (".xml", ".rels")
VML_NAMES = (".vml",)
_METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
_VML_ELEMENT = re.compile(rb"<[A-Za-z_]")
_VML_DTD = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)


class Refused(Exception):
    """Raised inside the expat handlers to stop the pass; carries the InputError."""

    def __init__(self, error: InputError) -> None:
        super().__init__(str(error))
        self.error = error


@dataclass
class Tally:
    """What the parts hold, counted across the whole workbook."""

    elements: int = 0
    cells: int = 0
    strings: int = 0
    sheets: dict[str, str] = field(default_factory=dict)  # relationship id -> sheet name
    targets: dict[str, str] = field(default_factory=dict)  # part -> relationship id


def _over(path: Path, kind: Any, message: str, **values: Any) -> InputError:
    return InputError(message, path=path, expected=kind.extent, **values)


def dtd_error(path: Path, kind: Any, part: str) -> InputError:
    """A part declaring a DTD: entities could expand it (a billion laughs) or read files."""
    return InputError(
        N_("phần {part} có khai báo DTD hoặc thực thể (<!DOCTYPE>, <!ENTITY>)"),
        path=path,
        expected=kind.readable,
        part=part,
    )


class PartScan:
    """One XML part streamed through expat; the handlers count and raise `Refused`.

    `_start` runs for every element of the workbook (a million at most): it looks the element
    up in a table and reads the limits once per part, which keeps a pass near 1 µs an element.
    """

    def __init__(self, path: Path, kind: Any, part: str, tally: Tally) -> None:
        self.path, self.kind, self.part, self.tally = path, kind, part, tally
        self.rows = self.max_row = self.max_column = self.row_cells = 0
        self.elements_left = limits.WORKBOOK_MAX_ELEMENTS - tally.elements
        self.max_cells = limits.WORKBOOK_MAX_CELLS
        self.handlers = {
            "c": self._cell,
            "row": self._row,
            "si": self._string,
            "mergeCell": self._area,
            "hyperlink": self._area,
            "sheet": self._sheet,
            "Relationship": self._relationship,
        }
        parser = expat.ParserCreate()
        parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
        parser.StartDoctypeDeclHandler = self._doctype
        parser.EntityDeclHandler = self._doctype
        parser.StartElementHandler = self._start
        parser.buffer_text = True
        self.parser = parser

    @property
    def sheet(self) -> str:
        """The sheet's name as Excel shows it, or the part's name."""
        rid = self.tally.targets.get(self.part)
        return self.tally.sheets.get(rid, self.part) if rid else self.part

    def feed(self, chunk: bytes, final: bool = False) -> None:
        try:
            self.parser.Parse(chunk, final)
        except expat.ExpatError as exc:
            raise InputError(
                N_("phần {part} không phải XML hợp lệ (dòng {line}, ký tự {offset}: {reason})"),
                path=self.path,
                expected=self.kind.readable,
                part=self.part,
                line=exc.lineno,
                offset=exc.offset,
                reason=expat.ErrorString(exc.code),
            ) from None
        if final:
            self.tally.elements = limits.WORKBOOK_MAX_ELEMENTS - self.elements_left

    def _doctype(self, *_: Any) -> None:
        raise Refused(dtd_error(self.path, self.kind, self.part))

    def _start(self, name: str, attrs: dict[str, str]) -> None:
        self.elements_left -= 1
        if self.elements_left < 0:
            raise Refused(
                _over(
                    self.path,
                    self.kind,
                    N_("tệp Excel chứa hơn {limit} phần tử XML"),
                    limit=limits.WORKBOOK_MAX_ELEMENTS,
                )
            )
        handler = self.handlers.get(name)
        if handler is None and ":" in name:
            handler = self.handlers.get(name.rpartition(":")[2])
        if handler is not None:
            handler(attrs)

    def _string(self, attrs: dict[str, str]) -> None:
        self.tally.strings += 1
        if self.tally.strings > self.max_cells:
            self._too_many(self.tally.strings, N_("đoạn chữ khác nhau"))

    def _sheet(self, attrs: dict[str, str]) -> None:
        rid = next((v for k, v in attrs.items() if k.rpartition(":")[2] == "id"), None)
        if rid is not None and "name" in attrs:
            self.tally.sheets[rid] = attrs["name"]

    def _relationship(self, attrs: dict[str, str]) -> None:
        """The workbook's relationships say which part is which sheet."""
        if not self.part.endswith("workbook.xml.rels"):
            return
        target = attrs.get("Target", "")
        folder = posixpath.dirname(posixpath.dirname(self.part))  # xl/_rels/x.rels -> xl
        resolved = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
        self.tally.targets[posixpath.normpath(resolved)] = attrs.get("Id", "")

    def _cell(self, attrs: dict[str, str]) -> None:
        self.tally.cells += 1
        if self.tally.cells > self.max_cells:
            self._too_many(self.tally.cells, N_("ô"))
        self.row_cells += 1
        ref = attrs.get("r")
        row, column = cell_position(ref) if ref else (0, 0)
        if row > self.max_row or max(column, self.row_cells) > self.max_column:
            self._extent(max(row, self.max_row), max(column, self.row_cells, self.max_column))

    def _row(self, attrs: dict[str, str]) -> None:
        self.rows += 1
        self.row_cells = 0
        ref = attrs.get("r")
        row = int(ref) if ref and ref.strip().isdigit() and len(ref) < 12 else self.rows
        self._extent(max(row, self.rows, self.max_row), self.max_column)

    def _area(self, attrs: dict[str, str]) -> None:
        """A merged range or a hyperlink: openpyxl makes an object for each cell it covers."""
        first, _, last = attrs.get("ref", "").partition(":")
        start, end = reference(first), reference(last or first)
        if start is None or end is None:
            return  # not a range: openpyxl ignores it or fails, and the file is refused then
        rows = abs(end[0] - start[0]) + 1
        columns = abs(end[1] - start[1]) + 1
        self._extent(max(end[0], start[0], self.max_row), max(end[1], start[1], self.max_column))
        self.tally.cells += rows * columns
        if self.tally.cells > self.max_cells:
            self._too_many(self.tally.cells, N_("ô"))

    def _extent(self, row: int, column: int) -> None:
        self.max_row, self.max_column = row, column
        if row > limits.WORKBOOK_MAX_ROWS or column > limits.WORKBOOK_MAX_COLUMNS:
            raise Refused(self._shape_error(row, column))

    def _shape_error(self, row: int, column: int) -> InputError:
        return sheet_shape_error(self.path, self.kind, self.sheet, row, column)

    def _too_many(self, count: int, what: str) -> None:
        raise Refused(
            _over(
                self.path,
                self.kind,
                N_("tệp Excel chứa hơn {limit} {what}"),
                count=count,
                what=Message(what),
                limit=limits.WORKBOOK_MAX_CELLS,
            )
        )


def sheet_shape_error(path: Path, kind: Any, sheet: str, rows: int, columns: int) -> InputError:
    """The refusal of a sheet whose rows or columns exceed the limits."""
    if rows > limits.WORKBOOK_MAX_ROWS:
        return InputError(
            N_("sheet {sheet} có {rows} dòng, vượt giới hạn {limit}"),
            path=path,
            expected=kind.rows,
            sheet=sheet,
            rows=rows,
            limit=limits.WORKBOOK_MAX_ROWS,
        )
    return InputError(
        N_("sheet {sheet} có {columns} cột, vượt giới hạn {limit}"),
        path=path,
        expected=kind.columns,
        sheet=sheet,
        columns=columns,
        limit=limits.WORKBOOK_MAX_COLUMNS,
    )


def unreadable(path: Path, kind: Any, exc: BaseException) -> InputError:
    """A file that is not a readable .xlsx workbook, and why."""
    return InputError(
        N_("không đọc được tệp Excel ({kind}: {reason})"),
        path=path,
        expected=kind.readable,
        kind=type(exc).__name__,
        reason=exc,
    )


def check_directory(path: Path, kind: Any, members: list[zipfile.ZipInfo]) -> None:
    """The zip directory within the limits: parts, sizes, ratios, methods, no encryption."""
    if len(members) > limits.WORKBOOK_MAX_MEMBERS:
        raise InputError(
            N_("tệp Excel chứa {count} thành phần, vượt giới hạn {limit}"),
            path=path,
            expected=kind.made_by,
            count=len(members),
            limit=limits.WORKBOOK_MAX_MEMBERS,
        )
    for member in members:
        _check_member(path, kind, member)
    declared = sum(member.file_size for member in members)
    if declared > limits.WORKBOOK_MAX_UNCOMPRESSED:
        raise InputError(
            N_("tệp Excel khi giải nén có dung lượng {size}, vượt giới hạn {limit}"),
            path=path,
            expected=kind.extent,
            size=limits.megabytes(declared),
            limit=limits.megabytes(limits.WORKBOOK_MAX_UNCOMPRESSED),
        )


def _check_member(path: Path, kind: Any, member: zipfile.ZipInfo) -> None:
    part = member.filename
    if member.flag_bits & 0x1:
        raise InputError(
            N_("phần {part} được mã hóa (tệp có mật khẩu)"),
            path=path,
            expected=N_("một tệp .xlsx không đặt mật khẩu"),
            part=part,
        )
    if member.compress_type not in _METHODS:
        raise InputError(
            N_("phần {part} nén bằng phương pháp {method}, không phải của Excel"),
            path=path,
            expected=kind.readable,
            part=part,
            method=member.compress_type,
        )
    if member.file_size > limits.WORKBOOK_MAX_PART:
        raise InputError(
            N_("phần {part} khi giải nén có dung lượng {size}, vượt giới hạn {limit}"),
            path=path,
            expected=kind.extent,
            part=part,
            size=limits.megabytes(member.file_size),
            limit=limits.megabytes(limits.WORKBOOK_MAX_PART),
        )
    ratio = member.file_size / max(member.compress_size, 1)
    if member.file_size >= limits.WORKBOOK_RATIO_FROM and ratio > limits.WORKBOOK_MAX_RATIO:
        raise InputError(
            N_("phần {part} nén với tỉ lệ {ratio:.0f}:1, vượt giới hạn {limit}:1"),
            path=path,
            expected=kind.extent,
            part=part,
            ratio=ratio,
            limit=limits.WORKBOOK_MAX_RATIO,
        )


def _order(member: zipfile.ZipInfo) -> tuple[int, str]:
    """Relationships and the workbook part first: sheets are then named as Excel names them."""
    name = member.filename.lower()
    first = name.endswith(".rels") or name.endswith("workbook.xml")
    return (0 if first else 1, name)


def check_parts(path: Path, kind: Any, archive: zipfile.ZipFile) -> Tally:
    """Stream every part through the checks; returns what was counted."""
    tally = Tally()
    for member in sorted(archive.infolist(), key=_order):
        with archive.open(member) as stream:
            head = stream.read(limits.HASH_CHUNK)
            name = member.filename.lower()
            if name.endswith(VML_NAMES):
                _scan_vml(path, kind, member.filename, head, stream, tally)
            elif name.endswith(XML_NAMES) or _looks_like_xml(head):
                _scan_xml(PartScan(path, kind, member.filename, tally), head, stream)
    return tally


def _looks_like_xml(head: bytes) -> bool:
    text = head[:64].lstrip(b"\xef\xbb\xbf \t\r\n")
    return text.startswith(b"<") or head.startswith((b"\xff\xfe", b"\xfe\xff"))


def _scan_xml(scan: PartScan, head: bytes, stream: Any) -> None:
    try:
        chunk = head
        while chunk:
            scan.feed(chunk)
            chunk = stream.read(limits.HASH_CHUNK)
        scan.feed(b"", final=True)
    except Refused as refused:
        raise refused.error from None


def _scan_vml(path: Path, kind: Any, part: str, head: bytes, stream: Any, tally: Tally) -> None:
    """A legacy VML drawing (cell comments' boxes): not well-formed XML as Excel writes it,
    and not parsed by openpyxl; refused if it declares a DTD, its elements counted."""
    chunk, carry = head, b""
    while chunk:
        if _VML_DTD.search(carry + chunk):
            raise dtd_error(path, kind, part)
        tally.elements += len(_VML_ELEMENT.findall(chunk))
        if tally.elements > limits.WORKBOOK_MAX_ELEMENTS:
            raise _over(
                path,
                kind,
                N_("tệp Excel chứa hơn {limit} phần tử XML"),
                limit=limits.WORKBOOK_MAX_ELEMENTS,
            )
        carry = chunk[-16:]
        chunk = stream.read(limits.HASH_CHUNK)


def check_archive(path: Path, kind: Any) -> Tally:
    """Refuse an .xlsx beyond the limits before openpyxl opens it (the module's docstring)."""
    limits.check_file_size(path, limits.WORKBOOK_MAX_BYTES, kind.name)  # kind.name: a msgid
    try:
        with zipfile.ZipFile(path) as archive:
            check_directory(path, kind, archive.infolist())
            return check_parts(path, kind, archive)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise unreadable(path, kind, exc) from None
    except Exception as exc:  # zlib.error, NotImplementedError …: a damaged file
        if isinstance(exc, InputError):
            raise
        raise unreadable(path, kind, exc) from None
