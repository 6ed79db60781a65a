"""Data-quality findings: what was printed, what recomputing gives, and how serious it is.

The type lives in the data layer because loading makes findings too (lock files, near-miss
annex names: dataset/input_findings.py); the checks that make the others are in `quality`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from ntm_analysis.i18n import LANGUAGES, N_, pick, t

SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {s: i for i, s in enumerate(SEVERITIES)}
# The severities in words, translated at use (`severity_label`).
SEVERITY_LABEL = {"error": N_("lỗi"), "warning": N_("cảnh báo"), "info": N_("thông tin")}


def severity_label(severity: str, lang: str) -> str:
    """A severity in words ("lỗi" / "error")."""
    return t(lang, SEVERITY_LABEL[severity])


def _in(lang: str, value: Any) -> Any:
    render = getattr(value, "render", None)
    if callable(render):
        return render(lang)
    return value(lang) if callable(value) else value


def worded(msgid: str, /, **values: Any) -> tuple[str, str]:
    """A finding's message in Vietnamese and in English: `msgid` filled in each language. A
    value with `render(lang)` (a figure in the language's number format, a wording, an error)
    is rendered in it; a function of the language (`target.label`) is called with it."""

    def filled(lang: str) -> str:
        return t(lang, msgid, **{name: _in(lang, value) for name, value in values.items()})

    vi, en = (filled(lang) for lang in LANGUAGES)
    return vi, en


@dataclass(frozen=True)
class Finding:
    """One data-quality finding on one area.

    `id` is stable across runs (`check:relation:area`), so snapshots and corrections can
    refer to it.
    """

    id: str
    check: str
    section: str
    severity: str
    area: str
    indicators: tuple[str, ...]
    reported: Any
    computed: Any
    message_vi: str
    message_en: str
    corrected: bool = False
    correction: str = ""
    place_vi: str = ""
    place_en: str = ""
    file: str = ""  # where the finding's data was read, for the terminal and JSON
    row: int | None = None

    def place(self, lang: str = "vi", codes: bool = True) -> str:
        """The area in words, with its code unless `codes` is false (pages show no codes):
        "huyện Châu Thành (847)"; empty when the area is unnamed."""
        name = pick(lang, self.place_vi, self.place_en)
        return f"{name} ({self.area})" if name and self.area and codes else name

    def text(self, lang: str = "vi") -> str:
        """What was found, without the place."""
        text = pick(lang, self.message_vi, self.message_en)
        if self.corrected:
            text += t(lang, " [đã hiệu chỉnh: {correction}]", correction=self.correction)
        return text

    def message(self, lang: str = "vi", codes: bool = True) -> str:
        """The place in words, then what was found: "huyện Châu Thành (847): …"."""
        place = self.place(lang, codes)
        return f"{place}: {self.text(lang)}" if place else self.text(lang)

    def to_json(self, lang: str = "vi") -> dict[str, Any]:
        """The `validate --json` contract (docs/cli.md): id, section, severity, message,
        reported, computed, then the details."""
        return {
            "id": self.id,
            "section": self.section,
            "severity": self.severity,
            "message": self.message(lang),
            "reported": _plain(self.reported),
            "computed": _plain(self.computed),
            "check": self.check,
            "area": self.area,
            "place": pick(lang, self.place_vi, self.place_en),
            "file": self.file,
            "row": self.row,
            "indicators": list(self.indicators),
            "corrected": self.corrected,
            "message_vi": self.message("vi"),
            "message_en": self.message("en"),
        }

    def with_correction(self, note: str) -> Finding:
        return replace(self, corrected=True, correction=note)

    def with_place(self, vi: str, en: str) -> Finding:
        return replace(self, place_vi=vi, place_en=en)


def _plain(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, float):
        return round(value, 6)
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    return value


def sort_findings(findings: list[Finding]) -> list[Finding]:
    """Errors first, then warnings, then info; within a severity by section and id."""
    return sorted(findings, key=lambda f: (SEVERITY_RANK[f.severity], f.section, f.id))


def counts(findings: list[Finding]) -> dict[str, int]:
    """Number of findings per severity (every severity present, zero when none)."""
    out = dict.fromkeys(SEVERITIES, 0)
    for finding in findings:
        out[finding.severity] += 1
    return out
