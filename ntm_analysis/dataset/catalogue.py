"""The indicator catalogue: every indicator once, with its unit, section and relations.

Relations are the validated models of `relations.py` (one class per kind): read their fields
as attributes (`relation.numerator`), and pick one kind with `Catalogue.relations_of`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import TypeVar

import pandas as pd

from ntm_analysis.dataset.config_models import CatalogueFile, IndicatorModel
from ntm_analysis.dataset.files import read_yaml_document
from ntm_analysis.dataset.models import check_unique, validate_document
from ntm_analysis.dataset.relations import Relation, RelationBase
from ntm_analysis.dataset.schemas import TABLE_SCHEMAS
from ntm_analysis.dataset.yaml_strict import YamlDocument
from ntm_analysis.errors import InputError, Message
from ntm_analysis.i18n import N_, pick

R = TypeVar("R", bound=RelationBase)


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
        return pick(lang, self.label_vi, self.label_en)


@dataclass(frozen=True)
class Catalogue:
    """Indicators by code, relations, and unit labels."""

    indicators: dict[str, Indicator]
    relations: tuple[Relation, ...]  # the validated models of relations.py, one per kind
    units: dict[str, dict[str, str]]
    path: Path | None = None
    headlines: tuple[str, ...] = ()
    # communes.csv `registered` values by the standard registered for (indicators.yml
    # `registration:`), e.g. {"ntm": ("ntm", "ntm_stretch"), "advanced": (...)}.
    registration_kinds: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def registration_values(self) -> frozenset[str]:
        """Every value the communes table's `registered` column may hold (besides empty)."""
        return frozenset(v for values in self.registration_kinds.values() for v in values)

    def relations_of(self, kind: type[R]) -> list[R]:
        """The relations of one kind (`RatioRelation`, `SumRelation`, …), in catalogue order."""
        return [r for r in self.relations if isinstance(r, kind)]

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


def _indicator(item: IndicatorModel) -> Indicator:
    return Indicator(
        code=item.code,
        section=item.section,
        unit=item.unit,
        label_vi=item.label.vi,
        label_en=item.label.en,
        note=item.note,
        criterion=item.criterion,
        pace=item.pace,
    )


def _where_problem(relation: RelationBase, file: CatalogueFile) -> Message | None:
    """Why a table relation's `where` can never match (a value its column cannot hold)."""
    where = getattr(relation, "where", None) or {}
    schema = TABLE_SCHEMAS[relation.table] if where else None  # type: ignore[attr-defined]
    registered = {v for values in file.registration.values() for v in values}
    for column, wanted in where.items():
        values = wanted if isinstance(wanted, list) else [wanted]
        allowed = schema.columns[column].allowed if column in schema.columns else None
        if column == "registered":
            allowed = tuple(sorted(registered))
        bad = [v for v in values if allowed is not None and v not in allowed]
        if bad:
            return Message(
                N_("{column} không bao giờ là {bad}; cần là một trong {allowed}"),
                column=column,
                bad=bad,
                allowed=list(allowed),
            )
    return None


def _check_references(file: CatalogueFile, document: YamlDocument) -> None:
    """Units, relation indicators, headlines and registration kinds that resolve."""
    codes = {i.code for i in file.indicators}
    path = document.path
    for n, item in enumerate(file.indicators):
        if item.unit not in file.units:
            raise InputError(
                N_(
                    "chỉ tiêu {code!r} có đơn vị tính {unit!r}, không được khai báo trong mục "
                    "units:"
                ),
                path=path,
                row=document.line_of(("indicators", n, "unit")),
                column=f"indicators[{n}].unit",
                expected=N_("một trong {units}"),
                code=item.code,
                unit=item.unit,
                units=sorted(file.units),
            )
    for n, relation in enumerate(file.relations):
        unknown = [c for c in relation.indicator_codes() if c not in codes]
        if unknown:
            raise InputError(
                N_("quan hệ {relation!r} nêu chỉ tiêu không có trong danh mục: {unknown}"),
                path=path,
                row=document.line_of(("relations", n)),
                column=f"relations[{n}]",
                expected=N_("các mã được khai báo trong mục indicators:"),
                relation=relation.id,
                unknown=unknown,
            )
    for n, relation in enumerate(file.relations):
        problem = _where_problem(relation, file)
        if problem:
            raise InputError(
                N_("quan hệ {relation!r}: {problem}"),
                path=path,
                row=document.line_of(("relations", n, "where")),
                column=f"relations[{n}].where",
                relation=relation.id,
                problem=problem,
            )
    unknown = [c for c in file.headlines if c not in codes]
    if unknown:
        raise InputError(
            N_("mục headlines nêu chỉ tiêu không có trong danh mục: {unknown}"),
            path=path,
            row=document.line_of(("headlines",)),
            column="headlines",
            unknown=unknown,
        )


def load_catalogue(reference_dir: Path) -> Catalogue:
    """Load and check `indicators.yml`: keys and types of every entry (one model per relation
    kind), unique codes, declared units, relations that resolve."""
    path = reference_dir / "indicators.yml"
    document = read_yaml_document(path)
    file = validate_document(CatalogueFile, document)
    check_unique(file.indicators, "code", document, "indicators", N_("mã chỉ tiêu"))
    check_unique(file.relations, "id", document, "relations", N_("mã quan hệ"))
    _check_references(file, document)
    return Catalogue(
        indicators={i.code: _indicator(i) for i in file.indicators},
        relations=tuple(file.relations),
        units={k: v.model_dump(exclude_unset=True) for k, v in file.units.items()},
        path=path,
        headlines=tuple(file.headlines),
        registration_kinds=MappingProxyType({k: tuple(v) for k, v in file.registration.items()}),
    )
