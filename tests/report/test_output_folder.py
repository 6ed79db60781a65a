"""The user's files are the user's (issue 20, part 4): a run never deletes a file it did not
write, refuses to overwrite a file of its own that was changed since, cleans only the staging
folders it marked, and never writes into the data folder."""

from __future__ import annotations

import json
import os
from pathlib import Path

import nbformat
import pytest

from ntm_analysis.errors import InputError
from ntm_analysis.report.publish.run import RunOptions, run_report
from ntm_analysis.report.publish.run import publish as pub
from ntm_analysis.report.publish.run.manifest import files_of, inventory, written

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
PERIOD = "2021-09"


def _staged(outputs: Path, pages: dict[str, str]) -> Path:
    """A staging folder as a run leaves it before publishing: its pages and run.json."""
    staging = pub.new_staging(outputs, PERIOD)
    for name, text in pages.items():
        (staging / name).parent.mkdir(parents=True, exist_ok=True)
        (staging / name).write_text(text)
    record = {"tool": pub.TOOL, "schema": pub.SCHEMA, "period": PERIOD, "notebooks": []}
    (staging / "run.json").write_text(json.dumps(record))
    return staging


def _first_publish(outputs: Path) -> Path:
    staging = _staged(outputs, {"index.html": "one", "00_a.html": "a", "executed/00_a.ipynb": "{}"})
    assert pub.publish(staging, outputs / PERIOD) == []
    return outputs / PERIOD


def test_a_published_folder_records_what_it_wrote(tmp_path: Path) -> None:
    folder = _first_publish(tmp_path)
    record = json.loads((folder / "run.json").read_text())
    assert sorted(record["files"]) == ["00_a.html", "executed/00_a.ipynb", "index.html"]
    assert all(len(digest) == 64 for digest in record["files"].values())
    assert not (folder / pub.STAGING_MARKER).exists()


def test_files_a_user_added_are_carried_into_the_new_folder(tmp_path: Path) -> None:
    folder = _first_publish(tmp_path)
    (folder / "notes.txt").write_text("my notes")
    (folder / "signed").mkdir()
    (folder / "signed" / "report-signed.pdf").write_bytes(b"%PDF-signed")
    (folder / "executed" / "scratch.py").write_text("x = 1")
    staging = _staged(tmp_path, {"index.html": "two", "executed/00_a.ipynb": "{}"})
    kept = pub.publish(staging, folder)
    assert kept == ["executed/scratch.py", "notes.txt", "signed"]
    assert (folder / "notes.txt").read_text() == "my notes"
    assert (folder / "signed" / "report-signed.pdf").read_bytes() == b"%PDF-signed"
    assert (folder / "executed" / "scratch.py").read_text() == "x = 1"
    assert (folder / "index.html").read_text() == "two"
    assert not (folder / "00_a.html").exists()  # the run's own page, no longer made
    assert [p.name for p in tmp_path.iterdir() if ".old-" in p.name] == []
    record = json.loads((folder / "run.json").read_text())
    assert "notes.txt" not in record["files"]  # still the user's on the next run
    assert inventory(folder, record).user == ["executed/scratch.py", "notes.txt", "signed"]
    assert "notes.txt" in pub.kept_warning("en", folder, kept)


def test_a_file_of_the_run_changed_since_is_refused_before_anything_is_replaced(
    tmp_path: Path,
) -> None:
    folder = _first_publish(tmp_path)
    (folder / "00_a.html").write_text("edited by hand")
    with pytest.raises(InputError) as caught:
        pub.check_destination(folder)
    message = caught.value.render("en")
    assert "00_a.html" in message and str(folder) in message
    staging = _staged(tmp_path, {"index.html": "two"})
    with pytest.raises(InputError):
        pub.publish(staging, folder)
    assert (folder / "00_a.html").read_text() == "edited by hand"


def test_a_user_file_named_like_a_new_output_is_refused(tmp_path: Path) -> None:
    folder = _first_publish(tmp_path)
    (folder / "report.pdf").write_bytes(b"%PDF-mine")
    staging = _staged(tmp_path, {"index.html": "two", "report.pdf": "ours"})
    with pytest.raises(InputError, match=r"report\.pdf"):
        pub.publish(staging, folder)
    assert (folder / "report.pdf").read_bytes() == b"%PDF-mine"
    assert (folder / "index.html").read_text() == "one"


def test_a_record_without_manifest_names_its_files_through_its_notebooks(
    tmp_path: Path,
) -> None:
    record = {
        "tool": pub.TOOL,
        "notebooks": [{"html": "00_a.html", "executed": "executed/00_a.ipynb"}],
        "extra_outputs": [{"label": "Word", "file": "report.docx"}],
    }
    assert set(written(record)) == {
        "index.html",
        "report.html",
        "00_a.html",
        "executed/00_a.ipynb",
        "report.docx",
    }
    folder = tmp_path / PERIOD
    (folder / "executed").mkdir(parents=True)
    for name in ("index.html", "00_a.html", "notes.txt"):
        (folder / name).write_text(name)
    (folder / "run.json").write_text(json.dumps(record))
    assert inventory(folder, record).user == ["notes.txt"]


