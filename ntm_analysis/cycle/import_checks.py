"""Checks of an import on the period as it will be, for what this import brings (a problem the
period already had before is not this import's): a part above its whole, a count that does
not match the baseline's plus the increase stated, a named list that names a place twice
(errors, nothing is written), and a list whose stated count differs from its items (a
warning in the summary, naming the list)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ntm_analysis.cycle.context import Context
from ntm_analysis.cycle.merge import Merged
from ntm_analysis.cycle.phrases import Amount, Indicator, ListName, Place
from ntm_analysis.cycle.rows import Pair, part_whole
from ntm_analysis.dataset.period import PeriodData
from ntm_analysis.dataset.relations import IncreaseRelation, ListedRelation
from ntm_analysis.errors import InputError, Message
from ntm_analysis.i18n import N_

TOLERANCE = 1e-6


@dataclass(frozen=True)
class _Source:
    """Where a figure of the period comes from, in words: a workbook's cell, or the file."""

    text: str

    def render(self, lang: str) -> str:
        return self.text


def _where(indicators: pd.DataFrame) -> dict[Pair, tuple[float, str]]:
    """(value, where it comes from) of every figure of the new indicators.csv."""
    out = {}
    for i, a, v, source in zip(
        indicators["indicator"],
        indicators["area"],
        indicators["value"],
        indicators["source"],
        strict=True,
    ):
        out[(i, a)] = (float(v), str(source) or "indicators.csv")
    return out


def _frame(merged: Merged, pair: Pair) -> dict[str, object]:
    """The error's file and cell: the workbook cell this import typed."""
    cell = merged.figures[pair].cell
    return {"path": cell.file, "column": f"{cell.sheet}!{cell.cell}"}


def parts_above_wholes(
    indicators: pd.DataFrame, merged: Merged, context: Context
) -> list[InputError]:
    """A part above its whole, one of them typed in this import (from two workbooks, or one
    typed now and one the period held)."""
    values, catalogue, errors = _where(indicators), context.catalogue, []
    for part, whole in dict.fromkeys((p, w) for p, w, _ in part_whole(catalogue)):
        for (code, area), (value, source) in values.items():
            found = values.get((whole, area)) if code == part else None
            if found is None or value <= found[0] + TOLERANCE:
                continue
            typed = (code, area) if (code, area) in merged.figures else (whole, area)
            if typed not in merged.figures:
                continue
            errors.append(
                InputError(
                    N_(
                        "{part} của {area} là {value} ({source}), lớn hơn tổng {total} ({whole}, "
                        "{total_source}): một phần không thể lớn hơn tổng"
                    ),
                    **_frame(merged, typed),
                    expected=N_("số liệu thành phần không lớn hơn tổng"),
                    part=Indicator(code, catalogue),
                    whole=Indicator(whole, catalogue),
                    area=Place(area, context.units),
                    value=Amount(value, catalogue[code].unit),
                    total=Amount(found[0], catalogue[whole].unit),
                    source=_Source(source),
                    total_source=_Source(found[1]),
                )
            )
    return errors


def increases(
    indicators: pd.DataFrame, merged: Merged, context: Context, baseline: PeriodData | None
) -> list[InputError]:
    """A count that is not the baseline's count plus the increase stated beside it."""
    if baseline is None:
        return []
    values, catalogue, errors = _where(indicators), context.catalogue, []
    for relation in catalogue.relations_of(IncreaseRelation):
        for (code, area), (total, source) in values.items():
            step = values.get((relation.increase, area)) if code == relation.total else None
            if step is None or not baseline.has(code, area):
                continue
            typed = [p for p in ((code, area), (relation.increase, area)) if p in merged.figures]
            before = baseline.value(code, area)
            if not typed or abs(before + step[0] - total) <= TOLERANCE:
                continue
            unit = catalogue[code].unit
            errors.append(
                InputError(
                    N_(
                        "{total_label} của {area} là {total} ({source}), nhưng kỳ gốc {base} có "
                        "{before} và mức tăng ghi là {step} ({step_source}): {before} + {step} "
                        "= {expected_total}"
                    ),
                    **_frame(merged, typed[0]),
                    expected=N_("số liệu kỳ này bằng số liệu kỳ gốc cộng mức tăng"),
                    total_label=Indicator(code, catalogue),
                    area=Place(area, context.units),
                    total=Amount(total, unit),
                    source=_Source(source),
                    base=baseline.period,
                    before=Amount(before, unit),
                    step=Amount(step[0], catalogue[relation.increase].unit),
                    step_source=_Source(step[1]),
                    expected_total=Amount(before + step[0], unit),
                )
            )
    return errors


def duplicate_items(merged: Merged, context: Context) -> list[InputError]:
    """A list of this import that names the same place twice."""
    seen: dict[tuple[str, str, str], object] = {}
    errors = []
    for item in merged.lists:
        key = (item["list"], item["area"], item["item"])
        first = seen.setdefault(key, item["cell"])
        if first is item["cell"]:
            continue
        cell = item["cell"]
        errors.append(
            InputError(
                N_("danh sách {list} của {area} nêu {name} hai lần ({first} và {second})"),
                path=cell.file,
                column=f"{cell.sheet}!{cell.cell}",
                expected=N_("mỗi tên một lần trong một danh sách (xóa dòng thừa)"),
                list=ListName(item["list"], context),
                area=Place(item["area"], context.units),
                name=item["as_written"],
                first=first,
                second=cell,
            )
        )
    return errors


def list_counts(
    indicators: pd.DataFrame, lists: pd.DataFrame, merged: Merged, context: Context
) -> list[Message]:
    """A list whose count is stated and differs from its items, one of them from this import."""
    values, warnings = _where(indicators), []
    listed_now = {(i["list"], i["area"]) for i in merged.lists}
    per_list = lists.groupby(["list", "area"]).size().to_dict() if len(lists) else {}
    for relation in context.catalogue.relations_of(ListedRelation):
        for (code, area), (count, source) in values.items():
            if code != relation.count:
                continue
            items = int(per_list.get((relation.list, area), 0))
            now = (code, area) in merged.figures or (relation.list, area) in listed_now
            if not now or items == count:
                continue
            warnings.append(
                Message(
                    N_(
                        "danh sách {list} của {area}: số liệu ghi {count} ({source}) nhưng danh "
                        "sách có {items} tên"
                    ),
                    list=ListName(relation.list, context),
                    area=Place(area, context.units),
                    count=Amount(count),
                    source=_Source(source),
                    items=items,
                )
            )
    return warnings
