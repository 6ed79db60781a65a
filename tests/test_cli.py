import json
import subprocess
import sys

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


def test_python_dash_m_works(data_dir):
    done = subprocess.run(
        [sys.executable, "-m", "ntm_analysis", "periods", "--data-dir", str(data_dir)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0 and "2021-09" in done.stdout
