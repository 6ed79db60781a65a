"""Where a run writes: the outputs folder, the period lock, staging and the atomic publish.

A run renders into a hidden staging folder `.<P>.tmp-*` beside the destination and swaps it
in at the end, so a failed or interrupted run leaves the last published output as it was.
Only a folder this tool made is ever replaced: one holding its `run.json` marker. Anything
else at `outputs/<P>` (a user's folder, a file, a symbolic link) is refused.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout

from ntm_analysis.errors import InputError, Message
from ntm_analysis.i18n import N_
from ntm_analysis.report.publish.run.model import RunLockedError

TOOL = "ntm-analysis"
SCHEMA = 2  # run.json layout; 1 was the layout before the marker existed


def prepare_outputs(outputs: Path) -> Path:
    """Create the outputs folder if needed; an unusable one is an InputError naming it."""
    if outputs.is_symlink() and not outputs.exists():
        raise InputError(
            N_("đường dẫn tắt (symbolic link) bị hỏng"),
            path=outputs,
            expected=N_("một thư mục ghi được"),
        )
    if outputs.exists() and not outputs.is_dir():
        raise InputError(
            N_("không phải là thư mục"),
            path=outputs,
            expected=N_("một thư mục ghi được để chứa kết quả"),
        )
    try:
        outputs.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(
            N_("không tạo được thư mục kết quả ({reason})"),
            path=outputs,
            expected=N_("một thư mục ghi được"),
            reason=exc.strerror or exc,
        ) from None
    return outputs


@contextlib.contextmanager
def period_lock(outputs: Path, period: str) -> Iterator[None]:
    """Refuse a second run of the same period into the same outputs while one is running.

    The lock file `.<P>.lock` stays in the outputs folder: removing it while locked would let
    a third run lock a new file of the same name.
    """
    path = Path(outputs) / f".{period}.lock"
    lock = FileLock(str(path), timeout=0)
    try:
        lock.acquire()
    except Timeout:
        raise RunLockedError(
            N_(
                "một lần chạy khác của kỳ {period} đang ghi vào {outputs} (khóa {lock}); "
                "hãy đợi lần chạy đó xong"
            ),
            period=period,
            outputs=outputs,
            lock=path.name,
        ) from None
    except OSError as exc:
        raise InputError(
            N_("không ghi được vào thư mục kết quả ({reason})"),
            path=outputs,
            expected=N_("một thư mục ghi được"),
            reason=exc.strerror or exc,
        ) from None
    try:
        yield
    finally:
        lock.release()


def read_marker(folder: Path) -> dict[str, Any] | None:
    """The run.json of a folder this tool published, None for anything else."""
    run_json = folder / "run.json"
    if folder.is_symlink() or not folder.is_dir() or run_json.is_symlink():
        return None
    try:
        if not run_json.is_file() or run_json.stat().st_size > 50_000_000:
            return None
        record = json.loads(run_json.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(record, dict) or not isinstance(record.get("notebooks"), list):
        return None
    if record.get("tool") == TOOL:
        return record
    versions = record.get("versions")  # published before the marker: same shape, no "tool"
    if isinstance(versions, dict) and "ntm_analysis" in versions and "period" in record:
        return record
    return None


def check_destination(destination: Path) -> dict[str, Any] | None:
    """The previous run's record when `destination` may be replaced, None when it is free.

    Anything at the destination that this tool did not make is an InputError: nothing is
    moved or deleted.
    """
    what = None
    if destination.is_symlink():
        what = N_("một đường dẫn tắt (symbolic link)")
    elif not destination.exists():
        return None
    elif not destination.is_dir():
        what = N_("một tệp")
    if what is None:
        record = read_marker(destination)
        if record is not None:
            return record
        try:
            empty = not any(destination.iterdir())
        except OSError:
            empty = False
        if empty:
            return None
        what = N_("một thư mục không do công cụ này tạo (không có run.json của ntm-analysis)")
    raise InputError(
        N_("nơi ghi kết quả là {what}; giữ nguyên, không thay đổi"),
        path=destination,
        expected=N_(
            "một đường dẫn chưa có, hoặc một thư mục báo cáo do ntm-report run tạo "
            "(chuyển nó đi nơi khác hoặc chọn --output-dir khác)"
        ),
        what=Message(what),
    )


def clean_stale_staging(outputs: Path, period: str) -> None:
    """Remove what killed runs of `period` left (call while holding the period lock): staging
    folders, and an old folder left mid-swap is put back when the destination is missing."""
    destination = outputs / period
    for old in sorted(outputs.glob(f".{period}.old-*")):
        if old.is_dir() and not old.is_symlink() and read_marker(old) is not None:
            if not destination.exists() and not destination.is_symlink():
                with contextlib.suppress(OSError):
                    old.rename(destination)
                    continue
            shutil.rmtree(old, ignore_errors=True)
    for staging in outputs.glob(f".{period}.tmp-*"):
        if staging.is_dir() and not staging.is_symlink():
            shutil.rmtree(staging, ignore_errors=True)


def new_staging(outputs: Path, period: str) -> Path:
    try:
        staging = Path(tempfile.mkdtemp(prefix=f".{period}.tmp-", dir=outputs))
        (staging / "executed").mkdir()
    except OSError as exc:
        raise InputError(
            N_("không ghi được vào thư mục kết quả ({reason})"),
            path=outputs,
            reason=exc.strerror or exc,
        ) from None
    return staging


def publish(staging: Path, destination: Path) -> None:
    """Swap the rendered folder in place of `destination`; the old one is removed after.

    The destination is checked again first: only a folder of ours, or an empty one, goes.
    """
    check_destination(destination)
    staging.chmod(0o755)  # mkdtemp makes it private
    old: Path | None = None
    if destination.is_dir():
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


def write_atomic(path: Path, text: str) -> None:
    """Write a text file through a temporary file and a rename (never half-written)."""
    handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.chmod(temp, 0o644)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
