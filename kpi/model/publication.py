"""When an indicator's figures are published: how often, and how long after the period (``calendar:`` in the plan).

A figure is *due* for a report only where its indicator publishes at a period up to the report's and that
figure comes out by the report's deadline. Otherwise the latest figure at the indicator's own frequency is its
current figure: a half-yearly figure of 6 months is current in the report of 8 months, a yearly one is due only
in the report of the year. The assessment (stale or current, ``no_data`` or ``not_due``) and the reporting table
(what each owner owes, overdue) both ask the calendar, and nothing else.
"""
from __future__ import annotations

import calendar as _days
from dataclasses import dataclass
from datetime import date, timedelta

FREQUENCIES = {"monthly": 1, "quarterly": 3, "half_yearly": 6, "yearly": 12}
"""Each frequency a plan may declare, and the months between two figures (figures end at months 3, 6, 9, 12 for
``quarterly``)."""
MAX_LAG_DAYS = 366


def deadline(year: int, month: int, cutoff_day: int | None) -> date:
    """The reporting deadline of the period ending in ``month`` of ``year``: day ``cutoff_day`` of the month after
    (the month's last day if shorter), or the last day of the month after when the plan gives no cut-off day."""
    year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    last = _days.monthrange(year, month)[1]
    return date(year, month, last if cutoff_day is None else min(cutoff_day, last))


@dataclass(frozen=True)
class Calendar:
    """How often an indicator is published (``frequency``) and how many days after its period ends it comes
    (``lag_days``; ``None``: by the plan's reporting deadline, ``reporting: {cutoff_day: d}``)."""

    frequency: str = "monthly"
    lag_days: int | None = None

    def __post_init__(self) -> None:
        if self.frequency not in FREQUENCIES:
            raise ValueError(f"frequency '{self.frequency}' is not one of {', '.join(FREQUENCIES)}")
        lag = self.lag_days
        if lag is not None and (isinstance(lag, bool) or not isinstance(lag, int) or not 0 <= lag <= MAX_LAG_DAYS):
            raise ValueError(f"lag_days {lag!r} is not a whole number of days from 0 to {MAX_LAG_DAYS}")

    @property
    def months(self) -> int:
        """Months between two figures: 1, 3, 6 or 12."""
        return FREQUENCIES[self.frequency]

    def publishes_at(self, month: int) -> bool:
        """True if a figure is published for the period ending in ``month`` (1-12): 6 and 12 for half-yearly."""
        return month % self.months == 0

    def published_by(self, year: int, month: int, cutoff_day: int | None) -> date:
        """The day the figure of the period ending in ``month`` is due: ``lag_days`` after the month's last day, else
        the plan's reporting deadline."""
        if self.lag_days is None:
            return deadline(year, month, cutoff_day)
        return date(year, month, _days.monthrange(year, month)[1]) + timedelta(days=self.lag_days)

    def due_month(self, year: int, month: int, cutoff_day: int | None) -> int:
        """The end month of the latest figure due in the report of the period ending in ``month`` (0: none this
        year): the latest month up to ``month`` at which the indicator publishes, whose figure is due by the
        report's own deadline. A yearly indicator at 9 months: 0; a half-yearly one at 8 months: 6."""
        report = deadline(year, month, cutoff_day)
        for m in range(month - month % self.months, 0, -self.months):
            if self.published_by(year, m, cutoff_day) <= report:
                return m
        return 0


MONTHLY = Calendar()
"""The calendar of an indicator whose plan declares none: a figure every month, by the reporting deadline."""
