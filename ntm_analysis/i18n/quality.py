"""Wordings of the data-quality findings and their tables."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "quality.severity.error": {"vi": "lỗi", "en": "error"},
    "quality.severity.warning": {"vi": "cảnh báo", "en": "warning"},
    "quality.severity.info": {"vi": "thông tin", "en": "info"},
    "quality.corrected": {
        "vi": " [đã hiệu chỉnh: {correction}]",
        "en": " [corrected: {correction}]",
    },
    "quality.unit_type.xa": {"vi": "xã", "en": "commune"},
    "quality.unit_type.phuong": {"vi": "phường", "en": "ward"},
    "quality.unit_type.thi_tran": {"vi": "thị trấn", "en": "township"},
    "quality.unit_type.dac_khu": {"vi": "đặc khu", "en": "special zone"},
    "quality.columns.severity": {"vi": "Mức độ", "en": "Severity"},
    "quality.columns.section": {"vi": "Mục", "en": "Section"},
    "quality.columns.area": {"vi": "Địa bàn", "en": "Area"},
    "quality.columns.finding": {"vi": "Nội dung", "en": "Finding"},
    "quality.columns.reported": {"vi": "Số in", "en": "Reported"},
    "quality.columns.computed": {"vi": "Tính lại", "en": "Computed"},
    "quality.summary": {
        "vi": "{error} lỗi, {warning} cảnh báo, {info} thông tin",
        "en": "{error} error(s), {warning} warning(s), {info} info",
    },
    "quality.row": {"vi": "dòng", "en": "row"},
}
