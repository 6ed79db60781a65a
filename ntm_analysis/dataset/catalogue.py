"""The indicator catalogue: every indicator once, with its unit, section and relations."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from ntm_analysis.dataset.files import read_yaml, require_keys
from ntm_analysis.errors import InputError

# Keys each relation kind needs: indicator references (str or list) and other keys.
RELATION_KINDS: dict[str, dict[str, list[str]]] = {
    "ratio": {"indicators": ["numerator", "denominator", "percent"], "other": []},
    "sum": {"indicators": ["total", "parts"], "other": []},
    "listed": {"indicators": ["count"], "other": ["list"]},
    "average": {"indicators": ["average", "total", "count"], "other": []},
    "average_range": {"indicators": ["low", "high", "total", "count"], "other": []},
    "equal": {"indicators": ["indicators"], "other": []},
    "product": {"indicators": ["total", "factors"], "other": []},
    "table_count": {"indicators": ["indicator"], "other": ["table"]},
    "table_average": {"indicators": ["indicator"], "other": ["table"]},
}
# Keys that are optional per kind (indicator references).
OPTIONAL_INDICATORS = {"average": ["total"], "ratio": []}


@dataclass(frozen=True)
class Indicator:
    """An indicator of the report: code, unit, section and labels."""

    code: str
    section: str
    unit: str
    label_vi: str
    label_en: str
    note: str = ""
    criterion: str = ""  # the national criterion (C01…, D01…) the indicator counts, if any
    pace: str = ""  # "linear": a share expected to grow in step with the months elapsed

    def label(self, lang: str = "vi") -> str:
        return self.label_vi if lang == "vi" else self.label_en


@dataclass(frozen=True)
class Relation:
    """A declared relation between indicators (ratio, sum, listed, average, equal, product)."""

    id: str
    kind: str
    spec: dict[str, Any] = field(default_factory=dict)

    def indicators(self) -> list[str]:
        """Every indicator code the relation names."""
        codes: list[str] = []
        for key in RELATION_KINDS[self.kind]["indicators"]:
            value = self.spec.get(key)
            if value is None:
                continue
            codes.extend(value if isinstance(value, list) else [value])
        return codes

    def __getitem__(self, key: str) -> Any:
        return self.spec[key]

    def get(self, key: str, default: Any = None) -> Any:
        return self.spec.get(key, default)


@dataclass(frozen=True)
class Catalogue:
    """Indicators by code, relations, and unit labels."""

    indicators: dict[str, Indicator]
    relations: tuple[Relation, ...]
    units: dict[str, dict[str, str]]
    path: Path | None = None
    headlines: tuple[str, ...] = ()

    def __contains__(self, code: str) -> bool:
        return code in self.indicators

    def __getitem__(self, code: str) -> Indicator:
        return self.indicators[code]

    def label(self, code: str, lang: str = "vi") -> str:
        return self.indicators[code].label(lang)

    def unit_label(self, unit: str, lang: str = "vi") -> str:
        return (self.units.get(unit) or {}).get(lang, unit)

    def is_measure(self, unit: str) -> bool:
        """Whether values in `unit` are measured and rounded when printed (`kind: measure`);
        other units count whole things."""
        return (self.units.get(unit) or {}).get("kind") == "measure"

    def frame(self, lang: str = "vi") -> pd.DataFrame:
        """The catalogue as a table: code, section, unit, label."""
        return pd.DataFrame(
            [
                {"code": i.code, "section": i.section, "unit": i.unit, "label": i.label(lang)}
                for i in self.indicators.values()
            ]
        )

    def in_section(self, prefix: str) -> list[Indicator]:
        """Indicators whose section is `prefix` or below it (A.II.4 holds A.II.4.1)."""
        return [
            i
            for i in self.indicators.values()
            if i.section == prefix or i.section.startswith(prefix + ".")
        ]


def _indicator(item: Any, i: int, path: Path, units: dict) -> Indicator:
    require_keys(item, ["code", "section", "unit", "label"], path, f"indicator #{i}")
    label = item["label"]
    if not isinstance(label, dict) or not label.get("vi") or not label.get("en"):
        raise InputError(
            f"indicator {item['code']!r} needs label.vi and label.en", path=path, column="label"
        )
    if units and item["unit"] not in units:
        raise InputError(
            f"indicator {item['code']!r} has unit {item['unit']!r}, not declared under units:",
            path=path,
            column="unit",
            expected=f"one of {sorted(units)}",
        )
    return Indicator(
        code=str(item["code"]),
        section=str(item["section"]),
        unit=str(item["unit"]),
        label_vi=str(label["vi"]),
        label_en=str(label["en"]),
        note=str(item.get("note") or ""),
        criterion=str(item.get("criterion") or ""),
        pace=str(item.get("pace") or ""),
    )


def _relation(item: Any, i: int, path: Path, indicators: dict[str, Indicator]) -> Relation:
    require_keys(item, ["id", "kind"], path, f"relation #{i}")
    kind = item["kind"]
    if kind not in RELATION_KINDS:
        raise InputError(
            f"relation {item['id']!r} has unknown kind {kind!r}",
            path=path,
            column="kind",
            expected=f"one of {sorted(RELATION_KINDS)}",
        )
    needed = RELATION_KINDS[kind]
    optional = OPTIONAL_INDICATORS.get(kind, [])
    require_keys(
        item,
        [k for k in needed["indicators"] if k not in optional] + needed["other"],
        path,
        f"relation {item['id']!r} ({kind})",
    )
    spec = {k: v for k, v in item.items() if k not in ("id", "kind")}
    relation = Relation(id=str(item["id"]), kind=kind, spec=spec)
    unknown = [c for c in relation.indicators() if c not in indicators]
    if unknown:
        raise InputError(
            f"relation {relation.id!r} names unknown indicator(s) {unknown}",
            path=path,
            expected="codes declared under indicators:",
        )
    return relation


def load_catalogue(reference_dir: Path) -> Catalogue:
    """Load and check `indicators.yml`: unique codes, declared units, relations that resolve."""
    path = reference_dir / "indicators.yml"
    data = read_yaml(path)
    require_keys(data, ["indicators"], path, "catalogue")
    units = data.get("units") or {}
    indicators: dict[str, Indicator] = {}
    for i, item in enumerate(data["indicators"], start=1):
        indicator = _indicator(item, i, path, units)
        if indicator.code in indicators:
            raise InputError(f"indicator code {indicator.code!r} is declared twice", path=path)
        indicators[indicator.code] = indicator
    relations: list[Relation] = []
    seen: set[str] = set()
    for i, item in enumerate(data.get("relations") or [], start=1):
        relation = _relation(item, i, path, indicators)
        if relation.id in seen:
            raise InputError(f"relation id {relation.id!r} is declared twice", path=path)
        seen.add(relation.id)
        relations.append(relation)
    headlines = tuple(str(c) for c in data.get("headlines") or ())
    unknown = [c for c in headlines if c not in indicators]
    if unknown:
        raise InputError(
            f"headlines name unknown indicator(s) {unknown}", path=path, column="headlines"
        )
    return Catalogue(
        indicators=indicators,
        relations=tuple(relations),
        units=units,
        path=path,
        headlines=headlines,
    )
