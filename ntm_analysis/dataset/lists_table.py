"""`lists.csv`: the named lists of a period (communes, districts or criteria a figure counts),
each item's written name checked against the GSO unit its code names."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from ntm_analysis.dataset import limits, schemas
from ntm_analysis.dataset.files import LINE, read_csv_text
from ntm_analysis.dataset.limits import Problems
from ntm_analysis.dataset.matching import LooseMatch, check_unit_name
from ntm_analysis.dataset.period_tables import empty_table
from ntm_analysis.dataset.reference import CriteriaSet
from ntm_analysis.dataset.schemas import LIST_COLUMNS, LIST_OPTIONAL
from ntm_analysis.errors import InputError, InputErrors
from ntm_analysis.i18n import N_
from ntm_analysis.text.names import AmbiguousNameError, Match, NameMatcher, NameMatchError


class _Districts:
    """The districts of the units, to check a district item's written name."""

    def __init__(self, units: pd.DataFrame, matcher: NameMatcher) -> None:
        info = units[units["district_code"] != ""].drop_duplicates("district_code")
        codes = info["district_code"]
        self.names = dict(zip(codes, info["district_name"], strict=True))
        self.types = dict(zip(codes, info["district_type"], strict=True))
        self.province = dict(zip(codes, info["province_code"], strict=True))
        self.matcher = matcher

    def match(self, written: str, code: str) -> Match:
        """The district `written` names. District names repeat across provinces (huyện Châu
        Thành): a name matching several districts is resolved among those of `code`'s
        province."""
        try:
            return self.matcher.match_district(written, district_type=self.types[code])
        except AmbiguousNameError as exc:
            province = self.province[code]
            local = [c for c in exc.candidates if self.province.get(c.code) == province]
            if len(local) == 1:
                return local[0]
            if local:
                listed = "; ".join(f"{c.name} ({c.code})" for c in local)
                raise AmbiguousNameError(
                    N_(
                        "tên huyện {written!r} của tỉnh có mã {province} trùng nhiều đơn vị: "
                        "{listed}"
                    ),
                    tuple(local),
                    written=written,
                    province=province,
                    listed=listed,
                ) from None
            raise

    def check(self, row: Any, path: Path, errors: Problems, loose: list[LooseMatch]) -> None:
        """The row's written name is its district's (a loose match is noted)."""
        line, item = getattr(row, LINE), row.item
        try:
            match = self.match(row.as_written, item)
        except NameMatchError as exc:
            errors.append(InputError(exc, path=path, row=line, column="as_written"))
            return
        if match.code != item:
            errors.append(
                InputError(
                    N_(
                        "{as_written!r} là huyện có mã {match_code}, không phải {item} "
                        "({district_names})"
                    ),
                    path=path,
                    row=line,
                    column="as_written",
                    as_written=row.as_written,
                    match_code=match.code,
                    item=item,
                    district_names=self.names[item],
                )
            )
        elif not match.exact:
            loose.append(
                LooseMatch(str(path), line, row.as_written, item, match.name, match.method)
            )


def load_lists(
    path: Path,
    units: pd.DataFrame,
    criteria: CriteriaSet,
    matcher: NameMatcher,
    loose: list[LooseMatch],
) -> pd.DataFrame:
    """`lists.csv` (an empty table when absent): items are criteria of the set, districts or
    units, each written name the one its code names. InputErrors lists the problems."""
    if not path.is_file():
        return empty_table(LIST_COLUMNS + LIST_OPTIONAL)
    frame = read_csv_text(path, LIST_COLUMNS, LIST_OPTIONAL, allow_empty=True)
    frame = schemas.validate_frame(schemas.LISTS, frame, path)
    check_list_sizes(frame, path)
    districts = _Districts(units, matcher)
    unit_district = dict(zip(units["unit_code"], units["district_code"], strict=True))
    errors = Problems()
    for i, row in enumerate(frame.itertuples(index=False)):
        if errors.stop_at(i, len(frame)):
            break
        line, item = getattr(row, LINE), row.item
        if item in criteria.ids():
            continue
        if item in districts.names:
            districts.check(row, path, errors, loose)
        elif item not in unit_district:
            errors.append(
                InputError(
                    N_("không có mục mã {item!r}"),
                    path=path,
                    row=line,
                    column="item",
                    expected=N_(
                        "một mã đơn vị hoặc mã huyện theo GSO, hoặc một mã tiêu chí của bộ tiêu "
                        "chí của kỳ"
                    ),
                    item=item,
                )
            )
        else:
            where = (path, line, "as_written")
            problem = check_unit_name(
                matcher, row.as_written, item, unit_district[item], where, loose
            )
            if problem:
                errors.append(problem)
    if errors:
        raise InputErrors(errors)
    return frame.reset_index(drop=True)


def check_list_sizes(frame: pd.DataFrame, path: Path) -> None:
    """Refuse more rows or more named lists than the limits (docs/input-limits.md): the pages
    and report.docx show each list item by item, so validate and run refuse the same tables."""
    if len(frame) > limits.LISTS_MAX_ROWS:
        raise InputError(
            N_("có {count} dòng danh sách, vượt giới hạn {limit}"),
            path=path,
            expected=N_("tối đa {limit} dòng (xem docs/input-limits.md)"),
            count=len(frame),
            limit=limits.LISTS_MAX_ROWS,
        )
    lists = frame["list"].nunique()
    if lists > limits.LISTS_MAX_LISTS:
        raise InputError(
            N_("có {count} danh sách, vượt giới hạn {limit}"),
            path=path,
            column="list",
            expected=N_("tối đa {limit} danh sách (xem docs/input-limits.md)"),
            count=lists,
            limit=limits.LISTS_MAX_LISTS,
        )
