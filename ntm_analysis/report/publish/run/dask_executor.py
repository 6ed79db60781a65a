"""The `dask` executor of a batch: one `dask.distributed` task per period.

Each task runs `outcome.run_one` (that is `run_report`) in a worker process with one kernel, so
the pages, staging folder, lock and publish are those of a single local run. Without a
scheduler address a `LocalCluster` of `n_workers` processes with one thread each is started
here and closed on success, failure, Ctrl-C and SIGTERM (which the CLI turns into
KeyboardInterrupt). With an address, the tasks go to that cluster; on an interruption the
reports not yet started are cancelled, and one already running on a remote worker finishes
there (it still publishes atomically or not at all).

An address is checked before a Client is made (`check_address`, then `probe_scheduler`): its
scheme and port, then a connection and an `identity` request answered by a scheduler, all
within CONNECT_TIMEOUT. distributed's own handshake has no time limit (an HTTP server given as
the scheduler hangs it), and a Client that fails in its constructor waits twice its timeout
when it is collected and prints a traceback; the probe avoids both.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import contextvars
import logging
import uuid
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from ntm_analysis.errors import InputError, Message
from ntm_analysis.i18n import N_, t
from ntm_analysis.report.publish.run import kernels, publish
from ntm_analysis.report.publish.run.model import RunOptions
from ntm_analysis.report.publish.run.outcome import Outcome, run_one

CONNECT_TIMEOUT = 10  # seconds to connect to a scheduler and hear it answer
SCHEMES = ("tcp", "tls", "ws", "wss")  # how a scheduler on another machine is reached
EXPECTED = N_("địa chỉ của một bộ điều phối đang chạy, ví dụ tcp://host:8786")


def check_address(address: str) -> str:
    """The scheduler address with its scheme (`host:8786` → `tcp://host:8786`); InputError
    for an address no scheduler of another process can have (an unknown scheme, `inproc://`,
    no host or port)."""
    text = address.strip()
    scheme, sep, rest = text.partition("://")
    if not sep:
        scheme, rest = "tcp", text
    host, _, port = rest.rpartition(":")
    if scheme.lower() == "inproc" and in_this_process(text):
        return text  # a cluster made by the calling Python program (tests, notebooks)
    if scheme.lower() not in SCHEMES:
        raise InputError(
            N_("địa chỉ bộ điều phối Dask {scheduler} dùng giao thức {scheme!r}, không hỗ trợ"),
            expected=N_("một trong {schemes}: {example}"),
            scheduler=address,
            scheme=scheme,
            schemes=", ".join(f"{s}://" for s in SCHEMES),
            example=Message(EXPECTED),
        )
    if not host.strip("[]") or not port.isdigit() or not 0 < int(port) < 65536:
        raise InputError(
            N_("địa chỉ bộ điều phối Dask {scheduler} thiếu máy hoặc cổng"),
            expected=EXPECTED,
            scheduler=address,
        )
    return f"{scheme.lower()}://{rest}"


def in_this_process(address: str) -> bool:
    """An `inproc://` address a scheduler of this very process listens on (a command line
    never has one: another process's in-process cluster cannot be reached)."""
    # lazy: distributed, an optional heavy dependency, loads only for --executor dask
    from distributed.comm.inproc import global_manager

    try:
        return global_manager.get_listener_for(address.removeprefix("inproc://")) is not None
    except ValueError:  # not an address inproc could ever have (`inproc://x`)
        return False


async def _identity(address: str, timeout: float) -> Any:
    """What the server at `address` answers to Dask's `identity` request."""
    # lazy: distributed, an optional heavy dependency, loads only for --executor dask
    from distributed.comm import connect
    from distributed.security import Security

    args = Security().get_connection_args("client")
    comm = await asyncio.wait_for(connect(address, timeout=timeout, **args), timeout)
    try:
        await asyncio.wait_for(comm.write({"op": "identity", "reply": True}), timeout)
        return await asyncio.wait_for(comm.read(), timeout)
    finally:
        comm.abort()


def probe_scheduler(address: str, timeout: float | None = None) -> None:
    """InputError unless a Dask scheduler answers at `address` within `timeout` seconds (in a
    thread of its own, so a caller's running event loop is not disturbed)."""
    if address.startswith("inproc://"):
        return  # check_address found it listening in this process
    timeout = CONNECT_TIMEOUT if timeout is None else timeout
    reason: str | Message = ""
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        future = pool.submit(asyncio.run, _identity(address, timeout))
        try:
            reply = future.result()
        except (asyncio.TimeoutError, TimeoutError):
            reply, reason = None, Message(N_("không trả lời trong {n} giây"), n=timeout)
        except MemoryError:  # bytes read as a frame's length: not Dask's protocol
            reply, reason = None, Message(N_("câu trả lời không theo giao thức của Dask"))
        except Exception as exc:  # garbage read as a handshake: any error
            reply, reason = None, f"{type(exc).__name__}: {exc}"[:300]
    if isinstance(reply, dict) and reply.get("type") == "Scheduler":
        return
    if reply is not None:
        reason = f"type={reply.get('type')!r}" if isinstance(reply, dict) else repr(reply)[:80]
    raise InputError(
        N_("{scheduler} không phải một bộ điều phối Dask đang chạy ({reason})"),
        expected=EXPECTED,
        scheduler=address,
        reason=reason,
    )


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
        failure = None
        try:
            client = Client(
                check_address(scheduler), timeout=f"{CONNECT_TIMEOUT}s", set_as_default=False
            )
        except (OSError, ValueError, TypeError) as exc:
            failure = str(exc)  # raised below, so the half-made Client is not kept alive
        if failure is not None:
            raise InputError(
                N_("không kết nối được bộ điều phối Dask {scheduler} ({reason})"),
                expected=EXPECTED,
                scheduler=scheduler,
                reason=failure,
            )
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
