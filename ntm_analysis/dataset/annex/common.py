"""The annex PL 03: file and sheet names, labels, styles, and what its readers share."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Protocol

import pandas as pd
from openpyxl.styles import Alignment, Border, PatternFill, Side

from ntm_analysis.dataset.reference import CriteriaSet
from ntm_analysis.i18n import N_

ANNEX_FILE = "annex_pl03.xlsx"
SHEET = "PL03"
GUIDE_SHEET = "Hướng dẫn"  # the guide's sheet: its Vietnamese name in either language
NOTE = "annex PL03"
ANNEX_COLUMNS = ["code", "criterion", "met", "cell", "source_line"]
EXPECTED_VALUE = N_("1 (đạt), 0 (chưa đạt) hoặc để trống (chưa báo cáo)")
HEADER_SCAN_ROWS = 40

# Template layout: rows of the header block, the criteria groups, the table header, the data.
_TITLE_ROW, _GROUP_ROW, _HEADER_ROW = 1, 6, 7
_FIRST_CRITERION_COLUMN = 5  # E: after STT, Mã xã, Xã, Huyện

# The template's words, translated at use; the reader also accepts the headers in either
# language (`header_labels`).
TEXT = {
    "title": N_("PHỤ LỤC 03: KẾT QUẢ THỰC HIỆN BỘ TIÊU CHÍ QUỐC GIA VỀ XÃ NÔNG THÔN MỚI"),
    "province": N_("Tỉnh:"),
    "period": N_("Kỳ báo cáo:"),
    "criteria_set": N_("Bộ tiêu chí:"),
    "legend": N_("Ghi 1 = đạt, 0 = chưa đạt; để trống = chưa báo cáo (không phải chưa đạt)."),
    "no": N_("STT"),
    "code": N_("Mã xã"),
    "name": N_("Xã"),
    "district": N_("Huyện"),
    "total": N_("Tổng số tiêu chí đạt"),
    "prompt_title": N_("Tiêu chí"),
    "prompt": N_("1 = đạt, 0 = chưa đạt, để trống = chưa báo cáo"),
    "error_title": N_("Giá trị không hợp lệ"),
    "error": N_("Chỉ ghi 1 (đạt) hoặc 0 (chưa đạt); để trống nếu chưa báo cáo."),
}

# The guide sheet, in Vietnamese then in English (each line translated at use; `{period}` is
# the period, and True marks a heading).
GUIDE = [
    (N_("HƯỚNG DẪN (TIẾNG VIỆT)"), True),
    (N_("1. Mỗi dòng của sheet PL03 là một xã; không sửa cột Mã xã (mã GSO), Xã và Huyện."), False),
    (N_("2. Mỗi cột tiêu chí: ghi 1 nếu xã đạt tiêu chí, 0 nếu chưa đạt."), False),
    (
        N_(
            "3. Để trống ô nếu chưa có thông tin: ô trống được hiểu là 'chưa báo cáo', KHÔNG "
            "phải 'chưa đạt'. Không dùng 'x', 'đạt', TRUE/FALSE hay công thức trong các ô tiêu "
            "chí."
        ),
        False,
    ),
    (N_("4. Cột 'Tổng số tiêu chí đạt' và dòng 'Số xã đạt' tự tính, không cần nhập."), False),
    (
        N_("5. Không thêm, xóa hay đổi tên cột tiêu chí; có thể xóa dòng của xã chưa có số liệu."),
        False,
    ),
    (
        N_(
            "6. Lưu tệp với tên annex_pl03.xlsx trong thư mục data/periods/{period}/ rồi chạy "
            "'ntm-report validate --period {period}' để kiểm tra."
        ),
        False,
    ),
]

# Header labels a filled annex may use besides the template's own (`TEXT`, either language),
# compared after the reader's `_key` (casefolded, tones unified, no "(…)" or final ":").
_CODE_LABELS = {"mã", "mã gso", "mã đơn vị", "code", "gso code"}
_NAME_LABELS = {"tên xã", "tên đơn vị", "commune name", "name"}
_DISTRICT_LABELS = {"huyện/thị xã/thành phố", "huyện, thị xã, thành phố"}
_PERIOD_LABELS: set[str] = set()
_SET_LABELS: set[str] = set()
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
