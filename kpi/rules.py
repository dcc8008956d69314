"""The closed vocabulary of target rules, each a small frozen object that checks itself.

Every rule describes the band of values that meets it; the assessment compares a figure (or the
interval a qualified figure stands for) with that band. ``str(rule)`` is what tables print.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import ClassVar

from .formatting import number

ABOUT_TOLERANCE_PCT = 2.0
"""Default tolerance of ``about: x``, in percent of x, when the plan gives none."""

INF = math.inf


@dataclass(frozen=True)
class Rule:
    """Base of all rules; ``kind`` is the word used in plan files."""

    kind: ClassVar[str] = ""
    needs_baseline: ClassVar[bool] = False

    def band(self, baseline: float | None = None) -> tuple[float, bool, float, bool]:
        """The values that meet the rule as ``(low, low_open, high, high_open)``."""
        raise NotImplementedError

    def label(self, lang: str = "vi") -> str:
        """The rule as a reader says it: ``'trên 10'``, ``'21–22'``."""
        raise NotImplementedError

    def __str__(self) -> str:
        return self.label("vi")

    @property
    def reference(self) -> float:
        """The single number attainment is measured against (NaN for bands)."""
        return math.nan

    @property
    def params(self) -> tuple[float, float]:
        """The rule's two numbers (the second NaN for one-number rules), for vectorised work."""
        raise NotImplementedError


@dataclass(frozen=True)
class _Threshold(Rule):
    x: float
    _words: ClassVar[dict[str, str]] = {}

    def __post_init__(self) -> None:
        if not isinstance(self.x, (int, float)) or isinstance(self.x, bool) or math.isnan(self.x):
            raise ValueError(f"{self.kind} needs a number, got {self.x!r}")

    def label(self, lang: str = "vi") -> str:
        return f"{self._words[lang]} {number(self.x, lang)}"

    @property
    def reference(self) -> float:
        return float(self.x)

    @property
    def params(self) -> tuple[float, float]:
        return float(self.x), math.nan


@dataclass(frozen=True)
class Above(_Threshold):
    """Strictly more than x ("trên")."""

    kind: ClassVar[str] = "above"
    _words: ClassVar[dict[str, str]] = {"vi": "trên", "en": "above"}

    def band(self, baseline=None):
        return (self.x, True, INF, True)


@dataclass(frozen=True)
class AtLeast(_Threshold):
    """x or more ("đạt")."""

    kind: ClassVar[str] = "at_least"
    _words: ClassVar[dict[str, str]] = {"vi": "đạt", "en": "at least"}

    def band(self, baseline=None):
        return (self.x, False, INF, True)


@dataclass(frozen=True)
class Below(_Threshold):
    """Strictly less than x ("dưới")."""

    kind: ClassVar[str] = "below"
    _words: ClassVar[dict[str, str]] = {"vi": "dưới", "en": "below"}

    def band(self, baseline=None):
        return (-INF, True, self.x, True)


@dataclass(frozen=True)
class AtMost(_Threshold):
    """x or less ("không quá")."""

    kind: ClassVar[str] = "at_most"
    _words: ClassVar[dict[str, str]] = {"vi": "không quá", "en": "at most"}

    def band(self, baseline=None):
        return (-INF, True, self.x, False)


@dataclass(frozen=True)
class ReduceBy(_Threshold):
    """At least x below the level at the end of the previous year ("giảm ít nhất")."""

    kind: ClassVar[str] = "reduce_by"
    needs_baseline: ClassVar[bool] = True
    _words: ClassVar[dict[str, str]] = {"vi": "giảm ít nhất", "en": "down by at least"}

    def band(self, baseline=None):
        return (-INF, True, (baseline if baseline is not None else math.nan) - self.x, False)


@dataclass(frozen=True)
class IncreaseBy(_Threshold):
    """At least x above the level at the end of the previous year ("tăng thêm")."""

    kind: ClassVar[str] = "increase_by"
    needs_baseline: ClassVar[bool] = True
    _words: ClassVar[dict[str, str]] = {"vi": "tăng ít nhất", "en": "up by at least"}

    def band(self, baseline=None):
        return ((baseline if baseline is not None else math.nan) + self.x, False, INF, True)


@dataclass(frozen=True)
class Between(Rule):
    """From low to high, both ends included ("21-22%")."""

    low: float
    high: float
    kind: ClassVar[str] = "between"

    def __post_init__(self) -> None:
        for v in (self.low, self.high):
            if not isinstance(v, (int, float)) or isinstance(v, bool) or math.isnan(v):
                raise ValueError(f"between needs two numbers, got {v!r}")
        if self.low > self.high:
            raise ValueError("low must not exceed high")

    def band(self, baseline=None):
        return (self.low, False, self.high, False)

    def label(self, lang: str = "vi") -> str:
        return f"{number(self.low, lang)}–{number(self.high, lang)}"

    @property
    def params(self) -> tuple[float, float]:
        return float(self.low), float(self.high)


@dataclass(frozen=True)
class About(Rule):
    """About x: within ``tolerance_pct`` percent of x, ends included ("khoảng")."""

    x: float
    tolerance_pct: float = field(default=ABOUT_TOLERANCE_PCT)
    kind: ClassVar[str] = "about"

    def __post_init__(self) -> None:
        if not isinstance(self.x, (int, float)) or isinstance(self.x, bool) or math.isnan(self.x):
            raise ValueError(f"about needs a number, got {self.x!r}")
        if not isinstance(self.tolerance_pct, (int, float)) or not 0 <= self.tolerance_pct < 100:
            raise ValueError(f"tolerance must be a percent from 0 to under 100, got {self.tolerance_pct!r}")

    def band(self, baseline=None):
        d = abs(self.x) * self.tolerance_pct / 100
        return (self.x - d, False, self.x + d, False)

    def label(self, lang: str = "vi") -> str:
        word = "khoảng" if lang == "vi" else "about"
        return f"{word} {number(self.x, lang)} (±{number(self.tolerance_pct, lang)}%)"

    @property
    def reference(self) -> float:
        return float(self.x)

    @property
    def params(self) -> tuple[float, float]:
        return float(self.x), float(self.tolerance_pct)


RULES: dict[str, type[Rule]] = {r.kind: r for r in (Above, AtLeast, Below, AtMost, Between, About,
                                                       ReduceBy, IncreaseBy)}
"""The closed vocabulary, in the order messages list it."""

# Short names, as the house style writes them: between(21, 22), above(10).
above, at_least, below, at_most = Above, AtLeast, Below, AtMost
between, about, reduce_by, increase_by = Between, About, ReduceBy, IncreaseBy


def make_rule(kind: str, value, tolerance=None) -> Rule:
    """Build a rule from a plan entry: ``make_rule('between', [21, 22])``.

    Raises ``ValueError`` with a reader's explanation when the value does not fit the rule.
    """
    if kind not in RULES:
        raise KeyError(kind)
    if kind == "between":
        if not isinstance(value, (list, tuple)) or len(value) != 2:
            raise ValueError(f"between needs two numbers [low, high], got {value!r}")
        return Between(*value)
    if isinstance(value, (list, tuple, dict)):
        raise ValueError(f"{kind} needs one number, got {value!r}")
    if kind == "about":
        return About(value) if tolerance is None else About(value, tolerance)
    return RULES[kind](value)
