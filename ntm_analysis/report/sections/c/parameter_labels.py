"""The outlook's parameters named in words for the workings appendix of section C.

A parameter's path in `data/reference/outlook.yml` (`communes.ntm.registered.completion.3`)
is what analysts edit; the page names it in words and keeps the path out of sight.
"""

from __future__ import annotations

from ntm_analysis.i18n import N_, t

SCALARS = {
    "reference_months": N_("Số tháng mà các xác suất dưới đây áp dụng"),
    "recognition_cutoff_month": N_(
        "Tháng của năm sau mà quyết định công nhận ký đến hết tháng đó vẫn tính cho năm"
    ),
    "interval": N_("Độ phủ của khoảng dự báo"),
    "status.on_track": N_("Khả năng đạt tối thiểu để xếp “đúng tiến độ”"),
    "status.at_risk": N_("Khả năng đạt tối thiểu để xếp “có nguy cơ không đạt”"),
    "districts.schedule_kept": N_("Khả năng huyện hoàn thành tiêu chí đúng tháng đã báo"),
    "members.completion": N_("Khả năng xã nâng cao có thêm ấp kiểu mẫu trong {months} tháng"),
    "pace.spread": N_("Độ dao động của phần thay đổi còn lại (so với mức kỳ vọng)"),
    "pace.year_to_date": N_("Hệ số nhịp những tháng cuối năm của số liệu lũy kế từ tháng 1"),
    "calibration.min_observations": N_("Số quan sát tối thiểu để hiệu chỉnh một tham số"),
}

GROUPS = {
    "communes.ntm.registered": N_("xã đăng ký đạt chuẩn NTM trong năm"),
    "communes.ntm.unregistered": N_("xã chưa đăng ký đạt chuẩn NTM trong năm"),
    "communes.advanced.registered": N_("xã đăng ký đạt chuẩn NTM nâng cao trong năm"),
    "districts": N_("huyện"),
}

COMPLETION = N_("Khả năng hoàn thành trong {months} tháng, {group}, còn thiếu {n} tiêu chí")
COMPLETION_OR_MORE = N_(
    "Khả năng hoàn thành trong {months} tháng, {group}, còn thiếu từ {n} tiêu chí trở lên"
)
RECOGNITION = N_("Khả năng được công nhận trong kỳ xét, {group} đã đạt đủ tiêu chí")


def parameter_label(path: str, lang: str = "vi", months: int = 3, or_more: bool = False) -> str:
    """`path` (dotted, as in outlook.yml) in words, for probabilities stated over `months`
    (the file's `reference_months`); `or_more` for the last gap of a table, which stands for
    every larger gap too. The path itself when no wording fits."""
    if path in SCALARS:
        return t(lang, SCALARS[path], months=months)
    head, _, last = path.rpartition(".")
    group, _, kind = head.rpartition(".")
    if kind == "completion" and group in GROUPS and last.isdigit():
        wording = COMPLETION_OR_MORE if or_more else COMPLETION
        return t(lang, wording, group=t(lang, GROUPS[group]), n=last, months=months)
    if last == "recognition" and head in GROUPS:
        return t(lang, RECOGNITION, group=t(lang, GROUPS[head]))
    return path


__all__ = ["parameter_label"]
