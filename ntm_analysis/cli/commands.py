"""What each `ntm-report` command does: load, compute, print (the library prints nothing)."""

from __future__ import annotations

import argparse
import json
import math
import signal
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ntm_analysis.cli.parser import EXIT_FAILED, EXIT_INPUT, EXIT_OK, default_lang
from ntm_analysis.errors import InputError
from ntm_analysis.i18n import N_, t

if TYPE_CHECKING:  # the report layer loads only for `run` (see the lazy imports below)
    from ntm_analysis.report.publish.run import NotebookResult


def _data_dir(args: argparse.Namespace) -> Path:
    # lazy: a command loads only the layers it uses (the CLI starts in 0.1 s)
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
    # lazy: a command loads only the layers it uses (the CLI starts in 0.1 s)
    from ntm_analysis.dataset.files import read_yaml
    from ntm_analysis.dataset.paths import confined_tree, nested_provinces, period_folders

    data_dir = _data_dir(args)
    found = period_folders(data_dir)
    if not found:
        raise InputError(
            N_("không tìm thấy kỳ báo cáo nào"),
            path=data_dir / "periods",
            expected=N_("các thư mục tên YYYY-MM"),
        )
    several = bool(nested_provinces(data_dir))  # then a column names each period's province
    for place in found:
        meta_path = confined_tree(place.folder, data_dir) / "period.yml"  # inside the data folder
        label = ""
        if meta_path.is_file():
            meta = read_yaml(meta_path)
            label = (meta.get("label") or {}).get("vi", "") if isinstance(meta, dict) else ""
        province = f"{place.province() or '?'}\t" if several else ""
        print(f"{place.period}\t{province}{label}")
    return EXIT_OK


def cmd_validate(args: argparse.Namespace) -> int:
    # lazy: a command loads only the layers it uses (the CLI starts in 0.1 s)
    from ntm_analysis.dataset.period import load_period
    from ntm_analysis.quality import check_period, findings_table

    data = load_period(args.period, _data_dir(args), province=args.province)
    findings = check_period(data)
    if args.json:
        payload = {"period": data.period, "findings": [f.to_json(args.lang) for f in findings]}
        print(_dumps(payload))
    else:
        print(findings_table(findings, lang=args.lang, period=data.label(args.lang)))
    if args.strict and any(f.severity == "error" and not f.corrected for f in findings):
        return EXIT_FAILED
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
    # lazy: a command loads only the layers it uses (the CLI starts in 0.1 s)
    from ntm_analysis.report.publish.run import RunOptions, run_report
    from ntm_analysis.report.publish.run.batch import check_executor

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
        # lazy: a command loads only the layers it uses (the CLI starts in 0.1 s)
        from ntm_analysis.cli.batch import run_many

        return run_many(args, options)
    result = run_report(options)
    width = max(len(r.name) for r in result.notebooks)
    for r in result.notebooks:
        status = ("ok" if r.ok else "FAILED") if r.kept_from is None else "kept"
        note = ""
        if not r.ok:
            note = "  " + " ".join(f"{r.error_name}: {r.error_value}".split())[:120]
        elif r.reused_from is not None:
            note = "  (unchanged)"
        if r.kept_from is not None:  # --only: not rendered now, the last run's page as it was
            earlier = "ok" if r.ok else "FAILED"
            note = "  " + t(
                args.lang,
                "(lần này không chạy; trang của lần chạy {when}: {status})",
                when=r.kept_from,
                status=earlier,
            )
        print(f"{status:<6}  {r.name:<{width}}  {r.duration:7.1f} s{note}")
    for warning in result.warnings:
        print("ntm-report: " + t(args.lang, "cảnh báo") + f": {warning}", file=sys.stderr)
    # The exit status is the report's: a page kept from an earlier failed run fails it too.
    print(f"{'report' if result.complete else 'report (with failures)'}: {result.index}")
    return EXIT_OK if result.complete else EXIT_FAILED


def cmd_template(args: argparse.Namespace) -> int:
    # lazy: a command loads only the layers it uses (the CLI starts in 0.1 s)
    from ntm_analysis.dataset.annex import ANNEX_FILE, write_template
    from ntm_analysis.dataset.period import load_period

    output = args.output or Path(f"annex_pl03_{args.period}.xlsx")
    if output.exists() and not args.force:
        raise InputError(N_("tệp đã có"), path=output, expected=N_("một tên mới hoặc --force"))
    data = load_period(args.period, _data_dir(args), with_baseline=False, province=args.province)
    write_template(output, data, lang=args.lang)
    written = t(
        args.lang,
        "{output}: {communes} xã × {criteria} tiêu chí; điền rồi lưu thành "
        "periods/{period}/{annex}",
        output=output,
        communes=len(data.communes),
        criteria=data.criteria.commune_count,
        period=data.folder.relative_to(data.data_dir / "periods") if data.folder else data.period,
        annex=ANNEX_FILE,
    )
    print(written)
    return EXIT_OK


