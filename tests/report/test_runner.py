"""The report runner: notebooks executed, pages self-contained, publishing atomic."""

from __future__ import annotations

import html
import json
import re
import shutil
from pathlib import Path

import nbformat
import pytest

from ntm_analysis.errors import InputError
from ntm_analysis.report import runner
from ntm_analysis.report.runner import (
    RunOptions,
    discover_notebooks,
    external_references,
    run_report,
    select_notebooks,
)

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
NOTEBOOKS = ROOT / "notebooks"
PERIOD = "2021-09"
PARAMETERS = 'period: str = "2021-09"\ndata_dir: str = "../data"\nlang: str = "vi"'


def _write_notebook(path: Path, *sources: str, title: str | None = None) -> None:
    cells = [nbformat.v4.new_code_cell(PARAMETERS, metadata={"tags": ["parameters"]})]
    if title:
        cells.append(nbformat.v4.new_markdown_cell(f"# {title}"))
    cells += [nbformat.v4.new_code_cell(source) for source in sources]
    nb = nbformat.v4.new_notebook(
        cells=cells,
        metadata={
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}
        },
    )
    nbformat.write(nb, path)


def _html_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.html"))


def _assert_self_contained(page: str, name: str) -> None:
    external = external_references(page)
    assert not external, f"{name} points off the page: {external[:5]}"
    assert not re.search(r"""\b(?:src|href)\s*=\s*["']?\s*https?://""", page, re.I), name


def _text(page: str) -> str:
    """The visible text of a page: tags dropped, entities decoded."""
    return html.unescape(re.sub(r"<[^>]+>", "", page))


def _leftovers(outputs: Path) -> list[Path]:
    return [p for p in outputs.iterdir() if p.name.startswith(".")]


# --------------------------------------------------------------------------- fast


def test_discover_sorted_and_checkpoints_ignored(tmp_path: Path) -> None:
    for name in ("10_b.ipynb", "00_a.ipynb", "notes.ipynb", "01_c.txt"):
        (tmp_path / name).write_text("{}")
    (tmp_path / ".ipynb_checkpoints").mkdir()
    (tmp_path / ".ipynb_checkpoints" / "00_a-checkpoint.ipynb").write_text("{}")
    found = discover_notebooks(tmp_path)
    assert [p.name for p in found] == ["00_a.ipynb", "10_b.ipynb"]


def test_select_by_stem_or_bare_name(tmp_path: Path) -> None:
    paths = [tmp_path / "00_overview.ipynb", tmp_path / "01_communes.ipynb"]
    assert select_notebooks(paths, None) == paths
    assert select_notebooks(paths, ["communes", "00_overview"]) == paths
    with pytest.raises(InputError, match="unknown notebook"):
        select_notebooks(paths, ["nope"])


def test_external_references_regex() -> None:
    assert external_references('<script src="https://cdn.x/require.js"></script>')
    assert external_references("<link rel=stylesheet href='http://x/y.css'>")
    assert external_references('<img src="//cdn.x/a.png">')
    assert not external_references('<img src="data:image/png;base64,AAAA"><a href="#top">')


def test_shipped_notebooks_are_clean() -> None:
    notebooks = discover_notebooks(NOTEBOOKS)
    assert notebooks, "no notebooks in notebooks/"
    for path in notebooks:
        nb = nbformat.read(path, as_version=4)
        nbformat.validate(nb)
        code = [c for c in nb.cells if c.cell_type == "code"]
        assert code and "parameters" in code[0].metadata.get("tags", []), path.name
        for cell in code:
            assert cell.outputs == [], f"{path.name}: committed outputs"
            assert cell.execution_count is None, f"{path.name}: execution count"


def test_bad_period_leaves_previous_output_untouched(tmp_path: Path) -> None:
    outputs = tmp_path / "outputs"
    previous = outputs / "1999-01"
    previous.mkdir(parents=True)
    (previous / "index.html").write_text("previous run")
    with pytest.raises(InputError):
        run_report(RunOptions(period="1999-01", data_dir=DATA, output_dir=outputs))
    assert (previous / "index.html").read_text() == "previous run"
    assert _leftovers(outputs) == []


def test_invalid_data_leaves_previous_output_untouched(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    (data / "periods" / PERIOD / "period.yml").write_text("period: [unclosed\n")
    outputs = tmp_path / "outputs"
    previous = outputs / PERIOD
    previous.mkdir(parents=True)
    (previous / "index.html").write_text("previous run")
    with pytest.raises(InputError):
        run_report(RunOptions(period=PERIOD, data_dir=data, output_dir=outputs))
    assert sorted(p.name for p in outputs.iterdir()) == [PERIOD]
    assert (previous / "index.html").read_text() == "previous run"


def test_unknown_only_is_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="unknown notebook"):
        run_report(RunOptions(period=PERIOD, data_dir=DATA, output_dir=tmp_path, only=["no_such"]))
    assert list(tmp_path.iterdir()) == []


