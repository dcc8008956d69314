"""An analyst's frame for reading: column heads in the reader's language, statuses in words, numbers in the
reader's format ('3.500', '63,1'), periods by name, true / false as 'có' / 'không'. The frames the functions
return keep codes and numbers (for computing); this is only the edge where they are shown."""
from __future__ import annotations

from datetime import date
from html import escape

import pandas as pd

from ..model.period import Period
from ..text.formatting import check_lang, number
from ..text.labels import ANALYSIS, COLUMN_WORDS, KIND_LABELS, QUALIFIER_WORDS, ROLES, YES_NO, status_label

_PERIODS = ("period", "as_of", "as_of_before", "as_of_after")


def _cell(column: str, value, lang: str):
    """One cell as the reader sees it."""
    if isinstance(value, bool):
        return YES_NO[lang][0 if value else 1]
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")  # as the reports write a date, in both languages
    if column == "expected_basis":
        return ANALYSIS[lang]["on"].get(value, value or "")
    if column.startswith("status"):
        return status_label(value, lang) if value else ""
    if column in _PERIODS:
        p = Period.try_parse(value)
        return p.label(lang) if p is not None else (value or "")
    if column == "role":
        return ROLES[lang].get(value, value)
    if column == "qualifier":
        return QUALIFIER_WORDS[lang].get(value, value or "").strip()
    if column == "kind":
        return KIND_LABELS[lang].get(value, value or "")
    if isinstance(value, float) or (hasattr(value, "dtype") and value.dtype.kind == "f"):
        return "" if pd.isna(value) else number(float(value), lang)
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else value


def readable(frame: pd.DataFrame, lang: str = "vi", *, sides: dict[str, str] | None = None) -> pd.DataFrame:
    """``frame`` with every cell in words for the reader and its columns headed in ``lang``.

    ``sides`` names the two sides of the ``*_before`` / ``*_after`` columns (``Changes.sides``: the two periods);
    by default the plan's assessment and the what-if ('theo kế hoạch', 'giả định').
    """
    lang = check_lang(lang)
    words = COLUMN_WORDS[lang]
    sides = sides or {"before": words["before"], "after": words["after"]}
    out = pd.DataFrame({c: [_cell(c, v, lang) for v in frame[c].tolist()] for c in frame.columns}, index=frame.index)

    def head(column: str) -> str:
        for side in ("before", "after"):
            if column.endswith(f"_{side}"):
                return f"{words.get(column[: -len(side) - 1], column)} ({sides[side]})"
        return words.get(column, column)

    return out.rename(columns={c: head(c) for c in frame.columns})


def section(title: str, frame: pd.DataFrame, lang: str = "vi", *, sides: dict[str, str] | None = None):
    """A heading and ``frame`` as a table in the reader's words (``readable``), or 'Không có.' when it is empty;
    every text escaped. Jupyter shows it as HTML."""
    from ..story.sections import Html

    body = (readable(frame, lang, sides=sides).to_html(index=False, escape=True, border=0) if len(frame)
            else f"<p>{escape(ANALYSIS[lang]['none'])}</p>")
    return Html(f"<h3>{escape(title)}</h3>{body}")
