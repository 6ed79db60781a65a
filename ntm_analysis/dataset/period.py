"""`load_period`: read, check and assemble everything one reporting period needs."""

from __future__ import annotations

import difflib
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, NamedTuple

import pandas as pd

from ntm_analysis.dataset import schemas
from ntm_analysis.dataset.annex import load_annex
from ntm_analysis.dataset.catalogue import Catalogue, load_catalogue
from ntm_analysis.dataset.config_models import NATIONAL_CODE, PeriodMeta
from ntm_analysis.dataset.corrections import Correction, apply_corrections, load_corrections
from ntm_analysis.dataset.files import LINE, read_csv_text, read_yaml_document, sha256_of
from ntm_analysis.dataset.limits import ERRORS_KEPT, ERRORS_SHOWN, Problems
from ntm_analysis.dataset.matching import LooseMatch, check_unit_name
from ntm_analysis.dataset.models import Label, validate_document
from ntm_analysis.dataset.paths import check_period, default_data_dir, period_dir, period_files
from ntm_analysis.dataset.qualitative import QualitativePoint, load_qualitative
from ntm_analysis.dataset.reference import (
    CriteriaSet,
    area_names,
    load_admin_units,
    load_criteria_set,
)
from ntm_analysis.dataset.schemas import (
    COMMUNE_COLUMNS,
    COMMUNE_OPTIONAL,
    DISTRICT_COLUMNS,
    DISTRICT_CRITERIA_COLUMNS,
    DISTRICT_CRITERIA_OPTIONAL,
    DISTRICT_OPTIONAL,
    LIST_COLUMNS,
    LIST_OPTIONAL,
    OBSERVATION_COLUMNS,
    OBSERVATION_OPTIONAL,
)
from ntm_analysis.dataset.targets import Target, load_targets
from ntm_analysis.errors import InputError, InputErrors
from ntm_analysis.text.names import NameMatcher, NameMatchError
from ntm_analysis.text.numbers import (
    VietnameseNumberError,
    parse_machine_number,
    parse_whole_number,
)

if TYPE_CHECKING:
    from ntm_analysis.quality.findings import Finding


class Figure(NamedTuple):
    """One observation as printed: value, figure as written, qualifier, section."""

    value: float
    as_written: str
    qualifier: str
    section: str


