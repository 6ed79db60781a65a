"""A headless Chromium driven over the DevTools protocol on a pipe (no extra package): open a
page, click each of its links, and record every dialog and every request it made."""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import queue
import shutil
import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@dataclass
class PageVisit:
    """What happened while a page was open and its links were clicked."""

    page: str
    links: int = 0
    dialogs: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    clicked: list[str] = field(default_factory=list)


class Chromium:
    """One headless Chromium; `visit(path)` opens a page and clicks every link on it."""

    def __init__(self, workdir: Path) -> None:
        assert CHROMIUM, "chromium is not installed"
        commands_r, self._commands = os.pipe()
        self._replies, replies_w = os.pipe()
        # keep the child's ends away from 3 and 4, then put them there in the child
        child_r = fcntl.fcntl(commands_r, fcntl.F_DUPFD, 10)
        child_w = fcntl.fcntl(replies_w, fcntl.F_DUPFD, 10)
        os.close(commands_r)
        os.close(replies_w)

        def fds() -> None:
            os.dup2(child_r, 3)
            os.dup2(child_w, 4)

        self.process = subprocess.Popen(
            [
                CHROMIUM,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--host-resolver-rules=MAP * ~NOTFOUND",  # the network is off
                f"--user-data-dir={workdir / 'chromium-profile'}",
                "--remote-debugging-pipe",
                "about:blank",
            ],
            preexec_fn=fds,
            pass_fds=(3, 4),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(child_r)
        os.close(child_w)
        self._next = 0
        self._replies_by_id: dict[int, dict[str, Any]] = {}
        self._events: queue.Queue[dict[str, Any]] = queue.Queue()
        self._cond = threading.Condition()
        threading.Thread(target=self._read, daemon=True).start()
        target = self.call("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.call("Target.attachToTarget", targetId=target, flatten=True)[
            "sessionId"
        ]
        for domain in ("Page.enable", "Network.enable", "Runtime.enable"):
            self.call(domain, session=True)

    def _read(self) -> None:
        buffer = b""
        while True:
            chunk = os.read(self._replies, 1 << 20)
            if not chunk:
                return
            buffer += chunk
            *messages, buffer = buffer.split(b"\0")
            for raw in messages:
                message = json.loads(raw)
                if "id" in message:
                    with self._cond:
                        self._replies_by_id[message["id"]] = message
                        self._cond.notify_all()
                else:
                    self._events.put(message)

    def call(self, method: str, session: bool = False, **params: Any) -> dict[str, Any]:
        self._next += 1
        ident = self._next
        message: dict[str, Any] = {"id": ident, "method": method, "params": params}
        if session:
            message["sessionId"] = self.session
        os.write(self._commands, json.dumps(message).encode() + b"\0")
        deadline = time.time() + 60
        with self._cond:
            while ident not in self._replies_by_id:
                if not self._cond.wait(timeout=max(0.0, deadline - time.time())):
                    raise TimeoutError(method)
            reply = self._replies_by_id.pop(ident)
        if "error" in reply:
            raise RuntimeError(f"{method}: {reply['error']}")
        return reply.get("result", {})

    def _drain(self, visit: PageVisit, seconds: float, until: str | None = None) -> bool:
        """Handle events for `seconds` (or until event `until`); True when it was seen."""
        deadline = time.time() + seconds
        while True:
            left = deadline - time.time()
            if left <= 0:
                return False
            try:
                event = self._events.get(timeout=left)
            except queue.Empty:
                return False
            method = event.get("method")
            params = event.get("params", {})
            if method == "Page.javascriptDialogOpening":
                visit.dialogs.append(f"{params.get('type')}: {params.get('message')}")
                self.call("Page.handleJavaScriptDialog", session=True, accept=False)
            elif method == "Network.requestWillBeSent":
                url = params.get("request", {}).get("url", "")
                if not url.startswith("data:"):
                    visit.requests.append(url)
            if until is not None and method == until:
                return True

    def _open(self, url: str, visit: PageVisit) -> None:
        self.call("Page.navigate", session=True, url=url)
        self._drain(visit, 30, until="Page.loadEventFired")

    def _evaluate(self, expression: str) -> Any:
        result = self.call("Runtime.evaluate", session=True, expression=expression)
        return result.get("result", {}).get("value")

    def visit(self, page: Path) -> PageVisit:
        url = page.resolve().as_uri()
        visit = PageVisit(page=page.name)
        self._open(url, visit)
        links = self._evaluate("document.querySelectorAll('a').length") or 0
        visit.links = links
        for i in range(links):
            href = self._evaluate(
                f"(() => {{ const a = document.querySelectorAll('a')[{i}];"
                " if (!a) return null; a.removeAttribute('target'); a.click();"
                " return a.href || ''; })()"
            )
            visit.clicked.append(href or "")
            in_page = (href or "").split("#")[0] in ("", url)
            self._drain(visit, 0.05 if in_page else 0.5)
            here = self._evaluate("location.href") or ""
            if here.split("#")[0] != url:
                self._open(url, visit)
        return visit

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.call("Browser.close")
        with contextlib.suppress(Exception):
            self.process.wait(timeout=10)
        if self.process.poll() is None:
            self.process.kill()
        os.close(self._commands)
