"""Reading the text sheets of a workbook back (`cycle/text_sheets.py` writes them), and writing
the period's `qualitative.yml` from them on import.

A row with text is a point: its section and kind chosen (or typed as a reference, `A.I.3`),
its document when a number is given (`15-CT/TU`, a date `25/10/2018`, an issuer), its named
list chosen by its label. A row left without text is no point: clearing a text drops the
point. The English text of a point is kept only while its Vietnamese text is the one it
translates; an edited point is Vietnamese only until someone translates it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl.worksheet.worksheet import Worksheet
from pydantic import ValidationError

from ntm_analysis.cycle.cells import is_formula_cell
from ntm_analysis.cycle.rows import data_note
from ntm_analysis.cycle.sheets import list_labels
from ntm_analysis.cycle.tables import write_yaml
from ntm_analysis.cycle.text_sheets import kind_names
from ntm_analysis.dataset.excel import Cell, is_empty
from ntm_analysis.dataset.qualitative import QualitativeFile
from ntm_analysis.errors import InputError, InputErrors, Message
from ntm_analysis.i18n import LANGUAGES, N_

QUALITATIVE_FILE = "qualitative.yml"
_SECTION = re.compile(r"^[A-C](\.[IVX]+)?(\.\d+)*$")
_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$|^(\d{4})-(\d{2})-(\d{2})$")


@dataclass(frozen=True)
class TextPoint:
    """A point read from a text sheet, as `qualitative.yml` writes it, with its cell."""

    point: dict[str, Any]
    cell: Cell


def cell_text(reader: Any, sheet: Worksheet, row: int, column: int | None) -> str | None:
    """The text of a cell (None when empty or absent); a formula is refused, naming the cell:
    a text cell holds words, never something Excel computes."""
    if column is None:
        return None
    cell = sheet.cell(row, column)
    if is_formula_cell(cell):
        reader.error(
            sheet,
            row,
            column,
            Message(
                N_("ô chứa công thức ({formula}), không phải chữ"), formula=str(cell.value)[:60]
            ),
            N_("chữ gõ vào ô (một ô bắt đầu bằng '=' được tính như công thức)"),
        )
        return None
    value = cell.value
    if is_empty(value):
        return None
    if isinstance(value, dt.datetime | dt.date):
        return value.strftime("%d/%m/%Y")
    text = str(value).strip()
    return text[:-2] if isinstance(value, float) and text.endswith(".0") else text


def _kinds() -> dict[str, str]:
    """Every word a kind may be written with (either language, or its code) → its code."""
    out = {}
    for lang in LANGUAGES:
        for code, word in kind_names(lang).items():
            out[word.casefold()] = code
            out[code] = code
    return out


def _date(reader: Any, sheet: Worksheet, row: int, column: int) -> str | None:
    """A document's date as `YYYY-MM-DD` from a date cell or `dd/mm/yyyy` text."""
    value = sheet.cell(row, column).value
    if isinstance(value, dt.datetime | dt.date):
        return f"{value.year:04d}-{value.month:02d}-{value.day:02d}"
    text = cell_text(reader, sheet, row, column)
    if text is None:
        return None
    found = _DATE.match(text)
    try:
        if found is None:
            raise ValueError(text)
        day, month, year = (
            (found[1], found[2], found[3]) if found[1] else (found[6], found[5], found[4])
        )
        return dt.date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        reader.error(
            sheet,
            row,
            column,
            Message(N_("{text!r} không phải là một ngày"), text=text),
            N_("một ngày dạng ngày/tháng/năm (dd/mm/yyyy)"),
        )
        return None


def _local(text: str, was: str | None, english: str | None) -> dict[str, str]:
    """A text in Vietnamese, with its English kept while the Vietnamese is unchanged."""
    out = {"vi": text}
    if english and was is not None and " ".join(was.split()) == " ".join(text.split()):
        out["en"] = english
    return out


def _document(reader: Any, sheet: Worksheet, row: int, keys: dict[str, int]) -> dict | None:
    number = cell_text(reader, sheet, row, keys.get("doc_number"))
    date = _date(reader, sheet, row, keys["doc_date"]) if "doc_date" in keys else None
    issuer = cell_text(reader, sheet, row, keys.get("doc_issuer"))
    if number is None:
        if date or issuer:
            reader.error(
                sheet,
                row,
                keys["doc_number"],
                Message(N_("có ngày hoặc cơ quan ban hành nhưng chưa có số văn bản")),
                N_("số của văn bản, ví dụ 15-CT/TU"),
            )
        return None
    document: dict[str, Any] = {"number": number}
    if date:
        document["date"] = date
    if issuer:
        was = cell_text(reader, sheet, row, keys.get("issuer_was"))
        document["issuer"] = _local(
            issuer, was, cell_text(reader, sheet, row, keys.get("issuer_en"))
        )
    return document


