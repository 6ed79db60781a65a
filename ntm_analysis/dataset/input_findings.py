"""Findings about the input itself, made while loading: what is usable but must be said.

- `input:lock_file:<name>`: an office lock file (`~$annex_pl03.xlsx`) in the period folder,
  i.e. the workbook is open in Excel and unsaved edits are not read. The lock file is not read
  (it is often unreadable while the workbook is open) nor checksummed.
- `annex:near_miss:<name>`: a workbook under a near-miss name or extension (`Annex_PL03.XLSX`,
  `annex_pl03.xlsm`, `.xls`, the template's `annex_pl03_<P>.xlsx`) that is *not* read: only
  `annex_pl03.xlsx` is.
- `annex:ntm_below_top:<code>`: a commune recognised NTM whose annex row marks a criterion
  not met (fewer than all of the set's criteria).
- `input:no_district_level`: the period's units have no district level (the 2025-07-01
  units): district tables are not read and district sections are left out (information).

They are `Finding`s (the data-quality engine's type) kept on `PeriodData.input_findings`, so
`check_period` lists them with the others.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pandas as pd

from ntm_analysis.dataset.annex import ANNEX_FILE
from ntm_analysis.dataset.findings import Finding
from ntm_analysis.dataset.reference import CriteriaSet
from ntm_analysis.i18n import N_, t

# Extensions of workbooks a user may have saved the annex as.
WORKBOOK_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".xlsb", ".xltx", ".xltm", ".ods", ".csv"}
_SQUASH = re.compile(r"[^a-z0-9]")


def _finding(
    id: str, severity: str, area: str, reported: str, computed: str, msgid: str, **values: object
) -> Finding:
    """A finding whose message is `msgid` (marked with N_) in both languages."""
    vi, en = (t(lang, msgid, **values) for lang in ("vi", "en"))
    return Finding(
        id=id,
        check="input",
        section="",
        severity=severity,
        area=area,
        indicators=(),
        reported=reported,
        computed=computed,
        message_vi=vi,
        message_en=en,
    )


def is_near_miss(path: Path) -> bool:
    """A workbook whose name says "annex PL03" but is not exactly `annex_pl03.xlsx`."""
    if path.name == ANNEX_FILE or path.name.startswith(("~$", ".~lock.")):
        return False
    if path.suffix.casefold() not in WORKBOOK_SUFFIXES:
        return False
    stem = _SQUASH.sub("", path.stem.casefold())
    return "pl03" in stem or stem.startswith("annex") or stem.startswith("phuluc")


def file_findings(folder: Path, entries: list[Path], locks: list[Path]) -> list[Finding]:
    """Lock files and near-miss annex names among the period folder's entries."""
    out = []
    for lock in locks:
        out.append(
            _finding(
                f"input:lock_file:{lock.name}",
                "warning",
                "",
                lock.name,
                "",
                N_(
                    "tệp khóa '{lock}' trong {folder}: bảng tính đang mở trong Excel; những thay "
                    "đổi chưa lưu không được đọc (tệp khóa bị bỏ qua)"
                ),
                lock=lock.name,
                folder=folder.name,
            )
        )
    annex = folder / ANNEX_FILE
    for entry in entries:
        if not is_near_miss(entry):
            continue
        if annex.exists() and entry.exists() and os.path.samefile(annex, entry):
            continue  # a case-insensitive file system: it is the annex
        out.append(
            _finding(
                f"annex:near_miss:{entry.name}",
                "warning",
                "",
                entry.name,
                ANNEX_FILE,
                N_(
                    "tệp '{file}' trong {folder} KHÔNG được đọc: phụ lục PL03 chỉ được đọc từ "
                    "'{annex}' (lưu dạng .xlsx với đúng tên này)"
                ),
                file=entry.name,
                folder=folder.name,
                annex=ANNEX_FILE,
            )
        )
    return out


def ntm_below_top(
    communes: pd.DataFrame, annex: pd.DataFrame, criteria: CriteriaSet, path: Path
) -> list[Finding]:
    """A finding per commune recognised NTM whose annex row marks a criterion not met."""
    if annex.empty or communes.empty:
        return []
    recognised = set(communes.loc[communes["ntm_status"] == "recognised", "code"].astype(str))
    not_met = annex[(annex["met"] == False) & annex["code"].isin(recognised)]  # noqa: E712
    top = criteria.commune_count
    out = []
    for code, rows in not_met.groupby("code", sort=True):
        cells = annex[annex["code"] == code]
        met = int((cells["met"] == True).sum())  # noqa: E712
        unreported = top - int(cells["met"].notna().sum())
        shown = f"{met}/{top}" if not unreported else f"{met}–{met + unreported}/{top}"
        pairs = zip(rows["criterion"], rows["cell"], strict=True)
        missing = ", ".join(f"{criterion} ({cell})" for criterion, cell in pairs)
        out.append(
            _finding(
                f"annex:ntm_below_top:{code}",
                "warning",
                str(code),
                "recognised",
                shown,
                N_(
                    "xã có mã {code} được công nhận đạt chuẩn NTM nhưng phụ lục {annex} ghi "
                    "{shown} tiêu chí; chưa đạt: {missing}"
                ),
                code=code,
                annex=path.name,
                shown=shown,
                missing=missing,
            )
        )
    return out


def no_district_level(area: str) -> list[Finding]:
    """The information that district-level parts are left out (units without districts)."""
    return [
        _finding(
            "input:no_district_level",
            "info",
            area,
            "",
            "",
            N_(
                "Đơn vị hành chính của kỳ báo cáo không có cấp huyện (chính quyền địa phương "
                "hai cấp): các phần theo huyện được bỏ qua"
            ),
        )
    ]
