"""Skip notebooks whose inputs have not changed since the last published run.

A notebook's input key hashes everything its page depends on: the notebook's content (and the
other files of its folder), the data files' content hashes (the period, its baseline, the
reference tables and the year's targets), the package's version and source, the versions of
the libraries that render it, and the parameters. A notebook whose key equals the one recorded
in the last published run.json, and which succeeded then, is not executed again: its page and
executed notebook are copied from that run.
"""

from __future__ import annotations

import hashlib
import json
import platform
import shutil
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TYPE_CHECKING, Any

import ntm_analysis
from ntm_analysis.dataset.paths import PeriodFolder, period_folders
from ntm_analysis.report.publish.run.model import NotebookResult

if TYPE_CHECKING:
    from ntm_analysis.dataset.period import PeriodData

CHUNK = 1 << 20
LIBRARIES = ("papermill", "nbconvert", "nbformat", "ipykernel", "pandas", "matplotlib", "babel")


def sha256_file(path: Path) -> str:
    """Hex SHA-256 of a file, read 1 MB at a time."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def version_of(package: str) -> str | None:
    try:
        return version(package)
    except PackageNotFoundError:
        return None


def package_fingerprint() -> str:
    """One hash of the package's source files (code, templates, data files it ships)."""
    root = Path(ntm_analysis.__file__).resolve().parent
    digest = hashlib.sha256(ntm_analysis.__version__.encode())
    for path in sorted(root.rglob("*")):
        if "__pycache__" in path.parts or not path.is_file() or path.suffix == ".pyc":
            continue
        digest.update(str(path.relative_to(root)).encode() + b"\0")
        digest.update(sha256_file(path).encode())
    return digest.hexdigest()


def folder_fingerprint(folder: Path) -> str:
    """Hash of the files beside the notebooks that are not notebooks (helpers they may read)."""
    digest = hashlib.sha256()
    for path in sorted(folder.iterdir()):
        if path.is_file() and path.suffix != ".ipynb" and not path.name.startswith("."):
            digest.update(path.name.encode() + b"\0" + sha256_file(path).encode())
    return digest.hexdigest()


def data_fingerprint(data: PeriodData) -> dict[str, str]:
    """The content hashes of every data file the period (and its baseline) was read from, and
    of the files its pages may read besides: every target file of the province (next year's
    `targets/<Y+1>.yml` in section C) and every period folder of the province (the series
    page, the previous period's comparisons)."""
    sums = dict(data.checksums)
    if data.baseline is not None:
        sums.update(data.baseline.checksums)
    sums.update(_side_inputs(data))
    return dict(sorted(sums.items()))


def _side_inputs(data: PeriodData) -> dict[str, str]:
    """{path relative to the data folder: hash} of the province's targets and period folders
    (hidden files such as `.history/` and lock files left out)."""
    root = Path(data.data_dir)
    places = period_folders(root, data.series_province)
    folders = [p.folder for p in places]
    folders.append(PeriodFolder(root, data.period, data.nested).targets_dir)
    out = {}
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(folder.iterdir()):
            if path.is_file() and not path.name.startswith("."):
                out[path.relative_to(root).as_posix()] = sha256_file(path)
    return out


def input_key(
    notebook: Path, common: dict[str, Any], parameters: dict[str, Any], with_code: bool
) -> str:
    """The key of one notebook's inputs; `common` holds what every notebook shares."""
    record = {
        "notebook": sha256_file(notebook),
        "parameters": parameters,
        "with_code": with_code,
        **common,
    }
    return hashlib.sha256(json.dumps(record, sort_keys=True).encode()).hexdigest()


def common_inputs(data: PeriodData, notebooks: Path) -> dict[str, Any]:
    return {
        "data": data_fingerprint(data),
        "package": package_fingerprint(),
        "folder": folder_fingerprint(notebooks),
        "versions": {name: version_of(name) for name in LIBRARIES},
        "python": platform.python_version(),
    }


def report_key(
    results: list[NotebookResult], title: str, lang: str, with_code: bool, package: str
) -> str:
    """The key of the combined report page: the pages it is made of and how it is shown."""
    parts = [(r.name, r.title, r.status, r.input_key or r.ran_at or "") for r in results]
    record = [parts, title, lang, with_code, package]
    return hashlib.sha256(json.dumps(record).encode()).hexdigest()


def _entries(previous: dict[str, Any] | None) -> dict[str, dict[str, Any]]:
    """The notebooks of a previous run.json by name (entries that are not objects skipped)."""
    notebooks = (previous or {}).get("notebooks")
    if not isinstance(notebooks, list):
        return {}
    return {nb["name"]: nb for nb in notebooks if isinstance(nb, dict) and "name" in nb}


def reuse(
    path: Path,
    title: str,
    key: str,
    previous: dict[str, Any] | None,
    destination: Path,
    staging: Path,
) -> NotebookResult | None:
    """The previous result of notebook `path` copied into `staging` when its key matches and
    it succeeded, else None (the notebook is executed)."""
    if not previous:
        return None
    old = _entries(previous).get(path.stem)
    if not old or old.get("input_key") != key or old.get("status") != "ok":
        return None
    page = destination / f"{path.stem}.html"
    executed = old.get("executed")
    if executed != f"executed/{path.name}":  # only the run's own file, wherever run.json says
        return None
    if not page.is_file() or not (destination / executed).is_file():
        return None
    shutil.copy2(page, staging / page.name)
    shutil.copy2(destination / executed, staging / executed)
    return NotebookResult(
        name=path.stem,
        title=title,
        status="ok",
        duration=float(old.get("duration", 0.0)),
        html=page.name,
        executed=executed,
        reused_from=old.get("ran_at") or previous.get("finished") or "",
        ran_at=old.get("ran_at") or previous.get("finished"),
        input_key=key,
    )


def keep_previous(
    found: list[Path],
    results: list[NotebookResult],
    previous: dict[str, Any] | None,
    destination: Path,
    staging: Path,
) -> list[NotebookResult]:
    """With --only, carry the pages of the notebooks not selected over from the last published
    run, so a partial run does not drop them; they are marked as kept."""
    ran = {r.name: r for r in results}
    earlier = _entries(previous)
    out = []
    for path in found:
        name = path.stem
        if name in ran:
            out.append(ran[name])
            continue
        old = earlier.get(name)
        page = destination / f"{name}.html"
        if old is None or not page.is_file():
            continue
        shutil.copy2(page, staging / page.name)
        executed = old.get("executed")
        if executed == f"executed/{path.name}" and (destination / executed).is_file():
            shutil.copy2(destination / executed, staging / executed)
        else:
            executed = None
        ran_at = old.get("ran_at") or old.get("kept_from") or (previous or {}).get("finished")
        out.append(
            NotebookResult(
                name=name,
                title=old.get("title", name),
                status=old.get("status", "ok"),
                duration=float(old.get("duration", 0.0)),
                error_name=old.get("error_name"),
                error_value=old.get("error_value"),
                html=page.name,
                executed=executed,
                kept_from=ran_at or "",
                ran_at=ran_at,
                input_key=old.get("input_key"),
            )
        )
    return out
