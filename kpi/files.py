"""Reading input files, with one clear message for the ways they go wrong."""
from __future__ import annotations

import os
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
