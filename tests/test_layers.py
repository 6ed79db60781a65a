"""The package's layers hold: import-linter's contracts (pyproject.toml) are kept, each contract
refuses the import it exists to refuse, and no import hides inside a function without a reason.

docs/architecture.md describes the layers; `lint-imports` (make lint) prints a broken contract's
imports in full.
"""

from __future__ import annotations

import ast
import copy
from pathlib import Path

import grimp
import pytest
from importlinter import configuration
from importlinter.application.use_cases import read_user_options
from importlinter.contracts.acyclic_siblings import AcyclicSiblingsContract
from importlinter.contracts.forbidden import ForbiddenContract
from importlinter.contracts.layers import LayersContract

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "ntm_analysis"
CONTRACT_TYPES = {
    "layers": LayersContract,
    "forbidden": ForbiddenContract,
    "acyclic_siblings": AcyclicSiblingsContract,
}


@pytest.fixture(scope="module")
def options():
    configuration.configure()  # what `lint-imports` does first: the readers of pyproject.toml
    return read_user_options(str(ROOT / "pyproject.toml"))


@pytest.fixture(scope="module")
def graph():
    return grimp.build_graph("ntm_analysis", include_external_packages=True, cache_dir=None)


def _contract(options, contract_id: str):
    (found,) = [c for c in options.contracts_options if c["id"] == contract_id]
    kind = CONTRACT_TYPES[found["type"]]
    return kind(name=found["name"], session_options=options.session_options, contract_options=found)


def _kept(options, graph, contract_id: str, extra: tuple[str, str] | None = None) -> bool:
    graph = copy.deepcopy(graph)
    if extra is not None:
        graph.add_import(importer=extra[0], imported=extra[1])
    check = _contract(options, contract_id).check(graph, verbose=False)
    return check.kept


def test_every_contract_is_kept(options, graph):
    ids = [c["id"] for c in options.contracts_options]
    assert set(ids) == {"layers", "acyclic", "dask"}
    broken = {}
    for contract_id in ids:
        graph_copy = copy.deepcopy(graph)
        check = _contract(options, contract_id).check(graph_copy, verbose=False)
        if not check.kept:
            broken[contract_id] = check.metadata
    assert not broken, f"broken import contracts (run `lint-imports` for details): {broken}"


@pytest.mark.parametrize(
    ("contract_id", "importer", "imported"),
    [
        ("layers", "ntm_analysis.dataset.period", "ntm_analysis.quality.checks"),
        ("layers", "ntm_analysis.dataset.period_units", "ntm_analysis.units.conversion"),
        ("layers", "ntm_analysis.quality.checks", "ntm_analysis.outlook.engine"),
        ("layers", "ntm_analysis.report.sections", "ntm_analysis.cycle.series"),
        ("layers", "ntm_analysis.text.names", "ntm_analysis.dataset.files"),
        ("layers", "ntm_analysis.i18n", "ntm_analysis.errors"),
        ("acyclic", "ntm_analysis.outlook.measures", "ntm_analysis.outlook.kinds"),
        ("acyclic", "ntm_analysis.dataset.annex.template", "ntm_analysis.dataset.period"),
        ("dask", "ntm_analysis.report.run.batch", "distributed"),
        ("dask", "ntm_analysis.cli.batch", "dask"),
    ],
)
def test_a_contract_refuses_its_import(options, graph, contract_id, importer, imported):
    assert _kept(options, graph, contract_id)
    assert not _kept(options, graph, contract_id, (importer, imported))


def test_sibling_packages_may_import_lower_layers(options, graph):
    for importer, imported in [
        ("ntm_analysis.cycle.series", "ntm_analysis.report.charts.style"),
        ("ntm_analysis.quality.checks", "ntm_analysis.dataset.findings"),
        ("ntm_analysis.dataset.period", "ntm_analysis.text.names"),
    ]:
        assert _kept(options, graph, "layers", (importer, imported))


LAZY = "# lazy:"


def function_imports_without_reason(tree: ast.Module, lines: list[str]) -> list[int]:
    """Lines of imports inside functions not explained by a `# lazy: <reason>` comment on the
    import's line or just above its block of imports."""
    out = []
    for function in ast.walk(tree):
        if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for node in ast.walk(function):
            if not isinstance(node, ast.Import | ast.ImportFrom):
                continue
            row = node.lineno - 1
            while row > 0 and lines[row - 1].strip().startswith(("import ", "from ")):
                row -= 1  # to the first import of the block
            above = lines[row - 1].strip() if row > 0 else ""
            if LAZY not in lines[node.lineno - 1] and not above.startswith(LAZY):
                out.append(node.lineno)
    return sorted(set(out))


def test_function_level_imports_carry_a_reason():
    """An import inside a function hides a dependency; allowed only with its reason written
    beside it (an optional or heavy library, a light start-up), never to dodge a cycle."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        lines = path.read_text(encoding="utf-8").splitlines()
        rows = function_imports_without_reason(ast.parse("\n".join(lines)), lines)
        if rows:
            found[str(path.relative_to(ROOT))] = rows
    assert not found, f"imports inside functions without a `{LAZY} <reason>` comment: {found}"


def test_the_reason_check_sees_a_bare_function_import():
    source = "def f():\n    import json\n\n    return json\n"
    assert function_imports_without_reason(ast.parse(source), source.splitlines()) == [2]
    commented = "def f():\n    # lazy: optional\n    import json\n    import csv\n"
    assert function_imports_without_reason(ast.parse(commented), commented.splitlines()) == []
