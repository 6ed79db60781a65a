"""Many reports in one command: every period asked for, one after another or on Dask.

Each period is one report, made by `run_report` exactly as a single run makes it: the same
pages, staging folder, atomic publish, period lock and run.json. `run_batch` first checks
every period (its data loads and validates, the outputs folder and each destination are usable,
no other run holds its lock), so bad input stops the batch before anything runs and names the
period. Then it runs them:

- `local`: in this process, one period after another (`RunOptions.workers` notebooks at a time).
- `dask`: one `dask.distributed` task per period, each running `run_report` in a worker process
  with one kernel. A `LocalCluster` of `RunOptions.workers` processes (one thread each) is
  started and closed by the batch; `scheduler` uses an existing cluster instead, whose workers
  must see the data, notebooks and outputs folders at the same paths (a shared filesystem).

`dask` and `distributed` are an optional extra (`pip install -e '.[dask]'`), imported only for
the `dask` executor (they take about a second to import): `dask_executor` imports them inside
its functions. Without them `--executor dask` is an InputError saying how to install them. One
period's report and its `Outcome` are in `outcome`, shared by both executors. The library
prints nothing: `progress(period, outcome, done, total)` is called in this process as each
report finishes.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from ntm_analysis.dataset.paths import (
    PeriodFolder,
    check_period,
    default_data_dir,
    find_period,
    list_periods,
    period_folders,
)
from ntm_analysis.dataset.period import load_period, load_period_meta
from ntm_analysis.errors import InputError, NtmError
from ntm_analysis.i18n import N_
from ntm_analysis.report.publish.run import _check_options, publish
from ntm_analysis.report.publish.run.dask_executor import (
    check_address,
    probe_scheduler,
    run_on_dask,
)
from ntm_analysis.report.publish.run.discovery import (
    find_notebooks,
    notebooks_dir,
    plan_pages,
    select_notebooks,
)
from ntm_analysis.report.publish.run.model import RunOptions
from ntm_analysis.report.publish.run.outcome import Outcome, run_one

EXECUTORS = ("local", "dask")


BatchProgress = Callable[[Outcome, int, int], None]  # (outcome, done, total)


@dataclass
class BatchResult:
    """Every period's outcome, in the order asked for, and the periods left out by
    `--province`."""

    outcomes: list[Outcome] = field(default_factory=list)
    skipped: dict[str, str] = field(default_factory=dict)  # period -> its province

    @property
    def ok(self) -> bool:
        return all(o.ok for o in self.outcomes)

    @property
    def exit_code(self) -> int:
        """0 every report succeeded, 2 a report could not be made from its input, else 1."""
        if any(o.input_error for o in self.outcomes):
            return 2
        return 0 if self.ok else 1


def dask_installed() -> bool:
    """Whether the optional `dask` extra (dask and distributed) is installed; imports
    neither."""
    return all(importlib.util.find_spec(name) is not None for name in ("dask", "distributed"))


def check_executor(executor: str, scheduler: str | None) -> None:
    """InputError when the executor, its scheduler or the `dask` extra it needs is missing."""
    if executor not in EXECUTORS:
        raise InputError(
            N_("kiểu chạy không hỗ trợ: --executor {executor!r}"),
            expected=N_("một trong {choices}"),
            executor=executor,
            choices=list(EXECUTORS),
        )
    if executor == "dask" and not dask_installed():
        raise InputError(
            N_(
                "--executor dask cần gói tùy chọn dask, chưa được cài đặt; cài bằng lệnh "
                "pip install -e '.[dask]' (trong thư mục dự án) hoặc "
                "pip install 'ntm-analysis[dask]'"
            )
        )
    if scheduler is not None and executor != "dask":
        raise InputError(
            N_("--scheduler {scheduler} chỉ dùng được với kiểu chạy dask"),
            expected=N_("thêm --executor dask"),
            scheduler=scheduler,
        )
    if scheduler is not None and not scheduler.strip():
        raise InputError(N_("địa chỉ --scheduler để trống"), expected=N_("ví dụ tcp://host:8786"))
    if scheduler is not None:
        check_address(scheduler)


def _province_of(place: PeriodFolder) -> str | None:
    """The province of a period folder: its `periods/<code>/` code, else its validated
    period.yml's (InputError naming the period when that file is unusable)."""
    if place.nested:
        return place.nested
    try:
        return load_period_meta(place.folder, place.period).province
    except InputError as exc:
        raise InputError(N_("kỳ {period}: {error}"), period=place.period, error=exc) from None


def _place(data_dir: Path, period: str) -> PeriodFolder:
    """The one folder of `period`; InputError naming the period when there is none, or when
    several provinces hold it."""
    try:
        return find_period(data_dir, period)
    except InputError as exc:
        raise InputError(N_("kỳ {period}: {error}"), period=period, error=exc) from None


