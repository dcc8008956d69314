"""Abbreviations spelled out at their first use in a document, as Decree 30/2020/NĐ-CP asks of an administrative
text: the first 'UBND' of a report reads 'Ủy ban nhân dân (UBND)', every later one 'UBND'."""
from __future__ import annotations

import re

from .labels import ABBREVIATIONS

_SENTENCE_START = re.compile(r"(?:^|[.:;!?]\s+|^-\s+|\n)$")
"""What comes before a word that starts a sentence or a dashed item (its spelled-out form takes a capital)."""


class FirstUse:
    """Spells each known abbreviation out once per document, at its first use, in the order texts are passed.

    ``FirstUse("vi")("Căn cứ Quyết định số 54/QĐ-UBND của UBND tỉnh")`` gives
    'Căn cứ Quyết định số 54/QĐ-UBND của Ủy ban nhân dân (UBND) tỉnh': a document code ('QĐ-UBND', '/BC-UBND')
    is a number, not a use. A text that already spells one out ('(GRDP)') counts as its first use.
    """

    def __init__(self, lang: str = "vi"):
        self.words = ABBREVIATIONS.get(lang, {})
        self.seen: set[str] = set()
        self._patterns = {abbr: re.compile(rf"(?<![\w/-]){re.escape(abbr)}(?![\w/-])") for abbr in self.words}

    def __call__(self, text: str) -> str:
        """``text`` with every abbreviation not yet seen spelled out at its first occurrence."""
        for abbr, words in self.words.items():
            if abbr in self.seen or abbr not in text:
                continue
            if f"({abbr})" in text:
                self.seen.add(abbr)
                continue
            match = self._patterns[abbr].search(text)
            if match is None:
                continue
            self.seen.add(abbr)
            start = match.start()
            spelled = words[0].upper() + words[1:] if _SENTENCE_START.search(text[:start]) else words
            text = f"{text[:start]}{spelled} ({abbr}){text[match.end():]}"
        return text
