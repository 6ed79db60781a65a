"""Run the notebooks of a period through papermill and publish self-contained HTML.

Layout of `outputs/<period>/`: `index.html`, one `NN_name.html` per notebook, `report.html`
(all sections on one page), `executed/NN_name.ipynb`, and `run.json`. Everything is rendered
into a hidden temporary folder beside the destination and swapped in only at the end, so a
failed or interrupted run never touches the last published output.
"""

from __future__ import annotations

import atexit
import contextlib
import copy
import html
import json
import multiprocessing
import multiprocessing.util
import os
import platform
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime, timezone
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

import ntm_analysis
from ntm_analysis.errors import InputError, NtmError


class RunLockedError(NtmError):
    """Another run of the same period is publishing into the same outputs folder."""


NOTEBOOKS_ENV = "NTM_NOTEBOOKS_DIR"
TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
HTML_TEMPLATE = "ntm_html"  # templates/ntm_html: the lab template without CDN scripts
KERNEL_NAME = "python3"
LANGS = ("vi", "en")
NOTEBOOK_FILE = re.compile(r"^(?P<number>\d{2})_(?P<name>[A-Za-z0-9][A-Za-z0-9_-]*)\.ipynb$")
HIDE_INPUT_TAG = "ntm-hide-input"

# src=/href= pointing off the page: http(s)://… or protocol-relative //…
EXTERNAL_URL = re.compile(
    r"""\b(?:src|href)\s*=\s*["']?\s*(?P<url>(?:https?:)?//[^"'\s>]*)""", re.IGNORECASE
)
RESOURCE_REF = re.compile(
    r"""<(?:script|img|iframe|embed|source|audio|video|object)\b[^>]*?\bsrc\s*=\s*["']?\s*"""
    r"""(?:https?:)?//"""
    r"""|<link\b[^>]*?\bhref\s*=\s*["']?\s*(?:https?:)?//"""
    r"""|@import\s+(?:url\()?\s*["']?\s*(?:https?:)?//""",
    re.IGNORECASE,
)

TEXT = {
    "vi": {
        "title": "Báo cáo xây dựng nông thôn mới",
        "all_ok": "Tất cả các phần đã chạy thành công.",
        "some_failed": (
            "Có phần chạy bị lỗi; trang của phần đó hiển thị ô lệnh lỗi và thông báo lỗi."
        ),
        "full_report": "Toàn bộ báo cáo trên một trang",
        "notebook": "Phần",
        "status": "Trạng thái",
        "duration": "Thời gian chạy",
        "ok": "hoàn thành",
        "failed": "lỗi",
        "run_at": "Chạy từ",
        "version": "Phiên bản ntm-analysis",
        "not_executed": "Không chạy được sổ tính này",
        "output": "Kết quả",
        "headlines": "Số liệu chính",
        "quality": "Kiểm tra chất lượng số liệu",
        "errors": "lỗi",
        "warnings": "cảnh báo",
        "infos": "thông tin",
        "quality_page": "xem chi tiết",
        "kept": "giữ từ lần chạy",
    },
    "en": {
        "title": "New Rural Development report",
        "all_ok": "Every section ran successfully.",
        "some_failed": "Some sections failed; their pages show the failing cell and the error.",
        "full_report": "The whole report on one page",
        "notebook": "Section",
        "status": "Status",
        "duration": "Run time",
        "ok": "ok",
        "failed": "failed",
        "run_at": "Run from",
        "version": "ntm-analysis version",
        "not_executed": "This notebook could not be run",
        "output": "Output",
        "headlines": "Headline figures",
        "quality": "Data-quality checks",
        "errors": "errors",
        "warnings": "warnings",
        "infos": "info",
        "quality_page": "details",
        "kept": "kept from the run of",
    },
}


