"""Words of the input workbook in Vietnamese and English; status words both ways."""

from __future__ import annotations

HEADERS = {
    "vi": {
        "indicator": "Mã chỉ tiêu",
        "area": "Mã địa bàn",
        "label": "Chỉ tiêu",
        "unit": "Đơn vị tính",
        "area_name": "Địa bàn",
        "previous": "Kỳ trước",
        "value": "Giá trị kỳ này",
        "note": "Ghi chú",
        "code": "Mã xã",
        "district_code": "Mã huyện",
        "name": "Xã",
        "district": "Huyện",
        "ntm_status": "Đạt chuẩn NTM",
        "advanced_status": "Đạt chuẩn NTM nâng cao",
        "registered": "Đăng ký trong năm",
        "list": "Mã danh sách",
        "item": "Mã mục",
        "list_label": "Danh sách",
        "detail": "Chi tiết",
        "ntm_plan_year": "Năm phấn đấu đạt chuẩn",
        "target_id": "Mã mục tiêu",
        "direction": "Hướng",
        "current": "Chỉ tiêu năm {year}",
        "next_value": "Chỉ tiêu năm {year}",
        "next_stretch": "Mức phấn đấu năm {year}, nếu có",
    },
    "en": {
        "indicator": "Indicator code",
        "area": "Area code",
        "label": "Indicator",
        "unit": "Unit",
        "area_name": "Area",
        "previous": "Previous period",
        "value": "Value this period",
        "note": "Note",
        "code": "Commune code",
        "district_code": "District code",
        "name": "Commune",
        "district": "District",
        "ntm_status": "NTM standard",
        "advanced_status": "Advanced NTM standard",
        "registered": "Registered this year",
        "list": "List code",
        "item": "Item code",
        "list_label": "List",
        "detail": "Detail",
        "ntm_plan_year": "Planned year",
        "target_id": "Target id",
        "direction": "Direction",
        "current": "Target {year}",
        "next_value": "Target {year}",
        "next_stretch": "Stretch {year}, optional",
    },
}

WORDS = {
    "vi": {
        "title": "BIỂU NHẬP SỐ LIỆU",
        "period": "Kỳ báo cáo",
        "scope": "Phạm vi",
        "communes_sheet": "Xã",
        "lists_sheet": "Danh sách",
        "districts_sheet": "Huyện",
        "guide_sheet": "Hướng dẫn",
        "number_error": "Nhập một số không âm (ví dụ 1234 hoặc 1234,5).",
        "part_error": "Số liệu thành phần không được lớn hơn tổng.",
        "status_error": "Chọn một giá trị trong danh sách.",
        "list_of": "Danh sách",
        "section": "mục",
        "targets_sheet": "Chỉ tiêu năm {year}",
        "percent_error": "Nhập một tỷ lệ từ 0 đến 100.",
    },
    "en": {
        "title": "DATA ENTRY FORM",
        "period": "Period",
        "scope": "Scope",
        "communes_sheet": "Communes",
        "lists_sheet": "Lists",
        "districts_sheet": "Districts",
        "guide_sheet": "Hướng dẫn",
        "number_error": "Enter a number ≥ 0 (e.g. 1234 or 1234.5).",
        "part_error": "A part cannot exceed its total.",
        "status_error": "Choose a value from the list.",
        "list_of": "List",
        "section": "section",
        "targets_sheet": "Targets {year}",
        "percent_error": "Enter a percentage from 0 to 100.",
    },
}

STATUS = {
    "vi": {"recognised": "Đạt chuẩn", "not_recognised": "Chưa đạt", "unknown": "Chưa rõ"},
    "en": {"recognised": "Recognised", "not_recognised": "Not recognised", "unknown": "Unknown"},
}
REGISTERED = {
    "vi": {
        "": "",
        "ntm": "Đăng ký đạt chuẩn NTM",
        "ntm_stretch": "Phấn đấu đạt chuẩn NTM",
        "advanced": "Đăng ký đạt NTM nâng cao",
        "advanced_stretch": "Phấn đấu đạt NTM nâng cao",
    },
    "en": {
        "": "",
        "ntm": "Registered for NTM",
        "ntm_stretch": "Striving for NTM",
        "advanced": "Registered for advanced NTM",
        "advanced_stretch": "Striving for advanced NTM",
    },
}


