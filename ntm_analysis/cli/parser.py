"""The argument parser of `ntm-report`: commands, options with their defaults, examples and
exit codes in every `--help` (the contract is docs/cli.md)."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from ntm_analysis import __version__

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


def _add_common(parser: argparse.ArgumentParser, province: bool = True) -> None:
    parser.add_argument(
        "--period", required=True, help="reporting period YYYY-MM, the last month it covers"
    )
    if province:
        parser.add_argument(
            "--province",
            metavar="CODE",
            default=None,
            help="GSO province code of the period, needed when the data folder holds that "
            "period for several provinces",
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

    _add_run(sub)
    _add_checks(sub)
    _add_outlook(sub)
    _add_data(sub)
    _add_cycle(sub)
    return parser


def _add_run(sub: argparse._SubParsersAction) -> None:
    """`run`: the report of one or several periods."""
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


def _add_checks(sub: argparse._SubParsersAction) -> None:
    """`validate` and `project`: a period's findings and year-end outlook."""
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


def _add_data(sub: argparse._SubParsersAction) -> None:
    """`template`, `units`, `periods`: the annex to fill, the units, the periods with data."""
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


def _add_cycle(sub: argparse._SubParsersAction) -> None:
    """The period cycle: new-period, workbook, import, compare."""
    new = _command(
        sub,
        "new-period",
        "scaffold the folder of a new period, from an earlier one or empty for a province",
        f"ntm-report new-period --period {NEXT} --from {EXAMPLE}",
    )
    _add_common(new, province=False)
    new.add_argument("--from", dest="source", help="the earlier period to start from")
    new.add_argument(
        "--province",
        metavar="CODE",
        help="GSO province code: without --from, an empty period of this province (beside "
        "the other provinces' periods); with --from, the province whose period to start from",
    )

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
    workbook.add_argument(
        "--password",
        default=None,
        help="lock the sheets and the structure with this password (default: locked without one)",
    )

    _add_import(sub)

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


def _add_outlook(sub: argparse._SubParsersAction) -> None:
    """`calibrate` and `backtest`: the outlook's parameters from history, and how it fared."""
    calibrate = _command(
        sub,
        "calibrate",
        "estimate the outlook's probabilities from the periods of the data folder",
        "ntm-report calibrate --write",
    )
    calibrate.add_argument(
        "--data-dir",
        type=Path,
        default=None,
        help="folder holding reference/, periods/, targets/ (default: NTM_DATA_DIR or the "
        "repository's data/)",
    )
    calibrate.add_argument(
        "--write",
        action="store_true",
        help="write the proposed reference/outlook.yml (the previous one is kept beside it)",
    )
    calibrate.add_argument("--json", action="store_true", help="machine-readable output")
    _add_lang(calibrate, "output")

    backtest = _command(
        sub,
        "backtest",
        "the outlook made at a period against what a later period shows",
        f"ntm-report backtest --period {EXAMPLE} --with {NEXT} --json",
    )
    _add_common(backtest)
    backtest.add_argument("--with", dest="other", required=True, help="the later period")
    backtest.add_argument("--json", action="store_true", help="machine-readable output")
    _add_lang(backtest, "label")


def _add_import(sub: argparse._SubParsersAction) -> None:
    """`import`: filled workbooks into a period; `--replace`, `--undo`."""
    imp = _command(
        sub,
        "import",
        "read filled workbooks (the province's, or one per district) into a period's tables",
        f"ntm-report import --period {NEXT} nhap_{NEXT}_847.xlsx nhap_{NEXT}_848.xlsx",
    )
    _add_common(imp)
    imp.add_argument("files", nargs="*", type=Path, metavar="FILE", help="filled workbooks")
    mode = imp.add_mutually_exclusive_group()
    mode.add_argument(
        "--replace",
        action="store_true",
        help="start the period again from these files (else they are added: a district's "
        "file replaces that district's rows only)",
    )
    mode.add_argument(
        "--undo",
        action="store_true",
        help="restore the period as it was before the last import (periods/P/.history/)",
    )
    imp.add_argument(
        "--force",
        action="store_true",
        help="replace next year's targets file when it exists already",
    )
    _add_lang(imp, "message")
