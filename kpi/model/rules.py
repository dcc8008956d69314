"""The closed vocabulary of target rules, each a small frozen object that checks itself.

Every rule describes the band of values that meets it; the assessment compares a figure (or the
interval a qualified figure stands for) with that band. ``str(rule)`` is what tables print.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import ClassVar

import numpy as np

from ..text.formatting import number, singular
from ..text.labels import PERCENT_POINTS, PERCENT_POINTS_SHORT, RULE_WORDS

RULE_ABOUT_TOLERANCE_PCT = 2.0
"""Default tolerance of the *rule* ``about: x`` ("khoảng x" in a plan), in percent of x, when the plan
gives none. Not to be confused with ``Thresholds.figure_about_pct``, how far a *published figure*
"khoảng x" may lie from x."""

INF = math.inf
_F, _T = False, True


@dataclass(frozen=True)
class Rule:
    """Base of all rules; ``kind`` is the word used in plan files."""

    kind: ClassVar[str] = ""
    needs_baseline: ClassVar[bool] = False
    percent_follows: ClassVar[bool] = True
    """Whether a percent unit's sign follows the label ('trên 10%'); not for a label that ends in a percent of
    its own ('khoảng 100 (±2%)')."""

    @staticmethod
    def bands(a: np.ndarray, b: np.ndarray, baseline: np.ndarray) -> tuple:
        """Vectorised band of many rules of this kind: ``(low, low_open, high, high_open)`` arrays.

        ``a`` and ``b`` are the rules' ``params``; ``baseline`` is last year's level (NaN if none).
        The one definition of what meets a rule: ``band()`` and the assessment engine both use it.
        An unbounded end (±∞) counts as closed, so that a figure "hơn x" (x, ∞) lies inside "trên x".
        """
        raise NotImplementedError

    @staticmethod
    def achieved(actual: np.ndarray, a: np.ndarray, baseline: np.ndarray) -> np.ndarray:
        """Vectorised attainment, in percent of the rule's number ("đạt X% kế hoạch"); NaN where
        the rule has no single amount to attain (a cap, a band, a range)."""
        return np.full(np.shape(actual), np.nan)

    def band(self, baseline: float | None = None) -> tuple[float, bool, float, bool]:
        """The values that meet the rule as ``(low, low_open, high, high_open)``."""
        a, b = self.params
        base = math.nan if baseline is None else baseline
        lo, lo_open, hi, hi_open = self.bands(np.array([a]), np.array([b]), np.array([float(base)]))
        return (float(lo[0]), bool(lo_open[0]), float(hi[0]), bool(hi_open[0]))

    def label(self, lang: str = "vi") -> str:
        """The rule as a reader says it: ``'trên 10'``, ``'21–22'``."""
        raise NotImplementedError

    def __str__(self) -> str:
        return self.label("vi")

    def text(self, unit: str, lang: str = "vi", *, with_unit: bool = True) -> str:
        """The rule as text prints it: a percent unit's sign after the number ('trên 10%', '21–22%'), a change of
        a percent in percentage points ('giảm ít nhất 2 điểm phần trăm'; 'điểm %' in a table, not ``with_unit``),
        another unit after the rule ('đạt 1.000 tỷ đồng'; not ``with_unit``, where a column of its own gives the
        unit: 'đạt 1.000'). 'khoảng 100 (±2%)' ends in its own percent and takes no unit."""
        label = self.label(lang)
        if not self.percent_follows or not unit.strip():
            return label
        if lang == "en" and self.reference == 1:  # 'at least 1 product', not '1 products'
            unit = singular(unit)
        if unit.strip() == "%":
            points = PERCENT_POINTS if with_unit else PERCENT_POINTS_SHORT
            return label + (points[lang] if self.needs_baseline else "%")
        return f"{label} {unit}" if with_unit else label

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

    def __post_init__(self) -> None:
        if not isinstance(self.x, (int, float)) or isinstance(self.x, bool) or math.isnan(self.x):
            raise ValueError(f"{self.kind} needs a number, got {self.x!r}")

    def label(self, lang: str = "vi") -> str:
        return f"{RULE_WORDS[lang][self.kind]} {number(self.x, lang)}"

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

    @staticmethod
    def bands(a, b, baseline):
        return a, np.full(a.shape, _T), np.full(a.shape, INF), np.full(a.shape, _F)

    achieved = staticmethod(lambda actual, a, baseline: actual / a * 100)


@dataclass(frozen=True)
class AtLeast(_Threshold):
    """x or more ("đạt")."""

    kind: ClassVar[str] = "at_least"

    @staticmethod
    def bands(a, b, baseline):
        return a, np.full(a.shape, _F), np.full(a.shape, INF), np.full(a.shape, _F)

    achieved = staticmethod(lambda actual, a, baseline: actual / a * 100)


@dataclass(frozen=True)
class Below(_Threshold):
    """Strictly less than x ("dưới")."""

    kind: ClassVar[str] = "below"

    @staticmethod
    def bands(a, b, baseline):
        return np.full(a.shape, -INF), np.full(a.shape, _F), a, np.full(a.shape, _T)


@dataclass(frozen=True)
class AtMost(_Threshold):
    """x or less ("không quá")."""

    kind: ClassVar[str] = "at_most"

    @staticmethod
    def bands(a, b, baseline):
        return np.full(a.shape, -INF), np.full(a.shape, _F), a, np.full(a.shape, _F)


@dataclass(frozen=True)
class ReduceBy(_Threshold):
    """At least x below the level at the end of the previous year ("giảm ít nhất")."""

    kind: ClassVar[str] = "reduce_by"
    needs_baseline: ClassVar[bool] = True

    @staticmethod
    def bands(a, b, baseline):
        return np.full(a.shape, -INF), np.full(a.shape, _F), baseline - a, np.full(a.shape, _F)

    achieved = staticmethod(lambda actual, a, baseline: (baseline - actual) / a * 100)


@dataclass(frozen=True)
class IncreaseBy(_Threshold):
    """At least x above the level at the end of the previous year ("tăng thêm")."""

    kind: ClassVar[str] = "increase_by"
    needs_baseline: ClassVar[bool] = True

    @staticmethod
    def bands(a, b, baseline):
        return baseline + a, np.full(a.shape, _F), np.full(a.shape, INF), np.full(a.shape, _F)

    achieved = staticmethod(lambda actual, a, baseline: (actual - baseline) / a * 100)


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

    @staticmethod
    def bands(a, b, baseline):
        return a, np.full(a.shape, _F), b, np.full(a.shape, _F)

    def label(self, lang: str = "vi") -> str:
        return f"{number(self.low, lang)}–{number(self.high, lang)}"

    @property
    def params(self) -> tuple[float, float]:
        return float(self.low), float(self.high)


@dataclass(frozen=True)
class About(Rule):
    """About x: within ``tolerance_pct`` percent of x, ends included ("khoảng")."""

    x: float
    tolerance_pct: float = field(default=RULE_ABOUT_TOLERANCE_PCT)
    kind: ClassVar[str] = "about"
    percent_follows: ClassVar[bool] = False

    def __post_init__(self) -> None:
        if not isinstance(self.x, (int, float)) or isinstance(self.x, bool) or math.isnan(self.x):
            raise ValueError(f"about needs a number, got {self.x!r}")
        if not isinstance(self.tolerance_pct, (int, float)) or not 0 <= self.tolerance_pct < 100:
            raise ValueError(f"tolerance must be a percent from 0 to under 100, got {self.tolerance_pct!r}")

    @staticmethod
    def bands(a, b, baseline):
        d = np.abs(a) * b / 100
        return a - d, np.full(a.shape, _F), a + d, np.full(a.shape, _F)

    def label(self, lang: str = "vi") -> str:
        word = RULE_WORDS["vi" if lang == "vi" else "en"]["about"]
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

def bands_of(kind: np.ndarray, a: np.ndarray, b: np.ndarray, baseline: np.ndarray) -> tuple:
    """Vectorised band of rules of mixed kinds: each kind's own ``bands``, applied to its rows.

    Returns ``(low, low_open, high, high_open)``, rounded to 9 decimals (the precision figures are
    compared at). A kind outside the vocabulary raises ``KeyError``.
    """
    n = len(kind)
    lo, hi = np.full(n, np.nan), np.full(n, np.nan)
    lo_open, hi_open = np.zeros(n, bool), np.zeros(n, bool)
    for k in np.unique(kind):
        m = kind == k
        lo[m], lo_open[m], hi[m], hi_open[m] = RULES[k].bands(a[m], b[m], baseline[m])
    return np.round(lo, 9), lo_open, np.round(hi, 9), hi_open


BASELINE_KINDS = tuple(k for k, r in RULES.items() if r.needs_baseline)
"""The kinds whose band is set from last year's level (``reduce_by``, ``increase_by``)."""


