"""What an import changed in the period, for its summary: figures added, changed and removed,
commune and district statuses changed, list items added and removed, annex cells."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import pandas as pd

from ntm_analysis.cycle.context import Context
from ntm_analysis.cycle.merge import FIELD_WORDS
from ntm_analysis.cycle.phrases import Amount, Indicator, ListName, Place
from ntm_analysis.cycle.text import DISTRICT_STATUS, MET, REGISTERED, STATUS
from ntm_analysis.errors import Message
from ntm_analysis.i18n import N_, t

STATUS_KEYS = ("ntm_status", "advanced_status", "registered")


@dataclass
class Changes:
    """Each change as a message (rendered in the reader's language), by kind."""

    added: list[Message] = field(default_factory=list)
    changed: list[Message] = field(default_factory=list)
    removed: list[Message] = field(default_factory=list)
    statuses: list[Message] = field(default_factory=list)
    lists: list[Message] = field(default_factory=list)

    def count(self) -> int:
        return sum(len(x) for x in (self.added, self.changed, self.removed, self.statuses))

    def lines(self, lang: str, limit: int) -> list[str]:
        """A count line, then up to `limit` changes (figures changed first)."""
        head = t(
            lang,
            "Thay đổi so với trước lần nhập: {added} số liệu mới, {changed} số liệu sửa, "
            "{removed} số liệu bỏ, {statuses} tình trạng xã, huyện, {lists} thay đổi danh sách.",
            added=len(self.added),
            changed=len(self.changed),
            removed=len(self.removed),
            statuses=len(self.statuses),
            lists=len(self.lists),
        )
        every = [*self.changed, *self.removed, *self.statuses, *self.lists, *self.added]
        out = [head] + [f"  - {m.render(lang)}" for m in every[:limit]]
        if len(every) > limit:
            out.append("  " + t(lang, "… và {n} thay đổi khác", n=len(every) - limit))
        return out


def _values(frame: pd.DataFrame) -> dict[tuple[str, str], float]:
    return {
        (i, a): float(v)
        for i, a, v in zip(frame["indicator"], frame["area"], frame["value"], strict=True)
    }


def figure_changes(
    before: pd.DataFrame, after: pd.DataFrame, context: Context, out: Changes
) -> None:
    """Figures that appear, change value or disappear."""
    old, new = _values(before), _values(after)
    catalogue, units = context.catalogue, context.units
    for pair in sorted(set(old) | set(new)):
        a, b = old.get(pair), new.get(pair)
        if a == b:
            continue
        unit = catalogue[pair[0]].unit if pair[0] in catalogue else ""
        values = {"label": Indicator(pair[0], catalogue), "area": Place(pair[1], units)}
        if a is None:
            out.added.append(Message(N_("{label} — {area}: {b}"), **values, b=Amount(b, unit)))
        elif b is None:
            out.removed.append(Message(N_("{label} — {area}: bỏ {a}"), **values, a=Amount(a, unit)))
        else:
            out.changed.append(
                Message(
                    N_("{label} — {area}: {a} → {b}"),
                    **values,
                    a=Amount(a, unit),
                    b=Amount(b, unit),
                )
            )


@dataclass(frozen=True)
class _Word:
    """A status code in words of the reader's language ("—" when empty)."""

    table: Mapping[str, dict[str, str]] | None
    code: str

    def render(self, lang: str) -> str:
        if not self.code:
            return "—"
        return self.table[lang].get(self.code, self.code) if self.table else self.code


@dataclass(frozen=True)
class _Criterion:
    id: str
    context: Context = field(compare=False)

    def render(self, lang: str) -> str:
        found = next((c for c in self.context.criteria.district if c.id == self.id), None)
        return found.name(lang) if found else self.id


def _changed(
    before: pd.DataFrame, after: pd.DataFrame, key: list[str], columns: tuple[str, ...]
) -> list[tuple[tuple, str, str, str]]:
    """(row key, column, before, after) of every value that changed."""
    present = [c for c in columns if c in after.columns]
    old = {tuple(r[k] for k in key): r for r in before.to_dict("records")}
    out = []
    for row in after.to_dict("records"):
        earlier = old.get(tuple(row[k] for k in key), {})
        for column in present:
            a, b = str(earlier.get(column, "") or ""), str(row.get(column, "") or "")
            if a != b:
                out.append((tuple(row[k] for k in key), column, a, b))
    return out


def status_changes(
    before: dict[str, pd.DataFrame], after: dict[str, pd.DataFrame], context: Context, out: Changes
) -> None:
    """Commune statuses, district statuses and district criteria whose value changed."""
    units = context.units
    words = {"ntm_status": STATUS, "advanced_status": STATUS, "registered": REGISTERED}
    for row, column, a, b in _changed(before["communes"], after["communes"], ["code"], STATUS_KEYS):
        table = words[column]
        out.statuses.append(
            _status(FIELD_WORDS[column], row[0], _Word(table, a), _Word(table, b), units)
        )
    for row, column, a, b in _changed(
        before["districts"], after["districts"], ["code"], ("ntm_status", "ntm_plan_year")
    ):
        table = DISTRICT_STATUS if column == "ntm_status" else None
        out.statuses.append(
            _status(FIELD_WORDS[column], row[0], _Word(table, a), _Word(table, b), units)
        )
    for row, _, a, b in _changed(
        before["district_criteria"],
        after["district_criteria"],
        ["district_code", "criterion"],
        ("met",),
    ):
        out.statuses.append(
            Message(
                N_("{what} của {area}: {a} → {b}"),
                what=_Criterion(row[1], context),
                area=Place(row[0], units),
                a=_Word(MET, a),
                b=_Word(MET, b),
            )
        )


def _status(what: str, area: str, a: _Word, b: _Word, units: pd.DataFrame) -> Message:
    return Message(
        N_("{what} của {area}: {a} → {b}"), what=Message(what), area=Place(area, units), a=a, b=b
    )


def list_changes(before: pd.DataFrame, after: pd.DataFrame, context: Context, out: Changes) -> None:
    """Items a list gained or lost."""
    key = ["list", "area", "item"]
    old = {tuple(r[k] for k in key): r["as_written"] for r in before.to_dict("records")}
    new = {tuple(r[k] for k in key): r["as_written"] for r in after.to_dict("records")}
    for item in new.keys() - old.keys():
        out.lists.append(
            Message(
                N_("danh sách {list} của {area}: thêm {name}"),
                list=ListName(item[0], context),
                area=Place(item[1], context.units),
                name=new[item],
            )
        )
    for item in old.keys() - new.keys():
        out.lists.append(
            Message(
                N_("danh sách {list} của {area}: bỏ {name}"),
                list=ListName(item[0], context),
                area=Place(item[1], context.units),
                name=old[item],
            )
        )
