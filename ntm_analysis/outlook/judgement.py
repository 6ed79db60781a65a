"""The judgement of each target, as an analyst writes it for the steering committee: one short
paragraph with the status and the probability of meeting the target, the central estimate with
its range, the communes, districts or criteria that decide it (by name) and what must happen in
the months left. Section C of the report and `ntm-report project` print the same paragraph.

The sentences of each kind of target are in `judgement_kinds.py`; formulas, recomputations and
paces stay in the row's workings (`TargetOutlook.notes`), shown in the page's appendix.
"""

from __future__ import annotations

from collections.abc import Callable

from ntm_analysis.dataset.period import PeriodData
from ntm_analysis.dataset.targets import Target
from ntm_analysis.i18n import t
from ntm_analysis.outlook import judgement_kinds as kinds
from ntm_analysis.outlook.forecast import Forecast
from ntm_analysis.outlook.judgement_words import Words
from ntm_analysis.outlook.measures import Measure
from ntm_analysis.outlook.model import model_of
from ntm_analysis.outlook.status import MET, MISSED, UNKNOWN
from ntm_analysis.outlook.wording import (
    Note,
    amount,
    chance,
    figures_needed,
    gap_words,
    note,
    status_label,
)

Writer = Callable[[Words], list[str]]

BY_KIND: dict[str, Writer] = {
    "commune_count": kinds.commune_count,
    "district": kinds.district,
    "criteria_average": kinds.criteria_average,
    "communes_below": kinds.communes_below,
    "commune_gains": kinds.commune_gains,
    "members": kinds.members,
    "pace": kinds.pace,
}


def _head(status: str, fc: Forecast | None, lang: str) -> str:
    label = status_label(status, lang)
    if status in (MET, MISSED, UNKNOWN) or fc is None or fc.p_meet is None:
        return label + "."
    return t(
        lang, "{status} (khả năng đạt: {chance}).", status=label, chance=chance(fc.p_meet, lang)
    )


def _decided(w: Words, current: Measure) -> list[str]:
    """A target met (or, at the close of the year, missed): its value against the target."""
    if current.value is None:
        return []
    value = amount(w.data, current.value, w.unit, w.lang, 2 if w.unit == "percent" else None)
    return [
        t(
            w.lang,
            "Hiện đạt {value}, {gap} so với mục tiêu {target}.",
            value=value,
            gap=gap_words(w.data, w.goal - current.value, w.unit, w.lang, w.decimals),
            target=w.target_text(),
        )
    ]


def paragraph(
    data: PeriodData,
    target: Target,
    status: str,
    current: Measure,
    fc: Forecast | None,
    goal: float,
    lang: str,
) -> str:
    """The judgement of one target in `lang` (plain text; the report escapes it)."""
    cutoff = model_of(data).params.recognition_cutoff_month.value
    w = Words(data, target, fc, goal, lang, cutoff)
    sentences = [_head(status, fc, lang)]
    if status in (MET, MISSED):
        sentences += _decided(w, current)
        if status == MISSED and fc is None and current.value is None:
            sentences += [t(lang, "Kỳ báo cáo khép lại năm: đánh giá theo số liệu của kỳ.")]
    elif fc is None or fc.dist is None:
        needs = fc.needs if fc is not None else ()
        if not needs and current.value is None and target.indicator in data.catalogue:
            needs = (target.indicator,)  # the figure itself (the close of the year reads it)
        if needs:
            figures = figures_needed(data, needs, lang)
            sentences.append(t(lang, "Để đánh giá, biểu nhập cần có: {figures}.", figures=figures))
        elif current.value is None and current.range is None:
            sentences.append(t(lang, "Báo cáo không có số liệu của chỉ tiêu này."))
        else:
            sentences += _decided(w, current)
    else:
        sentences += BY_KIND[fc.kind](w)
    return " ".join(s for s in sentences if s)


def judgement(
    data: PeriodData,
    target: Target,
    status: str,
    current: Measure,
    fc: Forecast | None,
    goal: float,
) -> Note:
    """The paragraph in both languages."""
    return note(lambda lang: paragraph(data, target, status, current, fc, goal, lang))


__all__ = ["judgement", "paragraph"]
