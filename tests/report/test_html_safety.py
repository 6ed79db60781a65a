"""Text that comes from data is escaped wherever a page renders it."""

from __future__ import annotations

import html
import os
import re
from pathlib import Path

import pytest
from browser import CHROMIUM, Chromium

from ntm_analysis.report.publish.run import RunOptions, run_report

SCRIPT = '<script>alert("ntm")</script>'
IMG = '"><img src=x onerror=alert(1)>'
CSS = "@import 'https://x.example/a.css' url(https://x.example/b.png)"  # text, not a style


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
    _replace(period / "lists.csv", "Giồng Trôm", f"Giồng Trôm {quoteless} {CSS}")
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
    assert "@import" in shown  # escaped CSS in data text neither stops nor fails a page
    assert "onerror=alert(1)&gt;" in shown or "onerror=alert(1)&#x27;&gt;" in shown


PDF_VIEWER = "chrome-extension://mhjfbmdgcfjbbpaeojofohoefgiehjai/"
HOSTILE_LABEL = (
    "9 tháng [x](javascript:alert(1)) ![x](/etc/hostname) ![y](https://example.com/a.png)"
)


@pytest.mark.slow
@pytest.mark.skipif(
    CHROMIUM is None and not os.environ.get("CI"),
    reason="Debian's chromium is not installed (make test installs it when run as root)",
)
def test_every_link_of_every_page_is_harmless_in_chromium(data_copy: Path, tmp_path: Path) -> None:
    """A period label written as Markdown links and images (a script link, a local file, a
    remote image) shows as text; clicking every link of every page opens no dialog and makes
    no request outside the report's own folder."""
    assert CHROMIUM, "CI must have chromium: make test installs it"
    period = data_copy / "periods" / "2021-09"
    _replace(period / "period.yml", "vi: 9 tháng đầu năm 2021", f"vi: '{HOSTILE_LABEL}'")
    outputs = tmp_path / "outputs"
    result = run_report(
        RunOptions(period="2021-09", data_dir=data_copy, output_dir=outputs, workers=2)
    )
    assert result.ok, [(r.name, r.error_value) for r in result.notebooks if not r.ok]
    folder = outputs / "2021-09"
    index = (folder / "index.html").read_text(encoding="utf-8")
    assert html.escape(HOSTILE_LABEL, quote=False) in index  # shown as text
    pages = [outputs / "index.html", *sorted(folder.glob("*.html"))]
    assert len(pages) >= 17

    browser = Chromium(tmp_path)
    try:
        # control: the check sees a dialog and a request leaving the folder
        control = outputs / "control.html"
        control.write_text(
            '<a href="javascript:alert(1)">x</a><img src="https://example.invalid/y.png">'
        )
        seen = browser.visit(control)
        assert seen.dialogs and any("example.invalid" in r for r in seen.requests)
        control.unlink()
        clicked = 0
        own = outputs.resolve().as_uri() + "/"
        for page in pages:
            visit = browser.visit(page)
            clicked += visit.links
            assert visit.dialogs == [], (page.name, visit.dialogs)
            # chrome-extension://…: Chromium's own PDF viewer showing report.pdf (local)
            leaving = [r for r in visit.requests if not r.startswith((own, PDF_VIEWER))]
            assert leaving == [], (page.name, leaving)
    finally:
        browser.close()
    assert clicked > 30  # the index and pages do have links
