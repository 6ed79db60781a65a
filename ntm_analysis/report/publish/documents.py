"""The report as documents to send: `report.docx` (editable Word) and `report.pdf` (printed
from the combined HTML page), written into a run's output folder.

`write_documents` is the one call the runner needs after `report.html` exists. The Word file
is always written; the PDF needs Chromium, and without it the result says why it is missing
instead of failing the run.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from ntm_analysis.dataset.period import PeriodData
from ntm_analysis.i18n import N_, t
from ntm_analysis.report.publish.pdf import PdfError, build_pdf, find_chromium
from ntm_analysis.report.publish.word import build_docx

TITLE = N_(
    "Kết quả thực hiện các Chương trình mục tiêu quốc gia và Phong trào "
    "“Toàn dân đoàn kết xây dựng đời sống văn hóa”"
)  # the documents' title, translated at use


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
        title=title or t(lang, TITLE),
        period_label=data.label(lang),
        province_name=data.area_names(lang).get(data.province, ""),
    )
    if not pdf:
        return Documents(docx, None)
    try:
        return Documents(docx, build_pdf(folder / "report.html", folder / "report.pdf"))
    except PdfError as exc:
        return Documents(docx, None, exc.render(lang))


LINKS = {"docx": N_("Báo cáo (Word)"), "pdf": N_("Báo cáo (PDF)")}


class RunContext(Protocol):
    """What the runner hands an extra-output builder (`report.run.OutputContext`)."""

    staging: Path
    previous: Path | None
    data: PeriodData
    lang: str
    results: list[Any]
    unchanged: bool
    links: list[tuple[str, str]]


def _reuse(context: RunContext, name: str) -> bool:
    """Copy last run's file when no page changed; True if it was copied."""
    old = context.previous / name if context.previous is not None else None
    if context.unchanged and old is not None and old.is_file():
        shutil.copy2(old, context.staging / name)
        return True
    return False


def docx_output(context: RunContext) -> None:
    """Runner hook: `report.docx` from the run's executed section notebooks, linked from
    the index page."""
    if not _reuse(context, "report.docx"):
        executed = [
            context.staging / r.executed
            for r in context.results
            if r.executed
            and context.data.outline is not None
            and context.data.outline.audience_of(r.name) == "report"
            and (context.staging / r.executed).is_file()
        ]
        build_docx(
            executed,
            context.staging / "report.docx",
            lang=context.lang,
            title=t(context.lang, TITLE),
            period_label=context.data.label(context.lang),
            province_name=context.data.area_names(context.lang).get(context.data.province, ""),
        )
    context.links.append((t(context.lang, LINKS["docx"]), "report.docx"))


def pdf_output(context: RunContext) -> None:
    """Runner hook: `report.pdf` printed from `report.html`, linked from the index page.
    Without Chromium the run goes on without a PDF (and without the link)."""
    if not _reuse(context, "report.pdf"):
        if find_chromium() is None:
            return
        build_pdf(context.staging / "report.html", context.staging / "report.pdf")
    context.links.append((t(context.lang, LINKS["pdf"]), "report.pdf"))


__all__ = [
    "TITLE",
    "Documents",
    "RunContext",
    "docx_output",
    "pdf_output",
    "write_documents",
]
