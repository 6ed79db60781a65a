"""The report runner: notebooks executed, pages self-contained, publishing atomic."""

from __future__ import annotations

import contextlib
import html
import json
import re
import shutil
from pathlib import Path

import nbformat
import pytest

from ntm_analysis.dataset.period import load_period
from ntm_analysis.errors import InputError
from ntm_analysis.report.publish import run as runner
from ntm_analysis.report.publish.run import (
    RunOptions,
    discover_notebooks,
    execute,
    external_references,
    run_report,
    select_notebooks,
)
from ntm_analysis.report.publish.run.cache import data_fingerprint

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
    """Hidden files of a run other than its lock files (staging, old folders)."""
    return [p for p in outputs.iterdir() if p.name.startswith(".") and p.suffix != ".lock"]


def _record_files(folder: Path) -> None:
    """Record every file of a published folder in its run.json's manifest, as a run would."""
    from ntm_analysis.report.publish.run.manifest import files_of

    record = json.loads((folder / "run.json").read_text())
    record["files"] = files_of(folder)
    (folder / "run.json").write_text(json.dumps(record))


def _published(folder: Path, page: str = "previous run") -> None:
    """A folder as an earlier run of this tool left it (its run.json is the marker)."""
    folder.mkdir(parents=True)
    (folder / "index.html").write_text(page)
    record = {"tool": "ntm-analysis", "schema": 2, "period": folder.name, "notebooks": []}
    (folder / "run.json").write_text(json.dumps(record))


# --------------------------------------------------------------------------- fast


def test_discover_sorted_and_checkpoints_ignored(tmp_path: Path) -> None:
    for name in ("10_b.ipynb", "00_a.ipynb", "notes.ipynb", "01_c.txt"):
        (tmp_path / name).write_text("{}")
    (tmp_path / ".ipynb_checkpoints").mkdir()
    (tmp_path / ".ipynb_checkpoints" / "00_a-checkpoint.ipynb").write_text("{}")
    found = discover_notebooks(tmp_path)
    assert [p.name for p in found] == ["00_a.ipynb", "10_b.ipynb"]


def test_select_by_stem_bare_name_or_number(tmp_path: Path) -> None:
    paths = [tmp_path / "00_overview.ipynb", tmp_path / "01_communes.ipynb"]
    assert select_notebooks(paths, None) == paths
    assert select_notebooks(paths, ["communes", "00_overview"]) == paths
    assert select_notebooks(paths, ["01"]) == [paths[1]]
    assert select_notebooks(paths, ["1", "0"]) == paths
    with pytest.raises(InputError, match="không có sổ tính 'nope'"):
        select_notebooks(paths, ["nope"])


def test_external_references_regex() -> None:
    assert external_references('<script src="https://cdn.x/require.js"></script>')
    assert external_references("<link rel=stylesheet href='http://x/y.css'>")
    assert external_references('<img src="//cdn.x/a.png">')
    assert not external_references('<img src="data:image/png;base64,AAAA"><a href="#top">')


def test_a_style_block_that_loads_a_file_is_not_self_contained() -> None:
    from ntm_analysis.report.publish.run.offline import NotSelfContained
    from ntm_analysis.report.publish.run.pages import check_self_contained

    for page in (
        "<style>a { background: url('/etc/hostname') }</style>",
        "<style>@import url(//cdn.x/a.css);</style>",
        '<style type="text/css">td { background: url(https://x.org/a.png) }</style>',
    ):
        with pytest.raises(NotSelfContained) as caught:
            check_self_contained(page, "page")
        assert "page is not self-contained" in caught.value.render("en")
    embedded = "<style>td { background: url(data:image/png;base64,AAAA) }</style>"
    check_self_contained(embedded + "<p>see url(/etc) in text</p>", "page")  # text is text


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
    with pytest.raises(InputError, match="không có sổ tính 'no_such'"):
        run_report(RunOptions(period=PERIOD, data_dir=DATA, output_dir=tmp_path, only=["no_such"]))
    assert list(tmp_path.iterdir()) == []


