"""Every notebook runs on the shipped data and renders to pages that open offline."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ntm_analysis.report.publish.run import (
    RunOptions,
    discover_notebooks,
    notebooks_dir,
    run_report,
)
from ntm_analysis.report.words.figures import in_section, section_figures

REMOTE = re.compile(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", re.I)
# Chromium's own background traffic (updates, time, accounts) is not the page's doing.
BROWSER_HOSTS = ("google.com", "googleapis.com", "gstatic.com", "gvt1.com", "chrome.com")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def test_every_observation_belongs_to_a_notebook_section(period_data):
    prefixes = [r for page in period_data.outline.pages for r in page.refs]
    orphans = period_data.observations[
        ~period_data.observations["section"].map(lambda s: in_section(s, prefixes))
    ]
    assert orphans.empty, orphans[["indicator", "section"]].to_string()


def test_section_tables_show_figures_as_printed(period_data):
    shown = sum(
        len(section_figures(period_data, list(p.refs), "vi")) for p in period_data.outline.pages
    )
    assert shown == len(period_data.observations)
    table = section_figures(period_data, ["A.II.3"], "vi")
    # A.II.3: total resources printed 5.214.624,5 (million VND)
    assert "5.214.624,5" in set(table["Giá trị"])
    assert "5.214.624,5" in set(table["Số in trong báo cáo"])
    english = section_figures(period_data, ["A.II.3"], "en")
    assert "5,214,624.5" in set(english["Value"])


@pytest.fixture(scope="module")
def rendered(tmp_path_factory, data_dir) -> Path:
    """The whole default period rendered once for this module's tests."""
    out = tmp_path_factory.mktemp("outputs")
    result = run_report(
        RunOptions(
            period="2021-09",
            data_dir=data_dir,
            output_dir=out,
            workers=2,
            only=None,
            lang="vi",
            with_code=False,
            timeout=600,
        )
    )
    assert result.ok, [(r.name, r.error_name) for r in result.notebooks if not r.ok]
    return out / "2021-09"


@pytest.mark.slow
def test_every_notebook_renders_self_contained(rendered):
    pages = sorted(rendered.glob("[0-9][0-9]_*.html"))
    assert [p.stem for p in pages] == [p.stem for p in discover_notebooks(notebooks_dir())]
    for page in [*pages, rendered / "index.html", rendered / "report.html"]:
        html = page.read_text(encoding="utf-8")
        assert not REMOTE.search(html), page.name
        assert 'lang="vi"' in html, page.name
    charts = (rendered / "02_a2_1_communes_districts.html").read_text(encoding="utf-8")
    assert charts.count("data:image/png;base64") >= 2  # criteria bands, district criteria
    run = json.loads((rendered / "run.json").read_text(encoding="utf-8"))
    assert run["ok"] and run["data_checksums"]


@pytest.mark.slow
def test_pages_stay_small(rendered):
    for page in [*rendered.glob("[0-9][0-9]_*.html"), rendered / "report.html"]:
        assert page.stat().st_size < 1_000_000, page.name


@pytest.mark.slow
def test_index_shows_headlines_and_quality_counts(rendered):
    html = (rendered / "index.html").read_text(encoding="utf-8")
    # A.II.1: 84,7 % of communes at 19/19; the data-quality line links its page
    assert "84,7%" in html and "13_data_quality.html" in html and "lỗi" in html


def _page_requests(netlog: Path) -> list[str]:
    urls = re.findall(r'"url":"([^"]+)"', netlog.read_text(encoding="utf-8", errors="replace"))
    return sorted(
        {
            u
            for u in urls
            if u.startswith(("http://", "https://"))
            and not any(
                re.search(rf"(^|\.){re.escape(h)}(:|/|$)", u.split("/")[2]) for h in BROWSER_HOSTS
            )
        }
    )


def _open_offline(page: Path, workdir: Path) -> tuple[Path, list[str]]:
    shot, netlog = workdir / f"{page.stem}.png", workdir / f"{page.stem}.netlog.json"
    subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={workdir / ('profile-' + page.stem)}",
            "--host-resolver-rules=MAP * ~NOTFOUND",  # the network is off
            f"--log-net-log={netlog}",
            "--window-size=1100,1400",
            f"--screenshot={shot}",
            page.as_uri(),
        ],
        capture_output=True,
        timeout=120,
        check=False,
    )
    return shot, _page_requests(netlog) if netlog.exists() else ["<no net log written>"]


@pytest.mark.slow
@pytest.mark.skipif(
    CHROMIUM is None and not os.environ.get("CI"),
    reason="Debian's chromium is not installed (make test installs it when run as root)",
)
def test_pages_open_offline_in_chromium(rendered, tmp_path):
    assert CHROMIUM, "CI must have chromium: make test installs it"
    # a control page proves the check sees a request the page makes
    control = tmp_path / "control.html"
    control.write_text('<html><body><img src="http://example.invalid/x.png"></body></html>')
    _, control_requests = _open_offline(control, tmp_path)
    assert control_requests == ["http://example.invalid/x.png"]
    for name in ("index.html", "02_a2_1_communes_districts.html"):
        shot, requests = _open_offline(rendered / name, tmp_path)
        assert requests == [], (name, requests)
        assert shot.stat().st_size > 20_000  # a rendered page, not a blank one


