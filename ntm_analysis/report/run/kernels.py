"""The kernel pool: one Jupyter kernel per worker process, reused from notebook to notebook.

Starting a kernel and importing pandas, matplotlib and the package is most of a notebook's
run time. Between notebooks the user namespace is reset and figures are closed, so a notebook
cannot see another's variables; a kernel that timed out or died is replaced by a fresh one.
The kernel belongs to the thread that started it: a Dask worker running two reports in two
threads gives each its own.

Nothing outlives the run: every kernel lives in one socket folder of the run's own (its
sockets, its connection file holding the key, its pid), each worker and each kernel is
signalled when its parent dies (Linux: PR_SET_PDEATHSIG; elsewhere workers watch the parent's
pid and ipykernel watches its parent), and a later run removes the folders of runs that were
killed before they could clean up (`clean_stale_sockets`).
"""

from __future__ import annotations

import atexit
import contextlib
import ctypes
import multiprocessing.util
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout

from ntm_analysis.report.run.model import KERNEL_NAME

SOCKETS_PREFIX = "ntmk-"
RUN_LOCK = "run.lock"  # held by the live run that owns a socket folder
RESET_CODE = (
    "get_ipython().run_line_magic('reset', '-f')\n"
    "import matplotlib.pyplot as _plt\n_plt.close('all')\ndel _plt"
)
_PR_SET_PDEATHSIG = 1
_OWN = threading.local()  # this thread's kernel: a Dask worker may run reports in threads


def _load_prctl() -> Any:
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None


_PRCTL = _load_prctl()  # resolved before any fork: a forked child only calls it


def die_with_parent(parent: int, sig: int = signal.SIGKILL) -> None:
    """Have the kernel send `sig` to this process when its parent ends (Linux); exit now if
    the parent `parent` is already gone."""
    if _PRCTL is not None:
        _PRCTL(_PR_SET_PDEATHSIG, int(sig), 0, 0, 0)
    if os.getppid() != parent:
        os._exit(1)


def _watch_parent(parent: int) -> None:
    """Fallback without prctl: end this process soon after its parent is gone."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, name="ntm-parent-watch", daemon=True).start()


def worker_init(parent: int) -> None:
    """Initializer of the worker processes: die with the main process."""
    die_with_parent(parent)
    _watch_parent(parent)


def new_sockets_folder() -> tuple[Path, Any]:
    """A private folder for the run's kernels and the lock that marks it as in use."""
    folder = Path(tempfile.mkdtemp(prefix=SOCKETS_PREFIX))
    lock = FileLock(str(folder / RUN_LOCK), timeout=0)
    lock.acquire()
    return folder, lock


def clean_stale_sockets(root: Path | None = None, min_age: float = 60.0) -> list[Path]:
    """Remove the socket folders of runs that are no longer alive (their lock is free), after
    ending any kernel still running from them. Returns the folders removed."""
    removed = []
    root = Path(root or tempfile.gettempdir())
    try:
        candidates = [p for p in root.glob(f"{SOCKETS_PREFIX}*") if p.is_dir()]
    except OSError:
        return removed
    for folder in candidates:
        try:
            if folder.stat().st_uid != os.getuid() or folder.is_symlink():
                continue
            lock_file = folder / RUN_LOCK
            if not lock_file.exists() and time.time() - folder.stat().st_mtime < min_age:
                continue  # being created by a run that has not locked it yet
            lock = FileLock(str(lock_file), timeout=0)
            try:
                with lock:
                    end_kernels(folder)
                    shutil.rmtree(folder, ignore_errors=True)
                    removed.append(folder)
            except Timeout:
                continue  # a live run holds it
        except OSError:
            continue
    return removed


def _kernel_preexec(parent: int) -> Any:
    def preexec() -> None:
        die_with_parent(parent, signal.SIGTERM)

    return preexec


def kernel(cwd: Path, sockets: Path | None = None) -> Any:
    """This worker thread's kernel, started on IPC transport (no TCP port) in `cwd` when needed."""
    # lazy: jupyter_client loads only in the worker processes that start kernels
    from jupyter_client.manager import AsyncKernelManager
    from jupyter_core.utils import run_sync

    # nbclient drives an async manager; a blocking one would make it ignore cell timeouts
    current = getattr(_OWN, "km", None)
    if current is not None and run_sync(current.is_alive)():
        client = current.blocking_client()
        client.start_channels()
        try:
            client.wait_for_ready(timeout=60)
            client.execute_interactive(RESET_CODE, timeout=60, store_history=False)
            return current
        except Exception:  # an unresponsive kernel is replaced below
            shutdown_kernel()
        finally:
            client.stop_channels()
    socket_dir = Path(tempfile.mkdtemp(prefix="k-", dir=sockets))
    km = AsyncKernelManager(
        kernel_name=KERNEL_NAME,
        transport="ipc",
        ip=str(socket_dir / "k"),
        connection_file=str(socket_dir / "kernel.json"),  # the key goes with the folder
    )
    # kernel-level logs ("parent exited", socket errors while a run is being stopped) are
    # noise on the terminal; what a cell prints reaches the notebook through the protocol
    run_sync(km.start_kernel)(
        cwd=str(cwd),
        extra_arguments=["--HistoryManager.enabled=False"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        preexec_fn=_kernel_preexec(os.getpid()) if os.name == "posix" else None,
    )
    km.ntm_socket_dir = socket_dir
    pid = getattr(getattr(km, "provisioner", None), "pid", None)
    if pid:  # lets the run end this kernel if the worker is stopped before it can
        (socket_dir / "kernel.pid").write_text(str(pid))
    _OWN.km = km
    # worker processes end through multiprocessing (os._exit): atexit alone would not run
    atexit.register(shutdown_kernel)
    multiprocessing.util.Finalize(None, shutdown_kernel, exitpriority=10)
    return km


def shutdown_kernel() -> None:
    """Stop this thread's kernel and remove its socket folder."""
    km, _OWN.km = getattr(_OWN, "km", None), None
    if km is None:
        return
    # lazy: jupyter_client loads only in the worker processes that start kernels
    from jupyter_core.utils import run_sync

    with contextlib.suppress(Exception):
        run_sync(km.shutdown_kernel)(now=True)
    shutil.rmtree(getattr(km, "ntm_socket_dir", ""), ignore_errors=True)


def end_kernels(sockets: Path) -> None:
    """Terminate the kernels started under `sockets`, found by their pid files (only processes
    that still run an IPython kernel: a pid may have been reused)."""
    for pid_file in Path(sockets).glob("*/kernel.pid"):
        with contextlib.suppress(OSError, ValueError):
            pid = int(pid_file.read_text())
            cmdline = Path(f"/proc/{pid}/cmdline")
            if cmdline.exists() and b"ipykernel" not in cmdline.read_bytes():
                continue
            os.kill(pid, signal.SIGTERM)
