"""Words of the input workbook in Vietnamese and English; status words both ways.

Each table is read per language, `HEADERS[lang][key]`, and translated at that moment from the
catalogue (ntm_analysis.i18n); a status word is read back in either language (`status_code`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping

from ntm_analysis.i18n import LANGUAGES, N_, t, tp


class _PerLanguage(Mapping[str, dict[str, str]]):
    """A table of words by language (`table["en"]`), translated when it is read."""

    def __init__(self, words: Callable[[str], dict[str, str]]) -> None:
        self._words = words

    def __getitem__(self, lang: str) -> dict[str, str]:
        if lang not in LANGUAGES:
            raise KeyError(lang)
        return self._words(lang)

    def __iter__(self) -> Iterator[str]:
        return iter(LANGUAGES)

    def __len__(self) -> int:
        return len(LANGUAGES)


def _headers(lang: str) -> dict[str, str]:
    return {
        "indicator": t(lang, "Mã chỉ tiêu"),
        "area": t(lang, "Mã địa bàn"),
        "label": t(lang, "Chỉ tiêu"),
        "unit": t(lang, "Đơn vị tính"),
        "area_name": t(lang, "Địa bàn"),
        "previous": t(lang, "Kỳ trước"),
        "value": t(lang, "Giá trị kỳ này"),
        "note": tp(lang, "column of the input workbook", "Ghi chú"),
        "code": t(lang, "Mã xã"),
        "district_code": t(lang, "Mã huyện"),
        "name": t(lang, "Xã"),
        "district": t(lang, "Huyện"),
        "ntm_status": t(lang, "Đạt chuẩn NTM"),
        "advanced_status": t(lang, "Đạt chuẩn NTM nâng cao"),
        "registered": t(lang, "Đăng ký trong năm"),
        "list": t(lang, "Mã danh sách"),
        "item": t(lang, "Mã mục"),
        "list_label": t(lang, "Danh sách"),
        "detail": t(lang, "Chi tiết"),
        "ntm_plan_year": t(lang, "Năm phấn đấu đạt chuẩn"),
        "target_id": t(lang, "Mã mục tiêu"),
        "direction": t(lang, "Hướng"),
        "current": t(lang, "Chỉ tiêu năm {year}"),
        "next_value": t(lang, "Chỉ tiêu năm {year}"),
        "next_stretch": t(lang, "Mức phấn đấu năm {year}, nếu có"),
    }


def _words(lang: str) -> dict[str, str]:
    return {
        "title": t(lang, "BIỂU NHẬP SỐ LIỆU"),
        "period": tp(lang, "label in the input workbook", "Kỳ báo cáo"),
        "scope": t(lang, "Phạm vi"),
        "communes_sheet": tp(lang, "sheet of the input workbook", "Xã"),
        "lists_sheet": tp(lang, "sheet of the input workbook", "Danh sách"),
        "districts_sheet": tp(lang, "sheet of the input workbook", "Huyện"),
        "guide_sheet": "Hướng dẫn",  # the same in both languages (dataset/annex GUIDE_SHEET)
        "number_error": t(lang, "Nhập một số không âm (ví dụ 1234 hoặc 1234,5)."),
        "part_error": t(lang, "Số liệu thành phần không được lớn hơn tổng."),
        "status_error": t(lang, "Chọn một giá trị trong danh sách."),
        "list_of": t(lang, "Danh sách"),
        "section": tp(lang, "a section of the report", "mục"),
        "targets_sheet": tp(lang, "sheet of the input workbook", "Chỉ tiêu năm {year}"),
        "percent_error": t(lang, "Nhập một tỷ lệ từ 0 đến 100."),
    }


def _status(lang: str) -> dict[str, str]:
    return {
        "recognised": tp(lang, "status of a commune or district", "Đạt chuẩn"),
        "not_recognised": tp(lang, "status of a commune or district", "Chưa đạt"),
        "unknown": t(lang, "Chưa rõ"),
    }


def _registered(lang: str) -> dict[str, str]:
    return {
        "": "",
        "ntm": t(lang, "Đăng ký đạt chuẩn NTM"),
        "ntm_stretch": t(lang, "Phấn đấu đạt chuẩn NTM"),
        "advanced": t(lang, "Đăng ký đạt NTM nâng cao"),
        "advanced_stretch": t(lang, "Phấn đấu đạt NTM nâng cao"),
    }


def _met(lang: str) -> dict[str, str]:
    return {"yes": t(lang, "Đạt"), "no": t(lang, "Chưa đạt"), "unknown": t(lang, "Chưa rõ")}


def _district_status(lang: str) -> dict[str, str]:
    return {k: v for k, v in _status(lang).items() if k != "unknown"}


HEADERS = _PerLanguage(_headers)
WORDS = _PerLanguage(_words)
STATUS = _PerLanguage(_status)
REGISTERED = _PerLanguage(_registered)
MET = _PerLanguage(_met)
DISTRICT_STATUS = _PerLanguage(_district_status)


def header(key: str, lang: str) -> str:
    """A header cell: the label in the workbook's language with the key in brackets; English
    headers keep the Vietnamese label too (`Value this period / Giá trị kỳ này (value)`)."""
    if lang == "vi":
        return f"{HEADERS['vi'][key]} ({key})"
    return f"{HEADERS[lang][key]} / {HEADERS['vi'][key]} ({key})"


def status_code(text: str, table: Mapping[str, dict[str, str]]) -> str | None:
    """The code of a status word in either language (or the code itself); None if unknown."""
    wanted = " ".join(str(text).split()).casefold()
    for words in table.values():
        for code, word in words.items():
            if wanted in (word.casefold(), code):
                return code
    return None


# The workbook's guide, always in Vietnamese (docs/period-cycle.md); `{period}` is filled.
GUIDE = [
    N_("HƯỚNG DẪN NHẬP SỐ LIỆU"),
    N_(
        "1. Mỗi sheet mang tên một mục của báo cáo (A.I.1, A.II.1 …) liệt kê các chỉ tiêu của mục "
        "đó, mỗi dòng là một chỉ tiêu của một địa bàn (tỉnh, huyện hoặc xã)."
    ),
    N_(
        "2. Chỉ nhập vào các ô màu vàng ở cột 'Giá trị kỳ này'. Cột 'Kỳ trước' là số liệu kỳ báo "
        "cáo trước, chỉ để tham khảo; không sao chép nếu số liệu đã thay đổi."
    ),
    N_(
        "3. Nhập số không âm, đúng đơn vị tính ghi ở cột 'Đơn vị tính' (ví dụ 1234 hoặc 1234,5). "
        "Không ghi chữ, không ghi đơn vị vào ô số liệu."
    ),
    N_(
        "4. Số liệu thành phần không được lớn hơn tổng. Các tỷ lệ (%) và các tổng có đủ thành "
        "phần không có trong biểu: chúng được tính tự động khi nhập vào hệ thống."
    ),
    N_("5. Để trống ô nếu chưa có số liệu; ô trống được liệt kê khi nhập để bổ sung sau."),
    N_(
        "6. Sheet 'Xã' (Communes): tình trạng đạt chuẩn của từng xã (chọn trong danh sách) và số "
        "ấp, số hộ của xã. Tình trạng kỳ trước đã được điền sẵn: chỉ sửa khi có thay đổi."
    ),
    N_(
        "7. Sheet 'PL03': kết quả từng tiêu chí của từng xã; ghi 1 = đạt, 0 = chưa đạt, để trống "
        "= chưa báo cáo (không phải chưa đạt)."
    ),
    N_(
        "8. Sheet 'Danh sách' (Lists): các danh sách xã, huyện được nêu tên trong báo cáo, điền "
        "sẵn theo kỳ trước. Xóa tên không còn trong danh sách; thêm tên ở các dòng trống cuối "
        "sheet (chọn danh sách, ghi tên xã hoặc huyện)."
    ),
    N_(
        "9. Sheet 'Huyện' (Districts): tình trạng đạt chuẩn huyện NTM và kết quả từng tiêu chí "
        "huyện (Đạt, Chưa đạt, Chưa rõ), điền sẵn theo kỳ trước: chỉ sửa khi có thay đổi."
    ),
    N_(
        "10. Không thêm, xóa, đổi tên sheet hay cột; các cột ẩn chứa mã dùng để nhập vào hệ "
        "thống. Các sheet được khóa không mật khẩu (Review > Unprotect Sheet) chỉ để tránh sửa "
        "nhầm."
    ),
    N_(
        "11. Sheet 'Chỉ tiêu năm …' (chỉ có ở kỳ báo cáo cuối năm): nhập chỉ tiêu năm sau của "
        "từng mục tiêu (và mức phấn đấu nếu có) vào các ô màu vàng; cột chỉ tiêu năm nay chỉ để "
        "tham khảo. Để trống cả sheet nếu chưa giao chỉ tiêu năm sau."
    ),
    N_(
        "12. Lưu tệp (.xlsx) và gửi Văn phòng Điều phối; văn phòng chạy "
        "'ntm-report import --period {period} <tệp> …' để nhập tất cả các tệp một lần."
    ),
]
