"""A headless Chromium driven over its DevTools pipe: open a page, load a URL, print it to PDF.

The few DevTools commands a report needs, sent as NUL-terminated JSON on the pipe Chromium reads
(``--remote-debugging-pipe``: commands on its fd 3, replies and events on its fd 4), with no driver
process in between (Playwright's Node.js driver cost about 0.5 s of CPU per render).
"""
from __future__ import annotations

import base64
import json
import os
import select
import shutil
import tempfile
import time
from pathlib import Path


class BrowserError(Exception):
    """The browser would not start, crashed, answered with an error or did not answer in time."""


SOCKET_PATH_MAX = 107
"""Longest path of a Unix socket on Linux (``sun_path`` holds 108 bytes with its NUL)."""
_SOCKET_TAIL = 45
"""What Chromium adds to its ``$TMPDIR`` for the socket that keeps one browser per profile
(``/.org.chromium.Chromium.XXXXXX/SingletonSocket``); measured: a TMPDIR of 62 characters works, 63 does not."""


def socket_tmpdir(tmp: str) -> str | None:
    """A ``$TMPDIR`` short enough for Chromium's socket: ``None`` if ``tmp`` is, else a new folder in /tmp.

    With a longer one Chromium exits at once and the pipe reads 'the browser has gone' (a TMPDIR of 63
    characters is enough: pytest's own temporary folders, once it had numbered a thousand runs).
    """
    if len(tmp) + _SOCKET_TAIL <= SOCKET_PATH_MAX:
        return None
    try:
        return tempfile.mkdtemp(prefix="kpi-chromium-", dir="/tmp")
    except OSError:
        return None  # no /tmp: Chromium is given what there is


class Browser:
    """``Browser(executable, flags)``: a Chromium process; ``page()`` opens a page; ``close()`` ends it."""

    def __init__(self, executable: str, flags: list[str], *, timeout: float = 60) -> None:
        self.timeout = timeout
        # Under $TMPDIR as it is now (a render's scratch folder; tempfile caches the first one it saw).
        self._profile = tempfile.mkdtemp(prefix="kpi-chromium-", dir=os.environ.get("TMPDIR") or None)
        self._sockets = socket_tmpdir(os.environ.get("TMPDIR") or tempfile.gettempdir())
        env = os.environ if self._sockets is None else {**os.environ, "TMPDIR": self._sockets}
        to_browser_r, self._to_browser = os.pipe()
        self._from_browser, from_browser_w = os.pipe()
        null = os.open(os.devnull, os.O_RDWR)
        args = [executable, *flags, "--headless", "--remote-debugging-pipe", "--no-startup-window",
                f"--user-data-dir={self._profile}"]
        try:
            self.pid = os.posix_spawn(executable, args, env, file_actions=[
                (os.POSIX_SPAWN_DUP2, null, 0), (os.POSIX_SPAWN_DUP2, null, 1), (os.POSIX_SPAWN_DUP2, null, 2),
                (os.POSIX_SPAWN_DUP2, to_browser_r, 3), (os.POSIX_SPAWN_DUP2, from_browser_w, 4)])
        except OSError as e:
            self._cleanup_fds()
            self._remove_folders()
            raise BrowserError(f"{executable}: {e.strerror}") from None
        finally:
            for fd in (to_browser_r, from_browser_w, null):
                os.close(fd)
        self._next = 0
        self._buffer = b""
        self._events: list[dict] = []

    # --- the pipe -----------------------------------------------------------------------------------
    def send(self, method: str, params: dict | None = None, session: str | None = None) -> dict:
        """Send one command and wait for its reply; returns its result."""
        self._next += 1
        message = {"id": self._next, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        data = json.dumps(message).encode() + b"\0"
        try:
            while data:
                data = data[os.write(self._to_browser, data):]
        except OSError as e:
            raise BrowserError(f"the browser has gone ({e.strerror})") from None
        reply = self._receive(lambda m: m.get("id") == self._next, method)
        if "error" in reply:
            raise BrowserError(f"{method}: {reply['error'].get('message', reply['error'])}")
        return reply.get("result", {})

    def wait_event(self, method: str, session: str) -> dict:
        """Wait for an event of a page (one already received is taken first)."""
        return self._receive(lambda m: m.get("method") == method and m.get("sessionId") == session, method)

    def _receive(self, wanted, what: str) -> dict:
        for i, m in enumerate(self._events):
            if wanted(m):
                return self._events.pop(i)
        deadline = time.monotonic() + self.timeout
        while True:
            while b"\0" in self._buffer:
                raw, self._buffer = self._buffer.split(b"\0", 1)
                m = json.loads(raw)
                if wanted(m):
                    return m
                if "method" in m:  # an event for later; replies to earlier commands are not kept
                    self._events.append(m)
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._from_browser], [], [], left)[0]:
                raise BrowserError(f"no answer to {what} in {self.timeout:.0f} s")
            chunk = os.read(self._from_browser, 1 << 20)
            if not chunk:
                raise BrowserError(f"the browser has gone (waiting for {what})")
            self._buffer += chunk

    # --- pages --------------------------------------------------------------------------------------
    def page(self) -> "Page":
        """A new page (tab) with its page events on."""
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        self.send("Page.enable", session=session)
        return Page(self, target, session)

    def close(self) -> None:
        """End the browser (politely, then by force) and remove its profile."""
        try:
            self.send("Browser.close")
        except BrowserError:
            pass
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and os.waitpid(self.pid, os.WNOHANG) == (0, 0):
            time.sleep(0.02)
        else:
            try:
                os.kill(self.pid, 9)
                os.waitpid(self.pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass
        self._cleanup_fds()
        self._remove_folders()

    def _remove_folders(self) -> None:
        for folder in (self._profile, self._sockets):
            if folder is not None:
                shutil.rmtree(folder, ignore_errors=True)

    def _cleanup_fds(self) -> None:
        for fd in (self._to_browser, self._from_browser):
            try:
                os.close(fd)
            except OSError:
                pass


class Page:
    def __init__(self, browser: Browser, target: str, session: str) -> None:
        self.browser, self.target, self.session = browser, target, session

    def goto(self, url: str) -> None:
        """Load ``url`` and wait for its load event."""
        self.browser._events = [m for m in self.browser._events if m.get("sessionId") != self.session]
        reply = self.browser.send("Page.navigate", {"url": url}, session=self.session)
        if reply.get("errorText"):
            raise BrowserError(f"{url}: {reply['errorText']}")
        self.browser.wait_event("Page.loadEventFired", self.session)

    def set_content(self, html: str) -> None:
        """Load an HTML text, from a file: a later ``file:`` URL is then loaded by the same renderer."""
        path = Path(self.browser._profile) / f"page-{self.target}.html"
        path.write_text(html, encoding="utf-8")
        self.goto(path.as_uri())

    def pdf(self, path: Path, **params) -> None:
        """Print the page to ``path`` with ``Page.printToPDF``'s parameters."""
        data = self.browser.send("Page.printToPDF", params, session=self.session)["data"]
        Path(path).write_bytes(base64.b64decode(data))