def test_districts_table_reads_as_the_report(period_data):
    # A.II.1: Duyên Hải plans "trước năm 2023"; years are never grouped ("2.021")
    from ntm_analysis.report.sections.a2_1 import districts_table

    table = districts_table(period_data, "vi")
    text = table.to_string()
    assert "Kế hoạch trước năm 2023" in text and "Kế hoạch năm 2021" in text
    assert "2.02" not in text
    row = table[table["Đơn vị cấp huyện"] == "Huyện Cầu Ngang"].iloc[0]
    # printed "08" in A.II.1; a table writes numbers without leading zeros
    assert row["Xã đạt chuẩn NTM (xã)"] == "8" and row["Tỷ lệ xã đạt chuẩn NTM (%)"] == "61,5"
    english = districts_table(period_data, "en").to_string()
    assert "Planned before 2023" in english and "2,02" not in english


def test_lists_never_show_ids_or_english_notes(period_data):
    from ntm_analysis.report.words.lists import list_table

    names = list(dict.fromkeys(period_data.lists["list"]))
    table = list_table(period_data, names, "vi").to_string()
    assert not re.search(r"\b[a-z]+_[a-z_]+\b", table)
    assert "district not named" not in table and "resolved" not in table
    # A.II.2: model hamlets named with the commune that holds them
    assert "ấp Nhứt (Tân Hùng)" in table


def test_funding_table_has_units_in_headers(period_data):
    # A.II.3: sources of the 5.214.624,5 million VND with their printed shares
    from ntm_analysis.report.sections.tables import breakdown_table

    table = breakdown_table(period_data, "ntm_funding_total", "vi")
    assert list(table.columns) == ["Nguồn", "Số tiền (triệu đồng)", "Tỷ trọng (%)"]
    assert table.iloc[-1].tolist() == ["Tổng cộng", "5.214.624,5", "100"]
    assert "64,3" in set(table["Tỷ trọng (%)"])


def test_section_c_never_lists_recognised_communes_as_lacking(period_data):
    # C: a commune recognised NTM meets all 19 criteria
    from ntm_analysis.report.sections.c import gap_table

    gaps = gap_table(period_data, "vi")
    recognised = period_data.communes.query("ntm_status == 'recognised'")["name"]
    assert not set(gaps["Xã"]) & set(recognised)
    assert len(gaps) <= period_data.value("communes_below_19_criteria")


def test_a_page_keeps_only_its_language(tmp_path):
    import nbformat

    from ntm_analysis.report.publish.run import export_html

    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("# Tiêu đề tiếng Việt", metadata={"tags": ["lang-vi"]}),
        nbformat.v4.new_markdown_cell("# English heading", metadata={"tags": ["lang-en"]}),
    ]
    vi = export_html(nb, lang="vi", with_code=False, title="t", path=tmp_path)
    en = export_html(nb, lang="en", with_code=False, title="t", path=tmp_path)
    assert "Tiêu đề tiếng Việt" in vi and "English heading" not in vi
    assert "English heading" in en and "Tiêu đề tiếng Việt" not in en


@pytest.mark.slow
def test_papermill_runs_a_notebook_from_the_repository_root(tmp_path):
    root = notebooks_dir().parent
    out = tmp_path / "out.ipynb"
    env = {k: v for k, v in os.environ.items() if k != "NTM_DATA_DIR"}
    subprocess.run(
        [
            str(Path(sys.executable).parent / "papermill"),
            "-k",
            "python3",
            "notebooks/02_a2_1_communes_districts.ipynb",
            str(out),
        ],
        cwd=root,
        env=env,
        check=True,
        capture_output=True,
        timeout=600,
    )
    assert "84,7%" in out.read_text(encoding="utf-8")


def test_years_are_never_grouped_in_the_figure_table(period_data):
    # A.II.1: Châu Thành plans NTM in 2021 (a year, not "2.021")
    table = section_figures(period_data, ["A.II.1"], "vi")
    years = table[table["Chỉ tiêu"] == "Năm kế hoạch huyện đạt chuẩn NTM"]["Giá trị"]
    assert set(years) == {"2021", "2022", "2023"}
    assert "2,021" not in section_figures(period_data, ["A.II.1"], "en").to_string()


def test_change_table_compares_with_the_baseline(period_data):
    # A.II.2: 600 hamlets, up 36 on the end of 2020; 212.906 households, up 3.669
    from ntm_analysis.report.sections.tables import change_table

    table = change_table(period_data, ["A.II.2"], "vi")
    assert table.iloc[:, -1].tolist() == ["+36", "+3.669"]
    assert table.iloc[:, -2].tolist() == ["600", "212.906"]
