"""Putting a freshly rendered folder in place of the previous one, so that no kill loses a report.

A render writes into a staging folder ``.<name>.tmp-<pid>`` beside the final one. ``replace`` moves
the old folder aside as ``.<name>.old-<pid>``, moves the new one in, then removes the old one. A
process killed at any point leaves names that ``recover`` (run before every render) understands:

- ``.<name>.old-<pid>`` with no ``<name>``: killed between the two renames: the old report is restored;
- ``.<name>.old-<pid>`` beside ``<name>``: killed before the clean-up: the old copy is removed;
- ``.<name>.tmp-<pid>`` of a process that no longer runs: a half-written render: removed.

Folders of a process that still runs are left alone (two renders may share an output folder).
"""
from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

from ..files import process_alive

_LEFTOVER = re.compile(r"\.(?P<name>.+)\.(?P<what>tmp|old)-(?P<pid>\d+)")


def staging(final: Path) -> Path:
    """A new, empty staging folder for ``final`` (created beside it)."""
    final.parent.mkdir(parents=True, exist_ok=True)
    tmp = final.with_name(f".{final.name}.tmp-{os.getpid()}")
    if tmp.exists():
        shutil.rmtree(tmp)
    tmp.mkdir(mode=0o755)
    return tmp


def replace(new: Path, final: Path) -> None:
    """Put ``new`` in place of ``final``: the old folder is moved aside first and removed last.

    If moving ``new`` in fails, the old folder is put back before the error goes on.
    """
    old = None
    if final.exists():
        old = final.with_name(f".{final.name}.old-{os.getpid()}")
        if old.exists():
            shutil.rmtree(old)
        os.replace(final, old)
    try:
        os.replace(new, final)
    except BaseException:
        if old is not None:
            os.replace(old, final)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def discard(tmp: Path) -> None:
    """Remove a staging folder (a failed or interrupted render)."""
    shutil.rmtree(tmp, ignore_errors=True)


def recover(parent: Path) -> list[str]:
    """Restore or remove what killed renders left in ``parent``; returns one line per action."""
    done: list[str] = []
    if not parent.is_dir():
        return done
    for path in sorted(parent.iterdir()):
        m = _LEFTOVER.fullmatch(path.name)
        if not m or not path.is_dir() or process_alive(int(m["pid"])):
            continue
        final = parent / m["name"]
        if m["what"] == "tmp":
            shutil.rmtree(path, ignore_errors=True)
            done.append(f"removed the half-written {path.name}")
        elif final.exists():
            shutil.rmtree(path, ignore_errors=True)
            done.append(f"removed the replaced copy {path.name}")
        else:
            os.replace(path, final)
            done.append(f"restored {final.name} from {path.name}")
    return done


def scratch() -> Path:
    """A new temporary folder ``kpi-<pid>-*`` for the kernel's and the browser's temporary files.

    Short (a browser's sockets need a short path) and named by the process, so that ``sweep_scratch``
    can remove those of killed renders.
    """
    import tempfile

    return Path(tempfile.mkdtemp(prefix=f"kpi-{os.getpid()}-"))


def sweep_scratch() -> None:
    """Remove the temporary folders of renders whose process no longer runs."""
    import tempfile

    for path in Path(tempfile.gettempdir()).glob("kpi-*-*"):
        pid = path.name.split("-")[1]
        if path.is_dir() and pid.isdigit() and not process_alive(int(pid)):
            shutil.rmtree(path, ignore_errors=True)