@dataclass
class RunOptions:
    """What `ntm-report run` was asked to do."""

    period: str
    data_dir: Path | str | None = None
    output_dir: Path | str | None = None  # None: `<data_dir>/../outputs`
    workers: int = 2
    only: list[str] | None = None  # notebook stems, with or without the number prefix
    lang: str = "vi"
    with_code: bool = False
    timeout: int = 600  # seconds per cell


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
    kept_from: str | None = None  # not run now (--only): page kept from the run of this time

    @property
    def ok(self) -> bool:
        return self.status == "ok"


@dataclass
class RunResult:
    """The outcome of a run: one result per notebook and where it was published."""

    period: str
    output_dir: Path
    notebooks: list[NotebookResult] = field(default_factory=list)
    started: str = ""
    finished: str = ""

    @property
    def ok(self) -> bool:
        """Every notebook run now succeeded (pages kept from an earlier run do not count)."""
        return all(nb.ok for nb in self.notebooks if nb.kept_from is None)

    @property
    def index(self) -> Path:
        return self.output_dir / "index.html"


@dataclass(frozen=True)
class _Job:
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


# --------------------------------------------------------------------------- notebooks


def notebooks_dir() -> Path:
    """The notebook folder: $NTM_NOTEBOOKS_DIR, else `notebooks/` beside the package."""
    env = os.environ.get(NOTEBOOKS_ENV)
    if env:
        return Path(env).resolve()
    return Path(ntm_analysis.__file__).resolve().parents[1] / "notebooks"


def discover_notebooks(notebooks_dir: Path) -> list[Path]:
    """The `NN_name.ipynb` notebooks of a folder, sorted (checkpoints and others ignored)."""
    folder = Path(notebooks_dir)
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.is_file() and NOTEBOOK_FILE.match(p.name))


def select_notebooks(notebooks: list[Path], only: list[str] | None) -> list[Path]:
    """The notebooks named in `only` (stem with or without its number), all when None."""
    if not only:
        return list(notebooks)
    by_name: dict[str, Path] = {}
    for path in notebooks:
        by_name[path.stem] = path
        by_name.setdefault(NOTEBOOK_FILE.match(path.name)["name"], path)
    chosen: list[Path] = []
    for name in only:
        key = name.removesuffix(".ipynb")
        if key not in by_name:
            raise InputError(
                f"unknown notebook {name!r}",
                expected=f"one of {[p.stem for p in notebooks]}",
            )
        if by_name[key] not in chosen:
            chosen.append(by_name[key])
    return sorted(chosen)


def notebook_title(path: Path, lang: str = "vi") -> str:
    """The notebook's section title in `lang` (metadata `ntm.title`), else its first Markdown
    heading, else a title made from its file name."""
    import nbformat

    nb = nbformat.read(path, as_version=4)
    titles = (nb.metadata.get("ntm") or {}).get("title") or {}
    if titles.get(lang):
        return str(titles[lang])
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        for line in cell.source.splitlines():
            if line.startswith("#"):
                return line.lstrip("#").strip()
    name = NOTEBOOK_FILE.match(path.name)["name"]
    return name.replace("_", " ").capitalize()


# --------------------------------------------------------------------------- HTML


def external_references(page: str) -> list[str]:
    """Every `src=`/`href=` of a page that points off the page (http(s):// or //)."""
    return [m["url"] for m in EXTERNAL_URL.finditer(page)]


def check_self_contained(page: str, name: str) -> None:
    """Raise RuntimeError when a page would load a script, style or image from the network."""
    hit = RESOURCE_REF.search(page)
    if hit:
        raise RuntimeError(f"{name} is not self-contained: it loads {hit.group(0)!r}")


def _hide_inputs(nb: Any, with_code: bool) -> Any:
    """A copy of `nb` whose code cells are tagged to hide their source, except failing ones."""
    nb = copy.deepcopy(nb)
    if with_code:
        return nb
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        failed = any(o.get("output_type") == "error" for o in cell.get("outputs", [])) or (
            cell.get("metadata", {}).get("papermill", {}).get("exception")
        )
        if not failed:
            tags = cell.setdefault("metadata", {}).setdefault("tags", [])
            if HIDE_INPUT_TAG not in tags:
                tags.append(HIDE_INPUT_TAG)
    return nb


