"""`ntm-report new-period`: scaffold `data/periods/P/` from an earlier period or from nothing.

What persists from the period it starts from (`--from Q`): the province, the criteria set,
the baseline (a new year's baseline is the previous year-end), the year's target lists, and
the commune and district status as the starting point, each row marked `carried`. Figures
(`indicators.csv`) are not carried: they come from the input workbooks (`ntm-report import`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ntm_analysis.cycle.labels import period_label
from ntm_analysis.cycle.rows import data_note
from ntm_analysis.cycle.tables import (
    CARRIED,
    COMMUNE_COLUMNS,
    DISTRICT_COLUMNS,
    DISTRICT_CRITERIA_COLUMNS,
    LIST_COLUMNS,
    publish_new,
    staging,
    write_csv,
    write_yaml,
)
from ntm_analysis.dataset.admin_units.load import load_units
from ntm_analysis.dataset.admin_units.versions import index_path, load_versions
from ntm_analysis.dataset.config_models import NATIONAL_CODE
from ntm_analysis.dataset.paths import (
    PeriodFolder,
    check_period,
    find_period,
    list_periods,
    new_period_dir,
    place_for_new,
)
from ntm_analysis.dataset.period import PeriodData, load_period
from ntm_analysis.dataset.reference import load_admin_units, load_criteria_set
from ntm_analysis.dataset.reporting_period import Period
from ntm_analysis.errors import InputError, Message
from ntm_analysis.i18n import N_

SOURCE_TITLE = data_note(
    "Số liệu nhập từ biểu mẫu Excel của các huyện (ntm-report workbook, import)"
)
SOURCE_FORMAT = "Excel input workbooks"


@dataclass
class Scaffold:
    """What `new_period` wrote: the folder, its files, and notes for the analyst."""

    period: str
    folder: Path
    files: list[str] = field(default_factory=list)
    notes: list[Message] = field(default_factory=list)  # rendered in the reader's language


def _meta(
    period: str,
    province: str,
    criteria_set: str,
    baseline: str | None,
    universe: str,
    producer: str,
    origin: str,
) -> dict:
    meta: dict = {
        "period": period,
        "label": {"vi": period_label(period, "vi"), "en": period_label(period, "en")},
        "province": province,
        "criteria_set": criteria_set,
    }
    if baseline:
        meta["baseline"] = baseline
    meta["commune_universe"] = universe
    meta["source"] = {"title": SOURCE_TITLE}
    if producer:
        meta["source"]["producer"] = producer
    meta["source"].update({"language": "vi", "format": SOURCE_FORMAT, "note": origin})
    return meta


def choose_baseline(
    data_dir: Path, period: str, source: PeriodData
) -> tuple[str | None, Message | None]:
    """(baseline, note for the analyst): carried within a year; a new year's baseline is the
    previous year-end (the same province's)."""
    if Period.parse(period).year == source.year:
        return source.meta.get("baseline"), None
    year_end = str(Period.parse(period).previous_year_end)
    if year_end in list_periods(data_dir, source.series_province):
        return year_end, Message(N_("năm mới: kỳ gốc là {period}"), period=year_end)
    return None, Message(
        N_(
            "năm mới: kỳ gốc là {period} nhưng kỳ này chưa có thư mục; kỳ mới chưa có kỳ gốc "
            "cho đến khi có"
        ),
        period=year_end,
    )


def _carried_note(frame: pd.DataFrame, source: str) -> pd.Series:
    note = data_note(f"carried from {source}")
    return pd.Series([note] * len(frame), index=frame.index, dtype=object)


def carry_communes(source: PeriodData, same_year: bool) -> pd.DataFrame:
    """The communes table as the starting point, marked carried: status kept, criteria met at
    least as many as before (the upper bound reopens to the whole set, since a commune may
    have gained criteria), the registration for the year only within the same year."""
    out = source.communes.copy()
    out["criteria_max"] = source.criteria.commune_count
    out["provenance"] = CARRIED
    out["note"] = [
        f"carried from {source.period}: at least {low} criteria" for low in out["criteria_min"]
    ]
    if not same_year:
        out["registered"] = ""
    return out


def carry_districts(source: PeriodData) -> tuple[pd.DataFrame, pd.DataFrame]:
    districts, criteria = source.districts.copy(), source.district_criteria.copy()
    for frame in (districts, criteria):
        frame["provenance"] = CARRIED
        frame["note"] = _carried_note(frame, source.period)
    return districts, criteria


def carry_target_lists(source: PeriodData, same_year: bool) -> pd.DataFrame:
    """Items of the lists the year's targets name (none when the year changes)."""
    names = {t.list for t in source.targets if t.list} if same_year else set()
    out = source.lists[source.lists["list"].isin(names)].copy()
    out["note"] = _carried_note(out, source.period)
    return out


def _empty_communes(units: pd.DataFrame, top: int) -> pd.DataFrame:
    xa = units[units["unit_type"] == "xa"]
    return pd.DataFrame(
        {
            "code": xa["unit_code"].to_numpy(),
            "district_code": xa["district_code"].to_numpy(),
            "name": xa["unit_name"].to_numpy(),
            "criteria_min": 0,
            "criteria_max": top,
            "ntm_status": "unknown",
            "advanced_status": "unknown",
            "registered": "",
            "provenance": "imputed",
            "note": "no data yet: every criterion count possible",
        }
    )


def _check_new(place: PeriodFolder) -> Path:
    return new_period_dir(place)  # nothing there, not even a dangling link


def _check_source(
    data_dir: Path, period: str, source_period: str, province: str | None
) -> PeriodFolder:
    """The folder of `source_period` (of `province`); InputError unless it is before `period`
    and has figures."""
    if source_period >= period:
        raise InputError(
            N_("--from {source} không trước kỳ {period}"),
            expected=N_("một kỳ trước kỳ mới"),
            source=source_period,
            period=period,
        )
    source = find_period(data_dir, source_period, province)
    if not (source.folder / "indicators.csv").is_file():
        raise InputError(
            N_("kỳ {source} chưa có số liệu"),
            path=source.folder / "indicators.csv",
            expected=N_("một kỳ đã nhập biểu nhập (ntm-report import)"),
            source=source_period,
        )
    return source


def new_period_from(
    data_dir: Path, period: str, source_period: str, province: str | None = None
) -> Scaffold:
    """Scaffold `period` from the valid earlier period `source_period` (of `province`, in a
    data folder holding several): the new folder sits beside it."""
    period, source_period = check_period(period), check_period(source_period)
    place = _check_source(data_dir, period, source_period, province)
    folder = _check_new(PeriodFolder(data_dir, period, place.nested))
    source = load_period(source_period, data_dir, with_baseline=False, province=province)
    same_year = Period.parse(period).year == source.year
    baseline, note = choose_baseline(data_dir, period, source)
    meta = _meta(
        period,
        source.province,
        str(source.meta["criteria_set"]),
        baseline,
        str(source.meta.get("commune_universe") or "xa"),
        str((source.meta.get("source") or {}).get("producer") or ""),
        data_note(
            f"Scaffolded from {source_period} by ntm-report new-period: commune and district "
            "status (and the year's target lists) carried as the starting point."
        ),
    )
    if source.meta.get("issuer"):  # the letterhead, recipients and signature stay the office's
        meta["issuer"] = source.meta["issuer"]
    result = Scaffold(period, folder, notes=[note] if note is not None else [])
    if not same_year:
        result.notes.append(
            Message(
                N_(
                    "năm mới: kiểm tra bộ tiêu chí ({criteria}) và chỉ tiêu năm "
                    "(targets/{year}.yml)"
                ),
                criteria=meta["criteria_set"],
                year=Period.parse(period).year,
            )
        )
    districts, district_criteria = carry_districts(source)
    tables = [
        ("communes.csv", carry_communes(source, same_year), COMMUNE_COLUMNS),
        ("districts.csv", districts, DISTRICT_COLUMNS),
        ("district_criteria.csv", district_criteria, DISTRICT_CRITERIA_COLUMNS),
        ("lists.csv", carry_target_lists(source, same_year), LIST_COLUMNS),
    ]
    with staging(folder.parent, period) as staged:
        write_yaml(
            meta,
            staged / "period.yml",
            data_note(f"Reporting period {period}: {meta['label']['en']}."),
        )
        result.files.append("period.yml")
        for name, frame, columns in tables:
            if frame.empty:
                continue
            write_csv(frame, staged / name, columns)
            result.files.append(name)
        publish_new(staged, folder)
    return result


def _units_for(
    reference: Path, province: str, version: str | None
) -> tuple[pd.DataFrame, str | None]:
    """The units of `province` ("00": every province) and the version to name in period.yml:
    `version` when given; else admin_units.csv when it holds the province (no version named);
    else the default version of reference/admin_units/versions.yml."""
    if version is None:
        units = load_admin_units(reference)
        if province in set(units["province_code"]) or not index_path(reference).is_file():
            chosen, source = units, reference / "admin_units.csv"
        else:
            version = load_versions(reference).default
    if version is not None:
        chosen, source = load_units(reference, version), index_path(reference)
    if province != NATIONAL_CODE:
        provinces = sorted(set(chosen["province_code"]))
        if province not in provinces:
            raise InputError(
                N_("không có tỉnh mã {province!r}"),
                path=source,
                column="province_code",
                expected=N_("một trong {provinces} hoặc {country} (cả nước)"),
                province=province,
                provinces=provinces,
                country=NATIONAL_CODE,
            )
        chosen = chosen[chosen["province_code"] == province]
    return chosen, version


def set_for_year(sets: list[str], year: int) -> str:
    """The criteria set of a year: the one named `<first>-<last>` whose years hold `year`, else
    the latest such range, else the last name (companion sets such as `<range>-advanced` are
    never chosen while a plain range exists)."""
    ranges = []
    for name in sets:
        match = re.fullmatch(r"([0-9]{4})-([0-9]{4})", name)
        if match:
            ranges.append((int(match[1]), int(match[2]), name))
    covering = [name for first, last, name in sorted(ranges) if first <= year <= last]
    if covering:
        return covering[-1]
    return sorted(ranges)[-1][2] if ranges else sets[-1]


def new_period_empty(
    data_dir: Path, period: str, province: str, units_version: str | None = None
) -> Scaffold:
    """Scaffold an empty `period` for `province`: a province code of the units, or "00" for
    the whole country (the default units version when admin_units.csv lacks the province)."""
    period = check_period(period)
    folder = _check_new(place_for_new(data_dir, period, province))
    reference = data_dir / "reference"
    units, version = _units_for(reference, province, units_version)
    sets = sorted(p.stem for p in (reference / "criteria").glob("*.yml"))
    if not sets:
        raise InputError(
            N_("không có bộ tiêu chí nào"), path=reference / "criteria", expected=N_("<mã>.yml")
        )
    criteria = load_criteria_set(reference, set_for_year(sets, Period.parse(period).year))
    year_end = str(Period.parse(period).previous_year_end)
    baseline = year_end if year_end in list_periods(data_dir, province) else None
    meta = _meta(
        period,
        province,
        criteria.id,
        baseline,
        "xa",
        "",
        data_note(
            "Empty period scaffolded by ntm-report new-period --province: every figure comes "
            "from the input workbooks."
        ),
    )
    if version is not None:
        meta["admin_units"] = version
    result = Scaffold(period, folder)
    result.notes.append(
        Message(
            N_("bộ tiêu chí {criteria} (trong {sets})"), criteria=criteria.id, sets=", ".join(sets)
        )
    )
    if version is not None:
        result.notes.append(Message(N_("đơn vị hành chính: phiên bản {version}"), version=version))
    with staging(folder.parent, period) as staged:
        write_yaml(
            meta,
            staged / "period.yml",
            data_note(f"Reporting period {period}: {meta['label']['en']}."),
        )
        write_csv(
            _empty_communes(units, criteria.commune_count), staged / "communes.csv", COMMUNE_COLUMNS
        )
        result.files += ["period.yml", "communes.csv"]
        publish_new(staged, folder)
    return result
