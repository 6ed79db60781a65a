"""The report runner's public names; the code lives in `ntm_analysis.report.run`."""

from __future__ import annotations

from ntm_analysis.report.run import (
    NOTEBOOKS_ENV,
    ExtraOutput,
    NotebookResult,
    OutputContext,
    RunLockedError,
    RunOptions,
    RunResult,
    check_self_contained,
    discover_notebooks,
    export_html,
    external_references,
    notebook_title,
    notebooks_dir,
    period_lock,
    run_report,
    select_notebooks,
)
from ntm_analysis.report.run.index import git_commit

__all__ = [
    "NOTEBOOKS_ENV",
    "ExtraOutput",
    "NotebookResult",
    "OutputContext",
    "RunLockedError",
    "RunOptions",
    "RunResult",
    "check_self_contained",
    "discover_notebooks",
    "export_html",
    "external_references",
    "git_commit",
    "notebook_title",
    "notebooks_dir",
    "period_lock",
    "run_report",
    "select_notebooks",
]