def achieved_of(kind: np.ndarray, actual: np.ndarray, a: np.ndarray, baseline: np.ndarray) -> np.ndarray:
    """Vectorised attainment in percent for rules of mixed kinds (NaN where it does not apply)."""
    out = np.full(len(kind), np.nan)
    with np.errstate(divide="ignore", invalid="ignore"):
        for k in np.unique(kind):
            m = kind == k
            out[m] = RULES[k].achieved(actual[m], a[m], baseline[m])
    return out


# Short names, as the house style writes them: between(21, 22), above(10).
above, at_least, below, at_most = Above, AtLeast, Below, AtMost
between, about, reduce_by, increase_by = Between, About, ReduceBy, IncreaseBy


def from_params(kind: str, a: float, b: float) -> Rule:
    """The rule of a row of the assessment frame: its ``rule_kind`` and its two numbers (``Rule.params``)."""
    if kind == "between":
        return Between(a, b)
    if kind == "about":
        return About(a, b)
    return RULES[kind](a)


def rule_words(row, lang: str = "vi", *, with_unit: bool = True) -> str:
    """The rule of an assessed target in words, from its codes and numbers (``rule_kind``, ``rule_a``,
    ``rule_b``) and its ``unit``: what every output prints (``Rule.text``); never parsed back."""
    return from_params(row["rule_kind"], row["rule_a"], row["rule_b"]).text(row["unit"], lang, with_unit=with_unit)


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