@dataclass
class PeriodData:
    """One validated reporting period with its reference data."""

    period: str
    data_dir: Path
    meta: dict[str, Any]
    units: pd.DataFrame
    criteria: CriteriaSet
    catalogue: Catalogue
    observations: pd.DataFrame
    lists: pd.DataFrame
    communes: pd.DataFrame
    districts: pd.DataFrame
    district_criteria: pd.DataFrame
    targets: list[Target]
    corrections: list[Correction] = field(default_factory=list)
    notes: list[QualitativePoint] = field(default_factory=list)
    baseline: PeriodData | None = None
    checksums: dict[str, str] = field(default_factory=dict)
    loose_matches: list[LooseMatch] = field(default_factory=list)
    commune_criteria: pd.DataFrame = field(default_factory=pd.DataFrame)  # annex PL03, if any
    # Findings about the input made while loading (lock files, near-miss annex names, NTM
    # communes the annex shows below the top): see dataset/input_findings.py.
    input_findings: list[Finding] = field(default_factory=list)

    @property
    def province(self) -> str:
        return str(self.meta.get("province") or self.units["province_code"].iloc[0])

    @property
    def year(self) -> int:
        return int(self.period[:4])

    @property
    def months(self) -> int:
        """Months of the year covered by the period (9 for 2021-09)."""
        return int(self.period[5:7])

    def label(self, lang: str = "vi") -> str:
        """The period's label in `lang` (English falls back to the Vietnamese text, marked)."""
        labels = self.meta.get("label")
        return Label.model_validate(labels).text_in(lang) if labels else self.period

    def _index(self) -> dict[tuple[str, str], int]:
        """(indicator, area) → row position, built once per observations table."""
        cached = self.__dict__.get("_obs_index")
        if cached is None or cached[0] is not self.observations:
            obs = self.observations
            index: dict[tuple[str, str], int] = {}
            for pos, key in enumerate(zip(obs["indicator"], obs["area"], strict=True)):
                index.setdefault(key, pos)
            cached = (obs, index)
            self.__dict__["_obs_index"] = cached
        return cached[1]

    def has(self, indicator: str, area: str | None = None) -> bool:
        return (indicator, area or self.province) in self._index()

    def figure(self, indicator: str, area: str | None = None) -> Figure:
        """Value, printed form, qualifier and section of one observation (a light record:
        what narrative and tables need, without building a pandas row)."""
        area = area or self.province
        pos = self._index().get((indicator, area))
        if pos is None:
            self.observation(indicator, area)  # raises the clear KeyError
        cached = self.__dict__.get("_obs_columns")
        if cached is None or cached[0] is not self.observations:
            obs = self.observations
            columns = tuple(
                obs[c].tolist() for c in ("value", "as_written", "qualifier", "section")
            )
            cached = (obs, columns)
            self.__dict__["_obs_columns"] = cached
        value, written, qualifier, section = (column[pos] for column in cached[1])
        return Figure(float(value), str(written), str(qualifier), str(section))

    def observation(self, indicator: str, area: str | None = None) -> pd.Series:
        """The observation row of `indicator` for `area` (the province by default)."""
        area = area or self.province
        pos = self._index().get((indicator, area))
        if pos is None:
            if indicator not in self.catalogue:
                raise KeyError(f"{indicator!r} is not in the indicator catalogue")
            raise KeyError(f"no observation of {indicator!r} for area {area} in {self.period}")
        return self.observations.iloc[pos]

    def value(self, indicator: str, area: str | None = None) -> float:
        """The value of `indicator` for `area` (the province by default)."""
        pos = self._index().get((indicator, area or self.province))
        if pos is None:
            return float(self.observation(indicator, area)["value"])  # raises the clear KeyError
        return float(self.observations["value"].iat[pos])

    def values(self, indicator: str) -> pd.Series:
        """Values of `indicator` by area code."""
        obs = self.observations
        return obs.loc[obs["indicator"] == indicator].set_index("area")["value"]

    def list_items(self, name: str, area: str | None = None) -> pd.DataFrame:
        """Items of a named list (all areas unless `area` is given)."""
        rows = self.lists[self.lists["list"] == name]
        if area is not None:
            rows = rows[rows["area"] == area]
        return rows

    def area_names(self, lang: str = "vi") -> Mapping[str, str]:
        """Display name of every area code in `lang` (computed once per language)."""
        cache = self.__dict__.setdefault("_area_names", {})
        if cache.get(lang, (None,))[0] is not self.units:
            cache[lang] = (self.units, MappingProxyType(area_names(self.units, lang)))
        return cache[lang][1]

    def target(self, target_id: str) -> Target:
        for target in self.targets:
            if target.id == target_id:
                return target
        raise KeyError(target_id)


def _nearest(word: str, options: list[str], n: int = 3) -> str:
    close = difflib.get_close_matches(word, options, n=n, cutoff=0.5)
    return f"; nearest: {', '.join(close)}" if close else ""


def _unknown_codes(
    frame: pd.DataFrame,
    column: str,
    known: set[str],
    path: Path,
    what: str,
    expected: str,
    suggest: list[str] | None = None,
) -> Problems:
    """One InputError per row whose `column` holds a code outside `known` (with the nearest
    known codes when `suggest` lists them, for the first ERRORS_SHOWN rows: the ones shown)."""
    bad = frame.loc[~frame[column].isin(known), [column, LINE]]
    errors = Problems()
    errors.total = len(bad) - min(len(bad), ERRORS_KEPT)  # those past ERRORS_KEPT: counted
    errors += [
        InputError(
            f"unknown {what} {code!r}"
            + (_nearest(code, suggest) if suggest and i < ERRORS_SHOWN else ""),
            path=path,
            row=int(line),
            column=column,
            expected=expected,
        )
        for i, (code, line) in enumerate(
            zip(bad[column][:ERRORS_KEPT], bad[LINE][:ERRORS_KEPT], strict=True)
        )
    ]
    return errors


