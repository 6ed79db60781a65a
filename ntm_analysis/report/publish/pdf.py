"""`build_pdf`: the combined report page printed to PDF by headless Chromium.

The page template's print CSS (templates/ntm_html) lays it out: A4 with the margins of an
administrative report, each section (a level-1 heading) on a new page, no table row cut across
pages, collapsed appendices left out. Chromium runs with the network off, in a throwaway
profile; the PDF is written next to `out` and moved into place only when complete.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from ntm_analysis.errors import Message, NtmError
from ntm_analysis.i18n import N_

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


class PdfError(NtmError):
    """The PDF could not be printed (no Chromium, or Chromium failed)."""


def find_chromium() -> str | None:
    """The Chromium (or Chrome) executable on PATH, `$NTM_CHROMIUM` first; None if absent."""
    candidates = [os.environ.get("NTM_CHROMIUM", ""), *BROWSERS]
    return next((found for c in candidates if c and (found := shutil.which(c))), None)


def build_pdf(
    report_html: Path, out: Path, *, chromium: str | None = None, timeout: float = 300
) -> Path:
    """Print `report_html` to `out` (A4, print CSS of the page); returns `out`.

    Raises PdfError when Chromium is missing or does not produce a PDF.
    """
    report_html, out = Path(report_html).resolve(), Path(out)
    if not report_html.is_file():
        raise PdfError(N_("{page}: không có trang này để in"), page=report_html)
    browser = shutil.which(chromium) if chromium else find_chromium()
    if browser is None:
        raise PdfError(
            N_(
                "Cần Chromium để in report.pdf nhưng không tìm thấy trong PATH "
                "(cài đặt: `make browser` hoặc apt-get install chromium; "
                "hoặc ghi đường dẫn vào biến NTM_CHROMIUM)"
            )
        )
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="ntm-pdf-") as work:
        partial = Path(work) / "report.pdf"
        command = [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--host-resolver-rules=MAP * ~NOTFOUND",  # the page is self-contained
            f"--user-data-dir={Path(work) / 'profile'}",
            "--no-pdf-header-footer",
            f"--print-to-pdf={partial}",
            report_html.as_uri(),
        ]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            raise PdfError(
                N_("Chromium không in xong trong {timeout:.0f} giây"), timeout=timeout
            ) from None
        if not partial.is_file() or partial.read_bytes()[:5] != b"%PDF-":
            detail = (done.stderr or "").strip().splitlines()[-1:]
            raise PdfError(
                N_("Chromium không tạo ra tệp PDF (mã thoát {code}): {detail}"),
                code=done.returncode,
                detail=detail[0] if detail else Message(N_("không có thông báo")),
            )
        shutil.move(str(partial), out)
    return out


__all__ = ["PdfError", "build_pdf", "find_chromium"]