def export_html(nb: Any, *, lang: str, with_code: bool, title: str, path: Path) -> str:
    """Render an executed notebook to one self-contained HTML page (no CDN, images inline).

    Code is hidden unless `with_code`; the source of a cell that raised stays visible.
    """
    from nbconvert import HTMLExporter
    from traitlets.config import Config

    config = Config()
    config.TagRemovePreprocessor.enabled = True
    config.TagRemovePreprocessor.remove_input_tags = {HIDE_INPUT_TAG}
    # a page speaks one language: cells tagged for the other language are dropped
    config.TagRemovePreprocessor.remove_cell_tags = {f"lang-{o}" for o in ("vi", "en") if o != lang}
    exporter = HTMLExporter(
        config=config,
        template_name=HTML_TEMPLATE,
        extra_template_basedirs=[str(TEMPLATES_DIR)],
    )
    exporter.exclude_input_prompt = True
    exporter.exclude_output_prompt = True
    exporter.embed_images = True  # Markdown images too; outputs are base64 already
    exporter.language_code = lang
    # The template drops these blocks; empty URLs make sure nothing points at a CDN anyway.
    exporter.require_js_url = ""
    exporter.mathjax_url = ""
    exporter.mermaid_js_url = ""
    exporter.mermaid_layout_elk_js_url = ""
    exporter.jupyter_widgets_base_url = ""
    nb = _hide_inputs(nb, with_code)
    nb.metadata["title"] = title
    body, _ = exporter.from_notebook_node(
        nb, resources={"metadata": {"name": title, "path": str(path)}}
    )
    check_self_contained(body, title)
    return body


def _failure_notebook(job: _Job, error_name: str | None, error_value: str | None) -> Any:
    """A one-cell notebook saying that `job` could not be run (nothing was executed)."""
    import nbformat

    text = TEXT[job.lang]
    message = html.escape(f"{error_name}: {error_value}" if error_name else str(error_value))
    return nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_markdown_cell(f"# {html.escape(job.title)}"),
            nbformat.v4.new_markdown_cell(
                f"**{text['not_executed']}** (`{job.source.name}`)\n\n<pre>{message}</pre>"
            ),
        ]
    )


# --------------------------------------------------------------------------- execution


# One kernel per worker process, reused from notebook to notebook: starting a kernel and
# importing pandas/matplotlib/the package is most of a notebook's run time. Between notebooks
# the user namespace is reset and figures closed, so a notebook cannot see another's
# variables; a kernel that timed out or died is replaced by a fresh one.
_KERNEL: Any = None
RESET_CODE = (
    "get_ipython().run_line_magic('reset', '-f')\n"
    "import matplotlib.pyplot as _plt\n_plt.close('all')\ndel _plt"
)


