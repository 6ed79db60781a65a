"""Nothing executable in or out of an input workbook.

Out: every text cell the tool writes is text. A name, a list item or a point typed by someone
(`=HYPERLINK(…)`, `@SUM(…)`, `+cmd|…`) would be a live formula in the next workbook a clerk
opens; `defuse` writes each such text as a string with Excel's quote prefix, so Excel and
LibreOffice show it and never compute it, not even after the cell is edited.

In: a workbook carrying macros (`vbaProject.bin`, a macro-enabled type such as `.xlsm`),
links to other workbooks or DDE servers (`xl/externalLinks/`), data connections, ActiveX
controls or embedded objects is refused before it is read (`check_no_active_content`);
formulas in cells are read by `cycle/cells.py` (plain arithmetic only).
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from openpyxl.workbook.workbook import Workbook

from ntm_analysis.errors import InputError, Message
from ntm_analysis.i18n import N_

# A text beginning with one of these is read as a formula by Excel or LibreOffice once typed
# (or on opening, for `=`), or pasted into another program as one (CSV injection).
ACTIVE_START = ("=", "+", "-", "@", "\t", "\r")

MACRO_SUFFIXES = (".xlsm", ".xltm", ".xlam", ".xlsb")
_MACRO_TYPE = b"macroEnabled"  # the content type of a macro-enabled workbook part


# The only formulas the tool writes: PL03's counts of `1` and sums over a range of its own
# sheet (dataset/annex/template.py). Nothing else that starts like a formula is kept live.
_RANGE = r"[A-Z]{1,3}[0-9]{1,7}:[A-Z]{1,3}[0-9]{1,7}"
OWN_FORMULA = re.compile(rf"=COUNTIF\({_RANGE},1\)|=SUM\({_RANGE}\)")


def defuse(book: Workbook) -> int:
    """Make every text cell of `book` that Excel would compute a plain string with the quote
    prefix; returns the number of cells changed. PL03's own counts and sums (`OWN_FORMULA`) stay."""
    changed = 0
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                value = cell.value
                if not isinstance(value, str) or OWN_FORMULA.fullmatch(value):
                    continue
                if value.startswith(ACTIVE_START):
                    cell.data_type = "s"
                    cell.quotePrefix = True
                    changed += 1
    return changed


def _active_parts(names: list[str], types: bytes) -> list[Message]:
    """What in a workbook's zip could run or fetch something when it is opened."""
    found = []
    lowered = [n.lower() for n in names]
    if any(n.endswith("vbaproject.bin") for n in lowered) or _MACRO_TYPE in types:
        found.append(Message(N_("macro (VBA)")))
    if any(n.startswith("xl/externallinks/") for n in lowered):
        found.append(Message(N_("liên kết tới tệp khác hoặc DDE")))
    if any(n == "xl/connections.xml" for n in lowered):
        found.append(Message(N_("kết nối dữ liệu ngoài")))
    if any(n.startswith(("xl/activex/", "xl/embeddings/")) for n in lowered):
        found.append(Message(N_("đối tượng nhúng hoặc điều khiển ActiveX")))
    return found


def check_no_active_content(path: Path) -> None:
    """Refuse a workbook that carries macros, external links, DDE, data connections, ActiveX
    controls or embedded objects (InputError naming what was found)."""
    if path.suffix.lower() in MACRO_SUFFIXES:
        raise InputError(
            N_("tệp {suffix} có thể chứa macro: không được nhận"),
            path=path,
            expected=N_("một tệp .xlsx tạo bằng 'ntm-report workbook'"),
            suffix=path.suffix,
        )
    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
            types = b""
            if "[Content_Types].xml" in names:
                info = archive.getinfo("[Content_Types].xml")
                if info.file_size <= 1_000_000:  # the limits of dataset/excel.py apply too
                    types = archive.read(info)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return  # not a zip: the workbook reader says why, in its own words
    found = _active_parts(names, types)
    if found:
        raise InputError(
            N_("tệp chứa {what}: không được nhận vì có thể chạy lệnh hoặc lấy dữ liệu từ nơi khác"),
            path=path,
            expected=N_(
                "một tệp .xlsx không có macro, liên kết ngoài hay đối tượng nhúng (lưu lại "
                "bằng 'Lưu Như' kiểu Sổ làm việc Excel (.xlsx))"
            ),
            what=_Joined(found),
        )


class _Joined:
    """Several wordings joined, rendered in the reader's language."""

    def __init__(self, parts: list[Message]) -> None:
        self.parts = parts

    def render(self, lang: str) -> str:
        return ", ".join(part.render(lang) for part in self.parts)

    def __str__(self) -> str:
        return self.render("vi")
