"""report.docx: read back with python-docx: headings, figures, tables, pictures, layout."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from ntm_analysis.report import charts
from ntm_analysis.report.sections import section_figures
from ntm_analysis.report.word import build_docx

TITLE = "Kết quả thực hiện Chương trình xây dựng nông thôn mới"


def _display(data: dict, metadata: dict | None = None):
    return nbformat.v4.new_output("display_data", data=data, metadata=metadata or {})


def _tagged(cell, *tags: str):
    cell.metadata["tags"] = list(tags)
    return cell


@pytest.fixture(scope="module")
def executed(period_data, tmp_path_factory) -> list[Path]:
    """Two executed notebooks shaped like the section notebooks: headings in both
    languages, prose, a grouped table, a chart, an appendix, run details."""
    folder = tmp_path_factory.mktemp("executed")
    figures = section_figures(period_data, ["A.II.1"], "vi")
    chart = charts.figure_output(charts.plot_district_criteria(period_data, "vi"))
    png, meta = chart._repr_mimebundle_()
    first = nbformat.v4.new_notebook()
    first.cells = [
        _tagged(nbformat.v4.new_code_cell('period = "2021-09"'), "parameters"),
        _tagged(nbformat.v4.new_markdown_cell("# A.II.1 — Xã, huyện nông thôn mới"), "lang-vi"),
        _tagged(nbformat.v4.new_markdown_cell("# A.II.1 — NTM communes"), "lang-en"),
        nbformat.v4.new_markdown_cell(
            "## 1. Kết quả\n\nCó **72/85** xã đạt 19 tiêu chí.\n\n- a\n- b"
        ),
        _tagged(nbformat.v4.new_code_cell("tables"), "ntm-hide-input"),
        nbformat.v4.new_code_cell("chart"),
        nbformat.v4.new_code_cell("display(Markdown(about_run(data, lang)))"),
    ]
    table = figures.to_html(index=False, border=0, classes="ntm-table")
    first.cells[4].outputs = [
        _display({"text/html": table, "text/plain": "table"}),
        nbformat.v4.new_output("stream", name="stdout", text="debug print\n"),
        _display({"text/html": "<details><summary>Phụ lục</summary><p>mã nội bộ</p></details>"}),
    ]
    first.cells[5].outputs = [_display(png, meta)]
    first.cells[6].outputs = [_display({"text/markdown": "### Về lần chạy này\n\nSHA-256"})]
    second = nbformat.v4.new_notebook()
    second.cells = [
        nbformat.v4.new_markdown_cell("# C — Mục tiêu cuối năm\n\n### 4.1. Giao thông"),
    ]
    paths = [folder / "02.ipynb", folder / "12.ipynb"]
    for nb, path in zip((first, second), paths, strict=True):
        nbformat.write(nb, path)
    return paths


@pytest.fixture(scope="module")
def document(executed, tmp_path_factory):
    out = tmp_path_factory.mktemp("docx") / "report.docx"
    path = build_docx(
        executed,
        out,
        lang="vi",
        title=TITLE,
        period_label="9 tháng đầu năm 2021",
        province_name="Ủy ban nhân dân tỉnh Trà Vinh",
    )
    assert path == out and out.stat().st_size > 10_000
    return Document(str(out))


def _text(document) -> str:
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_headings_are_word_headings_numbered_as_the_notebooks(document):
    headings = [
        (p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")
    ]
    assert headings == [
        ("Heading 1", "A.II.1 — Xã, huyện nông thôn mới"),
        ("Heading 2", "1. Kết quả"),
        ("Heading 1", "C — Mục tiêu cuối năm"),
        ("Heading 3", "4.1. Giao thông"),
    ]
    sections = [p for p in document.paragraphs if p.style.name == "Heading 1"]
    assert sections[0].paragraph_format.page_break_before is False  # follows the title block
    assert document.styles["Heading 1"].paragraph_format.page_break_before is True


def test_title_block_and_prose(document):
    text = _text(document)
    assert "ỦY BAN NHÂN DÂN TỈNH TRÀ VINH" in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert TITLE in text and "9 tháng đầu năm 2021" in text
    prose = next(p for p in document.paragraphs if p.text.startswith("Có 72/85"))
    assert any(run.bold and run.text == "72/85" for run in prose.runs)
    assert [p.text for p in document.paragraphs if p.style.name == "List Bullet"] == ["a", "b"]


def test_only_reader_content(document):
    text = _text(document)
    for hidden in ("NTM communes", "period =", "debug print", "mã nội bộ", "Về lần chạy này"):
        assert hidden not in text


def test_html_tables_become_word_tables_with_the_printed_figures(document):
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "Mục")
    header = [c.text for c in table.rows[0].cells]
    assert "Số in trong báo cáo" in header
    rows = [[c.text for c in row.cells] for row in table.rows]
    # A.II.1: 72/85 communes meet all 19 criteria, printed 84,7%
    assert any("84,7%" in row for row in rows)
    assert (
        table.rows[0]._tr.trPr.find(
            "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tblHeader"
        )
        is not None
    )


def test_charts_are_pictures_at_text_width_with_alt_text(document):
    (shape,) = document.inline_shapes
    section = document.sections[0]
    assert shape.width == section.page_width - section.left_margin - section.right_margin
    alt = shape._inline.docPr.get("descr")
    assert alt.startswith("Bảng màu — Tiêu chí huyện nông thôn mới theo từng huyện")


def test_a4_times_new_roman_and_administrative_margins(document):
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert [round(m.mm) for m in (section.top_margin, section.bottom_margin)] == [20, 20]
    assert (round(section.left_margin.mm), round(section.right_margin.mm)) == (30, 15)
    normal = document.styles["Normal"]
    assert normal.font.name == "Times New Roman" and normal.font.size == Pt(13)
    assert document.styles["Heading 1"].font.name == "Times New Roman"
    assert document.core_properties.language == "vi-VN"
    lang = normal.element.rPr.find(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}lang"
    )
    assert lang.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}val") == "vi-VN"


def test_english_document_keeps_english_cells(executed, tmp_path):
    out = build_docx(
        executed,
        tmp_path / "report.docx",
        lang="en",
        title="New Rural Development report",
        period_label="First nine months of 2021",
        province_name="Tra Vinh People's Committee",
    )
    document = Document(str(out))
    text = _text(document)
    assert "A.II.1 — NTM communes" in text and "Xã, huyện nông thôn mới" not in text
    assert "SOCIALIST REPUBLIC OF VIET NAM" in text


@pytest.mark.slow
def test_rendered_report_as_word_and_pdf(data_dir, period_data, tmp_path):
    """A real run, then the runner's extra-output builders on its folder."""
    import json
    from types import SimpleNamespace

    from ntm_analysis.cli import main
    from ntm_analysis.report.documents import docx_output, pdf_output

    argv = ["run", "--period", "2021-09", "--data-dir", str(data_dir)]
    assert main([*argv, "--output-dir", str(tmp_path)]) in (0, 1)  # a failed page: not ours
    folder = tmp_path / "2021-09"
    run = json.loads((folder / "run.json").read_text(encoding="utf-8"))
    results = [
        SimpleNamespace(name=n["name"], executed=n["executed"])
        for n in run["notebooks"]
        if n["status"] == "ok"
    ]
    context = SimpleNamespace(
        staging=folder,
        previous=None,
        data=period_data,
        lang="vi",
        results=results,
        unchanged=False,
        links=[],
    )
    docx_output(context)
    pdf_output(context)
    document = Document(str(folder / "report.docx"))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings[0].startswith("A.")  # the report opens with part A: no overview page
    assert len(set(headings)) == len(headings)  # each part heading once
    assert "Kiểm tra chất lượng số liệu" not in headings
    # A.II.3: resources mobilised in all, printed 5.214.624,5 million VND
    assert "5.214.624,5" in _text(document)
    assert len(document.inline_shapes) >= 3 and len(document.tables) >= 5
    if ("Báo cáo (PDF)", "report.pdf") in context.links:
        pdf = (folder / "report.pdf").read_bytes()
        assert len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf)) >= len(headings)


