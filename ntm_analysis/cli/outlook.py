"""The outlook's commands: `project` (each target's forecast and judgement), `calibrate` (the
parameters estimated from the office's history) and `backtest` (an outlook against a later
period). The library computes; these functions print."""

from __future__ import annotations

import argparse
import shutil

from ntm_analysis.cli.commands import _data_dir, _dumps
from ntm_analysis.cli.parser import EXIT_OK
from ntm_analysis.errors import InputError
from ntm_analysis.i18n import N_, t


def cmd_project(args: argparse.Namespace) -> int:
    # lazy: a command loads only the layers it uses (the CLI starts in 0.1 s)
    from ntm_analysis.dataset.period import load_period
    from ntm_analysis.outlook import outlook, outlook_table

    data = load_period(args.period, _data_dir(args), province=args.province)
    if not data.targets:
        raise InputError(
            N_("chưa có chỉ tiêu cuối năm của năm {year}"),
            path=data.data_dir / "targets" / f"{data.year}.yml",
            expected=N_("tệp chỉ tiêu của năm (xem docs/data-model.md)"),
            year=data.year,
        )
    rows = outlook(data)
    if args.json:
        payload = {"period": data.period, "targets": [r.to_json(args.lang) for r in rows]}
        print(_dumps(payload))
    else:
        print(outlook_table(rows, lang=args.lang))
    return EXIT_OK


def cmd_calibrate(args: argparse.Namespace) -> int:
    # lazy: a command loads only the layers it uses (the CLI starts in 0.1 s)
    from ntm_analysis.outlook.calibrate import estimates, load_history, observe, propose
    from ntm_analysis.outlook.history_text import calibration_json, calibration_text
    from ntm_analysis.outlook.parameters import dump_parameters, load_parameters, parameters_path

    data_dir = _data_dir(args)
    params = load_parameters(data_dir)
    history = observe(load_history(data_dir), params)
    found = estimates(history, params)
    least = params.calibration.min_observations.value
    if args.json:
        print(_dumps(calibration_json(history, found, least, written=args.write)))
    else:
        print(calibration_text(history, found, least, args.lang))
    if not args.write:
        if not args.json:
            print("\n" + t(args.lang, "Chưa ghi gì: thêm --write để ghi các giá trị đề xuất."))
        return EXIT_OK
    periods = ", ".join(history.periods)
    note = t(args.lang, "ước lượng từ các kỳ {periods}", periods=periods)
    proposed = propose(params, found, note)
    path = parameters_path(data_dir)
    previous = path.with_name("outlook.previous.yml")
    shutil.copyfile(path, previous)
    header = t(
        args.lang,
        "Tham số dự báo cuối năm, ghi bởi ntm-report calibrate từ các kỳ {periods}.\n"
        "Bản trước: {previous}. Cách đọc: docs/outlook.md.",
        periods=periods,
        previous=previous.name,
    )
    path.write_text(dump_parameters(proposed, header), encoding="utf-8")
    used = sum(e.used for e in found)
    if not args.json:
        print("\n" + t(args.lang, "Đã ghi {path}: {used} giá trị ước lượng.", path=path, used=used))
    return EXIT_OK


def cmd_backtest(args: argparse.Namespace) -> int:
    # lazy: a command loads only the layers it uses (the CLI starts in 0.1 s)
    from ntm_analysis.dataset.period import load_period
    from ntm_analysis.outlook.backtest import backtest
    from ntm_analysis.outlook.history_text import backtest_text

    data_dir = _data_dir(args)
    province = args.province
    earlier = load_period(args.period, data_dir, province=province)
    result = backtest(earlier, load_period(args.other, data_dir, province=province))
    if args.json:
        print(_dumps(result.to_json(args.lang)))
    else:
        print(backtest_text(result, args.lang))
    return EXIT_OK
