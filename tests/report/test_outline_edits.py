"""An office edits the outline (data/reference/sections.yml): renamed and reordered sections
show in the pages, the index and the Word file, with no code change (docs/sections.md)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from docx import Document

from ntm_analysis.report.publish.run import RunOptions, run_report

ROOT = Path(__file__).resolve().parents[2]
PERIOD = "2021-09"
NEW_TITLE = "Nguồn lực đã huy động trong kỳ"  # a rename an office might make


def _edited_outline(data: Path) -> None:
    """Rename A.II.3 and move 4.6 (health) before 4.5 (culture movement)."""
    path = data / "reference" / "sections.yml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("vi: Kết quả huy động nguồn lực\n", f"vi: {NEW_TITLE}\n", 1)
    start = text.index("              - key: a2_4_5\n")
    middle = text.index("              - key: a2_4_6\n")
    end = text.index("              - key: a2_4_7\n")
    culture, health = text[start:middle], text[middle:end]
    path.write_text(text[:start] + health + culture + text[end:], encoding="utf-8")


def _word_text(path: Path) -> str:
    return "\n".join(p.text for p in Document(str(path)).paragraphs)


@pytest.mark.slow
def test_renamed_and_reordered_sections_show_everywhere(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    _edited_outline(data)
    outputs = tmp_path / "outputs"
    result = run_report(RunOptions(period=PERIOD, data_dir=data, output_dir=outputs, workers=2))
    assert result.ok, [(r.name, r.error_value) for r in result.notebooks]
    folder = outputs / PERIOD

    page = (folder / "04_a2_3_resources.html").read_text(encoding="utf-8")
    assert f"3. {NEW_TITLE}" in page and "Kết quả huy động nguồn lực" not in page
    health = (folder / "09_a2_4_6_health.html").read_text(encoding="utf-8")
    culture = (folder / "08_a2_4_5_culture_movement.html").read_text(encoding="utf-8")
    assert "4.5. Phát triển y tế cơ sở" in health  # renumbered by its new place
    assert "4.6. Kết quả Phong trào" in culture

    index = (folder / "index.html").read_text(encoding="utf-8")
    assert index.index("09_a2_4_6_health.html") < index.index("08_a2_4_5_culture_movement.html")
    assert "A.II.4.5 — Phát triển y tế cơ sở" in index or "A.II.4.5 — Y tế cơ sở" in index

    word = _word_text(folder / "report.docx")
    assert f"3. {NEW_TITLE}" in word
    assert word.index("4.5. Phát triển y tế cơ sở") < word.index("4.6. Kết quả Phong trào")
    assert word.count("II. Kết quả thực hiện các mục tiêu") == 1  # a parent heading once
