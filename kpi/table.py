"""The assessment frame as text: the terminal table, CSV and JSON of ``kpi status``."""
from __future__ import annotations

import json
import math

import pandas as pd

from .formatting import GROUP_LABELS, STATUS_LABELS, is_missing, number, quantity
from .safetext import printable, spreadsheet_text

_COLOURS = {"met": "32", "on_track": "32", "at_risk": "33", "off_track": "31", "missed": "31",
            "undetermined": "35", "no_data": "2"}
_HEAD = {"vi": ("Chỉ tiêu", "Kế hoạch", "Thực hiện", "Kỳ", "% KH", "Đánh giá"),
         "en": ("Target", "Plan", "Actual", "As of", "% plan", "Status")}
WIDTHS = (29, 13, 20, 7, 5, 15)
"""Column widths: with two spaces between columns a row fits 100 characters."""


def _cut(text: str, width: int) -> str:
    text = printable(text)
    return text if len(text) <= width else text[: width - 1] + "…"


def _safe(format_, value, *args, **kwargs) -> str:
    """A formatted number, or a plain ``%g`` when the value is too large (or not finite) to format."""
    try:
        if isinstance(value, float) and math.isinf(value):
            raise ValueError(value)
        return format_(value, *args, **kwargs)
    except (ArithmeticError, ValueError):
        return f"{value:.4g}"


def _text(value) -> str:
    return "" if is_missing(value) else str(value)


def terminal(status: pd.DataFrame, lang: str = "vi", *, colour: bool = False) -> str:
    """A table that fits 100 columns, grouped by economy / society / security, status coloured.

    Texts from the data never carry control characters to the terminal (see ``kpi.safetext``).
    """
    head = _HEAD[lang]
    lines = ["  ".join(h.ljust(w) for h, w in zip(head, WIDTHS)).rstrip()]
    for group, rows in status.groupby("group", sort=False):
        lines.append("")
        lines.append(f"[{printable(GROUP_LABELS[lang].get(group, group))}]")
        for r in rows.itertuples(index=False):
            unit = _text(r.unit)
            actual = _safe(quantity, r.actual, unit, lang, qualifier=r.qualifier)
            if not is_missing(r.actual) and actual == f"{r.actual:.4g}":  # too large to format: plain, with its unit
                actual = actual + unit if unit == "%" else f"{actual} {unit}".strip()
            label = STATUS_LABELS[lang][r.status]
            pct = "" if is_missing(r.attainment_pct) else _safe(number, r.attainment_pct, lang, digits=1)
            cells = [_cut(("  " if r.parent else "") + _text(r.name), WIDTHS[0]), _cut(_text(r.rule), WIDTHS[1]),
                     _cut(actual, WIDTHS[2]), _cut(_text(r.as_of) or "—", WIDTHS[3]), _cut(pct, WIDTHS[4]), label]
            text = "  ".join(c.ljust(w) for c, w in zip(cells[:-1], WIDTHS[:-1])) + "  "
            text += f"\033[{_COLOURS[r.status]}m{label}\033[0m" if colour else label
            lines.append(text.rstrip())
    return "\n".join(lines) + "\n"


def to_csv(status: pd.DataFrame) -> str:
    """The assessment frame as CSV (what ``kpi status --format csv`` prints and reports save).

    A text cell that a spreadsheet would run as a formula (starting with ``=``, ``+``, ``-`` or ``@``)
    is written with a leading ``'``; number columns are left as numbers.
    """
    safe = status.copy()
    for c in safe.columns:
        if not pd.api.types.is_numeric_dtype(safe[c]) and not pd.api.types.is_bool_dtype(safe[c]):
            safe[c] = safe[c].map(spreadsheet_text)
    return safe.to_csv(index=False, float_format="%.6g", lineterminator="\n")


def to_json(status: pd.DataFrame) -> str:
    """The assessment frame as a JSON list of records, missing values as null."""
    records = json.loads(status.to_json(orient="records", force_ascii=False))
    return json.dumps(records, ensure_ascii=False, indent=1) + "\n"
