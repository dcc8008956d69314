"""The report's outline: its sections (the plan's groups, in order) numbered I, II, III, and the targets numbered
1, 2, 3 within each, a part of a target ("trong đó") with a dash. The Word report's appendix and status.xlsx number
their rows with it, so a reader finds "II.3" in both."""
from __future__ import annotations

import pandas as pd

_NUMERALS = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
             (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
PART = "-"
"""The number of a part of a target (``parent:``): a dash, as the province's appendices write it."""


def row_numbers(status: pd.DataFrame) -> pd.DataFrame:
    """Each target's section and number, in the order of ``status``.

    Returns
    -------
    A frame on ``status``'s index: ``section`` (the group's Roman numeral, 'I'), ``section_name`` (its name,
    'Kinh tế') and ``number`` ('1', '2', ... restarting in each section; '-' for a part of a target).
    """
    order = list(dict.fromkeys(status["group"]))
    names = dict(zip(status["group"], status["group_name"]))
    counters = dict.fromkeys(order, 0)
    numbers = []
    for group, parent in zip(status["group"], status["parent"]):
        if parent:
            numbers.append(PART)
        else:
            counters[group] += 1
            numbers.append(str(counters[group]))
    return pd.DataFrame({"section": [roman(order.index(g) + 1) for g in status["group"]],
                         "section_name": [names[g] for g in status["group"]], "number": numbers},
                        index=status.index)


def roman(n: int) -> str:
    """``n`` (from 1) in Roman numerals: 1 -> 'I', 4 -> 'IV', 14 -> 'XIV'."""
    out = []
    for value, letters in _NUMERALS:
        count, n = divmod(n, value)
        out.append(letters * count)
    return "".join(out)
