"""Year-end outlook: projection and status of every target, and criteria-average scenarios."""

from ntm_analysis.outlook.criteria import (
    CriteriaPosition,
    InconsistentAggregates,
    criteria_position,
    feasible_totals,
    printed_range,
    supply,
)
from ntm_analysis.outlook.engine import (
    TargetOutlook,
    closes_year,
    horizon,
    outlook,
    target_outlook,
)
from ntm_analysis.outlook.scenarios import (
    Floor,
    Override,
    Plan,
    RaiseBy,
    Reach,
    ScenarioResult,
    WithinReach,
    load_overrides,
    plan_scenario,
    reach_list,
    run_scenario,
)
from ntm_analysis.outlook.status import AT_RISK_MULTIPLE, STATUSES, assess, judge_year_end
from ntm_analysis.outlook.table import outlook_frame, outlook_table
from ntm_analysis.outlook.wording import status_label

__all__ = [
    "AT_RISK_MULTIPLE",
    "STATUSES",
    "CriteriaPosition",
    "Floor",
    "InconsistentAggregates",
    "Override",
    "Plan",
    "RaiseBy",
    "Reach",
    "ScenarioResult",
    "TargetOutlook",
    "WithinReach",
    "assess",
    "closes_year",
    "criteria_position",
    "feasible_totals",
    "horizon",
    "judge_year_end",
    "load_overrides",
    "outlook",
    "outlook_frame",
    "outlook_table",
    "plan_scenario",
    "printed_range",
    "reach_list",
    "run_scenario",
    "status_label",
    "supply",
    "target_outlook",
]
