"""The index pages: `outputs/<P>/index.html` of a run and `outputs/index.html` of all periods,
and the run record `run.json`. All text is escaped by the templates (Jinja2 autoescape)."""

from __future__ import annotations

import contextlib
import platform
import re
import subprocess
from datetime import datetime
from pathlib import Path
from typing import Any

from babel.dates import format_datetime
from filelock import FileLock
from jinja2 import Environment, FileSystemLoader, StrictUndefined

import ntm_analysis
from ntm_analysis import i18n
from ntm_analysis.i18n import N_, pick, t
from ntm_analysis.report.publish.run.cache import LIBRARIES, version_of
from ntm_analysis.report.publish.run.pages import TEMPLATES_DIR
from ntm_analysis.report.publish.run.publish import SCHEMA, TOOL, read_marker, write_atomic
from ntm_analysis.text.numbers import format_number

GENERATOR = '<meta name="generator" content="ntm-analysis">'


def when(stamp: str, lang: str = "vi") -> str:
    """An ISO time stamp as a reader writes it: "03/12/2021 10:51" (English "3 Dec 2021,
    10:51"); the text itself when it is not one."""
    try:
        moment = datetime.fromisoformat(stamp)
    except (TypeError, ValueError):
        return str(stamp or "")
    return format_datetime(moment, pick(lang, "dd/MM/yyyy HH:mm", "d MMM yyyy, HH:mm"), locale=lang)


def seconds(value: float, lang: str = "vi") -> str:
    """A duration in seconds, in words: "3,2 giây" / "3.2 seconds"."""
    return t(lang, "{seconds} giây", seconds=format_number(float(value), 1, lang))


NOT_RUN = {
    "CellTimeoutError": N_("quá thời gian cho phép của một ô lệnh"),
    "DeadKernelError": N_("tiến trình chạy sổ tính bị dừng giữa chừng"),
}
OWN_ERRORS = {"InputError", "InputErrors", "NtmError", "PeriodError"}


def error_text(name: str | None, value: str | None, lang: str = "vi") -> str:
    """Why a page failed, for the index: the package's own message (already in words), else
    what happened in words with the technical name in parentheses."""
    if name in OWN_ERRORS and value:
        return str(value)
    if name in NOT_RUN:
        return t(lang, NOT_RUN[name])
    detail = " ".join(f"{name}: {value}".split())[:160] if name else str(value or "")
    return t(lang, "lỗi khi dựng trang ({detail})", detail=detail)


def _environment(lang: str) -> Any:
    """The pages' Jinja2 environment, its gettext calls (`_`, `pgettext`) in `lang`, and the
    filters `when`, `seconds` and `error_text` in `lang`."""
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES_DIR)),
        autoescape=True,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        extensions=["jinja2.ext.i18n"],
    )
    env.install_gettext_translations(i18n.translations(lang), newstyle=True)
    env.filters["when"] = lambda stamp: when(stamp, lang)
    env.filters["seconds"] = lambda value: seconds(value, lang)
    env.globals["error_text"] = lambda nb: error_text(nb.error_name, nb.error_value, lang)
    return env


def render_index(context: dict[str, Any]) -> str:
    """The period's index page from `templates/index.html.j2`."""
    return _environment(context["lang"]).get_template("index.html.j2").render(**context)


def versions() -> dict[str, str | None]:
    found = {"ntm_analysis": ntm_analysis.__version__}
    found |= {name: version_of(name) for name in LIBRARIES}
    return {**found, "python": platform.python_version()}


def git_commit(repo: Path | None = None) -> str | None:
    """`git rev-parse HEAD` of the package's source tree, None when that does not work."""
    repo = repo or Path(ntm_analysis.__file__).resolve().parents[1]
    try:
        done = subprocess.run(
            ["git", "rev-parse", "HEAD"],
            cwd=repo,
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    commit = done.stdout.strip()
    return commit if done.returncode == 0 and re.fullmatch(r"[0-9a-f]{40,64}", commit) else None


def run_record(**fields: Any) -> dict[str, Any]:
    """run.json: the marker that says this tool made the folder, then the run's details."""
    return {"tool": TOOL, "schema": SCHEMA, **fields}


def write_periods_index(outputs: Path, lang: str) -> str | None:
    """Regenerate `outputs/index.html`, listing every period folder this tool published.

    Returns a warning (and writes nothing) when an `index.html` there is not ours.
    """
    target = outputs / "index.html"
    with FileLock(str(outputs / ".index.lock")):
        if target.is_symlink() or (target.exists() and not target.is_file()):
            return t(
                lang,
                "{target}: không phải tệp do ntm-analysis tạo; danh sách các kỳ không được ghi",
                target=target,
            )
        if target.is_file():
            with contextlib.suppress(OSError):
                if GENERATOR not in target.read_text(encoding="utf-8", errors="replace")[:4000]:
                    return t(
                        lang,
                        "{target}: không phải trang do ntm-analysis tạo; danh sách các kỳ "
                        "không được ghi",
                        target=target,
                    )
        periods = []
        for folder in sorted(outputs.iterdir()):
            if folder.name.startswith(".") or not folder.is_dir():
                continue
            record = read_marker(folder)
            if record is None or not (folder / "index.html").is_file():
                continue
            periods.append(
                {
                    "href": f"{folder.name}/index.html",
                    "period": str(record.get("period", folder.name)),
                    "label": str(record.get("period_label") or record.get("period") or ""),
                    "ok": bool(record.get("ok")),
                    "finished": str(record.get("finished", "")),
                }
            )
        page = _environment(lang).get_template("periods.html.j2").render(lang=lang, periods=periods)
        write_atomic(target, page)
    return None