def _parse_values(frame: pd.DataFrame, path: Path) -> pd.DataFrame:
    """`value` column to float; every unparsable cell is reported with its line.

    Only machine numbers are read (`parse_machine_number`): `1_9`, non-ASCII digits, NaN,
    inf and magnitudes from 10^15 are refused, not reinterpreted.
    """
    errors = Problems()
    values: list[float] = []
    for text, line in zip(frame["value"], frame[LINE], strict=True):
        try:
            values.append(parse_machine_number(text))
        except VietnameseNumberError as exc:
            hint = (
                " (write machine numbers: '.' as decimal mark, no grouping; the printed form "
                "goes in as_written)"
                if "," in text or text.count(".") > 1
                else ""
            )
            reason = str(exc) if "beyond" in str(exc) else f"{text!r} is not a number"
            errors.append(
                InputError(
                    f"{reason}{hint}",
                    path=path,
                    row=int(line),
                    column="value",
                    expected="a finite number such as 5214624.5 (ASCII digits, '.' decimal mark)",
                )
            )
            values.append(float("nan"))
    if errors:
        raise InputErrors(errors)
    out = frame.copy()
    out["value"] = pd.array(values, dtype="float64")
    return out


def _int_columns(frame: pd.DataFrame, columns: list[str], path: Path) -> pd.DataFrame:
    errors = Problems()
    out = frame.copy()
    for column in columns:
        parsed = []
        for text, line in zip(frame[column], frame[LINE], strict=True):
            try:
                parsed.append(parse_whole_number(text))
            except VietnameseNumberError as exc:
                errors.append(
                    InputError(
                        str(exc),
                        path=path,
                        row=int(line),
                        column=column,
                        expected="a whole number written with the digits 0-9",
                    )
                )
                parsed.append(0)
        out[column] = pd.array(parsed, dtype="int64")
    if errors:
        raise InputErrors(errors)
    return out


def _load_observations(
    path: Path, catalogue: Catalogue, known_areas: set[str], required: bool = True
) -> pd.DataFrame:
    if not path.is_file() and not required:
        return _empty(OBSERVATION_COLUMNS + OBSERVATION_OPTIONAL)
    frame = read_csv_text(path, OBSERVATION_COLUMNS, OBSERVATION_OPTIONAL)
    frame["provenance"] = frame["provenance"].replace("", "reported")
    frame = _parse_values(frame, path)
    frame = schemas.validate_frame(schemas.OBSERVATIONS, frame, path)
    errors = _unknown_codes(
        frame,
        "indicator",
        set(catalogue.indicators),
        path,
        "indicator",
        "a code of data/reference/indicators.yml",
        suggest=sorted(catalogue.indicators),
    ) + _unknown_codes(
        frame,
        "area",
        known_areas,
        path,
        "area code",
        "a GSO code of data/reference/admin_units.csv",
    )
    if errors:
        raise InputErrors(errors)
    return frame.reset_index(drop=True)


def _empty(columns: list[str]) -> pd.DataFrame:
    frame = pd.DataFrame({c: pd.Series(dtype=object) for c in columns})
    frame[LINE] = pd.Series(dtype="int64")
    return frame


