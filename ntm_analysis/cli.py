"""`ntm-report`: reports of a New Rural Development coordination office, from data.

The contract (commands, flags, exit codes, JSON formats) is docs/cli.md.

Exit codes: 0 success; 1 a notebook failed (the others still rendered); 2 unusable input or
arguments, with one message naming the file, row and column, and no traceback.
"""

from __future__ import annotations

import argparse
import json
import math
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


EXIT_CODES = """exit codes:
  0  success
  1  a notebook failed (the other pages still rendered); with validate --strict: an error finding
  2  unusable input or arguments: one message naming the file, row and column"""


class _Parser(argparse.ArgumentParser):
    """argparse that exits 2 with one line (its default prints usage, also with 2)."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_INPUT, f"{self.prog}: error: {message}\n")


class _Help(argparse.RawDescriptionHelpFormatter):
    """Defaults shown beside each option that has one; the epilog (example, exit codes) kept
    as written."""

    def _get_help_string(self, action: argparse.Action) -> str:
        text = action.help or ""
        if action.default not in (None, False, argparse.SUPPRESS) and "%(default)" not in text:
            text += " (default: %(default)s)"
        return text


def default_lang() -> str:
    """The output language: `NTM_LANG` when set to vi or en, else Vietnamese."""
    lang = os.environ.get("NTM_LANG", "vi")
    return lang if lang in ("vi", "en") else "vi"


# The periods used in help examples: the shipped period and the next quarter's (placeholders,
# so that no period is written in code).
EXAMPLE, NEXT = "YYYY-09", "YYYY-12"


def _command(sub, name: str, help: str, example: str) -> argparse.ArgumentParser:
    return sub.add_parser(
        name,
        help=help,
        description=help[0].upper() + help[1:] + ".",
        epilog=f"example:\n  {example}\n\n{EXIT_CODES}",
        formatter_class=_Help,
    )


def _add_common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--period", required=True, help="reporting period YYYY-MM, the last month it covers"
    )
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=None,
        help="folder holding reference/, periods/, targets/ (default: NTM_DATA_DIR or the "
        "repository's data/)",
    )


def _add_run_batch(run: argparse.ArgumentParser) -> None:
    """`run`'s periods and executor: --period repeats, --province filters (docs/running.md)."""
    run.add_argument(
        "--period",
        action="append",
        help="reporting period YYYY-MM, the last month it covers; repeat for several reports",
    )
    run.add_argument(
        "--data-dir",
        type=Path,
        default=None,
        help="folder holding reference/, periods/, targets/ (default: NTM_DATA_DIR or the "
        "repository's data/)",
    )
    run.add_argument(
        "--province",
        action="append",
        metavar="CODE",
        help="only periods whose period.yml names this province (repeatable); without "
        "--period, every period of these provinces",
    )
    run.add_argument(
        "--executor",
        choices=["local", "dask"],
        default="local",
        help="local: one report after another; dask: one report per dask.distributed task",
    )
    run.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        default=None,
        help="with --executor dask: an existing cluster's scheduler (default: a LocalCluster)",
    )