def test_spanned_and_coloured_cells_are_kept():
    from ntm_analysis.report.word.blocks import Writer
    from ntm_analysis.report.word.layout import setup_page

    doc = Document()
    setup_page(doc, "vi")
    Writer(doc).html(
        "<style>#s1 { background-color: #4a9c6d; }</style>"
        "<table><thead><tr><th rowspan='2'>Huyện</th><th colspan='2'>Vốn (triệu đồng)</th></tr>"
        "<tr><th>Phân bổ</th><th>Giải ngân</th></tr></thead>"
        "<tbody><tr><td>Châu Thành</td><td>1.000</td><td id='s1'>500</td></tr></tbody></table>"
    )
    (table,) = doc.tables
    assert [c.text for c in table.rows[0].cells] == [
        "Huyện",
        "Vốn (triệu đồng)",
        "Vốn (triệu đồng)",
    ]
    assert table.cell(0, 0)._tc is table.cell(1, 0)._tc  # rowspan merged
    assert [c.text for c in table.rows[2].cells] == ["Châu Thành", "1.000", "500"]
    alignments = [c.paragraphs[0].alignment for c in table.rows[2].cells]
    assert alignments == [None, WD_ALIGN_PARAGRAPH.RIGHT, WD_ALIGN_PARAGRAPH.RIGHT]  # figures
    shading = table.cell(2, 2)._tc.tcPr.find(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}shd"
    )
    assert (
        shading.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}fill")
        == "4A9C6D"
    )


def test_runner_hook_writes_links_and_reuses(executed, period_data, tmp_path):
    import shutil
    from types import SimpleNamespace

    from ntm_analysis.report.documents import docx_output

    staging = tmp_path / "staging"
    (staging / "executed").mkdir(parents=True)
    results = []
    for name, path in (
        ("02_a2_1_communes_districts", executed[0]),
        ("13_data_quality", executed[1]),
    ):
        shutil.copy(path, staging / "executed" / f"{name}.ipynb")
        results.append(SimpleNamespace(name=name, executed=f"executed/{name}.ipynb"))
    context = SimpleNamespace(
        staging=staging,
        previous=None,
        data=period_data,
        lang="vi",
        results=results,
        unchanged=False,
        links=[],
    )
    docx_output(context)
    assert context.links == [("Báo cáo (Word)", "report.docx")]
    text = _text(Document(str(staging / "report.docx")))
    assert "A.II.1 — Xã, huyện nông thôn mới" in text
    assert "C — Mục tiêu cuối năm" not in text  # the data-quality page is not in the report
    # nothing changed since the last run: its file is copied, not rebuilt
    previous = tmp_path / "previous"
    previous.mkdir()
    (previous / "report.docx").write_bytes(b"last run")
    again = SimpleNamespace(
        **{**vars(context), "previous": previous, "unchanged": True, "links": []}
    )
    docx_output(again)
    assert (staging / "report.docx").read_bytes() == b"last run"
