"""Extra outputs (Word, PDF …) built from a run's staging folder before it is published.

A builder is a callable taking an `OutputContext`. Append builders to `EXTRA_OUTPUTS` (or pass
`RunOptions.extra_outputs`): each writes its files into `context.staging` and may add
`(label, file name)` to `context.links` to have the index link them. A builder that raises
stops the run before publishing (the last published output stays); raise `InputError` for an
unusable environment (exit 2). An optional output that fails records it in `context.problems`
instead: the run publishes the rest and exits 1.
"""

from __future__ import annotations

from ntm_analysis.report.publish.documents import report_outputs
from ntm_analysis.report.publish.run.model import ExtraOutput, OutputContext

# The report an office sends: report.html, report.docx and report.pdf, renderings of one
# document (a missing LibreOffice leaves the PDF out with a warning): docs/outputs.md.
EXTRA_OUTPUTS: list[ExtraOutput] = [report_outputs]

__all__ = ["EXTRA_OUTPUTS", "ExtraOutput", "OutputContext"]
