"""Find the notebooks of a report, choose the ones asked for and read their titles."""

from __future__ import annotations

import os
import re
from pathlib import Path

import nbformat

import ntm_analysis
from ntm_analysis.dataset.outline import Outline
from ntm_analysis.errors import InputError
from ntm_analysis.i18n import N_, t

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
    return project_notebooks()


def project_notebooks() -> Path:
    """The project's own `notebooks/` folder (beside the package)."""
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


def plan_pages(
    outline: Outline | None, folder: Path, *, complete: bool = True, lang: str = "vi"
) -> tuple[list[Path], list[str]]:
    """The notebooks of `folder` to render, in the outline's order, then the notebooks the
    outline does not name (rendered as analyst pages); and warnings naming the notebooks the
    outline does not name and, when the folder should be `complete` (the project's own), the
    outline's pages it lacks. InputError when the folder is unusable or holds no notebook."""
    found = find_notebooks(folder)
    if outline is None:
        return found, []
    by_name = {p.name: p for p in found}
    ordered = [by_name[page.notebook] for page in outline.pages if page.notebook in by_name]
    missing = [page.notebook for page in outline.pages if page.notebook not in by_name]
    extra = [p for p in found if p not in ordered]
    warnings = []
    if missing and complete:
        warnings.append(
            t(
                lang,
                "{folder}: không có sổ tính cho các trang {names} của dàn ý báo cáo "
                "(data/reference/sections.yml)",
                folder=folder,
                names=", ".join(missing),
            )
        )
    if extra:
        warnings.append(
            t(
                lang,
                "các sổ tính không có trong dàn ý báo cáo, được hiển thị như trang phân tích: "
                "{names}",
                names=", ".join(p.name for p in extra),
            )
        )
    return ordered + extra, warnings


def page_title(outline: Outline | None, path: Path, lang: str = "vi") -> str:
    """A page's title: its number and short title from the outline, else the notebook's own
    (`notebook_title`)."""
    if outline is not None:
        for page in outline.pages:
            if page.notebook == path.name:
                return page.title(lang)
    return notebook_title(path, lang)


def page_audience(outline: Outline | None, name: str) -> str:
    """`report` for a page the outline sends with the report, else `analyst` (a notebook the
    outline does not name included). `name` is the notebook's file name or stem."""
    return outline.audience_of(name) if outline is not None else "analyst"


def select_notebooks(
    notebooks: list[Path], only: list[str] | None, outline: Outline | None = None
) -> list[Path]:
    """The notebooks named in `only` (all when None), in the order of `notebooks`. A notebook
    is named by a section key it renders (`a2_3`), its stem (`04_a2_3_resources`), its name
    without number (`a2_3_resources`) or its number (`04`)."""
    if not only:
        return list(notebooks)
    by_name: dict[str, Path] = {}
    for path in notebooks:
        match = NOTEBOOK_FILE.match(path.name)
        by_name[path.stem] = path
        by_name.setdefault(match["name"], path)
        by_name.setdefault(match["number"], path)
    if outline is not None:
        paths = {p.name: p for p in notebooks}
        for page in outline.pages:
            if page.notebook in paths:
                for entry in page.entries:
                    by_name.setdefault(entry.key, paths[page.notebook])
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
    return [p for p in notebooks if p in chosen]


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