def test_a_replaced_folder_left_by_a_killed_run_gives_back_the_users_files(
    tmp_path: Path,
) -> None:
    folder = _first_publish(tmp_path)
    old = tmp_path / f".{PERIOD}.old-killed"
    (old / "executed").mkdir(parents=True)
    (old / "index.html").write_text("old")
    (old / "notes.txt").write_text("mine")
    (old / "run.json").write_text(json.dumps({"tool": pub.TOOL, "notebooks": []}))
    record = json.loads((old / "run.json").read_text())
    record["files"] = {"index.html": files_of(old)["index.html"]}
    (old / "run.json").write_text(json.dumps(record))
    pub.clean_stale_staging(tmp_path, PERIOD)
    assert (folder / "notes.txt").read_text() == "mine"
    assert not old.exists()


def test_only_marked_staging_folders_are_cleaned(tmp_path: Path) -> None:
    ours = pub.new_staging(tmp_path, PERIOD)
    mine = tmp_path / f".{PERIOD}.tmp-mine"
    mine.mkdir()
    (mine / "draft.docx").write_text("mine")
    forged = tmp_path / f".{PERIOD}.tmp-forged"
    forged.mkdir()
    os.symlink(mine / "draft.docx", forged / pub.STAGING_MARKER)  # a link is no marker
    pub.clean_stale_staging(tmp_path, PERIOD)
    assert not ours.exists()
    assert (mine / "draft.docx").read_text() == "mine" and forged.is_dir()


@pytest.mark.parametrize("where", ["data", "period", "data_itself"])
def test_an_outputs_folder_inside_the_data_folder_is_refused(data_copy: Path, where: str) -> None:
    target = {
        "data": data_copy / "outputs",
        "period": data_copy / "periods" / PERIOD,
        "data_itself": data_copy,
    }[where]
    before = sorted(p.relative_to(data_copy) for p in data_copy.rglob("*"))
    with pytest.raises(InputError) as caught:
        run_report(RunOptions(period=PERIOD, data_dir=data_copy, output_dir=target, workers=1))
    assert "inside the data folder" in caught.value.render("en")
    assert sorted(p.relative_to(data_copy) for p in data_copy.rglob("*")) == before


@pytest.mark.parametrize("lock", [".index.lock", f".{PERIOD}.lock"])
def test_a_lock_file_that_is_a_link_is_refused(tmp_path: Path, lock: str) -> None:
    outputs = tmp_path / "outputs"
    outputs.mkdir()
    precious = tmp_path / "precious.txt"
    precious.write_text("keep")
    (outputs / lock).symlink_to(precious)
    with pytest.raises(InputError) as caught:
        run_report(RunOptions(period=PERIOD, data_dir=DATA, output_dir=outputs, workers=1))
    assert lock in caught.value.render("en")
    assert precious.read_text() == "keep" and (outputs / lock).is_symlink()


def _tiny_notebooks(folder: Path) -> Path:
    folder.mkdir()
    nb = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_code_cell(
                'period: str = "2021-09"\ndata_dir: str = "../data"\nlang: str = "vi"',
                metadata={"tags": ["parameters"]},
            ),
            nbformat.v4.new_markdown_cell("# Tiny"),
            nbformat.v4.new_code_cell("print(period)"),
        ],
        metadata={
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}
        },
    )
    nbformat.write(nb, folder / "00_tiny.ipynb")
    return folder


@pytest.mark.slow
def test_notes_added_to_a_published_folder_survive_a_new_run(tmp_path: Path) -> None:
    notebooks = _tiny_notebooks(tmp_path / "notebooks")
    outputs = tmp_path / "outputs"
    options = RunOptions(
        period=PERIOD, data_dir=DATA, output_dir=outputs, workers=1, notebooks_dir=notebooks
    )
    assert run_report(options).ok
    folder = outputs / PERIOD
    (folder / "notes.txt").write_text("ghi chú của tôi", encoding="utf-8")
    options.force = True
    result = run_report(options)
    assert result.ok
    assert (folder / "notes.txt").read_text(encoding="utf-8") == "ghi chú của tôi"
    assert any("notes.txt" in warning for warning in result.warnings)
    record = json.loads((folder / "run.json").read_text(encoding="utf-8"))
    assert "00_tiny.html" in record["files"] and "notes.txt" not in record["files"]
    (folder / "00_tiny.html").write_text("edited", encoding="utf-8")
    with pytest.raises(InputError, match=r"00_tiny\.html"):
        run_report(options)
    assert (folder / "00_tiny.html").read_text(encoding="utf-8") == "edited"
