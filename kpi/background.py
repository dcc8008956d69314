"""Work done in a second process while this one goes on: the second core reads a large file while the
first parses the plan.

``Background(fn, *args)`` forks; the child computes ``fn(*args)`` and sends the pickled result back
through a pipe; ``result()`` waits for it. It is an optimisation only: where it cannot help or
something goes wrong — no ``fork`` on this system, other threads running (forking a threaded process,
such as a Jupyter kernel, is unsafe), the child failing, raising or being killed — ``result()``
returns ``None`` and the caller does the work itself, so errors are raised (and worded) exactly as
they would be without it. Leaving the ``with`` block early (an error in the plan, Ctrl-C) kills the
child. Nothing from a file is ever unpickled: the bytes come from this program's own child.
"""
from __future__ import annotations

import os
import pickle
import signal
import threading
from collections.abc import Callable
from typing import Any


class Background:
    """``fn(*args)`` computed in a forked child; ``result()`` is its value, or ``None`` if it could not be had."""

    def __init__(self, fn: Callable[..., Any], *args: Any) -> None:
        self.pid: int | None = None
        self._fd = -1
        if not hasattr(os, "fork") or threading.active_count() > 1:
            return
        r, w = os.pipe()
        try:
            pid = os.fork()
        except OSError:  # no memory or process slots left: do the work here instead
            os.close(r)
            os.close(w)
            return
        if pid == 0:  # the child: compute, send, and leave without running the parent's clean-up
            code = 1
            try:
                os.close(r)
                for sig in (signal.SIGINT, signal.SIGTERM):  # not the parent's handlers: the child just stops
                    signal.signal(sig, signal.SIG_DFL)
                data = pickle.dumps(fn(*args), protocol=pickle.HIGHEST_PROTOCOL)
                with os.fdopen(w, "wb") as fh:
                    fh.write(data)
                code = 0
            finally:
                os._exit(code)
        os.close(w)
        self.pid, self._fd = pid, r

    @property
    def started(self) -> bool:
        """Whether a child process is at work (or has finished and not been collected)."""
        return self.pid is not None

    def result(self) -> Any:
        """Wait for the child: its value, or ``None`` if it could not be had (then do the work yourself)."""
        if self.pid is None:
            return None
        value = None
        try:
            with os.fdopen(self._fd, "rb") as fh:
                self._fd = -1
                value = pickle.load(fh)
        except (EOFError, pickle.UnpicklingError, OSError, ValueError, AttributeError, ImportError, IndexError):
            value = None  # the child raised, died or was killed before it sent a whole result
        finally:
            _, status = os.waitpid(self.pid, 0)
            self.pid = None
        return value if status == 0 else None

    def cancel(self) -> None:
        """Stop the child, if any, and collect it."""
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1
        if self.pid is not None:
            try:
                os.kill(self.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            os.waitpid(self.pid, 0)
            self.pid = None

    def __enter__(self) -> Background:
        return self

    def __exit__(self, *exc: object) -> None:
        self.cancel()