def test_interrupted_run_leaves_previous_output_untouched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    outputs = tmp_path / "outputs"
    previous = outputs / PERIOD
    _published(previous)

    def interrupted(jobs: list, workers: int, progress: object = None) -> list:
        for job in jobs:  # something was already written into the staging folder
            job.html.write_text("half done")
        raise KeyboardInterrupt

    monkeypatch.setattr(execute, "execute_all", interrupted)
    with pytest.raises(KeyboardInterrupt):
        run_report(RunOptions(period=PERIOD, data_dir=DATA, output_dir=outputs, force=True))
    assert (previous / "index.html").read_text() == "previous run"
    assert sorted(p.name for p in outputs.iterdir() if p.suffix != ".lock") == [PERIOD]


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
    index = (folder / "index.html").read_text(encoding="utf-8")
    assert "<details" in index and "SHA-256" in index

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
    _published(previous)
    (previous / "stale.html").write_text("old")
    _record_files(previous)  # stale.html was written by that run: the next one replaces it

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
    # pages the outline does not name are the analyst's: the office's report leaves them out,
    # and never carries an error or a traceback
    report = _text((folder / "report.html").read_text(encoding="utf-8"))
    assert "Fine section" not in report and "deliberate failure 4242" not in report
    assert "Traceback" not in report
    index = (folder / "index.html").read_text(encoding="utf-8")
    assert "ValueError" in index and 'href="01_broken.html"' in index
    assert "deliberate failure 4242" in _text(index)  # the reason, in words, on the index
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


