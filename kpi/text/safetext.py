"""Text from data files made safe for a terminal and for spreadsheets.

Names, units and notes come from files anyone may have edited. Before such text reaches a terminal,
control characters (C0, DEL, C1, and so ESC, which starts the ANSI sequences that move the cursor,
change colours or retitle the window) are replaced by a visible ``�``, and Unicode bidirectional controls
(U+061C, U+200E, U+200F, U+202A to U+202E, U+2066 to U+2069; U+202E shows the text after it reversed, so a
line could read differently from what it holds) and invisible format characters (zero-width space and joiners
U+200B to U+200D, the word joiner U+2060, U+206A to U+206F, U+FEFF; the line and paragraph separators U+2028,
U+2029, which some terminals break lines at) by a mark naming them, ``⟨U+202E⟩``, so two names that look alike
are told apart. Before it reaches a CSV or
a workbook meant for a spreadsheet, a text starting with ``=``, ``+``, ``-`` or ``@`` (which Excel
and LibreOffice would run as a formula) is prefixed with ``'``; numbers stay numbers.
"""
from __future__ import annotations

import re

from .numbers import PLAIN_NUMBER

PLACEHOLDER = "\ufffd"
"""What a control character is shown as: '�'."""

_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_CONTROLS_BUT_NEWLINE = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")
_BIDI = re.compile("[\u061c\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060\u2066-\u206f\ufeff]")
"""The Unicode bidirectional controls (marks, embeddings, overrides, isolates) and the invisible format
characters (zero-width space and joiners, word joiner, line and paragraph separators, U+FEFF)."""
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""The first characters that make a spreadsheet read a cell as a formula (OWASP: CSV/formula injection)."""


def printable(text: str, *, keep_newlines: bool = False) -> str:
    """``text`` with every control character (ESC included) replaced by '�' and every bidirectional control by a
    mark naming it (U+202E, the right-to-left override, is shown as '⟨U+202E⟩').
    """
    pattern = _CONTROLS_BUT_NEWLINE if keep_newlines else _CONTROLS
    return _BIDI.sub(_bidi_mark, pattern.sub(PLACEHOLDER, str(text)))


def _bidi_mark(match: re.Match) -> str:
    """The visible mark of one bidirectional control: '⟨U+202E⟩'."""
    return f"⟨U+{ord(match.group()):04X}⟩"


def spreadsheet_text(value):
    """A cell for a spreadsheet: a text that would start a formula gets a leading ``'``.

    Numbers, and texts that are plain numbers (``-3.5``), are returned as they are.
    """
    if isinstance(value, str) and value.startswith(FORMULA_START) and not PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


def unneutral(text):
    """A text read back from a file kpi wrote with ``spreadsheet_text``: the ``'`` before a formula start taken off
    (``'=HYPERLINK(...)`` -> ``=HYPERLINK(...)``); any other text as it is."""
    if isinstance(text, str) and text.startswith("'") and text[1:2] and text[1] in FORMULA_START:
        return text[1:]
    return text
