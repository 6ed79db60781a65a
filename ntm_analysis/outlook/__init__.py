"""Year-end outlook: projection and status of every target, and criteria-average scenarios."""

from ntm_analysis.outlook.criteria import (
    CriteriaPosition,
    Floor,
    InconsistentAggregates,
    Override,
    RaiseBy,
    Reach,
    ScenarioResult,
    criteria_position,
    feasible_totals,
    load_overrides,
    printed_range,
    reach_list,
    run_scenario,
    supply,
)
from ntm_analysis.outlook.engine import TargetOutlook, outlook, target_outlook
from ntm_analysis.outlook.status import AT_RISK_MULTIPLE, STATUSES, assess
from ntm_analysis.outlook.table import outlook_table

__all__ = [
    "AT_RISK_MULTIPLE",
    "STATUSES",
    "CriteriaPosition",
    "Floor",
    "InconsistentAggregates",
    "Override",
    "RaiseBy",
    "Reach",
    "ScenarioResult",
    "TargetOutlook",
    "assess",
    "criteria_position",
    "feasible_totals",
    "load_overrides",
    "outlook",
    "outlook_table",
    "printed_range",
    "reach_list",
    "run_scenario",
    "supply",
    "target_outlook",
]
