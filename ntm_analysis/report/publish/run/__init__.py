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
    data = load_period(options.period, data_dir, province=options.province)
    source_dir = notebooks_dir(options.notebooks_dir)
    own_folder = source_dir == project_notebooks()  # another folder may hold some pages only
    found, plan_warnings = plan_pages(
        data.outline, source_dir, complete=own_folder, lang=options.lang
    )
    selected = select_notebooks(found, options.only, data.outline)
    outputs = _outputs(options, data, data_dir)
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


def _outputs(options: RunOptions, data: PeriodData, data_dir: Path) -> Path:
    """The folder the period's folder goes in: `--output-dir` (default `outputs/` beside the
    data folder), or its `<province>/` for a province beside the data folder's first."""
    outputs = Path(options.output_dir) if options.output_dir else data_dir.parent / "outputs"
    outputs = publish.prepare_outputs(outputs.expanduser().absolute(), data_dir)
    return publish.prepare_outputs(outputs / data.nested, data_dir) if data.nested else outputs


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
    if data.nested:  # the notebooks' `province` parameter chooses among the folder's provinces
        parameters["province"] = data.nested
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
    """The report's documents (report.html, Word, PDF), index.html and run.json into
    `staging`."""
    label = data.label(options.lang)
    title = t(options.lang, "Báo cáo xây dựng nông thôn mới") + f" — {label}"
    context = OutputContext(
        staging=staging,
        previous=result.output_dir if previous is not None else None,
        data=data,
        lang=options.lang,
        title=title,
        with_code=options.with_code,
        results=result.notebooks,
        unchanged=previous is not None and not any(r.executed_now for r in result.notebooks),
        previous_record=previous,
        finish_page=pages.finish_page,
    )
    builders = extra.EXTRA_OUTPUTS if options.extra_outputs is None else options.extra_outputs
    for build in builders:
        build(context)
    result.problems.extend(context.problems)
    result.warnings.extend(context.warnings)
    result.finished = _now()
    duration = round(time.perf_counter() - clock, 3)
    _write_index_and_record(options, data, source_dir, result, context, duration)


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


def _findings(data: PeriodData, lang: str) -> dict[str, Any]:
    """The data-quality findings as the index shows them: counts, a line, and the errors and
    warnings the analyst looks at before sending the report."""
    findings = check_period(data)
    return {
        "quality": counts(findings),
        "quality_line": t(
            lang,
            "Kiểm tra số liệu phát hiện {error} lỗi, {warning} cảnh báo và {info} thông tin.",
            **counts(findings),
        ),
        "findings": [
            {"section": f.section, "message": f.message(lang, codes=False)}
            for f in findings
            if f.severity in ("error", "warning")
        ],
    }


def _write_index_and_record(
    options: RunOptions,
    data: PeriodData,
    source_dir: Path,
    result: RunResult,
    context: OutputContext,
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
            "report_href": "report.html" if (context.staging / "report.html").is_file() else "",
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
            "problems": result.problems,
            "warnings": result.warnings,
            "documents": context.record.get("document", {}),
            **_findings(data, options.lang),
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
        problems=result.problems,
        warnings=result.warnings,
        **context.record,
        notebooks=[asdict(r) for r in result.notebooks],
        data_checksums=checksums,
        versions=versions,
        git_commit=commit,
        extra_outputs=[{"label": lbl, "file": f} for lbl, f in context.links],
    )
    (context.staging / "run.json").write_text(
        json.dumps(record, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
