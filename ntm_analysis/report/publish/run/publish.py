"""Where a run writes: the outputs folder, the period lock, staging and the atomic publish.

A run renders into a hidden staging folder `.<P>.tmp-*` beside the destination and swaps it
in at the end, so a failed or interrupted run leaves the last published output as it was.
Only a folder this tool made is ever replaced: one holding its `run.json` marker. Anything
else at `outputs/<P>` (a user's folder, a file, a symbolic link) is refused.

A run never deletes a file it did not write (`manifest`): the files a user added to a
published folder are carried into the new one, and the run refuses to replace a file of its
own that was changed since. The staging cleanup removes only folders holding the marker file
a run writes into its staging folder, and the outputs folder may not lie inside the data
folder.
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
from ntm_analysis.i18n import N_, t
from ntm_analysis.report.publish.run import manifest
from ntm_analysis.report.publish.run.model import RunLockedError

TOOL = "ntm-analysis"
SCHEMA = 2  # run.json layout; 1 was the layout before the marker existed
STAGING_MARKER = ".ntm-staging"  # in every staging folder a run makes; nothing else is cleaned
INDEX_LOCK = ".index.lock"


def inside_data(outputs: Path, data_dir: Path) -> None:
    """Refuse an outputs folder inside (or equal to) the data folder, links resolved."""
    try:
        out, data = outputs.resolve(), Path(data_dir).resolve()
    except (OSError, RuntimeError):
        return  # a loop: prepare_outputs names the problem
    if out == data or out.is_relative_to(data):
        raise InputError(
            N_("thư mục kết quả nằm trong thư mục dữ liệu {data}"),
            path=outputs,
            expected=N_("một --output-dir ngoài thư mục dữ liệu (mặc định: outputs/ bên cạnh)"),
            data=data,
        )


def check_lock_file(path: Path) -> None:
    """A lock file must be a regular file (or absent): a link or anything else is refused."""
    if path.is_symlink() or (path.exists() and not path.is_file()):
        raise InputError(
            N_("tệp khóa không phải tệp thông thường (có thể là đường dẫn tắt)"),
            path=path,
            expected=N_("xóa nó đi; ntm-report tự tạo lại tệp khóa"),
        )


def prepare_outputs(outputs: Path, data_dir: Path | None = None) -> Path:
    """Create the outputs folder if needed; an unusable one (or one inside `data_dir`) is an
    InputError naming it."""
    if data_dir is not None:
        inside_data(outputs, data_dir)
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
    check_lock_file(outputs / INDEX_LOCK)
    return outputs


@contextlib.contextmanager
def period_lock(outputs: Path, period: str) -> Iterator[None]:
    """Refuse a second run of the same period into the same outputs while one is running.

    The lock file `.<P>.lock` stays in the outputs folder: removing it while locked would let
    a third run lock a new file of the same name.
    """
    path = Path(outputs) / f".{period}.lock"
    check_lock_file(path)
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
            check_changed(destination, record)
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


def check_changed(destination: Path, record: dict[str, Any]) -> None:
    """Refuse to replace a published folder whose files of the run's own were changed since
    (an edited page, a document saved over): the new run would lose the change."""
    changed = manifest.inventory(destination, record).changed
    if changed:
        raise InputError(
            N_("{count} tệp do ntm-report ghi đã bị sửa sau lần chạy trước: {files}"),
            path=destination,
            expected=N_(
                "chuyển các tệp đó đi nơi khác hoặc đổi tên chúng; lần chạy mới sẽ ghi lại chúng"
            ),
            count=len(changed),
            files=", ".join(changed[:20]),
        )


def is_staging(folder: Path) -> bool:
    """A staging folder a run made: a real folder holding the run's marker file."""
    marker = folder / STAGING_MARKER
    if folder.is_symlink() or not folder.is_dir() or marker.is_symlink() or not marker.is_file():
        return False
    try:
        return marker.read_text(encoding="utf-8", errors="replace")[:64].startswith(TOOL)
    except OSError:
        return False


def clean_stale_staging(outputs: Path, period: str) -> None:
    """Tidy what killed runs of `period` left (call while holding the period lock).

    Staging folders are removed only when they hold the marker a run writes. A replaced folder
    left mid-swap (`.P.old-*`) is put back when the destination is missing; otherwise the
    user's files in it are carried into the destination, and it is removed only when nothing
    but the run's own unchanged files remains.
    """
    destination = outputs / period
    for old in sorted(outputs.glob(f".{period}.old-*")):
        record = read_marker(old)
        if record is None:
            continue  # not a folder this tool published: not ours to touch
        if not destination.exists() and not destination.is_symlink():
            with contextlib.suppress(OSError):
                old.rename(destination)
                continue
        if read_marker(destination) is not None:
            manifest.carry(old, destination, manifest.inventory(old, record).user)
        manifest.retire(old, record)
    for staging in outputs.glob(f".{period}.tmp-*"):
        if is_staging(staging):
            shutil.rmtree(staging, ignore_errors=True)


def new_staging(outputs: Path, period: str) -> Path:
    """A new staging folder for `period`, holding the marker that lets a later run clean it."""
    try:
        staging = Path(tempfile.mkdtemp(prefix=f".{period}.tmp-", dir=outputs))
        (staging / STAGING_MARKER).write_text(f"{TOOL} staging {os.getpid()}\n", encoding="utf-8")
        (staging / "executed").mkdir()
    except OSError as exc:
        raise InputError(
            N_("không ghi được vào thư mục kết quả ({reason})"),
            path=outputs,
            reason=exc.strerror or exc,
        ) from None
    return staging


def publish(staging: Path, destination: Path) -> list[str]:
    """Swap the rendered folder in place of `destination`; returns the user's entries carried
    over from the folder it replaces (files the run did not write).

    The destination is checked again first: only a folder of ours, or an empty one, goes. The
    staging folder's files are recorded in its run.json (the manifest) before the swap.
    """
    previous = check_destination(destination)
    user = manifest.inventory(destination, previous).user if previous is not None else []
    taken = [rel for rel in user if (staging / rel).exists() or (staging / rel).is_symlink()]
    if taken:
        raise InputError(
            N_("tệp của người dùng trùng tên với tệp ntm-report ghi: {files}"),
            path=destination,
            expected=N_("đổi tên các tệp đó rồi chạy lại; không tệp nào bị thay"),
            files=", ".join(taken[:20]),
        )
    (staging / STAGING_MARKER).unlink(missing_ok=True)
    manifest.add_manifest(staging, skip=())
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
    if old is None or previous is None:
        return []
    kept = manifest.carry(old, destination, user)
    manifest.retire(old, previous)
    return kept


def kept_warning(lang: str, destination: Path, kept: list[str]) -> str:
    """The warning naming the user's files a run carried into the new folder."""
    return t(
        lang,
        "{destination}: giữ nguyên {count} tệp không do ntm-report ghi: {files}",
        destination=destination,
        count=len(kept),
        files=", ".join(kept[:20]) + (" …" if len(kept) > 20 else ""),
    )


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
