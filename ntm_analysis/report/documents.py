"""The report as documents to send: `report.docx` (editable Word) and `report.pdf` (printed
from the combined HTML page), written into a run's output folder.

`write_documents` is the one call the runner needs after `report.html` exists. The Word file
is always written; the PDF needs Chromium, and without it the result says why it is missing
instead of failing the run.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ntm_analysis.dataset.period import PeriodData
from ntm_analysis.report.pdf import PdfError, build_pdf
from ntm_analysis.report.word import build_docx

TITLE = {
    "vi": (
        "Kết quả thực hiện các Chương trình mục tiêu quốc gia và Phong trào "
        "“Toàn dân đoàn kết xây dựng đời sống văn hóa”"
    ),
    "en": (
        "Results of the National Target Programmes and the "
        "“All people unite to build a cultural life” movement"
    ),
}


@dataclass(frozen=True)
class Documents:
    """What `write_documents` wrote: the Word file, the PDF (None when it could not be
    printed) and, then, the reason."""

    docx: Path
    pdf: Path | None
    pdf_error: str | None = None


def write_documents(
    folder: Path,
    executed: list[Path],
    data: PeriodData,
    lang: str,
    *,
    title: str | None = None,
    pdf: bool = True,
) -> Documents:
    """Write `folder/report.docx` from the executed notebooks (report order) and, when `pdf`,
    `folder/report.pdf` from `folder/report.html`."""
    folder = Path(folder)
    docx = build_docx(
        executed,
        folder / "report.docx",
        lang=lang,
        title=title or TITLE[lang],
        period_label=data.label(lang),
        province_name=data.area_names(lang).get(data.province, ""),
    )
    if not pdf:
        return Documents(docx, None)
    try:
        return Documents(docx, build_pdf(folder / "report.html", folder / "report.pdf"))
    except PdfError as exc:
        return Documents(docx, None, str(exc))


__all__ = ["TITLE", "Documents", "write_documents"]
