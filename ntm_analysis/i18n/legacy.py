"""The dotted-id catalogue being replaced by gettext; removed once no caller uses it."""

from __future__ import annotations

from ntm_analysis.i18n import data, outlook, quality, report, tables

MESSAGES: dict[str, dict[str, str]] = {}
for _area in (data, outlook, quality, report, tables):
    MESSAGES.update(_area.MESSAGES)


def text(message_id: str, lang: str, **values: object) -> str:
    """The wording of `message_id` in `lang`, its placeholders filled from `values`."""
    template = MESSAGES[message_id]["vi" if lang.lower().startswith("vi") else "en"]
    return template.format(**values) if values else template


def table(prefix: str, lang: str) -> dict[str, str]:
    """The messages under `prefix` as `{last part of the id: wording}` (a label table)."""
    start = prefix + "."
    return {
        mid[len(start) :]: text(mid, lang)
        for mid in MESSAGES
        if mid.startswith(start) and "." not in mid[len(start) :]
    }
