"""The sentences of a judgement by the kind of forecast (`judgement.py` puts them together).

Each writer returns the sentences after the status: the central estimate with its range, what
decides the target (by name), and what must happen in the months left.
"""

from __future__ import annotations

import math

from ntm_analysis.i18n import N_, t
from ntm_analysis.outlook.forecast import Commune
from ntm_analysis.outlook.judgement_words import LIKELY, LISTED, Words
from ntm_analysis.outlook.scenarios import verdict_words
from ntm_analysis.outlook.wording import (
    amount,
    chance,
    difference,
    month_of,
    named,
    num,
    span,
)


def _gaps(communes: list[Commune], lang: str) -> str:
    return span(min(c.gap_low for c in communes), max(c.gap_high for c in communes), lang)


def commune_count(w: Words) -> list[str]:
    """Communes recognised for the year: those awaiting recognition, the registered ones still
    short of criteria, the others that may finish; how many more must finish."""
    f = w.facts
    top, lang = f["top"], w.lang
    awaiting, lacking = f["awaiting"], f["lacking"]
    out = [w.centre(), w.stretch()]
    if f["band_only"]:
        ready = round(f["awaiting_expected"])
        out.append(
            t(
                lang,
                "{ready} xã đăng ký đã đạt đủ {top} tiêu chí (báo cáo chưa nêu tên), {rest} xã "
                "đăng ký còn thiếu tiêu chí.",
                ready=ready,
                top=top,
                rest=len(awaiting) + len(lacking) - ready,
            )
        )
    else:
        ready = len(awaiting)
        if awaiting:
            out.append(
                t(
                    lang,
                    "{count} xã đã đạt đủ {top} tiêu chí, chờ công nhận: {names}.",
                    count=ready,
                    top=top,
                    names=w.names(awaiting, None),
                )
            )
        if lacking:
            out.append(
                t(
                    lang,
                    "{count} xã đăng ký còn thiếu {gaps} tiêu chí: {names}.",
                    count=len(lacking),
                    gaps=_gaps(lacking, lang),
                    names=w.names(lacking, None),
                )
            )
    out.append(_others(w))
    more = max(0, math.ceil(w.goal - f["already"] - ready - 1e-9))
    if more:
        out.append(
            t(
                lang,
                "Cần: công nhận các xã đã đủ tiêu chí và đưa thêm ít nhất {more} xã đạt đủ {top} "
                "tiêu chí trước {date}.",
                more=more,
                top=top,
                date=w.year_end,
            )
        )
    elif ready:
        out.append(t(lang, "Cần: hoàn tất công nhận {count} xã đã đủ tiêu chí.", count=ready))
    return [*out, w.cutoff()]


def _others(w: Words) -> str:
    f = w.facts
    if f["others"]:
        return t(
            w.lang,
            "Ngoài các xã đăng ký, có thể đạt thêm: {names} (dự kiến {expected} xã).",
            names=w.names(f["others"]),
            expected=num(f["others_expected"], w.lang, 1),
        )
    below = round(f["others_below"])
    if below:
        return t(
            w.lang,
            "Khoảng {count} xã chưa đăng ký còn dưới {top} tiêu chí, khó đạt chuẩn trong năm.",
            count=below,
            top=f["top"],
        )
    return ""


