"""Qualitative points of a period (achievements, shortcomings, causes) recorded as data."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ntm_analysis.dataset.catalogue import Catalogue
from ntm_analysis.dataset.files import read_yaml, require_keys
from ntm_analysis.errors import InputError

KINDS = ("achievement", "shortcoming", "cause")


@dataclass(frozen=True)
class QualitativePoint:
    """One achievement, shortcoming or cause, with the indicators that measure it."""

    kind: str
    section: str
    text_vi: str
    text_en: str
    indicators: tuple[str, ...] = ()

    def text(self, lang: str = "vi") -> str:
        return self.text_vi if lang == "vi" else self.text_en


def load_qualitative(path: Path, catalogue: Catalogue) -> list[QualitativePoint]:
    """The period's qualitative points; none when the file is absent."""
    if not path.is_file():
        return []
    data = read_yaml(path)
    require_keys(data, ["points"], path, "qualitative file")
    out = []
    for i, item in enumerate(data["points"] or [], start=1):
        require_keys(item, ["kind", "section", "text"], path, f"point #{i}")
        if item["kind"] not in KINDS:
            raise InputError(
                f"point #{i} has kind {item['kind']!r}",
                path=path,
                column="kind",
                expected=f"one of {KINDS}",
            )
        text = item["text"] if isinstance(item["text"], dict) else {}
        if not text.get("vi") or not text.get("en"):
            raise InputError(f"point #{i} needs text.vi and text.en", path=path, column="text")
        codes = tuple(item.get("indicators") or ())
        unknown = [c for c in codes if c not in catalogue]
        if unknown:
            raise InputError(
                f"point #{i} names unknown indicator(s) {unknown}", path=path, column="indicators"
            )
        out.append(
            QualitativePoint(item["kind"], str(item["section"]), text["vi"], text["en"], codes)
        )
    return out
