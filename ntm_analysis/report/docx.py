"""`build_docx`: the report as an editable Word document (code in `report.word`)."""

from ntm_analysis.report.word import build_docx

__all__ = ["build_docx"]
