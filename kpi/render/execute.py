"""Running a notebook with papermill: parameters checked first, a failing cell named in one message."""
from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from pathlib import Path

from ..errors import RenderError
from ..files import display

KERNEL = "python3"


@contextmanager
def _kernel_stderr_quiet():
    """Keep the kernel's start-up chatter (it inherits our stderr) off the user's terminal."""
    sys.stderr.flush()
    saved = os.dup(2)
    with open(os.devnull, "w") as null:
        os.dup2(null.fileno(), 2)
        try:
            yield
        finally:
            os.dup2(saved, 2)
            os.close(saved)


def skip_slow_iri_checker() -> None:
    """Skip jsonschema's optional 'iri' format checker before nbformat imports jsonschema.

    The checker's package (rfc3987-syntax, brought in by jupyterlab's dependencies) compiles a grammar
    on import: 1.4 s in every process that renders. Notebook schemas use no 'iri' format.
    """
    if "jsonschema" not in sys.modules:
        sys.modules.setdefault("rfc3987_syntax", None)


def prepare() -> None:
    """Import papermill and the kernel client now, so that other threads may import beside the run."""
    skip_slow_iri_checker()
    import jupyter_client.manager  # noqa: F401
    import nbclient  # noqa: F401
    import papermill  # noqa: F401


def check_parameters(notebook: Path, parameters: dict) -> None:
    """Refuse, before execution, parameters the notebook's ``parameters`` cell does not declare."""
    skip_slow_iri_checker()
    import papermill

    declared = papermill.inspect_notebook(str(notebook))
    unknown = sorted(set(parameters) - set(declared))
    if unknown:
        raise RenderError(f"{display(notebook)}: unknown parameter{'s' if len(unknown) > 1 else ''} "
                          f"{', '.join(repr(u) for u in unknown)}; the notebook declares "
                          f"{', '.join(sorted(declared))}.")


def execute(notebook: Path, output: Path, parameters: dict, *, timeout: int = 300) -> None:
    """Run ``notebook`` with papermill into ``output`` in a new kernel; a failing cell becomes one RenderError.

    The kernel works in the folder ``output`` is written to (writable; the notebook itself may lie in a
    read-only installed package). papermill starts the kernel and stops it at once after the last cell
    (every output has arrived by then: waiting for a graceful exit cost 0.3-0.5 s per render). The executed notebook is written once, at
    the end or at the failing cell, not after every cell (a whole-notebook write each time, 18 ms at the Kon
    Tum report's size, for a file no one reads before the render ends).
    """
    skip_slow_iri_checker()
    import papermill
    from papermill.exceptions import PapermillExecutionError

    check_parameters(notebook, parameters)
    try:
        with _kernel_stderr_quiet():
            papermill.execute_notebook(str(notebook), str(output), parameters=parameters, kernel_name=KERNEL,
                                       execution_timeout=timeout, progress_bar=False, log_output=False,
                                       cwd=str(output.parent), shutdown_kernel="immediate",
                                       request_save_on_cell_execute=False)
    except PapermillExecutionError as e:
        last = (e.evalue or "").strip().splitlines()
        raise RenderError(f"{display(notebook)}, {_cell_name(output, e.cell_index)}: {e.ename}: "
                          f"{last[-1] if last else ''}") from None
    except Exception as e:  # a dead kernel, a timeout, a broken notebook file
        raise RenderError(f"{display(notebook)}: the notebook could not run ({type(e).__name__}: "
                          f"{str(e).strip().splitlines()[0] if str(e).strip() else 'no detail'})") from None


def _cell_name(executed: Path, index: int) -> str:
    """'cell 4 (`1 / 0`)': the cell's number in the notebook as saved (the injected cell not counted)."""
    import nbformat

    try:
        cells = [c for c in nbformat.read(executed, as_version=4).cells  # papermill adds an error banner cell
                 if "papermill-error-cell-tag" not in c.get("metadata", {}).get("tags", [])]
    except Exception:  # the output may be unreadable after a crash; fall back to the raw index
        return f"cell {index + 1}"
    injected = sum(1 for c in cells[:index] if "injected-parameters" in c.get("metadata", {}).get("tags", []))
    first = next((ln for ln in cells[index].source.splitlines() if ln.strip() and not ln.startswith("#")), "")
    return f"cell {index + 1 - injected} (`{first.strip()[:60]}`)"
