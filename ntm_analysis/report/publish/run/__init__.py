"""Run the notebooks of a period through papermill and publish self-contained HTML.

Layout of `outputs/<period>/`: `index.html`, one `NN_name.html` per notebook, `report.html`
(all sections on one page), `executed/NN_name.ipynb`, and `run.json` (the run's record and
the marker saying this tool made the folder). Everything is rendered into a hidden staging
folder beside the destination and swapped in only at the end, so a failed or interrupted run
never touches the last published output. `outputs/index.html` lists every published period.

Modules: `discovery` (which notebooks), `kernels` (the kernel pool), `execute` (papermill in
worker processes), `pages` (nbconvert to HTML), `safety` (links), `cache` (unchanged inputs),
`publish` (lock, staging, publish), `index` (index pages and run.json), `extra` (hooks).
"""

from __future__ import annotations

import json
import shutil
import time
from dataclasses import asdict
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

import ntm_analysis
from ntm_analysis.dataset.paths import default_data_dir
from ntm_analysis.dataset.period import load_period
from ntm_analysis.errors import InputError
from ntm_analysis.i18n import N_, t
from ntm_analysis.quality import check_period, counts
from ntm_analysis.report.publish.run import cache, execute, extra, index, kernels, pages, publish
from ntm_analysis.report.publish.run.discovery import (
    NOTEBOOKS_ENV,
    discover_notebooks,
    notebook_title,
    notebooks_dir,
    page_audience,
    page_title,
    plan_pages,
    project_notebooks,
    select_notebooks,
)
from ntm_analysis.report.publish.run.model import (
    KERNEL_NAME,
    LANGS,
    ExtraOutput,
    Job,
    NotebookResult,
    OutputContext,
    RunLockedError,
    RunOptions,
    RunResult,
)
from ntm_analysis.report.publish.run.pages import (
    check_self_contained,
    export_html,
    external_references,
)
from ntm_analysis.report.publish.run.publish import period_lock
from ntm_analysis.report.sections.overview import headline_figures

if TYPE_CHECKING:
    from ntm_analysis.dataset.period import PeriodData

__all__ = [
    "NOTEBOOKS_ENV",
    "ExtraOutput",
    "NotebookResult",
    "OutputContext",
    "RunLockedError",
    "RunOptions",
    "RunResult",
    "check_self_contained",
    "discover_notebooks",
    "export_html",
    "external_references",
    "notebook_title",
    "notebooks_dir",
    "page_audience",
    "page_title",
    "period_lock",
    "plan_pages",
    "run_report",
    "select_notebooks",
]


def _now() -> str:
    return datetime.now(timezone.utc).astimezone().isoformat(timespec="seconds")


def _check_options(options: RunOptions) -> None:
    if options.lang not in LANGS:
        raise InputError(
            N_("ngôn ngữ không hỗ trợ: {lang!r}"),
            expected=N_("một trong {choices}"),
            lang=options.lang,
            choices=list(LANGS),
        )
    if options.workers < 1:
        raise InputError(
            N_("giá trị không hợp lệ: --workers {workers}"),
            expected=N_("1 trở lên"),
            workers=options.workers,
        )
    if options.timeout < 1:
        raise InputError(
            N_("giá trị không hợp lệ: --timeout {timeout}"),
            expected=N_("1 giây trở lên"),
            timeout=options.timeout,
        )


