"""A workbook that lost rows or a whole sheet (deleted by hand): refused, naming what is
missing in words, so that a deleted sheet never silently drops its figures.

The rows a workbook must hold are the ones `ntm-report workbook` writes for its scope
(`workbook.entry_pairs`: the province's workbook, or one district's), so writer and check
cannot drift apart; once the period holds figures, only the rows a workbook written before
and one written after its first import would both hold."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from ntm_analysis.cycle.context import Context
from ntm_analysis.cycle.phrases import Indicator, Place
from ntm_analysis.cycle.reading import Reading
from ntm_analysis.cycle.rows import Pair
from ntm_analysis.cycle.workbook import entry_pairs
from ntm_analysis.errors import InputError
from ntm_analysis.i18n import N_

NAMED = 5  # missing rows named in the message; the rest are counted


@dataclass(frozen=True)
class _Rows:
    """Some missing rows in words ("label — place"), then how many more."""

    pairs: tuple[Pair, ...]
    context: Context = field(repr=False, compare=False)

    def render(self, lang: str) -> str:
        shown = [
            f"{Indicator(code, self.context.catalogue).render(lang)} — "
            f"{Place(area, self.context.units).render(lang)}"
            for code, area in self.pairs[:NAMED]
        ]
        more = len(self.pairs) - NAMED
        return "; ".join(shown) + (f"; … (+{more})" if more > 0 else "")


def missing_rows(reading: Reading, context: Context) -> InputError | None:
    """An error when the workbook lacks figure rows its scope was written with."""
    district = reading.scope if reading.scope != context.province else None
    if district is not None and district not in set(context.units["district_code"]):
        return None  # an unknown scope is reported by the merge
    expected, _ = entry_pairs(context, district)
    if context.observations is not None and len(context.observations):
        # The workbook may have been written before the period's first import, when the rows
        # asked were the previous period's: only rows both would hold count as deleted.
        before, _ = entry_pairs(replace(context, observations=None), district)
        expected = [p for p in expected if p in set(before)]
    present = set(reading.figures) | {pair for pair, _ in reading.empty}
    missing = tuple(p for p in expected if p not in present)
    if not missing:
        return None
    return InputError(
        N_("tệp thiếu {n} dòng số liệu mà biểu nhập đã có (một sheet hoặc dòng đã bị xóa): {rows}"),
        path=reading.path,
        expected=N_(
            "biểu nhập đủ các sheet và dòng như 'ntm-report workbook' đã tạo (ô không biết thì "
            "để trống, không xóa dòng)"
        ),
        n=len(missing),
        rows=_Rows(missing, context),
    )
