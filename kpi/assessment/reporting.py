"""Who has reported: for a period, which owners gave a figure for all their targets, for some, or for none.

An owner owes, for a period, the figures its targets' publication calendars make due in that period's report
(``kpi.model.publication``: a quarterly figure at 3, 6, 9 and 12 months, a yearly one at the year's end only), and
not those of a target whose declared profile expects nothing yet (``profile: year_end`` before the year end). A
target counts as reported when the assessment uses a figure of the period itself; a figure of the period that was
not due counts too. An owner that has not reported everything it owes is overdue once a missing figure's own
deadline (its calendar's ``lag_days`` after the period, else the plan's cut-off day) has passed on the report's
as-of date.
"""
from __future__ import annotations

import textwrap
from datetime import date

import pandas as pd

from ..text.labels import REPORTING
from ..model.period import Period
from ..model.plan import Plan

COLUMNS = ("owner", "name", "targets", "reported", "state", "due", "overdue", "missing")


def report_date(plan: Plan, period: Period | str, today: date | None = None) -> date:
    """The date a period's report is made as of, on which overdue is judged: for a period whose reporting deadline
    has passed, the day after it (the first day a missing figure is overdue), so a report rendered again years later
    says what it said then; before that, ``today``. The deadline is the plan's cut-off day of the month after the
    period (``reporting: {cutoff_day: d}``), else the last day of that month."""
    import calendar
    from datetime import timedelta

    from ..inputs.workbook import cutoff_date

    period = Period.parse(str(period))
    deadline = cutoff_date(plan, period)
    if deadline is None:
        year, month = (period.year + 1, 1) if period.month == 12 else (period.year, period.month + 1)
        deadline = date(year, month, calendar.monthrange(year, month)[1])
    today = today or date.today()
    return min(deadline + timedelta(days=1), today)


def as_of_date(text: str) -> date:
    """A date typed as YYYY-MM-DD (``--as-of``); ``ValueError`` with the fix otherwise."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"'{text}' is not a date; write it as YYYY-MM-DD, e.g. 2021-10-21.") from None


def target_reporting(plan: Plan, status: pd.DataFrame, *, as_of: date | str | None = None,
                     today: date | None = None) -> pd.DataFrame:
    """One row per target expected for the period (in plan order): whether its figure is in, and if not, whether
    it is overdue. ``reporting_table`` counts these rows per owner.

    Parameters
    ----------
    plan, status, as_of, today : as for ``reporting_table``.

    Returns
    -------
    ``status``'s rows of the targets expected for the period (a target whose calendar owes no figure for the period,
    or not yet due by its profile, with no figure is left out), with ``owner`` (its code, ``""`` for none),
    ``current`` (a figure of the period is on file: it counts as reported) and ``overdue`` (no figure of the period,
    its deadline passed on ``as_of``: ``lag_days`` after the period, else the plan's cut-off day). ``attrs``
    holds ``due`` (the cut-off date, or None) and ``as_of`` (the date judged on).
    """
    from ..inputs.workbook import cutoff_date

    period = Period.parse(status["period"].iloc[0])
    as_of = as_of_date(as_of) if isinstance(as_of, str) else as_of or report_date(plan, period, today)
    due = cutoff_date(plan, period)
    owner_of = {t.id: t.owner for t in plan.targets}
    y, m = period.year, period.month
    # a figure of the period itself (the calendar decides what is owed, not what is current in the assessment)
    current = status["as_of"].map(lambda p: bool(p) and Period.parse(p).month == m).astype(bool)
    due_now = {t.id: t.calendar.due_month(y, m, plan.cutoff_day) == m
               and (t.profile is None or t.profile.shares[m] > 0) for t in plan.targets}
    late = {t.id: t.calendar.published_by(y, m, plan.cutoff_day) < as_of if t.calendar.lag_days is not None
            else due is not None and as_of > due for t in plan.targets}  # each figure's own deadline passed
    expected = current | status["indicator"].map(due_now).astype(bool)
    frame = status.assign(owner=status["indicator"].map(owner_of).fillna(""), current=current,
                          overdue=~current & status["indicator"].map(late).astype(bool))[expected]
    frame.attrs.update(due=due, as_of=as_of)
    return frame


def reporting_table(plan: Plan, status: pd.DataFrame, *, lang: str = "vi", as_of: date | str | None = None,
                    today: date | None = None) -> pd.DataFrame:
    """One row per owner of the plan's targets (in plan order; targets with no owner last, owner ``""``).

    Empty for a plan that names no owners.

    Parameters
    ----------
    plan : the plan.
    status : its assessment for one period (``kpi.assess``).
    lang : language of the ``name`` and ``missing`` columns.
    as_of : the date overdue is judged on (a date, or YYYY-MM-DD); default ``report_date``: for a past period
        the day after its deadline, whatever day it is rendered.
    today : what ``report_date`` takes for today (tests).

    Returns
    -------
    Columns ``owner``, ``name``, ``targets`` (expected for the period), ``reported``, ``state``
    (complete, partial, none), ``due`` (the cut-off date, or None), ``overdue`` (not complete after
    the cut-off) and ``missing`` (the names of the targets with no figure of the period, '; '-separated).
    """
    if not plan.owners:
        return pd.DataFrame(columns=list(COLUMNS))
    frame = target_reporting(plan, status, as_of=as_of, today=today)
    due, as_of = frame.attrs["due"], frame.attrs["as_of"]
    order = [o.code for o in plan.owners] + [""]
    rows = []
    for code in order:
        mine = frame[frame["owner"] == code]
        if mine.empty:
            continue
        reported = int(mine["current"].sum())
        state = "complete" if reported == len(mine) else "none" if reported == 0 else "partial"
        name = plan.owner(code).name(lang) if code else REPORTING[lang]["no_owner"]
        rows.append(dict(owner=code, name=name, targets=len(mine), reported=reported, state=state, due=due,
                         overdue=bool(mine["overdue"].any()),
                         missing="; ".join(plan.target(i).name(lang) for i in mine.loc[~mine["current"], "indicator"])))
    table = pd.DataFrame(rows, columns=list(COLUMNS))
    table.attrs["as_of"] = as_of  # printed with the table: the date its 'overdue' was judged on
    return table


def as_of_words(table: pd.DataFrame, lang: str = "vi") -> str:
    """'hạn gửi 20/10/2021; tính đến ngày 21/10/2021': the deadline and the date the table was judged on."""
    words = REPORTING[lang]
    due = table["due"].dropna()
    parts = [f"{words['due'].lower()} {due.iloc[0].strftime('%d/%m/%Y')}"] if len(due) else []
    if table.attrs.get("as_of") is not None:
        parts.append(f"{words['as_of']} {table.attrs['as_of'].strftime('%d/%m/%Y')}")
    return "; ".join(parts)


def terminal(table: pd.DataFrame, lang: str = "vi") -> str:
    """The reporting table as plain text lines for ``kpi status``."""
    from ..text.safetext import printable

    words = REPORTING[lang]
    when = as_of_words(table, lang)
    lines = [words["title"] + (f" ({when})" if when else "")]
    for r in table.itertuples(index=False):
        state = words["states"][r.state] + (f", {words['overdue']}" if r.overdue else "")
        name = textwrap.wrap(printable(r.name), 44) or [""]  # a long name wraps; it is never cut
        lines.append(f"  {printable(r.owner or '—'):<9} {name[0]:<44} {r.reported:>3}/{r.targets:<3} {state}")
        lines += [f"  {'':<9} {more}" for more in name[1:]]
    return "\n".join(lines) + "\n"
