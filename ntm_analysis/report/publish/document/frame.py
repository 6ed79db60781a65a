"""The administrative frame of the report (Decree 30/2020/NĐ-CP), worded from the period's
`issuer` block (`period.yml`) and the package's catalogue.

Without an `issuer` block the frame is still complete: the province's People's Committee as
the governing body, the coordination office as the issuer, and blanks where the office signs
(the analyst's index says so: `issuer_warning`).
"""

from __future__ import annotations

from typing import Any

from ntm_analysis.dataset.config_models import IssuerModel
from ntm_analysis.dataset.models import Label
from ntm_analysis.dataset.period import PeriodData
from ntm_analysis.i18n import N_, pick, t
from ntm_analysis.report.publish.document.model import Frame, Properties, Signature

BLANK = "\u00a0" * 6  # where the office writes the number, the day, the month
WORDS = {
    "nation": N_("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
    "motto": N_("Độc lập - Tự do - Hạnh phúc"),
    "report": N_("BÁO CÁO"),
    "number": N_("Số: {blank}/BC-{code}"),
    "place_date": N_("{place}, ngày {day} tháng {month} năm {year}"),
    "recipients": N_("Nơi nhận:"),
    "annex_note": N_("(Kèm theo Báo cáo số {blank}/BC-{code} của {office})"),
    "title": N_(
        "Kết quả thực hiện các Chương trình mục tiêu quốc gia và Phong trào “Toàn dân đoàn "
        "kết xây dựng đời sống văn hóa” {period}"
    ),
    "title_rest": N_(
        "Kết quả thực hiện các Chương trình mục tiêu quốc gia và Phong trào “Toàn dân đoàn "
        "kết xây dựng đời sống văn hóa” {period}; nhiệm vụ, giải pháp những tháng còn lại "
        "của năm {year}"
    ),
    "closing": N_("Trên đây là báo cáo {period} của {office}./."),
    "default_governing": N_("Ủy ban nhân dân {province}"),
    "default_office": N_("Văn phòng Điều phối nông thôn mới"),
    "default_code": N_("VPĐP"),
    "default_recipients_1": N_("Như trên"),
    "default_recipients_2": N_("Lưu: VT"),
    "default_position": N_("CHÁNH VĂN PHÒNG"),
    "no_issuer": N_(
        "period.yml chưa có khối issuer: tiêu đề, nơi nhận và chữ ký của báo cáo dùng mặc "
        "định (docs/outputs.md)"
    ),
}


def words(value: Any, lang: str) -> str:
    """A text of the issuer block in `lang`: a plain string is Vietnamese, used as written in
    every language; {vi, en} gives English where written."""
    if value is None:
        return ""
    if isinstance(value, Label):
        return pick(lang, value.vi, value.en or value.vi)
    return str(value)


def issuer_of(data: PeriodData) -> IssuerModel | None:
    """The period's `issuer` block, validated (None when period.yml has none)."""
    block = data.meta.get("issuer")
    return IssuerModel.model_validate(block) if block else None


def issuer_warning(data: PeriodData, lang: str) -> str | None:
    """What the analyst is told when the period has no issuer block."""
    return None if data.meta.get("issuer") else t(lang, WORDS["no_issuer"])


def title(data: PeriodData, lang: str) -> str:
    """The report's subject (trích yếu): the programmes, the period and, before the year
    closes, the tasks of its remaining months."""
    closing = data.meta.get("closes_year")
    closes = bool(closing) if closing is not None else data.reporting_period.closes_year
    key = "title" if closes else "title_rest"
    return t(lang, WORDS[key], period=mid_sentence(data.label(lang)), year=data.year)


def mid_sentence(label: str) -> str:
    """A period's label inside a sentence: "First nine months of 2021" → "first nine months
    of 2021", "Cuối năm 2020" → "cuối năm 2020"."""
    return label[:1].lower() + label[1:]


def _province(data: PeriodData, lang: str) -> str:
    return data.area_names(lang).get(data.province, "")


def _default_issuer(data: PeriodData, lang: str) -> dict[str, Any]:
    province = _province(data, lang)
    return {
        "governing_body": t(lang, WORDS["default_governing"], province=province),
        "office": t(lang, WORDS["default_office"]),
        "code": t(lang, WORDS["default_code"]),
        "place": str(data.units["province_name"].iloc[0]) if len(data.units) else province,
        "date": None,
        "recipients": [
            t(lang, WORDS["default_recipients_1"]),
            t(lang, WORDS["default_recipients_2"]),
        ],
        "signature": {
            "authority": None,
            "position": t(lang, WORDS["default_position"]),
            "name": "",
        },
    }


def _recipients(items: list[str]) -> tuple[str, ...]:
    """ "- X;" for each recipient, "- Lưu: …." for the last (as the decree lays them out)."""
    cleaned = [i.strip().rstrip(";.") for i in items if i.strip()]
    return tuple(
        f"- {item}{'.' if n == len(cleaned) - 1 else ';'}" for n, item in enumerate(cleaned)
    )


def _place_date(place: str, date: Any, year: int, lang: str) -> str:
    if date is None:
        return t(lang, WORDS["place_date"], place=place, day=BLANK, month=BLANK, year=year)
    # the decree writes days below 10 and the months January and February with a leading zero
    day = f"{date.day:02d}"
    month = f"{date.month:02d}" if date.month < 3 else str(date.month)
    return t(lang, WORDS["place_date"], place=place, day=day, month=month, year=date.year)


def build_frame(data: PeriodData, lang: str) -> Frame:
    """The frame of the period's report in `lang`."""
    issuer = issuer_of(data)
    if issuer is None:
        raw = _default_issuer(data, lang)
        fields = {k: raw[k] for k in ("governing_body", "office", "code", "place", "date")}
        recipients, signature = raw["recipients"], raw["signature"]
    else:
        fields = {
            "governing_body": words(issuer.governing_body, lang),
            "office": words(issuer.office, lang),
            "code": issuer.code,
            "place": words(issuer.place, lang),
            "date": issuer.date,
        }
        recipients = [words(r, lang) for r in issuer.recipients]
        signature = {
            "authority": words(issuer.signature.authority, lang),
            "position": words(issuer.signature.position, lang),
            "name": issuer.signature.name,
        }
    subject = title(data, lang)
    return Frame(
        governing_body=fields["governing_body"].upper(),
        office=fields["office"].upper(),
        number=t(lang, WORDS["number"], blank=BLANK, code=fields["code"]),
        nation=t(lang, WORDS["nation"]),
        motto=t(lang, WORDS["motto"]),
        place_date=_place_date(fields["place"], fields["date"], data.year, lang),
        kind=t(lang, WORDS["report"]),
        title=subject,
        closing=t(
            lang, WORDS["closing"], period=mid_sentence(data.label(lang)), office=fields["office"]
        ),
        recipients_heading=t(lang, WORDS["recipients"]),
        recipients=_recipients(recipients),
        signature=Signature(
            authority=(signature["authority"] or "").upper(),
            position=signature["position"].upper(),
            name=signature["name"],
        ),
        annex_note=t(
            lang, WORDS["annex_note"], blank=BLANK, code=fields["code"], office=fields["office"]
        ),
    )


def properties(frame: Frame, lang: str) -> Properties:
    """The file's properties: title, author (the issuing office), subject, language."""
    return Properties(
        title=f"{frame.kind} {frame.title}",
        author=frame.office,
        subject=frame.title,
        language=pick(lang, "vi-VN", "en-GB"),
    )


__all__ = ["WORDS", "build_frame", "issuer_of", "issuer_warning", "properties", "title", "words"]
