"""The text a reader sees in a rendered period: the section pages, `report.docx` and the input
workbook, one line per block, for comparing two renders (tests/report/test_rendered_text.py).

    python -m tests.support.rendered_text --write   # regenerate the expected text, then review
                                                     # `git diff tests/report/expected/`
"""

from __future__ import annotations

import argparse
import re
import tempfile
from pathlib import Path

from bs4 import BeautifulSoup
from docx import Document
from openpyxl import load_workbook

ROOT = Path(__file__).resolve().parents[2]
EXPECTED = ROOT / "tests" / "report" / "expected"
PERIOD = "2021-09"
BLOCKS = ["h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "tr", "summary", "img"]


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text).replace("¶", "").strip()


def page_text(html: str) -> list[str]:
    """The visible blocks of a page: headings, paragraphs, list items, table rows (cells
    joined by " | "), and the alt text of images."""
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(["script", "style", "head"]):
        tag.decompose()
    lines = []
    for block in soup.find_all(BLOCKS):
        if block.name == "img":
            text = "[img] " + block.get("alt", "")
        elif block.name == "tr":
            text = " | ".join(_clean(c.get_text(" ")) for c in block.find_all(["td", "th"]))
        elif block.name == "p" and block.find_parent(["li", "tr"]):
            continue
        else:
            text = block.get_text(" ")
        text = _clean(text)
        if text:
            lines.append(f"{block.name}: {text}")
    return lines


def docx_text(path: Path) -> list[str]:
    """The paragraphs (with their style) and table rows of a Word document, in body order."""
    document = Document(str(path))
    lines = []
    body = document.element.body
    paragraphs = {p._p: p for p in document.paragraphs}
    tables = {t._tbl: t for t in document.tables}
    for child in body.iterchildren():
        if child in paragraphs and _clean(paragraphs[child].text):
            paragraph = paragraphs[child]
            lines.append(f"{paragraph.style.name}: {_clean(paragraph.text)}")
        elif child in tables:
            for row in tables[child].rows:
                lines.append("row: " + " | ".join(_clean(c.text) for c in row.cells))
    return lines


def workbook_text(path: Path) -> list[str]:
    """Every non-empty cell a clerk sees (hidden rows, columns and sheets left out), sheet by
    sheet."""
    book = load_workbook(path)
    lines = []
    for sheet in book.worksheets:
        if sheet.sheet_state != "visible":
            continue
        lines.append(f"== {sheet.title}")
        hidden = {k for k, d in sheet.column_dimensions.items() if d.hidden}
        for row in sheet.iter_rows():
            if row and sheet.row_dimensions[row[0].row].hidden:
                continue  # the hidden key row
            cells = [
                _clean(str(c.value))
                for c in row
                if c.value not in (None, "") and c.column_letter not in hidden
            ]
            if cells:
                lines.append(" | ".join(cells))
    return lines


def render_texts(data_dir: Path, work: Path, lang: str = "vi") -> dict[str, list[str]]:
    """Render the period and a next period's workbook into `work`; their text by name."""
    from ntm_analysis.cli import main  # the command line, as an office runs it

    outputs = work / "outputs"
    code = main(["run", "--period", PERIOD, "--data-dir", str(data_dir), "--lang", lang,
                 "--output-dir", str(outputs)])  # fmt: skip
    if code not in (0, 1):
        raise RuntimeError(f"the run exited {code}")
    folder = outputs / PERIOD
    texts = {
        page.name: page_text(page.read_text(encoding="utf-8"))
        for page in sorted(folder.glob("[0-9][0-9]_*.html"))
    }
    texts["report.docx"] = docx_text(folder / "report.docx")
    workbook = work / "workbook.xlsx"
    args = ["--data-dir", str(data_dir), "--lang", lang]
    if main(["new-period", "--period", "2021-12", "--from", PERIOD, *args[:2]]) != 0:
        raise RuntimeError("new-period failed")
    if main(["workbook", "--period", "2021-12", "--output", str(workbook), *args]) != 0:
        raise RuntimeError("workbook failed")
    texts["workbook.xlsx"] = workbook_text(workbook)
    return texts


def as_file(texts: dict[str, list[str]]) -> str:
    return "".join(f"### {name}\n" + "\n".join(lines) + "\n" for name, lines in texts.items())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="write the expected text")
    parser.add_argument("--lang", default="vi")
    args = parser.parse_args()
    import shutil

    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        shutil.copytree(ROOT / "data", data)
        text = as_file(render_texts(data, Path(tmp), args.lang))
    target = EXPECTED / f"{PERIOD}.{args.lang}.txt"
    if args.write:
        EXPECTED.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        print(f"wrote {target.relative_to(ROOT)}")
    else:
        print(text)


if __name__ == "__main__":
    main()
