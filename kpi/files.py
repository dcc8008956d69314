"""Reading input files as text, with one clear message for the ways they go wrong."""
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


def read_text(path: Path, kind: type[KpiError]) -> str:
    """The file's text (UTF-8, BOM allowed); ``kind`` is raised if it is missing, not UTF-8 or empty."""
    name = display(path)
    if not path.is_file():
        raise kind(f"{name}: file not found; check the folder name, or create it (see data/README.md).")
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise kind(f"{name}: not UTF-8 text (byte 0x{raw[e.start]:02x} at position {e.start}); "
                   "save the file as UTF-8 (in Excel: 'CSV UTF-8').") from None
    if not text.strip():
        raise kind(f"{name}: the file is empty; fill it in as data/README.md describes.")
    return text
