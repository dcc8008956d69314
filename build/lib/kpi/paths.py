"""Where things are: the one place paths come from (never absolute strings in notebooks)."""
from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
"""The checkout (in an installed wheel: the site-packages folder, which holds no data/ or notebooks/)."""
DATA = ROOT / "data"
NOTEBOOKS = ROOT / "notebooks"
REPORT_NOTEBOOK = Path(__file__).resolve().parent / "render" / "quarterly-report.ipynb"
"""The report notebook ships in the package (``notebooks/quarterly-report.ipynb`` links to it), so that
``kpi report`` works from a wheel as from the checkout."""


def plan_dir(name_or_path: str | Path) -> Path:
    """A plan folder: a name under ``data/`` (``'kontum-2021'``) or a path to the folder."""
    p = Path(name_or_path)
    if p.is_dir():
        return p.resolve()
    if (DATA / p).is_dir():
        return (DATA / p).resolve()
    return p
