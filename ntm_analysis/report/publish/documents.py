"""The documents an office sends, written into a run's output folder: `report.html`,
`report.docx` and `report.pdf`, three renderings of one document (`document.build`).

`report_outputs(context)` is the runner's hook. It builds the document from the run's pages,
writes `report.html`, then the Word file and the PDF printed from it. Word and PDF are
optional outputs: each runs within `TIMEOUT` seconds, a failure is recorded in
`context.problems` (the run publishes the rest and exits 1), a missing LibreOffice is a
warning. Both files are copied from the last published run when the document is unchanged
(the same key in its run.json), so an unchanged report costs no printing.
"""

from __future__ import annotations

import hashlib
import shutil
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

import nbformat

from ntm_analysis.dataset.period import PeriodData
from ntm_analysis.errors import NtmError
from ntm_analysis.i18n import N_, t
from ntm_analysis.report.publish import pdf as pdf_printer
from ntm_analysis.report.publish.document import (
    Document,
    PageSource,
    build_document,
    render_html,
)
from ntm_analysis.report.publish.document.frame import issuer_warning
from ntm_analysis.report.publish.word import write_docx

TIMEOUT = pdf_printer.TIMEOUT
LINKS = {
    "html": N_("Báo cáo (trang web)"),
    "docx": N_("Báo cáo (Word)"),
    "pdf": N_("Báo cáo (PDF)"),
}
WORDS = {
    "timeout": N_("{output} không xong trong {timeout:.0f} giây"),
    "failed": N_("không ghi được {output}: {reason}"),
}


class OutputContext(Protocol):
    """What the runner hands an output builder (`report.publish.run.OutputContext`)."""

    staging: Path
    previous: Path | None
    previous_record: dict[str, Any] | None
    data: PeriodData
    lang: str
    results: list[Any]
    links: list[tuple[str, str]]
    record: dict[str, Any]
    problems: list[str]
    warnings: list[str]

    def finish_page(self, page: str, name: str) -> str: ...


PUBLISH = Path(__file__).resolve().parent
RENDERERS = ("document", "word", "pdf.py", "documents.py", "templates/report.html.j2")


def renderer_fingerprint() -> str:
    """A hash of the code that turns a document into files (its model, Word, PDF, page)."""
    digest = hashlib.sha256()
    for name in RENDERERS:
        root = PUBLISH / name
        files = sorted(root.rglob("*.py")) if root.is_dir() else [root]
        for path in files:
            digest.update(str(path.relative_to(PUBLISH)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def page_sources(context: OutputContext) -> list[PageSource]:
    """The run's pages with their audience and executed notebook, in outline order."""
    outline = context.data.outline
    sources = []
    for result in context.results:
        path = context.staging / result.executed if result.executed else None
        notebook = nbformat.read(path, as_version=4) if path and path.is_file() else None
        audience = outline.audience_of(result.name) if outline is not None else "analyst"
        sources.append(PageSource(result.name, result.title, audience, notebook, result.ok))
    return sources


def document_key(document: Document) -> str:
    """The document's content and the code that renders it: equal keys, equal files."""
    return hashlib.sha256((document.key() + renderer_fingerprint()).encode()).hexdigest()


def within(seconds: float, work: Callable[[], Any]) -> Any:
    """`work()` in a thread, given up after `seconds` (TimeoutError)."""
    outcome: dict[str, Any] = {}

    def target() -> None:
        try:
            outcome["value"] = work()
        except BaseException as exc:  # re-raised in the caller's thread
            outcome["error"] = exc

    thread = threading.Thread(target=target, name="ntm-document", daemon=True)
    thread.start()
    thread.join(seconds)
    if thread.is_alive():
        raise TimeoutError
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("value")


def _reused(context: OutputContext, name: str, key: str) -> bool:
    """Copy last run's `name` when it was made from the same document."""
    record = context.previous_record or {}
    old = context.previous / name if context.previous is not None else None
    if record.get("document", {}).get("key") == key and old is not None and old.is_file():
        shutil.copy2(old, context.staging / name)
        return True
    return False


def _step(context: OutputContext, name: str, key: str, make: Callable[[], Any]) -> bool:
    """One optional output: reused, or made within the time limit; a failure is recorded as
    the run's problem (a missing PDF tool as a warning). True when the file is there."""
    if _reused(context, name, key):
        context.record.setdefault("document", {})[name] = "reused"
        return True
    started = time.perf_counter()
    try:
        within(TIMEOUT, make)
    except pdf_printer.PdfToolMissing as exc:
        context.warnings.append(exc.render(context.lang))
        return False
    except TimeoutError:
        context.problems.append(t(context.lang, WORDS["timeout"], output=name, timeout=TIMEOUT))
        return False
    except (NtmError, OSError, ValueError, KeyError, TypeError) as exc:
        reason = exc.render(context.lang) if isinstance(exc, NtmError) else type(exc).__name__
        context.problems.append(t(context.lang, WORDS["failed"], output=name, reason=reason))
        (context.staging / name).unlink(missing_ok=True)
        return False
    context.record.setdefault("document", {})[name] = round(time.perf_counter() - started, 3)
    return True


def report_outputs(context: OutputContext) -> None:
    """Runner hook: `report.html`, `report.docx` and `report.pdf` from the run's pages."""
    document = build_document(page_sources(context), context.data, context.lang)
    key = document_key(document)
    context.record.setdefault("document", {})["key"] = key
    html = context.staging / "report.html"
    html.write_text(context.finish_page(render_html(document), html.name), encoding="utf-8")
    context.links.append((t(context.lang, LINKS["html"]), html.name))
    warning = issuer_warning(context.data, context.lang)
    if warning:
        context.warnings.append(warning)
    docx = context.staging / "report.docx"
    if not _step(context, docx.name, key, lambda: write_docx(document, docx)):
        return
    context.links.append((t(context.lang, LINKS["docx"]), docx.name))
    pdf = context.staging / "report.pdf"
    if _step(context, pdf.name, key, lambda: pdf_printer.build_pdf(docx, pdf)):
        context.links.append((t(context.lang, LINKS["pdf"]), pdf.name))


__all__ = [
    "LINKS",
    "TIMEOUT",
    "OutputContext",
    "document_key",
    "page_sources",
    "renderer_fingerprint",
    "report_outputs",
    "within",
]
