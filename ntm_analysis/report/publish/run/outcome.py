"""One period's report in a batch: `run_one` makes it and returns its `Outcome`.

Shared by the batch (`batch`, local executor) and the Dask executor (`dask_executor`), which
runs `run_one` in a worker process and sends the outcome back.
"""

from __future__ import annotations

from dataclasses import dataclass

from ntm_analysis.errors import NtmError
from ntm_analysis.i18n import t
from ntm_analysis.report.publish.run import run_report
from ntm_analysis.report.publish.run.model import RunOptions, RunResult


@dataclass
class Outcome:
    """One period of a batch: its run's result, or why no report could be made."""

    period: str
    result: RunResult | None = None
    error: str | None = None  # the message of an error that stopped this period's report
    input_error: bool = False  # that error was unusable input (exit 2), not a bug

    @property
    def ok(self) -> bool:
        return self.result is not None and self.result.ok


def run_one(options: RunOptions) -> Outcome:
    """One period's report; an error that stops it is recorded, not raised (also in a Dask
    worker, where the outcome is sent back to the client)."""
    try:
        return Outcome(options.key, result=run_report(options))
    except NtmError as exc:
        return Outcome(options.key, error=exc.render(options.lang), input_error=True)
    except Exception as exc:  # a bug: recorded for this period, the others go on
        error = t(options.lang, "lỗi nội bộ: {name}: {error}", name=type(exc).__name__, error=exc)
        return Outcome(options.key, error=error)
