"""The office's year-end cycle end to end, as a provincial clerk runs it (issue 17's "done
when"): ten workbooks (the province's and one per district) filled as clerks would, one
district returned late, one cell left empty, one unchanged figure pasted from the previous
column (a money row, its figure in millions of đồng), the text sheets edited, one workbook
re-saved by LibreOffice; imported, validated, undone and imported again,
then rendered. No CSV or YAML is edited by hand and no traceback appears anywhere."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from ntm_analysis import load_period
from ntm_analysis.cli import main
from ntm_analysis.cycle.reader import header_keys
from ntm_analysis.quality.present import place_names

from .clerk import Clerk, fill_workbook

pytestmark = pytest.mark.slow  # ten workbooks, LibreOffice and a full report run: minutes

NEW = "2021-12"
LATE = "851"  # the district whose file comes back late
EMPTY = "edu86_reduced_50_amount"  # the province's figure the clerk leaves empty


def _cli(*args: str, data_dir: Path) -> int:
    return main([*args, "--data-dir", str(data_dir)])


def _figure_rows(path: Path):
    """(sheet, row, keys) of every figure row of a workbook."""
    book = load_workbook(path)
    for sheet in book.worksheets:
        found = header_keys(sheet)
        if found is None or not {"indicator", "value", "previous"} <= set(found[1]):
            continue
        header, keys = found
        for row in range(header + 1, sheet.max_row + 1):
            if sheet.cell(row, keys["indicator"]).value:
                yield sheet.title, row, keys


def _leave_empty(path: Path, indicator: str) -> tuple[str, str]:
    """Clear the typed figure of `indicator`, as a clerk who does not know it (the figure
    whose absence once broke two pages)."""
    book = load_workbook(path)
    for title, row, keys in _figure_rows(path):
        sheet = book[title]
        if sheet.cell(row, keys["indicator"]).value == indicator:
            assert sheet.cell(row, keys["value"]).value is not None
            sheet.cell(row, keys["value"]).value = None
            book.save(path)
            return indicator, sheet.cell(row, keys["area"]).value
    raise AssertionError(f"{indicator} is not asked in {path.name}")


def _paste_previous(path: Path, units: dict[str, str]) -> tuple[tuple[str, str], object]:
    """Copy the previous figure into the input cell of the first money row that has one (an
    unchanged figure, copied as a clerk does in Excel; the issue's case was a row in millions
    of đồng). `units`: each indicator's unit."""
    book = load_workbook(path)
    for title, row, keys in _figure_rows(path):
        sheet = book[title]
        previous = sheet.cell(row, keys["previous"]).value
        money = units.get(str(sheet.cell(row, keys["indicator"]).value)) == "million_vnd"
        if money and previous not in (None, ""):
            sheet.cell(row, keys["value"]).value = previous
            book.save(path)
            pair = (sheet.cell(row, keys["indicator"]).value, sheet.cell(row, keys["area"]).value)
            return pair, previous
    raise AssertionError(f"no previous figure in {path.name}")


def _libreoffice_resave(path: Path, tmp_path: Path) -> Path:
    """The workbook opened and saved again by LibreOffice (headless), when it is installed."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        return path
    out = tmp_path / "libreoffice"
    out.mkdir(exist_ok=True)
    profile = (tmp_path / "lo-profile").as_uri()
    command = [soffice, "--headless", "--norestore", f"-env:UserInstallation={profile}"]
    subprocess.run(
        [*command, "--convert-to", "xlsx", "--outdir", str(out), str(path)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return out / path.name


def _edit_texts(path: Path, source) -> tuple[str, str]:
    """The clerk rewrites one point of B in the province's workbook and adds one to C.II;
    returns the two new texts (written in this test, not taken from the source report)."""
    first = next(p for p in source.notes if p.section.startswith("B"))
    rewritten, added = "Giải ngân vốn năm nay đạt kế hoạch đề ra.", "Rà soát lại các xã đăng ký."
    with Clerk(path) as clerk:
        clerk.edit_point("Lời văn B", first.text.vi, rewritten)
        sheet, header, keys = clerk.text_sheet("Lời văn C")
        row = next(  # a prefilled task: its section and kind as the drop-downs offer them
            r
            for r in range(header + 1, sheet.max_row + 1)
            if str(sheet.cell(r, keys["section"]).value).startswith("C.II.1")
        )
        section, kind = sheet.cell(row, keys["section"]).value, sheet.cell(row, keys["kind"]).value
        clerk.add_point("Lời văn C", section, kind, added)
    return rewritten, added


def _figures(data_dir: Path) -> dict[tuple[str, str], float]:
    frame = load_period(NEW, data_dir).observations
    pairs = zip(frame["indicator"], frame["area"], strict=True)
    return dict(zip(pairs, frame["value"], strict=True))


def _texts(folder: Path) -> dict[str, str]:
    """The text of every page, and of report.docx, of a run's output folder."""
    out = {p.name: p.read_text(encoding="utf-8") for p in folder.glob("*.html")}
    docx = folder / "report.docx"
    if docx.is_file():
        with zipfile.ZipFile(docx) as archive:
            out[docx.name] = archive.read("word/document.xml").decode("utf-8")
    return out


