"""The revision log: every recorded figure that ``kpi collect --revise`` replaced, kept beside the observations.

``revisions.csv`` in the plan folder, one row per replaced figure: when, who (the owner whose workbook
brought the new figure, and the user of the computer), the indicator and period, the old and the new
figure (value, kind, qualifier, source, note) and the workbook. Nothing recorded is ever lost: the old
cells are copied as they were written. The log is not observations; ``kpi validate`` checks it.
"""
from __future__ import annotations

import csv
import io
from datetime import datetime
from pathlib import Path

import pandas as pd

from ..errors import MAX_LISTED, DataError
from ..files import display, read_text
from ..model.period import Period
from ..model.plan import Plan

REVISION_FILE = "revisions.csv"
FIGURE = ("value", "kind", "qualifier", "source", "note")
COLUMNS = ("when", "user", "owner", "indicator", "period", "old_period",
           *(f"old_{c}" for c in FIGURE), *(f"new_{c}" for c in FIGURE), "file")
"""The columns of revisions.csv, in order."""


def revisions_path(plan_dir: Path | str) -> Path:
    """The revision log of a plan folder (it may not exist yet)."""
    return Path(plan_dir) / REVISION_FILE


def to_csv(entries: list[dict], *, header: bool) -> bytes:
    """Log rows as CSV bytes (UTF-8, ``\\n``); with ``header`` a byte-order mark and the header come first."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    if header:
        writer.writerow(COLUMNS)
    for e in entries:
        writer.writerow([e.get(c, "") for c in COLUMNS])
    return (("\ufeff" if header else "") + out.getvalue()).encode("utf-8")


def load_revisions(path: Path | str, plan: Plan) -> pd.DataFrame:
    """Read and check a revision log: its header, and in each row a date and time, a known indicator, a period.

    Every problem is collected and raised together as one ``DataError``; the file is only read.
    """
    path = Path(path)
    name = display(path)
    text = read_text(path, DataError)
    rows = list(csv.reader(io.StringIO(text, newline="")))
    if not rows or [c.strip() for c in rows[0]] != list(COLUMNS):
        raise DataError(f"{name}: the header is not that of a revision log ({', '.join(COLUMNS)}); this file is "
                        "written by kpi collect --revise: restore it from a copy, or move it away if it is not one.")
    problems = []
    for k, row in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in row):
            continue
        if len(row) != len(COLUMNS):
            problems.append(f"{name}, row {k}: {len(row)} fields, but the header has {len(COLUMNS)}; restore the "
                            "row from a copy of the file.")
            continue
        entry = dict(zip(COLUMNS, row))
        try:
            datetime.fromisoformat(entry["when"])
        except ValueError:
            problems.append(f"{name}, row {k}: when '{entry['when']}' is not a date and time such as "
                            "2021-10-20T08:15:00+07:00; restore the row from a copy of the file.")
        if entry["indicator"] not in plan.indicators:
            problems.append(f"{name}, row {k}: indicator '{entry['indicator']}' is not in the plan; a revision "
                            "names a target or input id of plan.yaml.")
        for c in ("period", "old_period"):
            if Period.try_parse(entry[c]) is None:
                problems.append(f"{name}, row {k}: {c} '{entry[c]}' is not a month or a quarter; restore the row "
                                "from a copy of the file.")
    if problems:
        raise DataError(problems[:MAX_LISTED], total=len(problems))
    return pd.DataFrame([dict(zip(COLUMNS, r)) for r in rows[1:] if any(c.strip() for c in r)],
                        columns=list(COLUMNS), dtype=object)