def cmd_units(args: argparse.Namespace) -> int:
    # lazy: a command loads only the layers it uses (the CLI starts in 0.1 s)
    from ntm_analysis.units.listing import list_units, period_units

    data_dir = _data_dir(args)
    version, province = args.date, args.province
    if args.period is not None:  # --province: which province's period, in a folder of several
        province, version = period_units(data_dir, args.period, province)
    listing = list_units(data_dir / "reference", version, province, args.to)
    print(_dumps(listing.to_json()) if args.json else listing.text(args.lang))
    return EXIT_OK


def cmd_new_period(args: argparse.Namespace) -> int:
    # lazy: a command loads only the layers it uses (the CLI starts in 0.1 s)
    from ntm_analysis.cycle.scaffold import new_period_empty, new_period_from

    data_dir = _data_dir(args)
    if args.source:
        result = new_period_from(data_dir, args.period, args.source, args.province)
    elif args.province:
        result = new_period_empty(data_dir, args.period, args.province)
    else:
        raise InputError(
            N_("chưa nói kỳ mới bắt đầu từ đâu"),
            expected=N_("--from <kỳ trước> hoặc --province <mã tỉnh> (một kỳ trống)"),
        )
    lang = default_lang()
    print(f"{result.folder}: {', '.join(result.files)}")
    for note in result.notes:
        print(f"  {note.render(lang)}")
    print(t(lang, "Tiếp theo: ntm-report workbook --period {period}", period=result.period))
    return EXIT_OK


def cmd_workbook(args: argparse.Namespace) -> int:
    # lazy: a command loads only the layers it uses (the CLI starts in 0.1 s)
    from ntm_analysis.cycle.context import load_context
    from ntm_analysis.cycle.workbook import write_workbook

    suffix = f"_{args.district}" if args.district else ""
    output = args.output or Path(f"nhap_{args.period}{suffix}.xlsx")
    if output.exists() and not args.force:
        raise InputError(N_("tệp đã có"), path=output, expected=N_("một tên mới hoặc --force"))
    context = load_context(args.period, _data_dir(args), args.province)
    counts = write_workbook(context, output, args.district, args.lang, args.password)
    written = t(
        args.lang,
        "{output}: {figures} số liệu cần nhập ({computed} tính tự động), {communes} xã, {lists} "
        "mục danh sách",
        output=output,
        figures=counts["figures"],
        computed=counts["computed"],
        communes=counts["communes"],
        lists=counts["lists"],
    )
    if counts["targets"]:
        written += t(args.lang, ", {n} chỉ tiêu năm sau", n=counts["targets"])
    print(written)
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    # lazy: a command loads only the layers it uses (the CLI starts in 0.1 s)
    from ntm_analysis.cycle.errors_file import ERRORS_SHOWN, write_errors_file
    from ntm_analysis.cycle.importer import import_workbooks, undo_import
    from ntm_analysis.errors import InputErrors

    data_dir, lang = _data_dir(args), args.lang
    if args.undo:
        if args.files:
            raise InputError(N_("--undo không nhận tệp nào"), expected=N_("chỉ --period"))
        print(undo_import(args.period, data_dir, args.province).summary(lang))
        return EXIT_OK
    if not args.files:
        raise InputError(N_("chưa có tệp nào để nhập"), expected=N_("một hoặc nhiều tệp .xlsx"))
    try:
        result = import_workbooks(
            args.period,
            args.files,
            data_dir,
            force=args.force,
            replace=args.replace,
            province=args.province,
        )
    except InputErrors as exc:
        if exc.total <= ERRORS_SHOWN:
            raise
        path = write_errors_file(exc, args.files, args.period, lang)
        if path is None:  # no folder to write the list in: every error on the terminal
            exc.limit = exc.total
        print("ntm-report: " + t(lang, "lỗi") + ": " + exc.render(lang), file=sys.stderr)
        if path is None:
            return EXIT_INPUT
        print(
            "ntm-report: "
            + t(lang, "danh sách đầy đủ {n} lỗi, theo sheet: {path}", n=exc.total, path=path),
            file=sys.stderr,
        )
        return EXIT_INPUT
    print(result.summary(lang=lang))
    return EXIT_OK


def cmd_compare(args: argparse.Namespace) -> int:
    # lazy: a command loads only the layers it uses (the CLI starts in 0.1 s)
    from ntm_analysis.cycle.compare import compare_periods, comparison_text
    from ntm_analysis.dataset.period import load_period

    data_dir = _data_dir(args)
    result = compare_periods(
        load_period(args.period, data_dir, province=args.province),
        load_period(args.other, data_dir, province=args.province),
        lang=args.lang,
    )
    if args.json:
        print(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
    else:
        print(comparison_text(result, args.lang))
    return EXIT_OK
