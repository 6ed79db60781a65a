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
    """What a clerk reads above each column (the keys stay in the hidden key row)."""
    return {
        "indicator": t(lang, "Mã chỉ tiêu"),
        "area": t(lang, "Mã địa bàn"),
        "label": t(lang, "Chỉ tiêu"),
        "unit": t(lang, "Đơn vị tính"),
        "area_name": t(lang, "Địa bàn"),
        "previous": t(lang, "Số liệu kỳ trước (để tham khảo, có thể sao chép)"),
        "value": t(lang, "Số liệu kỳ này"),
        "note": tp(lang, "column of the input workbook", "Ghi chú"),
        "code": t(lang, "Mã xã"),
        "district_code": t(lang, "Mã huyện"),
        "name": t(lang, "Xã"),
        "district": t(lang, "Huyện"),
        "previous_ntm_status": t(lang, "Đạt chuẩn NTM: kỳ trước"),
        "ntm_status": t(lang, "Đạt chuẩn NTM: kỳ này"),
        "previous_advanced_status": t(lang, "Đạt chuẩn NTM nâng cao: kỳ trước"),
        "advanced_status": t(lang, "Đạt chuẩn NTM nâng cao: kỳ này"),
        "previous_registered": t(lang, "Đăng ký trong năm: kỳ trước"),
        "registered": t(lang, "Đăng ký trong năm: kỳ này"),
        "previous_district_status": t(lang, "Đạt chuẩn huyện NTM: kỳ trước"),
        "district_status": t(lang, "Đạt chuẩn huyện NTM: kỳ này"),
        "previous_criteria": t(lang, "Tiêu chí huyện đã đạt kỳ trước"),
        "list": t(lang, "Mã danh sách"),
        "item": t(lang, "Mã mục"),
        "list_label": t(lang, "Danh sách"),
        "list_value": t(lang, "Tên xã, huyện hoặc tiêu chí (chọn trong ô thả xuống)"),
        "detail": t(lang, "Chi tiết"),
        "ntm_plan_year": t(lang, "Năm phấn đấu đạt chuẩn"),
        "target_id": t(lang, "Mã mục tiêu"),
        "direction": t(lang, "Yêu cầu"),
        "current": t(lang, "Chỉ tiêu năm {year}"),
        "next_value": t(lang, "Chỉ tiêu năm {year}"),
        "next_stretch": t(lang, "Mức phấn đấu năm {year}, nếu có"),
        "named_list": t(lang, "Tên các xã, huyện của chỉ tiêu: chọn ở sheet Danh sách, mục"),
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
        "none": t(lang, "Không đăng ký"),
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
    """A header cell: the label in the workbook's language only (its key is in the hidden key
    row above it)."""
    return HEADERS[lang][key]


def status_code(text: str, table: Mapping[str, dict[str, str]]) -> str | None:
    """The code of a status word in either language (or the code itself); None if unknown."""
    wanted = " ".join(str(text).split()).casefold()
    for words in table.values():
        for code, word in words.items():
            if wanted in (word.casefold(), code):
                return code
    return None


# The workbook's guide, always in Vietnamese (docs/period-cycle.md): lines for every workbook,
# for the province's or a district's, for the text sheets and the next year's targets. The
# menus are named as Excel and LibreOffice show them in Vietnamese (English Excel in brackets).
GUIDE_TITLE = N_("HƯỚNG DẪN NHẬP SỐ LIỆU — {scope}, kỳ báo cáo {period}")
GUIDE_START = [
    N_(
        "Chỉ nhập vào các ô nền vàng. Các ô khác được khóa để tránh sửa nhầm; cột và dòng ẩn "
        "chứa mã dùng khi nhập vào hệ thống."
    ),
    N_(
        "Mỗi sheet số liệu mang số và tên một phần của báo cáo (A.I, A.II.1 …); mỗi dòng là "
        "một số liệu của một địa bàn. Nhập số vào cột 'Số liệu kỳ này', đúng đơn vị tính của "
        "dòng: ví dụ 1234 hoặc 1.234,5; tỷ lệ ghi 95 hoặc 95%."
    ),
    N_(
        "Số liệu không đổi so với kỳ trước: sao chép ô 'Số liệu kỳ trước' (Ctrl+C) rồi dán vào "
        "ô 'Số liệu kỳ này' (Ctrl+V)."
    ),
    N_(
        "Để trống ô chưa có số liệu: khi nhập vào hệ thống, các ô trống được liệt kê để bổ "
        "sung sau. Không ghi chữ vào ô số liệu (ghi ở cột 'Ghi chú'). Được ghi phép tính trên "
        "các số (ví dụ =120+35); không dùng công thức lấy ô khác hay hàm."
    ),
    N_(
        "Các tỷ lệ (%) và các tổng có đủ thành phần không có trong biểu: hệ thống tự tính. Số "
        "liệu thành phần không được lớn hơn tổng."
    ),
]
GUIDE_PROVINCE = [
    N_(
        "Biểu của tỉnh: các số liệu cấp tỉnh, danh sách cấp tỉnh và lời văn của báo cáo. "
        "Tình trạng các xã, các huyện do huyện nhập trong biểu của huyện; ở sheet 'Xã' và "
        "'Huyện' của biểu này, cột 'kỳ này' để trống: chỉ chọn khi huyện không gửi biểu, hoặc "
        "khi tỉnh cần ghi khác kỳ trước. Ô để trống giữ nguyên tình trạng kỳ trước."
    ),
]
GUIDE_DISTRICT = [
    N_(
        "Biểu của huyện: chỉ gồm các số liệu, các xã và các danh sách của huyện. Ở sheet 'Xã' "
        "và 'Huyện', cột 'kỳ này' đã điền sẵn tình trạng kỳ trước: chỉ sửa khi có thay đổi "
        "(chọn trong ô thả xuống)."
    ),
]
GUIDE_SHEETS = [
    N_(
        "Sheet 'Xã': tình trạng đạt chuẩn NTM, NTM nâng cao, đăng ký trong năm và số ấp, số "
        "hộ của từng xã. Sheet 'Huyện': tình trạng đạt chuẩn huyện NTM và kết quả từng tiêu chí "
        "huyện (Đạt, Chưa đạt, Chưa rõ)."
    ),
    N_(
        "Sheet 'PL03': kết quả từng tiêu chí của từng xã; ghi 1 = đạt, 0 = chưa đạt, để trống "
        "= chưa báo cáo (không phải chưa đạt)."
    ),
    N_(
        "Sheet 'Danh sách': các xã, huyện, tiêu chí được nêu tên trong báo cáo, điền sẵn theo "
        "kỳ trước. Bỏ một tên: xóa nội dung ô tên. Thêm tên ở các dòng trống cuối sheet: chọn "
        "danh sách ở cột 'Danh sách', rồi chọn tên trong ô thả xuống."
    ),
]
GUIDE_TEXT = N_(
    "Các sheet 'Lời văn …': nội dung báo cáo bằng lời (hoạt động, kết quả, hạn chế, nguyên "
    "nhân, nhiệm vụ, giải pháp …), mỗi dòng một ý, điền sẵn theo kỳ trước. Sửa câu chữ ngay "
    "trong ô; xóa nội dung ô 'Nội dung' để bỏ một ý; thêm ý mới ở các dòng trống cuối sheet: "
    "chọn mục và loại trong ô thả xuống rồi ghi nội dung."
)
GUIDE_TARGETS = N_(
    "Sheet 'Chỉ tiêu năm …': chỉ tiêu năm sau của từng mục tiêu (và mức phấn đấu nếu có); "
    "cột chỉ tiêu năm nay để tham khảo. Tên các xã của chỉ tiêu năm sau chọn ở sheet 'Danh "
    "sách' (danh sách 'Chỉ tiêu năm …'). Để trống cả sheet nếu chưa giao chỉ tiêu năm sau."
)
GUIDE_END = [
    N_(
        "Không thêm, xóa, đổi tên sheet hay cột: các sheet và cấu trúc tệp được khóa {lock}. "
        "Khi thật cần mở khóa — Excel: Xem lại > Bỏ bảo vệ Trang tính (Review > Unprotect "
        "Sheet) và Xem lại > Bảo vệ Sổ làm việc (Review > Protect Workbook); LibreOffice: Công "
        "cụ > Bảo vệ trang tính (Tools > Protect Sheet) và Công cụ > Bảo vệ cấu trúc bảng tính "
        "(Tools > Protect Spreadsheet Structure)."
    ),
    N_(
        "Lưu tệp dạng .xlsx — Excel: Tệp > Lưu (File > Save); LibreOffice: Tập tin > Lưu "
        "(File > Save), bấm nút giữ định dạng Excel (Dùng định dạng Excel…). Gửi tệp "
        "cho Văn phòng Điều phối; văn phòng nhập tất cả các tệp một lần bằng lệnh "
        "'ntm-report import --period {period} <tệp> …'."
    ),
]
LOCK_FREE = N_("không mật khẩu, chỉ để tránh sửa nhầm")
LOCK_PASSWORD = N_("bằng mật khẩu do Văn phòng Điều phối giữ")


def guide_lines(
    period: str, scope: str, district: bool, text: bool, targets: bool, password: bool
) -> list[str]:
    """The guide of a workbook, in Vietnamese: its title, then the numbered lines that apply
    to it."""
    lines = [*GUIDE_START, *(GUIDE_DISTRICT if district else GUIDE_PROVINCE), *GUIDE_SHEETS]
    lines += ([GUIDE_TEXT] if text else []) + ([GUIDE_TARGETS] if targets else []) + GUIDE_END
    lock = t("vi", LOCK_PASSWORD if password else LOCK_FREE)
    return [t("vi", GUIDE_TITLE, scope=scope, period=period)] + [
        f"{n}. {t('vi', line, period=period, lock=lock)}" for n, line in enumerate(lines, start=1)
    ]
