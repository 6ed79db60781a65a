"""The forecast of every commune: its criteria now (a distribution when the report gives only a
band), the probability that it is recognised for the year under a standard (NTM, advanced NTM),
and its criteria at the year's end.

- A commune already recognised stays so; one registered for the standard this year and already
  recognised counts for the year.
- A commune whose status is unknown and whose criteria are at the top is taken as recognised
  in an earlier year (the report names the communes recognised this year).
- Any other commune counts for the year with `recognised_by` over its criteria lacking (its
  class: registered for the year, or not), the months left and the recognition cut-off.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ntm_analysis.dataset.paths import find_period
from ntm_analysis.dataset.period import PeriodData, load_period
from ntm_analysis.dataset.relations import TableCountRelation
from ntm_analysis.errors import PeriodError
from ntm_analysis.i18n import pick
from ntm_analysis.outlook import criteria
from ntm_analysis.outlook.parameters import CommuneClass, Parameters, Standard
from ntm_analysis.outlook.probability import recognised_by, transition
from ntm_analysis.outlook.raking import Constraint, rake

NTM = "ntm"
RECOGNISED, UNKNOWN = "recognised", "unknown"


@dataclass(frozen=True)
class Horizon:
    """Months to the year's end, to the recognition cut-off beyond it, per reference span."""

    months: float
    cutoff: float
    reference: float


@dataclass(frozen=True)
class Named:
    """An indicator of an area as a reader names it, in the language an error is shown in."""

    vi: str
    en: str

    def render(self, lang: str = "vi") -> str:
        return pick(lang, self.vi, self.en)

    def __str__(self) -> str:
        return self.vi


def named_figure(data: PeriodData, code: str, area: str | None = None) -> Named:
    """“Label” of `area` (the province when None), in both languages."""

    def text(lang: str) -> str:
        label = data.catalogue.label(code, lang) if code in data.catalogue else code
        place = data.area_names(lang).get(str(area or data.province), "")
        return f"“{label}” ({place})" if place else f"“{label}”"

    return Named(text("vi"), text("en"))


def horizon_of(data: PeriodData, params: Parameters) -> Horizon:
    return Horizon(
        float(data.reporting_period.months_left_in_year),
        float(params.recognition_cutoff_month.value),
        float(params.reference_months.value),
    )


@dataclass(frozen=True)
class StandardOutlook:
    """Communes under one standard, row by row (the order of `frame`)."""

    standard: str
    top: int
    frame: pd.DataFrame  # code, name, district_code, registered (bool), status
    now: np.ndarray  # P(criteria = v now), rows × (top + 1)
    already: np.ndarray  # recognised for the year already (bool)
    p_new: np.ndarray  # P(recognised for the year from now on)
    p_recognised: np.ndarray  # P(recognised at the cut-off, whatever the year)
    end: np.ndarray | None = None  # P(criteria = v at the year's end), NTM standard only

    def gap_probabilities(self) -> np.ndarray:
        """P(criteria lacking = g now), rows × (top + 1), g = 0..top."""
        return self.now[:, ::-1]

    def candidates(self) -> np.ndarray:
        """Rows that may still be recognised for the year."""
        return np.flatnonzero(self.p_new > 0)


def registered_values(data: PeriodData, standard: str) -> tuple[str, ...]:
    """The communes table's `registered` values of a standard (indicators.yml registration:)."""
    return tuple(data.catalogue.registration_kinds.get(standard, ()))


def _recognition(cls: CommuneClass | None, top: int, h: Horizon) -> np.ndarray:
    """R[g]: P(recognised for the year | g criteria lacking now), g = 0..top."""
    if cls is None:
        return np.zeros(top + 1)
    out = np.zeros(top + 1)
    for gap in range(top + 1):
        complete = 1.0 if gap == 0 else cls.completion.at(gap)
        out[gap] = recognised_by(complete, cls.recognition.value, h.months, h.cutoff, h.reference)
    return out


