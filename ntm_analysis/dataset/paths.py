"""Where the data lives: the data folder, its period folders (one province or several), and
what a valid reporting period is.

A data folder holds the periods of one province as `periods/<P>/` (the layout shipped), and
may hold other provinces beside them as `periods/<code>/<P>/` (`<code>`: the province's
two-digit GSO code), each with its year-end targets in `targets/<code>/<Y>.yml` instead of
`targets/<Y>.yml`. A period is the period of one province: `PeriodFolder` is where one lives;
"the previous period" is always the same province's (docs/period-cycle.md, "Several
provinces").

One confinement rule for every command: a path of the data folder is followed through
symbolic links only while it stays inside the data folder (the data folder itself may be a
link). `period_dir` resolves a period's folder for every command that reads or writes it, and
checks every entry under it; `reference_dir` does the same for `reference/`; `new_period_dir`
refuses to create a period where anything exists, a dangling link included. A command that
rewrites data never replaces a link a user made (`refuse_links`).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ntm_analysis.dataset.files import read_yaml
from ntm_analysis.dataset.reporting_period import PERIOD_PATTERN, Period
from ntm_analysis.errors import InputError, Message, PeriodError
from ntm_analysis.i18n import N_

DATA_DIR_ENV = "NTM_DATA_DIR"
PROVINCE_FOLDER = re.compile(r"^[0-9]{2}$")  # periods/<code>/: another province's periods


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


@dataclass(frozen=True)
class PeriodFolder:
    """Where one period of one province lives: `periods/<P>` (`nested` None) or
    `periods/<code>/<P>` (`nested` the province code)."""

    data_dir: Path
    period: str
    nested: str | None = None

    @property
    def folder(self) -> Path:
        root = self.data_dir / "periods"
        return (root / self.nested if self.nested else root) / self.period

    @property
    def targets_dir(self) -> Path:
        """The folder of the province's year-end targets (`targets/` or `targets/<code>/`)."""
        root = self.data_dir / "targets"
        return root / self.nested if self.nested else root

    @property
    def key(self) -> str:
        """The period's name, prefixed by its province's code when nested (`86/2021-06`)."""
        return f"{self.nested}/{self.period}" if self.nested else self.period

    def province(self) -> str | None:
        """The province code: the folder's when nested, else what period.yml names."""
        return self.nested or folder_province(self.folder)


def folder_province(folder: Path) -> str | None:
    """The `province` a period folder's period.yml names (None when it names none or cannot
    be read: loading the period reports why)."""
    try:
        meta = read_yaml(folder / "period.yml")
    except InputError:
        return None
    province = meta.get("province") if isinstance(meta, dict) else None
    return None if province is None else str(province)


def _period_names(root: Path) -> list[str]:
    if not root.is_dir():
        return []
    return sorted(p.name for p in root.iterdir() if p.is_dir() and PERIOD_PATTERN.match(p.name))


def nested_provinces(data_dir: str | Path) -> list[str]:
    """Codes of the provinces whose periods sit in `periods/<code>/`."""
    root = Path(data_dir) / "periods"
    if not root.is_dir():
        return []
    return sorted(p.name for p in root.iterdir() if p.is_dir() and PROVINCE_FOLDER.match(p.name))


def period_folders(data_dir: str | Path, province: str | None = None) -> list[PeriodFolder]:
    """Every period folder of the data folder (of `province` only, when given), in time order
    (`periods/<P>` before `periods/<code>/<P>` within a period)."""
    data_dir = Path(data_dir)
    found = [PeriodFolder(data_dir, p) for p in _period_names(data_dir / "periods")]
    for code in nested_provinces(data_dir):
        found += [
            PeriodFolder(data_dir, p, code) for p in _period_names(data_dir / "periods" / code)
        ]
    if province is not None:
        found = [
            f for f in found if f.nested == province or (f.nested is None and _flat_is(f, province))
        ]
    return sorted(found, key=lambda f: (f.period, f.nested or ""))


def _flat_is(place: PeriodFolder, province: str) -> bool:
    """A `periods/<P>` folder belongs to `province` when its period.yml names it, or names
    none and no `periods/<province>/` folder exists."""
    named = place.province()
    if named is not None:
        return named == province
    return province not in nested_provinces(place.data_dir)


def folder_provinces(data_dir: str | Path) -> list[str]:
    """The provinces whose periods the data folder holds (a flat period without a province
    counts as one unnamed province, "")."""
    codes = {f.province() or "" for f in period_folders(data_dir) if f.nested is None}
    return sorted(codes | set(nested_provinces(data_dir)))


