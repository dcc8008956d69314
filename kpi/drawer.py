"""Drawing the figures' 300-dpi PNGs beside the notebook, not in it.

The PNG is the slowest part of saving a figure (about 1 s of the Kon Tum report's 3 figures) and only the
Word report and the slides read it; the notebook shows the SVG. While the notebook runs, ``PngDrawer``
points ``kpi.figures.PNG_QUEUE`` at a folder: ``save_figure`` in the kernel leaves each figure there,
pickled with the settings it is drawn with, and a thread of this process draws the PNGs as they come,
byte for byte what the kernel would have drawn. ``wait`` returns when every PNG is written.
"""
from __future__ import annotations

import os
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

    def __enter__(self) -> "PngDrawer":
        self.queue.mkdir(parents=True, exist_ok=True)
        self._saved = os.environ.get(PNG_QUEUE)
        os.environ[PNG_QUEUE] = str(self.queue)  # the kernel inherits it when it starts
        self._thread.start()
        return self

    def __exit__(self, exc_type, *exc) -> None:
        if exc_type is not None and self._error is None:  # a failed or interrupted render: draw no more
            self._error = "the render stopped"
        if self._saved is None:
            os.environ.pop(PNG_QUEUE, None)
        else:
            os.environ[PNG_QUEUE] = self._saved
        self._stop.set()
        self._thread.join()

    def wait(self) -> None:
        """Draw what is left in the queue and stop; ``RenderError`` if a PNG could not be drawn."""
        with self._lock:
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