def _probabilities(
    now: np.ndarray, frame: pd.DataFrame, spec: Standard, top: int, h: Horizon, before: set[str]
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """already, p_new, p_recognised of every row."""
    status = frame["status"].to_numpy()
    registered = frame["registered"].to_numpy(bool)
    gaps = now[:, ::-1]
    recognised = status == RECOGNISED
    this_year = ~frame["code"].isin(before).to_numpy() if before else registered
    already = recognised & this_year
    chance = np.where(
        registered[:, None],
        _recognition(spec.registered, top, h)[None, :],
        _recognition(spec.unregistered, top, h)[None, :],
    )
    unknown = status == UNKNOWN
    at_top_before = np.where(unknown, gaps[:, 0], 0.0)  # at the top, status unknown: recognised
    new = (gaps * chance).sum(axis=1) - np.where(unknown, gaps[:, 0] * chance[:, 0], 0.0)
    p_new = np.where(recognised, 0.0, new)
    p_recognised = np.where(recognised, 1.0, at_top_before + p_new)
    return already, p_new, p_recognised


def recognised_within(so: StandardOutlook, params: Parameters, h: Horizon) -> np.ndarray:
    """P(recognised from now on) of every row of `so` over another horizon (a backtest's)."""
    spec = params.standard(so.standard)
    if spec is None:
        return np.zeros(len(so.frame))
    return _probabilities(so.now, so.frame, spec, so.top, h, set())[1]


def _frame(data: PeriodData, standard: str, rows: pd.Series | None = None) -> pd.DataFrame:
    table = data.communes if rows is None else data.communes[rows]
    column = f"{standard}_status"
    status = table[column].astype(str) if column in table else pd.Series(UNKNOWN, table.index)
    registered = table.get("registered", pd.Series("", index=table.index)).fillna("").astype(str)
    return pd.DataFrame(
        {
            "code": table["code"].astype(str).to_numpy(),
            "name": table["name"].astype(str).to_numpy(),
            "district_code": table["district_code"].astype(str).to_numpy(),
            "registered": registered.isin(registered_values(data, standard)).to_numpy(),
            "status": status.to_numpy(),
        }
    )


# ---------------------------------------------------------------------------------------------
# The NTM standard: the communes table's criteria and the reported bands


def _positions(index: dict[str, int], codes) -> np.ndarray:
    return np.array(sorted(index[c] for c in codes if c in index), dtype=int)


def _recognised_relations(data: PeriodData) -> list[TableCountRelation]:
    """The catalogue's counts of recognised communes (`where: {ntm_status: recognised}`)."""
    out = []
    for relation in data.catalogue.relations_of(TableCountRelation):
        where = {
            k: [v] if isinstance(v, str) else list(v) for k, v in (relation.where or {}).items()
        }
        if (
            relation.table == "communes"
            and not relation.criteria
            and where == {"ntm_status": [RECOGNISED]}
        ):
            out.append(relation)
    return out


def _recognised_counts(data: PeriodData, frame: pd.DataFrame, top: int) -> list[Constraint]:
    """Communes reported recognised (province, districts) constrain the communes whose status
    is unknown: those recognised are at the top."""
    status = frame["status"].to_numpy()
    unknown = status == UNKNOWN
    if not unknown.any():
        return []
    out = []
    for relation in _recognised_relations(data):
        column = relation.by if relation.by in frame else "district_code"
        areas = frame[column].to_numpy() if relation.by else np.full(len(frame), data.province)
        rows_of = {a: np.flatnonzero(unknown & (areas == a)) for a in np.unique(areas[unknown])}
        known = dict(zip(*np.unique(areas[status == RECOGNISED], return_counts=True), strict=True))
        for area, count in data.values(str(relation.indicator)).items():
            members = rows_of.get(str(area))
            if members is not None and len(members):
                need = float(count) - int(known.get(str(area), 0))
                name = named_figure(data, str(relation.indicator), str(area))
                out.append(Constraint(name, members, top, top, need, float(count)))
    return out


def _total(data: PeriodData, communes: int) -> tuple[float, float] | None:
    _, average_range = criteria.average_constraint(data)
    codes = criteria.average_codes(data)
    if codes.total and data.has(codes.total):
        exact = data.value(codes.total)
        return exact, exact
    if average_range is None:
        return None
    lo, hi = criteria.total_bounds(average_range, communes)
    return float(lo), float(hi)


def criteria_now(
    data: PeriodData, frame: pd.DataFrame, top: int, extra: Sequence[Constraint] = ()
) -> np.ndarray:
    """Every commune's criteria now (rows × values 0..top), raked to the reported bands (and
    `extra` counts)."""
    table = data.communes
    lo = table["criteria_min"].to_numpy(int)
    hi = table["criteria_max"].to_numpy(int)
    index = {code: i for i, code in enumerate(frame["code"])}
    constraints = [
        Constraint(
            named_figure(data, b.indicator, b.area),
            _positions(index, b.members),
            b.lo,
            b.hi,
            b.count,
        )
        for b in criteria.bands_of(data)
    ]
    constraints += _recognised_counts(data, frame, top) + list(extra)
    return rake(lo, hi, top + 1, constraints, _total(data, len(table)))


def baseline_communes(data: PeriodData) -> pd.DataFrame | None:
    """The baseline period's communes table, when that period has one (else None)."""
    name = str(data.meta.get("baseline") or "")
    if not name:
        return None
    try:  # the same province's baseline folder
        folder = find_period(data.data_dir, name, data.province).folder
    except PeriodError:
        return None
    if not (folder / "communes.csv").is_file():
        return None
    cache = data.__dict__.setdefault("_outlook_baseline", {})
    if name not in cache:
        base = load_period(name, data.data_dir, with_baseline=False, province=data.province)
        cache[name] = base.communes if not base.communes.empty else None
    return cache[name]


def recognised_before(data: PeriodData, standard: str) -> set[str]:
    """Communes recognised at the baseline (empty without a baseline communes table)."""
    base = baseline_communes(data)
    column = f"{standard}_status"
    if base is None or column not in base:
        return set()
    return set(base.loc[base[column].astype(str) == RECOGNISED, "code"].astype(str))


def ntm_outlook(
    data: PeriodData,
    params: Parameters,
    extra: Sequence[Constraint] = (),
    h: Horizon | None = None,
) -> StandardOutlook | None:
    """The communes under the NTM standard (None without a communes table or parameters);
    `extra`: counts the period reports beyond the bands (communes below a floor)."""
    spec = params.standard(NTM)
    if data.communes.empty or spec is None:
        return None
    top = data.criteria.commune_count
    frame = _frame(data, NTM)
    now = criteria_now(data, frame, top, extra)
    h = h or horizon_of(data, params)
    already, p_new, p_recognised = _probabilities(
        now, frame, spec, top, h, recognised_before(data, NTM)
    )
    end = np.zeros_like(now)
    for flag, cls in ((True, spec.registered), (False, spec.unregistered)):
        rows = frame["registered"].to_numpy(bool) == flag
        if cls is None:
            end[rows] = now[rows]
        else:
            end[rows] = now[rows] @ transition(cls.completion, top, h.months, h.reference)
    end[frame["status"].to_numpy() == RECOGNISED] = np.eye(top + 1)[top]
    return StandardOutlook(NTM, top, frame, now, already, p_new, p_recognised, end)


# ---------------------------------------------------------------------------------------------
# Another standard (advanced NTM): the registered communes and the bands reported for them


def banded_outlook(
    data: PeriodData,
    params: Parameters,
    standard: str,
    bands: dict[str, tuple[int, int]],
    h: Horizon | None = None,
) -> StandardOutlook | None:
    """The communes registered for `standard`, their criteria from the reported bands
    (indicator → criteria range, each counting the registered communes not yet recognised)."""
    spec = params.standard(standard)
    values = registered_values(data, standard)
    if data.communes.empty or spec is None or not values or not bands:
        return None
    rows = data.communes.get("registered", pd.Series("", index=data.communes.index)).isin(values)
    frame = _frame(data, standard, rows).reset_index(drop=True)
    top = max(hi for _, hi in bands.values())
    open_rows = np.flatnonzero(frame["status"].to_numpy() != RECOGNISED)
    low = min(lo for lo, _ in bands.values())
    lo = np.where(frame["status"] == RECOGNISED, top, low)
    hi = np.full(len(frame), top)
    constraints = [
        Constraint(named_figure(data, code), open_rows, b_lo, b_hi, data.value(code))
        for code, (b_lo, b_hi) in bands.items()
        if data.has(code)
    ]
    now = rake(lo, hi, top + 1, constraints)
    h = h or horizon_of(data, params)
    already, p_new, p_recognised = _probabilities(
        now, frame, spec, top, h, recognised_before(data, standard)
    )
    return StandardOutlook(standard, top, frame, now, already, p_new, p_recognised)


__all__ = [
    "NTM",
    "Horizon",
    "StandardOutlook",
    "banded_outlook",
    "baseline_communes",
    "criteria_now",
    "horizon_of",
    "ntm_outlook",
    "recognised_before",
    "recognised_within",
    "registered_values",
]