def district(w: Words) -> list[str]:
    """A district: its district criteria still lacking (and the month it reported), its
    communes not yet recognised."""
    d, lang = w.facts["district"], w.lang
    fc = w.fc
    assert fc is not None
    gap = d.needed - d.met
    out = [
        t(
            lang,
            "Dự kiến cuối năm đạt {central}/{needed} tiêu chí huyện (khoảng {low}–{high}).",
            central=num(fc.central, lang),
            needed=d.needed,
            low=num(fc.low, lang),
            high=num(fc.high, lang),
        )
    ]
    if gap:
        names = [c.name(lang) for c in w.data.criteria.district if c.id in d.missing]
        unnamed = gap - len(names)
        criteria = "; ".join(names) + (
            t(lang, " và {count} tiêu chí khác", count=unnamed) if unnamed > 0 else ""
        )
        sentence = t(
            lang, "Còn {gap} tiêu chí huyện chưa đạt: {criteria}", gap=gap, criteria=criteria
        )
        if d.schedule is not None:
            month = month_of(d.schedule.month, lang)
            sentence += "; " + (
                t(lang, "huyện báo cáo dự kiến hoàn thành trong {month}", month=month)
                if d.schedule_used
                else t(lang, "mốc {month} huyện báo cáo đã qua", month=month)
            )
        out.append(sentence + ".")
    communes = w.facts["communes"]
    if communes:
        ready = all(c.gap_high == 0 for c in communes)
        sentence = (
            N_("{count} xã đã đủ tiêu chí, đang chờ công nhận: {names}.")
            if ready
            else N_("{count} xã chưa được công nhận: {names}.")
        )
        out.append(t(lang, sentence, count=len(communes), names=w.names(communes, None)))
    must = []
    if gap:
        must.append(
            t(lang, "hoàn thành {gap} tiêu chí huyện", gap=gap)
            + (t(lang, " đúng hẹn") if d.schedule_used else "")
        )
    if communes:
        must.append(t(lang, "công nhận {count} xã", count=len(communes)))
    if must:
        out.append(t(lang, "Cần: {what}.", what=t(lang, " và ").join(must)))
    return [*out, w.cutoff()]


def criteria_average(w: Words) -> list[str]:
    """The average: who carries the gain, and how much the province must still gain."""
    f, lang = w.facts, w.lang
    out = [w.centre()]
    if f["lacking"]:
        out.append(
            t(
                lang,
                "Mức tăng dựa chủ yếu vào {count} xã đăng ký còn thiếu tiêu chí ({names}).",
                count=len(f["lacking"]),
                names=w.names(f["lacking"]),
            )
        )
    if round(f["others_below"]):
        out.append(
            t(
                lang,
                "Khoảng {count} xã chưa đăng ký còn dưới {top} tiêu chí, dự kiến chỉ tăng thêm "
                "khoảng {gain} tiêu chí.",
                count=round(f["others_below"]),
                top=w.data.criteria.commune_count,
                gain=num(f["others_gain"], lang, 0),
            )
        )
    out += _plan(w)
    need = f["total_goal"] - f["total_now"]
    out.append(
        t(
            lang,
            "Cần: toàn tỉnh tăng thêm khoảng {need} tiêu chí trong {months} tháng còn lại "
            "(dự kiến tăng {expected}).",
            need=num(math.ceil(need - 1e-9), lang),
            months=w.months,
            expected=num(f["total_end"] - f["total_now"], lang, 0),
        )
    )
    return out


def _plan(w: Words) -> list[str]:
    """The province's plan as a scenario: the average it gives, and the chance every registered
    commune still lacking criteria completes them in time (what the plan rests on)."""
    f, lang = w.facts, w.lang
    plan = f.get("plan")
    if plan is None:
        return []
    n = len(plan.registered)
    what = [t(lang, "{n} xã đăng ký đạt đủ {top} tiêu chí", n=n, top=plan.top)] if n else []
    what += [t(lang, "không xã nào dưới {floor} tiêu chí", floor=fl) for fl in plan.floors]
    lo, hi = plan.result.average
    out = [
        t(
            lang,
            "Theo kế hoạch của tỉnh ({what}), bình quân cuối năm là {average}, {verdict}.",
            what=", ".join(what),
            average=span(lo, hi, lang, 2),
            verdict=verdict_words(plan.result, lang),
        )
    ]
    if f["lacking"]:
        out.append(
            t(
                lang,
                "Kế hoạch này cần cả {count} xã đăng ký còn thiếu tiêu chí đạt đủ {top} tiêu chí "
                "trước {date}; khả năng đó là {chance}.",
                count=len(f["lacking"]),
                top=plan.top,
                date=w.year_end,
                chance=chance(f["p_plan"], lang),
            )
        )
    return out


def _unsure(w: Words, likely: list[Commune]) -> list[str]:
    """The communes the report places only in a band that reaches below the floor."""
    f, lang, floor = w.facts, w.lang, w.facts["floor"]
    out: list[str] = []
    unsure = len(f["below"]) - len(likely)
    if unsure:
        sentence = (
            N_(
                "Ngoài ra, báo cáo chỉ nêu nhóm tiêu chí của {count} xã có thể dưới {floor} tiêu "
                "chí; ước tính khoảng {expected} xã trong số đó đang dưới mức này."
            )
            if likely
            else N_(
                "Báo cáo chỉ nêu nhóm tiêu chí của {count} xã có thể dưới {floor} tiêu chí, không "
                "nêu từng xã; ước tính khoảng {expected} xã trong số đó đang dưới mức này."
            )
        )
        out.append(
            t(
                lang,
                sentence,
                count=unsure,
                expected=num(
                    f["expected_now"] - sum(f["p_below_now"][c.code] for c in likely), lang, 0
                ),
                floor=floor,
            )
        )
    return out


