"""Charts of the report (kept for existing imports; the code lives in `report.charts`).

Importing this module changes no global state: no `matplotlib.use()`, no rcParams. The style
is applied through `chart_style()`, a context, inside each chart function.
"""

from ntm_analysis.report.charts import *  # noqa: F403
from ntm_analysis.report.charts import __all__  # noqa: F401
