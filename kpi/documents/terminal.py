"""The assessment frame as a table in a terminal (``kpi status``): figures never cut, names wrapped, colours
only when asked, every text from the data made printable."""
from __future__ import annotations

import math

import pandas as pd

from ..text.formatting import DIGITS, is_missing, number, quantity
from ..text.labels import GROUP_LABELS, TABLE_HEAD, status_label
from ..model.rules import rule_words
from ..text.safetext import printable
from ..text.status import status_of

LINE_WIDTH = 100
"""The table fits 100 columns: figures are never cut; a long name wraps onto the next lines."""
MIN_NAME = 12


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


def _cells(r, lang: str) -> list[str]:
    """The figure columns of one row (plan, actual, as of, % plan, status), never shortened."""
    unit = _text(r.unit)
    actual = _safe(quantity, r.actual, unit, lang, qualifier=r.qualifier)
    if not is_missing(r.actual) and actual == f"{r.actual:.4g}":  # too large to format: plain, with its unit
        actual = actual + unit if unit == "%" else f"{actual} {unit}".strip()
    label = status_label(r.status, lang, approximate=r.approximate) + ("*" if r.stale else "")
    pct = "" if is_missing(r.attainment_pct) else _safe(number, r.attainment_pct, lang, digits=DIGITS['attainment_pct'])
    rule = rule_words(r._asdict(), lang, with_unit=False)
    return [printable(rule), printable(actual), printable(_text(r.as_of) or "—"), pct, label]


def terminal(status: pd.DataFrame, lang: str = "vi", *, colour: bool = False) -> str:
    """A table of at most 100 columns, grouped by economy / society / security, status coloured.

    Plan figures, figures and statuses are never cut: each column is as wide as its longest cell, and the
    target's name takes the rest, wrapping onto further lines when it is longer. Texts from the data never
    carry control characters to the terminal (see ``kpi.text.safetext``).
    """
    import textwrap

    head = TABLE_HEAD[lang]
    rows = list(status.itertuples(index=False))
    cells = [_cells(r, lang) for r in rows]
    widths = [max([len(h)] + [len(c[j]) for c in cells]) for j, h in enumerate(head[1:])]
    name_width = max(MIN_NAME, LINE_WIDTH - sum(widths) - 2 * len(widths))
    all_widths = [name_width, *widths]
    lines = ["  ".join(h.ljust(w) for h, w in zip(head, all_widths)).rstrip()]
    for group, part in status.groupby("group", sort=False):
        lines.append("")
        name = part["group_name"].iloc[0] if "group_name" in part else GROUP_LABELS[lang].get(group, group)
        lines.append(f"[{printable(name)}]")
        for k in part.index:
            r, figures = rows[status.index.get_loc(k)], cells[status.index.get_loc(k)]
            indent = "  " if r.parent else ""
            name = textwrap.wrap(printable(_text(r.name)), name_width - len(indent), break_on_hyphens=False) or [""]
            label = figures[-1]
            text = "  ".join(c.ljust(w) for c, w in zip([indent + name[0], *figures[:-1]], all_widths)) + "  "
            text += f"\033[{status_of(r.status).terminal}m{label}\033[0m" if colour else label
            lines.append(text.rstrip())
            lines += [f"{indent}  {more}" for more in name[1:]]
    return "\n".join(lines) + "\n"
