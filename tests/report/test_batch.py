"""Several periods in one run: arguments, validation first, failure isolation, the Dask
executor (same pages as a local run) and a clean stop of its LocalCluster."""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import signal
import subprocess as sp
import sys
import time
from pathlib import Path

import pytest
from test_runner import _descendants, _kernels_of, _leftovers, _write_notebook

from ntm_analysis.cli import build_parser, main
from ntm_analysis.errors import InputError
from ntm_analysis.report.publish.run import batch
from ntm_analysis.report.publish.run.batch import Outcome, choose_periods, run_batch
from ntm_analysis.report.publish.run.model import RunOptions, RunResult

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
PERIODS = ["2021-09", "2020-12"]  # the shipped periods


def _notebooks(tmp_path: Path, *sources: str) -> Path:
    folder = tmp_path / "notebooks"
    folder.mkdir(exist_ok=True)
    for i, source in enumerate(sources):
        _write_notebook(folder / f"0{i}_part{i}.ipynb", source, title=f"Part {i}")
    return folder


def _options(tmp_path: Path, notebooks: Path | None = None, **extra: object) -> RunOptions:
    return RunOptions(
        period="",
        data_dir=DATA,
        output_dir=tmp_path / "outputs",
        notebooks_dir=notebooks or _notebooks(tmp_path, "print(period)"),
        lang="en",
        **extra,
    )


@pytest.fixture
def needs_dask() -> None:
    """Skip a test of the dask executor when the optional `dask` extra is not installed
    (`make test` installs it, so CI runs them)."""
    pytest.importorskip("dask")
    pytest.importorskip("distributed")


# --------------------------------------------------------------------------- arguments


def test_period_repeats_and_executor_flags_parse() -> None:
    args = build_parser().parse_args(
        ["run", "--period", "2021-09", "--period", "2020-12", "--province", "84"]
    )
    assert args.period == PERIODS and args.province == ["84"]
    assert args.executor == "local" and args.scheduler is None
    args = build_parser().parse_args(
        ["run", "--period", "2021-09", "--executor", "dask", "--scheduler", "tcp://h:8786"]
    )
    assert args.executor == "dask" and args.scheduler == "tcp://h:8786"


def test_unknown_executor_is_rejected(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["run", "--period", "2021-09", "--executor", "spark"])
    assert caught.value.code == 2
    assert "invalid choice: 'spark'" in capsys.readouterr().err