def _add_lang(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument(
        "--lang",
        choices=["vi", "en"],
        default=default_lang(),
        help=f"{what} language (NTM_LANG sets the default)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="ntm-report",
        description=__doc__.splitlines()[0],
        epilog=f"'ntm-report COMMAND --help' shows a command's options and an example.\n\n"
        f"{EXIT_CODES}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser, metavar="COMMAND")

    run = _command(
        sub,
        "run",
        "execute the notebooks of a period and render the report (HTML pages)",
        f"ntm-report run --period {EXAMPLE} --lang vi",
    )
    _add_run_batch(run)
    run.add_argument("--output-dir", type=Path, default=None, help="default: outputs/")
    run.add_argument(
        "--workers",
        type=int,
        default=2,
        help="notebooks run in parallel; with --executor dask, the LocalCluster's processes",
    )
    run.add_argument(
        "--only", nargs="+", metavar="NAME", help="run only these notebooks (name or number)"
    )
    _add_lang(run, "output")
    run.add_argument("--with-code", action="store_true", help="keep code cells in the HTML")
    run.add_argument("--timeout", type=int, default=600, help="seconds allowed per cell")
    run.add_argument(
        "--notebooks", type=Path, default=None, metavar="DIR", help="default: notebooks/"
    )
    run.add_argument(
        "--force", action="store_true", help="re-run notebooks whose inputs are unchanged"
    )

    validate = _command(
        sub,
        "validate",
        "check a period's data and list the data-quality findings",
        f"ntm-report validate --period {EXAMPLE} --strict",
    )
    _add_common(validate)
    validate.add_argument("--json", action="store_true", help="machine-readable output")
    validate.add_argument(
        "--strict", action="store_true", help="exit 1 when a finding has error severity"
    )
    _add_lang(validate, "message")

    project = _command(
        sub,
        "project",
        "year-end outlook: where every target stands and what it still requires",
        f"ntm-report project --period {EXAMPLE} --json",
    )
    _add_common(project)
    project.add_argument("--json", action="store_true", help="machine-readable output")
    _add_lang(project, "label")

    template = _command(
        sub,
        "template",
        "write the Excel annex PL03 (communes x criteria) to fill in",
        f"ntm-report template --period {EXAMPLE} --output annex.xlsx",
    )
    _add_common(template)
    template.add_argument(
        "--output", type=Path, default=None, help="the workbook to write (annex_pl03_<P>.xlsx)"
    )
    _add_lang(template, "label")
    template.add_argument("--force", action="store_true", help="overwrite an existing file")

    units = _command(
        sub,
        "units",
        "list administrative units: a version's, or a period's with the units they became",
        f"ntm-report units --period {EXAMPLE} --to YYYY-MM-DD",
    )
    which = units.add_mutually_exclusive_group(required=True)
    which.add_argument(
        "--date", help="a units version declared in reference/admin_units/versions.yml"
    )
    which.add_argument("--period", help="reporting period YYYY-MM: its province and version")
    units.add_argument("--province", help="GSO province code (with --date; default: all)")
    units.add_argument("--to", help="a later units version: the unit(s) each unit became")
    units.add_argument("--data-dir", type=Path, default=None, help="default: NTM_DATA_DIR or data/")
    units.add_argument("--json", action="store_true", help="machine-readable output")
    _add_lang(units, "output")

    periods = _command(
        sub, "periods", "list the periods that have data", "ntm-report periods --data-dir data"
    )
    periods.add_argument(
        "--data-dir", type=Path, default=None, help="default: NTM_DATA_DIR or data/"
    )
    _add_cycle(sub)
    return parser


def _add_cycle(sub: argparse._SubParsersAction) -> None:
    """The period cycle: new-period, workbook, import, compare."""
    new = _command(
        sub,
        "new-period",
        "scaffold the folder of a new period, from an earlier one or empty for a province",
        f"ntm-report new-period --period {NEXT} --from {EXAMPLE}",
    )
    _add_common(new)
    origin = new.add_mutually_exclusive_group(required=True)
    origin.add_argument("--from", dest="source", help="the earlier period to start from")
    origin.add_argument("--province", help="GSO province code: an empty period")

    workbook = _command(
        sub,
        "workbook",
        "write the Excel input workbook of a period for the districts to fill in",
        f"ntm-report workbook --period {NEXT} --district 847",
    )
    _add_common(workbook)
    workbook.add_argument("--district", default=None, help="GSO district code: its rows only")
    workbook.add_argument(
        "--output", type=Path, default=None, help="the workbook to write (nhap_<P>[_<D>].xlsx)"
    )
    _add_lang(workbook, "label")
    workbook.add_argument("--force", action="store_true", help="overwrite an existing file")

    imp = _command(
        sub,
        "import",
        "read filled workbooks (the province's, or one per district) into a period's tables",
        f"ntm-report import --period {NEXT} nhap_{NEXT}_847.xlsx nhap_{NEXT}_848.xlsx",
    )
    _add_common(imp)
    imp.add_argument("files", nargs="+", type=Path, metavar="FILE", help="filled workbooks")
    imp.add_argument(
        "--force",
        action="store_true",
        help="replace figures already imported (and next year's targets file)",
    )

    compare = _command(
        sub,
        "compare",
        "what changed since another period: figures and data-quality findings",
        f"ntm-report compare --period {NEXT} --with {EXAMPLE} --json",
    )
    _add_common(compare)
    compare.add_argument("--with", dest="other", required=True, help="the period to compare with")
    compare.add_argument("--json", action="store_true", help="machine-readable output")
    _add_lang(compare, "label")


def _data_dir(args: argparse.Namespace) -> Path:
    from ntm_analysis.dataset.paths import default_data_dir

    return args.data_dir if args.data_dir is not None else default_data_dir()


def _finite(value: object) -> object:
    """JSON has no NaN or infinity: a figure that is not a number is null."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_finite(v) for v in value]
    return value


def _dumps(payload: dict) -> str:
    return json.dumps(_finite(payload), ensure_ascii=False, indent=2, allow_nan=False)


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
        print(_dumps(payload))
    else:
        print(findings_table(findings, lang=args.lang, period=data.label(args.lang)))
    if args.strict and any(f.severity == "error" and not f.corrected for f in findings):
        return EXIT_FAILED
    return EXIT_OK


def cmd_project(args: argparse.Namespace) -> int:
    from ntm_analysis.dataset.period import load_period
    from ntm_analysis.outlook import outlook, outlook_table

    data = load_period(args.period, _data_dir(args))
    if not data.targets:
        raise InputError(
            f"no year-end targets for {data.year}",
            path=data.data_dir / "targets" / f"{data.year}.yml",
            expected="the year's targets file (see docs/data-model.md)",
        )
    rows = outlook(data)
    if args.json:
        payload = {"period": data.period, "targets": [r.to_json(args.lang) for r in rows]}
        print(_dumps(payload))
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
    from ntm_analysis.report.run.batch import check_executor
    from ntm_analysis.report.runner import RunOptions, run_report

    check_executor(args.executor, args.scheduler)
    signal.signal(signal.SIGTERM, _terminate_as_interrupt)

    options = RunOptions(
        period=(args.period or [""])[0],
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
    if len(args.period or []) != 1 or args.province or args.executor != "local":
        from ntm_analysis.cli_batch import run_many

        return run_many(args, options)
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


def cmd_units(args: argparse.Namespace) -> int:
    from ntm_analysis.units.listing import list_units, period_units

    data_dir = _data_dir(args)
    version, province = args.date, args.province
    if args.period is not None:
        if province is not None:
            raise InputError("--province goes with --date; a period names its own province")
        province, version = period_units(data_dir, args.period)
    listing = list_units(data_dir / "reference", version, province, args.to)
    print(_dumps(listing.to_json()) if args.json else listing.text(args.lang))
    return EXIT_OK


def cmd_new_period(args: argparse.Namespace) -> int:
    from ntm_analysis.cycle.scaffold import new_period_empty, new_period_from

    data_dir = _data_dir(args)
    if args.source:
        result = new_period_from(data_dir, args.period, args.source)
    else:
        result = new_period_empty(data_dir, args.period, args.province)
    print(f"{result.folder}: {', '.join(result.files)}")
    for note in result.notes:
        print(f"  {note}")
    print(f"Tiếp theo: ntm-report workbook --period {result.period}")
    return EXIT_OK


def cmd_workbook(args: argparse.Namespace) -> int:
    from ntm_analysis.cycle.context import load_context
    from ntm_analysis.cycle.workbook import write_workbook

    suffix = f"_{args.district}" if args.district else ""
    output = args.output or Path(f"nhap_{args.period}{suffix}.xlsx")
    if output.exists() and not args.force:
        raise InputError("the file already exists", path=output, expected="a new name or --force")
    counts = write_workbook(
        load_context(args.period, _data_dir(args)), output, args.district, args.lang
    )
    print(
        f"{output}: {counts['figures']} số liệu cần nhập ({counts['computed']} tính tự động), "
        f"{counts['communes']} xã, {counts['lists']} mục danh sách"
        + (f", {counts['targets']} chỉ tiêu năm sau" if counts["targets"] else "")
    )
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    from ntm_analysis.cycle.importer import import_workbooks

    result = import_workbooks(args.period, args.files, _data_dir(args), force=args.force)
    print(result.summary())
    return EXIT_OK


def cmd_compare(args: argparse.Namespace) -> int:
    from ntm_analysis.cycle.compare import compare_periods, comparison_text
    from ntm_analysis.dataset.period import load_period

    data_dir = _data_dir(args)
    result = compare_periods(
        load_period(args.period, data_dir), load_period(args.other, data_dir), lang=args.lang
    )
    if args.json:
        print(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
    else:
        print(comparison_text(result, args.lang))
    return EXIT_OK


COMMANDS = {
    "units": cmd_units,
    "periods": cmd_periods,
    "validate": cmd_validate,
    "project": cmd_project,
    "run": cmd_run,
    "template": cmd_template,
    "new-period": cmd_new_period,
    "workbook": cmd_workbook,
    "import": cmd_import,
    "compare": cmd_compare,
}


def _quiet_broken_pipe() -> int:
    """Output piped into `head` that stops reading: end quietly, as Unix tools do."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())  # Python flushes stdout again at exit
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of `ntm-report` and `python -m ntm_analysis`."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_OK
    try:
        code = COMMANDS[args.command](args)
        sys.stdout.flush()
        return code
    except BrokenPipeError:
        return _quiet_broken_pipe()
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
