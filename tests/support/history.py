"""A later period made from the shipped one, for the outlook's history (backtest, calibrate):
the same figures, with communes recognised since and the September bands left out."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import yaml

PERIOD = "2021-09"
LATER = "2021-12"
# the bands and counts of the shipped period describe September: the later period reports its
# communes by the table alone
BANDS = r"^(registered_ntm_communes_|communes_\d|communes_below_|communes_ntm_|criteria_avg)"


def later_period(data: Path, recognise: int, name: str = LATER) -> list[str]:
    """The shipped period copied as `name`, with the `recognise` registered communes most
    advanced recognised since (at every criterion); their codes."""
    source, target = data / "periods" / PERIOD, data / "periods" / name
    shutil.copytree(source, target)
    meta = yaml.safe_load((target / "period.yml").read_text("utf-8"))
    meta.update(period=name, label={"vi": f"Kỳ {name}", "en": f"Period {name}"})
    (target / "period.yml").write_text(yaml.safe_dump(meta, allow_unicode=True), "utf-8")
    table = pd.read_csv(target / "communes.csv", dtype=str, keep_default_na=False)
    open_ = table[(table["ntm_status"] == "not_recognised") & (table["registered"] != "")]
    chosen = open_.sort_values("criteria_max", key=lambda s: -s.astype(int)).head(recognise)
    rows = table["code"].isin(chosen["code"])
    table.loc[rows, ["criteria_min", "criteria_max", "ntm_status"]] = ["19", "19", "recognised"]
    table.to_csv(target / "communes.csv", index=False)
    figures = pd.read_csv(target / "indicators.csv", dtype=str, keep_default_na=False)
    figures[~figures["indicator"].str.match(BANDS)].to_csv(target / "indicators.csv", index=False)
    return list(chosen["code"])