def _load_lists(
    path: Path,
    units: pd.DataFrame,
    criteria: CriteriaSet,
    matcher: NameMatcher,
    loose: list[LooseMatch],
) -> pd.DataFrame:
    if not path.is_file():
        return _empty(LIST_COLUMNS + LIST_OPTIONAL)
    frame = read_csv_text(path, LIST_COLUMNS, LIST_OPTIONAL, allow_empty=True)
    frame = schemas.validate_frame(schemas.LISTS, frame, path)
    district_codes = set(units["district_code"])
    unit_district = dict(zip(units["unit_code"], units["district_code"], strict=True))
    district_info = units.drop_duplicates("district_code").set_index("district_code")
    district_names = district_info["district_name"]
    errors = Problems()
    for i, row in enumerate(frame.itertuples(index=False)):
        if errors.stop_at(i, len(frame)):
            break
        line = getattr(row, LINE)
        item = row.item
        if item in criteria.ids():
            continue
        if item in district_codes:
            try:
                match = matcher.match_district(
                    row.as_written, district_type=district_info.at[item, "district_type"]
                )
            except NameMatchError as exc:
                errors.append(InputError(str(exc), path=path, row=line, column="as_written"))
                continue
            if match.code != item:
                errors.append(
                    InputError(
                        f"{row.as_written!r} is district {match.code}, not {item} "
                        f"({district_names[item]})",
                        path=path,
                        row=line,
                        column="as_written",
                    )
                )
            elif not match.exact:
                loose.append(
                    LooseMatch(str(path), line, row.as_written, item, match.name, match.method)
                )
            continue
        if item not in unit_district:
            errors.append(
                InputError(
                    f"unknown item code {item!r}",
                    path=path,
                    row=line,
                    column="item",
                    expected="a GSO unit or district code, or a criterion id of the period's set",
                )
            )
            continue
        problem = check_unit_name(
            matcher, row.as_written, item, unit_district[item], (path, line, "as_written"), loose
        )
        if problem:
            errors.append(problem)
    if errors:
        raise InputErrors(errors)
    return frame.reset_index(drop=True)


def _load_communes(
    path: Path,
    units: pd.DataFrame,
    criteria: CriteriaSet,
    matcher: NameMatcher,
    loose: list[LooseMatch],
    registration: frozenset[str] = frozenset(),
) -> pd.DataFrame:
    """`communes.csv`: one row per xã of the GSO list, names that match their codes, criteria
    within the set, `registered` one of the catalogue's `registration:` values or empty."""
    if not path.is_file():
        return _empty(COMMUNE_COLUMNS + COMMUNE_OPTIONAL)
    frame = read_csv_text(path, COMMUNE_COLUMNS, COMMUNE_OPTIONAL)
    for column, default in (
        ("ntm_status", "unknown"),
        ("advanced_status", "unknown"),
        ("provenance", "reported"),
    ):
        frame[column] = frame[column].replace("", default)
    frame = _int_columns(frame, ["criteria_min", "criteria_max"], path)
    frame = schemas.validate_frame(schemas.COMMUNES, frame, path)
    xa = units[units["unit_type"] == "xa"].set_index("unit_code")
    errors = Problems()
    top = criteria.commune_count
    for i, row in enumerate(frame.itertuples(index=False)):
        if errors.stop_at(i, len(frame)):
            break
        line = getattr(row, LINE)
        if row.code not in xa.index:
            errors.append(
                InputError(
                    f"{row.code!r} is not a commune (xã) of the GSO list",
                    path=path,
                    row=line,
                    column="code",
                    expected="the code of a xã in data/reference/admin_units.csv",
                )
            )
            continue
        if xa.at[row.code, "district_code"] != row.district_code:
            errors.append(
                InputError(
                    f"commune {row.code} belongs to district {xa.at[row.code, 'district_code']}, "
                    f"not {row.district_code}",
                    path=path,
                    row=line,
                    column="district_code",
                )
            )
        problem = check_unit_name(
            matcher, row.name, row.code, row.district_code, (path, line, "name"), loose
        )
        if problem:
            errors.append(problem)
        if row.registered and row.registered not in registration:
            errors.append(
                InputError(
                    f"registration {row.registered!r} is not declared",
                    path=path,
                    row=line,
                    column="registered",
                    expected=f"empty or one of {sorted(registration)} (indicators.yml "
                    "registration:)",
                )
            )
        for column in ("criteria_min", "criteria_max"):
            value = getattr(row, column)
            if not 0 <= value <= top:
                errors.append(
                    InputError(
                        f"{value} criteria is out of range",
                        path=path,
                        row=line,
                        column=column,
                        expected=f"0 to {top} (criteria set {criteria.id})",
                    )
                )
    missing = sorted(set(xa.index) - set(frame["code"]))
    if missing:
        errors.append(
            InputError(
                f"{len(missing)} commune(s) of the GSO list have no row: {missing[:10]}",
                path=path,
                expected="one row per xã",
            )
        )
    if errors:
        raise InputErrors(errors)
    return frame.reset_index(drop=True)


