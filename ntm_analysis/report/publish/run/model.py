"""What a run is asked to do and what it produced: options, per-notebook results, hooks."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ntm_analysis.errors import NtmError

if TYPE_CHECKING:
    from ntm_analysis.dataset.period import PeriodData

LANGS = ("vi", "en")
KERNEL_NAME = "python3"


class RunLockedError(NtmError):
    """Another run of the same period is publishing into the same outputs folder."""


@dataclass
class NotebookResult:
    """How one notebook ran: status, duration, error and the files it produced."""

    name: str
    title: str
    status: str  # "ok" or "failed"
    duration: float
    error_name: str | None = None
    error_value: str | None = None
    html: str = ""  # file name inside the period folder
    executed: str | None = None  # path inside the period folder, None if nothing was written
    kept_from: str | None = None  # not selected (--only): page kept from the run of this time
    reused_from: str | None = None  # inputs unchanged: page reused from the run of this time
    ran_at: str | None = None  # when this page was produced by executing the notebook
    input_key: str | None = None  # hash of everything the notebook's output depends on

    @property
    def ok(self) -> bool:
        return self.status == "ok"

    @property
    def executed_now(self) -> bool:
        """Executed by this run (neither kept nor reused)."""
        return self.kept_from is None and self.reused_from is None


Progress = Callable[[NotebookResult, int, int], None]  # (result, done, total)


@dataclass
class OutputContext:
    """What an extra-output builder (the report's documents …) gets, before the folder is
    published.

    A builder writes its files into `staging`. It may append `(label, file name)` to `links`
    to have the index page link them, fields to `record` (written into run.json), a failure of
    an optional output to `problems` (the run then exits 1, the rest is published) and a
    warning to `warnings`. `previous` is the last published folder and `previous_record` its
    run.json, so a builder may copy its earlier file instead of rebuilding it.
    `finish_page(page, name)` sanitises a page and checks that it is self-contained.
    """

    staging: Path
    previous: Path | None
    data: PeriodData
    lang: str
    title: str
    with_code: bool
    results: list[NotebookResult]
    unchanged: bool
    links: list[tuple[str, str]] = field(default_factory=list)
    previous_record: dict[str, Any] | None = None
    record: dict[str, Any] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    finish_page: Callable[[str, str], str] = field(default=lambda page, name: page)


ExtraOutput = Callable[[OutputContext], None]


@dataclass
class RunOptions:
    """What `ntm-report run` was asked to do."""

    period: str
    data_dir: Path | str | None = None
    output_dir: Path | str | None = None  # None: `<data_dir>/../outputs`
    workers: int = 2
    only: list[str] | None = None  # notebook stems, names without number, or numbers
    lang: str = "vi"
    with_code: bool = False
    timeout: int = 600  # seconds per cell
    notebooks_dir: Path | str | None = None  # None: $NTM_NOTEBOOKS_DIR, else notebooks/
    force: bool = False  # execute every notebook even when its inputs are unchanged
    progress: Progress | None = None  # called in the main process as notebooks finish
    extra_outputs: Sequence[ExtraOutput] | None = None  # None: run.extra.EXTRA_OUTPUTS
    # the province of the period, in a data folder holding several (dataset/paths.py); its
    # pages then go to <outputs>/<province>/<P>
    province: str | None = None

    @property
    def key(self) -> str:
        """The period, prefixed by its province when one is given (`86/2021-06`)."""
        return f"{self.province}/{self.period}" if self.province else self.period


@dataclass
class RunResult:
    """The outcome of a run: one result per notebook and where it was published."""

    period: str
    output_dir: Path
    notebooks: list[NotebookResult] = field(default_factory=list)
    started: str = ""
    finished: str = ""
    warnings: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # optional outputs that failed

    @property
    def ok(self) -> bool:
        """Every notebook of this run succeeded (pages kept from an earlier run do not count),
        and every optional output (Word, PDF) was written or reused."""
        return not self.problems and all(nb.ok for nb in self.notebooks if nb.kept_from is None)

    @property
    def complete(self) -> bool:
        """Every page of the published report succeeded, those kept from an earlier run
        (`--only`) included, and every optional output: a partial run never reports success for
        a page it did not render."""
        return not self.problems and all(nb.ok for nb in self.notebooks)

    @property
    def index(self) -> Path:
        return self.output_dir / "index.html"


@dataclass(frozen=True)
class Job:
    """Everything a worker process needs to execute and render one notebook."""

    source: Path
    executed: Path
    html: Path
    title: str
    parameters: dict[str, str]
    cwd: Path
    timeout: int
    lang: str
    with_code: bool
    sockets: Path | None = None  # the run's folder for kernel sockets (removed by the run)
    input_key: str | None = None
    ran_at: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)
