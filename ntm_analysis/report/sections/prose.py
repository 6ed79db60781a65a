"""A section's prose: its two Jinja2 templates (`<builder>/vi.md.j2`, `<builder>/en.md.j2`)
rendered with the context its builder computed (`sections/context.py`).

The templates hold wording only: every figure, list and point arrives in words through the
context, the same context for both languages. A value from data is escaped for Markdown when
printed; printing a missing figure (None) is an error, so a sentence whose figure may be
absent is guarded with `{% if fig.CODE %}`.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

import jinja2

from ntm_analysis.report.sections.context import SectionContext
from ntm_analysis.report.words.markdown import (
    MarkdownText,
    capitalise,
    escape_markdown,
    lower_first,
)

TEMPLATES_DIR = Path(__file__).parent
LANGS = ("vi", "en")


def _finalize(value: Any) -> str:
    if value is None:
        raise ValueError("a template printed None: guard the sentence with {% if … %}")
    if isinstance(value, MarkdownText):
        return value
    return escape_markdown(str(value))


def _keep_kind(function):  # a filter keeps Markdown text Markdown
    return lambda text: (
        type(text)(function(str(text))) if isinstance(text, MarkdownText) else (function(str(text)))
    )


@cache
def environment() -> jinja2.Environment:
    """The templates' environment: strict about undefined names, data escaped on output."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES_DIR)),
        undefined=jinja2.StrictUndefined,
        finalize=_finalize,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["cap"] = _keep_kind(capitalise)
    env.filters["lower_first"] = _keep_kind(lower_first)
    return env


def template_name(builder: str, lang: str) -> str:
    """The template of a builder in one language, relative to the sections folder."""
    if lang not in LANGS:
        raise ValueError(f"unsupported language {lang!r}; expected one of {LANGS}")
    return f"{builder}/{lang}.md.j2"


def has_prose(builder: str) -> bool:
    """Whether the builder has a template in every language."""
    return all((TEMPLATES_DIR / template_name(builder, lang)).is_file() for lang in LANGS)


def render(context: SectionContext, part: str | None = None) -> str:
    """The section's prose as Markdown (one `part` of it when the template has parts)."""
    template = environment().get_template(template_name(context.builder, context.lang))
    text = template.render(**context.template_values(), part=part or "all")
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


__all__ = ["LANGS", "TEMPLATES_DIR", "environment", "has_prose", "render", "template_name"]
