"""`report.pdf`: the Word file printed by LibreOffice (headless), so the PDF has the same
pages as `report.docx`.

LibreOffice is looked up as `$NTM_SOFFICE`, then `soffice` or `libreoffice` on PATH (and the
usual install folders on macOS and Windows). It runs with a throwaway profile, no window and
no network use, in its own process group, within `TIMEOUT` seconds: a hung LibreOffice is
killed with everything it started. The PDF is written in a temporary folder and moved into
place only when complete.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from ntm_analysis.errors import Message, NtmError
from ntm_analysis.i18n import N_

OFFICE_ENV = "NTM_SOFFICE"
PROGRAMS = ("soffice", "libreoffice")
INSTALL_FOLDERS = (
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
    r"C:\Program Files\LibreOffice\program\soffice.exe",
)
TIMEOUT = 60.0  # seconds: the optional PDF never holds a run longer


class PdfError(NtmError):
    """The PDF could not be printed: LibreOffice missing, failing or hanging."""


class PdfToolMissing(PdfError):
    """LibreOffice is not installed (the run goes on without a PDF: a warning, not a
    failure)."""


MISSING = N_(
    "Không có LibreOffice nên chưa in được report.pdf; cài đặt: `make office` (Debian/Ubuntu: "
    "apt-get install libreoffice-writer-nogui) hoặc ghi đường dẫn soffice vào biến NTM_SOFFICE"
)


def find_office() -> str | None:
    """LibreOffice's `soffice` (`$NTM_SOFFICE` first), None when absent."""
    named = os.environ.get(OFFICE_ENV, "")
    if named:
        return shutil.which(named) or (named if Path(named).is_file() else None)
    found = next((p for name in PROGRAMS if (p := shutil.which(name))), None)
    return found or next((p for p in INSTALL_FOLDERS if Path(p).is_file()), None)


def _convert(office: str, docx: Path, work: Path, timeout: float) -> subprocess.CompletedProcess:
    profile = (work / "profile").as_uri()
    command = [
        office,
        "--headless",
        "--invisible",
        "--nologo",
        "--norestore",
        "--nolockcheck",
        "--nodefault",
        f"-env:UserInstallation={profile}",
        "--convert-to",
        "pdf:writer_pdf_Export",
        "--outdir",
        str(work / "out"),
        str(docx),
    ]
    process = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
        start_new_session=True,  # its own process group: a timeout ends all it started
        env={**os.environ, "HOME": str(work)},
    )
    try:
        out, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        raise PdfError(
            N_("LibreOffice không in xong report.pdf trong {timeout:.0f} giây"), timeout=timeout
        ) from None
    return subprocess.CompletedProcess(command, process.returncode, out, err)


def build_pdf(
    docx: Path, out: Path, *, office: str | None = None, timeout: float | None = None
) -> Path:
    """Print `docx` to `out` with LibreOffice; returns `out`.

    Raises PdfToolMissing when LibreOffice is not installed, PdfError when it fails or does
    not finish within `timeout` seconds (`TIMEOUT` by default).
    """
    docx, out = Path(docx).resolve(), Path(out)
    if not docx.is_file():
        raise PdfError(N_("{file}: không có tệp Word để in"), file=docx.name)
    program = office or find_office()
    if program is None:
        raise PdfToolMissing(MISSING)
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="ntm-pdf-") as folder:
        work = Path(folder)
        try:
            done = _convert(program, docx, work, TIMEOUT if timeout is None else timeout)
        except OSError as exc:
            raise PdfError(
                N_("không chạy được LibreOffice ({reason})"), reason=exc.strerror or exc
            ) from None
        printed = work / "out" / (docx.stem + ".pdf")
        if not printed.is_file() or printed.read_bytes()[:5] != b"%PDF-":
            detail = (done.stderr or done.stdout or "").strip().splitlines()[-1:]
            raise PdfError(
                N_("LibreOffice không tạo ra tệp PDF (mã thoát {code}): {detail}"),
                code=done.returncode,
                detail=detail[0][:200] if detail else Message(N_("không có thông báo")),
            )
        shutil.move(str(printed), out)
    return out


__all__ = [
    "MISSING",
    "OFFICE_ENV",
    "TIMEOUT",
    "PdfError",
    "PdfToolMissing",
    "build_pdf",
    "find_office",
]
