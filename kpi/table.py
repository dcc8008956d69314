"""The assessment frame as text: the terminal table, CSV and JSON of ``kpi status``."""
from __future__ import annotations

import json
import math

import numpy as np
import pandas as pd

from .formatting import is_missing, number, quantity
from .labels import GROUP_LABELS, TABLE_HEAD, status_label
from .safetext import FORMULA_START, printable, spreadsheet_text
from .theme import TERMINAL_COLOURS

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
    pct = "" if is_missing(r.attainment_pct) else _safe(number, r.attainment_pct, lang, digits=1)
    return [printable(_text(r.rule)), printable(actual), printable(_text(r.as_of) or "—"), pct, label]


def terminal(status: pd.DataFrame, lang: str = "vi", *, colour: bool = False) -> str:
    """A table of at most 100 columns, grouped by economy / society / security, status coloured.

    Plan figures, figures and statuses are never cut: each column is as wide as its longest cell, and the
    target's name takes the rest, wrapping onto further lines when it is longer. Texts from the data never
    carry control characters to the terminal (see ``kpi.safetext``).
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
        lines.append(f"[{printable(GROUP_LABELS[lang].get(group, group))}]")
        for k in part.index:
            r, figures = rows[status.index.get_loc(k)], cells[status.index.get_loc(k)]
            indent = "  " if r.parent else ""
            name = textwrap.wrap(printable(_text(r.name)), name_width - len(indent), break_on_hyphens=False) or [""]
            label = figures[-1]
            text = "  ".join(c.ljust(w) for c, w in zip([indent + name[0], *figures[:-1]], all_widths)) + "  "
            text += f"\033[{TERMINAL_COLOURS[r.status]}m{label}\033[0m" if colour else label
            lines.append(text.rstrip())
            lines += [f"{indent}  {more}" for more in name[1:]]
    return "\n".join(lines) + "\n"


def _csv_field(text: str) -> str:
    """A text as one CSV field: quoted (inner quotes doubled) when it holds a comma, a quote or a line break."""
    if "," in text or '"' in text or "\n" in text or "\r" in text:
        return '"' + text.replace('"', '""') + '"'
    return text


_CSV_SPECIAL = (",", '"', "\n", "\r")
_LINE_STARTS = tuple("\x00" + c for c in FORMULA_START)


def _csv_column(column: pd.Series) -> list[str]:
    """One column as CSV fields: numbers in their shortest exact form, texts neutralised and quoted."""
    values = column.to_numpy()
    if pd.api.types.is_bool_dtype(column):
        return np.where(values.astype(bool), "True", "False").tolist()
    if pd.api.types.is_float_dtype(column):
        floats = values.astype(float)
        fields = list(map(float.__repr__, floats.tolist()))  # repr: the shortest text that reads back exactly
        for i in np.flatnonzero(np.isnan(floats)).tolist():
            fields[i] = ""
        return fields
    if pd.api.types.is_integer_dtype(column):
        return [repr(v) for v in values.tolist()]
    if isinstance(column.dtype, pd.StringDtype):
        texts = column.to_numpy(dtype=object, na_value="").tolist()
    else:
        texts = ["" if v is None or v != v else v if v.__class__ is str else str(v) for v in values.tolist()]
    joined = "\x00" + "\x00".join(texts)
    if any(c in joined for c in _LINE_STARTS):  # some cell may start a formula
        texts = [spreadsheet_text(t) for t in texts]
    if any(c in joined for c in _CSV_SPECIAL):  # some cell needs quotes (a name with a comma)
        texts = [_csv_field(t) for t in texts]
    return texts


def to_csv(status: pd.DataFrame) -> str:
    """The assessment frame as CSV (what ``kpi status --format csv`` prints and reports save).

    Numbers are written in full (shortest exact form), so reading the CSV back gives the same values. A text
    cell that a spreadsheet would run as a formula (starting with ``=``, ``+``, ``-`` or ``@``) is written
    with a leading ``'``; ``read_csv`` takes it off again. The same text as pandas' ``to_csv`` of the
    neutralised frame writes (the tests hold it to that), made column by column in a fifth of the time.
    """
    head = ",".join(_csv_field(str(c)) for c in status.columns)
    if status.empty:
        return head + "\n"
    if len(status) >= HALVES_ROWS:  # the second half's rows written by a second process meanwhile
        from .background import Background

        half = len(status) // 2
        with Background(_csv_rows, status.iloc[half:]) as job:
            first = _csv_rows(status.iloc[:half])
            second = job.result()
        if second is not None:
            return head + "\n" + first + second
    return head + "\n" + _csv_rows(status)


HALVES_ROWS = 50_000
"""From this many rows on, ``to_csv`` writes the two halves at once (a second process writes one)."""


def _csv_rows(status: pd.DataFrame) -> str:
    """The frame's rows as CSV lines (no header), each ending with a line break."""
    if status.empty:
        return ""
    columns = [_csv_column(status[c]) for c in status.columns]
    return "\n".join(map(",".join, zip(*columns))) + "\n"


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
    for c in text:
        frame[c] = frame[c].map(lambda v: v[1:] if spreadsheet_text(v[1:]) != v[1:] and v.startswith("'") else v)
    for c in BOOL_COLUMNS:
        if c in frame:
            frame[c] = frame[c].astype(str).eq("True")
    return frame


def to_json(status: pd.DataFrame) -> str:
    """The assessment frame as a JSON list of records, missing values as null."""
    records = json.loads(status.to_json(orient="records", force_ascii=False))
    return json.dumps(records, ensure_ascii=False, indent=1) + "\n"
