"""Every message of an import speaks Vietnamese by default (English with --lang en), names
places in words, and points at a cell the clerk sees: never a hidden key column or sheet."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.utils import column_index_from_string

from ntm_analysis.cli import main
from ntm_analysis.cycle.context import load_context
from ntm_analysis.cycle.importer import import_workbooks
from ntm_analysis.cycle.reader import header_keys, is_hidden
from ntm_analysis.cycle.workbook import write_workbook
from ntm_analysis.errors import InputError, InputErrors

from .clerk import fill_workbook

pytestmark = pytest.mark.heavy  # workbooks written, spoiled and imported: seconds

NEW = "2021-12"
VIETNAMESE = re.compile(r"[ạảãáàâầấậẩẫăằắặẳẵđêềếệểễôồốộổỗơờớợởỡưừứựửữíìịỉĩýỳỵỷỹúùụủũóòọỏõéèẹẻẽ]")
# English words the import's messages used to carry (and machine keys a clerk never sees).
ENGLISH = re.compile(
    r"\b(is|belongs|workbook is for|expected|commune \d|district \d|not a number|status for|"
    r"ntm_status|district_code|meta!)\b",
    re.IGNORECASE,
)
CELL = re.compile(r"^(?P<sheet>.+)!(?P<column>[A-Z]+)(?P<row>\d+)$")


@pytest.fixture
def scaffolded(data_copy: Path) -> Path:
    args = ["new-period", "--period", NEW, "--from", "2021-09", "--data-dir", str(data_copy)]
    assert main(args) == 0
    return data_copy


def _rows(path: Path, *needed: str):
    book = load_workbook(path)
    for sheet in book.worksheets:
        found = header_keys(sheet)
        if found is not None and set(needed) <= set(found[1]):
            header, keys = found
            return book, sheet, header, keys
    raise AssertionError(needed)


def _spoiled(scaffolded: Path, tmp_path: Path, period_data) -> list[Path]:
    """Workbooks of one district: one holding a clerk's usual mistakes, a clean one, and a
    copy of the clean one giving one figure another value."""
    context = load_context(NEW, scaffolded)
    first = tmp_path / "nhap_847_loi.xlsx"
    write_workbook(context, first, "847")
    fill_workbook(first, period_data)
    clean = tmp_path / "nhap_847.xlsx"
    shutil.copy(first, clean)
    second = tmp_path / "nhap_847_ban_sao.xlsx"
    shutil.copy(first, second)

    book, sheet, header, keys = _rows(first, "indicator", "value")
    sheet.cell(header + 1, keys["value"], "mười")  # text in a number cell
    sheet.cell(header + 2, keys["value"], -3)  # a negative figure
    sheet.cell(header + 3, keys["indicator"], "no_such_indicator")  # a hidden key edited
    book.save(first)
    book, sheet, header, keys = _rows(first, "code", "ntm_status")
    sheet.cell(header + 1, keys["ntm_status"], "gần đạt")  # a word outside the list
    book.save(first)

    book, sheet, header, keys = _rows(second, "indicator", "value")
    row = next(
        r
        for r in range(header + 1, sheet.max_row + 1)
        if isinstance(sheet.cell(r, keys["value"]).value, int | float) and r > header + 3
    )
    sheet.cell(row, keys["value"], sheet.cell(row, keys["value"]).value + 7)  # two values
    book.save(second)
    return [first, clean, second]


def _errors(files: list[Path], scaffolded: Path) -> list[InputError]:
    with pytest.raises(InputErrors) as caught:
        import_workbooks(NEW, files, scaffolded)
    return caught.value.errors


def test_every_message_is_vietnamese_and_names_a_visible_cell(scaffolded, tmp_path, period_data):
    files = _spoiled(scaffolded, tmp_path, period_data)
    errors = _errors(files[:1], scaffolded) + _errors(files[1:], scaffolded)
    assert len(errors) >= 5
    for error in errors:
        text = error.render("vi")
        assert VIETNAMESE.search(text), text
        assert not ENGLISH.search(text), text
        assert "Traceback" not in text
        if error.column is None:
            continue
        where = CELL.match(str(error.column))
        assert where, text
        book = load_workbook(tmp_path / Path(error.path).name)  # a conflict names the file
        sheet = book[where["sheet"]]
        assert sheet.sheet_state == "visible", text
        assert not is_hidden(sheet, column_index_from_string(where["column"])), text
    unnamed = [e.render("vi") for e in errors if "Châu Thành (" not in e.render("vi")]
    assert unnamed == [], unnamed  # the place in words
    english = errors[0].render("en")
    assert "is not a number" in english and "không phải" not in english, english
    assert "(in Vietnamese)" not in english and " của " not in english, english


def test_the_cli_speaks_the_chosen_language(scaffolded, tmp_path, period_data, capsys):
    files = [str(p) for p in _spoiled(scaffolded, tmp_path, period_data)[:1]]
    args = ["import", "--period", NEW, *files, "--data-dir", str(scaffolded)]
    assert main(args) == 2
    vi = capsys.readouterr().err
    assert "lỗi" in vi and "không phải là số" in vi and "Traceback" not in vi
    assert main([*args, "--lang", "en"]) == 2
    en = capsys.readouterr().err
    assert "error" in en and "not a number" in en and "Traceback" not in en
