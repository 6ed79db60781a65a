"""The report's document model: what a reader sees of the executed pages, in outline order,
each heading once, failed pages left out with a note, annexes after the signature; and
report.html, its rendering as one page."""

from __future__ import annotations

import re

import nbformat
import pytest
from bs4 import BeautifulSoup

from ntm_analysis.report import charts
from ntm_analysis.report.publish.document import (
    Figure,
    Heading,
    ItemList,
    PageSource,
    Paragraph,
    Table,
    build_document,
    render_html,
)
from ntm_analysis.report.publish.document.frame import build_frame
from ntm_analysis.report.publish.document.parse import notebook_blocks
from ntm_analysis.report.publish.document.tables import NUMBER
from ntm_analysis.report.words.figures import section_figures

LABEL = "9 tháng đầu năm 2021"


def display(data: dict, metadata: dict | None = None):
    return nbformat.v4.new_output("display_data", data=data, metadata=metadata or {})


def tagged(cell, *tags: str):
    cell.metadata["tags"] = list(tags)
    return cell


def code(*outputs):
    cell = nbformat.v4.new_code_cell("x")
    cell.outputs = list(outputs)
    return cell


def page_a(period_data) -> nbformat.NotebookNode:
    """A section page as the notebooks display it: headings (both languages), the period
    line, prose, a table under its caption, a chart, the collapsed appendix, run details."""
    figures = section_figures(period_data, ["A.II.1"], "vi")
    chart = charts.figure_output(charts.plot_district_criteria(period_data, "vi"))
    png, meta = chart._repr_mimebundle_()
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        tagged(nbformat.v4.new_code_cell('period = "2021-09"'), "parameters"),
        tagged(nbformat.v4.new_markdown_cell("Ghi chú cho người phân tích"), "ntm-notes"),
        tagged(nbformat.v4.new_markdown_cell("# A. Results"), "lang-en"),
        code(
            display({"text/markdown": "# A. Kết quả\n\n## II. Mục tiêu\n\n### 1. Xã NTM"}),
            display({"text/markdown": f"*{LABEL}*"}),
            display({"text/markdown": "Có **72/85** xã đạt 19 tiêu chí.\n\n- một\n- hai"}),
            display({"text/html": '<h4 class="ntm-caption">Số liệu của mục</h4>'}),
            display({"text/html": figures.to_html(index=False, border=0)}),
            nbformat.v4.new_output("stream", name="stdout", text="debug print\n"),
            display(png, meta),
            display({"text/html": "<details><summary>Phụ lục</summary><p>lỗi 4711</p></details>"}),
        ),
        nbformat.v4.new_code_cell("display(Markdown(about_run(data, lang)))"),
    ]
    nb.cells[-1].outputs = [display({"text/markdown": "### Về lần chạy này\n\nSHA-256"})]
    return nb


def page_b() -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        code(
            display({"text/markdown": "# A. Kết quả\n\n## II. Mục tiêu\n\n### 2. Ấp văn hóa"}),
            display({"text/markdown": f"*{LABEL}*"}),
            display({"text/markdown": "Có 600/641 ấp đạt chuẩn."}),
        )
    ]
    return nb


def annex_page() -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    table = "<table><thead><tr><th>Xã</th><th>Tiêu chí</th></tr></thead><tbody>"
    table += "<tr><td>Long Đức</td><td>19</td></tr></tbody></table>"
    nb.cells = [
        code(
            display({"text/markdown": "# Tiêu chí từng xã"}),
            display({"text/markdown": f"*{LABEL}*"}),
            display({"text/html": table}),
            display({"text/markdown": "# Mục tiêu năm"}),
            display({"text/html": table}),
        )
    ]
    return nb


def broken_page() -> nbformat.NotebookNode:
    nb = page_b()
    nb.cells[0].outputs.append(
        nbformat.v4.new_output(
            "error", ename="KeyError", evalue="'x'", traceback=["Traceback (most recent call last)"]
        )
    )
    return nb