def header(key: str, lang: str) -> str:
    """A header cell: the label in the workbook's language with the key in brackets; English
    headers keep the Vietnamese label too (`Value this period / Giá trị kỳ này (value)`)."""
    if lang == "vi":
        return f"{HEADERS['vi'][key]} ({key})"
    return f"{HEADERS[lang][key]} / {HEADERS['vi'][key]} ({key})"


def status_code(text: str, table: dict[str, dict[str, str]]) -> str | None:
    """The code of a status word in either language (or the code itself); None if unknown."""
    wanted = " ".join(str(text).split()).casefold()
    for words in table.values():
        for code, word in words.items():
            if wanted in (word.casefold(), code):
                return code
    return None


GUIDE = [
    "HƯỚNG DẪN NHẬP SỐ LIỆU",
    "1. Mỗi sheet mang tên một mục của báo cáo (A.I.1, A.II.1 …) liệt kê các chỉ tiêu của mục đó, "
    "mỗi dòng là một chỉ tiêu của một địa bàn (tỉnh, huyện hoặc xã).",
    "2. Chỉ nhập vào các ô màu vàng ở cột 'Giá trị kỳ này'. Cột 'Kỳ trước' là số liệu kỳ báo cáo "
    "trước, chỉ để tham khảo; không sao chép nếu số liệu đã thay đổi.",
    "3. Nhập số không âm, đúng đơn vị tính ghi ở cột 'Đơn vị tính' (ví dụ 1234 hoặc 1234,5). "
    "Không ghi chữ, không ghi đơn vị vào ô số liệu.",
    "4. Số liệu thành phần không được lớn hơn tổng. Các tỷ lệ (%) và các tổng có đủ thành phần "
    "không có trong biểu: chúng được tính tự động khi nhập vào hệ thống.",
    "5. Để trống ô nếu chưa có số liệu; ô trống được liệt kê khi nhập để bổ sung sau.",
    "6. Sheet 'Xã' (Communes): tình trạng đạt chuẩn của từng xã (chọn trong danh sách) và "
    "số ấp, số hộ của xã. Tình trạng kỳ trước đã được điền sẵn: chỉ sửa khi có thay đổi.",
    "7. Sheet 'PL03': kết quả từng tiêu chí của từng xã; ghi 1 = đạt, 0 = chưa đạt, để trống = "
    "chưa báo cáo (không phải chưa đạt).",
    "8. Sheet 'Danh sách' (Lists): các danh sách xã, huyện được nêu tên trong báo cáo, điền "
    "sẵn theo kỳ trước. Xóa tên không còn trong danh sách; thêm tên ở các dòng trống cuối "
    "sheet (chọn danh sách, ghi tên xã hoặc huyện).",
    "9. Sheet 'Huyện' (Districts): tình trạng đạt chuẩn huyện NTM và kết quả từng tiêu chí "
    "huyện (Đạt, Chưa đạt, Chưa rõ), điền sẵn theo kỳ trước: chỉ sửa khi có thay đổi.",
    "10. Không thêm, xóa, đổi tên sheet hay cột; các cột ẩn chứa mã dùng để nhập vào hệ thống. "
    "Các sheet được khóa không mật khẩu (Review > Unprotect Sheet) chỉ để tránh sửa nhầm.",
    "11. Sheet 'Chỉ tiêu năm …' (chỉ có ở kỳ báo cáo cuối năm): nhập chỉ tiêu năm sau của "
    "từng mục tiêu (và mức phấn đấu nếu có) vào các ô màu vàng; cột chỉ tiêu năm nay chỉ để "
    "tham khảo. Để trống cả sheet nếu chưa giao chỉ tiêu năm sau.",
    "12. Lưu tệp (.xlsx) và gửi Văn phòng Điều phối; văn phòng chạy "
    "'ntm-report import --period <kỳ> <tệp> …' để nhập tất cả các tệp một lần.",
]

MET = {
    "vi": {"yes": "Đạt", "no": "Chưa đạt", "unknown": "Chưa rõ"},
    "en": {"yes": "Met", "no": "Not met", "unknown": "Unknown"},
}
DISTRICT_STATUS = {
    "vi": {"recognised": "Đạt chuẩn", "not_recognised": "Chưa đạt"},
    "en": {"recognised": "Recognised", "not_recognised": "Not recognised"},
}
