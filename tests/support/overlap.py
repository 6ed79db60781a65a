"""Runs of 12 or more words that the project's Vietnamese texts share with a source report.

    .venv/bin/python -m tests.support.overlap SOURCE.txt [--words 12]

The source report is not part of the project (it is never read by the package or the tests):
pass its text file. Checked: every `vi` text of `data/periods/*/qualitative.yml` and every
Vietnamese template (`*vi.md.j2`, `*.vi.j2`, Jinja tags blanked). Names and titles of
documents, programmes and movements may be shared; ordinary sentences must not (issue 19).
"""

from __future__ import annotations

import argparse
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
JINJA = re.compile(r"\{[{%#].*?[}%#]\}", re.S)


def words(text: str) -> list[str]:
    """Lower-case words of `text` (NFC), punctuation dropped."""
    return re.findall(r"\w+", unicodedata.normalize("NFC", text).lower())


def shared(text: str, grams: set[tuple[str, ...]], n: int) -> list[str]:
    """The maximal runs of at least `n` words of `text` found in the source."""
    w, runs, i = words(text), [], 0
    while i <= len(w) - n:
        if tuple(w[i : i + n]) in grams:
            j = i + n
            while j < len(w) and tuple(w[j - n + 1 : j + 1]) in grams:
                j += 1
            runs.append(" ".join(w[i:j]))
            i = j
        else:
            i += 1
    return runs


def texts() -> Iterator[tuple[str, str]]:
    """(where, Vietnamese text) of the qualitative files and the templates."""
    for path in sorted(ROOT.glob("data/periods/*/qualitative.yml")):
        points = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for key, items in points.items():
            for n, item in enumerate(items or []):
                for field in ("title", "text"):
                    value = (item or {}).get(field) if isinstance(item, dict) else None
                    if isinstance(value, dict) and value.get("vi"):
                        yield f"{path.relative_to(ROOT)} {key}[{n}].{field}", value["vi"]
    for path in sorted(ROOT.glob("ntm_analysis/**/*vi.md.j2")) + sorted(
        ROOT.glob("ntm_analysis/**/*.vi.j2")
    ):
        yield str(path.relative_to(ROOT)), JINJA.sub(" ", path.read_text(encoding="utf-8"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path)
    parser.add_argument("--words", type=int, default=12)
    args = parser.parse_args()
    src = words(args.source.read_text(encoding="utf-8"))
    grams = {tuple(src[i : i + args.words]) for i in range(len(src) - args.words + 1)}
    count = 0
    for where, text in texts():
        for run in shared(text, grams, args.words):
            count += 1
            print(f"{where}: {run}")
    print(f"{count} shared runs of {args.words}+ words")


if __name__ == "__main__":
    main()
