"""The commune × criterion annex (PL 03): an Excel template, its strict reader, and its use.

The office fills one row per xã and one column per commune criterion of the period's set:
`1` met, `0` not met, an empty cell not reported. `x`, `TRUE`, `đạt` and formulas are refused:
in annexes marked with `x` an empty cell means "not met", which this template reads as "not
reported", so the two conventions must not be mixed. The filled file goes to
`periods/<P>/annex_pl03.xlsx`; `load_period` then narrows each commune's criteria interval.
"""

from ntm_analysis.dataset.annex.apply import apply_annex, load_annex
from ntm_analysis.dataset.annex.common import (
    ANNEX_FILE,
    EXPECTED_VALUE,
    GUIDE_SHEET,
    SHEET,
    AnnexContext,
    AnnexReference,
    empty_annex,
)
from ntm_analysis.dataset.annex.reader import read_annex
from ntm_analysis.dataset.annex.template import save_workbook, template_book, write_template

__all__ = [
    "ANNEX_FILE",
    "EXPECTED_VALUE",
    "GUIDE_SHEET",
    "SHEET",
    "AnnexContext",
    "AnnexReference",
    "apply_annex",
    "empty_annex",
    "load_annex",
    "read_annex",
    "save_workbook",
    "template_book",
    "write_template",
]