def find_period(data_dir: str | Path, period: str, province: str | None = None) -> PeriodFolder:
    """The folder of `period` (of `province`, when given). PeriodError when there is none, or
    when several provinces have the period and no province is given."""
    period = check_period(period)
    places = [f for f in period_folders(data_dir, province) if f.period == period]
    if len(places) == 1:
        return places[0]
    if places:
        raise PeriodError(
            N_("kỳ {period} có ở {n} tỉnh trong thư mục dữ liệu: {provinces}"),
            path=Path(data_dir) / "periods",
            expected=N_("--province <mã tỉnh> để chọn một tỉnh"),
            period=period,
            n=len(places),
            provinces=", ".join(p.province() or "?" for p in places),
        )
    known = list_periods(data_dir, province)
    folder = PeriodFolder(
        Path(data_dir), period, province if province in nested_provinces(data_dir) else None
    )
    message = (
        Message(
            N_("không có dữ liệu của kỳ {period} của tỉnh có mã {province}"),
            period=period,
            province=province,
        )
        if province is not None
        else Message(N_("không có dữ liệu của kỳ {period}"), period=period)
    )
    raise PeriodError(
        message,
        path=folder.folder,
        expected=N_("một trong {known}") if known else N_("một thư mục data/periods/YYYY-MM"),
        known=known,
    )


def period_dir(data_dir: str | Path, period: str, province: str | None = None) -> Path:
    """The folder of a period (of `province`, when given), checked to stay inside the data
    folder with everything in it.

    PeriodError names the periods available when it is missing; InputError names an entry that
    leads outside the data folder. A folder that is a link (inside the data folder) is
    returned resolved, so a command that rewrites the period writes where the link points and
    the link stays.
    """
    folder = find_period(data_dir, period, province).folder
    confined_tree(folder, Path(data_dir))
    return folder.resolve() if folder.is_symlink() else folder


def list_periods(data_dir: str | Path, province: str | None = None) -> list[str]:
    """The names of the period folders (of `province`, when given), oldest first."""
    return sorted({f.period for f in period_folders(data_dir, province)})


def previous_period(
    data_dir: str | Path, period: str | Period, province: str | None = None
) -> str | None:
    """The latest period before `period` of the same province (`province`; without it, of
    the folder's only province), or None."""
    current = Period.parse(period)
    earlier = [p for p in list_periods(data_dir, province) if Period.parse(p) < current]
    return earlier[-1] if earlier else None


def place_for_new(data_dir: str | Path, period: str, province: str | None) -> PeriodFolder:
    """Where a new period of `province` goes: `periods/<P>` while the folder's `periods/<P>`
    folders hold no other province (a single-province folder stays as it is), else
    `periods/<province>/<P>`, beside the first province's."""
    data_dir = Path(data_dir)
    if province is None:
        return PeriodFolder(data_dir, period)
    if province in nested_provinces(data_dir):
        return PeriodFolder(data_dir, period, province)
    flat = [f.province() for f in period_folders(data_dir) if f.nested is None]
    if all(named in (None, province) for named in flat):
        return PeriodFolder(data_dir, period)
    return PeriodFolder(data_dir, period, province)


def new_period_dir(place: PeriodFolder) -> Path:
    """The folder of a new period (`place_for_new` says where): InputError when anything is
    there already (a folder, a file, a link, even one leading nowhere) or when its parent
    leads outside the data folder."""
    data_dir, period, folder = place.data_dir, check_period(place.period), place.folder
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


def period_files(
    data_dir: Path, folder: Path, year: int, targets_dir: Path | None = None
) -> tuple[list[Path], list[Path]]:
    """(files of the period folder, the reference data, the year's targets and the next
    year's (section C shows them), in checksum order; lock files found in the period folder).

    Every entry is checked to stay inside `data_dir`, and every file to be readable
    (InputError otherwise), before anything is read. Lock files are left out of the files:
    they are reported, not read.
    """
    entries = sorted(folder.iterdir())
    reference = sorted(reference_dir(data_dir).rglob("*"))
    targets_dir = targets_dir if targets_dir is not None else data_dir / "targets"
    targets = [targets_dir / f"{y}.yml" for y in (year, year + 1)]
    check_confined([folder, *entries, *[t for t in targets if t.exists()]], data_dir)
    locks = [p for p in entries if is_lock_file(p)]
    files = [p for p in entries if p.is_file() and not is_lock_file(p)]
    files += [p for p in reference if p.is_file() and p.suffix != ".py"]
    files += [t for t in targets if t.is_file()]
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
