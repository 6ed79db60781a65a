"""Executed notebooks to self-contained HTML pages: one per notebook and the whole report."""

from __future__ import annotations

import copy
import html
import uuid
from pathlib import Path
from typing import Any

import nbformat

from ntm_analysis.i18n import LANGUAGES, N_, t
from ntm_analysis.report.publish.run.model import NotebookResult
from ntm_analysis.report.publish.run.offline import (
    NotSelfContained,
    check_self_contained,
    resources,
)
from ntm_analysis.report.publish.run.safety import sanitise_page

TEMPLATES_DIR = Path(__file__).resolve().parents[1] / "templates"
NOTES_TAG = "ntm-notes"  # a notebook's notes to the analyst, never on a page
HTML_TEMPLATE = "ntm_html"  # templates/ntm_html: the lab template without CDN scripts
HIDE_INPUT_TAG = "ntm-hide-input"

NOT_EXECUTED = N_("Không chạy được sổ tính này")


def external_references(page: str) -> list[str]:
    """Everything the live document of `page` would fetch from outside itself (`offline`)."""
    return resources(page)


def finish_page(page: str, name: str) -> str:
    """A page as it is published: sanitised, and checked to load nothing from the network."""
    page = sanitise_page(page)
    check_self_contained(page, name)
    return page


def html_block(tag: str, text: str, **attrs: str) -> str:
    """One HTML element holding `text` as text (escaped, on one line), for a Markdown cell:
    a Markdown renderer passes such a block through without reading links or images in it."""
    attributes = "".join(f' {k}="{html.escape(v, quote=True)}"' for k, v in attrs.items())
    body = html.escape(text).replace("\n", "&#10;" if tag == "pre" else " ")
    return f"<{tag}{attributes}>{body}</{tag}>"


def _hide_inputs(nb: Any, with_code: bool) -> Any:
    """A copy of `nb` whose code cells are tagged to hide their source, except failing ones."""
    nb = copy.deepcopy(nb)
    if with_code:
        return nb
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        failed = any(o.get("output_type") == "error" for o in cell.get("outputs", [])) or (
            cell.get("metadata", {}).get("papermill", {}).get("exception")
        )
        if not failed:
            tags = cell.setdefault("metadata", {}).setdefault("tags", [])
            if HIDE_INPUT_TAG not in tags:
                tags.append(HIDE_INPUT_TAG)
    return nb


def export_html(nb: Any, *, lang: str, with_code: bool, title: str, path: Path) -> str:
    """Render an executed notebook to one self-contained HTML page (no CDN, images inline).

    Code is hidden unless `with_code`; the source of a cell that raised stays visible. Links
    and resources are sanitised (`safety.sanitise_page`): a Markdown image pointing at a
    file or a URL is not fetched, a `javascript:` link loses its target.
    """
    # lazy: nbconvert (about 0.6 s) is loaded only where a page is rendered
    from nbconvert import HTMLExporter
    from traitlets.config import Config

    config = Config()
    config.TagRemovePreprocessor.enabled = True
    config.TagRemovePreprocessor.remove_input_tags = {HIDE_INPUT_TAG}
    # a page speaks one language: cells tagged for the other language are dropped, and the
    # notes to the analyst who opens the notebook (tag `ntm-notes`) are not for readers
    config.TagRemovePreprocessor.remove_cell_tags = {
        NOTES_TAG,
        *(f"lang-{o}" for o in ("vi", "en") if o != lang),
    }
    exporter = HTMLExporter(
        config=config,
        template_name=HTML_TEMPLATE,
        extra_template_basedirs=[str(TEMPLATES_DIR)],
    )
    exporter.exclude_input_prompt = True
    exporter.exclude_output_prompt = True
    # outputs carry their images as base64 already; embedding Markdown images would read
    # local files or the network when text from data looks like `![x](…)`
    exporter.embed_images = False
    exporter.language_code = lang
    # The template drops these blocks; empty URLs make sure nothing points at a CDN anyway.
    exporter.require_js_url = ""
    exporter.mathjax_url = ""
    exporter.mermaid_js_url = ""
    exporter.mermaid_layout_elk_js_url = ""
    exporter.jupyter_widgets_base_url = ""
    nb = _hide_inputs(nb, with_code)
    nb.metadata["title"] = title
    body, _ = exporter.from_notebook_node(
        nb, resources={"metadata": {"name": title, "path": str(path)}}
    )
    body = sanitise_page(body)
    check_self_contained(body, title)
    return body


def failure_notebook(
    title: str, source_name: str, lang: str, error_name: str | None, error_value: str | None
) -> Any:
    """A one-cell notebook saying that a notebook could not be run (nothing was executed)."""
    message = f"{error_name}: {error_value}" if error_name else str(error_value)
    lang = lang if lang in LANGUAGES else "en"
    return nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_markdown_cell(html_block("h1", title)),
            nbformat.v4.new_markdown_cell(
                html_block("p", t(lang, NOT_EXECUTED) + f" ({source_name})")
                + "\n"
                + html_block("pre", message)
            ),
        ]
    )


def combined_notebook(results: list[NotebookResult], folder: Path, title: str) -> Any:
    """All executed notebooks in one, each under a heading of its own."""
    combined = nbformat.v4.new_notebook()
    for result in results:
        heading = f"# {result.title}"
        own_heading = False
        nb = None
        if result.executed is not None and result.error_name != NotSelfContained.__name__:
            # a page that failed the self-contained check shows its note, not its outputs
            nb = nbformat.read(folder / result.executed, as_version=4)
            own_heading = "ntm" in nb.metadata  # the package's pages print their own title
        if not own_heading:
            combined.cells.append(nbformat.v4.new_markdown_cell(html_block("h1", result.title)))
        if nb is None:
            note = f"{result.error_name}: {result.error_value}"
            combined.cells.append(nbformat.v4.new_markdown_cell(html_block("pre", note)))
            continue
        if not combined.metadata:
            combined.metadata = copy.deepcopy(nb.metadata)
        skipped_title = False
        for cell in nb.cells:
            if (
                not skipped_title
                and cell.cell_type == "markdown"
                and cell.source.strip() == heading
            ):
                skipped_title = True
                continue
            cell = copy.deepcopy(cell)
            cell["id"] = uuid.uuid4().hex[:16]
            combined.cells.append(cell)
    combined.metadata["title"] = title
    return combined
