"""Text that comes from data is escaped wherever a page renders it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ntm_analysis.report.runner import RunOptions, run_report

SCRIPT = '<script>alert("ntm")</script>'
IMG = '"><img src=x onerror=alert(1)>'


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.slow
def test_markup_in_data_is_shown_as_text(data_copy: Path, tmp_path: Path) -> None:
    period = data_copy / "periods" / "2021-09"
    # the period's label (every page), a catalogue label, a hamlet name in a list, a
    # qualitative point (section B) and a target label (section C)
    _replace(period / "period.yml", "vi: 9 tháng đầu năm 2021", f"vi: '9 tháng {SCRIPT}'")
    catalogue = data_copy / "reference" / "indicators.yml"
    _replace(catalogue, 'vi: "Số xã đạt 19/19 tiêu chí"', f"vi: '19/19 {IMG}'")
    quoteless = SCRIPT.replace('"', "")  # a CSV field without quotes
    _replace(period / "lists.csv", "Giồng Trôm", f"Giồng Trôm {quoteless}")
    _replace(
        period / "qualitative.yml",
        "Một số chợ nông thôn",
        "Một số <img src=x onerror=alert(2)> chợ nông thôn",
    )
    targets = data_copy / "targets" / "2021.yml"
    text = targets.read_text(encoding="utf-8")
    label = re.search(r"vi: (.+)", text).group(1)
    _replace(targets, f"vi: {label}", f"vi: '{SCRIPT} {label.strip(chr(34))}'")

    result = run_report(
        RunOptions(
            period="2021-09",
            data_dir=data_copy,
            output_dir=tmp_path,
            workers=2,
            only=[
                "00_overview",
                "02_a2_1_communes_districts",
                "03_a2_2_cultural_hamlets",
                "11_b_achievements_shortcomings",
                "12_c_year_end_targets",
            ],
        )
    )
    assert result.ok, [(r.name, r.error_value) for r in result.notebooks if not r.ok]
    folder = tmp_path / "2021-09"
    pages = sorted(folder.glob("*.html"))
    assert len(pages) >= 6
    for page in pages:
        html = page.read_text(encoding="utf-8")
        # every occurrence of a payload is preceded by its tag written as text, never a tag
        for payload, escaped_tag in (
            (r'alert\((?:"|&quot;)ntm', "&lt;script&gt;"),
            (r"onerror=alert\(", "&lt;img src=x "),
        ):
            for match in re.finditer(payload, html):
                before = html[max(0, match.start() - 40) : match.start()]
                assert escaped_tag in before, (page.name, html[match.start() - 80 : match.end()])
    shown = "".join(p.read_text(encoding="utf-8") for p in pages)
    assert "&lt;script&gt;alert" in shown  # the text is there, as text
    assert "onerror=alert(1)&gt;" in shown or "onerror=alert(1)&#x27;&gt;" in shown
