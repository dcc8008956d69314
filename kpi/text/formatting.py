"""Numbers and words as a Vietnamese (or English) reader expects them: 3.500 tỷ đồng, 63,1%."""
from __future__ import annotations

import math
import re
import unicodedata
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal, InvalidOperation

from babel.numbers import format_decimal

from .labels import LANGS, QUALIFIER_WORDS

_LOCALE = {"vi": "vi_VN", "en": "en_US"}
_SEPARATORS = {"vi": (",", "."), "en": (".", ",")}
"""(decimal, group) symbols of each language, as CLDR gives them for vi_VN and en_US."""
_QUANTUM = {d: Decimal(1).scaleb(-d) for d in range(10)}
_SHORT = re.compile(r"(-?)([0-9]+)(?:\.([0-9]+))?")
"""A number's repr in plain digits: sign, whole part, fraction."""
MAX_DIGITS = 2
"""Most decimals a figure is printed with (as published, trailing zeros dropped)."""
DIGITS = {"actual": None, "last_year": None, "attainment_pct": 1, "expected_pct": 0, "projection": 0}
"""Decimal places of each number column of the assessment, in every output (report, Word report, slides,
status.xlsx, terminal, charts): % of plan to one, the expected progress and the year-end projection to whole
numbers; ``None``: as the figure was published, up to ``MAX_DIGITS``, trailing zeros dropped. A projection's
share of the plan is a % of plan (``attainment_pct``)."""

def is_missing(value) -> bool:
    """True for None and NaN: a figure that is not there."""
    return value is None or (isinstance(value, float) and math.isnan(value))


def check_lang(lang: str) -> str:
    """Return ``lang`` if it is supported, else raise ``ValueError`` naming the choices."""
    if lang not in LANGS:
        raise ValueError(f"language '{lang}' is not one of {', '.join(LANGS)}")
    return lang


def number(value: float | None, lang: str = "vi", *, digits: int | None = None) -> str:
    """Format a number: ``number(3500)`` -> ``'3.500'``; ``number(63.1)`` -> ``'63,1'``.

    Parameters
    ----------
    value : the number; ``None`` or NaN gives an em dash.
    lang : ``'vi'`` (default) or ``'en'``.
    digits : fixed number of decimals; by default up to ``MAX_DIGITS``, trailing zeros dropped.
    """
    if is_missing(value):
        return "—"
    if lang in _SEPARATORS and (digits is None or 0 <= digits < len(_QUANTUM)):
        text = _pattern_number(value, lang, digits)
        if text is not None:
            return text
    if digits is None:
        pattern = "#,##0." + "#" * MAX_DIGITS
    else:
        pattern = "#,##0" + ("." + "0" * digits if digits else "")
    try:
        return format_decimal(value, format=pattern, locale=_LOCALE[check_lang(lang)])
    except (ArithmeticError, ValueError, OverflowError):  # 1e308 and the like: too large for CLDR patterns
        if lang not in _LOCALE:
            raise
        return f"{value:.4g}"


def _pattern_number(value, lang: str, digits: int | None) -> str | None:
    """``number`` without Babel's per-call locale look-ups: the same steps as its ``#,##0.##`` pattern.

    The value is read as ``Decimal(str(value))``, its sign kept from before rounding ('-0' for -0.001),
    rounded half to even, grouped by three. ``None`` where Babel's own path must decide (infinity, NaN,
    more digits than the decimal context holds, a value that is not a plain number).
    """
    if value.__class__ is int and digits is None and -10**26 < value < 10**26:  # 3500: grouped at once
        return f"{value:,}".replace(",", _SEPARATORS[lang][1])
    if value.__class__ is int or value.__class__ is float:  # the usual figure: no rounding needed, no Decimal
        short = _SHORT.fullmatch(repr(value))
        if short is not None:
            sign, whole, frac = short.groups()
            frac = (frac or "").rstrip("0")
            places = MAX_DIGITS if digits is None else digits
            if len(frac) <= places and len(whole) + places <= 28:  # as Decimal's 28 digits hold it below
                decimal, group = _SEPARATORS[lang]
                text = f"{int(whole):,}".replace(",", group) if len(whole) > 3 else whole
                frac = frac if digits is None else frac.ljust(digits, "0")
                return sign + text + (decimal + frac if frac else "")
    try:
        d = value if isinstance(value, Decimal) else Decimal(str(value))
        if not d.is_finite():
            return None
        negative = d.is_signed()
        rounded = abs(d).quantize(_QUANTUM[MAX_DIGITS if digits is None else digits])
    except (InvalidOperation, ValueError, TypeError):
        return None
    decimal, group = _SEPARATORS[lang]
    whole, _, frac = f"{rounded:f}".partition(".")
    text = f"{int(whole):,}".replace(",", group) if len(whole) > 3 else whole
    if digits is None:
        frac = frac.rstrip("0")
    if frac:
        text += decimal + frac
    return "-" + text if negative else text


def tick_label(value: float, _pos, lang: str) -> str:
    """A chart's tick label (a matplotlib formatter's signature): ``number`` in the reader's format."""
    return number(value, lang)


_TOWARDS = {"more_than": ROUND_FLOOR, "less_than": ROUND_CEILING}
"""How a bounded figure is rounded to be shown: "hơn x" down, "gần x" up, so the words never overstate it."""


def bounded(value: float, qualifier: str | None, digits: int | None = None) -> float:
    """The value a bounded figure is shown with at ``digits`` decimals (``None``: ``MAX_DIGITS``): "hơn 43,985%"
    at one decimal is "hơn 43,9%" (rounded down; "hơn 44,0%" would overstate it), "gần 46,96" is "gần 47,0"
    (rounded up); any other figure is returned as it is (``number`` rounds it to the nearest)."""
    rounding = _TOWARDS.get(qualifier) if isinstance(qualifier, str) else None
    if rounding is None or is_missing(value) or not math.isfinite(value):
        return value
    places = MAX_DIGITS if digits is None else digits
    return float(Decimal(str(value)).quantize(_QUANTUM[places], rounding=rounding))


def quantity(value: float | None, unit: str, lang: str = "vi", *, qualifier: str | None = None,
             digits: int | None = None) -> str:
    """A number with its unit and qualifier: ``'hơn 20.000 tỷ đồng'``, ``'63,1%'``; a bounded figure rounded
    towards its bound (``bounded``)."""
    if is_missing(value):
        return "—"
    text = number(bounded(value, qualifier, digits), lang, digits=digits)
    if lang == "en" and value == 1:
        unit = singular(unit)
    text = text + unit if unit == "%" else f"{text} {unit}".strip()
    if qualifier and isinstance(qualifier, str):
        text = QUALIFIER_WORDS[lang].get(qualifier, "") + text
    return text


def singular(unit: str) -> str:
    """An English unit for one of it: 'communes' -> 'commune', 'bn VND' and 'ha' stay as they are."""
    words = unit.split(" ")
    last = words[-1]
    if len(last) > 3 and last.endswith("s") and last.islower() and not last.endswith("ss"):
        words[-1] = last[:-1]
    return " ".join(words)


def nfc(text: str) -> str:
    """Vietnamese text in composed (NFC) form, as fonts and PDFs expect it."""
    return unicodedata.normalize("NFC", text)
