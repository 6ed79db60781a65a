"""A period's history: every import first keeps the period as it was, `import --undo` puts it
back; and the period lock every import (and undo) takes.

`periods/<P>/.history/<stamp>/` holds a copy of every file of the period folder (`period/`), a
copy of each file outside it that the import may replace (next year's targets, under
`outside/`, or the note that it did not exist yet), and `snapshot.yml`: when, by which command,
from which workbooks. Snapshots are never pruned by the tool: delete old ones by hand when they
are no longer wanted (docs/period-cycle.md).

The period folder is replaced as a whole (`swap_in`): the new tables are written into a hidden
copy beside it, which takes the folder's place in two renames; `.history/` moves along, and if
the new folder does not load, the old one comes back.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

from filelock import FileLock, Timeout
from pydantic import Field

from ntm_analysis.cycle.tables import staging, write_yaml
from ntm_analysis.dataset.files import read_yaml_document
from ntm_analysis.dataset.models import Strict, validate_document
from ntm_analysis.errors import InputError
from ntm_analysis.i18n import N_

HISTORY = ".history"
RECORD = "snapshot.yml"
PERIOD_FILES = "period"
OUTSIDE_FILES = "outside"


class OutsideFile(Strict):
    """A file outside the period folder that the import may write, as it was before."""

    path: str  # relative to the data folder, e.g. targets/2022.yml
    existed: bool


class Snapshot(Strict):
    """`snapshot.yml`: what a snapshot keeps."""

    created: str
    action: str  # the command that was about to change the period
    workbooks: list[str] = Field(default_factory=list)
    had_imports: bool = False  # the period had been imported into before (imports.yml)
    outside: list[OutsideFile] = Field(default_factory=list)


class PeriodLockedError(InputError):
    """Another import (or undo) of the same period is running."""


@contextlib.contextmanager
def period_lock(folder: Path) -> Iterator[None]:
    """Refuse a second import of the same period while one runs (exit 2, naming the lock).

    The lock file `.<P>.lock` sits beside the period folder, which an import replaces; it
    stays there (removing it while held would let a third import lock a new file).
    """
    path = folder.parent / f".{folder.name}.lock"
    folder.parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(path), timeout=0)
    try:
        lock.acquire()
    except Timeout:
        raise PeriodLockedError(
            N_("một lần nhập khác của kỳ {period} đang chạy (khóa {lock}); hãy đợi lần đó xong"),
            path=path,
            period=folder.name,
            lock=path.name,
        ) from None
    except OSError as exc:
        raise InputError(
            N_("không ghi được vào thư mục dữ liệu ({reason})"),
            path=folder.parent,
            reason=exc.strerror or exc,
        ) from None
    try:
        yield
    finally:
        lock.release()


def _stamp() -> str:
    """A name for a snapshot that sorts in time (local time, to the microsecond)."""
    return datetime.now().strftime("%Y-%m-%dT%H-%M-%S.%f")


def period_entries(folder: Path) -> list[Path]:
    """The files of a period folder a snapshot keeps (not hidden ones, not lock files)."""
    return sorted(
        p
        for p in folder.iterdir()
        if p.is_file() and not p.name.startswith((".", "~$")) and not p.is_symlink()
    )


def save(
    folder: Path, data_dir: Path, action: str, workbooks: list[str], outside: list[Path]
) -> Path:
    """Keep the period as it is now in `.history/<stamp>/`; returns the snapshot's folder."""
    target = folder / HISTORY / _stamp()
    (target / PERIOD_FILES).mkdir(parents=True)
    for path in period_entries(folder):
        shutil.copy2(path, target / PERIOD_FILES / path.name)
    kept = []
    for path in outside:
        relative = path.relative_to(data_dir)
        kept.append(OutsideFile(path=relative.as_posix(), existed=path.is_file()))
        if path.is_file():
            copy = target / OUTSIDE_FILES / relative
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, copy)
    record = Snapshot(
        created=datetime.now().isoformat(timespec="seconds"),
        action=action,
        workbooks=workbooks,
        had_imports=(folder / "imports.yml").is_file(),
        outside=kept,
    )
    write_yaml(record.model_dump(), target / RECORD)
    return target


def snapshots(folder: Path) -> list[Path]:
    """The period's snapshots, oldest first."""
    root = folder / HISTORY
    if not root.is_dir():
        return []
    return sorted(p for p in root.iterdir() if p.is_dir() and (p / RECORD).is_file())


def read_record(snapshot: Path) -> Snapshot:
    """The snapshot's `snapshot.yml`, validated (InputError naming its line)."""
    return validate_document(Snapshot, read_yaml_document(snapshot / RECORD))


def before_imports(folder: Path) -> Path | None:
    """The latest snapshot taken before the period's first import (its scaffold), or None."""
    found = [s for s in snapshots(folder) if not read_record(s).had_imports]
    return found[-1] if found else None


def swap_in(staged: Path, folder: Path, check: Callable[[], None] | None = None) -> None:
    """Put `staged` in the place of `folder`, `.history/` moving along; if `check` raises,
    the old folder (with its history) comes back."""
    backup = folder.with_name(f".{folder.name}.previous")
    if backup.exists():
        shutil.rmtree(backup)
    os.rename(folder, backup)
    os.rename(staged, folder)
    if (backup / HISTORY).is_dir():
        os.rename(backup / HISTORY, folder / HISTORY)
    try:
        if check is not None:
            check()
    except BaseException:
        if (folder / HISTORY).is_dir():
            os.rename(folder / HISTORY, backup / HISTORY)
        shutil.rmtree(folder, ignore_errors=True)
        os.rename(backup, folder)
        raise
    shutil.rmtree(backup, ignore_errors=True)


def restore_outside(snapshot: Path, record: Snapshot, data_dir: Path) -> None:
    """Put back the files outside the period folder as the snapshot found them."""
    for item in record.outside:
        path = data_dir / item.path
        if item.existed:
            path.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(snapshot / OUTSIDE_FILES / item.path, path)
        else:
            path.unlink(missing_ok=True)


def undo(folder: Path, data_dir: Path, check: Callable[[], None] | None = None) -> Snapshot:
    """Restore the period (and the files outside it) as the latest snapshot kept them, then
    drop that snapshot; returns its record. InputError when there is nothing to undo."""
    kept = snapshots(folder)
    if not kept:
        raise InputError(
            N_("kỳ {period} chưa có lần nhập nào để hoàn tác"),
            path=folder / HISTORY,
            expected=N_("một lần 'ntm-report import' trước đó"),
            period=folder.name,
        )
    latest = kept[-1]
    record = read_record(latest)
    with staging(folder.parent, folder.name) as staged:
        for path in sorted((latest / PERIOD_FILES).iterdir()):
            shutil.copy2(path, staged / path.name)
        swap_in(staged, folder, check)
    restore_outside(latest, record, data_dir)
    shutil.rmtree(folder / HISTORY / latest.name)
    return record
