"""What an import did, for the person who ran it: `ImportResult` and its summary text, in the
reader's language."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ntm_analysis.cycle.changes import Changes
from ntm_analysis.dataset.excel import Cell
from ntm_analysis.errors import Message
from ntm_analysis.i18n import pick, t


@dataclass
class Empty:
    """A figure a workbook left empty."""

    indicator: str
    area: str
    cell: Cell
    label: str
    area_name: str

    label_en: str = ""
    area_name_en: str = ""

    def __str__(self) -> str:
        return self.text("vi")

    def text(self, lang: str = "vi") -> str:
        """The cell, then the figure's label and area, in `lang`."""
        label = pick(lang, self.label, self.label_en or self.label)
        area = pick(lang, self.area_name, self.area_name_en or self.area_name)
        return f"{self.cell}: {label} — {area}"


@dataclass
class ImportResult:
    """What an import wrote, what it changed, and what the workbooks left empty."""

    period: str
    files: list[str]
    figures: int = 0
    computed: int = 0
    communes: int = 0
    list_items: int = 0
    annex_cells: int = 0
    empty: list[Empty] = field(default_factory=list)
    warnings: list[Message] = field(default_factory=list)
    next_targets: Message | None = None  # what became of the next year's targets sheet
    qualitative: Message | None = None  # what the text sheets wrote (qualitative.yml)
    changes: Changes = field(default_factory=Changes)
    set_aside: list[Message] = field(default_factory=list)  # province values not used
    set_aside_count: int = 0
    replaced: bool = False  # --replace: the period was started again from the files
    snapshot: Path | None = None  # the period as it was before, for `import --undo`

    def summary(self, limit: int = 30, lang: str = "vi") -> str:
        """What was imported and changed, the warnings and the empty cells, in `lang`."""
        lines = [
            t(
                lang,
                "Kỳ {period}: đã nhập {files} tệp — {figures} số liệu, {computed} số liệu tính "
                "tự động, {communes} xã, {lists} mục danh sách, {cells} ô PL03.",
                period=self.period,
                files=len(self.files),
                figures=self.figures,
                computed=self.computed,
                communes=self.communes,
                lists=self.list_items,
                cells=self.annex_cells,
            )
        ]
        if self.replaced:
            lines.append(t(lang, "Kỳ được nhập lại từ đầu từ các tệp này (--replace)."))
        lines += self.changes.lines(lang, limit)
        lines += [t(lang, "Cảnh báo: {warning}", warning=w.render(lang)) for w in self.warnings]
        lines += self._set_aside(lang, limit)
        lines += [m.render(lang) for m in (self.next_targets, self.qualitative) if m]
        lines += self._empty(lang, limit)
        if self.snapshot is not None:
            lines.append(
                t(
                    lang,
                    "Trạng thái trước lần nhập được giữ ở {path}; 'ntm-report import --period "
                    "{period} --undo' để hoàn tác.",
                    path=self.snapshot,
                    period=self.period,
                )
            )
        return "\n".join(lines)

    def _set_aside(self, lang: str, limit: int) -> list[str]:
        if not self.set_aside_count:
            return []
        lines = [
            t(
                lang,
                "{n} giá trị của tệp tỉnh về các huyện đã có tệp riêng không được dùng (tệp của "
                "huyện được ưu tiên); {differ} giá trị khác với tệp của huyện:",
                n=self.set_aside_count,
                differ=len(self.set_aside),
            )
        ]
        lines += [f"  - {m.render(lang)}" for m in self.set_aside[:limit]]
        if len(self.set_aside) > limit:
            lines.append("  " + t(lang, "… và {n} giá trị khác", n=len(self.set_aside) - limit))
        return lines

    def _empty(self, lang: str, limit: int) -> list[str]:
        if not self.empty:
            return []
        by_sheet: dict[str, int] = {}
        for item in self.empty:
            by_sheet[item.cell.sheet] = by_sheet.get(item.cell.sheet, 0) + 1
        counts = ", ".join(f"{sheet}: {n}" for sheet, n in by_sheet.items())
        lines = [t(lang, "{n} ô để trống ({counts}):", n=len(self.empty), counts=counts)]
        lines += [f"  - {e.text(lang)}" for e in self.empty[:limit]]
        if len(self.empty) > limit:
            lines.append("  " + t(lang, "… và {n} ô khác", n=len(self.empty) - limit))
        return lines


@dataclass
class UndoResult:
    """What `import --undo` restored."""

    period: str
    created: str
    action: str
    workbooks: list[str]

    def summary(self, lang: str = "vi") -> str:
        return t(
            lang,
            "Đã hoàn tác lần nhập lúc {created} ({files}): kỳ {period} trở lại như trước lần "
            "nhập đó.",
            created=self.created,
            files=", ".join(self.workbooks) or "—",
            period=self.period,
        )
