"""Extra outputs (Word, PDF …) built from a run's staging folder before it is published.

A builder is a callable taking an `OutputContext`. Append builders to `EXTRA_OUTPUTS` (or pass
`RunOptions.extra_outputs`): each writes its files into `context.staging` and may add
`(label, file name)` to `context.links` to have the index link them. A builder that raises
stops the run before publishing (the last published output stays); raise `InputError` for an
unusable environment (exit 2).
"""

from __future__ import annotations

from ntm_analysis.report.publish.documents import docx_output, pdf_output
from ntm_analysis.report.publish.run.model import ExtraOutput, OutputContext

# The whole report as an editable Word document, and report.html printed to PDF (left out,
# with a warning, where Chromium is missing): docs/outputs.md.
EXTRA_OUTPUTS: list[ExtraOutput] = [docx_output, pdf_output]

__all__ = ["EXTRA_OUTPUTS", "ExtraOutput", "OutputContext"]
