"""`ntm-report`: the command line (contract in DESIGN.md).

Exit codes: 0 success; 1 a notebook failed (the others still rendered); 2 unusable input or
arguments, with one message naming the file, row and column, and no traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ntm_analysis import __version__
from ntm_analysis.errors import InputError, NtmError

if TYPE_CHECKING:
    from ntm_analysis.report.runner import NotebookResult

EXIT_OK, EXIT_FAILED, EXIT_INPUT = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    """argparse that exits 2 with one line (its default prints usage, also with 2)."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_INPUT, f"{self.prog}: error: {message}\n")


def _add_common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--period", required=True, help="reporting period YYYY-MM, e.g. 2021-09")
    parser.add_argument(
        "--data-dir", type=Path, default=None, help="folder holding reference/, periods/, targets/"
    )


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="ntm-report", description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    run = sub.add_parser("run", help="execute the notebooks of a period and render HTML")
    _add_common(run)
    run.add_argument("--output-dir", type=Path, default=None, help="default: outputs/")
    run.add_argument("--workers", type=int, default=2, help="notebooks run in parallel")
    run.add_argument(
        "--only", nargs="+", metavar="NAME", help="run only these notebooks (name or number)"
    )
    run.add_argument("--lang", choices=["vi", "en"], default="vi", help="output language")
    run.add_argument("--with-code", action="store_true", help="keep code cells in the HTML")
    run.add_argument("--timeout", type=int, default=600, help="seconds allowed per cell")
    run.add_argument(
        "--notebooks", type=Path, default=None, metavar="DIR", help="default: notebooks/"
    )
    run.add_argument(
        "--force", action="store_true", help="re-run notebooks whose inputs are unchanged"
    )

    validate = sub.add_parser("validate", help="check a period's data and report findings")
    _add_common(validate)
    validate.add_argument("--json", action="store_true", help="machine-readable output")
    validate.add_argument("--lang", choices=["vi", "en"], default="en", help="message language")

    project = sub.add_parser("project", help="year-end outlook for every target")
    _add_common(project)
    project.add_argument("--json", action="store_true", help="machine-readable output")
    project.add_argument("--lang", choices=["vi", "en"], default="en", help="label language")

    template = sub.add_parser("template", help="write the Excel annex PL03 template to fill")
    _add_common(template)
    template.add_argument("--output", type=Path, default=None, help="default: annex_pl03_<P>.xlsx")
    template.add_argument("--lang", choices=["vi", "en"], default="vi", help="label language")
    template.add_argument("--force", action="store_true", help="overwrite an existing file")

    periods = sub.add_parser("periods", help="list the periods with data")
    periods.add_argument("--data-dir", type=Path, default=None)
    return parser


def _data_dir(args: argparse.Namespace) -> Path:
    from ntm_analysis.dataset.paths import default_data_dir

    return args.data_dir if args.data_dir is not None else default_data_dir()


def cmd_periods(args: argparse.Namespace) -> int:
    from ntm_analysis.dataset.files import read_yaml
    from ntm_analysis.dataset.paths import list_periods

    data_dir = _data_dir(args)
    found = list_periods(data_dir)
    if not found:
        raise InputError(
            "no periods found", path=data_dir / "periods", expected="folders named YYYY-MM"
        )
    for period in found:
        meta_path = data_dir / "periods" / period / "period.yml"
        label = ""
        if meta_path.is_file():
            meta = read_yaml(meta_path)
            label = (meta.get("label") or {}).get("vi", "") if isinstance(meta, dict) else ""
        print(f"{period}\t{label}")
    return EXIT_OK


