"""The sheets of the report's text in the province's workbook: one per part of the report
(A.I, A.II, B, C), one row per point — an activity, a legal basis, an achievement, a
shortcoming, a cause, a task, a solution or a note — prefilled with the points to start from
(the period's own once imported, else last period's), with blank rows to add points.

A clerk sees the section, the kind (both chosen from drop-downs), the text, a group title, the
document a point cites (number, date, issuer) and the named list it introduces (a drop-down
of the lists). Hidden columns keep what a clerk does not edit: the figures a point is measured
by, and the English text with the Vietnamese it translates (kept only while the Vietnamese is
unchanged). Reading the sheets back and writing `qualitative.yml`: `cycle/text_reader.py`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from openpyxl import Workbook

from ntm_analysis.cycle.context import Context
from ntm_analysis.cycle.layout import (
    HEADER_ROW,
    WRAP,
    block,
    choices,
    head,
    protect,
    status_validation,
    unlock,
)
from ntm_analysis.cycle.sheets import list_label, list_labels
from ntm_analysis.dataset.outline import Entry
from ntm_analysis.dataset.qualitative import KINDS, QualitativePoint
from ntm_analysis.i18n import N_, t

VISIBLE = ["section", "kind", "text", "title", "doc_number", "doc_date", "doc_issuer", "list_label"]
HIDDEN = ["indicators", "list", "text_was", "text_en", "title_was", "title_en", "issuer_was"]
HIDDEN += ["issuer_en"]
TEXT_KEYS = VISIBLE + HIDDEN
BLANK_ROWS = 20
TEXT_PREFIX = N_("Lời văn")
KIND_NAMES = {
    "activity": N_("Hoạt động"),
    "legal_basis": N_("Văn bản chỉ đạo"),
    "achievement": N_("Kết quả đạt được"),
    "shortcoming": N_("Hạn chế"),
    "cause": N_("Nguyên nhân"),
    "task": N_("Nhiệm vụ"),
    "solution": N_("Giải pháp"),
    "note": N_("Ghi chú, tình hình"),
}
LABELS = {
    "section": N_("Mục"),
    "kind": N_("Loại"),
    "text": N_("Nội dung (mỗi dòng một ý)"),
    "title": N_("Tiêu đề nhóm, nếu có"),
    "doc_number": N_("Số văn bản"),
    "doc_date": N_("Ngày ban hành"),
    "doc_issuer": N_("Cơ quan ban hành"),
    "list_label": N_("Kèm danh sách"),
}
DATE_FORMAT = "dd/mm/yyyy"


def kind_names(lang: str) -> dict[str, str]:
    """The kinds of point in words (`activity` → "Hoạt động")."""
    return {kind: t(lang, KIND_NAMES[kind]) for kind in KINDS}


def parts(context: Context) -> list[Entry]:
    """The parts of the report a text sheet each: the report's pages at the top of the outline
    and the sections right below a heading that has no page (A.I and A.II under A)."""
    outline = context.outline
    if outline is None:
        return []
    out = []
    for entry in outline.entries:
        if entry.node.audience != "report":
            continue
        top = entry.depth == 1 and entry.node.notebook
        below = entry.depth == 2 and not outline.section(entry.parents[0]).node.notebook
        if top or below:
            out.append(entry)
    return out


def refs_below(entry: Entry, context: Context) -> list[str]:
    """The source references of `entry` and of every section below it, in outline order."""
    assert context.outline is not None
    out = []
    for other in context.outline.entries:
        if other.key == entry.key or entry.key in other.parents:
            out.extend(other.node.refs)
    return list(dict.fromkeys(out))


def part_of(section: str, groups: list[tuple[Entry, list[str]]]) -> Entry | None:
    """The part whose references hold `section` ("A.II.4.2" is in A.II's)."""
    best: tuple[int, Entry] | None = None
    for entry, refs in groups:
        for ref in refs:
            if (section == ref or section.startswith(ref + ".")) and (
                best is None or len(ref) > best[0]
            ):
                best = (len(ref), entry)
    return best[1] if best else None


def sheet_title(entry: Entry, lang: str) -> str:
    """The sheet's tab: "Lời văn A.I Chỉ đạo, điều hành", the short title only when it fits
    Excel's 31 characters whole."""
    start = f"{t(lang, TEXT_PREFIX)} {entry.full_number}"
    whole = f"{start} {entry.short_title(lang)}"
    return whole if len(whole) <= 31 else start[:31]


def _row(point: QualitativePoint, labels: dict[str, str], lang: str) -> list[object]:
    """A point's cells, in the order of TEXT_KEYS: its words in Vietnamese, the language the
    report is written in (the sheet's labels and kinds are in the workbook's language)."""
    document = point.document
    issuer = document.issuer if document is not None else None
    issuer_vi = issuer if isinstance(issuer, str) else (issuer.vi if issuer else None)
    issuer_en = None if isinstance(issuer, str) or issuer is None else issuer.en
    date = document.date if document is not None else None
    return [
        point.section,
        kind_names(lang)[point.kind],
        point.text.vi,
        point.title.vi if point.title else None,
        document.number if document is not None else None,
        dt.datetime(date.year, date.month, date.day) if date else None,
        issuer_vi,
        list_label(labels, point.list, point.section, lang) if point.list else None,
        ", ".join(point.indicators) or None,
        point.list,
        point.text.vi,
        point.text.en,
        point.title.vi if point.title else None,
        point.title.en if point.title else None,
        issuer_vi,
        issuer_en,
    ]


def _groups(context: Context) -> list[tuple[Entry, list[str]]]:
    return [(entry, refs_below(entry, context)) for entry in parts(context)]


def grouped(
    points: list[QualitativePoint], context: Context
) -> Iterator[tuple[Entry, list[str], list[QualitativePoint]]]:
    """Each part with its references and its points, in order (a point of no part goes to the
    last part)."""
    groups = _groups(context)
    placed: dict[str, list[QualitativePoint]] = {entry.key: [] for entry, _ in groups}
    for point in points:
        entry = part_of(point.section, groups) or (groups[-1][0] if groups else None)
        if entry is not None:
            placed[entry.key].append(point)
    for entry, refs in groups:
        own = placed[entry.key]
        sections = list(dict.fromkeys([*refs, *(p.section for p in own)]))
        yield entry, sorted(sections, key=_section_order), own


def _section_order(section: str) -> tuple:
    roman = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8}
    return tuple(
        (0, roman[p]) if p in roman else (1, int(p)) if p.isdigit() else (2, p)
        for p in section.split(".")
    )


