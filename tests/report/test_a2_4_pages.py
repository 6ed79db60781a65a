"""Pages 05 (A.II.4.1–4.2) and 06 (A.II.4.3) executed from their notebooks in both languages:
the prose their builders' contexts give, each table and chart under its outline title."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from ntm_analysis.report.publish.run import RunOptions, run_report

ROOT = Path(__file__).resolve().parents[2]
PAGES = ("05_a2_4_1_infrastructure", "06_a2_4_3_production")


@pytest.fixture(scope="module", params=["vi", "en"])
def rendered(request, tmp_path_factory, data_dir):
    """Pages 05 and 06 rendered once per language: (language, {page stem: its text})."""
    out = tmp_path_factory.mktemp(f"a24-{request.param}")
    options = RunOptions(
        period="2021-09",
        data_dir=data_dir,
        output_dir=out,
        workers=2,
        only=list(PAGES),
        lang=request.param,
    )
    result = run_report(options)
    assert result.ok, [(r.name, r.error_name) for r in result.notebooks if not r.ok]
    pages = {}
    for stem in PAGES:
        page = (out / "2021-09" / f"{stem}.html").read_text(encoding="utf-8")
        pages[stem] = page
    return request.param, pages


def _text(page: str) -> str:
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", body)))


EXPECTED = {
    "vi": {
        PAGES[0]: [
            "4.1. Quy hoạch xây dựng nông thôn mới",
            "4.2. Phát triển hạ tầng kinh tế – xã hội",
            "240 hộ tại 3 xã: Long Hòa, Song Lộc, Mỹ Chánh (huyện Châu Thành)",
            "Kết quả đến nay: tiêu chí Giao thông có 83/85 xã đạt",
            "Đường giao thông theo loại đường",
            "Kết quả thực hiện các tiêu chí hạ tầng",
        ],
        PAGES[1]: [
            "Huyện Châu Thành cải tạo 12 ha đất vườn tạp",
            "(bình quân khoảng 18-20 thành viên/tổ)",
            "(theo Nghị quyết số 80 ngày 12/4/2019 của Hội đồng nhân dân tỉnh)",
            "Chương trình mỗi xã một sản phẩm (OCOP)",
            "Tổng diện tích đất lúa chuyển đổi",
        ],
    },
    "en": {
        PAGES[0]: [
            "4.2. Socio-economic infrastructure",
            "Waste sorting at source started for 240 households in 3 communes",
            "Communes meeting each criterion to date: transport 83/85 communes",
            "Roads by class",
        ],
        PAGES[1]: [
            "Châu Thành district renewed 12 ha of mixed gardens",
            "(about 18-20 members per group)",
            "(under Resolution No. 80 of 12 April 2019 by the Provincial People's Council)",
            "Total rice land converted",
        ],
    },
}


@pytest.mark.slow
def test_pages_show_their_builders_prose_tables_and_charts(rendered):
    lang, pages = rendered
    for stem, page in pages.items():
        text = _text(page)
        for expected in EXPECTED[lang][stem]:
            assert expected in text, (stem, expected)
        assert "Traceback" not in text and "None" not in text.split()
        assert page.count("data:image/png;base64") >= (2 if stem == PAGES[0] else 1)
