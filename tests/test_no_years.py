"""No identifier or string literal of the package names a year or a period: periods are data.

Docstrings and comments may mention years (the AST drops comments; docstrings are skipped).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "ntm_analysis"

# A year 19xx/20xx standing alone (digits may not touch it; `_2021`, `2021-09` match) or a
# YYYY-MM period.
YEAR = re.compile(r"(?<![0-9])(?:19|20)[0-9]{2}(?![0-9])")

# Files other branches are cleaning up: "path relative to the package: reason". The lead drops
# an entry when the branch that owns the file has merged.
ALLOWED: dict[str, str] = {}


def _docstrings(tree: ast.AST) -> set[int]:
    """ids of the string constants that are docstrings (or other bare string statements)."""
    return {
        id(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Expr)
        and isinstance(node.value, ast.Constant)
        and isinstance(node.value.value, str)
    }


def years_in(source: str) -> list[tuple[int, str]]:
    """(line, text) of every identifier, attribute, argument name or string literal naming a
    year; docstrings excluded."""
    tree = ast.parse(source)
    skip = _docstrings(tree)
    hits: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        texts: list[str] = []
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip:
            texts.append(node.value)
        elif isinstance(node, ast.Name):
            texts.append(node.id)
        elif isinstance(node, ast.Attribute):
            texts.append(node.attr)
        elif isinstance(node, ast.arg):
            texts.append(node.arg)
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            texts.append(node.name)
        elif isinstance(node, ast.keyword) and node.arg:
            texts.append(node.arg)
        elif isinstance(node, ast.alias):
            texts.append(node.asname or node.name)
        hits += [(getattr(node, "lineno", 0), t) for t in texts if YEAR.search(t)]
    return hits


def test_detector_finds_years_and_skips_docstrings():
    source = '''
"""Module docstring about 2021."""
registered_2021 = 1
x = "2021-09"
def f(period_2020):
    """Docstring 2020."""
    return obj.value_1999 + int("12") + 2021  # comment 2021
y = f"as of {x} 2030"
z = "v1.2.3 code 120210"
'''
    found = [text for _, text in years_in(source)]
    assert "registered_2021" in found and "2021-09" in found and "period_2020" in found
    assert "value_1999" in found and any("2030" in t for t in found)
    assert not any("Docstring" in t or "docstring" in t for t in found)
    assert "v1.2.3 code 120210" not in found and "12" not in found


def test_no_year_in_package_code():
    problems = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE).as_posix()
        if relative in ALLOWED:
            continue
        problems += [
            f"{relative}:{line}: {text!r}"
            for line, text in years_in(path.read_text(encoding="utf-8"))
        ]
    assert not problems, "years in code (put them in data/):\n" + "\n".join(problems)


def test_allow_list_names_existing_files():
    assert all((PACKAGE / name).is_file() for name in ALLOWED)
