"""Every problem of an import, when there are more than the command line shows: a text file
beside the workbooks (`loi_nhap_<P>.txt`), the problems grouped by file and sheet."""

from __future__ import annotations

import tempfile
from datetime import datetime
from pathlib import Path

from ntm_analysis.errors import InputError, InputErrors
from ntm_analysis.i18n import t

ERRORS_SHOWN = 20  # the command line lists this many; the file lists them all


def _where(error: InputError) -> tuple[str, str]:
    """(file name, sheet) of an error ("" when it names none)."""
    name = error.path.name if error.path is not None else ""
    column = error.column if isinstance(error.column, str) else ""
    sheet = column.split("!", 1)[0] if "!" in column else ""
    return name, sheet


def _line(error: InputError, lang: str) -> str:
    """The error without its file (the heading names it)."""
    return InputError(error, row=error.row, column=error.column, expected=error.expected).render(
        lang
    )


def errors_text(errors: InputErrors, period: str, lang: str) -> str:
    """The problems grouped by file and sheet, in `lang`."""
    groups: dict[tuple[str, str], list[InputError]] = {}
    for error in errors.errors:
        groups.setdefault(_where(error), []).append(error)
    lines = [
        t(
            lang,
            "Các lỗi khi nhập kỳ {period} ({when}): {n} lỗi; chưa ghi gì vào kỳ báo cáo.",
            period=period,
            when=datetime.now().strftime("%d/%m/%Y %H:%M"),
            n=errors.total,
        ),
        "",
    ]
    for (name, sheet), found in groups.items():
        head = name or t(lang, "(không thuộc tệp nào)")
        if sheet:
            head += " — " + t(lang, "sheet {sheet}", sheet=sheet)
        lines.append(f"== {head} ({len(found)}) ==")
        lines += [f"  - {_line(e, lang)}" for e in found]
        lines.append("")
    return "\n".join(lines)


def write_errors_file(errors: InputErrors, files: list[Path], period: str, lang: str) -> Path:
    """Write `errors_text` beside the first workbook (else in the working folder, else in the
    temporary folder); returns its path."""
    name = f"loi_nhap_{period}.txt"
    text = errors_text(errors, period, lang)
    folders = [Path(files[0]).resolve().parent] if files else []
    folders += [Path.cwd(), Path(tempfile.gettempdir())]
    for folder in folders:
        try:
            path = folder / name
            path.write_text(text, encoding="utf-8")
            return path
        except OSError:
            continue
    raise OSError(f"cannot write {name}")
