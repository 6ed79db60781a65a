"""The text of the 2021-09 pages, report.docx and the next period's workbook is the text that was
reviewed (tests/report/expected/). A change of wording, order or numbering shows here as a
diff; when it is intended, regenerate the file (`python -m tests.support.rendered_text --write`)
and review `git diff tests/report/expected/` in the same commit."""

from __future__ import annotations

import difflib
import shutil

import pytest

from tests.support.rendered_text import EXPECTED, PERIOD, ROOT, render_texts


def _expected(lang: str) -> dict[str, list[str]]:
    text = (EXPECTED / f"{PERIOD}.{lang}.txt").read_text(encoding="utf-8")
    out: dict[str, list[str]] = {}
    for chunk in text.split("### ")[1:]:
        name, _, body = chunk.partition("\n")
        out[name] = body.splitlines()
    return out


@pytest.mark.slow
def test_the_rendered_text_is_the_reviewed_one(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    rendered = render_texts(data, tmp_path, "vi")
    expected = _expected("vi")
    assert list(rendered) == list(expected)  # the same pages, the Word file, the workbook
    for name, lines in expected.items():
        diff = list(difflib.unified_diff(lines, rendered[name], "reviewed", "rendered", n=1))
        assert not diff, f"{name} changed:\n" + "\n".join(diff[:60])
