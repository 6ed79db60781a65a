"""Year-end targets (`data/targets/<year>.yml`, the report's section C)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ntm_analysis.dataset.catalogue import Catalogue
from ntm_analysis.dataset.files import read_yaml, require_keys
from ntm_analysis.errors import InputError

DIRECTIONS = ("at_least", "at_most")


@dataclass(frozen=True)
class Target:
    """A quantitative year-end target measured by a catalogue indicator."""

    id: str
    label_vi: str
    label_en: str
    indicator: str
    area: str
    target: float
    direction: str = "at_least"
    as_written: str = ""
    stretch: float | None = None
    list: str | None = None
    section: str = ""
    note: str = ""
    # how the outlook measures and judges the target (`kind` and its keys; docs/outlook.md)
    measure: dict[str, Any] = field(default_factory=dict)

    def label(self, lang: str = "vi") -> str:
        return self.label_vi if lang == "vi" else self.label_en

    def reached(self, value: float) -> bool:
        """Whether `value` meets the target (unrounded comparison)."""
        return value >= self.target if self.direction == "at_least" else value <= self.target


def load_targets(
    folder: Path,
    year: int,
    catalogue: Catalogue,
    province: str,
    lists: set[str] | None = None,
) -> list[Target]:
    """Targets of `year`, checked against the catalogue and the period's lists.

    A year without a targets file has no targets (an empty list).
    """
    path = folder / f"{year}.yml"
    if not path.is_file():
        return []
    data = read_yaml(path)
    require_keys(data, ["year", "targets"], path, "targets file")
    if int(data["year"]) != year:
        raise InputError(f"the file says year {data['year']}, not {year}", path=path)
    section = str(data.get("section") or "")
    out: list[Target] = []
    seen: set[str] = set()
    for i, item in enumerate(data["targets"], start=1):
        where = f"target #{i}"
        require_keys(item, ["id", "label", "indicator", "target"], path, where)
        if item["id"] in seen:
            raise InputError(f"target id {item['id']!r} is declared twice", path=path)
        seen.add(item["id"])
        if item["indicator"] not in catalogue:
            raise InputError(
                f"target {item['id']!r} names unknown indicator {item['indicator']!r}",
                path=path,
                column="indicator",
                expected="a code of data/reference/indicators.yml",
            )
        direction = item.get("direction") or "at_least"
        if direction not in DIRECTIONS:
            raise InputError(
                f"target {item['id']!r} has direction {direction!r}",
                path=path,
                column="direction",
                expected=f"one of {DIRECTIONS}",
            )
        list_name = item.get("list")
        if list_name and lists is not None and list_name not in lists:
            raise InputError(
                f"target {item['id']!r} names list {list_name!r}, absent from lists.csv",
                path=path,
                column="list",
            )
        try:
            value = float(item["target"])
            stretch = float(item["stretch"]) if item.get("stretch") is not None else None
        except (TypeError, ValueError):
            raise InputError(
                f"target {item['id']!r}: target/stretch must be numbers",
                path=path,
                column="target",
                expected="a number such as 18.68",
            ) from None
        label = item["label"] if isinstance(item["label"], dict) else {}
        out.append(
            Target(
                id=str(item["id"]),
                label_vi=str(label.get("vi", item["id"])),
                label_en=str(label.get("en", item["id"])),
                indicator=str(item["indicator"]),
                area=str(item.get("area") or province),
                target=value,
                direction=direction,
                as_written=str(item.get("as_written") or ""),
                stretch=stretch,
                list=list_name or None,
                section=str(item.get("section") or section),
                note=str(item.get("note") or ""),
                measure=dict(item.get("measure") or {}),
            )
        )
    return out
