"""`load_period`: read, check and assemble everything one reporting period needs.

The record it returns is `PeriodData` (dataset/period_data.py); the period's tables are read
by dataset/period_tables.py, its named lists by dataset/lists_table.py.
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path
from typing import Any

import pandas as pd

from ntm_analysis.dataset.annex import load_annex
from ntm_analysis.dataset.catalogue import Catalogue, load_catalogue
from ntm_analysis.dataset.config_models import NATIONAL_CODE, PeriodMeta
from ntm_analysis.dataset.corrections import Correction, apply_corrections, load_corrections
from ntm_analysis.dataset.files import read_yaml_document, sha256_of
from ntm_analysis.dataset.input_findings import file_findings, no_district_level, ntm_below_top
from ntm_analysis.dataset.limits import ERRORS_SHOWN
from ntm_analysis.dataset.lists_table import load_lists
from ntm_analysis.dataset.matching import LooseMatch
from ntm_analysis.dataset.models import validate_document
from ntm_analysis.dataset.outline import load_outline
from ntm_analysis.dataset.paths import (
    PeriodFolder,
    check_period,
    default_data_dir,
    find_period,
    period_files,
)
from ntm_analysis.dataset.period_data import Figure, PeriodData
from ntm_analysis.dataset.period_tables import (
    empty_table,
    load_communes,
    load_district_criteria,
    load_districts,
    load_observations,
)
from ntm_analysis.dataset.period_units import has_districts, load_period_units, matcher_units
from ntm_analysis.dataset.qualitative import load_qualitative
from ntm_analysis.dataset.reference import CriteriaSet, load_criteria_set
from ntm_analysis.dataset.reporting_period import Period
from ntm_analysis.dataset.schemas import (
    COMMUNE_COLUMNS,
    COMMUNE_OPTIONAL,
    DISTRICT_COLUMNS,
    DISTRICT_CRITERIA_COLUMNS,
    DISTRICT_CRITERIA_OPTIONAL,
    DISTRICT_OPTIONAL,
    LIST_COLUMNS,
    LIST_OPTIONAL,
)
from ntm_analysis.dataset.targets import load_targets
from ntm_analysis.errors import InputError
from ntm_analysis.i18n import N_
from ntm_analysis.text.names import NameMatcher

__all__ = ["Figure", "PeriodData", "load_period", "load_period_meta"]


def load_period_meta(
    folder: Path, period: str, provinces: Collection[str] | None = None
) -> PeriodMeta:
    """`period.yml` of a period folder, validated (`PeriodMeta`): its `period` must be the
    folder's and, when `provinces` is given, its `province` one of them. Errors name the line.
    """
    path = folder / "period.yml"
    document = read_yaml_document(path)
    settings = validate_document(PeriodMeta, document)
    if settings.period != period:
        raise InputError(
            N_("period.yml ghi {period!r} nhưng thư mục là {folder}"),
            path=path,
            row=document.line_of(("period",)),
            column="period",
            period=settings.period,
            folder=period,
        )
    known = provinces if provinces is not None else {settings.province}
    if settings.province is not None and settings.province not in known:
        raise InputError(
            N_("tỉnh có mã {province!r} không có trong danh mục đơn vị hành chính"),
            path=path,
            row=document.line_of(("province",)),
            column="province",
            expected=N_("một trong {known} (data/reference/admin_units.csv)"),
            province=settings.province,
            known=sorted(known),
        )
    return settings


def load_period(
    period: str,
    data_dir: str | Path | None = None,
    with_baseline: bool = True,
    _reference: tuple[pd.DataFrame, Catalogue] | None = None,
    figures_only: bool = False,
    province: str | None = None,
) -> PeriodData:
    """Load and validate one reporting period (of `province`, when the data folder holds
    several: dataset/paths.py) with its reference data, targets and the same province's
    baseline.

    The baseline is loaded with `figures_only`: what a report takes from it are its figures,
    so only `indicators.csv` (with `corrections.yml`) is read and checked; its communes, lists
    and district tables are checked when that period is loaded itself (`validate`). Its
    checksums cover every file of its folder all the same.

    Raises InputError (naming file, row and column) when anything is unusable.
    """
    period = check_period(period)
    data_dir = Path(data_dir) if data_dir is not None else default_data_dir()
    place = find_period(data_dir, period, province)
    folder = place.folder  # in data_dir only:
    files, locks = period_files(data_dir, folder, Period.parse(period).year, place.targets_dir)
    reference_dir = data_dir / "reference"  # a baseline shares its period's reference data
    units, catalogue = _reference or _reference_data(folder, period, reference_dir)
    settings = load_period_meta(folder, period, set(units["province_code"]) | {NATIONAL_CODE})
    several = settings.provinces is not None or settings.province == NATIONAL_CODE
    meta = settings.model_dump(exclude_unset=True)
    meta |= {"province": NATIONAL_CODE} if several else {}  # the period's own area: the aggregate
    criteria = load_criteria_set(reference_dir, settings.criteria_set)
    _check_criteria_named(catalogue, criteria)
    known_areas = _area_codes(units, several)
    observations, corrections = _figures(folder, catalogue, known_areas)
    if figures_only:  # a baseline: read for its figures (see the docstring)
        tables = _no_tables()
    else:
        province_code = str(meta.get("province") or units["province_code"].iloc[0])
        tables = _other_tables(
            place, (files, locks), units, catalogue, criteria, known_areas, province_code
        )
    baseline_name = settings.baseline if with_baseline else None
    baseline = _baseline(baseline_name, data_dir, (units, catalogue), place.province())
    return PeriodData(
        period=period,
        data_dir=data_dir,
        folder=folder,
        meta=meta,
        units=units,
        criteria=criteria,
        catalogue=catalogue,
        observations=observations,
        corrections=corrections,
        baseline=baseline,
        checksums={str(p.relative_to(data_dir)): sha256_of(p) for p in files},
        outline=load_outline(reference_dir),
        **tables,
    )


def _baseline(
    name: str | None,
    data_dir: Path,
    reference: tuple[pd.DataFrame, Catalogue],
    province: str | None,
) -> PeriodData | None:
    """The baseline period `name` of the same province, read for its figures with the
    period's reference data."""
    if not name:
        return None
    return load_period(str(name), data_dir, False, reference, figures_only=True, province=province)


