"""report.docx: the document in the layout of Decree 30/2020/NĐ-CP, read back from its XML:
every element of the frame in the decree's order, the body as Word headings, paragraphs,
lists, tables and pictures, the page, the fonts, page numbers from page 2, the properties."""

from __future__ import annotations

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

from ntm_analysis.report.publish.document import PageSource, build_document
from ntm_analysis.report.publish.word import write_docx
from tests.report.test_document import annex_page, broken_page, page_a, page_b

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def built(period_data, tmp_path_factory):
    pages = [
        PageSource("02_a", "A.II.1", "report", page_a(period_data)),
        PageSource("03_b", "A.II.2", "report", page_b()),
        PageSource("04_c", "A.II.3", "report", broken_page(), ok=False),
        PageSource("15_annexes", "Phụ lục", "annex", annex_page()),
    ]
    document = build_document(pages, period_data, "vi")
    out = tmp_path_factory.mktemp("docx") / "report.docx"
    assert write_docx(document, out) == out and out.stat().st_size > 10_000
    return document, Document(str(out))


def body_lines(doc) -> list[str]:
    """The body in order: each paragraph's text, a table as its cells' lines."""
    lines = []
    for child in doc.element.body.iterchildren():
        if child.tag == f"{W}p":
            lines.append("".join(t.text or "" for t in child.iter(f"{W}t")))
        elif child.tag == f"{W}tbl":
            for cell in child.iter(f"{W}tc"):
                for p in cell.iter(f"{W}p"):
                    lines.append("".join(t.text or "" for t in p.iter(f"{W}t")))
    return [line for line in lines if line.strip()]


def test_the_decrees_elements_in_its_order(built):
    document, doc = built
    frame = document.frame
    lines = body_lines(doc)
    order = [
        frame.governing_body, frame.office, frame.number, frame.nation, frame.motto,
        frame.place_date, "BÁO CÁO", frame.title, "A. Kết quả", "2. Ấp văn hóa",
        frame.closing, "Nơi nhận:", "- Lưu: VT, VPĐP.", "CHÁNH VĂN PHÒNG", "PHỤ LỤC I",
        "Tiêu chí từng xã", frame.annex_note, "PHỤ LỤC II",
    ]  # fmt: skip
    positions = [lines.index(line) for line in order]
    assert positions == sorted(positions), list(zip(order, positions, strict=True))
    assert lines[-1] == "19"  # the document ends on the last annex, after the signature


def test_letterhead(built):
    document, doc = built
    letterhead = doc.tables[0]
    left, right = letterhead.rows[0].cells
    governing, office, rule, number = left.paragraphs[:4]
    assert governing.text == "UBND TỈNH TRÀ VINH" and not governing.runs[0].bold
    assert office.text == "VĂN PHÒNG ĐIỀU PHỐI NÔNG THÔN MỚI TỈNH" and office.runs[0].bold
    assert rule._p.find(f"{W}pPr/{W}pBdr/{W}bottom") is not None  # the line under the office
    assert number.text.startswith("Số: ") and number.text.endswith("/BC-VPĐP")
    nation, motto, motto_rule, place = right.paragraphs[:4]
    assert nation.text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" and nation.runs[0].bold
    assert motto.text == "Độc lập - Tự do - Hạnh phúc" and motto.runs[0].bold
    assert motto_rule._p.find(f"{W}pPr/{W}pBdr/{W}bottom") is not None
    assert place.text.startswith("Trà Vinh, ngày") and place.runs[0].italic
    borders = letterhead._tbl.tblPr.find(f"{W}tblBorders")
    assert borders is not None and borders.find(f"{W}top").get(f"{W}val") == "nil"
    kind = next(p for p in doc.paragraphs if p.text == "BÁO CÁO")
    title = next(p for p in doc.paragraphs if p.text == document.frame.title)
    assert kind.runs[0].bold and title.runs[0].bold and kind.runs[0].font.size == Pt(14)
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER


def test_closing_recipients_and_signature(built):
    document, doc = built
    closing = next(p for p in doc.paragraphs if p.text == document.frame.closing)
    assert closing.text.endswith("./.")
    sign = doc.tables[-3]  # before the two annex tables
    recipients, signature = sign.rows[0].cells
    heading = recipients.paragraphs[0]
    assert heading.text == "Nơi nhận:" and heading.runs[0].bold and heading.runs[0].italic
    assert [p.text for p in recipients.paragraphs[1:]] == list(document.frame.recipients)
    assert (
        signature.paragraphs[0].text == "CHÁNH VĂN PHÒNG" and signature.paragraphs[0].runs[0].bold
    )
    blanks = [p for p in signature.paragraphs[1:] if not p.text]
    assert len(blanks) >= 4  # room for the signature and the seal
    assert sign.rows[0]._tr.trPr.find(qn("w:cantSplit")) is not None  # never across a page


def test_short_columns_on_one_line_and_the_table_spans_the_text():
    from docx import Document as NewDocument

    from ntm_analysis.report.publish.document.model import Cell, Table
    from ntm_analysis.report.publish.word.blocks import CELL_PADDING_MM, CHAR_MM, _column_widths
    from ntm_analysis.report.publish.word.layout import text_width

    district, commune, long = "Huyện Càng Long", "Nhị Long Phú", "Đạt chuẩn nông thôn mới " * 4
    rows = ((Cell(district), Cell(commune), Cell(long)),) * 3
    total = text_width(NewDocument())
    widths = _column_widths(Table(rows), total)
    assert abs(sum(widths) - total) < 10
    for text, width in zip((district, commune), widths, strict=False):
        assert width.mm >= len(text) * CHAR_MM + CELL_PADDING_MM - 0.01  # on one line
    assert widths[2] > widths[0]  # the long text takes the rest


def test_annexes_start_a_page_after_the_signature(built):
    _, doc = built
    labels = [p for p in doc.paragraphs if p.text.startswith("PHỤ LỤC")]
    assert [p.text for p in labels] == ["PHỤ LỤC I", "PHỤ LỤC II"]
    assert all(p.paragraph_format.page_break_before for p in labels)


def test_body_as_word_elements(built):
    _, doc = built
    headings = [
        (p.style.name, p.text) for p in doc.paragraphs if p.style.name.startswith("Heading")
    ]
    assert headings == [
        ("Heading 1", "A. Kết quả"), ("Heading 2", "II. Mục tiêu"), ("Heading 3", "1. Xã NTM"),
        ("Heading 3", "2. Ấp văn hóa"),
    ]  # fmt: skip
    assert doc.styles["Heading 1"].font.all_caps and not doc.styles["Heading 3"].font.all_caps
    prose = next(p for p in doc.paragraphs if p.text.startswith("Có 72/85"))
    assert any(run.bold and run.text == "72/85" for run in prose.runs)
    assert prose.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert [p.text for p in doc.paragraphs if p.text in ("- một", "- hai")] == ["- một", "- hai"]
    caption = next(p for p in doc.paragraphs if p.text == "Số liệu của mục")
    assert caption.style.name == "Caption"
    note = next(p for p in doc.paragraphs if p.text.startswith("Phần “A.II.3"))
    assert note.runs[0].italic
    table = next(t for t in doc.tables if t.rows[0].cells[0].text == "Mục")
    assert table.rows[0]._tr.trPr.find(f"{W}tblHeader") is not None  # repeated on each page
    assert all(r._tr.trPr.find(f"{W}cantSplit") is not None for r in table.rows)
    (shape,) = doc.inline_shapes
    assert shape._inline.docPr.get("descr").startswith("Bảng màu")
    section = doc.sections[0]
    assert shape.width <= section.page_width - section.left_margin - section.right_margin
    assert shape.height.mm <= 90.5
    assert "Traceback" not in "\n".join(body_lines(doc))


def test_page_fonts_margins_and_page_numbers(built):
    _, doc = built
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    margins = [section.top_margin, section.bottom_margin, section.left_margin, section.right_margin]
    top, bottom, left, right = (round(m.mm) for m in margins)
    assert 20 <= top <= 25 and 20 <= bottom <= 25 and 30 <= left <= 35 and 15 <= right <= 20
    normal = doc.styles["Normal"]
    assert normal.font.name == "Times New Roman" and Pt(13) <= normal.font.size <= Pt(14)
    fonts = normal.element.rPr.find(qn("w:rFonts"))
    assert {fonts.get(qn(f"w:{a}")) for a in ("ascii", "hAnsi", "eastAsia", "cs")} == {
        "Times New Roman"
    }
    assert all(doc.styles[f"Heading {n}"].font.name == "Times New Roman" for n in range(1, 7))
    # page numbers at the top centre from page 2: the first page has a header of its own
    assert section.different_first_page_header_footer
    header = section.header.paragraphs[0]
    assert header.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert "PAGE" in "".join(t.text for t in header._p.iter(f"{W}instrText"))
    assert not section.first_page_header.paragraphs[0].text
    assert not list(section.first_page_header._element.iter(f"{W}instrText"))
    assert not list(section.footer._element.iter(f"{W}instrText"))


