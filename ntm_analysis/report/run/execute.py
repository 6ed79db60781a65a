"""Execute notebooks with papermill in worker processes and render each one's page."""

from __future__ import annotations

import multiprocessing
import os
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

from ntm_analysis.report.run import kernels
from ntm_analysis.report.run.model import KERNEL_NAME, Job, NotebookResult, Progress
from ntm_analysis.report.run.pages import export_html, failure_notebook


def execute(job: Job) -> NotebookResult:
    """Execute one notebook with papermill and render its page (runs in a worker process)."""
    # lazy: papermill (about 0.5 s) is loaded in the worker processes that execute notebooks
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
            km=kernels.kernel(job.cwd, job.sockets),
        )
    except PapermillExecutionError as exc:
        error_name, error_value = exc.ename, exc.evalue
    except Exception as exc:  # timeout, dead kernel, unreadable notebook: record, go on
        error_name, error_value = type(exc).__name__, str(exc)
        kernels.shutdown_kernel()  # never reuse a kernel that may still be busy or broken
    duration = time.perf_counter() - start
    executed = job.executed.is_file()

    def failure() -> object:
        return failure_notebook(job.title, job.source.name, job.lang, error_name, error_value)

    try:
        nb = nbformat.read(job.executed, as_version=4) if executed else failure()
        page = export_html(
            nb, lang=job.lang, with_code=job.with_code, title=job.title, path=job.cwd
        )
    except Exception as exc:  # an output nbconvert cannot render: the page says so
        if error_name is None:
            error_name, error_value = type(exc).__name__, f"HTML export: {exc}"
        page = export_html(failure(), lang=job.lang, with_code=False, title=job.title, path=job.cwd)
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
        ran_at=job.ran_at,
        input_key=job.input_key,
    )


def execute_all(
    jobs: list[Job], workers: int, progress: Progress | None = None
) -> list[NotebookResult]:
    """Run the jobs, `workers` at a time in separate processes; `progress` is called in this
    process as each notebook finishes."""
    results: dict[Path, NotebookResult] = {}
    total = len(jobs)

    def done(job: Job, result: NotebookResult) -> None:
        results[job.source] = result
        if progress is not None:
            progress(result, len(results), total)

    if not jobs:
        return []
    if workers <= 1 or len(jobs) <= 1:
        try:
            for job in jobs:
                done(job, execute(job))
        finally:
            kernels.shutdown_kernel()
        return [results[job.source] for job in jobs]
    executor = ProcessPoolExecutor(
        max_workers=min(workers, len(jobs)),
        mp_context=multiprocessing.get_context("spawn"),
        initializer=kernels.worker_init,
        initargs=(os.getpid(),),
    )
    try:
        futures = {executor.submit(execute, job): job for job in jobs}
        for future in as_completed(futures):
            done(futures[future], future.result())
    except BaseException:
        stop(executor)
        raise
    executor.shutdown(wait=True)
    return [results[job.source] for job in jobs]


def stop(executor: ProcessPoolExecutor) -> None:
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
