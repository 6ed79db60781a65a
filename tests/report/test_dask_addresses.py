"""A scheduler address that is not a running Dask scheduler ends the command quickly with one
message (issue 20, part 7): no traceback, no Client left to wait when it is collected."""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from ntm_analysis.errors import InputError
from ntm_analysis.report.publish.run.batch import dask_installed
from ntm_analysis.report.publish.run.dask_executor import check_address, probe_scheduler

pytestmark = pytest.mark.skipif(not dask_installed(), reason="the dask extra is not installed")
ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    "address", ["bogus://x", "http://host:80", "inproc://x", "nohost", "tcp://h:99999"]
)
def test_addresses_no_remote_scheduler_can_have_are_refused(address: str) -> None:
    with pytest.raises(InputError) as caught:
        check_address(address)
    assert address in caught.value.render("en")


def test_an_address_without_scheme_is_tcp() -> None:
    assert check_address("10.0.0.5:8786") == "tcp://10.0.0.5:8786"
    assert check_address(" TLS://h:1 ") == "tls://h:1"


@pytest.fixture
def server() -> Iterator[tuple[socket.socket, list[bytes]]]:
    """A TCP server on 127.0.0.1 that answers each connection with the bytes in its list
    (nothing: it stays silent, as an HTTP server waiting for a request line does)."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    answers: list[bytes] = []

    def serve() -> None:
        while True:
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            if answers:
                conn.sendall(answers[0])
            time.sleep(3)
            conn.close()

    threading.Thread(target=serve, daemon=True).start()
    yield listener, answers
    listener.close()


@pytest.mark.heavy  # a second or more
def test_a_server_that_says_nothing_times_out_within_the_limit(server) -> None:
    listener, _ = server
    address = f"tcp://127.0.0.1:{listener.getsockname()[1]}"
    started = time.perf_counter()
    with pytest.raises(InputError) as caught:
        probe_scheduler(address, timeout=1)
    assert time.perf_counter() - started < 3
    assert "not a running Dask scheduler" in caught.value.render("en")


def test_garbage_for_a_handshake_is_not_a_scheduler(server) -> None:
    listener, answers = server
    answers.append(b"HTTP/1.0 400 Bad Request\r\n\r\n" + b"\xff" * 64)
    address = f"tcp://127.0.0.1:{listener.getsockname()[1]}"
    with pytest.raises(InputError) as caught:
        probe_scheduler(address, timeout=2)
    assert address in caught.value.render("en")


@pytest.mark.heavy
@pytest.mark.parametrize("address", ["bogus://x", "inproc://x", "tcp://127.0.0.1:9"])
def test_the_command_ends_with_one_message(address: str, tmp_path: Path) -> None:
    command = [sys.executable, "-m", "ntm_analysis", "run", "--period", "2021-09"]
    command += ["--data-dir", str(ROOT / "data"), "--output-dir", str(tmp_path)]
    command += ["--executor", "dask", "--scheduler", address, "--lang", "en"]
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, timeout=60)
    assert time.perf_counter() - started < 25
    assert done.returncode == 2, done.stderr
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and address in lines[0], done.stderr
    assert not list(tmp_path.iterdir())
