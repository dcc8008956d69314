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
from .names import period_of

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


def _check(plan: Plan, basis: str) -> str:
    """The basis, checked: one of ``BASES`` or a year before the plan's."""
    basis = str(basis).strip()
    if basis not in BASES and not (basis.isdigit() and len(basis) == 4):
        raise KpiError(f"basis '{basis}' is not one of {', '.join(BASES)} or a year such as {plan.year - 1}; "
                       "choose one of them.")
    if basis.isdigit() and int(basis) >= plan.year:
        raise KpiError(f"basis '{basis}': a season comes from a year before the plan year {plan.year}; "
                       f"choose {plan.year - 1} or earlier.")
    return basis


def assess_what_if(plan: Plan, observations: pd.DataFrame, period: str | Period, *,
                   thresholds: Thresholds = Thresholds(), basis: str = "plan", lang: str = "vi") -> pd.DataFrame:
    """The assessment at ``period`` (``kpi.assess``'s frame) under ``thresholds`` and on the season ``basis``
    (see ``what_if``); a flow projected on a year's season says so in ``expected_basis`` / ``expected_years``
    (``history``, that year), on time elapsed ``linear``, so that charts name the season. Its ``season`` column
    says in words what each flow was projected on."""
    p = Period.parse(period_of(plan, observations, period))
    words = ANALYSIS[lang]
    basis = _check(plan, basis)
    targets, seasons, years = [], {}, {}
    for t in plan.targets:
        if t.measure != "flow" or basis == "plan" or (t.profile is not None and t.profile.name == "year_end"):
            targets.append(t)
            continue
        if basis == "linear":
            profile, said = Profile.from_points({}), words["season_linear"]
        else:
            year = plan.year - 1 if basis == "last_year" else int(basis)
            profile, said = season_of(plan, observations, t.id, year, lang)
            years[t.id] = str(year)
        if profile is None:
            said = words["season_kept"].format(reason=said)
            years.pop(t.id, None)
        seasons[t.id] = said
        targets.append(replace(t, profile=profile) if profile is not None else t)
    after = assess(replace(plan, targets=tuple(targets)), observations, p, lang=lang, thresholds=thresholds)
    rebased = after["indicator"].isin(years) | (after["indicator"].isin(seasons) & (basis == "linear"))
    rebased &= after["expected_basis"] == "profile"
    after.loc[rebased, "expected_basis"] = "linear" if basis == "linear" else "history"
    after.loc[rebased, "expected_years"] = [years.get(i, "") for i in after.loc[rebased, "indicator"]]
    plan_words = [_basis_words(b, y, p.month, lang) for b, y in zip(after["expected_basis"], after["expected_years"])]
    after["season"] = [seasons.get(i, w) if m == "flow" and not pd.isna(a) else "" for i, w, m, a in
                       zip(after["indicator"], plan_words, after["measure"], after["actual"])]  # no figure: no projection
    return after


def what_if(plan: Plan, observations: pd.DataFrame, period: str | Period, *, thresholds: Thresholds = Thresholds(),
            basis: str = "plan", lang: str = "vi") -> pd.DataFrame:
    """The assessment at ``period`` under other ``thresholds`` and/or on another season, beside the plan's own.

    Parameters
    ----------
    plan, observations : from ``kpi.load``.
    period : ``YYYY-MM``, ``YYYY-Qn``, ``'latest'`` or its name (``kpi.analysis.names.period_of``).
    thresholds : the thresholds of the what-if (the plan's assessment keeps ``Thresholds()``).
    basis : the season the flows are projected on: ``'plan'``, ``'linear'``, ``'last_year'`` or a year
        (``'2019'``). A flow counted only at the year end (``profile: year_end``) keeps it; a flow the chosen
        year gives no season for keeps the plan's basis, and ``season`` says why.
    lang : language of names, rules and the ``season`` words.

    Returns
    -------
    One row per target, in plan order: ``projection_before`` / ``status_before`` (the plan's assessment),
    ``projection_after`` / ``status_after`` (the what-if, ``assess_what_if``), ``season`` (what a flow was
    projected on in the what-if, '' for a level or a growth rate, or a target with no figure) and ``changed``
    (the status differs).
    """
    period = period_of(plan, observations, period)
    before = assess(plan, observations, period, lang=lang)
    after = assess_what_if(plan, observations, period, thresholds=thresholds, basis=basis, lang=lang)
    out = before[["indicator", "name", "rule", "actual", "as_of", "projection", "status"]].merge(
        after[["indicator", "projection", "status", "season"]], on="indicator", suffixes=("_before", "_after"))
    out["changed"] = out["status_before"] != out["status_after"]
    return out[COLUMNS]


def what_if_headline(table: pd.DataFrame, thresholds: Thresholds, basis: str, lang: str = "vi") -> str:
    """One sentence: how many verdicts the what-if changes, on which season and under which margin."""
    from ..text.formatting import number

    words = ANALYSIS[lang]
    said = words["bases"].get(basis) or words["bases"]["year"].format(year=basis)
    return words["what_if_headline"].format(changed=int(table["changed"].sum()), basis=said,
                                            at_risk=number(thresholds.at_risk_pct, lang))


def _basis_words(basis: str, years: str, month: int, lang: str) -> str:
    from ..text.labels import basis_text

    return basis_text(basis, years, month, lang)