def _load_districts(path: Path, units: pd.DataFrame) -> pd.DataFrame:
    if not path.is_file():
        return _empty(DISTRICT_COLUMNS + DISTRICT_OPTIONAL)
    frame = read_csv_text(path, DISTRICT_COLUMNS, DISTRICT_OPTIONAL)
    frame["provenance"] = frame["provenance"].replace("", "reported")
    frame = schemas.validate_frame(schemas.DISTRICTS, frame, path)
    known = set(units["district_code"])
    errors = _unknown_codes(frame, "code", known, path, "district code", f"one of {sorted(known)}")
    missing = sorted(known - set(frame["code"]))
    if missing:
        errors.append(InputError(f"districts without a row: {missing}", path=path))
    if errors:
        raise InputErrors(errors)
    return frame.reset_index(drop=True)


def _load_district_criteria(path: Path, units: pd.DataFrame, criteria: CriteriaSet) -> pd.DataFrame:
    if not path.is_file():
        return _empty(DISTRICT_CRITERIA_COLUMNS + DISTRICT_CRITERIA_OPTIONAL)
    frame = read_csv_text(path, DISTRICT_CRITERIA_COLUMNS, DISTRICT_CRITERIA_OPTIONAL)
    frame["provenance"] = frame["provenance"].replace("", "reported")
    frame = schemas.validate_frame(schemas.DISTRICT_CRITERIA, frame, path)
    known = set(units["district_code"])
    ids = {c.id for c in criteria.district}
    errors = _unknown_codes(
        frame, "district_code", known, path, "district code", f"one of {sorted(known)}"
    ) + _unknown_codes(frame, "criterion", ids, path, "district criterion", f"one of {sorted(ids)}")
    if errors:
        raise InputErrors(errors)
    return frame.reset_index(drop=True)


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
            f"period.yml says {settings.period!r} but the folder is {period}",
            path=path,
            row=document.line_of(("period",)),
            column="period",
        )
    known = provinces if provinces is not None else {settings.province}
    if settings.province is not None and settings.province not in known:
        raise InputError(
            f"province {settings.province!r} is not in the administrative units",
            path=path,
            row=document.line_of(("province",)),
            column="province",
            expected=f"one of {sorted(known)} (data/reference/admin_units.csv)",
        )
    return settings


def _reference_units(reference_dir: Path, folder: Path, period: str) -> pd.DataFrame:
    """The units a period loads: `admin_units.csv`, or, when period.yml names a version, that
    version's units of the period's province (docs/admin-units.md)."""
    from ntm_analysis.units.load import load_units  # the units package imports dataset modules

    settings = load_period_meta(folder, period)
    if settings.admin_units is None:
        return load_admin_units(reference_dir)
    units = load_units(reference_dir, settings.admin_units)
    province = settings.province
    if province not in (None, NATIONAL_CODE):
        if province not in set(units["province_code"]):
            raise InputError(
                f"province {province!r} is not in units version {settings.admin_units}",
                path=folder / "period.yml",
                column="province",
                expected=f"one of {sorted(set(units['province_code']))}",
            )
        units = units[units["province_code"] == province].reset_index(drop=True)
    if units["district_code"].eq("").any():
        raise InputError(
            f"units version {settings.admin_units} has no district level; a period is loaded "
            "with a three-level version for now",
            path=folder / "period.yml",
            column="admin_units",
            expected="a three-level version of reference/admin_units/versions.yml",
        )
    return units