def test_interrupted_run_leaves_previous_output_untouched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    outputs = tmp_path / "outputs"
    previous = outputs / PERIOD
    previous.mkdir(parents=True)
    (previous / "index.html").write_text("previous run")

    def interrupted(jobs: list, workers: int) -> list:
        for job in jobs:  # something was already written into the staging folder
            job.html.write_text("half done")
        raise KeyboardInterrupt

    monkeypatch.setattr(runner, "_execute_all", interrupted)
    with pytest.raises(KeyboardInterrupt):
        run_report(RunOptions(period=PERIOD, data_dir=DATA, output_dir=outputs))
    assert (previous / "index.html").read_text() == "previous run"
    assert sorted(p.name for p in outputs.iterdir()) == [PERIOD]


# --------------------------------------------------------------------------- slow


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_overview_run(tmp_path: Path, lang: str) -> None:
    outputs = tmp_path / "outputs"
    result = run_report(
        RunOptions(
            period=PERIOD,
            data_dir=DATA,
            output_dir=outputs,
            workers=1,
            only=["00_overview"],
            lang=lang,
        )
    )
    assert result.ok, [(r.name, r.error_name, r.error_value) for r in result.notebooks]
    folder = outputs / PERIOD
    assert result.output_dir == folder
    for name in ("index.html", "report.html", "00_overview.html", "run.json"):
        assert (folder / name).is_file(), name
    executed = nbformat.read(folder / "executed" / "00_overview.ipynb", as_version=4)
    assert any(c.metadata.get("tags") == ["injected-parameters"] for c in executed.cells)
    assert _leftovers(outputs) == []

    for page_path in _html_files(folder):
        page = page_path.read_text(encoding="utf-8")
        _assert_self_contained(page, page_path.name)
        assert f'<html lang="{lang}">' in page, page_path.name
    page = (folder / "00_overview.html").read_text(encoding="utf-8")
    assert "from ntm_analysis import" not in page  # code hidden by default
    assert "SHA-256" not in page  # run details are on the index only

    run = json.loads((folder / "run.json").read_text(encoding="utf-8"))
    assert run["parameters"]["period"] == PERIOD
    assert run["parameters"]["lang"] == lang
    assert run["notebooks"][0]["status"] == "ok"
    assert run["data_checksums"] and all(len(v) == 64 for v in run["data_checksums"].values())
    assert run["versions"]["papermill"] and run["versions"]["ntm_analysis"]
    assert "git_commit" in run