@pytest.fixture(scope="module")
def document(period_data):
    pages = [
        PageSource("00_overview", "Tổng quan", "analyst", page_b()),
        PageSource("02_a", "A.II.1", "report", page_a(period_data)),
        PageSource("03_b", "A.II.2", "report", page_b()),
        PageSource("04_c", "A.II.3 — Huy động nguồn lực", "report", broken_page(), ok=False),
        PageSource("15_annexes", "Phụ lục", "annex", annex_page()),
        PageSource("13_data_quality", "Kiểm tra", "analyst", page_b()),
    ]
    return build_document(pages, period_data, "vi")


def test_reader_content_of_a_page(period_data):
    blocks = notebook_blocks(page_a(period_data), "vi")
    kinds = [type(b).__name__ for b in blocks]
    assert kinds == [
        "Heading", "Heading", "Heading", "Paragraph", "Paragraph", "ItemList", "Paragraph",
        "Table", "Figure",
    ]  # fmt: skip
    prose = blocks[4]
    assert prose.text == "Có 72/85 xã đạt 19 tiêu chí." and prose.runs[1].bold
    assert [i.text for i in blocks[5].items] == ["một", "hai"]
    assert blocks[6].kind == "caption" and blocks[6].text == "Số liệu của mục"
    table = blocks[7]
    assert table.header_rows == 1 and "Số in trong báo cáo" in [c.text for c in table.rows[0]]
    # A.II.1: 72/85 communes meet all 19 criteria, printed 84,7%, aligned as a figure
    assert any(c.text == "84,7%" and c.number for row in table.rows for c in row)
    assert blocks[8].alt.startswith("Bảng màu — Tiêu chí huyện nông thôn mới")
    text = " ".join(getattr(b, "text", "") for b in blocks)
    for hidden in ("Results", "Ghi chú", "debug print", "lỗi 4711", "Về lần chạy này"):
        assert hidden not in text


def test_spans_and_fill_colours_are_kept():
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        code(
            display(
                {
                    "text/html": "<style>#s1 { background-color: #4a9c6d; }</style>"
                    "<table><thead><tr><th rowspan='2'>Huyện</th><th colspan='2'>Vốn</th></tr>"
                    "<tr><th>Phân bổ</th><th>Giải ngân</th></tr></thead><tbody><tr>"
                    "<td>Châu Thành</td><td>1.000</td><td id='s1'>500</td></tr></tbody></table>"
                }
            )
        )
    ]
    (table,) = notebook_blocks(nb, "vi")
    assert table.header_rows == 2 and table.columns == 3
    assert table.rows[0][0].span == (2, 1) and table.rows[1][0].covered
    assert table.rows[0][1].span == (1, 2) and table.rows[0][2].covered
    assert [c.text for c in table.rows[2]] == ["Châu Thành", "1.000", "500"]
    assert table.rows[2][2].fill == "#4A9C6D" and table.rows[2][1].number


def test_body_in_order_each_heading_once_failed_page_noted(document):
    headings = [(b.level, b.text) for b in document.body if isinstance(b, Heading)]
    assert headings == [
        (1, "A. Kết quả"),
        (2, "II. Mục tiêu"),
        (3, "1. Xã NTM"),
        (3, "2. Ấp văn hóa"),
    ]
    texts = [b.text for b in document.body if isinstance(b, Paragraph)]
    assert LABEL not in texts  # the period line: the title says it
    assert (
        texts[-1]
        == "Phần “A.II.3 — Huy động nguồn lực” chưa hoàn thành nên chưa có trong báo cáo này."
    )
    assert document.body[-1].kind == "note"
    assert sum(isinstance(b, Figure) for b in document.body) == 1
    assert not any("Traceback" in getattr(b, "text", "") for b in document.body)


def test_annexes_one_per_section_after_the_signature(document):
    assert [(a.label, a.title) for a in document.annexes] == [
        ("PHỤ LỤC I", "Tiêu chí từng xã"),
        ("PHỤ LỤC II", "Mục tiêu năm"),
    ]
    assert [type(b) for b in document.annexes[0].blocks] == [Table]


