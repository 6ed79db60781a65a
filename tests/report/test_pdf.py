"""report.pdf: the Word file printed by LibreOffice. A missing LibreOffice is one line saying
how to install it; a failing or hanging one is an error within the time limit, and a run
still publishes its pages and report.html and exits 1."""

from __future__ import annotations

import json
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from ntm_analysis.report.publish import pdf
from ntm_analysis.report.publish.pdf import PdfError, PdfToolMissing, build_pdf, find_office

ROOT = Path(__file__).resolve().parents[2]
needs_office = pytest.mark.skipif(
    find_office() is None or shutil.which("pdftotext") is None,
    reason="LibreOffice or poppler is not installed (make test installs them when run as root)",
)


def fake_office(folder: Path, body: str) -> Path:
    """A stand-in for soffice running `body` (a shell script)."""
    script = folder / "soffice"
    script.write_text("#!/bin/sh\n" + body + "\n")
    script.chmod(0o755)
    return script


def test_missing_office_is_one_line_saying_how_to_install(tmp_path, monkeypatch):
    (tmp_path / "report.docx").write_bytes(b"PK")
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    monkeypatch.delenv(pdf.OFFICE_ENV, raising=False)
    monkeypatch.setattr(pdf, "INSTALL_FOLDERS", ())
    with pytest.raises(PdfToolMissing) as caught:
        build_pdf(tmp_path / "report.docx", tmp_path / "report.pdf")
    message = caught.value.render("vi")
    assert "\n" not in message and "make office" in message and "LibreOffice" in message
    assert "make office" in caught.value.render("en")
    assert not (tmp_path / "report.pdf").exists()


def test_a_failing_office_is_an_error_naming_its_exit(tmp_path):
    (tmp_path / "report.docx").write_bytes(b"PK")
    office = fake_office(tmp_path, "echo 'Error: source file could not be loaded' >&2; exit 3")
    with pytest.raises(PdfError, match=r"mã thoát 3.*could not be loaded"):
        build_pdf(tmp_path / "report.docx", tmp_path / "report.pdf", office=str(office))
    assert not (tmp_path / "report.pdf").exists()


@pytest.mark.heavy  # a second or more
def test_a_hanging_office_is_stopped_within_the_limit(tmp_path):
    (tmp_path / "report.docx").write_bytes(b"PK")
    marker = tmp_path / "child.pid"
    office = fake_office(tmp_path, f"sleep 300 & echo $! > {marker}; wait")
    started = time.monotonic()
    with pytest.raises(PdfError, match="trong 2 giây"):
        build_pdf(tmp_path / "report.docx", tmp_path / "report.pdf", office=str(office), timeout=2)
    assert time.monotonic() - started < 10
    stat = Path(f"/proc/{int(marker.read_text())}/stat")
    time.sleep(0.2)
    # what it started went with it (gone, or a zombie waiting for its new parent to reap it)
    assert not stat.exists() or stat.read_text().split(") ", 1)[1].startswith("Z")


@needs_office
@pytest.mark.heavy
def test_the_pdf_has_the_word_files_pages(tmp_path, period_data):
    from docx import Document

    from ntm_analysis.report.publish.document import PageSource, build_document
    from ntm_analysis.report.publish.word import write_docx
    from tests.report.test_document import annex_page, page_a, page_b

    pages = [
        PageSource("02_a", "A.II.1", "report", page_a(period_data)),
        PageSource("03_b", "A.II.2", "report", page_b()),
        PageSource("15", "Phụ lục", "annex", annex_page()),
    ]
    document = build_document(pages, period_data, "vi")
    docx = write_docx(document, tmp_path / "report.docx")
    out = build_pdf(docx, tmp_path / "out" / "report.pdf")
    assert out.read_bytes().startswith(b"%PDF-")
    pages_text = pdf_pages(out)
    assert len(pages_text) >= 3  # the body, then each annex on a page of its own
    assert "BÁO CÁO" in pages_text[0] and "PHỤ LỤC I" in pages_text[-2]
    for number, text in enumerate(pages_text[1:], start=2):  # numbered from page 2
        assert text.strip().splitlines()[0].strip() == str(number)
    assert not pages_text[0].strip().splitlines()[0].strip().isdigit()
    flat = " ".join(" ".join(pages_text).split())
    paragraphs = [p.text for p in Document(str(docx)).paragraphs]  # outside the two-column tables
    lines = [line for line in paragraphs[paragraphs.index("BÁO CÁO") :] if len(line) > 12]
    positions = [flat.find(" ".join(line.split())[:40]) for line in lines]
    assert -1 not in positions and positions == sorted(positions)


def pdf_pages(path: Path) -> list[str]:
    """The text of each page of a PDF (poppler's pdftotext)."""
    done = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    )
    return done.stdout.split("\f")[:-1]


@pytest.mark.slow
def test_a_run_whose_pdf_step_fails_publishes_the_rest_and_exits_1(tmp_path, monkeypatch):
    from ntm_analysis.cli import main

    monkeypatch.setenv(pdf.OFFICE_ENV, str(fake_office(tmp_path, "exit 1")))
    outputs = tmp_path / "outputs"
    argv = ["run", "--period", "2021-09", "--data-dir", str(ROOT / "data"), "--only", "a2_3"]
    assert main([*argv, "--output-dir", str(outputs)]) == 1
    folder = outputs / "2021-09"
    for name in ("index.html", "report.html", "report.docx", "04_a2_3_resources.html"):
        assert (folder / name).is_file(), name
    assert not (folder / "report.pdf").exists()
    record = json.loads((folder / "run.json").read_text(encoding="utf-8"))
    assert record["ok"] is False and "report.pdf" in record["problems"][0]
    assert "report.pdf" in (folder / "index.html").read_text(encoding="utf-8")


@pytest.mark.slow
def test_a_hanging_pdf_step_is_given_up_after_the_limit(tmp_path, monkeypatch):
    from ntm_analysis.cli import main
    from ntm_analysis.report.publish import documents

    monkeypatch.setenv(pdf.OFFICE_ENV, str(fake_office(tmp_path, "sleep 300")))
    monkeypatch.setattr(documents, "TIMEOUT", 3.0)
    outputs = tmp_path / "outputs"
    argv = ["run", "--period", "2021-09", "--data-dir", str(ROOT / "data"), "--only", "a2_3"]
    started = time.monotonic()
    assert main([*argv, "--output-dir", str(outputs)]) == 1
    assert time.monotonic() - started < 120
    record = json.loads((outputs / "2021-09" / "run.json").read_text(encoding="utf-8"))
    assert (outputs / "2021-09" / "report.html").is_file()
    assert "3 giây" in record["problems"][0]
