"""Wordings of the report (pages, sections, tables, charts)."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {}
