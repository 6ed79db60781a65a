"""Every notebook runs on the shipped data; section tables show every figure as printed."""

from __future__ import annotations

import re

import pytest

from ntm_analysis.report.notebook import SECTIONS
from ntm_analysis.report.runner import RunOptions, discover_notebooks, run_report
from ntm_analysis.report.sections import in_section, section_figures

REMOTE = re.compile(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", re.I)


def test_every_observation_belongs_to_a_notebook_section(period_data):
    prefixes = [p for s in SECTIONS.values() for p in s.prefixes]
    orphans = period_data.observations[
        ~period_data.observations["section"].map(lambda s: in_section(s, prefixes))
    ]
    assert orphans.empty, orphans[["indicator", "section"]].to_string()


def test_section_tables_show_figures_as_printed(period_data):
    shown = 0
    for section in SECTIONS.values():
        table = section_figures(period_data, list(section.prefixes), "vi")
        shown += len(table)
    assert shown == len(period_data.observations)
    table = section_figures(period_data, ["A.II.3"], "vi")
    # A.II.3: total resources printed 5.214.624,5 (million VND)
    assert "5.214.624,5" in set(table["Giá trị"]) and "5.214.624,5" in set(
        table["Số in trong báo cáo"]
    )
    english = section_figures(period_data, ["A.II.3"], "en")
    assert "5,214,624.5" in set(english["Value"])


@pytest.mark.slow
def test_all_notebooks_execute_and_render_offline(tmp_path, data_dir):
    result = run_report(
        RunOptions(
            period="2021-09",
            data_dir=data_dir,
            output_dir=tmp_path,
            workers=2,
            only=None,
            lang="vi",
            with_code=False,
            timeout=600,
        )
    )
    assert result.ok
    folder = tmp_path / "2021-09"
    pages = sorted(folder.glob("[0-9][0-9]_*.html"))
    assert len(pages) == len(discover_notebooks_default())
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert not REMOTE.search(html), page.name
        assert 'lang="vi"' in html
    charts = (folder / "02_a2_1_communes_districts.html").read_text(encoding="utf-8")
    assert charts.count("<img") >= 2 and "data:image/png;base64" in charts


def discover_notebooks_default():
    from pathlib import Path

    import ntm_analysis

    return discover_notebooks(Path(ntm_analysis.__file__).parents[1] / "notebooks")
