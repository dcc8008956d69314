"""What if: the verdicts recomputed under other thresholds or on another season for the flows.

"If budget revenue grows like last year from here, where does it end?" is the projection on last year's season;
"what does the at-risk margin change?" is the assessment with another ``Thresholds``. Both are answered by the
engine itself (``kpi.assess``): the season is given to it as a declared profile of each flow, the thresholds as
they are, and the two assessments are set side by side.
"""
from __future__ import annotations

from dataclasses import replace

import pandas as pd

from ..assessment.engine import Thresholds, assess
from ..errors import KpiError
from ..model.period import MONTHS_PER_YEAR, Period, slot_arrays
from ..model.plan import Plan
from ..model.season import Profile
from ..text.labels import ANALYSIS

BASES = ("plan", "linear", "last_year")
"""The seasons a what-if may project the flows on (or a year, e.g. ``"2019"``): ``plan`` is the assessment's own
(a declared profile, else the median season of the earlier years, else linear), ``linear`` is m/12, ``last_year``
the season of the year before the plan's."""

COLUMNS = ["indicator", "name", "rule", "actual", "as_of", "projection_before", "projection_after", "season",
           "status_before", "status_after", "changed"]


def season_of(plan: Plan, observations: pd.DataFrame, indicator: str, year: int, lang: str = "vi") -> tuple[Profile | None, str]:
    """The season ``indicator`` followed in ``year`` as a profile (its cumulative figures over its year-end
    figure, linear between the month-ends on file and from 1 January to the first), and what it is in words;
    ``None`` and the reason when that year gives none (no year-end figure, or figures that fall)."""
    words = ANALYSIS[lang]
    rows = observations[observations["indicator"] == indicator]
    years, months = slot_arrays(rows["period"]) if len(rows) else ([], [])
    rows = rows.assign(_year=years, _month=months)
    rows = rows[rows["_year"] == year].groupby("_month")["value"].last()
    total = rows.get(MONTHS_PER_YEAR)
    if total is None or not total > 0:
        return None, words["no_season"].format(year=year)
    points = {int(m): float(v) / total * 100 for m, v in rows.items() if 0 < m < MONTHS_PER_YEAR}
    try:
        return replace(Profile.from_points(points), name=f"season_{year}"), words["season_year"].format(year=year)
    except ValueError:
        return None, words["falls"].format(year=year)


def what_if(plan: Plan, observations: pd.DataFrame, period: str | Period, *, thresholds: Thresholds = Thresholds(),
            basis: str = "plan", lang: str = "vi") -> pd.DataFrame:
    """The assessment at ``period`` under other ``thresholds`` and/or on another season, beside the plan's own.

    Parameters
    ----------
    plan, observations : from ``kpi.load``.
    period : ``YYYY-MM`` or ``YYYY-Qn``.
    thresholds : the thresholds of the what-if (the plan's assessment keeps ``Thresholds()``).
    basis : the season the flows are projected on: ``'plan'``, ``'linear'``, ``'last_year'`` or a year
        (``'2019'``). A flow counted only at the year end (``profile: year_end``) keeps it; a flow the chosen
        year gives no season for keeps the plan's basis, and ``season`` says why.
    lang : language of names, rules and the ``season`` words.

    Returns
    -------
    One row per target, in plan order: ``projection_before`` / ``status_before`` (the plan's assessment),
    ``projection_after`` / ``status_after`` (the what-if), ``season`` (what a flow was projected on in the
    what-if, '' for a level or a growth rate) and ``changed`` (the status differs).
    """
    p = Period.parse(str(period))
    words = ANALYSIS[lang]
    basis = str(basis).strip()
    if basis not in BASES and not (basis.isdigit() and len(basis) == 4):
        raise KpiError(f"basis '{basis}' is not one of {', '.join(BASES)} or a year such as {plan.year - 1}; "
                       "choose one of them.")
    if basis.isdigit() and int(basis) >= plan.year:
        raise KpiError(f"basis '{basis}': a season comes from a year before the plan year {plan.year}; "
                       f"choose {plan.year - 1} or earlier.")
    before = assess(plan, observations, p, lang=lang)
    targets, seasons = [], {}
    for t in plan.targets:
        keep = t.measure != "flow" or basis == "plan" or (t.profile is not None and t.profile.name == "year_end")
        if keep:
            targets.append(t)
            continue
        if basis == "linear":
            profile, said = Profile.from_points({}), words["season_linear"]
        else:
            profile, said = season_of(plan, observations, t.id, plan.year - 1 if basis == "last_year" else int(basis),
                                      lang)
        if profile is None:
            said = words["season_kept"].format(reason=said)
        seasons[t.id] = said
        targets.append(replace(t, profile=profile) if profile is not None else t)
    after = assess(replace(plan, targets=tuple(targets)), observations, p, lang=lang, thresholds=thresholds)
    out = before[["indicator", "name", "rule", "actual", "as_of", "projection", "status", "measure",
                  "expected_basis", "expected_years"]].merge(
        after[["indicator", "projection", "status"]], on="indicator", suffixes=("_before", "_after"))
    plan_words = [_basis_words(b, y, p.month, lang) for b, y in zip(out["expected_basis"], out["expected_years"])]
    out["season"] = [seasons.get(i, w) if m == "flow" and not pd.isna(a) else "" for i, w, m, a in
                     zip(out["indicator"], plan_words, out["measure"], out["actual"])]  # no figure: nothing projected
    out["changed"] = out["status_before"] != out["status_after"]
    return out[COLUMNS]


def _basis_words(basis: str, years: str, month: int, lang: str) -> str:
    from ..text.labels import basis_text

    return basis_text(basis, years, month, lang)
