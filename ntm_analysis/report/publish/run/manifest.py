"""What a published folder holds: the files the run wrote (the manifest in `run.json`), and
everything else, which is the user's.

A run writes the SHA-256 of every file it publishes into `run.json` (`files`). When the period
is published again, each entry of the folder is one of:

- a file the run wrote, unchanged: replaced by the new run;
- a file the run wrote that was changed since (a page edited, a document saved over): the new
  run would lose the change, so it is refused before anything runs (exit 2, naming the files);
- anything else (a note, a signed PDF, a folder): the user's, carried into the new folder
  unchanged and named in a warning.

A folder published before the manifest existed lists its files through its notebooks and
extra outputs only; their content was not recorded, so they count as unchanged.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ntm_analysis.dataset.limits import HASH_CHUNK

MANIFEST = "files"
RECORD = "run.json"
EXECUTED = "executed"


def sha256(path: Path) -> str:
    """Hex SHA-256 of a file, read in chunks."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(HASH_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def files_of(folder: Path, skip: tuple[str, ...] = (RECORD,)) -> dict[str, str]:
    """Every regular file under `folder` (no link followed), by path relative to it (`/`),
    with its SHA-256; `skip` names files left out."""
    found = {}
    for root, dirs, names in os.walk(folder):
        dirs.sort()
        for name in sorted(names):
            path = Path(root) / name
            rel = path.relative_to(folder).as_posix()
            if rel not in skip and path.is_file() and not path.is_symlink():
                found[rel] = sha256(path)
    return found


def written(record: dict[str, Any]) -> dict[str, str | None]:
    """The files a published run wrote, by relative path, with their SHA-256 (None when the
    record predates the manifest and only names them)."""
    manifest = record.get(MANIFEST)
    if isinstance(manifest, dict):
        return {str(k): str(v) for k, v in manifest.items()}
    names = ["index.html", "report.html"]
    for entry in record.get("notebooks") or []:
        if isinstance(entry, dict):
            names += [str(entry[k]) for k in ("html", "executed") if entry.get(k)]
    for extra in record.get("extra_outputs") or []:
        if isinstance(extra, dict) and extra.get("file"):
            names.append(str(extra["file"]))
    return dict.fromkeys(names)


@dataclass
class Inventory:
    """A published folder's entries that are not the run's own unchanged files."""

    user: list[str] = field(default_factory=list)  # not written by the tool: files, folders
    changed: list[str] = field(default_factory=list)  # written by the tool, changed since


def _parents(paths: list[str]) -> set[str]:
    return {"/".join(p.split("/")[:i]) for p in paths for i in range(1, p.count("/") + 1)}


def _changed(path: Path, digest: str | None) -> bool:
    """A file of the run that is no longer the regular file, with the content, it wrote."""
    if path.is_symlink() or not path.is_file():
        return True
    return digest is not None and sha256(path) != digest


def inventory(folder: Path, record: dict[str, Any]) -> Inventory:
    """Sort `folder`'s entries against the run's manifest (`record`): the user's entries (a
    folder holding none of the run's files counts as one entry) and the run's changed files."""
    ours = written(record)
    folders = _parents(list(ours)) | {EXECUTED}  # made by every run, even when left empty
    found = Inventory()
    for root, dirs, names in os.walk(folder):
        base = Path(root)
        for name in sorted(dirs):
            rel = (base / name).relative_to(folder).as_posix()
            if rel not in folders or (base / name).is_symlink():
                found.user.append(rel)
                dirs.remove(name)  # the user's folder goes whole
        for name in sorted(names):
            path = base / name
            rel = path.relative_to(folder).as_posix()
            if rel == RECORD:
                continue
            if rel not in ours:
                found.user.append(rel)
            elif _changed(path, ours[rel]):
                found.changed.append(rel)
    found.user.sort()
    return found


def add_manifest(staging: Path, skip: tuple[str, ...]) -> None:
    """Record every file of `staging` (but run.json and `skip`) in its run.json."""
    path = staging / RECORD
    record = json.loads(path.read_text(encoding="utf-8"))
    record[MANIFEST] = files_of(staging, skip=(RECORD, *skip))
    path.write_text(json.dumps(record, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def carry(old: Path, new: Path, entries: list[str]) -> list[str]:
    """Move the user's `entries` from `old` into `new` (same relative paths); returns those
    moved. An entry whose place is taken in `new`, or that cannot be moved, stays in `old`."""
    moved = []
    for rel in entries:
        source, target = old / rel, new / rel
        if target.exists() or target.is_symlink():
            continue
        with contextlib.suppress(OSError):
            target.parent.mkdir(parents=True, exist_ok=True)
            os.rename(source, target)
            moved.append(rel)
    return moved


def retire(old: Path, record: dict[str, Any]) -> bool:
    """Remove a replaced folder when it holds nothing but the run's unchanged files; True if
    removed. Anything else in it (a file added during the swap) keeps the folder where it is."""
    left = inventory(old, record)
    if left.user or left.changed:
        return False
    shutil.rmtree(old, ignore_errors=True)
    return True
