"""The annex PL 03: file and sheet names, labels, styles, and what its readers share."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Protocol

import pandas as pd
from openpyxl.styles import Alignment, Border, PatternFill, Side

from ntm_analysis.dataset.reference import CriteriaSet

ANNEX_FILE = "annex_pl03.xlsx"
SHEET = "PL03"
GUIDE_SHEET = "Hướng dẫn"
NOTE = "annex PL03"
ANNEX_COLUMNS = ["code", "criterion", "met", "cell", "source_line"]
EXPECTED_VALUE = "1 (met), 0 (not met) or an empty cell (not reported)"
HEADER_SCAN_ROWS = 40

# Template layout: rows of the header block, the criteria groups, the table header, the data.
_TITLE_ROW, _GROUP_ROW, _HEADER_ROW = 1, 6, 7
_FIRST_CRITERION_COLUMN = 5  # E: after STT, Mã xã, Xã, Huyện

_TEXT = {
    "vi": {
        "title": "PHỤ LỤC 03: KẾT QUẢ THỰC HIỆN BỘ TIÊU CHÍ QUỐC GIA VỀ XÃ NÔNG THÔN MỚI",
        "province": "Tỉnh:",
        "period": "Kỳ báo cáo:",
        "criteria_set": "Bộ tiêu chí:",
        "legend": "Ghi 1 = đạt, 0 = chưa đạt; để trống = chưa báo cáo (không phải chưa đạt).",
        "no": "STT",
        "code": "Mã xã",
        "name": "Xã",
        "district": "Huyện",
        "total": "Tổng số tiêu chí đạt",
        "footer": "Số xã đạt",
        "prompt_title": "Tiêu chí",
        "prompt": "1 = đạt, 0 = chưa đạt, để trống = chưa báo cáo",
        "error_title": "Giá trị không hợp lệ",
        "error": "Chỉ ghi 1 (đạt) hoặc 0 (chưa đạt); để trống nếu chưa báo cáo.",
    },
    "en": {
        "title": "ANNEX 03: NATIONAL NEW RURAL COMMUNE CRITERIA MET BY EACH COMMUNE",
        "province": "Province:",
        "period": "Period:",
        "criteria_set": "Criteria set:",
        "legend": "Write 1 = met, 0 = not met; leave empty = not reported (not 'not met').",
        "no": "No.",
        "code": "Commune code",
        "name": "Commune",
        "district": "District",
        "total": "Criteria met",
        "footer": "Communes meeting the criterion",
        "prompt_title": "Criterion",
        "prompt": "1 = met, 0 = not met, empty = not reported",
        "error_title": "Invalid value",
        "error": "Write only 1 (met) or 0 (not met); leave the cell empty if not reported.",
    },
}

_GUIDE = [
    ("HƯỚNG DẪN (TIẾNG VIỆT)", True),
    ("1. Mỗi dòng của sheet PL03 là một xã; không sửa cột Mã xã (mã GSO), Xã và Huyện.", False),
    ("2. Mỗi cột tiêu chí: ghi 1 nếu xã đạt tiêu chí, 0 nếu chưa đạt.", False),
    (
        "3. Để trống ô nếu chưa có thông tin: ô trống được hiểu là 'chưa báo cáo', KHÔNG phải "
        "'chưa đạt'. Không dùng 'x', 'đạt', TRUE/FALSE hay công thức trong các ô tiêu chí.",
        False,
    ),
    ("4. Cột 'Tổng số tiêu chí đạt' và dòng 'Số xã đạt' tự tính, không cần nhập.", False),
    ("5. Không thêm, xóa hay đổi tên cột tiêu chí; có thể xóa dòng của xã chưa có số liệu.", False),
    (
        "6. Lưu tệp với tên annex_pl03.xlsx trong thư mục data/periods/<kỳ>/ rồi chạy "
        "'ntm-report validate --period <kỳ>' để kiểm tra.",
        False,
    ),
    ("", False),
    ("INSTRUCTIONS (ENGLISH)", True),
    (
        "1. Each row of sheet PL03 is one commune (xã); do not edit the columns Commune code "
        "(GSO code), Commune and District.",
        False,
    ),
    ("2. In each criterion column write 1 if the commune meets the criterion, 0 if not.", False),
    (
        "3. Leave a cell empty when the information is not available: an empty cell means "
        "'not reported', NOT 'not met'. Do not use 'x', words, TRUE/FALSE or formulas in the "
        "criterion cells.",
        False,
    ),
    ("4. The 'Criteria met' column and the bottom row are computed; do not type in them.", False),
    (
        "5. Do not add, remove or rename criterion columns; rows of communes without data may "
        "be deleted.",
        False,
    ),
    (
        "6. Save the file as annex_pl03.xlsx in data/periods/<period>/ and run "
        "'ntm-report validate --period <period>' to check it.",
        False,
    ),
]

# Labels recognised when reading (compared after `_key`), in both languages.
_CODE_LABELS = {"mã xã", "mã", "mã gso", "mã đơn vị", "commune code", "code", "gso code"}
_NAME_LABELS = {"xã", "tên xã", "tên đơn vị", "commune", "commune name", "name"}
_DISTRICT_LABELS = {"huyện", "district", "huyện/thị xã/thành phố", "huyện, thị xã, thành phố"}
_PERIOD_LABELS = {"kỳ báo cáo", "period"}
_SET_LABELS = {"bộ tiêu chí", "criteria set"}
_CRITERION_HEADER = re.compile(
    r"^(?:tiêu chí\s*(?:số\s*)?|tc\s*)?([0-9]{1,2})(?:\s*[.:)]\s*(.*))?$"
)
_CRITERION_ID = re.compile(r"^c[0-9]{2}$")

_THIN = Side(style="thin", color="808080")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEAD_FILL = PatternFill("solid", fgColor="DDEBF7")
_GROUP_FILL = PatternFill("solid", fgColor="BDD7EE")
_FIXED_FILL = PatternFill("solid", fgColor="F2F2F2")
_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)


class AnnexContext(Protocol):
    """What reading an annex needs: the GSO units, the criteria set and the period."""

    period: str
    units: pd.DataFrame
    criteria: CriteriaSet


class TemplateSource(AnnexContext, Protocol):
    """What writing the template needs: a `PeriodData`, or the office cycle's context of a
    period still to fill (`cycle/context.py`)."""

    communes: pd.DataFrame  # code, district_code, name (empty: the units' xã are listed)

    @property
    def province(self) -> str: ...

    def label(self, lang: str = "vi") -> str: ...


@dataclass(frozen=True)
class AnnexReference:
    """An `AnnexContext` built before the `PeriodData` exists (inside `load_period`)."""

    period: str
    units: pd.DataFrame
    criteria: CriteriaSet


def empty_annex() -> pd.DataFrame:
    """The annex table with no rows (a period without an annex file)."""
    return pd.DataFrame(
        {
            "code": pd.Series(dtype=object),
            "criterion": pd.Series(dtype=object),
            "met": pd.Series(dtype="boolean"),
            "cell": pd.Series(dtype=object),
            "source_line": pd.Series(dtype="int64"),
        }
    )


def criterion_header(criterion: Any, lang: str) -> str:
    """A criterion's column header: "5. Trường học"."""
    return f"{criterion.number}. {criterion.name(lang)}"
