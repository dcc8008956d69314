"""Plan folders loaded once per process, for the session fixtures of conftest.py.

pytest imports conftest.py afresh for every session, but not this module. ``make mutate`` forks a worker per
mutant from a process that has already run the tests, so the workers find the folders loaded here and do not
read and check them again (Kon Tum takes a second or more). Tests must not modify what they get.
"""
from functools import cache
from pathlib import Path

import kpi


@cache
def load(folder: Path) -> tuple:
    """``kpi.load(folder)``, once."""
    return kpi.load(folder)
