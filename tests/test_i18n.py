"""The catalogue of wordings (ntm_analysis/i18n) and that the package keeps no wording in a
language branch outside it (docs/translations.md)."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

import ntm_analysis
from ntm_analysis import i18n

PACKAGE = Path(ntm_analysis.__file__).resolve().parent
ENGLISH_WORDS = {"the", "of", "and", "not", "with", "from", "is", "are"}

# Messages whose languages differ in placeholders on purpose (grammar, not a lost value).
PLACEHOLDERS_DIFFER = {
    "report.items.hamlet": "Vietnamese names the unit type before the commune; English does not",
    "report.gap_table.gap": "the Vietnamese header says 'còn thiếu' without the top",
}

# Folders whose language branches stay for now.
ALLOWED_FOLDERS = {
    "i18n/": "the catalogue itself: language() and pick() compare languages",
}

# (module, enclosing function) → why its comparison of a language stays.
ALLOWED = {
    ("quality/observations.py", "_shown"): "number format: a printed figure stays verbatim in vi",
    ("report/wording.py", "written_in"): "number format: a printed figure stays verbatim in vi",
    ("report/wording.py", "_fact"): "data fallback: marks a qualitative point with no English",
    ("report/targets_view.py", "next_year_targets"): "number format: the printed target in vi",
    ("report/sections.py", "list_table"): "structure: the English table drops printed names",
    ("outlook/measures.py", "_ratio_current.text"): "data: the relation's note is English only",
    ("cycle/targets_sheet.py", "targets_sheet"): "number format: the printed target in vi",
    ("cycle/workbook.py", "_hint"): "number format: the previous figure as printed in vi",
    ("cycle/text.py", "header"): "structure: English headers keep the Vietnamese label beside",
}


def _placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_message_has_both_languages():
    for mid, texts in i18n.MESSAGES.items():
        assert set(texts) == {"vi", "en"}, mid
        assert texts["vi"].strip() and texts["en"].strip(), mid
        assert re.fullmatch(r"[a-z0-9_]+(\.[a-z0-9_]+)+", mid), mid


def test_placeholders_match():
    for mid, texts in i18n.MESSAGES.items():
        if mid in PLACEHOLDERS_DIFFER:
            continue
        assert _placeholders(texts["vi"]) == _placeholders(texts["en"]), mid


def test_no_english_word_in_vietnamese():
    for mid, texts in i18n.MESSAGES.items():
        without_fields = re.sub(r"\{[^}]*\}", " ", texts["vi"])
        words = set(re.findall(r"[A-Za-z]+", without_fields.lower()))
        assert not words & ENGLISH_WORDS, (mid, words & ENGLISH_WORDS)


def test_text():
    assert i18n.text("outlook.status.off_track", "vi") == "Khó đạt"
    assert i18n.text("outlook.status.off_track", "en-GB") == "Off track"
    assert i18n.text("quality.summary", "en", error=1, warning=2, info=3) == (
        "1 error(s), 2 warning(s), 3 info"
    )
    with pytest.raises(KeyError, match=r"outlook\.nowhere"):
        i18n.text("outlook.nowhere", "vi")
    with pytest.raises(ValueError, match="fr"):
        i18n.text("outlook.status.met", "fr")
    assert i18n.language("VI") == "vi" and i18n.language("en_US") == "en"


def test_missing_english_falls_back_marked(monkeypatch):
    monkeypatch.setitem(i18n.MESSAGES, "test.only_vi", {"vi": "chỉ tiếng Việt {n}", "en": ""})
    assert i18n.text("test.only_vi", "en", n=1) == "chỉ tiếng Việt 1" + i18n.UNTRANSLATED
    assert i18n.text("test.only_vi", "vi", n=1) == "chỉ tiếng Việt 1"


def _language_comparisons() -> list[tuple[str, str, int]]:
    """(module, enclosing function, line) of every `… == "vi"`/`"en"` (or `!=`)."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        module = path.relative_to(PACKAGE).as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"))

        def walk(node: ast.AST, scope: tuple[str, ...], module: str = module) -> None:
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                scope = (*scope, node.name)
            if isinstance(node, ast.Compare) and any(
                isinstance(op, ast.Eq | ast.NotEq) for op in node.ops
            ):
                sides = [node.left, *node.comparators]
                if any(isinstance(s, ast.Constant) and s.value in ("vi", "en") for s in sides):
                    found.append((module, ".".join(scope), node.lineno))
            for child in ast.iter_child_nodes(node):
                walk(child, scope)

        walk(tree, ())
    return found


def test_no_language_branch_outside_the_catalogue():
    stray = [
        f"{module}:{line} ({scope or 'module level'})"
        for module, scope, line in _language_comparisons()
        if (module, scope) not in ALLOWED and not module.startswith(tuple(ALLOWED_FOLDERS))
    ]
    assert not stray, "wording chosen by a language branch; use i18n.text: " + ", ".join(stray)


def test_allow_list_is_not_stale():
    seen = {(module, scope) for module, scope, _ in _language_comparisons()}
    assert not set(ALLOWED) - seen, set(ALLOWED) - seen
