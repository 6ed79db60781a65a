"""The section notebooks are documents of visible steps whose headings come from the outline."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ntm_analysis.dataset.outline import load_outline

ROOT = Path(__file__).resolve().parents[2]
OUTLINE = load_outline(ROOT / "data" / "reference")
PAGES = {page.notebook: page for page in OUTLINE.pages}


@pytest.mark.parametrize("notebook", sorted(PAGES))
def test_a_notebook_is_a_document_of_visible_steps(notebook):
    page = PAGES[notebook]
    nb = json.loads((ROOT / "notebooks" / notebook).read_text(encoding="utf-8"))
    assert nb["metadata"]["ntm"] == {"section": page.key}  # titles live in sections.yml only
    cells = nb["cells"]
    assert "parameters" in cells[0]["metadata"]["tags"]
    assert "data_dir = None" in "".join(cells[0]["source"])  # the package finds data/ itself
    code = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
    assert f'section = "{page.key}"' in code
    assert "data = load_period(period, data_dir, province=province)" in code  # several provinces
    assert "page.headings(data, section, lang)" in code
    for entry in page.entries[1:]:  # a page of neighbouring sections heads each of them
        assert f'page.heading(data, "{entry.key}", lang)' in code
    for cell in cells:
        assert not cell.get("outputs") and not cell.get("execution_count")
        tags = set(cell["metadata"].get("tags", []))
        if cell["cell_type"] == "markdown":
            # headings come from the outline: the only markdown is the note to the analyst
            assert tags == {"ntm-notes"}, cell["source"]
    if page.audience == "report":
        assert "".join(cells[-1]["source"]) == "display(page.appendix(data, section, lang))"


def test_every_notebook_is_in_the_outline():
    on_disk = {p.name for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")}
    assert on_disk == set(PAGES)