def test_the_office_runs_its_year_end_cycle(data_copy, period_data, tmp_path, capsys):
    data = data_copy
    assert _cli("new-period", "--period", NEW, "--from", "2021-09", data_dir=data) == 0
    districts = sorted(set(period_data.units["district_code"]) - {""})
    assert len(districts) == 9
    files = {None: tmp_path / f"nhap_{NEW}.xlsx"}
    files |= {d: tmp_path / f"nhap_{NEW}_{d}.xlsx" for d in districts}
    for district, path in files.items():
        scope = ["--district", district] if district else []
        assert _cli("workbook", "--period", NEW, *scope, "--output", str(path), data_dir=data) == 0
        fill_workbook(path, period_data)
    empty = _leave_empty(files[None], EMPTY)
    units = {code: item.unit for code, item in period_data.catalogue.indicators.items()}
    pasted, previous = _paste_previous(files[None], units)
    texts_written = _edit_texts(files[None], period_data)
    files["848"] = _libreoffice_resave(files["848"], tmp_path)
    capsys.readouterr()

    # Nine files now; the late district's comes later.
    first = [str(p) for d, p in files.items() if d != LATE]
    assert _cli("import", "--period", NEW, *first, data_dir=data) == 0
    out = capsys.readouterr().out
    late_name = place_names(period_data.units, "vi")[LATE]
    assert "chưa có tệp của 1 huyện" in out and late_name in out  # named in words
    figures = _figures(data)
    if isinstance(previous, str):  # a figure printed the Vietnamese way
        previous = float(previous.replace(".", "").replace(",", "."))
    assert figures[pasted] == pytest.approx(float(previous))
    assert empty not in figures  # left empty: not invented
    assert _cli("validate", "--period", NEW, data_dir=data) == 0
    assert "giữ tình trạng của kỳ trước" in capsys.readouterr().out  # the late district

    # The late district: its rows replace its own, the province's figures stay; undo, redo.
    assert _cli("import", "--period", NEW, str(files[LATE]), data_dir=data) == 0
    assert "Thay đổi so với trước lần nhập" in capsys.readouterr().out
    after = _figures(data)
    province = period_data.province
    assert {k: v for k, v in after.items() if k[1] == province} == {
        k: v for k, v in figures.items() if k[1] == province
    }
    assert _cli("import", "--period", NEW, "--undo", data_dir=data) == 0
    assert _figures(data) == figures
    assert _cli("import", "--period", NEW, str(files[LATE]), data_dir=data) == 0
    capsys.readouterr()
    assert _cli("validate", "--period", NEW, data_dir=data) == 0
    assert "giữ tình trạng của kỳ trước" not in capsys.readouterr().out

    # The report: no traceback in any page, nor in report.docx.
    outputs = tmp_path / "outputs"
    code = _cli("run", "--period", NEW, "--output-dir", str(outputs), data_dir=data)
    printed = capsys.readouterr()
    folder = outputs / NEW
    texts = _texts(folder)
    assert texts, printed.err
    for name, text in texts.items():
        assert "Traceback" not in text and "KeyError" not in text, name
    for written in texts_written:  # the clerk's words reach the report, no YAML edited
        assert any(written in text for text in texts.values()), written
    assert code == 0, printed.out