@pytest.mark.slow
def test_only_never_reports_success_for_a_page_it_did_not_render(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    _write_notebook(notebooks / "00_broken.ipynb", "raise ValueError('kept failure')", title="B")
    _write_notebook(notebooks / "01_fine.ipynb", "print('fine')", title="Fine")
    monkeypatch.setenv(runner.NOTEBOOKS_ENV, str(notebooks))
    outputs = tmp_path / "outputs"
    full = run_report(RunOptions(period=PERIOD, data_dir=DATA, output_dir=outputs, workers=1))
    assert not full.ok and not full.complete
    partial = run_report(
        RunOptions(period=PERIOD, data_dir=DATA, output_dir=outputs, workers=1, only=["01_fine"])
    )
    kept = {r.name: r for r in partial.notebooks}
    assert kept["00_broken"].kept_from and not kept["00_broken"].ok
    assert partial.ok and not partial.complete  # its own page ran; the report is not whole


def test_second_run_of_the_same_period_is_refused(tmp_path: Path) -> None:
    outputs = tmp_path / "outputs"
    outputs.mkdir()
    with (
        runner.period_lock(outputs, PERIOD),
        pytest.raises(runner.RunLockedError, match="một lần chạy khác của kỳ 2021-09"),
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
    import time

    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    for i in range(3):
        _write_notebook(notebooks / f"0{i}_slow.ipynb", "import time\ntime.sleep(60)", title="S")
    outputs = tmp_path / "outputs"
    previous = outputs / PERIOD
    _published(previous, "last good output")
    private_tmp, runtime = tmp_path / "tmp", tmp_path / "runtime"
    private_tmp.mkdir()
    runtime.mkdir()
    env = {**os.environ, "TMPDIR": str(private_tmp), "JUPYTER_RUNTIME_DIR": str(runtime)}
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
            "--notebooks",
            str(notebooks),
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
    assert list(private_tmp.iterdir()) == [], "kernel socket folders left behind"
    assert list(runtime.glob("kernel-*.json")) == [], "kernel connection files left behind"


# --------------------------------------------------------------------------- publishing


def _refused(outputs: Path) -> InputError:
    with pytest.raises(InputError) as caught:
        run_report(RunOptions(period=PERIOD, data_dir=DATA, output_dir=outputs, workers=1))
    return caught.value


def test_a_users_folder_at_the_destination_is_refused(tmp_path: Path) -> None:
    notes = tmp_path / PERIOD
    notes.mkdir()
    (notes / "my notes.txt").write_text("keep me")
    error = _refused(tmp_path)
    assert str(notes) in str(error) and "không do công cụ này tạo" in str(error)
    assert "did not make" in error.render("en")
    assert (notes / "my notes.txt").read_text() == "keep me"
    assert _leftovers(tmp_path) == []


@pytest.mark.heavy
def test_a_file_or_symlink_at_the_destination_is_refused(tmp_path: Path) -> None:
    (tmp_path / PERIOD).write_text("a file")
    assert "nơi ghi kết quả là một tệp" in str(_refused(tmp_path))
    assert (tmp_path / PERIOD).read_text() == "a file"
    other = tmp_path / "elsewhere"
    _published(other)
    link_outputs = tmp_path / "links"
    link_outputs.mkdir()
    (link_outputs / PERIOD).symlink_to(other)
    assert "symbolic link" in str(_refused(link_outputs))
    assert (link_outputs / PERIOD).is_symlink() and (other / "run.json").is_file()
    assert _leftovers(tmp_path) == [] and _leftovers(link_outputs) == []


@pytest.mark.parametrize("kind", ["file", "under_a_file", "proc"])
def test_unusable_output_dir_is_input_error(tmp_path: Path, kind: str) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("x")
    target = {
        "file": blocker,
        "under_a_file": blocker / "outputs",
        "proc": Path("/proc/ntm-outputs"),
    }[kind]
    error = _refused(target)
    assert str(target) in str(error)


def test_stale_staging_of_killed_runs_is_removed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stale = tmp_path / f".{PERIOD}.tmp-killed"
    (stale / "executed").mkdir(parents=True)
    (stale / ".ntm-staging").write_text("ntm-analysis staging 1234\n")  # what a run writes
    other_period = tmp_path / ".2020-12.tmp-running"  # another period's run: not ours to judge
    (other_period / "executed").mkdir(parents=True)
    (other_period / ".ntm-staging").write_text("ntm-analysis staging 1234\n")
    users = tmp_path / f".{PERIOD}.tmp-my-drafts"  # named like staging, without the marker
    users.mkdir()
    (users / "draft.txt").write_text("mine")

    def interrupted(jobs: list, workers: int, progress: object = None) -> list:
        raise KeyboardInterrupt

    monkeypatch.setattr(execute, "execute_all", interrupted)
    with pytest.raises(KeyboardInterrupt):
        run_report(RunOptions(period=PERIOD, data_dir=DATA, output_dir=tmp_path, force=True))
    assert not stale.exists()
    assert other_period.exists()
    assert (users / "draft.txt").read_text() == "mine"


def test_stale_socket_folders_are_removed_live_ones_kept(tmp_path: Path) -> None:
    from filelock import FileLock

    from ntm_analysis.report.publish.run import kernels

    dead = tmp_path / "ntmk-dead"
    (dead / "k-1").mkdir(parents=True)
    (dead / "k-1" / "kernel.json").write_text('{"key": "secret"}')
    (dead / kernels.RUN_LOCK).touch()
    live = tmp_path / "ntmk-live"
    live.mkdir()
    with FileLock(str(live / kernels.RUN_LOCK)):
        removed = kernels.clean_stale_sockets(tmp_path)
        assert removed == [dead]
        assert live.exists() and not dead.exists()


def test_lock_file_stays_while_locked(tmp_path: Path) -> None:
    with runner.period_lock(tmp_path, PERIOD):
        assert (tmp_path / f".{PERIOD}.lock").exists()
    with runner.period_lock(tmp_path, PERIOD):
        pass


def test_links_are_sanitised() -> None:
    from ntm_analysis.report.publish.run.safety import sanitise_page

    page = (
        '<a href="javascript:alert(1)">a</a><a href=" JaVa&#x09;script:x">b</a>'
        '<a href="#s">c</a><a href="https://x.org/">d</a><a href="mailto:a@b.c">e</a>'
        '<a href="02_x.html">f</a><a href="../secret.html">g</a><a href="file:///etc">h</a>'
        '<img src="/etc/hostname" alt="i"><img src="https://x.org/a.png" alt="j">'
        '<img src="data:image/png;base64,AAAA"><p onclick="alert(1)">k</p>'
        '<a href="data:text/html,x">l</a><p style="background: url(https://x.org/b.png)">m</p>'
        '<iframe src="https://x.org/"></iframe><object data="/etc/passwd"></object>'
        '<script>var s = "<a href=javascript:1>";</script><p>n</p>'
    )
    clean = sanitise_page(page)
    for gone in ("javascript:", "script:x", "../secret", "file:", "/etc/", "x.org/a.png"):
        assert gone not in clean, gone
    for gone in ("onclick", "data:text", "x.org/b.png", "<iframe", "<object", "<script", "var s"):
        assert gone not in clean, gone
    for kept in ('href="#s"', 'href="https://x.org/"', 'href="mailto:a@b.c"', "02_x.html"):
        assert kept in clean, kept
    assert 'src="data:image/png;base64,AAAA"' in clean
    assert ">a</a>" in clean and 'alt="i"' in clean and "<p>n</p>" in clean  # the text stays


def test_a_whole_page_keeps_its_skeleton_and_styles() -> None:
    from ntm_analysis.report.publish.run.safety import sanitise_page

    page = (
        '<!DOCTYPE html>\n<html lang="vi">\n<head>\n<meta charset="utf-8">\n'
        "<title>A &amp; B</title>\n<style>td > b { color: red; }</style>\n"
        '<script src="https://x.org/a.js"></script>\n</head>\n'
        '<body class="jp-Notebook">\n<main><div data-mime-type="text/html" tabindex="0">'
        '<style type="text/css">#T_1 { background-color: #f2d16b; }</style>'
        '<table id="T_1"><thead><tr style="text-align: right;"><th>x</th></tr></thead>'
        "<tbody><tr><td>1 &lt; 2</td></tr></tbody></table>"
        "<details><summary>s</summary><p>t</p></details></div></main>\n</body>\n</html>\n"
    )
    clean = sanitise_page(page)
    assert clean.startswith('<!DOCTYPE html>\n<html lang="vi">\n<head>\n<meta charset="utf-8">')
    assert clean.endswith("</main>\n</body>\n</html>\n")
    assert '<body class="jp-Notebook">' in clean and "<title>A &amp; B</title>" in clean
    assert "<style>td > b { color: red; }</style>" in clean and "x.org" not in clean
    for kept in (
        '<style type="text/css">#T_1 { background-color: #f2d16b; }</style>',
        '<div data-mime-type="text/html" tabindex="0">',
        '<tr style="text-align: right;">',
        "<td>1 &lt; 2</td>",
        "<details><summary>s</summary><p>t</p></details>",
    ):
        assert kept in clean, kept


def test_about_run_is_escaped_html(period_data, monkeypatch: pytest.MonkeyPatch) -> None:
    from ntm_analysis.report.sections.overview import about_run

    label = "[x](javascript:alert(1)) ![y](/etc/hostname) <b>z</b>"
    monkeypatch.setattr(type(period_data), "label", lambda self, lang: label)
    block = about_run(period_data, "vi")
    assert block.startswith("<div") and "\n\n" not in block
    assert "&lt;b&gt;z&lt;/b&gt;" in block and "<b>" not in block
    assert "SHA-256" not in block


@pytest.mark.heavy
def test_template_force_replaces_only_a_regular_file(tmp_path: Path) -> None:
    from ntm_analysis.cli import main

    target = tmp_path / "annex.xlsx"
    folder = tmp_path / "folder.xlsx"
    folder.mkdir()
    link = tmp_path / "link.xlsx"
    link.symlink_to(target)
    base = ["template", "--period", PERIOD, "--data-dir", str(DATA), "--force", "--output"]
    for refused in (folder, link, Path("/dev/null")):
        assert main([*base, str(refused)]) == 2, refused
    assert folder.is_dir() and link.is_symlink() and not target.exists()
    assert Path("/dev/null").is_char_device()
    target.write_text("old")
    assert main([*base, str(target)]) == 0
    assert target.read_bytes()[:2] == b"PK"  # replaced by the workbook


# --------------------------------------------------------------------------- reuse, notebooks


@pytest.mark.slow
def test_unchanged_notebooks_are_reused_force_reruns(tmp_path: Path) -> None:
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    counter = tmp_path / "executions.txt"
    count = f"open({str(counter)!r}, 'a').write(__name__[:0] + '{{}}\\n')"
    _write_notebook(notebooks / "00_first.ipynb", count.format("first"), title="First")
    _write_notebook(notebooks / "01_second.ipynb", count.format("second"), title="Second")
    outputs = tmp_path / "outputs"

    def run(**extra: object) -> runner.RunResult:
        options = RunOptions(
            period=PERIOD, data_dir=DATA, output_dir=outputs, workers=1, notebooks_dir=notebooks
        )
        for key, value in extra.items():
            setattr(options, key, value)
        result = run_report(options)
        assert result.ok
        return result

    def executions() -> list[str]:
        return counter.read_text().split()

    run()
    assert executions() == ["first", "second"]
    again = run()
    assert executions() == ["first", "second"]  # nothing executed
    assert all(r.reused_from for r in again.notebooks)
    index = _text((outputs / PERIOD / "index.html").read_text(encoding="utf-8"))
    assert index.count("không đổi, dùng lại") == 2
    run_json = json.loads((outputs / PERIOD / "run.json").read_text(encoding="utf-8"))
    assert run_json["tool"] == "ntm-analysis" and run_json["notebooks"][0]["reused_from"]

    _write_notebook(notebooks / "01_second.ipynb", count.format("edited"), title="Second")
    edited = run()
    assert executions() == ["first", "second", "edited"]
    assert [r.reused_from is not None for r in edited.notebooks] == [True, False]
    run(force=True)
    assert executions()[-2:] == ["first", "edited"]

    periods = (outputs / "index.html").read_text(encoding="utf-8")
    assert f'href="{PERIOD}/index.html"' in periods
    assert "9 tháng đầu năm 2021" in periods


@pytest.mark.slow
def test_notebooks_dir_renders_an_edited_copy(tmp_path: Path) -> None:
    notebooks = tmp_path / "my-notebooks"
    shutil.copytree(NOTEBOOKS, notebooks)
    target = discover_notebooks(notebooks)[3]
    nb = nbformat.read(target, as_version=4)
    marker = "Ghi chú của chuyên viên 4711"
    nb.cells.insert(2, nbformat.v4.new_markdown_cell(marker))  # the analyst's own note
    nbformat.write(nb, target)
    outputs = tmp_path / "outputs"
    result = run_report(
        RunOptions(
            period=PERIOD,
            data_dir=DATA,
            output_dir=outputs,
            workers=1,
            only=[target.name[:2]],
            notebooks_dir=notebooks,
        )
    )
    assert result.ok, [(r.name, r.error_value) for r in result.notebooks]
    page = (outputs / PERIOD / f"{target.stem}.html").read_text(encoding="utf-8")
    assert marker in page
    run_json = json.loads((outputs / PERIOD / "run.json").read_text(encoding="utf-8"))
    assert run_json["parameters"]["notebooks_dir"] == str(notebooks)


def _descendants(pid: int) -> list[int]:
    import subprocess as sp

    out = sp.run(["ps", "-eo", "pid,ppid"], capture_output=True, text=True, check=True)
    children: dict[int, list[int]] = {}
    for line in out.stdout.splitlines()[1:]:
        child, parent = (int(x) for x in line.split())
        children.setdefault(parent, []).append(child)
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def _alive(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "\nState:\tZ" not in status  # a zombie has ended; its parent has not reaped it


@pytest.mark.slow
def test_sigkill_of_the_run_leaves_no_process_and_no_open_pipe(tmp_path: Path) -> None:
    """What the OOM killer does: the workers and kernels end with the run, so
    `ntm-report run | tee log` sees the end of its input."""
    import os
    import signal
    import subprocess as sp
    import sys
    import time

    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    for i in range(3):
        _write_notebook(notebooks / f"0{i}_slow.ipynb", "import time\ntime.sleep(120)", title="S")
    read_end, write_end = os.pipe()
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
            str(tmp_path / "outputs"),
            "--workers",
            "2",
            "--notebooks",
            str(notebooks),
        ],
        stdout=write_end,
        stderr=write_end,
    )
    os.close(write_end)
    try:
        deadline = time.time() + 90
        while time.time() < deadline and len(_kernels_of(process.pid)) < 2:
            time.sleep(0.5)
        assert len(_kernels_of(process.pid)) == 2, "the run did not start its kernels"
        family = _descendants(process.pid)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)
        deadline = time.time() + 10
        while time.time() < deadline and any(_alive(pid) for pid in family):
            time.sleep(0.2)
        assert [pid for pid in family if _alive(pid)] == [], "processes outlived the run"
        os.set_blocking(read_end, False)
        deadline = time.time() + 5
        eof = False
        while time.time() < deadline and not eof:
            try:
                eof = os.read(read_end, 65536) == b""
            except BlockingIOError:
                time.sleep(0.2)
        assert eof, "something still holds the run's output pipe"
    finally:
        os.close(read_end)
        for pid in _descendants(process.pid):
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)