def _head(reader: Any, sheet: Worksheet, row: int, keys: dict[str, int]) -> tuple[str, str] | None:
    """A point's section and kind, or None (with the problem noted)."""
    section = cell_text(reader, sheet, row, keys["section"])
    if section is None or not _SECTION.match(section):
        reader.error(
            sheet,
            row,
            keys["section"],
            Message(N_("mục {section!r} không phải là một mục của báo cáo"), section=section or ""),
            N_("một mục chọn trong ô thả xuống, ví dụ A.I.3 hoặc C.II.2"),
        )
        return None
    word = cell_text(reader, sheet, row, keys["kind"])
    kind = _kinds().get((word or "").casefold())
    if kind is None:
        reader.error(
            sheet,
            row,
            keys["kind"],
            Message(
                N_("{word!r} không phải là một loại nội dung"),
                word=word or "",
                kinds=", ".join(kind_names("vi").values()),
            ),
            N_("một loại chọn trong ô thả xuống ({kinds})"),
        )
        return None
    return section, kind


def read_text_sheet(
    reader: Any, sheet: Worksheet, header_row: int, keys: dict[str, int], out: Any
) -> None:
    """Read a text sheet into `out.points` (TextPoint) and `out.text_sheets`; bad cells become
    the reader's errors (`reader`: the workbook reader of cycle/reader.py)."""
    out.text_sheets.append(sheet.title)
    labels = {}
    for lang in LANGUAGES:
        labels.update({label: code for code, label in list_labels(reader.context, lang).items()})
    catalogue = reader.context.catalogue
    for row in range(header_row + 1, sheet.max_row + 1):
        text = cell_text(reader, sheet, row, keys["text"])
        if text is None:
            continue
        head = _head(reader, sheet, row, keys)
        if head is None:
            continue
        point: dict[str, Any] = {"kind": head[1], "section": head[0]}
        was = cell_text(reader, sheet, row, keys.get("text_was"))
        point["text"] = _local(text, was, cell_text(reader, sheet, row, keys.get("text_en")))
        title = cell_text(reader, sheet, row, keys.get("title"))
        if title:
            title_was = cell_text(reader, sheet, row, keys.get("title_was"))
            point["title"] = _local(
                title, title_was, cell_text(reader, sheet, row, keys.get("title_en"))
            )
        document = _document(reader, sheet, row, keys)
        if document:
            point["document"] = document
        label = cell_text(reader, sheet, row, keys.get("list_label"))
        if label:
            code = labels.get(label) or cell_text(reader, sheet, row, keys.get("list")) or label
            point["list"] = code
        codes = [
            c.strip()
            for c in (cell_text(reader, sheet, row, keys.get("indicators")) or "").split(",")
        ]
        point["indicators"] = [c for c in codes if c in catalogue]
        if not point["indicators"]:
            del point["indicators"]
        out.points.append(TextPoint(point, reader.cell(sheet, row, keys["text"])))


def qualitative_document(readings: list[Any]) -> dict[str, Any] | None:
    """The points of every workbook that has text sheets, in order (a point given twice,
    the same in two files, once); None when no workbook has text sheets."""
    if not any(getattr(r, "text_sheets", None) for r in readings):
        return None
    points, seen = [], set()
    for reading in readings:
        for item in reading.points:
            key = (item.point["kind"], item.point["section"], item.point["text"]["vi"])
            if key not in seen:
                seen.add(key)
                points.append(item.point)
    return {"points": points}


def write_qualitative(folder: Path, readings: list[Any], context: Any) -> Message | None:
    """Write `folder/qualitative.yml` from the workbooks' text sheets (the importer calls it
    on its staged copy of the period folder); None, and nothing written, when no workbook has
    text sheets (the period's file stays). The file must pass the model first."""
    document = qualitative_document(readings)
    if document is None:
        return None
    path = folder / QUALITATIVE_FILE
    try:
        QualitativeFile.model_validate(document)
    except ValidationError as exc:
        first = exc.errors()[0]
        index = first["loc"][1] if len(first["loc"]) > 1 else 0
        items = [item for r in readings for item in r.points]
        cell = items[index].cell if isinstance(index, int) and index < len(items) else None
        raise InputErrors(
            [
                InputError(
                    N_("nội dung không ghi được vào {file}: {reason}"),
                    path=Path(cell.file) if cell else path,
                    column=f"{cell.sheet}!{cell.cell}" if cell else None,
                    file=QUALITATIVE_FILE,
                    reason=first["msg"],
                )
            ]
        ) from None
    write_yaml(
        document,
        path,
        comment=data_note(
            f"Qualitative points of period {context.period}, entered in the text sheets of "
            "the input workbooks (ntm-report import): edit them there, not here."
        ),
    )
    return Message(
        N_("Đã ghi {n} ý của lời văn vào {file}."), n=len(document["points"]), file=QUALITATIVE_FILE
    )