@pytest.mark.slow
def test_failing_notebook_does_not_stop_the_others(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    _write_notebook(
        notebooks / "00_fine.ipynb",
        "print(f'period={period!r} type={type(period).__name__}')",
        title="Fine section",
    )
    _write_notebook(
        notebooks / "01_broken.ipynb",
        "x = 1",
        "raise ValueError('deliberate failure 4242')",
        "print('never reached')",
        title="Broken section",
    )
    monkeypatch.setenv(runner.NOTEBOOKS_ENV, str(notebooks))
    outputs = tmp_path / "outputs"
    previous = outputs / PERIOD
    previous.mkdir(parents=True)
    (previous / "stale.html").write_text("old")

    result = run_report(
        RunOptions(period=PERIOD, data_dir=DATA, output_dir=outputs, workers=2, lang="en")
    )
    assert not result.ok
    by_name = {r.name: r for r in result.notebooks}
    assert by_name["00_fine"].ok
    assert by_name["01_broken"].status == "failed"
    assert by_name["01_broken"].error_name == "ValueError"

    folder = outputs / PERIOD
    assert not (folder / "stale.html").exists()  # the failed run still published
    assert _leftovers(outputs) == []
    fine = _text((folder / "00_fine.html").read_text(encoding="utf-8"))
    assert "period='2021-09' type=str" in fine  # parameters arrive as Python strings
    broken = _text((folder / "01_broken.html").read_text(encoding="utf-8"))
    assert "deliberate failure 4242" in broken
    assert "ValueError" in broken
    assert "raise ValueError('deliberate" in broken  # the failing cell's source is shown
    assert "x = 1" not in broken  # other code stays hidden
    assert "never reached" not in broken  # later cells neither run nor shown
    report = _text((folder / "report.html").read_text(encoding="utf-8"))
    assert "Fine section" in report and "deliberate failure 4242" in report
    index = (folder / "index.html").read_text(encoding="utf-8")
    assert "ValueError" in index and 'href="01_broken.html"' in index
    for page_path in _html_files(folder):
        _assert_self_contained(page_path.read_text(encoding="utf-8"), page_path.name)

    run = json.loads((folder / "run.json").read_text(encoding="utf-8"))
    assert run["ok"] is False
    statuses = {nb["name"]: (nb["status"], nb["error_name"]) for nb in run["notebooks"]}
    assert statuses == {"00_fine": ("ok", None), "01_broken": ("failed", "ValueError")}


@pytest.mark.slow
def test_reused_kernel_does_not_leak_state_or_hang(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One worker runs every notebook in one kernel: names do not leak from one notebook to
    the next, and a notebook that times out gets its kernel replaced, not reused busy."""
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    _write_notebook(notebooks / "00_defines.ipynb", "leaked_name = 42", title="Defines")
    _write_notebook(notebooks / "01_sleeps.ipynb", "import time\ntime.sleep(30)", title="Sleeps")
    _write_notebook(
        notebooks / "02_checks.ipynb",
        "assert 'leaked_name' not in globals(), 'state leaked between notebooks'\nprint('clean')",
        title="Checks",
    )
    monkeypatch.setenv(runner.NOTEBOOKS_ENV, str(notebooks))
    result = run_report(
        RunOptions(
            period=PERIOD,
            data_dir=DATA,
            output_dir=tmp_path / "out",
            workers=1,
            lang="en",
            timeout=3,
        )
    )
    by_name = {r.name: r for r in result.notebooks}
    assert by_name["00_defines"].ok
    assert by_name["01_sleeps"].status == "failed"  # the per-cell timeout fired
    assert by_name["02_checks"].ok, by_name["02_checks"].error_value
    assert by_name["02_checks"].duration < 25  # ran in a fresh kernel, not behind the sleep


@pytest.mark.slow
def test_only_keeps_the_other_pages_of_the_last_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    _write_notebook(notebooks / "00_first.ipynb", "print('first')", title="First")
    _write_notebook(notebooks / "01_second.ipynb", "print('second')", title="Second")
    monkeypatch.setenv(runner.NOTEBOOKS_ENV, str(notebooks))
    outputs = tmp_path / "outputs"
    full = run_report(RunOptions(period=PERIOD, data_dir=DATA, output_dir=outputs, workers=1))
    assert full.ok
    partial = run_report(
        RunOptions(period=PERIOD, data_dir=DATA, output_dir=outputs, workers=1, only=["01_second"])
    )
    assert partial.ok
    folder = outputs / PERIOD
    assert (folder / "00_first.html").is_file() and (folder / "01_second.html").is_file()
    kept = {r.name: r.kept_from for r in partial.notebooks}
    assert kept["00_first"] and kept["01_second"] is None
    run = json.loads((folder / "run.json").read_text(encoding="utf-8"))
    assert [nb["name"] for nb in run["notebooks"]] == ["00_first", "01_second"]


def test_second_run_of_the_same_period_is_refused(tmp_path: Path) -> None:
    outputs = tmp_path / "outputs"
    outputs.mkdir()
    with (
        runner.period_lock(outputs, PERIOD),
        pytest.raises(runner.RunLockedError, match="another run of period 2021-09"),
        runner.period_lock(outputs, PERIOD),
    ):
        pass
    with runner.period_lock(outputs, PERIOD):  # released: a later run goes ahead
        pass


def _kernels_of(pid: int) -> list[int]:
    """Processes descended from `pid` that run an IPython kernel."""
    import subprocess as sp

    out = sp.run(["ps", "-eo", "pid,ppid,args"], capture_output=True, text=True, check=True)
    children: dict[int, list[tuple[int, str]]] = {}
    for line in out.stdout.splitlines()[1:]:
        child, parent, args = line.split(None, 2)
        children.setdefault(int(parent), []).append((int(child), args))
    found, todo = [], [pid]
    while todo:
        for child, args in children.get(todo.pop(), []):
            todo.append(child)
            if "ipykernel" in args:
                found.append(child)
    return found


@pytest.mark.slow
def test_sigterm_stops_the_run_and_keeps_the_last_output(tmp_path: Path) -> None:
    import os
    import signal
    import subprocess as sp
    import sys
    import tempfile
    import time

    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    for i in range(3):
        _write_notebook(notebooks / f"0{i}_slow.ipynb", "import time\ntime.sleep(60)", title="S")
    outputs = tmp_path / "outputs"
    previous = outputs / PERIOD
    previous.mkdir(parents=True)
    (previous / "index.html").write_text("last good output")
    env = {**os.environ, runner.NOTEBOOKS_ENV: str(notebooks)}
    started = time.time()
    process = sp.Popen(
        [
            sys.executable,
            "-m",
            "ntm_analysis",
            "run",
            "--period",
            PERIOD,
            "--data-dir",
            str(DATA),
            "--output-dir",
            str(outputs),
            "--workers",
            "2",
        ],
        env=env,
        stdout=sp.PIPE,
        stderr=sp.PIPE,
        text=True,
    )
    deadline = time.time() + 60
    while time.time() < deadline and not _kernels_of(process.pid):
        time.sleep(0.5)
    kernels = _kernels_of(process.pid)
    assert kernels, "the run started no kernel"
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130, err
    assert "Traceback" not in err, err
    assert (previous / "index.html").read_text() == "last good output"
    assert _leftovers(outputs) == []
    time.sleep(2)
    alive = [pid for pid in kernels if os.path.exists(f"/proc/{pid}")]
    assert alive == [], "kernels outlived the run"
    sockets = [p for p in Path(tempfile.gettempdir()).glob("ntmk-*") if p.stat().st_mtime > started]
    assert sockets == [], "kernel socket folders left behind"
