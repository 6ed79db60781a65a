import json
import subprocess
import sys

import pytest

from ntm_analysis.cli import main


def test_periods_lists_shipped_periods(capsys, data_dir):
    assert main(["periods", "--data-dir", str(data_dir)]) == 0
    out = capsys.readouterr().out
    assert "2021-09" in out and "2020-12" in out


def test_validate_json_contract(capsys, data_dir):
    assert main(["validate", "--period", "2021-09", "--data-dir", str(data_dir), "--json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["period"] == "2021-09"
    for finding in payload["findings"]:
        assert {"id", "section", "severity", "message", "reported", "computed"} <= set(finding)
        assert finding["severity"] in {"error", "warning", "info"}


def test_bad_arguments_exit_2(capsys):
    assert _exit(["validate"]) == 2
    assert _exit(["frobnicate"]) == 2


def _exit(argv):
    try:
        return main(argv)
    except SystemExit as exc:
        return exc.code


@pytest.mark.heavy
def test_python_dash_m_works(data_dir):
    done = subprocess.run(
        [sys.executable, "-m", "ntm_analysis", "periods", "--data-dir", str(data_dir)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0 and "2021-09" in done.stdout


def test_no_arguments_lists_the_commands(capsys):
    assert main([]) == 0
    out = capsys.readouterr().out
    for command in ("run", "validate", "project", "template", "periods"):
        assert command in out


def test_every_command_help_shows_an_example_and_the_exit_codes(capsys):
    for command in ("run", "validate", "project", "template", "periods"):
        assert _exit([command, "--help"]) == 0
        out = capsys.readouterr().out
        assert f"ntm-report {command}" in out.split("example:")[1]
        assert "exit codes:" in out and "2  unusable input" in out


@pytest.mark.heavy
def test_validate_speaks_vietnamese_by_default_and_names_places(capsys, data_dir, monkeypatch):
    monkeypatch.delenv("NTM_LANG", raising=False)
    assert main(["validate", "--period", "2021-09", "--data-dir", str(data_dir)]) == 0
    out = capsys.readouterr().out
    # A.II.1: Châu Thành is said to meet 6 of the 9 district criteria, but only 5 are named
    assert "huyện Châu Thành (847): " in out and "nêu 6 nhưng chỉ liệt kê 5" in out
    assert "district_criteria_met" not in out  # no list id reaches the reader


@pytest.mark.heavy
def test_english_messages_use_english_numbers_throughout(capsys, data_dir, monkeypatch):
    monkeypatch.setenv("NTM_LANG", "en")
    assert main(["validate", "--period", "2021-09", "--data-dir", str(data_dir)]) == 0
    out = capsys.readouterr().out
    # A.II.4.4: Irish-aid disbursement printed as 4.967 against parts 276 + 4.173 = 4.449
    line = next(x for x in out.splitlines() if "4,967" in x)
    assert "4,449" in line and "4.967" not in line
    assert "Trà Vinh province (84)" in line


@pytest.mark.heavy
def test_validate_strict_fails_on_error_findings(capsys, data_dir):
    # the 2021-09 data holds 4 error findings (see tests/quality/snapshots/2021-09.json)
    argv = ["validate", "--period", "2021-09", "--data-dir", str(data_dir)]
    assert main(argv) == 0
    assert main([*argv, "--strict"]) == 1


def test_project_without_a_targets_file_says_so(capsys, data_dir):
    # 2020-12 is the baseline; there is no data/targets/2020.yml
    assert main(["project", "--period", "2020-12", "--data-dir", str(data_dir)]) == 2
    err = capsys.readouterr().err
    assert "2020.yml" in err and "targets" in err


@pytest.mark.heavy
def test_output_piped_into_head_ends_quietly(data_dir):
    done = subprocess.run(
        f"{sys.executable} -m ntm_analysis validate --period 2021-09 "
        f"--data-dir {data_dir} | head -n 1",
        shell=True,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.stdout.count("\n") == 1
    assert done.stderr == ""