def test_scheduler_without_dask_is_rejected(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(
        ["run", "--period", "2021-09", "--scheduler", "tcp://h:8786", "--output-dir", str(tmp_path)]
    )
    assert code == 2
    assert "--scheduler tcp://h:8786 chỉ dùng được với kiểu chạy dask" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(InputError, match="kiểu chạy không hỗ trợ") as caught:
        batch.check_executor("threads", None)
    assert caught.value.render("en").startswith("unknown executor 'threads'")


def test_no_period_and_no_province_is_rejected(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", "--data-dir", str(DATA)]) == 2
    assert "không có kỳ báo cáo nào để chạy" in capsys.readouterr().err


def test_every_period_is_checked_before_anything_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ran: list[str] = []
    monkeypatch.setattr(batch, "run_one", lambda o: ran.append(o.period))
    with pytest.raises(InputError) as caught:
        run_batch(_options(tmp_path), ["2021-09", "2019-01"])
    assert re.search(r"^period 2019-01: .*no data for period 2019-01", caught.value.render("en"))
    with pytest.raises(InputError) as caught:
        run_batch(_options(tmp_path), ["2021-09", "2021-13"])
    assert "invalid period '2021-13'" in caught.value.render("en")
    assert ran == []
    assert not (tmp_path / "outputs" / "2021-09").exists()


def test_a_users_folder_at_one_destination_stops_the_batch(tmp_path: Path) -> None:
    users = tmp_path / "outputs" / "2020-12"
    users.mkdir(parents=True)
    (users / "mine.txt").write_text("keep")
    with pytest.raises(InputError, match=r"kỳ 2020-12: .*không do công cụ này tạo"):
        run_batch(_options(tmp_path), PERIODS)
    assert (users / "mine.txt").read_text() == "keep"
    assert not (tmp_path / "outputs" / "2021-09").exists()


def test_province_filters_periods(data_copy: Path) -> None:
    meta = data_copy / "periods" / "2020-12" / "period.yml"
    meta.write_text(re.sub(r'province: "84"', 'province: "86"', meta.read_text()))
    assert choose_periods(data_copy, PERIODS, None) == (PERIODS, {})
    assert choose_periods(data_copy, PERIODS, ["84"]) == (["2021-09"], {"2020-12": "86"})
    assert choose_periods(data_copy, None, ["86"]) == (["2020-12"], {"2021-09": "84"})
    assert choose_periods(data_copy, [*PERIODS, "2021-09"], ["84", "86"])[0] == PERIODS
    with pytest.raises(InputError, match="không có kỳ báo cáo nào của tỉnh có mã 01"):
        choose_periods(data_copy, PERIODS, ["01"])


def test_exit_code_of_a_batch() -> None:
    ok = RunResult(period="a", output_dir=Path("a"))
    assert batch.BatchResult([Outcome("a", result=ok)]).exit_code == 0
    failed = batch.BatchResult([Outcome("a", result=ok), Outcome("b", error="internal error")])
    assert failed.exit_code == 1
    refused = batch.BatchResult([Outcome("a", error="locked", input_error=True)])
    assert refused.exit_code == 2


def _fake_run_one(options: RunOptions) -> Outcome:
    """Stands in for a report: fails for 2020-12, succeeds otherwise."""
    if options.period == "2020-12":
        raise RuntimeError("worker lost")
    assert options.workers == 1 and options.progress is None  # one kernel per Dask task
    return Outcome(options.period, result=RunResult(options.period, Path(options.period)))


@pytest.mark.heavy
def test_dask_executor_on_an_in_process_cluster(
    needs_dask: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The dask path through `--scheduler` on a tiny threads-only cluster (fast): one task
    per period, results in the order asked for, a task that raised recorded, not fatal."""
    from distributed import LocalCluster

    monkeypatch.setattr("ntm_analysis.report.publish.run.dask_executor.run_one", _fake_run_one)
    seen: list[tuple[str, int, int]] = []
    with LocalCluster(
        n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None
    ) as cluster:
        result = run_batch(
            _options(tmp_path, workers=3),
            PERIODS,
            executor="dask",
            scheduler=cluster.scheduler_address,
            progress=lambda o, done, total: seen.append((o.period, done, total)),
        )
    assert [o.period for o in result.outcomes] == PERIODS
    assert result.outcomes[0].ok
    assert "RuntimeError: worker lost" in (result.outcomes[1].error or "")
    assert result.exit_code == 1
    assert sorted(seen) == [("2020-12", 1, 2), ("2021-09", 2, 2)] or sorted(seen) == [
        ("2020-12", 2, 2),
        ("2021-09", 1, 2),
    ]


@pytest.mark.parametrize(
    ("lang", "wording"),
    [("vi", "cần gói tùy chọn dask, chưa được cài đặt"), ("en", "needs the optional dask extra")],
)
def test_dask_executor_without_the_extra_says_how_to_install_it(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    lang: str,
    wording: str,
) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # as if it were not installed
    assert not batch.dask_installed()
    args = ["run", "--period", "2021-09", "--executor", "dask", "--lang", lang]
    code = main([*args, "--output-dir", str(tmp_path)])
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1 and "Traceback" not in err  # one line
    assert wording in err and "pip install -e '.[dask]'" in err
    assert list(tmp_path.iterdir()) == []  # nothing ran
    with pytest.raises(InputError, match=re.escape("pip install -e '.[dask]'")):
        run_batch(_options(tmp_path), PERIODS, executor="dask")


@pytest.mark.heavy
def test_dask_is_imported_only_by_its_executor() -> None:
    code = (
        "import sys\n"
        "import ntm_analysis.cli, ntm_analysis.cli.batch, ntm_analysis.report.publish.run.batch\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('dask', 'distributed')))"
    )
    done = sp.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


@pytest.mark.heavy
def test_unreachable_scheduler_is_input_error(
    needs_dask: None, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.setattr("ntm_analysis.report.publish.run.dask_executor.CONNECT_TIMEOUT", 1)
    with pytest.raises(
        InputError, match=r"tcp://127\.0\.0\.1:9 không phải một bộ điều phối Dask đang chạy"
    ):
        run_batch(_options(tmp_path), PERIODS, executor="dask", scheduler="tcp://127.0.0.1:9")


# --------------------------------------------------------------------------- slow

FAILS_FOR_ONE = (
    "if period == '2020-12':\n    raise ValueError('deliberate failure 2020-12')\nprint('fine')"
)


@pytest.mark.slow
def test_a_failing_period_does_not_stop_the_others_local(tmp_path: Path) -> None:
    notebooks = _notebooks(tmp_path, FAILS_FOR_ONE)
    result = run_batch(_options(tmp_path, notebooks, workers=1), PERIODS)
    assert result.exit_code == 1
    outputs = tmp_path / "outputs"
    for period, ok in (("2021-09", True), ("2020-12", False)):
        run = json.loads((outputs / period / "run.json").read_text(encoding="utf-8"))
        assert run["ok"] is ok
    assert _leftovers(outputs) == []


def _ntm_run(*args: str, env: dict[str, str] | None = None, **popen: object) -> sp.Popen:
    command = [sys.executable, "-m", "ntm_analysis", "run", "--data-dir", str(DATA), *args]
    return sp.Popen(command, env=env, text=True, **popen)  # type: ignore[call-overload]


@pytest.mark.slow
def test_dask_with_processes_isolates_a_failing_period(needs_dask: None, tmp_path: Path) -> None:
    """`--executor dask` on a LocalCluster of processes: exit 1, every period published."""
    notebooks = _notebooks(tmp_path, FAILS_FOR_ONE)
    outputs = tmp_path / "outputs"
    process = _ntm_run(
        *("--period", "2021-09", "--period", "2020-12", "--executor", "dask", "--workers", "2"),
        *("--notebooks", str(notebooks), "--output-dir", str(outputs), "--lang", "en"),
        stdout=sp.PIPE,
        stderr=sp.PIPE,
    )
    out, err = process.communicate(timeout=300)
    assert process.returncode == 1, err
    assert "Traceback" not in err, err
    assert re.search(r"FAILED\s+2020-12 .*failed: 00_part0", out), out
    assert re.search(r"ok\s+2021-09 ", out), out
    for period in PERIODS:
        assert (outputs / period / "00_part0.html").is_file()
    page = (outputs / "2020-12" / "00_part0.html").read_text(encoding="utf-8")
    assert "deliberate failure 2020-12" in page
    assert _leftovers(outputs) == []


def _normalised(page: str, outputs: Path) -> str:
    """A page without what differs from run to run: the cell ids drawn at random (papermill's
    injected-parameters cell, the combined report's cells), times, durations and the outputs
    folder's path."""
    page = re.sub(r'id="cell-id=[0-9a-f]+"', 'id="ID"', page)
    page = page.replace(str(outputs), "OUT")
    page = re.sub(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d", "TIME", page)
    page = re.sub(r"\b\d\d:\d\d\b", "HH:MM", page)  # the index's times (dd/mm/yyyy hh:mm)
    return re.sub(r"\d+(?:[.,]\d+)?\s*(?:s|seconds?|giây)\b", "D s", page)


@pytest.mark.slow
def test_dask_renders_the_same_pages_as_a_local_run(needs_dask: None, tmp_path: Path) -> None:
    """Real notebooks of 2021-09, once locally and once on a LocalCluster of processes."""
    common = RunOptions(period="", data_dir=DATA, only=["00", "01"], lang="en", workers=1)
    local, dask = tmp_path / "local", tmp_path / "dask"
    assert run_batch(batch.replace(common, output_dir=local), ["2021-09"]).ok
    assert run_batch(batch.replace(common, output_dir=dask), ["2021-09"], executor="dask").ok
    pages = sorted(p.name for p in (local / "2021-09").glob("*.html"))
    assert pages == sorted(p.name for p in (dask / "2021-09").glob("*.html"))
    assert {"00_overview.html", "01_a1_steering.html", "report.html", "index.html"} <= set(pages)
    for name in pages:
        one = _normalised((local / "2021-09" / name).read_text(encoding="utf-8"), local)
        two = _normalised((dask / "2021-09" / name).read_text(encoding="utf-8"), dask)
        assert one == two, name


@pytest.mark.slow
def test_a_dask_worker_with_two_threads_gives_each_report_its_own_kernel(
    needs_dask: None, tmp_path: Path
) -> None:
    """An existing cluster may run two reports in one worker process at once: each thread
    has its own kernel (names do not leak, the sleeping one is not reset by the other)."""
    from distributed import LocalCluster

    notebooks = _notebooks(
        tmp_path,
        "mine = period\nimport time\ntime.sleep(4)\nassert mine == period, 'kernel shared'",
        "assert 'mine' not in globals(), 'state leaked'\nprint(period)",
    )
    with LocalCluster(
        n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None
    ) as cluster:
        result = run_batch(
            _options(tmp_path, notebooks, workers=2),
            PERIODS,
            executor="dask",
            scheduler=cluster.scheduler_address,
        )
    failures = [
        (o.period, n.name, n.error_value)
        for o in result.outcomes
        for n in (o.result.notebooks if o.result else [])
        if not n.ok
    ]
    assert result.exit_code == 0, (failures, [o.error for o in result.outcomes])


@pytest.mark.slow
def test_sigterm_stops_the_dask_run_with_no_process_left(needs_dask: None, tmp_path: Path) -> None:
    notebooks = _notebooks(tmp_path, "import time\ntime.sleep(120)")
    outputs = tmp_path / "outputs"
    private_tmp = tmp_path / "tmp"
    private_tmp.mkdir()
    env = {**os.environ, "TMPDIR": str(private_tmp)}
    process = _ntm_run(
        *("--period", "2021-09", "--period", "2020-12", "--executor", "dask", "--workers", "2"),
        *("--notebooks", str(notebooks), "--output-dir", str(outputs)),
        env=env,
        stdout=sp.PIPE,
        stderr=sp.PIPE,
    )
    try:
        deadline = time.time() + 120
        while time.time() < deadline and len(_kernels_of(process.pid)) < 2:
            time.sleep(0.5)
        assert len(_kernels_of(process.pid)) == 2, "the dask workers started no kernels"
        family = _descendants(process.pid)
        process.send_signal(signal.SIGTERM)
        _, err = process.communicate(timeout=120)
        assert process.returncode == 130, err
        assert "Traceback" not in err, err
        deadline = time.time() + 20
        while time.time() < deadline and any(Path(f"/proc/{pid}").exists() for pid in family):
            time.sleep(0.2)
        assert [pid for pid in family if Path(f"/proc/{pid}").exists()] == []
        assert not (outputs / "2021-09").exists() and not (outputs / "2020-12").exists()
        assert _leftovers(outputs) == []
        assert [p for p in private_tmp.iterdir() if p.name.startswith("ntmk-")] == []
    finally:
        for pid in _descendants(process.pid):
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
        shutil.rmtree(private_tmp, ignore_errors=True)


@pytest.mark.slow
def test_ctrl_c_stops_the_dask_run_with_no_process_left(needs_dask: None, tmp_path: Path) -> None:
    """Ctrl-C at a terminal: SIGINT to the whole process group (run, workers, kernels)."""
    notebooks = _notebooks(tmp_path, "import time\ntime.sleep(120)")
    outputs = tmp_path / "outputs"
    private_tmp = tmp_path / "tmp"
    private_tmp.mkdir()
    process = _ntm_run(
        *("--period", "2021-09", "--period", "2020-12", "--executor", "dask", "--workers", "2"),
        *("--notebooks", str(notebooks), "--output-dir", str(outputs)),
        env={**os.environ, "TMPDIR": str(private_tmp)},
        stdout=sp.PIPE,
        stderr=sp.PIPE,
        start_new_session=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    try:
        deadline = time.time() + 120
        while time.time() < deadline and len(_kernels_of(process.pid)) < 2:
            time.sleep(0.5)
        assert len(_kernels_of(process.pid)) == 2, "the dask workers started no kernels"
        family = _descendants(process.pid)
        os.killpg(process.pid, signal.SIGINT)
        _, err = process.communicate(timeout=120)
        assert process.returncode == 130, err
        deadline = time.time() + 20
        while time.time() < deadline and any(Path(f"/proc/{pid}").exists() for pid in family):
            time.sleep(0.2)
        assert [pid for pid in family if Path(f"/proc/{pid}").exists()] == []
        assert not (outputs / "2021-09").exists() and not (outputs / "2020-12").exists()
        assert _leftovers(outputs) == []
        assert [p for p in private_tmp.iterdir() if p.name.startswith("ntmk-")] == []
    finally:
        with contextlib.suppress(OSError):
            os.killpg(process.pid, signal.SIGKILL)
