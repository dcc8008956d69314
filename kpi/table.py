"""The assessment frame as text: the terminal table, CSV and JSON of ``kpi status``."""
from __future__ import annotations

import json

import pandas as pd

from .formatting import is_missing, number, quantity
from .labels import GROUP_LABELS, TABLE_HEAD, status_label

_COLOURS = {"met": "32", "on_track": "32", "at_risk": "33", "off_track": "31", "missed": "31",
            "undetermined": "35", "not_due": "34", "no_data": "2"}
WIDTHS = (29, 13, 20, 7, 5, 15)
"""Column widths: with two spaces between columns a row fits 100 characters."""


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def terminal(status: pd.DataFrame, lang: str = "vi", *, colour: bool = False) -> str:
    """A table that fits 100 columns, grouped by economy / society / security, status coloured."""
    head = TABLE_HEAD[lang]
    lines = ["  ".join(h.ljust(w) for h, w in zip(head, WIDTHS)).rstrip()]
    for group, rows in status.groupby("group", sort=False):
        lines.append("")
        lines.append(f"[{GROUP_LABELS[lang].get(group, group)}]")
        for r in rows.itertuples(index=False):
            actual = quantity(r.actual, r.unit, lang, qualifier=r.qualifier)
            label = status_label(r.status, lang, approximate=r.approximate)
            if r.stale:
                label += "*"
            cells = [_cut(("  " if r.parent else "") + r.name, WIDTHS[0]), _cut(r.rule, WIDTHS[1]),
                     _cut(actual, WIDTHS[2]), r.as_of or "—", number(r.attainment_pct, lang, digits=1)
                     if not is_missing(r.attainment_pct) else "", label]
            text = "  ".join(c.ljust(w) for c, w in zip(cells[:-1], WIDTHS[:-1])) + "  "
            text += f"\033[{_COLOURS[r.status]}m{label}\033[0m" if colour else label
            lines.append(text.rstrip())
    return "\n".join(lines) + "\n"


def to_csv(status: pd.DataFrame) -> str:
    """The assessment frame as CSV (what ``kpi status --format csv`` prints and reports save).

    Numbers are written in full (shortest exact form), so reading the CSV back gives the same values.
    """
    return status.to_csv(index=False, lineterminator="\n")


TEXT_COLUMNS = ("area", "period", "name", "parent", "indicator", "group", "measure", "rule", "unit", "qualifier",
                "as_of", "expected_basis", "expected_years", "projection_method", "status", "kind", "source", "note")
BOOL_COLUMNS = ("stale", "approximate", "derived")


def save_csv(status: pd.DataFrame, path) -> None:
    """Write ``status.csv`` with a UTF-8 byte-order mark, so that Excel shows the Vietnamese letters."""
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        fh.write(to_csv(status))


def read_csv(path) -> pd.DataFrame:
    """Read a ``status.csv`` back into the frame it was written from (texts as text, empty as '')."""
    head = pd.read_csv(path, nrows=0, encoding="utf-8-sig").columns
    text = [c for c in head if c in TEXT_COLUMNS]
    frame = pd.read_csv(path, encoding="utf-8-sig", dtype={c: str for c in text}, keep_default_na=False,
                        na_values={c: [""] for c in head if c not in text and c not in BOOL_COLUMNS})
    for c in BOOL_COLUMNS:
        if c in frame:
            frame[c] = frame[c].astype(str).eq("True")
    return frame


def to_json(status: pd.DataFrame) -> str:
    """The assessment frame as a JSON list of records, missing values as null."""
    records = json.loads(status.to_json(orient="records", force_ascii=False))
    return json.dumps(records, ensure_ascii=False, indent=1) + "\n"
