"""The 2021-09 report as an office sends it, from a real run: report.html, report.docx and
report.pdf have the same sections in the same order, and carry no data-quality finding,
duration, path, checksum or traceback; the PDF is numbered from page 2 and no page is more
than half empty but the ends of the body and of the annexes."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from docx import Document

from ntm_analysis import load_period
from ntm_analysis.quality import check_period
from ntm_analysis.report.publish.pdf import find_office

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    from ntm_analysis.cli import main

    work = tmp_path_factory.mktemp("run")
    data = work / "data"
    shutil.copytree(ROOT / "data", data)
    code = main(["run", "--period", "2021-09", "--data-dir", str(data), "--output-dir",
                 str(work / "outputs")])  # fmt: skip
    assert code == 0
    return work / "outputs" / "2021-09"


def texts(folder: Path) -> dict[str, str]:
    out = {
        "report.html": BeautifulSoup(
            (folder / "report.html").read_text(encoding="utf-8"), "html.parser"
        ).get_text(" "),
    }
    doc = Document(str(folder / "report.docx"))
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    out["report.docx"] = "\n".join([p.text for p in doc.paragraphs] + cells)
    if (folder / "report.pdf").is_file():
        out["report.pdf"] = pdf_text(folder / "report.pdf")
    return {k: " ".join(v.split()) for k, v in out.items()}


def pdf_text(path: Path) -> str:
    done = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True)
    return done.stdout


def test_no_finding_duration_path_or_checksum(folder):
    findings = check_period(load_period("2021-09", ROOT / "data"))
    assert findings  # 2021-09 has findings: the analyst's index shows them
    for name, text in texts(folder).items():
        for finding in findings:
            assert finding.text("vi") not in text, (name, finding.id)
        assert not re.search(r"không khớp|cắt bớt thay vì làm tròn|kiểm tra chất lượng", text, re.I)
        assert not re.search(r"\d+[,.]\d+ ?(?:s|giây)\b", text), name  # durations
        assert not re.search(r"\b[0-9a-f]{32,64}\b", text), name  # checksums
        assert "/tmp/" not in text and str(ROOT) not in text and ".ipynb" not in text, name
        assert "Traceback" not in text and "Error:" not in text, name
    index = (folder / "index.html").read_text(encoding="utf-8")
    assert "không khớp" in index and "SHA-256" in index and "giây" in index


def headings_of_docx(folder: Path) -> list[str]:
    doc = Document(str(folder / "report.docx"))
    return [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]


def test_same_sections_in_the_same_order(folder):
    headings = headings_of_docx(folder)
    assert headings[0].startswith("A.") and "Tổng quan" not in " ".join(headings)
    assert len(headings) == len(set(headings))  # each heading once
    soup = BeautifulSoup((folder / "report.html").read_text(encoding="utf-8"), "html.parser")
    assert [h.get_text() for h in soup.find_all(re.compile("^h[2-7]$"))] == headings
    if (folder / "report.pdf").is_file():
        flat = " ".join(pdf_text(folder / "report.pdf").split())
        positions = [flat.upper().find(" ".join(h.split()).upper()[:50]) for h in headings]
        assert -1 not in positions and positions == sorted(positions)


@pytest.mark.skipif(
    find_office() is None or shutil.which("pdftoppm") is None, reason="no LibreOffice"
)
def test_pdf_numbered_and_no_page_half_empty(folder, tmp_path):
    import numpy as np
    from PIL import Image

    pages = pdf_text(folder / "report.pdf").split("\f")[:-1]
    for number, text in enumerate(pages[1:], start=2):
        assert text.strip().splitlines()[0].strip() == str(number)
    subprocess.run(["pdftoppm", "-r", "20", "-gray", str(folder / "report.pdf"),
                    str(tmp_path / "p")], check=True)  # fmt: skip
    images = sorted(tmp_path.glob("p-*.pgm"))
    ends = {n for n, text in enumerate(pages) if "Nơi nhận" in text}  # the body's end
    ends |= {n - 1 for n, text in enumerate(pages) if "PHỤ LỤC" in text}  # before an annex
    ends.add(len(pages) - 1)
    for n, image in enumerate(images):
        if n in ends:
            continue
        ink = np.asarray(Image.open(image)).min(axis=1) < 200  # rows with something printed
        rows = np.flatnonzero(ink)
        height = len(ink)
        assert rows.size and rows[-1] / height > 0.5, f"page {n + 1} is more than half empty"


@pytest.mark.skipif(find_office() is None, reason="no LibreOffice")
def test_no_heading_alone_at_the_foot_of_a_page(folder):
    doc = Document(str(folder / "report.docx"))
    leads = [
        p.text for p in doc.paragraphs if p.paragraph_format.keep_with_next
    ]  # "2. Nguyên nhân"
    headings = [" ".join(h.split()) for h in headings_of_docx(folder) + leads if h.strip()]
    assert any("Nguyên nhân" in h for h in headings)
    for number, text in enumerate(pdf_text(folder / "report.pdf").split("\f")[:-1], start=1):
        lines = [" ".join(line.split()) for line in text.splitlines() if line.strip()]
        last = lines[-1]
        alone = [h for h in headings if last == h or (len(last) > 15 and last in h)]
        assert not alone, f"page {number} ends on the heading {alone[0]!r}"


def test_unchanged_document_is_reused(folder):
    import json

    from ntm_analysis.cli import main

    record = json.loads((folder / "run.json").read_text(encoding="utf-8"))
    data = Path(record["parameters"]["data_dir"]).parent
    assert main(["run", "--period", "2021-09", "--data-dir", str(data / "data"), "--output-dir",
                 str(folder.parent)]) == 0  # fmt: skip
    again = json.loads((folder / "run.json").read_text(encoding="utf-8"))
    assert again["document"]["key"] == record["document"]["key"]
    assert again["document"]["report.docx"] == "reused"