def _places(data_dir: Path, period: str) -> list[PeriodFolder]:
    """Every folder of `period` (one per province holding it); InputError when none."""
    places = [f for f in period_folders(data_dir) if f.period == period]
    return places or [_place(data_dir, period)]


def choose_periods(
    data_dir: Path, periods: Sequence[str] | None, provinces: Sequence[str] | None
) -> tuple[list[str], dict[str, str]]:
    """The periods to run (duplicates dropped, order kept), each named by its key
    (`2021-09`, or `86/2021-06` for a province in `periods/86/`), and those whose province is
    not one of `provinces` (skipped). Without `periods`, every period of the data folder is a
    candidate (then `provinces` is required). Without `provinces`, a period several provinces
    hold is an InputError asking for `--province`."""
    if not periods and not provinces:
        raise InputError(
            N_("không có kỳ báo cáo nào để chạy"),
            expected=N_("--period P (ghi nhiều lần được) hoặc --province"),
        )
    candidates = [check_period(p) for p in periods] if periods else list_periods(data_dir)
    candidates = list(dict.fromkeys(candidates))
    if not provinces:
        return [_place(data_dir, period).key for period in candidates], {}
    wanted = {str(p).strip() for p in provinces}
    chosen, skipped = [], {}
    for period in candidates:
        for place in _places(data_dir, period):
            province = _province_of(place)
            if province in wanted:
                chosen.append(place.key)
            else:
                skipped[place.key] = province or "?"
    if not chosen:
        raise InputError(
            N_("không có kỳ báo cáo nào của tỉnh có mã {provinces} để chạy"),
            path=data_dir / "periods",
            expected=N_("một kỳ có tệp period.yml ghi một trong các tỉnh này"),
            provinces=", ".join(sorted(wanted)),
        )
    return chosen, skipped


def prepare(options: RunOptions, periods: Sequence[str]) -> list[RunOptions]:
    """Check everything before anything runs; one RunOptions per period, with absolute paths
    (a Dask worker may start elsewhere). InputError names the first unusable period."""
    _check_options(options)
    data_dir = Path(options.data_dir or default_data_dir()).expanduser().resolve()
    source_dir = notebooks_dir(options.notebooks_dir)
    find_notebooks(source_dir)  # the folder is usable and holds notebooks
    outputs = Path(options.output_dir) if options.output_dir else data_dir.parent / "outputs"
    outputs = publish.prepare_outputs(outputs.expanduser().absolute(), data_dir)
    prepared = []
    for key in periods:  # `2021-09`, or `86/2021-06` for a province in periods/86/
        province, _, period = key.rpartition("/")
        try:
            data = load_period(period, data_dir, province=province or None)
            select_notebooks(plan_pages(data.outline, source_dir)[0], options.only, data.outline)
            own = outputs / data.nested if data.nested else outputs
            publish.check_destination(own / data.period)
            if own.is_dir():
                with publish.period_lock(own, data.period):
                    pass
        except NtmError as exc:  # a lock held by another run too
            raise InputError(N_("kỳ {period}: {error}"), period=key, error=exc) from None
        prepared.append(
            replace(
                options,
                period=data.period,
                province=data.nested,
                data_dir=data_dir,
                output_dir=outputs,
                notebooks_dir=source_dir,
            )
        )
    return prepared


def run_batch(
    options: RunOptions,
    periods: Sequence[str] | None,
    *,
    provinces: Sequence[str] | None = None,
    executor: str = "local",
    scheduler: str | None = None,
    progress: BatchProgress | None = None,
) -> BatchResult:
    """Run the report of every period (filtered by `provinces`), locally or on Dask.

    Raises InputError before anything runs when an option or any period is unusable. A period
    whose notebooks fail, or whose report stops on an error, does not stop the others.
    """
    check_executor(executor, scheduler)
    if scheduler is not None:
        scheduler = check_address(scheduler)
        probe_scheduler(scheduler)  # before any period is loaded
    data_dir = Path(options.data_dir or default_data_dir()).expanduser().resolve()
    chosen, skipped = choose_periods(data_dir, periods, provinces)
    jobs = prepare(replace(options, data_dir=data_dir), chosen)
    batch = BatchResult(skipped=skipped)
    outcomes: dict[str, Outcome] = {}

    def done(outcome: Outcome) -> None:
        outcomes[outcome.period] = outcome
        if progress is not None:
            progress(outcome, len(outcomes), len(jobs))

    if executor == "local":
        for job in jobs:
            done(run_one(job))
    else:
        run_on_dask(jobs, options.workers, scheduler, done)
    batch.outcomes = [outcomes[job.key] for job in jobs]
    return batch