def cmd_validate(args: argparse.Namespace) -> int:
    from ntm_analysis.dataset.period import load_period
    from ntm_analysis.quality import check_period, findings_table

    data = load_period(args.period, _data_dir(args))
    findings = check_period(data)
    if args.json:
        payload = {"period": data.period, "findings": [f.to_json(args.lang) for f in findings]}
        print(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        print(findings_table(findings, lang=args.lang, period=data.period))
    return EXIT_OK


def cmd_project(args: argparse.Namespace) -> int:
    from ntm_analysis.dataset.period import load_period
    from ntm_analysis.outlook import outlook, outlook_table

    data = load_period(args.period, _data_dir(args))
    rows = outlook(data)
    if args.json:
        payload = {"period": data.period, "targets": [r.to_json(args.lang) for r in rows]}
        print(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        print(outlook_table(rows, lang=args.lang))
    return EXIT_OK


def _terminate_as_interrupt(signum: int, frame: object) -> None:
    """SIGTERM ends a run like Ctrl-C: workers and kernels stop, the last output stays."""
    raise KeyboardInterrupt


def _print_progress(result: NotebookResult, done: int, total: int) -> None:
    """One line on stderr as each notebook of a run finishes."""
    status = "ok" if result.ok else "FAILED"
    if result.reused_from is not None:
        status = "reused"
    print(f"[{done}/{total}] {status:<6} {result.name}", file=sys.stderr, flush=True)


def cmd_run(args: argparse.Namespace) -> int:
    from ntm_analysis.report.runner import RunOptions, run_report

    signal.signal(signal.SIGTERM, _terminate_as_interrupt)

    options = RunOptions(
        period=args.period,
        data_dir=_data_dir(args),
        output_dir=args.output_dir,
        workers=args.workers,
        only=args.only,
        lang=args.lang,
        with_code=args.with_code,
        timeout=args.timeout,
        notebooks_dir=args.notebooks,
        force=args.force,
        progress=_print_progress,
    )
    result = run_report(options)
    width = max(len(r.name) for r in result.notebooks)
    for r in result.notebooks:
        status = "ok" if r.ok else "FAILED"
        note = ""
        if not r.ok:
            note = "  " + " ".join(f"{r.error_name}: {r.error_value}".split())[:120]
        elif r.reused_from is not None or r.kept_from is not None:
            note = "  (unchanged)" if r.reused_from is not None else "  (kept)"
        print(f"{status:<6}  {r.name:<{width}}  {r.duration:7.1f} s{note}")
    for warning in result.warnings:
        print(f"ntm-report: warning: {warning}", file=sys.stderr)
    print(f"{'report' if result.ok else 'report (with failures)'}: {result.index}")
    return EXIT_OK if result.ok else EXIT_FAILED


def cmd_template(args: argparse.Namespace) -> int:
    from ntm_analysis.dataset.annex import ANNEX_FILE, write_template
    from ntm_analysis.dataset.period import load_period

    output = args.output or Path(f"annex_pl03_{args.period}.xlsx")
    if output.exists() and not args.force:
        raise InputError("the file already exists", path=output, expected="a new name or --force")
    data = load_period(args.period, _data_dir(args), with_baseline=False)
    write_template(output, data, lang=args.lang)
    print(
        f"{output}: {len(data.communes)} communes × {data.criteria.commune_count} criteria; "
        f"fill it and save it as periods/{data.period}/{ANNEX_FILE}"
    )
    return EXIT_OK


COMMANDS = {
    "periods": cmd_periods,
    "validate": cmd_validate,
    "project": cmd_project,
    "run": cmd_run,
    "template": cmd_template,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of `ntm-report` and `python -m ntm_analysis`."""
    args = build_parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except InputError as exc:
        print(f"ntm-report: error: {exc}", file=sys.stderr)
        return EXIT_INPUT
    except NtmError as exc:
        print(f"ntm-report: error: {exc}", file=sys.stderr)
        return EXIT_INPUT
    except KeyboardInterrupt:
        print("ntm-report: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug, not bad input: say so in one line
        if os.environ.get("NTM_DEBUG"):
            raise
        print(
            f"ntm-report: internal error: {type(exc).__name__}: {exc} "
            "(set NTM_DEBUG=1 to see the traceback)",
            file=sys.stderr,
        )
        return EXIT_FAILED


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