def _reference_data(
    folder: Path, period: str, reference_dir: Path
) -> tuple[pd.DataFrame, Catalogue]:
    """The units the period's `period.yml` names, and the indicator catalogue."""
    first = load_period_meta(folder, period)
    units = load_period_units(reference_dir, first, folder / "period.yml")
    return units, load_catalogue(reference_dir)


def _figures(
    folder: Path, catalogue: Catalogue, known_areas: set[str]
) -> tuple[pd.DataFrame, list[Correction]]:
    """The period's observations with the analysts' corrections applied, and the corrections."""
    observations = load_observations(folder / "indicators.csv", catalogue, known_areas)
    corrections = load_corrections(folder / "corrections.yml")
    return apply_corrections(observations, corrections, folder / "corrections.yml"), corrections


def _check_criteria_named(catalogue: Catalogue, criteria: CriteriaSet) -> None:
    """Every criterion an indicator names is in the period's criteria set (else InputError)."""
    unknown = sorted(
        f"{i.code} → {i.criterion}"
        for i in catalogue.indicators.values()
        if i.criterion and i.criterion not in criteria.ids()
    )
    if unknown:
        raise InputError(
            N_("danh mục chỉ tiêu nêu tiêu chí không có trong bộ {criteria}: {unknown}"),
            path=catalogue.path,
            column="criterion",
            criteria=criteria.id,
            unknown=unknown,
        )


def _area_codes(units: pd.DataFrame, several: bool) -> set[str]:
    """Every area code a figure may name: provinces, districts, units, and the aggregate
    ("00") of a period covering several provinces."""
    return (
        set(units["province_code"])
        | (set(units["district_code"]) - {""})
        | set(units["unit_code"])
        | ({NATIONAL_CODE} if several else set())
    )


def _no_tables() -> dict[str, Any]:
    """The tables of a baseline, read for its figures only: empty."""
    return {
        "lists": empty_table(LIST_COLUMNS + LIST_OPTIONAL),
        "communes": empty_table(COMMUNE_COLUMNS + COMMUNE_OPTIONAL),
        "districts": empty_table(DISTRICT_COLUMNS + DISTRICT_OPTIONAL),
        "district_criteria": empty_table(DISTRICT_CRITERIA_COLUMNS + DISTRICT_CRITERIA_OPTIONAL),
        "targets": [],
        "notes": [],
        "loose_matches": [],
    }


def _other_tables(
    place: PeriodFolder,
    listing: tuple[list[Path], list[Path]],
    units: pd.DataFrame,
    catalogue: Catalogue,
    criteria: CriteriaSet,
    known_areas: set[str],
    province: str,
) -> dict[str, Any]:
    """Lists, communes (with the annex), districts, targets, notes and input findings."""
    folder, period, targets_dir = place.folder, place.period, place.targets_dir
    files, locks = listing
    matcher = NameMatcher(matcher_units(units), suggestions=ERRORS_SHOWN)
    loose: list[LooseMatch] = []
    lists = load_lists(folder / "lists.csv", units, criteria, matcher, loose)
    communes = load_communes(
        folder / "communes.csv", units, criteria, matcher, loose, catalogue.registration_values
    )
    communes, commune_criteria = load_annex(folder, period, units, criteria, communes, loose)
    in_folder = [p for p in files if p.parent == folder]
    input_findings = file_findings(folder, in_folder, locks) + ntm_below_top(
        communes, commune_criteria, criteria, folder / "annex_pl03.xlsx"
    )
    if not has_districts(units):
        input_findings += no_district_level(province)
    districts = load_districts(folder / "districts.csv", units)
    district_criteria = load_district_criteria(folder / "district_criteria.csv", units, criteria)
    targets = load_targets(
        targets_dir,
        Period.parse(period).year,
        catalogue,
        province,
        set(lists["list"]),
        areas=known_areas | {province},
    )
    return {
        "lists": lists,
        "communes": communes,
        "districts": districts,
        "district_criteria": district_criteria,
        "targets": targets,
        "notes": load_qualitative(folder / "qualitative.yml", catalogue),
        "loose_matches": loose,
        "commune_criteria": commune_criteria,
        "input_findings": input_findings,
    }
