"""How people write numbers, in one place: the plain number every reader of kpi accepts, and the look-alikes
it refuses rather than guess (``3.500`` is three thousand five hundred in a Vietnamese text, 3.5 to a
computer), with the fix for each. The YAML plan reader and the figures' reader both take them from here."""
from __future__ import annotations

import re

PLAIN = r"[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?"
"""A number written plainly, with a decimal point and no separator: 3500, 63.1, -2, .5, 1.5e3 (a pattern)."""
PLAIN_NUMBER = re.compile(PLAIN)
THOUSANDS_DOT = re.compile(r"[-+]?[1-9][0-9]{0,2}(?:\.[0-9]{3})+")
"""A number with Vietnamese thousands dots: 3.500, -20.000, +1.234.567 (0.500 is a plain decimal)."""
THOUSANDS_COMMA = re.compile(r"[-+]?[1-9][0-9]{0,2}(?:,[0-9]{3})+")
"""A number with English thousands commas: 3,500, 1,234,567."""
DECIMAL_COMMA = re.compile(r"[-+]?[0-9]+,[0-9]+")
"""A decimal comma, as Vietnamese writes it: 63,1."""


def _plain_decimal(text: str) -> str:
    """'3.500' -> '3.5', '20.000' -> '20': the text read as one decimal number."""
    whole, _, frac = text.partition(".")
    frac = frac.rstrip("0")
    return f"{whole}.{frac}" if frac else whole


def thousands_fix(text: str) -> str:
    """The fix for a number written with thousands dots (or commas); a leading '+' is left out of it."""
    text = text.removeprefix("+")
    digits = text.replace(".", "").replace(",", "")
    if text.count(".") + text.count(",") == 1:
        decimal = _plain_decimal(text.replace(",", "."))
        if decimal == text:  # '2.021': the decimal needs a fourth digit to be told apart
            decimal += "0"
        return f"write {digits} (no thousands separator), or {decimal} if you meant a decimal"
    return f"write {digits} (no thousands separator)"
