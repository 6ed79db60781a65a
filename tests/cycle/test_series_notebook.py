"""The series notebook: parameters, headings in both languages, and a run (slow)."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

NOTEBOOK = Path(__file__).resolve().parents[2] / "notebooks" / "14_series.ipynb"


def test_notebook_shape() -> None:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    first = nb.cells[0]
    assert "parameters" in first.metadata["tags"]
    for name in ("period", "data_dir", "lang"):  # each parameter assigned a default
        assert re.search(rf"^{name}\b[^=\n]*=", first.source, re.MULTILINE), name
    tags = [c.metadata.get("tags", []) for c in nb.cells if c.cell_type == "markdown"]
    assert tags and all(t in (["lang-vi"], ["lang-en"]) for t in tags)
    assert sum(t == ["lang-vi"] for t in tags) == sum(t == ["lang-en"] for t in tags)
    assert not any(c.get("outputs") for c in nb.cells if c.cell_type == "code")
    assert set(nb.metadata["ntm"]["title"]) == {"vi", "en"}


@pytest.mark.slow
def test_notebook_runs_on_the_shipped_data(tmp_path, data_dir) -> None:
    import papermill

    out = tmp_path / "out.ipynb"
    papermill.execute_notebook(
        str(NOTEBOOK),
        str(out),
        parameters={"period": "2021-09", "data_dir": str(data_dir), "lang": "en"},
        cwd=str(NOTEBOOK.parent),
        kernel_name="python3",
        progress_bar=False,
    )
    executed = nbformat.read(out, as_version=4)
    images = [
        o
        for c in executed.cells
        if c.cell_type == "code"
        for o in c.outputs
        if "image/png" in o.get("data", {})
    ]
    assert images