def _kernel(cwd: Path, sockets: Path | None = None) -> Any:
    """This worker's kernel, started on IPC transport (no TCP port) in `cwd` when needed."""
    global _KERNEL
    from jupyter_client.manager import AsyncKernelManager
    from jupyter_core.utils import run_sync

    # nbclient drives an async manager; a blocking one would make it ignore cell timeouts
    if _KERNEL is not None and run_sync(_KERNEL.is_alive)():
        client = _KERNEL.blocking_client()
        client.start_channels()
        try:
            client.wait_for_ready(timeout=60)
            client.execute_interactive(RESET_CODE, timeout=60, store_history=False)
            return _KERNEL
        except Exception:  # an unresponsive kernel is replaced below
            _shutdown_kernel()
        finally:
            client.stop_channels()
    socket_dir = Path(tempfile.mkdtemp(prefix="k-", dir=sockets))
    km = AsyncKernelManager(kernel_name=KERNEL_NAME, transport="ipc", ip=str(socket_dir / "k"))
    # kernel-level logs ("parent exited", socket errors while a run is being stopped) are
    # noise on the terminal; what a cell prints reaches the notebook through the protocol
    run_sync(km.start_kernel)(
        cwd=str(cwd),
        extra_arguments=["--HistoryManager.enabled=False"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    km.ntm_socket_dir = socket_dir
    pid = getattr(getattr(km, "provisioner", None), "pid", None)
    if pid:  # lets the run end this kernel if the worker is stopped before it can
        (socket_dir / "kernel.pid").write_text(str(pid))
    _KERNEL = km
    # worker processes end through multiprocessing (os._exit): atexit alone would not run
    atexit.register(_shutdown_kernel)
    multiprocessing.util.Finalize(None, _shutdown_kernel, exitpriority=10)
    return km


def _shutdown_kernel() -> None:
    """Stop this worker's kernel and remove its socket folder."""
    global _KERNEL
    km, _KERNEL = _KERNEL, None
    if km is None:
        return
    from jupyter_core.utils import run_sync

    with contextlib.suppress(Exception):
        run_sync(km.shutdown_kernel)(now=True)
    shutil.rmtree(getattr(km, "ntm_socket_dir", ""), ignore_errors=True)


def _execute(job: _Job) -> NotebookResult:
    """Execute one notebook with papermill and render its page (runs in a worker process)."""
    import nbformat
    import papermill
    from papermill.exceptions import PapermillExecutionError

    start = time.perf_counter()
    error_name: str | None = None
    error_value: str | None = None
    try:
        papermill.execute_notebook(
            str(job.source),
            str(job.executed),
            parameters=job.parameters,
            kernel_name=KERNEL_NAME,
            cwd=str(job.cwd),
            execution_timeout=job.timeout,
            progress_bar=False,
            log_output=False,
            km=_kernel(job.cwd, job.sockets),
        )
    except PapermillExecutionError as exc:
        error_name, error_value = exc.ename, exc.evalue
    except Exception as exc:  # timeout, dead kernel, unreadable notebook: record, go on
        error_name, error_value = type(exc).__name__, str(exc)
        _shutdown_kernel()  # never reuse a kernel that may still be busy or broken
    duration = time.perf_counter() - start
    executed = job.executed.is_file()
    try:
        nb = (
            nbformat.read(job.executed, as_version=4)
            if executed
            else _failure_notebook(job, error_name, error_value)
        )
        page = export_html(
            nb, lang=job.lang, with_code=job.with_code, title=job.title, path=job.cwd
        )
    except Exception as exc:  # an output nbconvert cannot render: the page says so
        if error_name is None:
            error_name, error_value = type(exc).__name__, f"HTML export: {exc}"
        page = export_html(
            _failure_notebook(job, error_name, error_value),
            lang=job.lang,
            with_code=False,
            title=job.title,
            path=job.cwd,
        )
    job.html.write_text(page, encoding="utf-8")
    return NotebookResult(
        name=job.source.stem,
        title=job.title,
        status="ok" if error_name is None else "failed",
        duration=round(duration, 3),
        error_name=error_name,
        error_value=error_value,
        html=job.html.name,
        executed=f"{job.executed.parent.name}/{job.executed.name}" if executed else None,
    )


def _execute_all(jobs: list[_Job], workers: int) -> list[NotebookResult]:
    """Run the jobs, `workers` at a time in separate processes, with a progress bar."""
    from tqdm import tqdm

    results: dict[Path, NotebookResult] = {}
    with tqdm(total=len(jobs), unit="notebook", file=sys.stderr, desc="notebooks") as bar:
        if workers <= 1 or len(jobs) <= 1:
            try:
                for job in jobs:
                    bar.set_postfix_str(job.source.stem)
                    results[job.source] = _execute(job)
                    bar.update()
            finally:
                _shutdown_kernel()
        else:
            executor = ProcessPoolExecutor(
                max_workers=min(workers, len(jobs)),
                mp_context=multiprocessing.get_context("spawn"),
            )
            try:
                futures = {executor.submit(_execute, job): job for job in jobs}
                for future in as_completed(futures):
                    job = futures[future]
                    results[job.source] = future.result()
                    bar.set_postfix_str(job.source.stem)
                    bar.update()
            except BaseException:
                _stop(executor)
                raise
            executor.shutdown(wait=True)
    return [results[job.source] for job in jobs]


def _end_kernels(sockets: Path) -> None:
    """Terminate the kernels the run's workers started, found by their pid files (only
    processes that still run an IPython kernel: a pid may have been reused)."""
    for pid_file in sockets.glob("*/kernel.pid"):
        with contextlib.suppress(OSError, ValueError):
            pid = int(pid_file.read_text())
            cmdline = Path(f"/proc/{pid}/cmdline")
            if cmdline.exists() and b"ipykernel" not in cmdline.read_bytes():
                continue
            os.kill(pid, signal.SIGTERM)


def _stop(executor: ProcessPoolExecutor) -> None:
    """Cancel what has not started and end the workers now (their kernels then exit too)."""
    processes = list((getattr(executor, "_processes", None) or {}).values())
    terminate = getattr(executor, "terminate_workers", None)  # Python 3.14+
    if terminate is not None:
        terminate()
    else:
        executor.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            if process.is_alive():
                process.terminate()
    for process in processes:  # nothing may write into the staging folder after this
        process.join(timeout=30)


# --------------------------------------------------------------------------- pages


def _combined_notebook(results: list[NotebookResult], folder: Path, title: str) -> Any:
    """All executed notebooks in one, each under a heading of its own."""
    import nbformat

    combined = nbformat.v4.new_notebook()
    for result in results:
        heading = f"# {result.title}"
        own_heading = False
        if result.executed is not None:
            nb = nbformat.read(folder / result.executed, as_version=4)
            own_heading = "ntm" in nb.metadata  # the package's pages print their own title
        if not own_heading:
            combined.cells.append(nbformat.v4.new_markdown_cell(heading))
        if result.executed is None:
            note = html.escape(f"{result.error_name}: {result.error_value}")
            combined.cells.append(nbformat.v4.new_markdown_cell(f"<pre>{note}</pre>"))
            continue
        if not combined.metadata:
            combined.metadata = copy.deepcopy(nb.metadata)
        skipped_title = False
        for cell in nb.cells:
            if (
                not skipped_title
                and cell.cell_type == "markdown"
                and cell.source.strip() == heading
            ):
                skipped_title = True
                continue
            cell = copy.deepcopy(cell)
            cell["id"] = uuid.uuid4().hex[:16]
            combined.cells.append(cell)
    combined.metadata["title"] = title
    return combined


def _render_index(context: dict[str, Any]) -> str:
    """The period's index page from `templates/index.html.j2` (all text escaped)."""
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES_DIR)),
        autoescape=True,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )
    return env.get_template("index.html.j2").render(**context)


