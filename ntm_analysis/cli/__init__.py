"""`ntm-report`: reports of a New Rural Development coordination office, from data.

The contract (commands, flags, exit codes, JSON formats) is docs/cli.md.

Exit codes: 0 success; 1 a notebook failed (the others still rendered); 2 unusable input or
arguments, with one message naming the file, row and column, and no traceback.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from ntm_analysis.cli.commands import (
    cmd_compare,
    cmd_import,
    cmd_new_period,
    cmd_periods,
    cmd_run,
    cmd_template,
    cmd_units,
    cmd_validate,
    cmd_workbook,
)
from ntm_analysis.cli.outlook import cmd_backtest, cmd_calibrate, cmd_project
from ntm_analysis.cli.parser import (
    EXIT_CODES,
    EXIT_FAILED,
    EXIT_INPUT,
    EXIT_OK,
    build_parser,
    default_lang,
)
from ntm_analysis.errors import NtmError
from ntm_analysis.i18n import t

__all__ = [
    "EXIT_CODES",
    "EXIT_FAILED",
    "EXIT_INPUT",
    "EXIT_OK",
    "build_parser",
    "default_lang",
    "main",
]

COMMANDS = {
    "units": cmd_units,
    "periods": cmd_periods,
    "validate": cmd_validate,
    "project": cmd_project,
    "calibrate": cmd_calibrate,
    "backtest": cmd_backtest,
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
    lang = getattr(args, "lang", None) or default_lang()  # the commands without --lang: NTM_LANG
    try:
        code = COMMANDS[args.command](args)
        sys.stdout.flush()
        return code
    except BrokenPipeError:
        return _quiet_broken_pipe()
    except NtmError as exc:  # unusable input (InputError) or another reader-facing error
        print("ntm-report: " + t(lang, "lỗi") + ": " + exc.render(lang), file=sys.stderr)
        return EXIT_INPUT
    except KeyboardInterrupt:
        print("ntm-report: " + t(lang, "đã dừng"), file=sys.stderr)
        return 130
    except Exception as exc:  # a bug, not bad input: say so in one line
        if os.environ.get("NTM_DEBUG"):
            raise
        message = t(
            lang,
            "lỗi nội bộ: {name}: {error} (đặt NTM_DEBUG=1 để xem traceback)",
            name=type(exc).__name__,
            error=exc,
        )
        print(f"ntm-report: {message}", file=sys.stderr)
        return EXIT_FAILED


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
