"""Narrative sentences generated from the data: each section's key statements with their
figures, in Vietnamese or English, derived from the catalogue's relations (never typed)."""

from __future__ import annotations

from ntm_analysis.dataset.catalogue import Relation
from ntm_analysis.dataset.period import PeriodData
from ntm_analysis.i18n import N_, t
from ntm_analysis.report.sections import in_section
from ntm_analysis.report.wording import qualifier_word
from ntm_analysis.text.numbers import display_decimals, format_value

# The words of the generated sentences, translated at use.
WORDS = {
    "made_of": N_("gồm"),
    "up": N_("tăng"),
    "down": N_("giảm"),
    "same": N_("không đổi"),
    "since": N_("so với"),
}


def _value(data: PeriodData, code: str, area: str, lang: str, with_unit: bool = True) -> str:
    obs = data.figure(code, area)
    indicator = data.catalogue[code]
    decimals = display_decimals(obs.as_written)
    text = format_value(obs.value, indicator.unit, lang, decimals)
    if with_unit and indicator.unit != "percent":
        text += " " + data.catalogue.unit_label(indicator.unit, lang)
    qualifier = qualifier_word(obs.qualifier, lang)
    if qualifier:
        text = f"{qualifier} {text}"
    return text


def _where(data: PeriodData, area: str, lang: str) -> str:
    return "" if area == data.province else f" ({data.area_names(lang).get(area, area)})"


def ratio_sentence(data: PeriodData, relation: Relation, area: str, lang: str) -> str:
    """'Communes meeting all 19 criteria: 72 of 85 communes (84.7%).'"""
    num, den, pct = relation["numerator"], relation["denominator"], relation["percent"]
    label = data.catalogue.label(num, lang) + _where(data, area, lang)
    part = _value(data, num, area, lang, with_unit=False)
    whole = _value(data, den, area, lang)
    share = _value(data, pct, area, lang)
    return t(
        lang,
        "{label}: {part}/{whole}, chiếm {share}.",
        label=label,
        part=part,
        whole=whole,
        share=share,
    )


def sum_sentence(data: PeriodData, relation: Relation, area: str, lang: str) -> str:
    """'Resources mobilised: 5,214,624.5 million VND, of which: local 200,000 (3.8%); …'"""
    w = {key: t(lang, msgid) for key, msgid in WORDS.items()}
    total = relation["total"]
    total_value = data.value(total, area)
    parts = []
    for code in relation["parts"]:
        if not data.has(code, area):
            continue
        text = f"{data.catalogue.label(code, lang)} {_value(data, code, area, lang, False)}"
        if total_value:
            share = data.value(code, area) / total_value * 100
            text += f" ({format_value(share, 'percent', lang, 1)})"
        parts.append(text)
    label = data.catalogue.label(total, lang) + _where(data, area, lang)
    return f"{label}: {_value(data, total, area, lang)}; {w['made_of']}: " + "; ".join(parts) + "."


def change_sentence(data: PeriodData, code: str, area: str, lang: str) -> str | None:
    """'Cultural hamlets: 600, up 36 since the end of 2020.' when the baseline has the figure."""
    base = data.baseline
    if base is None or not base.has(code, area) or not data.has(code, area):
        return None
    w = {key: t(lang, msgid) for key, msgid in WORDS.items()}
    unit = data.catalogue[code].unit
    delta = data.value(code, area) - base.value(code, area)
    direction = w["up"] if delta > 0 else w["down"] if delta < 0 else w["same"]
    amount = "" if delta == 0 else " " + format_value(abs(delta), unit, lang)
    label = data.catalogue.label(code, lang) + _where(data, area, lang)
    return (
        f"{label}: {_value(data, code, area, lang)}, {direction}{amount} {w['since']} "
        f"{base.label(lang).lower()}."
    )


def _stated_as_shares(data: PeriodData, relation: Relation) -> bool:
    """Whether every part of a sum is already the numerator of a share of the same total."""
    numerators = {
        r["numerator"]
        for r in data.catalogue.relations
        if r.kind == "ratio" and r["denominator"] == relation["total"]
    }
    return set(relation["parts"]) <= numerators


def section_narrative(data: PeriodData, prefixes: list[str], lang: str = "vi") -> list[str]:
    """Key sentences of the given sections, in catalogue order: shares, breakdowns, changes."""
    sentences: list[str] = []
    for relation in data.catalogue.relations:
        if relation.kind == "sum" and _stated_as_shares(data, relation):
            continue
        if relation.kind == "ratio":
            anchor = relation["percent"]
        elif relation.kind == "sum" and relation.get("exhaustive", True):
            anchor = relation["total"]
        else:
            continue
        if not in_section(data.catalogue[anchor].section, prefixes):
            continue
        for area in data.values(anchor).index:
            needed = relation.indicators()
            if relation.kind == "ratio" and not all(data.has(c, area) for c in needed):
                continue
            if relation.kind == "ratio":
                sentences.append(ratio_sentence(data, relation, area, lang))
            elif sum(data.has(c, area) for c in relation["parts"]) >= 2:
                sentences.append(sum_sentence(data, relation, area, lang))
    if data.baseline is not None:
        for row in data.baseline.observations.itertuples(index=False):
            if in_section(data.catalogue[row.indicator].section, prefixes):
                sentence = change_sentence(data, row.indicator, row.area, lang)
                if sentence:
                    sentences.append(sentence)
    return sentences
