"""The `dask` executor of a batch: one `dask.distributed` task per period.

Each task runs `outcome.run_one` (that is `run_report`) in a worker process with one kernel, so
the pages, staging folder, lock and publish are those of a single local run. Without a
scheduler address a `LocalCluster` of `n_workers` processes with one thread each is started
here and closed on success, failure, Ctrl-C and SIGTERM (which the CLI turns into
KeyboardInterrupt). With an address, the tasks go to that cluster; on an interruption the
reports not yet started are cancelled, and one already running on a remote worker finishes
there (it still publishes atomically or not at all).
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import logging
import uuid
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from ntm_analysis.errors import InputError
from ntm_analysis.i18n import N_, t
from ntm_analysis.report.publish.run import kernels, publish
from ntm_analysis.report.publish.run.model import RunOptions
from ntm_analysis.report.publish.run.outcome import Outcome, run_one

CONNECT_TIMEOUT = "20s"


@contextlib.contextmanager
def quiet_dask_logs(level: int = logging.ERROR) -> Iterator[None]:
    """Dask's own loggers say less while a batch runs (the library prints nothing)."""
    loggers = [logging.getLogger(name) for name in ("distributed", "tornado", "asyncio")]
    before = [lg.level for lg in loggers]
    for lg in loggers:
        lg.setLevel(level)
    try:
        yield
    finally:
        for lg, old in zip(loggers, before, strict=True):
            lg.setLevel(old)


def task_key(period: str) -> str:
    return f"ntm-report-{period.replace('/', '-')}-{uuid.uuid4().hex[:8]}"


def worker_options(job: RunOptions) -> RunOptions:
    """What a Dask task runs: one kernel (the worker is the unit of parallelism), no
    callback into the client."""
    return replace(job, workers=1, progress=None)


def run_task(options: RunOptions) -> Outcome:
    """What a Dask task runs: `run_one` in a context of its own.

    Jupyter's clients keep their asyncio loop in a context variable. Dask copies the context
    of the worker's event-loop thread into every task, so two tasks running at once in two
    threads of one worker could share a loop and fail with "This event loop is already
    running". A fresh context gives each task its own loop, which is closed when it ends.
    """
    context = contextvars.Context()
    try:
        return context.run(run_one, options)
    finally:
        for value in list(context.values()):
            if isinstance(value, asyncio.AbstractEventLoop) and not value.is_running():
                value.close()
        asyncio.set_event_loop(None)


@contextlib.contextmanager
def dask_client(n_workers: int, scheduler: str | None) -> Iterator[Any]:
    """A Client of a new LocalCluster (closed on the way out), or of the cluster at
    `scheduler`. An unreachable scheduler is an InputError naming it."""
    # lazy: distributed, an optional heavy dependency, loads only for --executor dask
    from distributed import Client, LocalCluster

    if scheduler is not None:
        try:
            client = Client(scheduler, timeout=CONNECT_TIMEOUT, set_as_default=False)
        except (OSError, ValueError, TypeError) as exc:
            raise InputError(
                N_("không kết nối được bộ điều phối Dask {scheduler} ({reason})"),
                expected=N_("địa chỉ của một bộ điều phối đang chạy, ví dụ tcp://host:8786"),
                scheduler=scheduler,
                reason=exc,
            ) from None
        try:
            yield client
        finally:
            client.close()
        return
    cluster = LocalCluster(
        n_workers=n_workers,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
        silence_logs=logging.ERROR,
    )
    try:
        client = Client(cluster, set_as_default=False)
        try:
            yield client
        finally:
            client.close()
    finally:
        cluster.close()


def run_on_dask(
    jobs: list[RunOptions],
    n_workers: int,
    scheduler: str | None,
    done: Callable[[Outcome], None],
) -> None:
    """Submit one task per period and call `done` here as each report comes back."""
    # lazy: distributed, an optional heavy dependency, loads only for --executor dask
    from distributed import as_completed

    if not jobs:
        return
    local = scheduler is None
    with quiet_dask_logs():
        try:
            with dask_client(min(n_workers, len(jobs)), scheduler) as client:
                futures = {
                    client.submit(run_task, worker_options(job), key=task_key(job.key)): job
                    for job in jobs
                }
                try:
                    for future in as_completed(list(futures), loop=client.loop):
                        done(_outcome(future, futures[future]))
                except BaseException:
                    client.cancel(list(futures))
                    raise
        except BaseException:
            if local:
                _clean_after_stop(jobs)
            raise


def _outcome(future: Any, job: RunOptions) -> Outcome:
    """The outcome a task returned; a task that died with its worker is recorded as such."""
    try:
        return future.result()
    except Exception as exc:  # the worker was lost, or the task could not be sent
        error = t(
            job.lang, "tác vụ Dask bị lỗi: {name}: {error}", name=type(exc).__name__, error=exc
        )
        return Outcome(job.key, error=error)


def _clean_after_stop(jobs: list[RunOptions]) -> None:
    """After the LocalCluster was closed mid-run: remove the staging folders of its reports
    (each under its period's lock, now free) and the kernel socket folders of its workers."""
    for job in jobs:
        outputs = Path(str(job.output_dir))
        outputs = outputs / job.province if job.province else outputs
        with contextlib.suppress(Exception), publish.period_lock(outputs, job.period):
            publish.clean_stale_staging(outputs, job.period)
    with contextlib.suppress(Exception):
        kernels.clean_stale_sockets()  # folders whose run lock died with their worker
