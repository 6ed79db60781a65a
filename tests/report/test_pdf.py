"""report.pdf: printed by headless Chromium with the page template's print CSS."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from ntm_analysis.report.publish.pdf import PdfError, build_pdf, find_chromium

needs_chromium = pytest.mark.skipif(
    find_chromium() is None,
    reason="Chromium is not installed (make test installs it when run as root)",
)


def _pages(pdf: Path) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf.read_bytes()))


def _export(nb, tmp_path: Path) -> Path:
    """The page as the runner renders it (project template, inputs hidden)."""
    from ntm_analysis.report.publish.run import export_html

    page = export_html(nb, lang="vi", with_code=False, title="Báo cáo", path=tmp_path)
    path = tmp_path / "report.html"
    path.write_text(page, encoding="utf-8")
    return path


def _page(tmp_path: Path, sections: int, rows: int) -> Path:
    """A page rendered with the project's template: `sections` level-1 sections, the first
    with a table of `rows` rows."""
    nb = nbformat.v4.new_notebook()
    for n in range(1, sections + 1):
        nb.cells.append(nbformat.v4.new_markdown_cell(f"# {n}. Mục {n}\n\nNội dung mục {n}."))
    body = "".join(f"<tr><td>{i}</td><td>xã {i}</td></tr>" for i in range(rows))
    table = f"<table><thead><tr><th>STT</th><th>Tên</th></tr></thead><tbody>{body}</tbody></table>"
    cell = nbformat.v4.new_code_cell("table")
    cell.outputs = [nbformat.v4.new_output("display_data", data={"text/html": table})]
    nb.cells.insert(1, cell)
    return _export(nb, tmp_path)


@needs_chromium
@pytest.mark.heavy
def test_each_section_starts_a_page(tmp_path):
    out = build_pdf(_page(tmp_path, sections=3, rows=3), tmp_path / "out" / "report.pdf")
    assert out == tmp_path / "out" / "report.pdf"
    assert out.read_bytes().startswith(b"%PDF-")
    assert _pages(out) == 3  # three short sections, one page break before each but the first


@needs_chromium
@pytest.mark.heavy
def test_a_repeated_part_heading_does_not_leave_a_page_alone(tmp_path):
    # the combined page: a part heading on its own, the notebook's hidden parameter cells,
    # then the notebook's own cell repeating it above its section
    nb = nbformat.v4.new_notebook()
    hidden = nbformat.v4.new_code_cell("period = '2021-09'")
    hidden.metadata["tags"] = ["parameters", "ntm-hide-input"]
    nb.cells = [
        nbformat.v4.new_markdown_cell("# A. Phần đầu\n\nNội dung."),
        nbformat.v4.new_markdown_cell("# II. Kết quả"),
        hidden,
        nbformat.v4.new_markdown_cell("# II. Kết quả\n\n## 1. Mục một\n\nNội dung."),
    ]
    out = build_pdf(_export(nb, tmp_path), tmp_path / "report.pdf")
    assert _pages(out) == 2


@needs_chromium
@pytest.mark.heavy
def test_a_long_table_flows_over_pages_after_its_heading(tmp_path):
    out = build_pdf(_page(tmp_path, sections=1, rows=120), tmp_path / "report.pdf")
    assert _pages(out) >= 3


def test_missing_chromium_is_a_clear_error(tmp_path, monkeypatch):
    page = tmp_path / "report.html"
    page.write_text("<html><body><h1>x</h1></body></html>")
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    monkeypatch.delenv("NTM_CHROMIUM", raising=False)
    with pytest.raises(PdfError, match="Cần Chromium") as caught:
        build_pdf(page, tmp_path / "report.pdf")
    assert caught.value.render("en").startswith("Chromium is needed")
    assert not (tmp_path / "report.pdf").exists()


def test_missing_page_is_a_clear_error(tmp_path):
    with pytest.raises(PdfError, match="không có trang này để in"):
        build_pdf(tmp_path / "nothing.html", tmp_path / "report.pdf")


def test_runner_hook_without_chromium_leaves_the_pdf_out(tmp_path, monkeypatch):
    from types import SimpleNamespace

    from ntm_analysis.report.publish.documents import pdf_output

    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    monkeypatch.delenv("NTM_CHROMIUM", raising=False)
    (tmp_path / "report.html").write_text("<html><body><h1>x</h1></body></html>")
    context = SimpleNamespace(staging=tmp_path, previous=None, lang="en", unchanged=False, links=[])
    pdf_output(context)
    assert context.links == [] and not (tmp_path / "report.pdf").exists()


@needs_chromium
@pytest.mark.heavy
def test_runner_hook_prints_and_links(tmp_path):
    from types import SimpleNamespace

    from ntm_analysis.report.publish.documents import pdf_output

    _page(tmp_path, sections=2, rows=3)
    context = SimpleNamespace(staging=tmp_path, previous=None, lang="vi", unchanged=False, links=[])
    pdf_output(context)
    assert context.links == [("Báo cáo (PDF)", "report.pdf")]
    assert _pages(tmp_path / "report.pdf") == 2
