"""Drawing the figures' 300-dpi PNGs beside the notebook, not in it.

The PNG is the slowest part of saving a figure (about 1 s of the Kon Tum report's 3 figures) and only the
Word report and the slides read it; the notebook shows the SVG. While the notebook runs, ``PngDrawer``
points ``kpi.figures.PNG_QUEUE`` at a folder: ``save_figure`` in the kernel leaves each figure there,
pickled with the settings it is drawn with, and a second process forked from this one draws the PNGs
as they come, byte for byte what the kernel would have drawn. ``wait`` returns when every PNG is written.

A process, not a thread: drawing holds Python's lock, and a thread drawing the last figures after the
notebook ended took turns with this process's own work (writing the HTML and the Word report), which
waited for it. Where forking is unsafe (other threads running, as in a Jupyter kernel or a test
runner) or impossible, a thread draws them.
"""
from __future__ import annotations

import os
import select
import signal
import threading
from pathlib import Path

from .errors import RenderError
from .figures import PNG_QUEUE, draw_png

POLL_S = 0.05


class PngDrawer:
    """``with PngDrawer(folder): <run the notebook>; drawer.wait()``; the queue lives in ``folder``."""

    def __init__(self, folder: Path) -> None:
        self.queue = Path(folder)
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._error: str | None = None
        self._thread = threading.Thread(target=self._run, name="kpi-png", daemon=True)
        self._saved: str | None = None
        self.pid: int | None = None  # the drawing process, when one draws
        self._pipes: tuple[int, int] = (-1, -1)  # (write: closed to say stop, read: its error, if any)

    def __enter__(self) -> "PngDrawer":
        self.queue.mkdir(parents=True, exist_ok=True)
        self._saved = os.environ.get(PNG_QUEUE)
        os.environ[PNG_QUEUE] = str(self.queue)  # the kernel inherits it when it starts
        if not self._fork():
            self._thread.start()
        return self

    def _fork(self) -> bool:
        """Start the drawing process; ``False`` where a thread must draw instead."""
        if not hasattr(os, "fork") or threading.active_count() > 1:
            return False
        import matplotlib.backends.backend_agg  # noqa: F401  imported once here, not by every drawing process

        stop_r, stop_w = os.pipe()
        error_r, error_w = os.pipe()
        try:
            pid = os.fork()
        except OSError:
            for fd in (stop_r, stop_w, error_r, error_w):
                os.close(fd)
            return False
        if pid == 0:  # the drawing process: draw until told to stop (or this process has gone), then leave
            try:
                os.close(stop_w)
                os.close(error_r)
                for sig in (signal.SIGINT, signal.SIGTERM):
                    signal.signal(sig, signal.SIG_DFL)
                self._stop = _Closed(stop_r)
                self._run()
                os.write(error_w, (self._error or "").encode("utf-8", "replace")[:4096])
            finally:
                os._exit(0)
        os.close(stop_r)
        os.close(error_w)
        self.pid, self._pipes = pid, (stop_w, error_r)
        return True

    def _collect(self, kill: bool) -> None:
        """Stop the drawing process (at once if ``kill``), wait for it, and take its error, if any."""
        stop_w, error_r = self._pipes
        self._pipes = (-1, -1)  # taken once: a second call (after Ctrl-C or SIGTERM in the first) only kills
        if kill:
            os.kill(self.pid, signal.SIGKILL)
        error = ""
        if stop_w >= 0:
            os.close(stop_w)  # the process sees the pipe closed: it draws what is queued, then leaves
        if error_r >= 0:
            with os.fdopen(error_r, "rb") as fh:
                error = fh.read().decode("utf-8", "replace")
        _, status = os.waitpid(self.pid, 0)
        self.pid = None
        if error and self._error is None:
            self._error = error
        elif status != 0 and not kill and self._error is None:
            self._error = f"the process drawing the PNGs stopped ({_why(status)})"

    def __exit__(self, exc_type, *exc) -> None:
        if exc_type is not None and self._error is None:  # a failed or interrupted render: draw no more
            self._error = "the render stopped"
        if self._saved is None:
            os.environ.pop(PNG_QUEUE, None)
        else:
            os.environ[PNG_QUEUE] = self._saved
        with self._lock:
            if self.pid is not None:
                self._collect(kill=exc_type is not None)
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()

    def wait(self) -> None:
        """Draw what is left in the queue and stop; ``RenderError`` if a PNG could not be drawn."""
        with self._lock:
            if self.pid is not None:
                self._collect(kill=False)
            elif self._thread.is_alive():
                self._stop.set()
                self._thread.join()
        if self._error:
            raise RenderError(self._error)

    def _pending(self) -> list[Path]:
        return sorted(self.queue.glob("*.pickle"))

    def _run(self) -> None:
        while True:
            stopping = self._stop.is_set()  # read before the queue: whatever was queued by then is drawn
            pending = self._pending()
            for path in pending:
                if self._error is None:
                    self._draw(path)
                path.unlink()
            if stopping and not pending:
                return
            if not pending:
                self._stop.wait(POLL_S)

    def _draw(self, path: Path) -> None:
        import pickle

        png = None
        try:
            with open(path, "rb") as f:
                png, box, rc, default_cmap, fig = pickle.load(f)
            import matplotlib as mpl

            name = rc["image.cmap"]
            if isinstance(name, str) and name not in mpl.colormaps:  # seaborn's 'rocket': seaborn is not
                mpl.colormaps.register(default_cmap, name=name)  # imported here, the kernel's map is
            with mpl.rc_context():  # restored after
                for key, value in rc.items():  # as the kernel had them (validated there)
                    mpl.rcParams._set(key, value)
                draw_png(fig, Path(png), box)
        except Exception as e:  # reported by wait, in the render's message
            name = f"figures/{Path(png).name}" if png else "a figure"
            self._error = f"{name} could not be drawn ({type(e).__name__}: {e})"


class _Closed:
    """In the drawing process: the parent's signal to stop, the closing of a pipe (as ``threading.Event``)."""

    def __init__(self, fd: int) -> None:
        self.fd = fd

    def is_set(self) -> bool:
        return bool(select.select([self.fd], [], [], 0)[0])

    def wait(self, timeout: float) -> None:
        select.select([self.fd], [], [], timeout)


def _why(status: int) -> str:
    if os.WIFSIGNALED(status):
        return f"killed by signal {os.WTERMSIG(status)}"
    return f"exit code {os.waitstatus_to_exitcode(status)}"
