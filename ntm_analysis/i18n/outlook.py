"""Wordings of the outlook (statuses, notes of the measure kinds)."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # The one wording of each status (command line, report, section B)
    "outlook.status.met": {"vi": "Đã đạt", "en": "Met"},
    "outlook.status.on_track": {"vi": "Đúng tiến độ", "en": "On track"},
    "outlook.status.at_risk": {"vi": "Có nguy cơ không đạt", "en": "At risk"},
    "outlook.status.off_track": {"vi": "Khó đạt", "en": "Off track"},
    "outlook.status.missed": {"vi": "Không đạt", "en": "Missed"},
    "outlook.status.unknown": {"vi": "Chưa đánh giá được", "en": "Cannot be judged"},
    # outlook/wording.py
    "outlook.year_end": {"vi": "31/12/{year}", "en": "31 December {year}"},
    "outlook.projects_to": {
        "vi": "dự báo đến {date} theo tốc độ từ đầu năm",
        "en": "projected to {date} at the pace since the start of the year",
    },
    "outlook.judged_at_year_end": {
        "vi": "kỳ báo cáo khép lại năm: đánh giá theo số liệu đến {date}, không dự báo",
        "en": "the period closes the year: judged on the figures at {date}, not projected",
    },
    "outlook.no_baseline": {
        "vi": "chưa có số liệu cuối năm trước nên không tính được tốc độ",
        "en": "no figure for the end of the previous year, so no pace can be computed",
    },
    "outlook.no_months": {
        "vi": "kỳ gốc trùng kỳ báo cáo: chưa tính được tốc độ",
        "en": "the baseline is the reporting period itself: no pace yet",
    },
    "outlook.no_progress": {
        "vi": "không tiến triển (hoặc đi ngược mục tiêu) so với cuối năm trước",
        "en": "no progress (or a move away from the target) since the end of the previous year",
    },
    "outlook.no_time": {"vi": "không còn thời gian trong năm", "en": "no time left in the year"},
    "outlook.not_reported": {
        "vi": "báo cáo không có số liệu của kỳ này và không suy ra được",
        "en": "not reported for this period and cannot be derived",
    },
    "outlook.year_to_date": {
        "vi": "số lũy kế từ đầu năm: cuối năm trước bằng 0",
        "en": "accumulated from January: 0 at the end of the previous year",
    },
    "outlook.inconsistent": {
        "vi": "các số liệu tổng hợp về tiêu chí mâu thuẫn nhau (xem trang chất lượng dữ liệu)",
        "en": "the criteria aggregates contradict each other (see the data-quality page)",
    },
    "outlook.range_unknown": {
        "vi": "chỉ biết giá trị hiện tại trong khoảng {span}",
        "en": "the current value is only known to lie in {span}",
    },
    "outlook.not_checked_against_list": {
        "vi": "số liệu báo cáo, chưa đối chiếu được với từng xã trong danh sách",
        "en": "reported figure, not checked commune by commune against the named list",
    },
    # outlook/kinds.py
    "outlook.kinds.list_count": {
        "vi": "{count} trong {total} xã được giao chỉ tiêu đạt {criteria} tiêu chí (bảng xã)",
        "en": "{count} of the {total} named communes at {criteria} criteria (communes table)",
    },
    "outlook.kinds.band.reachable": {"vi": "coi như đạt được", "en": "counted as reachable"},
    "outlook.kinds.band.possible": {"vi": "có thể đạt", "en": "possible"},
    "outlook.kinds.band.unlikely": {
        "vi": "khó đạt trong những tháng còn lại",
        "en": "unlikely in the months left",
    },
    "outlook.kinds.bands_expected": {
        "vi": "cuối năm dự kiến {span} xã; mục tiêu {target}: {status}",
        "en": "expected at year end: {span} communes; target {target}: {status}",
    },
    "outlook.kinds.stretch": {
        "vi": "mức phấn đấu {stretch}: {status}",
        "en": "stretch {stretch}: {status}",
    },
    "outlook.kinds.district": {
        "vi": "tiêu chí huyện: đạt {current}/{needed} (tự đánh giá), còn {gap}; cấp xã: "
        "{recognised}/{total} xã đã được công nhận, {at_top} xã đạt đủ {top} tiêu chí chờ bỏ "
        "phiếu công nhận",
        "en": "district criteria: {current}/{needed} (self-assessed), {gap} to go; communes: "
        "{recognised}/{total} recognised, {at_top} at {top} criteria awaiting the recognition "
        "vote",
    },
    "outlook.kinds.district_short": {
        "vi": ", {short} xã chưa đạt đủ tiêu chí",
        "en": ", {short} still short of criteria",
    },
    "outlook.kinds.below": {
        "vi": "các nhóm tiêu chí cho phép {span} xã dưới {threshold} tiêu chí",
        "en": "the criteria bands allow {span} communes below {threshold}",
    },
    "outlook.kinds.below_lowest": {
        "vi": "; xã thấp nhất có thể ở mức {lowest}, thiếu {short} tiêu chí",
        "en": "; the lowest may be at {lowest}, {short} short",
    },
    "outlook.kinds.needs_lists": {
        "vi": "cần danh sách đầy đủ: {members} và {items}",
        "en": "needs complete lists of {members} and {items}",
    },
    "outlook.kinds.per_member": {
        "vi": "{lacking}/{total} xã ({members}) chưa đủ; cần thêm {needed} trong khi toàn tỉnh "
        "hiện có {existing} ({items})",
        "en": "{lacking} of {total} communes ({members}) fall short; {needed} more are needed, "
        "against {existing} in the province so far ({items})",
    },
    # outlook/measures.py
    "outlook.measures.recomputed": {
        "vi": "tính lại chưa làm tròn: {numerator} / {denominator} = {value}",
        "en": "recomputed unrounded: {numerator} / {denominator} = {value}",
    },
    "outlook.measures.printed": {"vi": " (báo cáo in {printed})", "en": " (printed {printed})"},
    "outlook.measures.ratio_baseline": {
        "vi": "cuối năm trước {value} = {numerator} ({at_base}) / {denominator} ({at_den})",
        "en": "baseline {value} = {numerator} ({at_base}) / {denominator} ({at_den})",
    },
    "outlook.measures.denominator_unchanged": {
        "vi": ": giả định mẫu số không đổi trong năm",
        "en": ": assumes the denominator unchanged during the year",
    },
    "outlook.measures.baseline": {
        "vi": "cuối năm trước: {value} ({period})",
        "en": "baseline {value} ({period})",
    },
    # outlook/scenarios.py
    "outlook.scenarios.verdict.certain": {
        "vi": "đạt mục tiêu trong mọi trường hợp",
        "en": "reaches the target in every case",
    },
    "outlook.scenarios.verdict.possible": {
        "vi": "có thể đạt mục tiêu",
        "en": "may reach the target",
    },
    "outlook.scenarios.verdict.not_reached": {
        "vi": "không đạt mục tiêu trong mọi trường hợp",
        "en": "falls short in every case",
    },
    "outlook.scenarios.plan_registered": {
        "vi": "{n} xã đăng ký đạt đủ {top} tiêu chí",
        "en": "the {n} registered communes reach {top}",
    },
    "outlook.scenarios.plan_floor": {
        "vi": "không xã nào dưới {floor} tiêu chí",
        "en": "none stays below {floor}",
    },
    "outlook.scenarios.plan": {
        "vi": "theo kế hoạch ({what}): bình quân {average}, {verdict}",
        "en": "plan scenario ({what}): average {average}, {verdict}",
    },
    "outlook.scenarios.within_reach": {
        "vi": "nếu mọi xã còn thiếu tối đa {gain} tiêu chí đều đạt đủ {top}: bình quân {average}, "
        "{verdict}",
        "en": "if every commune at most {gain} short of {top} reaches it: average {average}, "
        "{verdict}",
    },
    "outlook.scenarios.position": {
        "vi": "tổng {total} tiêu chí trên {communes} xã (bình quân {average}); để đạt {target} "
        "cần thêm {need} tiêu chí; các xã chưa đạt đủ còn có thể tăng {capacity} tiêu chí",
        "en": "total {total} criteria over {communes} communes (average {average}); reaching "
        "{target} needs {need} more criteria; communes below the top can supply {capacity}",
    },
    # outlook/table.py: column headers
    "outlook.table.target": {"vi": "Chỉ tiêu", "en": "Target"},
    "outlook.table.baseline": {"vi": "Cuối năm trước", "en": "Baseline"},
    "outlook.table.result": {"vi": "Kết quả cuối năm", "en": "Year-end result"},
    "outlook.table.current": {"vi": "Hiện tại", "en": "Current"},
    "outlook.table.value": {"vi": "Mục tiêu", "en": "Target value"},
    "outlook.table.required": {"vi": "Còn thiếu", "en": "Required change"},
    "outlook.table.projected_to": {"vi": "Dự báo đến {date}", "en": "Projected to {date}"},
    "outlook.table.projected": {"vi": "Dự báo cuối năm", "en": "Projected (year end)"},
    "outlook.table.pace": {"vi": "Tốc độ cần (lần)", "en": "Pace needed (×)"},
    "outlook.table.status": {"vi": "Đánh giá", "en": "Status"},
    "outlook.table.notes": {"vi": "Ghi chú", "en": "Notes"},
}