def _version_of(package: str) -> str | None:
    try:
        return version(package)
    except PackageNotFoundError:
        return None


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


def _now() -> datetime:
    return datetime.now(timezone.utc).astimezone()


def _keep_previous(
    found: list[Path], results: list[NotebookResult], destination: Path, staging: Path
) -> list[NotebookResult]:
    """With --only, carry the pages of the notebooks not run over from the last published
    run, so a partial run does not drop them; they are marked as kept."""
    ran = {r.name: r for r in results}
    previous: dict[str, Any] = {}
    run_json = destination / "run.json"
    if run_json.is_file():
        with contextlib.suppress(ValueError, OSError):
            earlier = json.loads(run_json.read_text(encoding="utf-8"))
            previous = {
                nb["name"]: {**nb, "run": earlier.get("finished")}
                for nb in earlier.get("notebooks", [])
            }
    out = []
    for path in found:
        name = path.stem
        if name in ran:
            out.append(ran[name])
            continue
        old = previous.get(name)
        page = destination / f"{name}.html"
        if old is None or not page.is_file():
            continue
        shutil.copy2(page, staging / page.name)
        executed = old.get("executed")
        if executed and (destination / executed).is_file():
            shutil.copy2(destination / executed, staging / executed)
        else:
            executed = None
        out.append(
            NotebookResult(
                name=name,
                title=old.get("title", name),
                status=old.get("status", "ok"),
                duration=float(old.get("duration", 0.0)),
                error_name=old.get("error_name"),
                error_value=old.get("error_value"),
                html=page.name,
                executed=executed,
                kept_from=old.get("kept_from") or old.get("run") or "",
            )
        )
    return out