def run_report(options: RunOptions) -> RunResult:
    """Validate the period, run its notebooks, render the pages and publish them atomically.

    Raises InputError (nothing written) when the data, the period, an option or the outputs
    folder is unusable. A notebook that fails does not stop the others; the result's `ok` is
    then False. Notebooks whose inputs are unchanged since the last published run are reused
    unless `options.force`.
    """
    started = _now()
    clock = time.perf_counter()
    _check_options(options)
    data_dir = Path(options.data_dir or default_data_dir()).resolve()
    data = load_period(options.period, data_dir)
    source_dir = notebooks_dir(options.notebooks_dir)
    own_folder = source_dir == project_notebooks()  # another folder may hold some pages only
    found, plan_warnings = plan_pages(
        data.outline, source_dir, complete=own_folder, lang=options.lang
    )
    selected = select_notebooks(found, options.only, data.outline)
    outputs = Path(options.output_dir) if options.output_dir else data_dir.parent / "outputs"
    outputs = publish.prepare_outputs(outputs.expanduser().absolute(), data_dir)
    destination = outputs / data.period
    result = RunResult(period=data.period, output_dir=destination, started=started)
    result.warnings.extend(plan_warnings)

    with period_lock(outputs, data.period):
        publish.clean_stale_staging(outputs, data.period)
        kernels.clean_stale_sockets()
        previous = publish.check_destination(destination)
        staging = publish.new_staging(outputs, data.period)
        try:
            result.notebooks = _render(
                options,
                data,
                source_dir,
                found,
                selected,
                staging,
                {
                    "previous": previous,
                    "destination": destination,
                    "started": started,
                },
            )
            _finish(options, data, source_dir, staging, result, previous, clock)
            _publish(staging, destination, options.lang, result)
        except OSError as exc:
            shutil.rmtree(staging, ignore_errors=True)
            raise InputError(
                N_("không ghi được báo cáo ({reason})"),
                path=exc.filename or outputs,
                reason=exc.strerror or exc,
            ) from None
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
    warning = index.write_periods_index(outputs, options.lang)
    if warning:
        result.warnings.append(warning)
    return result


def _publish(staging: Path, destination: Path, lang: str, result: RunResult) -> None:
    """Publish the staged folder; a warning names the user's files it kept."""
    kept = publish.publish(staging, destination)
    if kept:
        result.warnings.append(publish.kept_warning(lang, destination, kept))


def _render(
    options: RunOptions,
    data: PeriodData,
    source_dir: Path,
    found: list[Path],
    selected: list[Path],
    staging: Path,
    where: dict[str, Any],
) -> list[NotebookResult]:
    """Execute (or reuse) the selected notebooks into `staging`; keep the others (--only)."""
    previous, destination = where["previous"], where["destination"]
    sockets, sockets_lock = kernels.new_sockets_folder()
    try:
        jobs, reused = _jobs(options, data, source_dir, selected, staging, where, sockets)
        if options.progress is not None:
            for done, hit in enumerate(reused.values(), start=1):
                options.progress(hit, done, len(selected))
        offset = len(reused)

        def progress(res: NotebookResult, done: int, total: int) -> None:
            if options.progress is not None:
                options.progress(res, done + offset, total + offset)

        try:
            ran = execute.execute_all(jobs, options.workers, progress)
        except BaseException:
            kernels.end_kernels(sockets)  # workers were stopped before they could end them
            raise
    finally:
        shutil.rmtree(sockets, ignore_errors=True)
        sockets_lock.release()
    by_path = {**reused, **{job.source: r for job, r in zip(jobs, ran, strict=True)}}
    results = [by_path[path] for path in selected]
    if options.only:
        results = cache.keep_previous(found, results, previous, destination, staging)
    return results


def _jobs(
    options: RunOptions,
    data: PeriodData,
    source_dir: Path,
    selected: list[Path],
    staging: Path,
    where: dict[str, Any],
    sockets: Path,
) -> tuple[list[Job], dict[Path, NotebookResult]]:
    """The notebooks to execute, and those whose unchanged page is reused."""
    parameters = {"period": data.period, "data_dir": str(data.data_dir), "lang": options.lang}
    common = cache.common_inputs(data, source_dir)
    previous, destination = where["previous"], where["destination"]
    jobs, reused = [], {}
    for path in selected:
        title = page_title(data.outline, path, options.lang)
        key = cache.input_key(path, common, parameters, options.with_code)
        hit = (
            None if options.force else cache.reuse(path, title, key, previous, destination, staging)
        )
        if hit is not None:
            reused[path] = hit
            continue
        jobs.append(
            Job(
                source=path,
                executed=staging / "executed" / path.name,
                html=staging / f"{path.stem}.html",
                title=title,
                parameters=parameters,
                cwd=source_dir,
                timeout=options.timeout,
                lang=options.lang,
                with_code=options.with_code,
                sockets=sockets,
                input_key=key,
                ran_at=where["started"],
            )
        )
    return jobs, reused


