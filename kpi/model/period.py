"""Reporting periods: a month ``YYYY-MM`` or a quarter ``YYYY-Qn``, cumulative from 1 January.

A period is a value: parse it once, then ask it questions (``previous()``, ``year_earlier()``,
``share_of_year()``, ``label('vi')``). A quarter and a month are two kinds of step of one type, and
a quarter fills the same slot as its last month: ``2021-Q3`` and ``2021-09`` both mean "9 tháng năm 2021".
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import total_ordering

MONTHS_PER_YEAR = 12
QUARTERS_PER_YEAR = 4

_PATTERN = re.compile(r"([0-9]{4})-(?:Q([1-4])|(0[1-9]|1[0-2]))", re.ASCII)
_ROMAN = ("I", "II", "III", "IV")
_MONTH_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
             "October", "November", "December")
FORMAT_HINT = "write YYYY-MM for a month (e.g. 2021-05) or YYYY-Qn for a quarter (e.g. 2021-Q3)"
"""How to write a period, as error messages say it."""


@total_ordering
@dataclass(frozen=True, eq=True)
class Period:
    """A period of a year: ``step`` of ``steps`` (4 for quarters, 12 for months).

    Figures for a period are cumulative from 1 January to its end (flows), as at its end (levels),
    or against the same period a year earlier (growth rates). Periods order by the month they end
    in; a quarter sorts after the month it ends with.
    """

    year: int
    step: int
    steps: int = QUARTERS_PER_YEAR

    def __post_init__(self) -> None:
        if self.steps not in (QUARTERS_PER_YEAR, MONTHS_PER_YEAR):
            raise ValueError(f"steps must be {QUARTERS_PER_YEAR} or {MONTHS_PER_YEAR}, got {self.steps}")
        if not 1 <= self.step <= self.steps:
            raise ValueError(f"step must be 1 to {self.steps}, got {self.step}")

    # --- reading and writing ------------------------------------------------------------------
    @classmethod
    def parse(cls, text: str) -> Period:
        """``'2021-Q3'`` or ``'2021-09'`` -> a Period; ``ValueError`` naming the format otherwise.

        Only ASCII digits, no spaces, the whole text: ``'2021-Q31'`` and ``'２０２１-Q3'`` are refused.
        """
        period = cls.try_parse(text)
        if period is None:
            raise ValueError(f"period '{text}' is not a month or a quarter; {FORMAT_HINT}")
        return period

    @classmethod
    def try_parse(cls, text) -> Period | None:
        """Like ``parse`` but ``None`` for a text that is not a period."""
        if isinstance(text, Period):
            return text
        m = _PATTERN.fullmatch(text) if isinstance(text, str) else None
        if m is None:
            return None
        year = int(m.group(1))
        if m.group(2):
            return cls(year, int(m.group(2)), QUARTERS_PER_YEAR)
        return cls(year, int(m.group(3)), MONTHS_PER_YEAR)

    @classmethod
    def quarter(cls, year: int, q: int) -> Period:
        """The quarter ``q`` of ``year``."""
        return cls(year, q, QUARTERS_PER_YEAR)

    @classmethod
    def month_of(cls, year: int, m: int) -> Period:
        """The month ``m`` of ``year``."""
        return cls(year, m, MONTHS_PER_YEAR)

    @classmethod
    def year_steps(cls, year: int, steps: int = QUARTERS_PER_YEAR) -> list[Period]:
        """Every quarter (or month) of ``year``, in order."""
        return [cls(year, s, steps) for s in range(1, steps + 1)]

    def __str__(self) -> str:
        return f"{self.year}-Q{self.step}" if self.is_quarter else f"{self.year}-{self.step:02d}"

    # --- what it covers -----------------------------------------------------------------------
    @property
    def is_quarter(self) -> bool:
        """True for ``YYYY-Qn``."""
        return self.steps == QUARTERS_PER_YEAR

    @property
    def month(self) -> int:
        """The month the period ends in (1-12): the number of months it covers from 1 January."""
        return self.step * (MONTHS_PER_YEAR // self.steps)

    @property
    def slot(self) -> tuple[int, int]:
        """``(year, month)``: a quarter and its last month share a slot (Q3 = 09)."""
        return (self.year, self.month)

    @property
    def index(self) -> int:
        """A running month number: the slots of consecutive months differ by one."""
        return self.year * MONTHS_PER_YEAR + self.month - 1

    @property
    def is_year_end(self) -> bool:
        """True for the last quarter or December: the whole year."""
        return self.step == self.steps

    def share_of_year(self) -> float:
        """The part of the year elapsed at the period's end: Q3 -> 0.75, 2021-05 -> 5/12."""
        return self.month / MONTHS_PER_YEAR

    # --- neighbours ---------------------------------------------------------------------------
    def previous(self) -> Period:
        """The period before, of the same kind: ``2021-Q1`` -> ``2020-Q4``."""
        if self.step == 1:
            return Period(self.year - 1, self.steps, self.steps)
        return Period(self.year, self.step - 1, self.steps)

    def year_earlier(self) -> Period:
        """The same period a year earlier: ``2021-Q3`` -> ``2020-Q3``."""
        return Period(self.year - 1, self.step, self.steps)

    def year_end(self) -> Period:
        """The end of the period's year, of the same kind: ``2021-05`` -> ``2021-12``."""
        return Period(self.year, self.steps, self.steps)

    def steps_in_year(self) -> list[Period]:
        """The periods of the same kind from the first of the year to this one."""
        return [Period(self.year, s, self.steps) for s in range(1, self.step + 1)]

    # --- ordering: by slot, a quarter after the month that ends it ----------------------------
    def _key(self) -> tuple[int, int, int]:
        return (self.year, self.month, self.steps == QUARTERS_PER_YEAR)

    def __lt__(self, other: Period) -> bool:
        if not isinstance(other, Period):
            return NotImplemented
        return self._key() < other._key()

    # --- words --------------------------------------------------------------------------------
    def span(self, lang: str = "vi") -> str:
        """What it covers, without the year: '9 tháng', '3 tháng', '1 tháng', 'cả năm'; '9 months', '1 month',
        'full year'. One naming for every cumulative period, a quarter's too: 'quý I' only where the quarter itself
        is meant (``quarter_label``)."""
        if self.is_year_end:
            return "cả năm" if lang == "vi" else "full year"
        if lang == "vi":
            return f"{self.month} tháng"
        return f"{self.month} month" + ("s" if self.month > 1 else "")

    def label(self, lang: str = "vi", *, wrap: bool = False) -> str:
        """How the province names it, capitalised for a heading: '9 tháng năm 2021', '3 tháng năm 2021' (for
        2021-Q1 and 2021-03 alike), '1 tháng năm 2021', 'Năm 2021'; '9 months 2021', '1 month 2021', 'Year 2021'.

        Every chart, table and cell names a period with it (or ``span``); ``quarter_label`` where a quarter is meant.
        With ``wrap``, the months and the year on two lines ('9 tháng\nnăm 2021'), for a chart's narrow column.
        """
        y = self.year
        if self.is_year_end:
            return f"Năm {y}" if lang == "vi" else f"Year {y}"
        gap = "\n" if wrap else " "
        return f"{self.span(lang)}{gap}năm {y}" if lang == "vi" else f"{self.span(lang)}{gap}{y}"

    def in_text(self, lang: str = "vi") -> str:
        """The label inside a sentence: '9 tháng năm 2021', 'năm 2021'; '9 months 2021', 'year 2021'."""
        label = self.label(lang)
        if lang == "vi" or self.is_year_end:
            return label[0].lower() + label[1:]
        return label

    def subject(self, lang: str = "vi") -> str:
        """The period as a report's title names it, the quarter and the months to date together: 'quý III và 9 tháng
        năm 2021', 'quý I năm 2021' (the first quarter is its months to date), '5 tháng năm 2021', '1 tháng năm 2021',
        'năm 2021'; 'Q3 and 9 months 2021', 'Q1 2021'. Where a quarter is meant, it is named as one."""
        if self.is_year_end:
            return f"năm {self.year}" if lang == "vi" else str(self.year)
        span = self.span(lang)
        if self.is_quarter:
            quarter = f"quý {_ROMAN[self.step - 1]}" if lang == "vi" else f"Q{self.step}"
            if self.step == 1:
                return f"{quarter} năm {self.year}" if lang == "vi" else f"{quarter} {self.year}"
            return (f"{quarter} và {span} năm {self.year}" if lang == "vi"
                    else f"{quarter} and {span} {self.year}")
        return f"{span} năm {self.year}" if lang == "vi" else f"{span} {self.year}"

    @classmethod
    def latest(cls, texts) -> Period | None:
        """The latest of the period ``texts`` ('' skipped: a target with no figure); ``None`` when none is left."""
        return max((cls.parse(t) for t in set(texts) if t), default=None)

    def quarter_label(self, lang: str = "vi") -> str:
        """The quarter itself, where a quarter (not the months to date) is meant: 'quý III/2021', 'Q3 2021'.

        A month is named by itself: 'tháng 5/2021', 'May 2021'.
        """
        if self.is_quarter:
            return f"quý {_ROMAN[self.step - 1]}/{self.year}" if lang == "vi" else f"Q{self.step} {self.year}"
        return f"tháng {self.step}/{self.year}" if lang == "vi" else f"{_MONTH_EN[self.step - 1]} {self.year}"


