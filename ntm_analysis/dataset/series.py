"""The headline indicators of every period of a data folder, as one long table.

The catalogue's `headlines:` name the figures followed across periods; this reads each period
folder that has figures and keeps, per period, the headlines it reports at province level. The
series page (`report/sections/series/`) turns the table into its tables and chart.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ntm_analysis.dataset.paths import check_period, period_folders
from ntm_analysis.dataset.period import PeriodData, load_period

SERIES_COLUMNS = ["period", "period_label", "indicator", "label", "unit", "value"]


def headline_series(
    data_dir: str | Path,
    lang: str = "vi",
    until: str | None = None,
    province: str | None = None,
) -> pd.DataFrame:
    """One row per (period, headline indicator) reported at province level, oldest first,
    labelled in `lang`; periods after `until` and folders without figures are left out.
    `province`: that province's periods only (a data folder holding several)."""
    data_dir = Path(data_dir)
    last = check_period(until) if until is not None else None
    rows: list[dict] = []
    for place in period_folders(data_dir, province):
        if last is not None and place.period > last:
            continue
        if not (place.folder / "indicators.csv").is_file():
            continue
        data = load_period(place.period, data_dir, with_baseline=False, province=province)
        rows += headline_rows(data, lang)
    return pd.DataFrame(rows, columns=SERIES_COLUMNS)


def headline_rows(data: PeriodData, lang: str = "vi") -> list[dict]:
    """The headlines one period reports at province level, as rows of the series."""
    catalogue = data.catalogue
    return [
        {
            "period": data.period,
            "period_label": data.label(lang),
            "indicator": code,
            "label": catalogue.label(code, lang),
            "unit": catalogue[code].unit,
            "value": data.value(code),
        }
        for code in catalogue.headlines
        if data.has(code)
    ]


__all__ = ["SERIES_COLUMNS", "headline_rows", "headline_series"]
