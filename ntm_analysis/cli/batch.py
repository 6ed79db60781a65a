"""`ntm-report run` with several periods, `--province` or `--executor dask`: the printing side
of `ntm_analysis.report.publish.run.batch` (the library prints nothing)."""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace

from ntm_analysis.report.publish.run.batch import Outcome, run_batch
from ntm_analysis.report.publish.run.model import NotebookResult, RunOptions


def _status(outcome: Outcome) -> str:
    if outcome.error is not None:
        return "ERROR"
    return "ok" if outcome.ok else "FAILED"


def _print_done(outcome: Outcome, done: int, total: int) -> None:
    """One line on stderr as each report finishes."""
    print(f"[{done}/{total}] {_status(outcome):<6} {outcome.period}", file=sys.stderr, flush=True)


def run_many(args: argparse.Namespace, options: RunOptions) -> int:
    """Run every period asked for; one summary line per report; exit 0, 1 or 2."""
    local = args.executor == "local"

    def notebook_done(result: NotebookResult, done: int, total: int) -> None:
        status = "reused" if result.reused_from is not None else ("ok" if result.ok else "FAILED")
        print(f"  [{done}/{total}] {status:<6} {result.name}", file=sys.stderr, flush=True)

    batch = run_batch(
        replace(options, progress=notebook_done if local else None),
        args.period,
        provinces=args.province,
        executor=args.executor,
        scheduler=args.scheduler,
        progress=_print_done,
    )
    for period, province in batch.skipped.items():
        print(f"ntm-report: skipped {period} (province {province})", file=sys.stderr)
    width = max(len(o.period) for o in batch.outcomes)
    for outcome in batch.outcomes:
        if outcome.result is not None:
            failed = [r.name for r in outcome.result.notebooks if not r.ok]
            note = f"  failed: {', '.join(failed)}" if failed else ""
            where = outcome.result.index
        else:
            note, where = "", " ".join(str(outcome.error).split())[:300]
        print(f"{_status(outcome):<6}  {outcome.period:<{width}}  {where}{note}")
        for warning in outcome.result.warnings if outcome.result is not None else []:
            print(f"ntm-report: warning: {outcome.period}: {warning}", file=sys.stderr)
    return batch.exit_code
