"""What changed between two periods: the first thing a planner reads before a meeting.

Four frames: the figures added (figures of the plan year for the periods after the earlier one, up to the later
one), the figures revised (the revision log, ``revisions.csv``, between the days the two reports are made as of),
the verdicts that moved (the assessment at each period, compared target by target), and the targets overdue at the
later period, with whether they were already overdue at the earlier one.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import pandas as pd

from ..assessment.engine import Thresholds, assess
from ..assessment.reporting import report_date, target_reporting
from ..errors import KpiError
from ..inputs.revisions import load_revisions, revisions_path
from ..model.period import Period, slot_arrays
from ..model.plan import Plan
from .names import period_of

ADDED = ["indicator", "name", "period", "value", "unit", "qualifier", "kind", "source"]
REVISED = ["indicator", "name", "period", "old_value", "new_value", "old_source", "new_source", "when", "owner"]
MOVED = ["indicator", "name", "status_before", "status_after", "actual_before", "actual_after", "as_of_before",
         "as_of_after"]
OVERDUE = ["indicator", "name", "owner", "owner_name", "due", "newly"]


@dataclass(frozen=True)
class Changes:
    """What changed from ``since`` to ``until``; each frame is described in ``changes``."""

    since: str
    until: str
    added: pd.DataFrame
    revised: pd.DataFrame
    moved: pd.DataFrame
    overdue: pd.DataFrame
    assessments: pd.DataFrame
    """The assessment at ``since`` and at ``until``, stacked (``kpi.assess``'s frames): for the scorecard."""

    def sides(self, lang: str = "vi") -> dict[str, str]:
        """The two periods by name, for the heads of ``moved`` (``kpi.analysis.tables.readable``)."""
        return {"before": Period.parse(self.since).label(lang), "after": Period.parse(self.until).label(lang)}

    def headline(self, lang: str = "vi") -> str:
        """One sentence: how many figures were added and revised, verdicts moved, targets newly overdue."""
        from ..text.labels import ANALYSIS

        return ANALYSIS[lang]["changes_headline"].format(
            since=Period.parse(self.since).in_text(lang), until=Period.parse(self.until).in_text(lang),
            added=len(self.added), revised=len(self.revised), moved=len(self.moved),
            newly=int(self.overdue["newly"].sum()), overdue=len(self.overdue))


def revisions_of(plan: Plan) -> pd.DataFrame:
    """The plan folder's revision log, checked (``kpi.inputs.revisions.load_revisions``); empty when it has none."""
    from ..inputs.revisions import COLUMNS

    path = revisions_path(plan.path.parent) if plan.path is not None else None  # plan.path is its plan.yaml
    if path is None or not path.exists():
        return pd.DataFrame(columns=list(COLUMNS), dtype=object)
    return load_revisions(path, plan)


def _pair(plan: Plan, since: str | Period | None, until: str | Period) -> tuple[Period, Period]:
    """The two periods, checked: both of the plan year, the first before the second."""
    until = Period.parse(str(until))
    if since in (None, ""):
        since = until.previous()
        if since.year != plan.year:
            raise KpiError(f"{until} is the first {'quarter' if until.is_quarter else 'month'} of the plan year "
                           f"{plan.year}: there is no earlier period of the plan to compare it with; give a later "
                           "period.")
    since = Period.parse(str(since))
    if since.year != plan.year:
        raise KpiError(f"period '{since}' is outside the plan year {plan.year}; compare two periods of {plan.year}.")
    if since.month >= until.month:
        raise KpiError(f"period '{since}' does not come before '{until}'; give the earlier period first "
                       f"(e.g. since {until.previous()}, until {until}).")
    return since, until


def _day(text: str) -> date | None:
    """The day of a log's 'when' (its own time zone's day)."""
    try:
        return datetime.fromisoformat(text).date()
    except ValueError:
        return None


def changes(plan: Plan, observations: pd.DataFrame, until: str | Period, since: str | Period | None = None, *,
            revisions: pd.DataFrame | None = None, lang: str = "vi", thresholds: Thresholds = Thresholds(),
            today: date | None = None) -> Changes:
    """What changed from the period ``since`` (default: the period before ``until``, of the same kind) to ``until``.

    Parameters
    ----------
    plan, observations : from ``kpi.load``.
    until : the later period of the plan year: ``YYYY-MM``, ``YYYY-Qn``, ``'latest'`` or its name (``period_of``).
    since : the earlier period of the plan year; a quarter and a month may be compared (``2021-Q2`` to ``2021-08``).
    revisions : the revision log (default: the plan folder's ``revisions.csv``, ``revisions_of``).
    lang : language of the names.
    thresholds : the status thresholds of both assessments.
    today : what ``kpi.assessment.reporting.report_date`` takes for today (tests).

    Returns
    -------
    ``Changes`` with four frames:

    - ``added``: the figures on file for the plan's targets and inputs whose period ends after ``since`` and by
      ``until`` (the file records no arrival date: a late figure of an earlier period is not "added").
    - ``revised``: each figure the log says was replaced after the day ``since``'s report is made as of, up to the
      day ``until``'s is (``report_date``), with the old and the new value and source.
    - ``moved``: each target whose status differs between the two assessments, with both statuses and figures.
    - ``overdue``: each target with no figure of ``until`` after its cut-off day, its owner, and ``newly``: True
      when it was not overdue at ``since``.
    """
    until = period_of(plan, observations, until)
    since = period_of(plan, observations, since) if since not in (None, "") else None
    since, until = _pair(plan, since, until)
    name = {i.id: i.name(lang) for i in plan.indicators.values()}
    unit = {i.id: i.unit(lang) for i in plan.indicators.values()}

    mine = observations[observations["indicator"].isin(plan.indicators)]
    years, months = slot_arrays(mine["period"]) if len(mine) else ([], [])
    new = mine[(pd.Series(years, index=mine.index, dtype=int) == plan.year)
               & (pd.Series(months, index=mine.index, dtype=int) > since.month)
               & (pd.Series(months, index=mine.index, dtype=int) <= until.month)]
    added = new.assign(name=new["indicator"].map(name), unit=new["indicator"].map(unit))
    added = added.reindex(columns=ADDED).reset_index(drop=True)

    log = revisions_of(plan) if revisions is None else revisions
    start, end = report_date(plan, since, today), report_date(plan, until, today)
    days = log["when"].map(_day)
    log = log[days.map(lambda d: d is not None and start < d <= end).astype(bool)]
    revised = pd.DataFrame({
        "indicator": log["indicator"], "name": log["indicator"].map(name), "period": log["period"],
        "old_value": pd.to_numeric(log["old_value"], errors="coerce").astype(float),
        "new_value": pd.to_numeric(log["new_value"], errors="coerce").astype(float),
        "old_source": log["old_source"], "new_source": log["new_source"], "when": log["when"], "owner": log["owner"],
    }, columns=REVISED).reset_index(drop=True)

    before = assess(plan, observations, since, lang=lang, thresholds=thresholds)
    after = assess(plan, observations, until, lang=lang, thresholds=thresholds)
    both = after.merge(before[["indicator", "status", "actual", "as_of"]], on="indicator", suffixes=("_after", "_before"))
    moved = both[both["status_after"] != both["status_before"]].reindex(columns=MOVED).reset_index(drop=True)

    late_now = target_reporting(plan, after, today=today)
    late_then = target_reporting(plan, before, today=today)
    late_now = late_now[late_now["overdue"]]
    owners = {o.code: o.name(lang) for o in plan.owners}
    overdue = pd.DataFrame({
        "indicator": late_now["indicator"], "name": late_now["name"], "owner": late_now["owner"],
        "owner_name": late_now["owner"].map(owners).fillna(""), "due": late_now.attrs["due"],
        "newly": ~late_now["indicator"].isin(late_then.loc[late_then["overdue"], "indicator"]),
    }, columns=OVERDUE).reset_index(drop=True)
    return Changes(str(since), str(until), added, revised, moved, overdue,
                   pd.concat([before, after], ignore_index=True))
