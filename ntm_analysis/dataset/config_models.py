"""pydantic models of the YAML files: catalogue, period.yml, targets, corrections, criteria sets.

Checks that need other files (an indicator code of the catalogue, a GSO code of the admin
units) are made by the loaders, which know the line of every node.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import Field, model_validator

from ntm_analysis.dataset.admin_units.versions import VERSION_PATTERN
from ntm_analysis.dataset.models import (
    AreaCode,
    BilingualLabel,
    Code,
    Label,
    PeriodName,
    Section,
    Strict,
    Text,
)
from ntm_analysis.dataset.relations import RelationModel
from ntm_analysis.errors import Message
from ntm_analysis.i18n import N_

NonEmptyCodes = Annotated[list[Code], Field(min_length=1)]
# A period's `province` is a province of admin_units.csv, or this code for the whole country
# (a period covering every province of the admin units).
NATIONAL_CODE = "00"
CriterionId = Annotated[str, Field(pattern=r"^[CD][0-9]{2}$")]
# A criteria set is named, never a path: letters and digits joined by single '.', '_' or '-'
# (no '/', no '..').
SET_NAME = re.compile(r"^[A-Za-z0-9]+(?:[._-][A-Za-z0-9]+)*$")
SetName = Annotated[str, Field(pattern=SET_NAME.pattern, max_length=64)]


# ------------------------------------------------------------------- reference/indicators.yml


class UnitModel(BilingualLabel):
    """A unit of measurement; `kind: measure` marks values that are measured and rounded."""

    kind: Literal["measure", "count"] = "count"


class IndicatorModel(Strict):
    code: Code
    section: Section
    unit: Code
    label: BilingualLabel
    note: str = ""
    criterion: CriterionId | Literal[""] = ""
    pace: Literal["", "linear"] = ""


class CatalogueFile(Strict):
    """`reference/indicators.yml`."""

    headlines: list[Code] = Field(default_factory=list)
    units: dict[str, UnitModel]
    # communes.csv `registered` values, grouped by the standard the commune registered for:
    # {ntm: [ntm, ntm_stretch], advanced: [advanced, advanced_stretch]}.
    registration: dict[Code, Annotated[list[Code], Field(min_length=1)]] = Field(
        default_factory=dict
    )
    indicators: Annotated[list[IndicatorModel], Field(min_length=1)]
    relations: list[RelationModel] = Field(default_factory=list)


# ------------------------------------------------------------------------- periods/P/period.yml


class SourceModel(Strict):
    """The source report of a period."""

    title: Text
    producer: str = ""
    language: str = ""
    format: str = ""
    file: str = ""
    sha256: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")] | None = None
    note: str = ""


Words = Text | Label  # a Vietnamese text, or {vi, en}


class SignatureModel(Strict):
    """The signature block of the report (Decree 30/2020/NĐ-CP): the signer's authority
    ("KT. CHÁNH VĂN PHÒNG"; empty when the head signs), position and name (empty: the office
    writes it in)."""

    authority: Words | None = None
    position: Words
    name: str = ""


class IssuerModel(Strict):
    """Who issues the report and to whom it goes: `period.yml`'s `issuer` block."""

    governing_body: Words  # the body above the issuing office (cơ quan chủ quản)
    office: Words  # the issuing office
    code: Annotated[str, Field(pattern=r"^[0-9A-Z\u0110]+(?:-[0-9A-Z\u0110]+)*$", max_length=24)]
    place: Words  # the place of the place-and-date line
    date: dt.date | None = None  # None: left blank for the office to date
    recipients: Annotated[list[Words], Field(min_length=1)]
    signature: SignatureModel


class PeriodMeta(Strict):
    """`periods/<P>/period.yml`."""

    period: PeriodName
    label: Label
    province: AreaCode | None = None
    # A regional or national period: the provinces it covers (docs/provinces.md). `province`
    # is then absent or "00", the code of the period's own (aggregate) area.
    provinces: Annotated[list[AreaCode], Field(min_length=1)] | None = None
    criteria_set: SetName
    # The administrative-units version its codes belong to (reference/admin_units/versions.yml);
    # None: the default version there.
    admin_units: Annotated[str, Field(pattern=VERSION_PATTERN)] | None = None
    baseline: PeriodName | None = None
    commune_universe: Literal["xa"] = "xa"  # NTM commune figures count xã only
    closes_year: bool | None = None  # the period closes its year (default: its month is 12)
    source: SourceModel | None = None
    issuer: IssuerModel | None = None  # the report's letterhead, recipients, signature

    @model_validator(mode="after")
    def _provinces_with_aggregate(self) -> PeriodMeta:
        if self.provinces is not None:
            if self.province not in (None, NATIONAL_CODE):
                raise ValueError(
                    Message(
                        N_(
                            "kỳ có provinces: thì province là {national!r} hoặc để trống, "
                            "không phải {province!r}"
                        ),
                        national=NATIONAL_CODE,
                        province=self.province,
                    )
                )
            if len(set(self.provinces)) != len(self.provinces):
                raise ValueError(Message(N_("provinces: ghi một tỉnh hai lần")))
            if NATIONAL_CODE in self.provinces:
                raise ValueError(
                    Message(
                        N_("provinces: ghi mã các tỉnh, không ghi {national!r}"),
                        national=NATIONAL_CODE,
                    )
                )
        return self

    @model_validator(mode="after")
    def _baseline_before(self) -> PeriodMeta:
        if self.baseline is not None and self.baseline >= self.period:
            raise ValueError(
                Message(
                    N_("kỳ gốc {baseline} không trước kỳ {period}"),
                    baseline=self.baseline,
                    period=self.period,
                )
            )
        return self