def text_sheets(
    book: Workbook, context: Context, points: list[QualitativePoint], scope: str, lang: str
) -> int:
    """One text sheet per part of the report; returns the number of sheets."""
    labels = list_labels(context, lang)
    kinds = list(kind_names(lang).values())
    list_source = choices(book, f"lists_{lang}", sorted(set(labels.values())))
    count = 0
    for entry, sections, own in grouped(points, context):
        sheet = book.create_sheet(sheet_title(entry, lang))
        block(sheet, context, scope, lang, column=1)
        head(sheet, TEXT_KEYS, [t(lang, LABELS[k]) for k in VISIBLE] + [""] * len(HIDDEN))
        for r, point in enumerate(own, start=HEADER_ROW + 1):
            for column, value in enumerate(_row(point, labels, lang), start=1):
                sheet.cell(r, column, value).alignment = WRAP
            sheet.cell(r, 6).number_format = DATE_FORMAT
        last = HEADER_ROW + len(own) + BLANK_ROWS
        for r in range(HEADER_ROW + 1, last + 1):
            for column in range(1, len(VISIBLE) + 1):
                unlock(sheet.cell(r, column))
            sheet.cell(r, 6).number_format = DATE_FORMAT
        first = HEADER_ROW + 1
        section_source = choices(book, f"sections_{entry.key}", sections)
        status_validation(sheet, [], f"A{first}:A{last}", lang, source=section_source, strict=False)
        status_validation(sheet, kinds, f"B{first}:B{last}", lang)
        if list_source:
            status_validation(sheet, [], f"H{first}:H{last}", lang, source=list_source)
        for letter, width in zip("ABCDEFGH", (10, 16, 80, 22, 18, 13, 30, 30), strict=True):
            sheet.column_dimensions[letter].width = width
        sheet.freeze_panes = f"C{first}"
        protect(sheet, "IJKLMNOP")
        count += 1
    return count
