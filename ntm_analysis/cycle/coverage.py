"""Which workbooks a period was filled from: `periods/<P>/imports.yml`, written by every import.

A district's workbook covers that district from then on: the province workbook's values for
it are set aside in later imports too, until `import --replace` starts the period again
(docs/period-cycle.md, "Who owns what").
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from pydantic import Field

from ntm_analysis.cycle.rows import data_note
from ntm_analysis.cycle.tables import write_yaml
from ntm_analysis.dataset.files import read_yaml_document, sha256_of
from ntm_analysis.dataset.models import Strict, validate_document

IMPORTS_FILE = "imports.yml"


class ImportedFile(Strict):
    """One workbook of an import: its file name, scope (province or district code), hash."""

    file: str
    scope: str
    sha256: str


class ImportEntry(Strict):
    """One import: when, whether it started the period again, its workbooks."""

    at: str
    replace: bool = False
    files: list[ImportedFile]
    wrote: list[str] = Field(default_factory=list)  # files outside the folder it wrote


class ImportsFile(Strict):
    imports: list[ImportEntry] = Field(default_factory=list)


def read_imports(folder: Path) -> list[ImportEntry]:
    """The imports recorded for a period (none before its first)."""
    path = folder / IMPORTS_FILE
    if not path.is_file():
        return []
    return validate_document(ImportsFile, read_yaml_document(path)).imports


def covered_districts(entries: list[ImportEntry], province: str) -> set[str]:
    """The districts whose own workbook was imported (since the last `--replace`)."""
    covered: set[str] = set()
    for entry in entries:
        if entry.replace:
            covered = set()
        covered |= {f.scope for f in entry.files if f.scope != province}
    return covered


def new_entry(
    files: list[tuple[Path, str]], replace: bool, data_dir: Path, wrote: list[Path]
) -> ImportEntry:
    """The record of this import: (workbook, scope) of each file, the files it writes outside
    the period folder (next year's targets)."""
    return ImportEntry(
        at=datetime.now().isoformat(timespec="seconds"),
        replace=replace,
        files=[ImportedFile(file=p.name, scope=s, sha256=sha256_of(p)) for p, s in files],
        wrote=[p.relative_to(data_dir).as_posix() for p in wrote],
    )


def write_imports(path: Path, entries: list[ImportEntry]) -> None:
    document = ImportsFile(imports=entries).model_dump()
    write_yaml(
        document,
        path,
        data_note(
            "Workbooks imported into this period by ntm-report import, oldest first "
            "(docs/period-cycle.md)."
        ),
    )
