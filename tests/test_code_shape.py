"""Small pieces: no function of the package over 60 lines and no module over 400 lines.

A function may be longer when its `def` line carries the reason: `def f(...):  # long: <why>`
(the comment may sit on any line of the signature). Lengths count the lines from `def` (or its
first decorator) to the last line of the body, docstring included.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "ntm_analysis"
MAX_FUNCTION_LINES = 60
MAX_MODULE_LINES = 400
LONG = "# long:"

# Folders (relative to the package) not measured yet: "folder: reason". The lead removes an
# entry when the branch restructuring that folder has merged.
NOT_YET: dict[str, str] = {
    "report": "being split by concern (issue 16, point 2)",
}


def _measured(path: Path) -> bool:
    relative = path.relative_to(PACKAGE).as_posix()
    return not any(relative.startswith(folder + "/") for folder in NOT_YET)


def long_functions(source: str, limit: int = MAX_FUNCTION_LINES) -> list[tuple[str, int, int]]:
    """(name, line, length) of every function longer than `limit` lines without a `# long:`
    reason on its signature."""
    lines = source.splitlines()
    out = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        first = min([node.lineno, *(d.lineno for d in node.decorator_list)])
        length = node.end_lineno - first + 1
        signature = lines[node.lineno - 1 : node.body[0].lineno - 1]
        if length > limit and not any(LONG in line for line in signature):
            out.append((node.name, node.lineno, length))
    return out


def test_no_long_function_without_a_reason():
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if not _measured(path):
            continue
        for name, line, length in long_functions(path.read_text(encoding="utf-8")):
            found.append(f"{path.relative_to(ROOT)}:{line} {name}: {length} lines")
    assert not found, (
        f"functions over {MAX_FUNCTION_LINES} lines (split them, or write `{LONG} <reason>` on "
        "the def line):\n" + "\n".join(found)
    )


def test_no_long_module():
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        count = len(path.read_text(encoding="utf-8").splitlines())
        if _measured(path) and count > MAX_MODULE_LINES:
            found.append(f"{path.relative_to(ROOT)}: {count} lines")
    assert not found, f"modules over {MAX_MODULE_LINES} lines:\n" + "\n".join(found)


def test_the_measure_sees_a_long_function_and_its_reason():
    body = "".join(f"    x = {i}\n" for i in range(60))
    long_one = f"def f():\n{body}"
    assert long_functions(long_one) == [("f", 1, 61)]
    assert long_functions(f"def f():  {LONG} one table\n{body}") == []
    assert long_functions(f"@decorated\ndef f():\n{body[:-10]}") == [("f", 2, 61)]
    assert long_functions("def f():\n    return 1\n") == []


def test_allowed_folders_exist():
    assert all((PACKAGE / folder).is_dir() for folder in NOT_YET)