@pytest.mark.slow
def test_markdown_links_and_images_in_a_notebook_are_neutralised(tmp_path: Path) -> None:
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    hostile = "[x](javascript:alert(1)) ![x](/etc/hostname) ![y](https://example.com/a.png)"
    _write_notebook(
        notebooks / "00_links.ipynb",
        f"from IPython.display import Markdown, display\ndisplay(Markdown({hostile!r}))",
        title="Links",
    )
    nb = nbformat.read(notebooks / "00_links.ipynb", as_version=4)
    nb.cells.append(nbformat.v4.new_markdown_cell(hostile + " [ok](#top)"))
    nbformat.write(nb, notebooks / "00_links.ipynb")
    result = run_report(
        RunOptions(
            period=PERIOD, data_dir=DATA, output_dir=tmp_path / "out", notebooks_dir=notebooks
        )
    )
    assert result.ok, [(r.name, r.error_value) for r in result.notebooks]  # no crash on https
    for name in ("00_links.html", "report.html"):
        page = (tmp_path / "out" / PERIOD / name).read_text(encoding="utf-8")
        assert not re.search(r"""href\s*=\s*["']?\s*javascript""", page, re.I), name
        assert not re.search(r"""src\s*=\s*["']?\s*(/etc|https?:)""", page, re.I), name
    page = (tmp_path / "out" / PERIOD / "00_links.html").read_text(encoding="utf-8")
    assert 'href="#top"' in page  # report.html is the document: its text carries no links


def test_the_cache_key_covers_next_years_targets_and_other_periods(data_copy: Path) -> None:
    data = load_period(PERIOD, data_copy)
    before = data_fingerprint(data)
    following = data_copy / "targets" / f"{data.year + 1}.yml"
    shutil.copy(data_copy / "targets" / f"{data.year}.yml", following)
    after = data_fingerprint(data)
    assert f"targets/{following.name}" in after and after != before
    (data_copy / "periods" / PERIOD / ".history").mkdir()
    (data_copy / "periods" / PERIOD / ".history" / "x.csv").write_text("a")
    assert data_fingerprint(data) == after  # the import history is no input of a page
