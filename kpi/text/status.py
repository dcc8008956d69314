"""The status vocabulary in one table: each status code with its order, attention rank, verdict group,
colours and words.

Every module that orders, counts, colours or names a status reads it from here: the assessment (its order),
the attention list and the charts (worst first), the summary (its verdict groups), the theme of the HTML,
slides, spreadsheet and Word report (fill and ink), the terminal (ANSI colour) and the labels (vi/en words).
"""
from __future__ import annotations

from dataclasses import dataclass

from .theme import INK, WHITE_INK


@dataclass(frozen=True)
class Status:
    """One status and everything an output needs to show it.

    code : the status as the assessment frame holds it ('off_track').
    attention : its rank in the attention list, 0 the worst; None when the status needs no attention.
    verdict : the group the summary counts it in ('met', 'at_risk', 'missed', 'open'); '' for none.
    colour : its fill ('#rrggbb'). The fills differ in lightness (CIE L*) by at least 8 from one status to the
        next, for grey-scale print and colour-blind readers.
    dark : the fill is dark and needs white ink.
    terminal : its ANSI SGR colour in a terminal (``kpi status``).
    vi, en : its words.
    """

    code: str
    attention: int | None
    verdict: str
    colour: str
    dark: bool
    terminal: str
    vi: str
    en: str

    @property
    def needs_attention(self) -> bool:
        """Whether the headline and the summary list a target with this status."""
        return self.attention is not None

    @property
    def ink(self) -> str:
        """The text colour that reads on the fill."""
        return WHITE_INK if self.dark else INK

    def word(self, lang: str = "vi") -> str:
        """The status in words ('Chậm tiến độ', 'Off track')."""
        return {"vi": self.vi, "en": self.en}[lang]


TABLE = (
    # The terminal: bold green for exceeded, green for good, yellow, red for bad, magenta undetermined, blue not due, dim no data; the
    # terminal's own palette decides the exact colour. Fill lightness (L*) in the comment.
    Status("exceeded", None, "met", "#0f2f1a", True, "1;32", "Vượt kế hoạch", "Exceeded"),              # L* 17
    Status("met", None, "met", "#1a5e2e", True, "32", "Đạt", "Met"),                                   # L* 35
    Status("on_track", None, "met", "#85cc88", False, "32", "Đúng tiến độ", "On track"),               # L* 76
    Status("at_risk", 2, "at_risk", "#f5d04c", False, "33", "Có nguy cơ", "At risk"),                  # L* 85
    Status("off_track", 1, "missed", "#d9482b", True, "31", "Chậm tiến độ", "Off track"),              # L* 51
    Status("missed", 0, "missed", "#7a1010", True, "31", "Không đạt", "Missed"),                       # L* 25
    Status("undetermined", 3, "open", "#9f8bd9", False, "35", "Chưa kết luận", "Undetermined"),        # L* 62
    Status("not_due", None, "", "#3d689b", True, "34", "Chưa đến kỳ", "Not yet due"),                  # L* 43
    Status("no_data", None, "", "#ececec", False, "2", "Chưa có số liệu", "No data"),                  # L* 93
)
"""Every status, in the order a headline counts them."""

BY_CODE = {s.code: s for s in TABLE}
"""Each status by its code."""

CODES = tuple(s.code for s in TABLE)
"""The status codes, in the order a headline counts them."""

ATTENTION = tuple(s.code for s in sorted((s for s in TABLE if s.needs_attention), key=lambda s: s.attention))
"""The statuses that need attention, worst first."""

VERDICTS = tuple((v, tuple(s.code for s in TABLE if s.verdict == v))
                 for v in dict.fromkeys(s.verdict for s in TABLE if s.verdict))
"""The summary's verdict groups, each with the statuses it counts, in the order of the table."""


def status_of(code: str) -> Status:
    """The status of a code; a code that is not a status is an error naming the known ones."""
    try:
        return BY_CODE[code]
    except KeyError:
        raise KeyError(f"status {code!r} is not one of {', '.join(CODES)}") from None


def attention_rank(code: str) -> int:
    """The rank of a status in the attention list (0 the worst); statuses needing no attention come after."""
    s = status_of(code)
    return s.attention if s.needs_attention else len(ATTENTION)
