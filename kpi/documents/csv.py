"""The assessment frame for machines: ``status.csv`` (exact numbers, formula text neutralised for
spreadsheets, read back as it was) and the JSON of ``kpi status --format json``."""
from __future__ import annotations

import json

import pandas as pd

from ..text.safetext import FORMULA_START, spreadsheet_text


def _neutral(value):
    """A text cell for a spreadsheet (``safetext.spreadsheet_text``), and a text that starts with ``'`` itself
    one ``'`` more, so that ``read_csv``, which takes one off, gives every text back as it was."""
    text = str(value)
    return "'" + text if text.startswith("'") else spreadsheet_text(text)


def _references_json(refs) -> str:
    """A row's other references (``also``) as JSON text, missing numbers as null; '' for none."""
    if not isinstance(refs, (list, tuple)) or not refs:
        return ""
    clean = [{k: (None if isinstance(v, float) and v != v else v) for k, v in r.items()} for r in refs]
    return json.dumps(clean, ensure_ascii=False)


def _references(text: str) -> tuple:
    """``_references_json`` read back: a tuple of dicts, null as NaN."""
    if not text:
        return ()
    return tuple({k: (float("nan") if v is None else v) for k, v in r.items()} for r in json.loads(text))


def to_csv(status: pd.DataFrame) -> str:
    """The assessment frame as CSV (what ``kpi status --format csv`` prints and reports save).

    Numbers are written in full (shortest exact form), so reading the CSV back gives the same values. A text
    cell that a spreadsheet would run as a formula (starting with ``=``, ``+``, ``-`` or ``@``) is written
    with a leading ``'`` (``kpi.text.safetext``), as is one that starts with ``'``; ``read_csv`` takes it off
    again. Every column that is not numbers or true/false is a text column here, whatever its type (a
    category, an object). Then pandas writes the CSV. Lines end with ``\n``; with ``\r\n`` when a text holds
    a carriage return, which the CSV writer then quotes (it quotes only the line ending's characters: a bare
    one would split the row for a reader).
    """
    safe = status.copy()
    if "also" in safe:  # the other references: a JSON list per row (a machine reads it back with json)
        safe["also"] = [_references_json(refs) for refs in safe["also"]]
    numeric = pd.api.types.is_numeric_dtype
    texts = [c for c in safe.columns if not (pd.api.types.is_bool_dtype(safe[c]) or numeric(safe[c]))]
    carriage = False
    for c in texts:
        column = safe[c].astype(object)
        present = column.notna().to_numpy()
        joined = "\n" + "\n".join(map(str, column[present].tolist()))  # one search per column, not per cell
        if any("\n" + start in joined for start in (*FORMULA_START, "'")):
            column = column.where(~present, column.map(_neutral, na_action="ignore"))
        safe[c] = column
        carriage = carriage or "\r" in joined
    return safe.to_csv(index=False, lineterminator="\r\n" if carriage else "\n")


TEXT_COLUMNS = ("area", "period", "name", "parent", "indicator", "group", "group_name", "measure", "rule", "rule_kind", "rule_since",
                "rule_source", "unit",
                "qualifier", "as_of", "expected_basis", "expected_years", "projection_method", "status", "kind", "source", "note",
                "stretch_kind", "also")
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
        frame[c] = frame[c].map(lambda v: v[1:] if v.startswith("'") else v)  # the one ' that to_csv put there
    for c in BOOL_COLUMNS:
        if c in frame:
            frame[c] = frame[c].astype(str).eq("True")
    if "also" in frame:
        frame["also"] = frame["also"].map(_references).astype(object)
    return frame


def to_json(status: pd.DataFrame) -> str:
    """The assessment frame as a JSON list of records, missing values as null."""
    records = json.loads(status.to_json(orient="records", force_ascii=False))
    return json.dumps(records, ensure_ascii=False, indent=1) + "\n"