def in_plan_year(text: str, year: int, *, name: str = "period", also: str = "") -> Period:
    """The period ``text`` names, which must be of the plan ``year``; ``ValueError`` with the one message
    every command gives otherwise. ``name`` is how the message calls the text (``'--period'``), ``also``
    ends the list of what may be written (``"or 'latest'"``)."""
    period = Period.try_parse(text)
    more = f", {also}" if also else ""
    if period is None:
        raise ValueError(f"{name} '{text}' is not a month or a quarter; write YYYY-MM for a month (e.g. {year}-05) "
                         f"or YYYY-Qn for a quarter (e.g. {year}-Q3){more}.")
    if period.year != year:
        raise ValueError(f"{name} '{text}' is outside the plan year {year}; choose a month {year}-01 to {year}-12 or "
                         f"a quarter {year}-Q1 to {year}-Q4{more}.")
    return period


def slot_arrays(periods) -> tuple:
    """Year and end-month arrays of many period texts, each distinct text parsed once.

    ``ValueError`` names the first text that is not a period.
    """
    import numpy as np
    import pandas as pd

    codes, uniques = pd.factorize(pd.Series(periods, dtype=object).astype(str))
    parsed = [Period.parse(u) for u in uniques]
    years = np.array([p.year for p in parsed], dtype=int)
    months = np.array([p.month for p in parsed], dtype=int)
    return years[codes], months[codes]
