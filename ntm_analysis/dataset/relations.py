"""One pydantic model per relation kind of the indicator catalogue (`indicators.yml`).

A relation holds per area: it is checked for every area where its indicators are observed.
The `kind` key selects the model; any key the kind does not define is an error, so a typo
such as `exhaustiv: false` stops the load instead of being ignored.

The catalogue keeps these validated models (`Catalogue.relations`, `Catalogue.relations_of`):
code reads a relation's fields as attributes, with every default filled in.
"""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal, Union

from pydantic import Field, model_validator

from ntm_analysis.dataset.models import Code, Strict
from ntm_analysis.dataset.schemas import TABLE_COLUMNS
from ntm_analysis.errors import Message
from ntm_analysis.i18n import N_

Codes = Annotated[list[Code], Field(min_length=1)]
CriteriaRange = Annotated[list[Annotated[int, Field(ge=0)]], Field(min_length=2, max_length=2)]
TableName = Literal["communes", "districts", "district_criteria"]


class RelationBase(Strict):
    id: Code
    note: str = ""

    # Keys whose values are indicator codes (a code or a list of codes), in order.
    indicator_keys: ClassVar[tuple[str, ...]] = ()

    def indicator_codes(self) -> list[str]:
        """Every indicator code the relation names."""
        codes: list[str] = []
        for key in self.indicator_keys:
            value = getattr(self, key)
            if value is None:
                continue
            codes.extend(value if isinstance(value, list) else [value])
        return codes


class RatioRelation(RelationBase):
    """numerator / denominator × 100 against a printed percent."""

    kind: Literal["ratio"]
    numerator: Code
    denominator: Code
    percent: Code
    indicator_keys: ClassVar[tuple[str, ...]] = ("numerator", "denominator", "percent")


class SumRelation(RelationBase):
    """A total against the sum of its parts; `exhaustive: false` when the parts are only
    "of which" items (sum ≤ total)."""

    kind: Literal["sum"]
    total: Code
    parts: Codes
    exhaustive: bool = True
    chart: bool = False  # draw the breakdown even with fewer than three parts
    indicator_keys: ClassVar[tuple[str, ...]] = ("total", "parts")


class IncreaseRelation(RelationBase):
    """A count against the baseline's count plus the increase the period states ("36 more
    cultural hamlets than at the end of last year")."""

    kind: Literal["increase"]
    total: Code
    increase: Code
    indicator_keys: ClassVar[tuple[str, ...]] = ("total", "increase")


class ListedRelation(RelationBase):
    """A count against the items of a named list (lists.csv)."""

    kind: Literal["listed"]
    count: Code
    list: Code
    indicator_keys: ClassVar[tuple[str, ...]] = ("count",)


class AverageRelation(RelationBase):
    """A printed average against total / count (the total may be unreported)."""

    kind: Literal["average"]
    average: Code
    total: Code | None = None
    count: Code
    indicator_keys: ClassVar[tuple[str, ...]] = ("average", "total", "count")


class AverageRangeRelation(RelationBase):
    """A total bounded by count × the lowest and highest values of its items."""

    kind: Literal["average_range"]
    low: Code
    high: Code
    total: Code
    count: Code
    indicator_keys: ClassVar[tuple[str, ...]] = ("low", "high", "total", "count")


class EqualRelation(RelationBase):
    """The same figure stated more than once."""

    kind: Literal["equal"]
    indicators: Annotated[list[Code], Field(min_length=2)]
    indicator_keys: ClassVar[tuple[str, ...]] = ("indicators",)


class ProductRelation(RelationBase):
    """The product of factors (× scale) against a printed total."""

    kind: Literal["product"]
    total: Code
    factors: Annotated[list[Code], Field(min_length=2)]
    scale: float = 1.0
    indicator_keys: ClassVar[tuple[str, ...]] = ("total", "factors")


class TableRelation(RelationBase):
    table: TableName
    indicator: Code
    indicator_keys: ClassVar[tuple[str, ...]] = ("indicator",)


class TableCountRelation(TableRelation):
    """A reported count against the rows of a period table that satisfy `where` (column →
    value or values) and, for communes, a criteria range; `by` recounts per area column."""

    kind: Literal["table_count"]
    where: dict[str, str | list[str]] | None = None
    by: str | None = None
    criteria: CriteriaRange | None = None

    @model_validator(mode="after")
    def _columns_exist(self) -> TableCountRelation:
        columns = TABLE_COLUMNS[self.table]
        named = [*(self.where or {}), *([self.by] if self.by else [])]
        unknown = [c for c in named if c not in columns]
        if unknown:
            raise ValueError(
                Message(
                    N_("bảng {table} không có cột {unknown}; bảng có các cột {columns}"),
                    table=self.table,
                    unknown=unknown,
                    columns=columns,
                )
            )
        if self.criteria is not None:
            if self.table != "communes":
                raise ValueError(Message(N_("khoảng số tiêu chí chỉ dùng cho bảng communes")))
            if self.criteria[0] > self.criteria[1]:
                raise ValueError(
                    Message(N_("khoảng số tiêu chí {range} bị đảo ngược"), range=self.criteria)
                )
        return self


class TableAverageRelation(TableRelation):
    """A reported criteria average against the communes table's interval."""

    kind: Literal["table_average"]
    table: Literal["communes"]


# Any relation of the catalogue (for type hints); RelationModel parses one by its `kind`.
Relation = Union[  # noqa: UP007 (a union of many models reads better as Union[...])
    RatioRelation,
    SumRelation,
    IncreaseRelation,
    ListedRelation,
    AverageRelation,
    AverageRangeRelation,
    EqualRelation,
    ProductRelation,
    TableCountRelation,
    TableAverageRelation,
]
RelationModel = Annotated[Relation, Field(discriminator="kind")]

RELATION_MODELS = {
    model.model_fields["kind"].annotation.__args__[0]: model  # type: ignore[union-attr]
    for model in (
        RatioRelation,
        SumRelation,
        IncreaseRelation,
        ListedRelation,
        AverageRelation,
        AverageRangeRelation,
        EqualRelation,
        ProductRelation,
        TableCountRelation,
        TableAverageRelation,
    )
}