@contextlib.contextmanager
def period_lock(outputs: Path, period: str):
    """Refuse a second run of the same period into the same outputs while one is running."""
    try:
        import fcntl
    except ImportError:  # no POSIX locks (Windows): runs are not serialised
        yield
        return
    path = outputs / f".{period}.lock"
    with open(path, "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise RunLockedError(
                f"another run of period {period} is writing to {outputs} (lock {path.name}); "
                "wait for it to finish"
            ) from None
        try:
            yield
        finally:
            path.unlink(missing_ok=True)  # leave no lock file behind
            fcntl.flock(handle, fcntl.LOCK_UN)


def _publish(staging: Path, destination: Path) -> None:
    """Swap the rendered folder in place of `destination`; the old one is removed after."""
    staging.chmod(0o755)  # mkdtemp makes it private
    old: Path | None = None
    if destination.exists() or destination.is_symlink():
        old = destination.parent / f".{destination.name}.old-{uuid.uuid4().hex[:8]}"
        destination.rename(old)
    try:
        staging.rename(destination)
    except BaseException:
        if old is not None:
            old.rename(destination)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


# --------------------------------------------------------------------------- entry point


def run_report(options: RunOptions) -> RunResult:
    """Validate the period, run its notebooks, render the pages and publish them atomically.

    Raises InputError (nothing written) when the data, the period or an option is unusable.
    A notebook that fails does not stop the others; the result's `ok` is then False.
    """
    from ntm_analysis.dataset.paths import default_data_dir
    from ntm_analysis.dataset.period import load_period
    from ntm_analysis.quality import check_period, counts
    from ntm_analysis.report.overview import headline_figures

    started = _now()
    clock = time.perf_counter()
    if options.lang not in LANGS:
        raise InputError(f"unknown language {options.lang!r}", expected=f"one of {list(LANGS)}")
    if options.workers < 1:
        raise InputError(f"--workers {options.workers}", expected="1 or more")
    if options.timeout < 1:
        raise InputError(f"--timeout {options.timeout}", expected="1 second or more")
    data_dir = Path(options.data_dir or default_data_dir()).resolve()
    data = load_period(options.period, data_dir)
    period = data.period
    source_dir = notebooks_dir()
    found = discover_notebooks(source_dir)
    if not found:
        raise InputError(
            "no notebooks to run", path=source_dir, expected="files named NN_name.ipynb"
        )
    selected = select_notebooks(found, options.only)
    outputs = Path(options.output_dir) if options.output_dir else data_dir.parent / "outputs"
    outputs = outputs.resolve()
    outputs.mkdir(parents=True, exist_ok=True)
    destination = outputs / period
    text = TEXT[options.lang]
    label = data.label(options.lang)

    with period_lock(outputs, period):
        staging = Path(tempfile.mkdtemp(prefix=f".{period}.tmp-", dir=outputs))
        try:
            (staging / "executed").mkdir()
            parameters = {"period": period, "data_dir": str(data_dir), "lang": options.lang}
            jobs = [
                _Job(
                    source=path,
                    executed=staging / "executed" / path.name,
                    html=staging / f"{path.stem}.html",
                    title=notebook_title(path, options.lang),
                    parameters=parameters,
                    cwd=source_dir,
                    timeout=options.timeout,
                    lang=options.lang,
                    with_code=options.with_code,
                )
                for path in selected
            ]
            # kernel sockets live in one short folder of the run's own, removed whatever
            # happens (a worker ended by a signal cannot clean up after itself)
            sockets = Path(tempfile.mkdtemp(prefix="ntmk-"))
            jobs = [replace(job, sockets=sockets) for job in jobs]
            try:
                results = _execute_all(jobs, options.workers)
            except BaseException:
                _end_kernels(sockets)  # workers were stopped before they could shut them down
                raise
            finally:
                shutil.rmtree(sockets, ignore_errors=True)
            if options.only:
                results = _keep_previous(found, results, destination, staging)

            report_title = f"{text['title']} — {label}"
            combined = _combined_notebook(results, staging, report_title)
            (staging / "report.html").write_text(
                export_html(
                    combined,
                    lang=options.lang,
                    with_code=options.with_code,
                    title=report_title,
                    path=source_dir,
                ),
                encoding="utf-8",
            )

            quality_counts = counts(check_period(data))
            finished = _now()
            duration = round(time.perf_counter() - clock, 3)
            commit = git_commit()
            ok = all(r.ok for r in results if r.kept_from is None)
            index = _render_index(
                {
                    "lang": options.lang,
                    "t": text,
                    "period": period,
                    "period_label": label,
                    "ok": ok,
                    "report_href": "report.html",
                    "notebooks": results,
                    "started": started.isoformat(timespec="seconds"),
                    "finished": finished.isoformat(timespec="seconds"),
                    "duration": duration,
                    "version": ntm_analysis.__version__,
                    "commit": commit,
                    "headlines": headline_figures(data, options.lang),
                    "quality": quality_counts,
                }
            )
            (staging / "index.html").write_text(index, encoding="utf-8")

            run = {
                "period": period,
                "ok": ok,
                "parameters": {
                    **parameters,
                    "output_dir": str(outputs),
                    "workers": options.workers,
                    "only": options.only,
                    "with_code": options.with_code,
                    "timeout": options.timeout,
                    "notebooks_dir": str(source_dir),
                    "kernel_name": KERNEL_NAME,
                },
                "started": started.isoformat(timespec="seconds"),
                "finished": finished.isoformat(timespec="seconds"),
                "duration": duration,
                "notebooks": [asdict(r) for r in results],
                "data_checksums": dict(sorted(data.checksums.items())),
                "versions": {
                    "ntm_analysis": ntm_analysis.__version__,
                    "papermill": _version_of("papermill"),
                    "nbconvert": _version_of("nbconvert"),
                    "pandas": _version_of("pandas"),
                    "python": platform.python_version(),
                },
                "git_commit": commit,
            }
            (staging / "run.json").write_text(
                json.dumps(run, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
            )
            _publish(staging, destination)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise

    result = RunResult(
        period=period,
        output_dir=destination,
        notebooks=results,
        started=started.isoformat(timespec="seconds"),
        finished=finished.isoformat(timespec="seconds"),
    )
    width = max(len(r.name) for r in results)
    for r in results:
        status = "ok" if r.ok else "FAILED"
        error = f"  {r.error_name}: {_one_line(r.error_value)}" if not r.ok else ""
        print(f"{status:<6}  {r.name:<{width}}  {r.duration:7.1f} s{error}")
    print(f"{'report' if result.ok else 'report (with failures)'}: {result.index}")
    return result


def _one_line(text: str | None, limit: int = 120) -> str:
    line = " ".join((text or "").split())
    return line if len(line) <= limit else line[: limit - 1] + "…"
