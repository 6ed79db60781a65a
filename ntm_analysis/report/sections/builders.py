"""The section builders: `sections/<name>/`, named by the outline's `builder` field.

A builder is a package holding the section's context (`context(data, lang)`, see
`sections/context.py`), its templates (`vi.md.j2`, `en.md.j2`) and the functions computing its
tables and charts. It is looked up by name because the outline (data) chooses it.
"""

from __future__ import annotations

import importlib
import re
from functools import cache
from pathlib import Path
from types import ModuleType

from ntm_analysis.dataset.period import PeriodData
from ntm_analysis.report.sections import prose
from ntm_analysis.report.sections.context import SectionContext

FOLDER = Path(__file__).parent
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


@cache
def builder_names() -> tuple[str, ...]:
    """The builders the package holds."""
    found = (p.name for p in FOLDER.iterdir() if (p / "__init__.py").is_file())
    return tuple(sorted(name for name in found if _NAME.match(name)))


def builder(name: str) -> ModuleType:
    """The builder package `name`; KeyError naming the known ones when there is none."""
    if name not in builder_names():
        raise KeyError(f"no section builder {name!r} (builders: {', '.join(builder_names())})")
    return importlib.import_module(f"{__package__}.{name}")


def section_context(data: PeriodData, name: str, lang: str) -> SectionContext | None:
    """The builder's context for the period, None when the builder has no prose context."""
    module = builder(name)
    make = getattr(module, "context", None)
    return make(data, lang) if make is not None else None


def prose_builders() -> list[str]:
    """The builders that have prose (templates in every language)."""
    return [n for n in builder_names() if prose.has_prose(n)]


def render_prose(data: PeriodData, name: str, lang: str = "vi", part: str | None = None) -> str:
    """The prose of builder `name` as Markdown, rendered from its context."""
    words = section_context(data, name, lang)
    if words is None:
        raise KeyError(f"section builder {name!r} has no prose")
    return prose.render(words, part)


__all__ = ["builder", "builder_names", "prose_builders", "render_prose", "section_context"]