def test_frame_from_the_issuer_block(document):
    frame = document.frame
    assert frame.governing_body == "UBND TỈNH TRÀ VINH"
    assert frame.office == "VĂN PHÒNG ĐIỀU PHỐI NÔNG THÔN MỚI TỈNH"
    assert re.fullmatch(r"Số: \s+/BC-VPĐP", frame.number)
    assert re.fullmatch(r"Trà Vinh, ngày \s+ tháng \s+ năm 2021", frame.place_date)
    assert frame.title.startswith("Kết quả thực hiện các Chương trình mục tiêu quốc gia")
    assert LABEL in frame.title and frame.closing.endswith("./.")
    assert frame.recipients[0] == "- Ban Chỉ đạo Trung ương;"
    assert frame.recipients[-1] == "- Lưu: VT, VPĐP."
    assert frame.signature.position == "CHÁNH VĂN PHÒNG" and frame.signature.name == ""
    assert document.properties.author == frame.office


def test_the_key_follows_the_content(document, period_data):
    again = build_document(
        [PageSource("02_a", "A.II.1", "report", page_a(period_data))], period_data, "vi"
    )
    assert again.key() == again.key() and again.key() != document.key()
    changed = page_a(period_data)
    changed.cells[3].outputs[2] = display({"text/markdown": "Có **73/85** xã."})
    other = build_document([PageSource("02_a", "A.II.1", "report", changed)], period_data, "vi")
    assert other.key() != again.key()


def test_report_html_renders_the_document(document):
    page = render_html(document)
    soup = BeautifulSoup(page, "html.parser")
    text = soup.get_text(" ")
    for line in ("UBND TỈNH TRÀ VINH", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "BÁO CÁO",
                 "Nơi nhận:", "CHÁNH VĂN PHÒNG", "PHỤ LỤC II", "Kèm theo Báo cáo số"):  # fmt: skip
        assert line in text, line
    assert [h.get_text() for h in soup.find_all(["h2", "h3", "h4"])] == [
        "A. Kết quả", "II. Mục tiêu", "1. Xã NTM", "2. Ấp văn hóa",
    ]  # fmt: skip
    assert soup.find("img")["alt"].startswith("Bảng màu")
    assert soup.find("img")["src"].startswith("data:image/png;base64,")
    assert "Times New Roman" in page and "@page" in page
    assert text.index("CHÁNH VĂN PHÒNG") < text.index("PHỤ LỤC I")


def test_data_text_is_escaped_in_report_html(period_data):
    nb = page_b()
    nb.cells[0].outputs[2] = display(
        {"text/plain": "x", "text/html": "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"}
    )
    page = render_html(build_document([PageSource("03", "B", "report", nb)], period_data, "vi"))
    assert "<script>" not in page and "&lt;script&gt;alert(1)" in page


def test_an_english_document(period_data):
    nb = page_a(period_data)
    document = build_document([PageSource("02_a", "A.II.1", "report", nb)], period_data, "en")
    assert document.frame.nation == "SOCIALIST REPUBLIC OF VIET NAM"
    assert document.frame.governing_body == "TRÀ VINH PROVINCIAL PEOPLE'S COMMITTEE"
    assert document.properties.language == "en-GB"
    assert isinstance(document.body[0], Heading) and document.body[0].text == "A. Results"
    assert not any(isinstance(b, ItemList) and b.items[0].text == "một" for b in document.body[:1])


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("13–18", True),  # a band of criteria, as in Phụ lục I
        ("92,32%–93,00%", True),
        ("8 (phấn đấu 11)", True),  # a target with its stretch level, as in Phụ lục II
        ("10 (stretch 20)", True),
        ("72/85", True),
        ("chưa rõ", False),
        ("2021 – 2025", False),
        ("50% (Nghị định 86/2015/NĐ-CP)", False),
    ],
)
def test_figures_ranges_and_stretch_levels_align_right(text, number):
    assert bool(NUMBER.fullmatch(text)) is number


def test_the_period_reads_mid_sentence_in_the_subject_and_the_closing(period_data):
    english = build_frame(period_data, "en")
    assert "movement, first nine months of 2021;" in english.title
    assert english.closing.endswith("for the first nine months of 2021.")
    assert "First nine" not in english.title + english.closing
