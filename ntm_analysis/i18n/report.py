"""Wordings of the report (pages, sections, tables, charts)."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "cycle.series.alt": {
        "vi": "Biểu đồ đường: các chỉ tiêu chính qua các kỳ báo cáo ({names})",
        "en": "Line charts: headline indicators across reporting periods ({names})",
    },
    # report/wording.py: qualifiers of a printed figure ("over 90%")
    "report.qualifier.over": {"vi": "trên", "en": "over"},
    "report.qualifier.more_than": {"vi": "hơn", "en": "more than"},
    "report.qualifier.about": {"vi": "khoảng", "en": "about"},
    "report.qualifier.under": {"vi": "dưới", "en": "under"},
    "report.qualifier.before": {"vi": "trước năm", "en": "before"},
    # the units a named list holds (plural heads: "3 xã: …", "3 communes: …")
    "report.units.xa": {"vi": "xã", "en": "communes"},
    "report.units.phuong": {"vi": "phường", "en": "wards"},
    "report.units.thi_tran": {"vi": "thị trấn", "en": "townships"},
    "report.units.hamlet": {"vi": "ấp", "en": "hamlets"},
    "report.unit.xa": {"vi": "xã", "en": "commune"},
    "report.unit.phuong": {"vi": "phường", "en": "ward"},
    "report.unit.thi_tran": {"vi": "thị trấn", "en": "township"},
    "report.districts.huyen": {"vi": "huyện", "en": "districts"},
    "report.districts.thi_xa": {"vi": "thị xã", "en": "towns"},
    "report.districts.thanh_pho": {"vi": "thành phố", "en": "cities"},
    "report.items.criteria": {"vi": "tiêu chí", "en": "criteria"},
    "report.items.criterion": {"vi": "tiêu chí", "en": "criterion"},
    "report.items.districts": {"vi": "đơn vị cấp huyện", "en": "districts"},
    "report.items.units": {"vi": "đơn vị", "en": "units"},
    "report.items.hamlet": {"vi": "{hamlet} {unit} {commune}", "en": "{hamlet} in {commune}"},
    # report/targets_view.py
    "report.registration.ntm": {"vi": "NTM", "en": "NTM"},
    "report.registration.ntm_stretch": {"vi": "NTM (phấn đấu)", "en": "NTM (stretch)"},
    "report.registration.advanced": {"vi": "NTM nâng cao", "en": "advanced NTM"},
    "report.registration.advanced_stretch": {
        "vi": "NTM nâng cao (phấn đấu)",
        "en": "advanced NTM (stretch)",
    },
    "report.criteria_average.current": {
        "vi": "Bình quân hiện tại nằm trong khoảng {low}–{high} tiêu chí/xã "
        "(tổng {total_low}–{total_high} tiêu chí trên {communes} xã).",
        "en": "The current average lies between {low} and {high} criteria per commune "
        "(total {total_low}–{total_high} over {communes} communes).",
    },
    "report.criteria_average.needed": {
        "vi": "Để đạt {target} tiêu chí/xã, toàn tỉnh cần tăng thêm {need_low}–{need_high} "
        "tiêu chí.",
        "en": "Reaching {target} per commune needs {need_low}–{need_high} more criteria "
        "province-wide.",
    },
    "report.criteria_average.floor": {
        "vi": " và không xã nào dưới {floor} tiêu chí",
        "en": " and none stays below {floor}",
    },
    "report.criteria_average.plan": {
        "vi": "Nếu {n} xã đăng ký đạt đủ {top} tiêu chí{floors}: bình quân {low}–{high}.",
        "en": "If the {n} registered communes reach {top}{floors}: average {low}–{high}.",
    },
    "report.criteria_table.criterion": {"vi": "Tiêu chí", "en": "Criterion"},
    "report.criteria_table.met": {"vi": "Số xã đạt", "en": "Communes meeting"},
    "report.criteria_table.missing": {"vi": "Số xã chưa đạt", "en": "Communes missing"},
    "report.criteria_table.who": {
        "vi": "Xã chưa đạt (phụ lục)",
        "en": "Communes missing (annex)",
    },
    "report.next_year.target": {"vi": "Chỉ tiêu", "en": "Target"},
    "report.next_year.value": {"vi": "Mục tiêu", "en": "Value"},
    "report.next_year.stretch": {"vi": "Mức phấn đấu", "en": "Stretch"},
    # report/sections.py
    "report.figures.section": {"vi": "Mục", "en": "Section"},
    "report.figures.indicator": {"vi": "Chỉ tiêu", "en": "Indicator"},
    "report.figures.area": {"vi": "Địa bàn", "en": "Area"},
    "report.figures.value": {"vi": "Giá trị", "en": "Value"},
    "report.figures.unit": {"vi": "Đơn vị", "en": "Unit"},
    "report.figures.as_printed": {"vi": "Số in trong báo cáo", "en": "As printed"},
    "report.lists.named": {"vi": "Danh sách được nêu tên", "en": "Named list"},
    "report.lists.list": {"vi": "Danh sách", "en": "List"},
    "report.lists.name": {"vi": "Tên", "en": "Name"},
    "report.lists.district": {"vi": "Huyện", "en": "District"},
    "report.lists.as_printed": {"vi": "Tên trong báo cáo", "en": "Name as printed"},
    "report.district_table.district": {"vi": "Đơn vị cấp huyện", "en": "District-level unit"},
    "report.district_table.status": {"vi": "Tình trạng", "en": "Status"},
    "report.district_table.ntm": {
        "vi": "Xã đạt chuẩn NTM (xã)",
        "en": "NTM communes (communes)",
    },
    "report.district_table.communes": {"vi": "Tổng số xã (xã)", "en": "Communes (communes)"},
    "report.district_table.ntm_pct": {
        "vi": "Tỷ lệ xã đạt chuẩn NTM (%)",
        "en": "NTM communes (%)",
    },
    "report.district_table.criteria": {
        "vi": "Tiêu chí huyện NTM đạt (tiêu chí)",
        "en": "District NTM criteria met (criteria)",
    },
    "report.district_status.recognised": {"vi": "Đã đạt chuẩn NTM", "en": "NTM recognised"},
    "report.district_status.plan": {"vi": "Kế hoạch", "en": "Planned"},
    "report.district_status.before": {"vi": "trước năm", "en": "before"},
    "report.district_status.year": {"vi": "năm", "en": "in"},
    "report.breakdown.total": {"vi": "Tổng cộng", "en": "Total"},
    "report.breakdown.source": {"vi": "Nguồn", "en": "Source"},
    "report.breakdown.amount": {"vi": "Số tiền ({unit})", "en": "Amount ({unit})"},
    "report.breakdown.share": {"vi": "Tỷ trọng (%)", "en": "Share (%)"},
    "report.change.indicator": {"vi": "Chỉ tiêu", "en": "Indicator"},
    "report.change.unit": {"vi": "Đơn vị", "en": "Unit"},
    "report.change.change": {"vi": "Tăng (+)/giảm (-)", "en": "Change"},
    # report/assessment.py
    "report.assessment.elapsed": {
        "vi": "đã qua {months}/12 tháng ({time} thời gian)",
        "en": "{months} of 12 months elapsed ({time} of the year)",
    },
    "report.assessment.disagree": {
        "vi": "số liệu trong báo cáo không khớp nhau",
        "en": "figures disagree",
    },
    # report/prose.py
    "report.omitted.section": {"vi": "Mục", "en": "Section"},
    "report.omitted.missing": {"vi": "Số liệu còn thiếu", "en": "Missing figure"},
    "report.omitted.area": {"vi": "Địa bàn", "en": "Area"},
    # report/sections_a24.py
    "report.a24.number": {"vi": "Số", "en": "No."},
    "report.a24.criterion": {"vi": "Tiêu chí", "en": "Criterion"},
    "report.a24.met": {"vi": "Số xã đạt", "en": "Communes meeting it"},
    "report.a24.total": {"vi": "Tổng số xã", "en": "Total communes"},
    "report.a24.axis": {"vi": "Số xã đạt", "en": "Communes meeting the criterion"},
    # report/words/facts.py: the kind of a document whose number names none
    "report.document.joint_circular": {"vi": "Thông tư liên tịch", "en": "Joint Circular"},
    "report.document.resolution": {"vi": "Nghị quyết", "en": "Resolution"},
    "report.document.letter": {"vi": "Công văn", "en": "Official Letter"},
    # report/targets_view.py: communes below the top
    "report.gap_table.commune": {"vi": "Xã", "en": "Commune"},
    "report.gap_table.district": {"vi": "Huyện", "en": "District"},
    "report.gap_table.met": {"vi": "Tiêu chí đạt", "en": "Criteria met"},
    "report.gap_table.gap": {"vi": "Còn thiếu", "en": "Gap to {top}"},
    "report.gap_table.registered": {"vi": "Đăng ký trong năm", "en": "Registered this year"},
    "report.gap_summary": {
        "vi": "Ngoài các xã trên, còn {count} xã chưa đạt đủ {top} tiêu chí trong số {open} xã "
        "mà báo cáo không nêu số tiêu chí.",
        "en": "Besides the communes above, {count} of the {open} communes whose criteria the "
        "report does not give are below {top}.",
    },
    # names of places: the unit type before (vi) or after (en) the name
    "report.place.unit": {"vi": "{kind} {name}", "en": "{name} {kind}"},
    # report/documents.py: the documents' title
    "report.documents.title": {
        "vi": "Kết quả thực hiện các Chương trình mục tiêu quốc gia và Phong trào "
        "“Toàn dân đoàn kết xây dựng đời sống văn hóa”",
        "en": "Results of the National Target Programmes and the "
        "“All people unite to build a cultural life” movement",
    },
    "report.run.not_executed": {
        "vi": "Không chạy được sổ tính này",
        "en": "This notebook could not be run",
    },
    # report/run/batch.py: `run --executor dask` without the optional extra installed
    "report.run.dask_missing": {
        "vi": "--executor dask cần gói tùy chọn dask, chưa được cài đặt; cài bằng lệnh "
        "pip install -e '.[dask]' (trong thư mục dự án) hoặc pip install 'ntm-analysis[dask]'",
        "en": "--executor dask needs the optional dask extra, which is not installed; install "
        "it with pip install -e '.[dask]' (in the project folder) or "
        "pip install 'ntm-analysis[dask]'",
    },
    "report.charts.shares_title": {"vi": "Tỷ lệ đạt được (%)", "en": "Shares reached (%)"},
    "report.assessment.columns.issue": {"vi": "Vấn đề", "en": "Issue"},
    "report.assessment.columns.figure": {"vi": "Số liệu", "en": "Figure"},
    "report.assessment.columns.basis": {"vi": "Căn cứ", "en": "Basis"},
    "report.assessment.columns.section": {"vi": "Mục", "en": "Section"},
    "units.unknown": {"vi": "chưa xác định được đơn vị", "en": "unit not determined"},
}
