"""Year-end outlook: a forecast of every target, commune by commune, with probabilities.

Each commune gets the probability of being recognised for the year (from the criteria it lacks,
its registration, the months left and the recognition cut-off), each district the probability of
completing; the count targets get the exact distribution of their sum, the criteria average the
sum of every commune's year-end criteria. Statuses come from the probability of meeting a target
(`reference/outlook.yml`). `calibrate` fits the parameters on the office's history, `backtest`
compares an outlook with a later period. docs/outlook.md is the contract.
"""

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
from ntm_analysis.outlook.model import Model, model_of
from ntm_analysis.outlook.parameters import Parameters, load_parameters
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
from ntm_analysis.outlook.status import STATUSES, from_probability, judge_year_end
from ntm_analysis.outlook.table import outlook_frame, outlook_table
from ntm_analysis.outlook.wording import status_label

__all__ = [
    "STATUSES",
    "CriteriaPosition",
    "Floor",
    "InconsistentAggregates",
    "Model",
    "Override",
    "Parameters",
    "Plan",
    "RaiseBy",
    "Reach",
    "ScenarioResult",
    "TargetOutlook",
    "WithinReach",
    "closes_year",
    "criteria_position",
    "feasible_totals",
    "from_probability",
    "horizon",
    "judge_year_end",
    "load_overrides",
    "load_parameters",
    "model_of",
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
