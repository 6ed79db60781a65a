"""The index pages: `outputs/<P>/index.html` of a run and `outputs/index.html` of all periods,
and the run record `run.json`. All text is escaped by the templates (Jinja2 autoescape)."""

from __future__ import annotations

import contextlib
import platform
import re
import subprocess
from pathlib import Path
from typing import Any

from filelock import FileLock
from jinja2 import Environment, FileSystemLoader, StrictUndefined

import ntm_analysis
from ntm_analysis import i18n
from ntm_analysis.i18n import t
from ntm_analysis.report.publish.run.cache import LIBRARIES, version_of
from ntm_analysis.report.publish.run.pages import TEMPLATES_DIR
from ntm_analysis.report.publish.run.publish import SCHEMA, TOOL, read_marker, write_atomic

GENERATOR = '<meta name="generator" content="ntm-analysis">'


def _environment(lang: str) -> Any:
    """The pages' Jinja2 environment, its gettext calls (`_`, `pgettext`) in `lang`."""
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES_DIR)),
        autoescape=True,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        extensions=["jinja2.ext.i18n"],
    )
    env.install_gettext_translations(i18n.translations(lang), newstyle=True)
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
