"""Files compared by their SHA-256, not their bytes.

On a CI machine pytest prints the whole difflib diff of two unequal byte strings: for two PNGs of a few hundred
kB that took minutes (a CI run went from 3 to 10 minutes on one failing comparison). A digest differs exactly
when the bytes do, and its failure is two short lines.
"""
import hashlib
from pathlib import Path


def digest(data: bytes | Path) -> str:
    """``'<size> <sha256>'`` of bytes or of a file's bytes."""
    if isinstance(data, Path):
        data = data.read_bytes()
    return f"{len(data)} {hashlib.sha256(data).hexdigest()}"


def digests(paths) -> dict:
    """``{path: digest(path)}`` for the given files."""
    return {p: digest(p) for p in paths}