# ------------------------------------------------------------------------- targets/<year>.yml

Number = Annotated[float, Field(allow_inf_nan=False)]


Count = Annotated[int, Field(ge=0)]


class YearToDateMeasure(Strict):
    """A flow accumulated from January (baseline 0 at the end of the previous year)."""

    kind: Literal["year_to_date"]


Band = Literal["reachable", "possible", "unlikely"]
CriteriaBounds = Annotated[list[Count], Field(min_length=2, max_length=2)]


class CommuneBandsMeasure(Strict):
    """Communes reaching a standard (`standard`, a key of indicators.yml `registration:`; NTM by
    default). The bands count the registered communes; `ranges` gives each band's criteria when
    the catalogue does not (a standard other than NTM)."""

    kind: Literal["commune_bands"]
    reachable: Code
    possible: Code
    unlikely: Code | None = None
    criteria: CriteriaBounds | None = None
    standard: Code | None = None
    ranges: dict[Band, CriteriaBounds] | None = None


class ScheduleModel(Strict):
    """The month a district said it would meet its remaining district criteria."""

    month: PeriodName
    reported: PeriodName | None = None
    source: str = ""


class DistrictNtmMeasure(Strict):
    """A district reaching the standard, from its district criteria and communes."""

    kind: Literal["district_ntm"]
    scheduled: ScheduleModel | None = None


class CommunesBelowMeasure(Strict):
    """Communes below a floor of criteria (`possible_gain` is no longer used: the outlook is a
    forecast; it is accepted so that older files load)."""

    kind: Literal["communes_below"]
    criteria: Count
    possible_gain: Count | None = None


class CommuneGainsMeasure(Strict):
    """Every commune below the top at the baseline gains at least `target` criteria."""

    kind: Literal["commune_gains"]


class MinPerMemberMeasure(Strict):
    """Members (of a count with a complete list) each holding `target` items."""

    kind: Literal["min_per_member"]
    members: Code
    items: Code


class CriteriaAverageMeasure(Strict):
    """The average criteria per commune (`possible_gain` accepted for older files, unused)."""

    kind: Literal["criteria_average"]
    possible_gain: Count | None = None


# How the outlook measures a target (`measure:`; the rules are the outlook's, docs/outlook.md).
MeasureModel = Annotated[
    YearToDateMeasure
    | CommuneBandsMeasure
    | DistrictNtmMeasure
    | CommunesBelowMeasure
    | CommuneGainsMeasure
    | MinPerMemberMeasure
    | CriteriaAverageMeasure,
    Field(discriminator="kind"),
]
MEASURE_INDICATOR_KEYS = ("reachable", "possible", "unlikely", "members", "items")


class TargetModel(Strict):
    id: Code
    label: Label
    indicator: Code
    area: AreaCode | None = None
    target: Number
    direction: Literal["at_least", "at_most"] = "at_least"
    as_written: str = ""
    stretch: Number | None = None
    list: Code | None = None
    section: Section | None = None
    note: str = ""
    measure: MeasureModel | None = None


class TargetsFile(Strict):
    """`targets/<year>.yml`."""

    year: Annotated[int, Field(ge=1000, le=9999)]
    section: Section | None = None
    targets: list[TargetModel]


# -------------------------------------------------------------------- periods/P/corrections.yml


class CorrectionModel(Strict):
    indicator: Code
    area: AreaCode
    value: Number
    expect: Text
    reason: Text
    decided_by: str = ""
    date: str = ""


class CorrectionsFile(Strict):
    corrections: list[CorrectionModel] = Field(default_factory=list)


# --------------------------------------------------------------------- reference/criteria/*.yml


class DecisionModel(Strict):
    number: Text
    date: str = ""
    issuer: str = ""
    title: str = ""


class GroupModel(Strict):
    id: Code
    number: Annotated[int, Field(ge=1)]
    name: BilingualLabel


class CriterionModel(Strict):
    id: CriterionId
    number: Annotated[int, Field(ge=1)]
    group: Code | None = None
    name: BilingualLabel
    aliases: list[Text] = Field(default_factory=list)


class CriteriaSetFile(Strict):
    """`reference/criteria/<set>.yml`."""

    id: SetName
    label: BilingualLabel | None = None
    decisions: dict[Literal["commune", "district"], DecisionModel] = Field(default_factory=dict)
    groups: list[GroupModel] = Field(default_factory=list)
    commune_criteria: Annotated[list[CriterionModel], Field(min_length=1)]
    district_criteria: list[CriterionModel]

    @model_validator(mode="after")
    def _groups_declared(self) -> CriteriaSetFile:
        known = {g.id for g in self.groups}
        for criterion in self.commune_criteria + self.district_criteria:
            if criterion.group is not None and criterion.group not in known:
                raise ValueError(
                    Message(
                        N_(
                            "tiêu chí {criterion} nêu nhóm {group!r}, chưa được khai báo trong "
                            "groups: {known}"
                        ),
                        criterion=criterion.id,
                        group=criterion.group,
                        known=sorted(known),
                    )
                )
        return self
