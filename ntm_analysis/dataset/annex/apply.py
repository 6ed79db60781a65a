"""The annex applied to the communes table when a period loads."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ntm_analysis.dataset.annex.common import (
    ANNEX_FILE,
    NOTE,
    AnnexReference,
    empty_annex,
)
from ntm_analysis.dataset.annex.reader import (
    read_annex,
)
from ntm_analysis.dataset.matching import LooseMatch
from ntm_analysis.dataset.reference import CriteriaSet

# ---------------------------------------------------------------------------------------------
# Using it


def apply_annex(communes: pd.DataFrame, annex: pd.DataFrame, top: int) -> pd.DataFrame:
    """Narrow the communes table's criteria intervals with the annex.

    All `top` criteria reported: criteria_min = criteria_max = number met, provenance
    `reported`. Partly reported: [met, met + not reported] intersected with the table's
    interval, provenance `derived` (the annex alone when the two are disjoint; the note says
    so). Communes without a reported cell, and every other column, are left as they were.
    """
    out = communes.copy()
    if annex.empty or out.empty:
        return out
    reported = annex[annex["met"].notna()]
    met = reported.groupby("code")["met"].sum().astype(int)
    count = reported.groupby("code")["met"].size()
    position = {code: i for i, code in enumerate(out["code"].astype(str))}
    lows = out["criteria_min"].to_numpy(copy=True)
    highs = out["criteria_max"].to_numpy(copy=True)
    provenance = out["provenance"].astype(object).to_numpy(copy=True)
    notes = out["note"].astype(object).to_numpy(copy=True)
    for code, n_reported in count.items():
        i = position.get(str(code))
        if i is None:
            continue
        n_met, unreported = int(met[code]), top - int(n_reported)
        old_lo, old_hi = int(lows[i]), int(highs[i])
        was = f"{old_lo}–{old_hi}" if old_lo != old_hi else str(old_lo)
        if unreported <= 0:
            lo = hi = n_met
            provenance[i] = "reported"
            notes[i] = NOTE if old_lo <= n_met <= old_hi else f"{NOTE}; contradicts {was}"
        else:
            lo, hi = max(n_met, old_lo), min(n_met + unreported, old_hi)
            detail = f"{NOTE}: {n_met} met, {unreported} of {top} not reported"
            if lo > hi:
                lo, hi = n_met, n_met + unreported
                notes[i] = f"{detail}; contradicts {was}"
            else:
                notes[i] = f"{detail}; within {was}"
            provenance[i] = "derived"
        lows[i], highs[i] = lo, hi
    out["criteria_min"] = pd.array(lows, dtype=out["criteria_min"].dtype)
    out["criteria_max"] = pd.array(highs, dtype=out["criteria_max"].dtype)
    out["provenance"] = pd.Series(provenance, index=out.index, dtype=out["provenance"].dtype)
    out["note"] = pd.Series(notes, index=out.index, dtype=out["note"].dtype)
    return out


def load_annex(
    folder: Path,
    period: str,
    units: pd.DataFrame,
    criteria: CriteriaSet,
    communes: pd.DataFrame,
    loose: list[LooseMatch],
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(communes narrowed by `folder/annex_pl03.xlsx`, the annex table); unchanged without it."""
    path = folder / ANNEX_FILE
    if not path.is_file():
        return communes, empty_annex()
    table = read_annex(path, AnnexReference(period, units, criteria), loose=loose)
    return apply_annex(communes, table, criteria.commune_count), table
