"""Print the one-line mutation score of the last ``mutmut run``: ``mutation score: K/N killed (P%)``.

Reads mutmut's per-file results (``mutants/<path>.meta``, JSON with ``exit_code_by_key``). N counts every
mutant of the files mutated; a mutant counts as killed when its tests failed (exit code 1 or 3), timed
out, or crashed, as mutmut itself counts them; survivors, untested and unchecked mutants are not killed.
Run: python benchmarks/mutation_score.py [--survivors]   (``make mutate`` runs it)
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

KILLED = {1, 3}  # pytest failed, or hit an internal error on the mutant (mutmut counts both as killed)
TIMEOUT = {36, 24, -24, 152, 255}
CRASHED = {-11, -9}


def results(root: Path = Path("mutants")) -> dict[str, int | None]:
    """Mutant name -> exit code of its test run, over every ``.meta`` file under ``root``."""
    out: dict[str, int | None] = {}
    for meta in sorted(root.rglob("*.py.meta")):
        out.update(json.loads(meta.read_text(encoding="utf-8")).get("exit_code_by_key", {}))
    return out


def main() -> int:
    codes = results()
    if not codes:
        print("mutation score: no results (run mutmut first)")
        return 1
    dead = [k for k, c in codes.items() if c in KILLED | TIMEOUT | CRASHED]
    if "--survivors" in sys.argv:
        for name, code in sorted(codes.items()):
            if name not in dead:
                print(f"{name}\t{'survived' if code == 0 else code}")
    print(f"mutation score: {len(dead)}/{len(codes)} killed ({100 * len(dead) / len(codes):.1f}%)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
