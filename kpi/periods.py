"""Quarters: the ``YYYY-Qn`` periods of observations, cumulative from 1 January."""
from __future__ import annotations

import re
from dataclasses import dataclass

_PATTERN = re.compile(r"^(\d{4})-Q([1-4])$")


@dataclass(frozen=True, order=True)
class Quarter:
    """A quarter of a year; ``Quarter(2021, 3)`` is ``2021-Q3``, the first nine months."""

    year: int
    q: int

    def __post_init__(self) -> None:
        if not 1 <= self.q <= 4:
            raise ValueError(f"quarter must be 1 to 4, got {self.q}")

    def __str__(self) -> str:
        return f"{self.year}-Q{self.q}"

    @property
    def index(self) -> int:
        """A running number: consecutive quarters differ by one."""
        return self.year * 4 + self.q - 1

    def label(self, lang: str = "vi") -> str:
        """How reports name the period: '9 tháng 2021', 'Q3 2021'."""
        if lang == "vi":
            return f"Quý I/{self.year}" if self.q == 1 else (
                f"{3 * self.q} tháng {self.year}" if self.q < 4 else f"Năm {self.year}")
        return f"Q1 {self.year}" if self.q == 1 else (
            f"{3 * self.q} months {self.year}" if self.q < 4 else f"Year {self.year}")


def parse_quarter(text: str) -> Quarter | None:
    """``'2021-Q3'`` -> ``Quarter(2021, 3)``; ``None`` if the text is not a quarter."""
    m = _PATTERN.match(str(text).strip())
    return Quarter(int(m.group(1)), int(m.group(2))) if m else None
