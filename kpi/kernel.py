"""A Jupyter kernel started ahead of the notebook, and kept for the next notebook of the same process.

papermill starts a kernel for every notebook it runs: a Python that imports IPython, then the
report's own imports (pandas, matplotlib, seaborn, kpi), about 2 s of CPU before the first cell
computes anything. Here the kernel is started when a render begins, and its imports are sent at
once, so that both overlap the rendering process's own start (reading the plan, importing papermill
and nbconvert, starting the browser). After a notebook has run to the end, the kernel is reset for
the next render of the same process (the next report of a batch, or of a ``--jobs`` worker):
figures closed, matplotlib's settings as they were after the imports, and IPython's ``reset`` (an
empty namespace, execution counts from 1), so that the next notebook runs as in a new kernel, without
its start. A kernel whose notebook failed, timed out or was interrupted is shut down, never reused.

``take()`` gives the kept kernel or starts one; ``keep(kernel)`` resets it and keeps it; ``close()``
shuts the kept one down (a batch calls it at its end, a worker when it exits). Each kernel has its own
scratch folder (its ``TMPDIR``, and the queue of figures for ``kpi.drawer``), removed when it is shut
down, or by ``swap.sweep_scratch`` after a killed process.
"""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from .figures import PNG_QUEUE

KERNEL_NAME = "python3"
WARM = "import kpi.kernel as _kpi_kernel\n_kpi_kernel.remember()\ndel _kpi_kernel"
"""Sent to a new kernel at once (silently): the report's imports, then a note of matplotlib's settings."""
RESET = "import kpi.kernel as _kpi_kernel\n_kpi_kernel.restore()\nget_ipython().reset(new_session=True)\n" \
        "__import__('gc').collect()"
"""Sent (silently) after a notebook has run to the end: ready for the next one."""
IMPORTS = ("pandas", "matplotlib.pyplot", "IPython.display", "kpi", "kpi.charts", "kpi.sections", "kpi.summary",
           "kpi.table", "kpi.figures", "kpi.assessment")
"""What the report notebook imports (the slow part of a kernel's start)."""

_fresh_rc: dict | None = None
_kept: "Kernel | None" = None
_owner = 0
"""The process that kept ``_kept`` (a forked worker does not own its parent's kernel)."""
_registered = 0


class Kernel:
    """A started kernel: ``manager`` (jupyter_client's ``AsyncKernelManager``, what papermill takes as ``km``)."""

    def __init__(self, cwd: Path) -> None:
        from jupyter_client.manager import AsyncKernelManager
        from jupyter_core.utils import run_sync

        from .swap import scratch

        self.cwd = Path(cwd)
        self.folder = scratch()
        self.queue = self.folder / "png"
        self.queue.mkdir()
        env = {**os.environ, "TMPDIR": str(self.folder), PNG_QUEUE: str(self.queue)}

        class Manager(AsyncKernelManager):
            """Records the clients made of it, so that their channels are closed after each notebook."""

            def client(self, **kwargs):
                c = super().client(**kwargs)
                clients.append(c)
                return c

        clients: list = []
        self._clients = clients
        self.manager = Manager(kernel_name=KERNEL_NAME)
        self.closed, self._pending = False, None
        try:
            run_sync(self.manager.start_kernel)(cwd=str(self.cwd), env=env, stdout=subprocess.DEVNULL,
                                                stderr=subprocess.DEVNULL)  # its start-up chatter off the terminal
        except Exception:  # no such kernel, no process left...: papermill then tries, and its error names the cause
            self.closed = True
            return
        except BaseException:
            shutil.rmtree(self.folder, ignore_errors=True)
            raise
        self._pending = self._send(WARM)

    def _send(self, code: str) -> str:
        """Send ``code`` to run silently (no output, no history, no execution count); returns its message id."""
        kc = self.manager.client()
        kc.start_channels(hb=False)
        self._sender = kc
        return kc.execute(code, silent=True, store_history=False, stop_on_error=False)

    def ready(self, timeout: float = 120) -> bool:
        """Wait until the code sent last has run. If it failed, or the kernel has gone, the kernel is stopped
        and ``False`` returned (papermill then starts one of its own, which uses this kernel's queue)."""
        from jupyter_core.utils import run_sync

        if self.closed:
            return False
        pending, self._pending = self._pending, None
        try:
            ok = run_sync(self._reply)(pending, timeout) if pending is not None else self.alive()
        except Exception:
            ok = False
        self._close_clients()
        if not ok:  # stopped now; its folder stays until shutdown(): the queue of figures may still serve
            self._stop()
        return ok

    async def _reply(self, msg_id: str, timeout: float) -> bool:
        while True:
            reply = await self._sender.get_shell_msg(timeout=timeout)
            if reply.get("parent_header", {}).get("msg_id") == msg_id:
                return reply["content"].get("status") == "ok"

    def alive(self) -> bool:
        from jupyter_core.utils import run_sync

        try:
            return bool(run_sync(self.manager.is_alive)())
        except Exception:
            return False

    def reset(self) -> None:
        """Send the reset for the next notebook (it runs while this process goes on)."""
        self._close_clients()
        self._pending = self._send(RESET)

    def _close_clients(self) -> None:
        for c in self._clients:
            try:
                c.stop_channels()
            except Exception:
                pass
        self._clients.clear()

    def shutdown(self) -> None:
        """Stop the kernel at once and remove its scratch folder."""
        self._stop()
        shutil.rmtree(self.folder, ignore_errors=True)

    def _stop(self) -> None:
        """Stop the kernel at once (its folder stays)."""
        from jupyter_core.utils import run_sync

        if self.closed:
            return
        self.closed = True
        self._close_clients()
        try:
            run_sync(self.manager.shutdown_kernel)(now=True)
        except Exception:
            pass


