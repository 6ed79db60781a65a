"""Wordings of the data layer and the period cycle: period names, document citations."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "cycle.period.year": {"vi": "Năm {year}", "en": "Year {year}"},
    "cycle.period.first_month": {"vi": "Tháng 1 năm {year}", "en": "January {year}"},
    "cycle.period.months": {
        "vi": "{months} tháng đầu năm {year}",
        "en": "First {months} months of {year}",
    },
    "dataset.citation.number": {"vi": "số {number}", "en": "No. {number}"},
    "dataset.citation.date": {"vi": " ngày {date}", "en": " of {date}"},
    "dataset.citation.issuer": {"vi": " của {issuer}", "en": " by {issuer}"},
}
