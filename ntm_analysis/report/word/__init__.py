"""The report as an editable Word document (`report.docx`), from the executed notebooks.

`build_docx(executed, out, lang=…, title=…, period_label=…, province_name=…)` walks the
papermill output notebooks in report order and writes what a reader of the report sees:
markdown cells of the page's language (tagged `lang-vi` / `lang-en`, or untagged) and the
outputs of code cells (Markdown and HTML as Word headings, paragraphs, lists and tables;
charts as pictures the width of the text, with their alt text). Code, parameters, printed
streams, errors, collapsed `<details>` blocks and the "about this run" footer are left out.
"""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any

import nbformat
from docx import Document

from ntm_analysis.report.word.blocks import Writer, markdown_html
from ntm_analysis.report.word.layout import setup_page, title_block

LANG_TAG = "lang-"
# Cells whose content is not for a reader of the report.
SKIP_TAGS = {
    "parameters",
    "injected-parameters",
    "remove-cell",
    "remove-output",
    "ntm-about",
    "ntm-no-docx",
}
ABOUT_CALL = "about_run("  # the footer's call: run details belong in run.json


def _cell_language_ok(cell: Any, lang: str) -> bool:
    tags = set(cell.get("metadata", {}).get("tags", []))
    languages = {t[len(LANG_TAG) :] for t in tags if t.startswith(LANG_TAG)}
    return not languages or lang in languages


def _skipped(cell: Any) -> bool:
    tags = set(cell.get("metadata", {}).get("tags", []))
    if tags & SKIP_TAGS:
        return True
    return cell.get("cell_type") == "code" and ABOUT_CALL in cell.get("source", "")


def _write_output(writer: Writer, output: Any) -> None:
    if output.get("output_type") not in {"display_data", "execute_result"}:
        return  # streams and errors are not part of the report
    data = output.get("data", {})
    if "image/png" in data:
        alt = output.get("metadata", {}).get("image/png", {}).get("alt", "")
        writer.picture(base64.b64decode(data["image/png"]), alt)
    elif "text/html" in data:
        writer.html(_joined(data["text/html"]))
    elif "text/markdown" in data:
        writer.markdown(_joined(data["text/markdown"]))


def _joined(value: str | list[str]) -> str:
    return "".join(value) if isinstance(value, list) else value


def write_notebook(writer: Writer, notebook: Any, lang: str) -> None:
    """Append one executed notebook's reader content."""
    for cell in notebook.cells:
        if _skipped(cell) or not _cell_language_ok(cell, lang):
            continue
        if cell.cell_type == "markdown":
            writer.markdown(_joined(cell.source))
        elif cell.cell_type == "code":
            for output in cell.get("outputs", []):
                _write_output(writer, output)


def build_docx(
    executed: list[Path],
    out: Path,
    *,
    lang: str,
    title: str,
    period_label: str,
    province_name: str,
) -> Path:
    """Write `out` (report.docx) from the executed notebooks, in the order given; returns
    `out`. A4, Times New Roman 13 pt, administrative margins, a title block, each section
    (level-1 heading) on a new page, headings numbered as the notebooks number them."""
    doc = Document()
    setup_page(doc, lang)
    title_block(doc, lang=lang, title=title, period_label=period_label, province_name=province_name)
    doc.core_properties.title = title
    writer = Writer(doc, skip_paragraphs=frozenset({period_label}))  # shown in the title
    for path in executed:
        write_notebook(writer, nbformat.read(Path(path), as_version=4), lang)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(out))
    return out


__all__ = ["SKIP_TAGS", "build_docx", "markdown_html", "write_notebook"]
