"""Find the notebooks of a report, choose the ones asked for and read their titles."""

from __future__ import annotations

import os
import re
from pathlib import Path

import nbformat

import ntm_analysis
from ntm_analysis.errors import InputError
from ntm_analysis.i18n import N_

NOTEBOOKS_ENV = "NTM_NOTEBOOKS_DIR"
NOTEBOOK_FILE = re.compile(r"^(?P<number>\d{2})_(?P<name>[A-Za-z0-9][A-Za-z0-9_-]*)\.ipynb$")


def notebooks_dir(override: Path | str | None = None) -> Path:
    """The notebook folder: `override`, else $NTM_NOTEBOOKS_DIR, else `notebooks/` beside the
    package."""
    if override:
        return Path(override).expanduser().resolve()
    env = os.environ.get(NOTEBOOKS_ENV)
    if env:
        return Path(env).resolve()
    return Path(ntm_analysis.__file__).resolve().parents[1] / "notebooks"


def discover_notebooks(folder: Path) -> list[Path]:
    """The `NN_name.ipynb` notebooks of a folder, sorted (checkpoints and others ignored)."""
    folder = Path(folder)
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.is_file() and NOTEBOOK_FILE.match(p.name))


def find_notebooks(folder: Path) -> list[Path]:
    """Like `discover_notebooks`, but an unusable folder or one without notebooks is an
    InputError naming it."""
    if not folder.exists():
        raise InputError(N_("thư mục sổ tính không tồn tại"), path=folder)
    if not folder.is_dir():
        raise InputError(
            N_("không phải là thư mục"),
            path=folder,
            expected=N_("một thư mục chứa các tệp NN_name.ipynb"),
        )
    try:
        found = discover_notebooks(folder)
    except OSError as exc:
        raise InputError(
            N_("không đọc được thư mục ({reason})"), path=folder, reason=exc.strerror
        ) from None
    if not found:
        raise InputError(
            N_("không có sổ tính nào để chạy"),
            path=folder,
            expected=N_("các tệp có tên dạng NN_name.ipynb"),
        )
    return found


def select_notebooks(notebooks: list[Path], only: list[str] | None) -> list[Path]:
    """The notebooks named in `only`, all when None. A notebook is named by its stem
    (`04_a2_3_resources`), its name without number (`a2_3_resources`) or its number (`04`)."""
    if not only:
        return list(notebooks)
    by_name: dict[str, Path] = {}
    for path in notebooks:
        match = NOTEBOOK_FILE.match(path.name)
        by_name[path.stem] = path
        by_name.setdefault(match["name"], path)
        by_name.setdefault(match["number"], path)
    chosen: list[Path] = []
    for name in only:
        key = name.strip().removesuffix(".ipynb")
        if key.isdecimal() and key.isascii() and len(key) < 3:
            key = key.zfill(2)
        if key not in by_name:
            raise InputError(
                N_("không có sổ tính {name!r}"),
                expected=N_("một số thứ tự hoặc một trong {choices}"),
                name=name,
                choices=[p.stem for p in notebooks],
            )
        if by_name[key] not in chosen:
            chosen.append(by_name[key])
    return sorted(chosen)


def notebook_title(path: Path, lang: str = "vi") -> str:
    """The notebook's section title in `lang` (metadata `ntm.title`), else its first Markdown
    heading, else a title made from its file name."""
    try:
        nb = nbformat.read(path, as_version=4)
    except Exception as exc:  # unreadable JSON: the run records it as that notebook's failure
        raise InputError(N_("không đọc được sổ tính ({reason})"), path=path, reason=exc) from None
    titles = (nb.metadata.get("ntm") or {}).get("title") or {}
    if isinstance(titles, dict) and titles.get(lang):
        return str(titles[lang])
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        for line in cell.source.splitlines():
            if line.startswith("#"):
                return line.lstrip("#").strip()
    name = NOTEBOOK_FILE.match(path.name)["name"]
    return name.replace("_", " ").capitalize()