def communes_below(w: Words) -> list[str]:
    """Communes below a floor: those known (or likely) to be below it now, and what they must
    reach."""
    f, lang = w.facts, w.lang
    floor = f["floor"]
    likely = sorted(
        (c for c in f["below"] if f["p_below_now"][c.code] >= LIKELY), key=lambda c: c.code
    )
    out = [w.centre()]
    if likely:
        out.append(
            t(
                lang,
                "Đang dưới {floor} tiêu chí: {names}.",
                floor=floor,
                names=w.names(likely, None),
            )
        )
    out += _unsure(w, likely)
    out.append(
        t(
            lang,
            N_("Cần: mỗi xã này đạt ít nhất {floor} tiêu chí trước {date}.")
            if likely
            else N_("Cần: mọi xã trong nhóm này đạt ít nhất {floor} tiêu chí trước {date}."),
            floor=floor,
            date=w.year_end,
        )
    )
    if not w.data.has(w.target.indicator, w.target.area):
        out.append(
            t(
                lang,
                "Biểu nhập cuối năm cần có “{label}” và số tiêu chí của từng xã.",
                label=w.data.catalogue.label(w.target.indicator, lang),
            )
        )
    return out


def commune_gains(w: Words) -> list[str]:
    f, lang = w.facts, w.lang
    out = [w.centre()]
    if f["short"]:
        out.append(
            t(
                lang,
                "{count}/{total} xã có thể chưa tăng đủ: {names}.",
                count=len(f["short"]),
                total=f["communes"],
                names=w.names(f["short"]),
            )
        )
        out.append(
            t(lang, "Cần: mỗi xã này tăng đủ {gain} so với cuối năm trước.", gain=w.value(w.goal))
        )
    return out


def members(w: Words) -> list[str]:
    f, lang = w.facts, w.lang
    out = [
        t(
            lang,
            "Đã có {holding}/{total} xã đạt: {names}.",
            holding=len(f["holding"]),
            total=f["total"],
            names=named(w.data, f["holding"], lang, LISTED) or "—",
        ),
        w.centre(),
    ]
    if f["lacking"]:
        out.append(
            t(
                lang,
                "Cần: {count} xã còn lại đạt yêu cầu trước {date}: {names}.",
                count=len(f["lacking"]),
                date=w.year_end,
                names=named(w.data, f["lacking"], lang, LISTED),
            )
        )
    return out


def pace(w: Words) -> list[str]:
    """A figure moved by a pace: what it needs in the months left, in its own unit and, for a
    share, in the things it counts."""
    f, lang = w.facts, w.lang
    out = [w.centre()]
    if f["expected"] == 0:
        out.append(t(lang, "Từ cuối năm trước đến nay chưa tiến triển."))
    needed = f["needed"] if w.target.direction == "at_least" else -f["needed"]
    if needed > 0:
        extra = ""
        code = f.get("numerator")
        if code and f.get("numerator_needed", 0) > 0:
            unit = w.data.catalogue[code].unit
            extra = t(
                lang, " (khoảng {value})", value=amount(w.data, f["numerator_needed"], unit, lang)
            )
        value = difference(w.data, needed, w.unit, lang, w.decimals)
        if w.target.direction == "at_least":
            text = t(
                lang,
                "Cần tăng thêm {value}{extra} trong {months} tháng còn lại.",
                value=value,
                extra=extra,
                months=w.months,
            )
        else:
            text = t(
                lang,
                "Cần giảm thêm {value}{extra} trong {months} tháng còn lại.",
                value=value,
                extra=extra,
                months=w.months,
            )
        out.append(text)
    return out


__all__ = [
    "Words",
    "commune_count",
    "commune_gains",
    "communes_below",
    "criteria_average",
    "district",
    "members",
    "pace",
]
