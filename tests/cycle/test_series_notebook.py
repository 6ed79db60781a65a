"""The series notebook runs on the shipped data and shows its blocks (slow). Its shape as a
document is checked with every notebook's in tests/report/test_notebooks.py."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

NOTEBOOK = Path(__file__).resolve().parents[2] / "notebooks" / "14_series.ipynb"


def _outputs(tmp_path, data_dir) -> list:
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
    return [o for c in executed.cells if c.cell_type == "code" for o in c.outputs]


@pytest.mark.slow
def test_notebook_on_the_shipped_data_says_there_is_no_series_yet(tmp_path, data_dir) -> None:
    outputs = _outputs(tmp_path, data_dir)  # 2021-09 is the only period with headlines
    assert not any("image/png" in o.get("data", {}) for o in outputs)
    markdown = "".join(o.get("data", {}).get("text/markdown", "") for o in outputs)
    assert "two periods or more" in markdown and "Trends" not in markdown


@pytest.mark.slow
def test_notebook_runs_on_two_periods(tmp_path, data_copy) -> None:
    from tests.report.test_section_series import _year_earlier_copy

    _year_earlier_copy(data_copy)
    outputs = _outputs(tmp_path, data_copy)
    assert sum("image/png" in o.get("data", {}) for o in outputs) == 1  # the trend chart
    html = "".join(o.get("data", {}).get("text/html", "") for o in outputs)
    markdown = "".join(o.get("data", {}).get("text/markdown", "") for o in outputs)
    assert "Headline indicators across reporting periods" in markdown
    # the outline's block titles, then the series and the changes tables
    assert "a year earlier</h" in html  # the changes table's caption; a chart draws its own
    assert "First nine months of 2021" in html and "Year earlier" in html and "47.46%" in html
