"""Pages 07 (A.II.4.4), 08 (A.II.4.5), 09 (A.II.4.6) and 10 (A.II.4.7–4.8) executed from their
notebooks in both languages: each part of the prose under its outline heading, beside its
tables and charts."""

from __future__ import annotations

import html
import re

import pytest

from ntm_analysis.report.publish.run import RunOptions, run_report

PAGES = (
    "07_a2_4_4_poverty",
    "08_a2_4_5_culture_movement",
    "09_a2_4_6_health",
    "10_a2_4_7_governance_security",
)
CHARTS = {  # the charts' titles (drawn in the image, and in its alt text)
    "vi": {
        PAGES[0]: ["Tỷ lệ giải ngân theo nguồn vốn", "Số thẻ bảo hiểm y tế đã cấp"],
        PAGES[1]: ["Tỷ lệ đạt chuẩn các danh hiệu văn hóa"],
    },
    "en": {
        PAGES[0]: ["Share disbursed, by source of funds", "Health-insurance cards issued"],
        PAGES[1]: ["Share holding each cultural title"],
    },
}


@pytest.fixture(scope="module", params=["vi", "en"])
def rendered(request, tmp_path_factory, data_dir):
    """Pages 07 to 10 rendered once per language: (language, {page stem: its HTML})."""
    out = tmp_path_factory.mktemp(f"a244-{request.param}")
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
    pages = {stem: (out / "2021-09" / f"{stem}.html").read_text(encoding="utf-8") for stem in PAGES}
    return request.param, pages


def _text(page: str) -> str:
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", body)))


# Each list in page order: a part's heading (from the outline), then its prose and tables.
EXPECTED = {
    "vi": {
        PAGES[0]: [
            "4.4.1. Kết quả hỗ trợ thực hiện các dự án",
            "xây dựng 9 công trình cơ sở hạ tầng tại 8 xã đặc biệt khó khăn",
            "4.4.2. Kết quả thực hiện các chính sách giảm nghèo",
            "Chính sách hỗ trợ vay vốn tín dụng ưu đãi",
            "6.563 hộ vay nước sạch, vệ sinh môi trường 79.655 triệu đồng",
            "Chính sách hỗ trợ tiền điện",
            "Thực hiện Thông tư số 190/2014/TT-BTC",
            "Chính sách hỗ trợ bảo hiểm y tế",
            "451.519 thẻ bảo hiểm y tế",
            "Chính sách giáo dục",
            "theo Nghị định số 116/2016/NĐ-CP",
            "Hỗ trợ chi phí khám, chữa bệnh, tiền ăn, đi lại cho hộ nghèo",
            "23.693 lượt người",
        ],
        PAGES[1]: [
            "Các danh hiệu văn hóa",
            "Phước Hảo, Hòa Lợi, Đa Lộc (huyện Châu Thành)",
            "72/85 xã đạt chuẩn",
            "Thiết chế văn hóa, thể thao và phong trào rèn luyện thân thể",
            "374.000 người tập luyện",
        ],
        PAGES[2]: [
            "định mức 1 cán bộ y tế/2.000 dân",
            "(theo Quyết định số 2712/QĐ-UBND",
            "104/106 xã, phường, thị trấn",
            "Các chỉ tiêu y tế",
        ],
        PAGES[3]: [
            "Đoàn kiểm tra làm việc tại 14 xã",
            "Đài Truyền hình Trà Vinh",
            "tiêu chí số 18 về Hệ thống chính trị và tiếp cận pháp luật có 85/85 xã đạt",
            "4.8. Giữ vững quốc phòng, an ninh và trật tự xã hội nông thôn",
            "Phong trào toàn dân bảo vệ an ninh Tổ quốc.",
            "Kết quả bảo đảm an ninh, trật tự",
        ],
    },
    "en": {
        PAGES[0]: [
            "4.4.1. Projects of the National Target Programme",
            "for 9 works of infrastructure in 8 communes facing extreme hardship",
            "Preferential credit",
            "6,563 households borrowed 79,655 million VND for clean water and sanitation",
            "Electricity support",
            "Under Circular No. 190/2014/TT-BTC",
            "Health insurance",
            "Education support",
            "Treatment, meal and travel costs of the poor",
        ],
        PAGES[1]: ["Cultural titles", "72 of 85", "Cultural and sports facilities, mass sport"],
        PAGES[2]: ["1 health worker per 2,000 inhabitants", "104 of 106", "Health indicators"],
        PAGES[3]: [
            "on Trà Vinh Television",
            "Criterion 18 (political system and access to law) is now met by 85 of 85",
            "4.8. Defence, security and social order in rural areas",
            "Security and public order in figures",
        ],
    },
}


@pytest.mark.slow
def test_pages_show_their_parts_in_order_with_tables_and_charts(rendered):
    lang, pages = rendered
    for stem, page in pages.items():
        text = _text(page)
        place = 0
        for expected in EXPECTED[lang][stem]:
            found = text.find(expected, place)
            assert found >= 0, (stem, expected)
            place = found
        assert "Traceback" not in text and "None" not in text.split()
        charts = CHARTS[lang].get(stem, [])
        alts = [html.unescape(a) for a in re.findall(r'<img[^>]*alt="([^"]*)"', page)]
        assert len(alts) == len(charts), stem
        for alt, title in zip(alts, charts, strict=True):
            assert title in alt, (stem, title)
