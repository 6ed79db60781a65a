"""Label tables: per-language dictionaries of the modules, one message per entry (their
ids: the module, the table's name, the key)."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # quality/__init__.py: MATCH_METHOD
    "quality.match_method.folded": {"vi": "viết không dấu", "en": "written without diacritics"},
    "quality.match_method.tone": {"vi": "khác cách bỏ dấu", "en": "tone mark placed differently"},
    "quality.match_method.prefix": {
        "vi": "thiếu hoặc thừa tiền tố",
        "en": "prefix missing or extra",
    },
    "quality.match_method.exact": {"vi": "khớp", "en": "exact"},
    # quality/tables.py: TABLE_NAME
    "quality.tables.table_name.communes": {"vi": "bảng xã", "en": "the communes table"},
    "quality.tables.table_name.districts": {"vi": "bảng huyện", "en": "the districts table"},
    "quality.tables.table_name.district_criteria": {
        "vi": "bảng tiêu chí huyện",
        "en": "the district criteria table",
    },
    # report/charts/bars.py: ALT
    "report.charts.bars.alt.bars": {"vi": "Biểu đồ thanh ngang", "en": "Horizontal bar chart"},
    "report.charts.bars.alt.matrix": {"vi": "Bảng màu", "en": "Colour matrix"},
    "report.charts.bars.alt.more": {"vi": "và {n} mục khác", "en": "and {n} more"},
    # report/charts/bars.py: AMOUNT_WORDS
    "report.charts.bars.amount_words.total": {"vi": "Tổng", "en": "Total"},
    "report.charts.bars.amount_words.done": {"vi": "Đã đạt", "en": "Achieved"},
    "report.charts.bars.amount_words.title": {
        "vi": "Đã đạt so với tổng ({unit})",
        "en": "Achieved against total ({unit})",
    },
    # report/charts/criteria.py: TEXT
    "report.charts.criteria.text.bands": {
        "vi": "Số xã theo số tiêu chí đạt",
        "en": "Communes by number of criteria met",
    },
    "report.charts.criteria.text.attainment": {
        "vi": "Số xã đạt từng tiêu chí",
        "en": "Communes meeting each criterion",
    },
    "report.charts.criteria.text.not_reported": {"vi": "chưa có số liệu", "en": "not reported"},
    "report.charts.criteria.text.district": {
        "vi": "Tiêu chí huyện nông thôn mới theo từng huyện",
        "en": "District NTM criteria by district",
    },
    "report.charts.criteria.text.commune": {
        "vi": "Tiêu chí xã theo từng xã",
        "en": "Commune criteria by commune",
    },
    "report.charts.criteria.text.commune_axis": {"vi": "Tiêu chí số", "en": "Criterion no."},
    "report.charts.criteria.text.count": {
        "vi": "{met} đạt, {no} chưa đạt, {unknown} chưa rõ",
        "en": "{met} met, {no} not met, {unknown} unknown",
    },
    # report/charts/map.py: WORDS
    "report.charts.map.words.all": {"vi": "Đạt {n}/{n} tiêu chí", "en": "All {n} criteria met"},
    "report.charts.map.words.band": {
        "vi": "Đạt {lo}–{hi} tiêu chí",
        "en": "{lo}–{hi} criteria met",
    },
    "report.charts.map.words.below": {"vi": "Dưới {hi} tiêu chí", "en": "Fewer than {hi} criteria"},
    "report.charts.map.words.unknown": {"vi": "Chưa xác định", "en": "Not determined"},
    "report.charts.map.words.recognised": {"vi": "Đạt chuẩn nông thôn mới", "en": "Recognised NTM"},
    "report.charts.map.words.not_recognised": {"vi": "Chưa đạt chuẩn", "en": "Not yet recognised"},
    "report.charts.map.words.missing": {
        "vi": "{n} xã không có tọa độ, không hiển thị",
        "en": "{n} communes without coordinates, not shown",
    },
    "report.charts.map.words.title_criteria": {
        "vi": "Số tiêu chí nông thôn mới đạt theo xã",
        "en": "New Rural Development criteria met, by commune",
    },
    "report.charts.map.words.title_status": {
        "vi": "Xã đạt chuẩn nông thôn mới",
        "en": "Communes recognised as New Rural Development",
    },
    "report.charts.map.words.alt": {
        "vi": "Bản đồ {n} xã theo vị trí. {title}. ",
        "en": "Map of {n} communes at their locations. {title}. ",
    },
    # report/charts/style.py: WORDS
    "report.charts.style.words.met": {"vi": "Đạt", "en": "Met"},
    "report.charts.style.words.not_met": {"vi": "Chưa đạt", "en": "Not met"},
    "report.charts.style.words.unknown": {"vi": "Chưa rõ", "en": "Unknown"},
    # report/charts/targets.py: WORDS
    "report.charts.targets.words.title": {
        "vi": "Mức đạt so với mục tiêu cuối năm",
        "en": "Progress towards the year-end targets",
    },
    "report.charts.targets.words.axis": {
        "vi": "Mức đạt so với mục tiêu (%)",
        "en": "Share of the target reached (%)",
    },
    "report.charts.targets.words.projection": {
        "vi": "Dự báo đến {when}",
        "en": "Projection to {when}",
    },
    "report.charts.targets.words.target": {"vi": "Mục tiêu", "en": "Target"},
    # report/documents.py: LINKS
    "report.documents.links.docx": {"vi": "Báo cáo (Word)", "en": "Report (Word)"},
    "report.documents.links.pdf": {"vi": "Báo cáo (PDF)", "en": "Report (PDF)"},
    # report/notebook.py: TEXT
    "report.notebook.text.figures": {"vi": "Số liệu", "en": "Figures"},
    "report.notebook.text.charts": {"vi": "Biểu đồ", "en": "Charts"},
    "report.notebook.text.lists": {"vi": "Danh sách được nêu tên", "en": "Named lists"},
    "report.notebook.text.findings": {
        "vi": "Kiểm tra chất lượng số liệu",
        "en": "Data-quality checks",
    },
    "report.notebook.text.no_findings": {
        "vi": "Không phát hiện bất thường.",
        "en": "No inconsistency found.",
    },
    "report.notebook.text.summary": {
        "vi": "{error} lỗi, {warning} cảnh báo, {info} thông tin",
        "en": "{error} error(s), {warning} warning(s), {info} info",
    },
    "report.notebook.text.measurable": {
        "vi": "Hạn chế thể hiện qua số liệu",
        "en": "Shortcomings the data shows",
    },
    "report.notebook.text.achievement": {"vi": "Kết quả đạt được", "en": "Achievements"},
    "report.notebook.text.shortcoming": {
        "vi": "Tồn tại, hạn chế (ghi nhận)",
        "en": "Shortcomings (recorded)",
    },
    "report.notebook.text.cause": {"vi": "Nguyên nhân", "en": "Causes"},
    "report.notebook.text.outlook": {"vi": "Triển vọng cuối năm", "en": "Year-end outlook"},
    "report.notebook.text.criteria_gaps": {
        "vi": "Tiêu chí gần hoàn thành (ít xã chưa đạt nhất)",
        "en": "Criteria closest to completion (fewest communes missing)",
    },
    "report.notebook.text.criteria_average": {
        "vi": "Bình quân tiêu chí/xã: khoảng hiện tại và kịch bản",
        "en": "Criteria per commune: current interval and scenario",
    },
    "report.notebook.text.gaps": {
        "vi": "Các xã còn thiếu tiêu chí",
        "en": "Communes still short of criteria",
    },
    "report.notebook.text.appendix": {
        "vi": "Phụ lục: toàn bộ số liệu của mục (giá trị và số in trong báo cáo)",
        "en": "Appendix: every figure of the section (value and figure as printed)",
    },
    "report.notebook.text.chart": {"vi": "Biểu đồ", "en": "Chart"},
    "report.notebook.text.next_year": {"vi": "Mục tiêu năm sau", "en": "Next year's targets"},
    # report/overview.py: COLUMNS
    "report.overview.columns.section": {"vi": "Mục báo cáo", "en": "Report section"},
    "report.overview.columns.indicators": {"vi": "Số chỉ tiêu", "en": "Indicators"},
    "report.overview.columns.observed": {"vi": "Chỉ tiêu có số liệu", "en": "Indicators observed"},
    "report.overview.columns.observations": {"vi": "Số dòng số liệu", "en": "Observation rows"},
    "report.overview.columns.total": {"vi": "Tổng cộng", "en": "Total"},
    # report/overview.py: ABOUT
    "report.overview.about.heading": {"vi": "Về lần chạy này", "en": "About this run"},
    "report.overview.about.period": {"vi": "Kỳ báo cáo", "en": "Reporting period"},
    "report.overview.about.version": {
        "vi": "Phiên bản gói ntm-analysis",
        "en": "ntm-analysis package version",
    },
    # report/run/index.py: TEXT
    "report.run.index.text.title": {
        "vi": "Báo cáo xây dựng nông thôn mới",
        "en": "New Rural Development report",
    },
    "report.run.index.text.all_ok": {
        "vi": "Tất cả các phần đã chạy thành công.",
        "en": "Every section ran successfully.",
    },
    "report.run.index.text.some_failed": {
        "vi": "Có phần chạy bị lỗi; trang của phần đó hiển thị ô lệnh lỗi và thông báo lỗi.",
        "en": "Some sections failed; their pages show the failing cell and the error.",
    },
    "report.run.index.text.full_report": {
        "vi": "Toàn bộ báo cáo trên một trang",
        "en": "The whole report on one page",
    },
    "report.run.index.text.downloads": {"vi": "Tải về", "en": "Download"},
    "report.run.index.text.notebook": {"vi": "Phần", "en": "Section"},
    "report.run.index.text.status": {"vi": "Trạng thái", "en": "Status"},
    "report.run.index.text.duration": {"vi": "Thời gian chạy", "en": "Run time"},
    "report.run.index.text.ok": {"vi": "hoàn thành", "en": "ok"},
    "report.run.index.text.failed": {"vi": "lỗi", "en": "failed"},
    "report.run.index.text.kept": {"vi": "giữ từ lần chạy", "en": "kept from the run of"},
    "report.run.index.text.reused": {
        "vi": "không đổi, dùng lại kết quả chạy lúc",
        "en": "unchanged, reused from the run of",
    },
    "report.run.index.text.headlines": {"vi": "Số liệu chính", "en": "Headline figures"},
    "report.run.index.text.quality": {
        "vi": "Kiểm tra chất lượng số liệu",
        "en": "Data-quality checks",
    },
    "report.run.index.text.errors": {"vi": "lỗi", "en": "errors"},
    "report.run.index.text.warnings": {"vi": "cảnh báo", "en": "warnings"},
    "report.run.index.text.infos": {"vi": "thông tin", "en": "info"},
    "report.run.index.text.quality_page": {"vi": "xem chi tiết", "en": "details"},
    "report.run.index.text.details": {
        "vi": "Thông tin kỹ thuật về lần chạy",
        "en": "Technical details of this run",
    },
    "report.run.index.text.run_at": {"vi": "Chạy từ", "en": "Run from"},
    "report.run.index.text.version": {"vi": "Phiên bản ntm-analysis", "en": "ntm-analysis version"},
    "report.run.index.text.commit": {
        "vi": "Mã phiên bản mã nguồn (git)",
        "en": "Source revision (git)",
    },
    "report.run.index.text.parameters": {"vi": "Tham số", "en": "Parameters"},
    "report.run.index.text.versions": {"vi": "Phiên bản thư viện", "en": "Library versions"},
    "report.run.index.text.files": {
        "vi": "Tệp dữ liệu và mã SHA-256",
        "en": "Data files and their SHA-256",
    },
    "report.run.index.text.file": {"vi": "Tệp", "en": "File"},
    "report.run.index.text.record": {"vi": "Bản ghi đầy đủ", "en": "Full record"},
    "report.run.index.text.periods_title": {
        "vi": "Các kỳ báo cáo đã dựng",
        "en": "Rendered reporting periods",
    },
    "report.run.index.text.period": {"vi": "Kỳ báo cáo", "en": "Reporting period"},
    "report.run.index.text.published": {"vi": "Thời điểm dựng", "en": "Rendered at"},
    "report.run.index.text.no_periods": {
        "vi": "Chưa có kỳ báo cáo nào.",
        "en": "No period has been rendered yet.",
    },
    # report/sections_a24.py: QUALIFIER
    "report.sections_a24.qualifier.over": {"vi": "trên", "en": "over"},
    "report.sections_a24.qualifier.more_than": {"vi": "hơn", "en": "more than"},
    "report.sections_a24.qualifier.about": {"vi": "khoảng", "en": "about"},
    "report.sections_a24.qualifier.under": {"vi": "dưới", "en": "under"},
    # report/word/layout.py: WORDS
    "report.word.layout.words.nation": {
        "vi": "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "en": "SOCIALIST REPUBLIC OF VIET NAM",
    },
    "report.word.layout.words.motto": {
        "vi": "Độc lập - Tự do - Hạnh phúc",
        "en": "Independence - Freedom - Happiness",
    },
    "report.word.layout.words.report": {"vi": "BÁO CÁO", "en": "REPORT"},
    # units/listing.py: RELATION_WORDS
    "units.listing.relation_words.same": {"vi": "giữ nguyên", "en": "unchanged"},
    "units.listing.relation_words.renamed": {"vi": "đổi tên", "en": "renamed"},
    "units.listing.relation_words.merged": {"vi": "sáp nhập", "en": "merged"},
    "units.listing.relation_words.split": {"vi": "chia tách", "en": "split"},
    "units.listing.relation_words.upgraded": {"vi": "lên phường", "en": "became a ward"},
    "units.listing.relation_words.unresolved": {"vi": "chưa xác định", "en": "not determined"},
    # units/listing.py: HEADINGS
    "units.listing.headings.units": {"vi": "đơn vị cấp xã", "en": "commune-level units"},
    "units.listing.headings.to": {"vi": "Đối chiếu sang", "en": "Converted to"},
    # units/words.py: TYPE_LABEL
    "units.words.type_label.tinh": {"vi": "tỉnh", "en": "province"},
    "units.words.type_label.thanh_pho": {"vi": "thành phố", "en": "city"},
    "units.words.type_label.huyen": {"vi": "huyện", "en": "district"},
    "units.words.type_label.thi_xa": {"vi": "thị xã", "en": "town"},
    "units.words.type_label.quan": {"vi": "quận", "en": "urban district"},
    "units.words.type_label.xa": {"vi": "xã", "en": "commune"},
    "units.words.type_label.phuong": {"vi": "phường", "en": "ward"},
    "units.words.type_label.thi_tran": {"vi": "thị trấn", "en": "township"},
    "units.words.type_label.dac_khu": {"vi": "đặc khu", "en": "special zone"},
}
