"""A department's view: the targets and inputs one owner reports, what it has sent for the period and what not,
and the verdicts on its targets — what the office discusses with that department."""
from __future__ import annotations

from datetime import date

import pandas as pd

from ..assessment.engine import Thresholds, assess
from ..assessment.reporting import target_reporting
from ..model.period import Period, slot_arrays
from ..model.plan import Plan
from .names import owner_code, period_of

COLUMNS = ["indicator", "name", "role", "rule", "actual", "unit", "as_of", "sent", "overdue", "status", "approximate"]


def owner_view(plan: Plan, observations: pd.DataFrame, owner: str, period: str | Period, *, lang: str = "vi",
               as_of: date | str | None = None, today: date | None = None,
               thresholds: Thresholds = Thresholds()) -> pd.DataFrame:
    """The targets, then the inputs, that the owner ``owner`` reports, at ``period``.

    Parameters
    ----------
    plan, observations : from ``kpi.load``.
    owner : the owner: its code or its name (``kpi.analysis.names.owner_code``); ``""``: the targets and inputs
        with no owner.
    period : ``YYYY-MM``, ``YYYY-Qn``, ``'latest'`` or its name (``period_of``).
    lang : language of the names and rules.
    as_of, today : the date overdue is judged on, as for ``kpi.reporting_table`` (default: the day after the
        period's deadline once it has passed).
    thresholds : the status thresholds.

    Returns
    -------
    One row per indicator the owner reports, in plan order: ``role`` (``target`` or ``input``), ``rule``,
    ``actual`` (the figure in force: the period's, or an earlier one, ``as_of``), ``sent`` (a figure of the period
    is on file; for a target, as the reporting table counts it), ``overdue`` (not sent after the cut-off day),
    ``status`` and ``approximate`` (targets only; an input has no verdict). A target not yet due
    (``profile: year_end`` before the year end) with no figure is ``sent`` False and not overdue.
    """
    p = Period.parse(period_of(plan, observations, period))
    owner = owner_code(plan, owner)
    status = assess(plan, observations, p, lang=lang, thresholds=thresholds)
    reporting = target_reporting(plan, status, as_of=as_of, today=today)
    overdue = set(reporting.loc[reporting["overdue"], "indicator"])
    late = reporting.attrs["due"] is not None and reporting.attrs["as_of"] > reporting.attrs["due"]
    ids = [i.id for i in plan.owned_by(owner)]
    targets = status[status["indicator"].isin(ids)]
    sent = (targets["as_of"] != "") & ~targets["stale"].astype(bool)
    rows = targets.assign(role="target", sent=sent, overdue=targets["indicator"].isin(overdue))

    inputs = [i for i in plan.owned_by(owner) if i.id not in set(status["indicator"])]
    if inputs:
        mine = observations[observations["indicator"].isin([i.id for i in inputs])]
        years, months = slot_arrays(mine["period"]) if len(mine) else ([], [])
        mine = mine[(pd.Series(years, index=mine.index, dtype=int) == p.year)
                    & (pd.Series(months, index=mine.index, dtype=int) <= p.month)].assign(
            _month=pd.Series(months, index=mine.index, dtype=int))
        last = mine.sort_values("_month", kind="stable").groupby("indicator").last()
        got = {i.id: (last.loc[i.id] if i.id in last.index else None) for i in inputs}
        rows = pd.concat([rows, pd.DataFrame([{
            "indicator": i.id, "name": i.name(lang), "role": "input", "rule": "", "unit": i.unit(lang),
            "actual": float(got[i.id]["value"]) if got[i.id] is not None else float("nan"),
            "as_of": got[i.id]["period"] if got[i.id] is not None else "",
            "sent": got[i.id] is not None and int(got[i.id]["_month"]) == p.month,
            "overdue": late and not (got[i.id] is not None and int(got[i.id]["_month"]) == p.month),
            "status": "", "approximate": False} for i in inputs])], ignore_index=True)
    return rows.reindex(columns=COLUMNS).reset_index(drop=True)


def owner_headline(plan: Plan, view: pd.DataFrame, owner: str, period: str | Period, lang: str = "vi") -> str:
    """One sentence of an owner's view: 'Sở Tài chính: 1/1 chỉ tiêu đã gửi số liệu 9 tháng 2021; đánh giá: 1 chậm
    tiến độ.' — its targets sent, overdue, and how many have each status (in the vocabulary's order)."""
    from ..text.labels import ANALYSIS, REPORTING, status_label
    from ..text.status import CODES

    words = ANALYSIS[lang]
    targets = view[view["role"] == "target"]
    counts = targets["status"].value_counts()
    verdicts = ", ".join(f"{counts[c]} {status_label(c, lang).lower()}" for c in CODES if c in counts) or "—"
    late = int(targets["overdue"].sum())
    return words["owner_headline"].format(
        owner=plan.owner(owner).name(lang) if owner else REPORTING[lang]["no_owner"], sent=int(targets["sent"].sum()), targets=len(targets),
        period=Period.parse(str(period)).in_text(lang), overdue=words["owner_overdue"].format(n=late) if late else "",
        verdicts=verdicts)