def test_document_properties(built):
    document, doc = built
    core = doc.core_properties
    assert core.title == "BÁO CÁO " + document.frame.title
    assert core.author == "VĂN PHÒNG ĐIỀU PHỐI NÔNG THÔN MỚI TỈNH"
    assert core.subject == document.frame.title and core.language == "vi-VN"


def test_paragraph_properties_in_schema_order(built):
    """Word refuses a file whose properties are out of the schema's order."""
    from ntm_analysis.report.publish.word.layout import PPR_ORDER, TBLPR_ORDER

    _, doc = built
    for parent, order in ((f"{W}pPr", PPR_ORDER), (f"{W}tblPr", TBLPR_ORDER)):
        ranks = {qn(name): n for n, name in enumerate(order)}
        for element in doc.element.body.iter(parent):
            seen = [ranks[c.tag] for c in element if c.tag in ranks]
            assert seen == sorted(seen), [c.tag for c in element]


def test_no_issuer_block_still_gives_a_complete_frame(data_copy, tmp_path):
    from ntm_analysis import load_period

    meta = data_copy / "periods" / "2021-09" / "period.yml"
    text = meta.read_text(encoding="utf-8")
    meta.write_text(text[: text.index("\n# The report's letterhead")] + "\n", encoding="utf-8")
    data = load_period("2021-09", data_copy)
    document = build_document([PageSource("03", "A.II.2", "report", page_b())], data, "vi")
    frame = document.frame
    assert frame.governing_body == "ỦY BAN NHÂN DÂN TỈNH TRÀ VINH"
    assert frame.number.endswith("/BC-VPĐP") and frame.signature.position
    lines = body_lines(Document(str(write_docx(document, tmp_path / "r.docx"))))
    assert "Nơi nhận:" in lines and frame.closing in lines


def test_a_bad_issuer_block_names_the_line(data_copy):
    from ntm_analysis import load_period
    from ntm_analysis.errors import InputError

    meta = data_copy / "periods" / "2021-09" / "period.yml"
    meta.write_text(
        meta.read_text(encoding="utf-8").replace("  code: VPĐP", "  code: VPĐP\n  seal: yes"),
        encoding="utf-8",
    )
    with pytest.raises(InputError, match="seal") as caught:
        load_period("2021-09", data_copy)
    assert "period.yml" in str(caught.value)


def test_a_line_in_bold_or_italics_heads_what_follows():
    from ntm_analysis.report.publish.document.model import Paragraph, Run
    from ntm_analysis.report.publish.word.blocks import leads

    assert leads(Paragraph((Run("2. Nguyên nhân", italic=True),)))
    assert leads(Paragraph((Run("I. Mục tiêu", bold=True), Run(" "))))
    assert not leads(
        Paragraph((Run("Xã nông thôn mới.", bold=True), Run(" Toàn tỉnh có 72/85 xã")))
    )
    assert not leads(Paragraph((Run("Một câu in nghiêng đã hết.", italic=True),)))


def test_a_long_period_label_still_gives_a_word_file(data_copy, tmp_path):
    from ntm_analysis import load_period

    period = data_copy / "periods" / "2021-09" / "period.yml"
    text = period.read_text(encoding="utf-8")
    period.write_text(
        text.replace("vi: 9 tháng đầu năm 2021", "vi: '9 tháng " + "x" * 300 + "'", 1),
        encoding="utf-8",
    )
    document = build_document([], load_period("2021-09", data_copy), "vi")
    out = write_docx(document, tmp_path / "report.docx")
    title = Document(str(out)).core_properties.title
    assert len(title) == 255 and title.endswith("…")  # Word's limit for a property
