"""Where the data lives, and what a valid reporting period is.

One confinement rule for every command: a path of the data folder is followed through
symbolic links only while it stays inside the data folder (the data folder itself may be a
link). `period_dir` resolves a period's folder for every command that reads or writes it, and
checks every entry under it; `reference_dir` does the same for `reference/`; `new_period_dir`
refuses to create a period where anything exists, a dangling link included. A command that
rewrites data never replaces a link a user made (`refuse_links`).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from ntm_analysis.dataset.reporting_period import PERIOD_PATTERN, Period
from ntm_analysis.errors import InputError, Message, PeriodError
from ntm_analysis.i18n import N_

DATA_DIR_ENV = "NTM_DATA_DIR"


def default_data_dir() -> Path:
    """The data folder: $NTM_DATA_DIR, else a `data/` with `periods/` above the working
    directory, else the `data/` beside the installed package's source tree."""
    env = os.environ.get(DATA_DIR_ENV)
    if env:
        return Path(env)
    here = Path.cwd().resolve()
    for folder in (here, *here.parents):
        candidate = folder / "data"
        if (candidate / "periods").is_dir():
            return candidate
    return Path(__file__).resolve().parents[2] / "data"


def check_period(period: str | Period) -> str:
    """The name of `period` if it is `YYYY-MM` with a real month, else raise PeriodError."""
    return str(Period.parse(period))


def period_dir(data_dir: str | Path, period: str) -> Path:
    """The folder of a period, checked to stay inside the data folder with everything in it.

    PeriodError names the periods available when it is missing; InputError names an entry that
    leads outside the data folder. A folder that is a link (inside the data folder) is
    returned resolved, so a command that rewrites the period writes where the link points and
    the link stays.
    """
    period = check_period(period)
    root = Path(data_dir) / "periods"
    folder = root / period
    if not folder.is_dir():
        known = list_periods(data_dir)
        raise PeriodError(
            N_("không có dữ liệu của kỳ {period}"),
            path=folder,
            expected=N_("một trong {known}") if known else N_("một thư mục data/periods/YYYY-MM"),
            period=period,
            known=known,
        )
    confined_tree(folder, Path(data_dir))
    return folder.resolve() if folder.is_symlink() else folder


def new_period_dir(data_dir: str | Path, period: str) -> Path:
    """Where a new period's folder goes: InputError when anything is there already (a folder,
    a file, a link, even one leading nowhere) or when `periods/` leads outside the data
    folder."""
    period = check_period(period)
    folder = Path(data_dir) / "periods" / period
    if folder.exists() or folder.is_symlink():
        what = N_("một đường dẫn tắt") if folder.is_symlink() else N_("một thư mục hoặc tệp")
        raise InputError(
            N_("kỳ {period} đã có ({what}); chưa ghi gì"),
            path=folder,
            expected=N_("một kỳ mới (không bao giờ ghi đè dữ liệu đã có)"),
            period=period,
            what=Message(what),
        )
    if folder.parent.exists():
        confined(folder.parent, Path(data_dir))
    return folder


def reference_dir(data_dir: str | Path) -> Path:
    """`reference/` of the data folder, checked to stay inside it with everything in it."""
    folder = Path(data_dir) / "reference"
    return confined_tree(folder, Path(data_dir)) if folder.exists() else folder


def list_periods(data_dir: str | Path) -> list[str]:
    """Period folders under `data_dir/periods`, oldest first."""
    root = Path(data_dir) / "periods"
    if not root.is_dir():
        return []
    return sorted(p.name for p in root.iterdir() if p.is_dir() and PERIOD_PATTERN.match(p.name))


def previous_period(data_dir: str | Path, period: str | Period) -> str | None:
    """The latest period folder of `data_dir` before `period`, or None."""
    current = Period.parse(period)
    earlier = [p for p in list_periods(data_dir) if Period.parse(p) < current]
    return earlier[-1] if earlier else None


def confined(path: Path, root: Path, what: str | Message | None = None) -> Path:
    """`path` if it resolves (symlinks followed) to a place inside `root`; else InputError.

    Everything the loader reads must stay inside the data folder: a symlink in it that
    points elsewhere, or a name with `..` that climbs out, is refused, not followed.
    """
    what = Message(N_("thư mục dữ liệu")) if what is None else what
    try:
        resolved, top = Path(path).resolve(), Path(root).resolve()
    except (OSError, RuntimeError) as exc:  # a symlink loop
        raise InputError(
            N_("không xác định được đường dẫn ({reason})"), path=path, reason=exc
        ) from None
    if not resolved.is_relative_to(top):
        raise InputError(
            N_("trỏ ra ngoài {what} (đến {resolved})"),
            path=path,
            expected=N_("một tệp nằm trong {top} (đường dẫn tắt không được trỏ ra ngoài)"),
            what=what,
            resolved=resolved,
            top=top,
        )
    return path


def check_confined(paths: Iterable[Path], root: Path) -> None:
    """`confined` for each path."""
    for path in paths:
        confined(path, root)


def confined_tree(folder: Path, root: Path) -> Path:
    """`folder` if it and every entry under it (links to folders not entered) resolve inside
    `root`; else InputError naming the first entry that leads outside."""
    confined(folder, root)
    if folder.is_dir():
        check_confined(sorted(folder.rglob("*")), root)
    return folder


def refuse_links(paths: Iterable[Path], root: Path) -> None:
    """InputError naming the first of `paths` (or entry under one) that is a symbolic link:
    a command that rewrites these files would replace the user's link by a file."""
    for path in paths:
        found = [path] if path.is_symlink() else []
        if path.is_dir() and not path.is_symlink():
            found = sorted(p for p in path.rglob("*") if p.is_symlink())
        if found:
            raise InputError(
                N_("là một đường dẫn tắt (symbolic link); lệnh này sẽ ghi đè nó bằng một tệp"),
                path=found[0],
                expected=N_("một tệp thật trong {root}: thay đường dẫn tắt bằng một bản sao"),
                root=root,
            )


def is_lock_file(path: Path) -> bool:
    """An office suite's lock file (`~$annex_pl03.xlsx` from Excel, `.~lock.…#` from
    LibreOffice): present while a file is open, often unreadable, never data."""
    return path.name.startswith(("~$", ".~lock."))


def period_files(data_dir: Path, folder: Path, year: int) -> tuple[list[Path], list[Path]]:
    """(files of the period folder, the reference data and the year's targets, in checksum
    order; lock files found in the period folder).

    Every entry is checked to stay inside `data_dir`, and every file to be readable
    (InputError otherwise), before anything is read. Lock files are left out of the files:
    they are reported, not read.
    """
    entries = sorted(folder.iterdir())
    reference = sorted(reference_dir(data_dir).rglob("*"))
    targets = data_dir / "targets" / f"{year}.yml"
    check_confined([folder, *entries, *([targets] if targets.exists() else [])], data_dir)
    locks = [p for p in entries if is_lock_file(p)]
    files = [p for p in entries if p.is_file() and not is_lock_file(p)]
    files += [p for p in reference if p.is_file() and p.suffix != ".py"]
    if targets.is_file():
        files.append(targets)
    for path in files:  # no read permission, or an I/O error: said now, naming the file
        readable(path)
    return files, locks


def readable(path: Path) -> Path:
    """`path` if it can be opened for reading; else InputError naming it and why."""
    try:
        with open(path, "rb"):
            pass
    except OSError as exc:
        raise InputError(
            N_("không đọc được tệp ({reason})"), path=path, reason=exc.strerror or exc
        ) from None
    return path
