"""Reading input files, with one clear message for the ways they go wrong; writing files whole, under a lock."""
from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import KpiError


def display(path: Path | str) -> str:
    """The path as the user typed it: relative to the working folder when below it."""
    p = Path(path)
    try:
        return os.path.relpath(p) if not os.path.relpath(p).startswith("..") else str(p)
    except ValueError:
        return str(p)


def read_bytes(path: Path, kind: type[KpiError], max_bytes: int | None = None) -> bytes:
    """The file's bytes; ``kind`` is raised if it is missing, not a file or larger than ``max_bytes``."""
    name = display(path)
    if not path.is_file():
        what = "a folder, not a file" if path.is_dir() else "file not found"
        raise kind(f"{name}: {what}; check the folder name, or create it (see data/README.md).")
    size = path.stat().st_size
    if max_bytes is not None and size > max_bytes:
        raise kind(f"{name}: the file is {size / 2**20:.0f} MB, more than the {max_bytes // 2**20} MB this kind of "
                   "file may hold; check that it is the right file.")
    try:
        return path.read_bytes()
    except OSError as e:
        raise kind(f"{name}: cannot be read ({e.strerror}); check its permissions.") from None


def decode(raw: bytes, name: str, kind: type[KpiError]) -> str:
    """The bytes as UTF-8 text (BOM allowed); ``kind`` is raised if they are not UTF-8 or hold no text."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise kind(f"{name}: not UTF-8 text (byte 0x{raw[e.start]:02x} at position {e.start}); "
                   "save the file as UTF-8 (in Excel: 'CSV UTF-8').") from None
    if not text.strip():
        raise kind(f"{name}: the file is empty; fill it in as data/README.md describes.")
    return text


def read_text(path: Path, kind: type[KpiError], max_bytes: int | None = None) -> str:
    """The file's text (UTF-8, BOM allowed); ``kind`` is raised if it is missing, too large, not UTF-8 or empty."""
    return decode(read_bytes(path, kind, max_bytes), display(path), kind)


LOCK_WAIT = 120.0
"""Seconds a writer waits for another to release a file's lock before giving up with a message."""


def written(path: Path) -> Path:
    """The file a write of ``path`` changes: ``path`` itself, or, when ``path`` is a symbolic link, the file it leads
    to (which a write creates if the link dangles). ``KpiError`` if the link leads back to itself or to a folder that
    does not exist.
    """
    path = Path(path)
    real = Path(os.path.realpath(path))
    if path.is_symlink():
        if real.is_symlink():
            raise KpiError(f"{display(path)}: a symbolic link that leads back to itself; point it at a file, or "
                           "remove it.")
        if not real.parent.is_dir():
            raise KpiError(f"{display(path)}: a symbolic link to {display(real)}, whose folder does not exist; "
                           "create the folder, or point the link at a file that can be written.")
    return real


def temporary_beside(path: Path) -> Path:
    """The temporary file a write of ``path`` goes through: ``.<name>.tmp-<pid>`` in the same folder."""
    return path.with_name(f".{path.name}.tmp-{os.getpid()}{path.suffix}")


def remove_leftovers(path: Path) -> None:
    """Remove the temporary files of ``path`` left by writers that were killed (their process is gone).

    For a symbolic link, the temporary files are those beside the file it leads to, where ``replacing`` writes them.
    """
    path = Path(os.path.realpath(path))
    prefix = f".{path.name}.tmp-"
    for p in path.parent.glob(f"{prefix}*"):
        pid = p.name[len(prefix):].split(".")[0]
        if pid.isdigit() and int(pid) != os.getpid() and not process_alive(int(pid)):
            p.unlink(missing_ok=True)


def process_alive(pid: int) -> bool:
    """Whether a process with this id still runs (one we may not signal counts as running)."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@contextmanager
def replacing(path: Path) -> Iterator[Path]:
    """Write ``path`` whole or not at all: the block writes the yielded temporary path beside it,
    which is synced and renamed over ``path`` when the block ends; on any error (or a kill) ``path`` is untouched.

    A symbolic link is written through: the file it leads to (``written``) gets the new content, and the link stays.
    """
    path = Path(path)
    real = written(path)
    name = f"{display(path)} (a link to {display(real)})" if path.is_symlink() else display(path)
    tmp = temporary_beside(real)
    try:
        yield tmp
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, real)
    except OSError as e:
        raise KpiError(f"{name}: cannot be written ({e.strerror}); choose another place or check the "
                       "folder's permissions.") from None
    finally:
        if tmp.exists():
            tmp.unlink()
    try:  # the rename itself survives a power cut once the folder is synced
        fd = os.open(real.parent, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError:
        pass


def lock_path(path: Path) -> Path:
    """The lock file of ``path``: ``.<name>.lock`` beside it."""
    return path.with_name(f".{Path(path).name}.lock")


@contextmanager
def locked(path: Path, wait: float = LOCK_WAIT) -> Iterator[None]:
    """Hold an exclusive lock (``fcntl.flock`` on ``.<name>.lock``) while ``path`` is read and rewritten.

    Another process holding it is waited for, at most ``wait`` seconds. The lock file stays (empty). For a
    symbolic link the lock is that of the file it leads to (``written``), so that writers through the link and
    writers of the file itself wait for each other.
    """
    import fcntl

    lock = lock_path(written(path))
    try:
        fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as e:
        raise KpiError(f"{display(lock)}: cannot be created ({e.strerror}); check the folder's permissions.") from None
    try:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise KpiError(f"{display(path)}: another kpi command has been writing it for over {wait:.0f} s; "
                                   "wait until it ends, then run this again.") from None
                time.sleep(0.05)
        yield
    finally:
        os.close(fd)  # closing releases the lock