def _finish(
    options: RunOptions,
    data: PeriodData,
    source_dir: Path,
    staging: Path,
    result: RunResult,
    previous: dict[str, Any] | None,
    clock: float,
) -> None:
    """report.html, extra outputs, index.html and run.json into `staging`."""
    label = data.label(options.lang)
    title = t(options.lang, "Báo cáo xây dựng nông thôn mới") + f" — {label}"
    key, unchanged = _combined_report(options, source_dir, staging, result, previous, title)
    context = OutputContext(
        staging=staging,
        previous=result.output_dir if previous is not None else None,
        data=data,
        lang=options.lang,
        title=title,
        with_code=options.with_code,
        results=result.notebooks,
        unchanged=unchanged,
    )
    builders = extra.EXTRA_OUTPUTS if options.extra_outputs is None else options.extra_outputs
    for build in builders:
        build(context)
    result.finished = _now()
    duration = round(time.perf_counter() - clock, 3)
    _write_index_and_record(options, data, source_dir, result, context, key, duration)


def _combined_report(
    options: RunOptions,
    source_dir: Path,
    staging: Path,
    result: RunResult,
    previous: dict[str, Any] | None,
    title: str,
) -> tuple[str, bool]:
    """`report.html` (all pages on one), reused when no page changed; its key and whether
    it was reused."""
    results = result.notebooks
    key = cache.report_key(
        results, title, options.lang, options.with_code, cache.package_fingerprint()
    )
    old_report = result.output_dir / "report.html"
    unchanged = (
        not options.force
        and previous is not None
        and previous.get("report_key") == key
        and old_report.is_file()
        and not any(r.executed_now for r in results)
    )
    if unchanged:
        shutil.copy2(old_report, staging / "report.html")
    else:
        combined = pages.combined_notebook(results, staging, title)
        page, failure = pages.export_checked(
            combined, lang=options.lang, with_code=options.with_code, title=title, path=source_dir
        )
        if failure is not None:  # this page's failure, not the run's
            result.failed_pages.append("report.html")
            result.warnings.append(failure)
        (staging / "report.html").write_text(page, encoding="utf-8")
    return key, unchanged


def _run_parameters(
    options: RunOptions, data: PeriodData, destination: Path, source_dir: Path
) -> dict[str, Any]:
    return {
        "period": data.period,
        "data_dir": str(data.data_dir),
        "lang": options.lang,
        "output_dir": str(destination.parent),
        "notebooks_dir": str(source_dir),
        "workers": options.workers,
        "only": options.only,
        "force": options.force,
        "with_code": options.with_code,
        "timeout": options.timeout,
        "kernel_name": KERNEL_NAME,
    }


def _write_index_and_record(
    options: RunOptions,
    data: PeriodData,
    source_dir: Path,
    result: RunResult,
    context: OutputContext,
    key: str,
    duration: float,
) -> None:
    """index.html (the analyst's page of the run) and run.json (its record)."""
    label = data.label(options.lang)
    parameters = _run_parameters(options, data, result.output_dir, source_dir)
    commit, checksums, versions = index.git_commit(), cache.data_fingerprint(data), index.versions()
    page = index.render_index(
        {
            "lang": options.lang,
            "period": data.period,
            "period_label": label,
            "ok": result.ok,
            "report_href": "report.html",
            "links": context.links,
            "notebooks": result.notebooks,
            "started": result.started,
            "finished": result.finished,
            "duration": duration,
            "version": ntm_analysis.__version__,
            "commit": commit,
            "parameters": {k: "" if v is None else v for k, v in parameters.items()},
            "versions": versions,
            "checksums": checksums,
            "headlines": headline_figures(data, options.lang),
            "quality": counts(check_period(data)),
        }
    )
    (context.staging / "index.html").write_text(pages.sanitise_page(page), encoding="utf-8")
    record = index.run_record(
        period=data.period,
        period_label=label,
        ok=result.ok,
        parameters=parameters,
        started=result.started,
        finished=result.finished,
        duration=duration,
        report_key=key,
        notebooks=[asdict(r) for r in result.notebooks],
        data_checksums=checksums,
        versions=versions,
        git_commit=commit,
        extra_outputs=[{"label": lbl, "file": f} for lbl, f in context.links],
    )
    (context.staging / "run.json").write_text(
        json.dumps(record, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