def load_period(
    period: str,
    data_dir: str | Path | None = None,
    with_baseline: bool = True,
    _reference: tuple[pd.DataFrame, Catalogue] | None = None,
) -> PeriodData:
    """Load and validate one reporting period with its reference data, targets and baseline.

    Raises InputError (naming file, row and column) when anything is unusable.
    """
    period = check_period(period)
    data_dir = Path(data_dir) if data_dir is not None else default_data_dir()
    folder = period_dir(data_dir, period)
    files, locks = period_files(data_dir, folder, period[:4])  # all inside data_dir, or refused
    reference_dir = data_dir / "reference"
    if _reference is None:
        units, catalogue = (
            _reference_units(reference_dir, folder, period),
            load_catalogue(reference_dir),
        )
    else:  # the baseline of a period shares its reference data
        units, catalogue = _reference
    settings = load_period_meta(folder, period, set(units["province_code"]) | {NATIONAL_CODE})
    meta = settings.model_dump(exclude_unset=True)
    criteria = load_criteria_set(reference_dir, settings.criteria_set)
    unknown = sorted(
        f"{i.code} → {i.criterion}"
        for i in catalogue.indicators.values()
        if i.criterion and i.criterion not in criteria.ids()
    )
    if unknown:
        raise InputError(
            f"indicators name criteria absent from set {criteria.id}: {unknown}",
            path=catalogue.path,
            column="criterion",
        )
    matcher = NameMatcher(units, suggestions=ERRORS_SHOWN)
    loose: list[LooseMatch] = []
    known_areas = (
        set(units["province_code"]) | set(units["district_code"]) | set(units["unit_code"])
    )
    observations = _load_observations(folder / "indicators.csv", catalogue, known_areas)
    corrections = load_corrections(folder / "corrections.yml")
    observations = apply_corrections(observations, corrections, folder / "corrections.yml")
    lists = _load_lists(folder / "lists.csv", units, criteria, matcher, loose)
    communes = _load_communes(
        folder / "communes.csv", units, criteria, matcher, loose, catalogue.registration_values
    )
    communes, commune_criteria = load_annex(folder, period, units, criteria, communes, loose)
    from ntm_analysis.dataset.input_findings import file_findings, ntm_below_top

    in_folder = [p for p in files if p.parent == folder]
    input_findings = file_findings(folder, in_folder, locks) + ntm_below_top(
        communes, commune_criteria, criteria, folder / "annex_pl03.xlsx"
    )
    districts = _load_districts(folder / "districts.csv", units)
    district_criteria = _load_district_criteria(folder / "district_criteria.csv", units, criteria)
    province = settings.province or str(units["province_code"].iloc[0])
    targets = load_targets(
        data_dir / "targets",
        int(period[:4]),
        catalogue,
        province,
        set(lists["list"]),
        areas=known_areas | {province},
    )
    baseline = None
    baseline_name = settings.baseline
    if with_baseline and baseline_name:
        baseline = load_period(
            str(baseline_name), data_dir, with_baseline=False, _reference=(units, catalogue)
        )
    checksums = {str(p.relative_to(data_dir)): sha256_of(p) for p in files}
    return PeriodData(
        period=period,
        data_dir=data_dir,
        meta=meta,
        units=units,
        criteria=criteria,
        catalogue=catalogue,
        observations=observations,
        lists=lists,
        communes=communes,
        districts=districts,
        district_criteria=district_criteria,
        targets=targets,
        corrections=corrections,
        notes=load_qualitative(folder / "qualitative.yml", catalogue),
        baseline=baseline,
        checksums=checksums,
        loose_matches=loose,
        commune_criteria=commune_criteria,
        input_findings=input_findings,
    )