def take(cwd: Path) -> Kernel:
    """The kernel kept by this process, if it is alive; else a new one, started now.

    It may still be importing or resetting: ``Kernel.ready`` waits for that, just before the notebook.
    """
    global _kept
    kept, _kept = (_kept if _owner == os.getpid() else None), None
    if kept is not None:
        if kept.cwd == Path(cwd) and not kept.closed and kept.alive():
            return kept
        kept.shutdown()
    return Kernel(cwd)


def start_ahead(cwd: Path) -> None:
    """Start a kernel now, if this process keeps none, for the render that follows (``take`` gives it)."""
    global _kept, _owner
    if _kept is None or _owner != os.getpid():
        _kept, _owner = Kernel(cwd), os.getpid()
        _close_at_exit()


def keep(kernel: Kernel) -> None:
    """Reset ``kernel`` (its notebook ran to the end) and keep it for the next render of this process."""
    global _kept, _owner
    close()
    if kernel.closed:  # it failed its warm-up or reset (papermill started one of its own): not kept
        kernel.shutdown()
        return
    kernel.reset()
    _kept, _owner = kernel, os.getpid()
    _close_at_exit()


def _close_at_exit() -> None:
    """Shut the kept kernel down when this process ends: at exit, or as a worker of a process pool ends
    (``multiprocessing`` ends its workers without running ``atexit``)."""
    import atexit
    from multiprocessing import util

    global _registered
    if _registered != os.getpid():
        _registered = os.getpid()
        atexit.register(close)
        util.Finalize(None, close, exitpriority=10)


def close() -> None:
    """Shut down the kept kernel, if any."""
    global _kept
    kept, _kept = (_kept if _owner == os.getpid() else None), None
    if kept is not None:
        kept.shutdown()


# --- in the kernel ------------------------------------------------------------------------------------
def remember() -> None:
    """(In a kernel) import what the report imports, then note matplotlib's settings as they are now."""
    global _fresh_rc
    from importlib import import_module

    for name in IMPORTS:
        import_module(name)
    import matplotlib as mpl

    _fresh_rc = dict(mpl.rcParams)


def restore() -> None:
    """(In a kernel) close every figure and put matplotlib's settings back as ``remember`` noted them."""
    import matplotlib as mpl
    import matplotlib.pyplot as plt

    plt.close("all")
    if _fresh_rc is not None:
        dict.update(mpl.rcParams, _fresh_rc)  # as matplotlib's rc_context restores them: no validation again
