"""The assessment: for every target, where it stands at a period and whether the year will be won.

Method, stage by stage (each a short vectorised function over one frame, one row per area × target):

1. ``figure_in_force`` — the latest figure of the plan year up to the period's end month. It is
   *current* if it is for the latest period its publication calendar made due by the report
   (``kpi.model.publication``: a yearly figure is due only at the year end, a half-yearly one of 6 months
   is current at 8 months), *stale* if older; a target with no figure this year has none, and is not
   due where its calendar had no figure due yet.
2. ``baselines`` — last year's year-end level (the base of ``reduce_by`` / ``increase_by``) and the
   figure of the same month a year earlier ("cùng kỳ năm trước").
3. ``expected_shares`` — for flows, the share of the year-end total normally reached by the period
   (and by the figure's own month): a profile declared in the plan, else the median share of the
   earlier years on file, else linear (m/12).
4. ``projections`` — a flow's year-end projection is its figure divided by the share expected by
   the figure's month; a level or a growth rate projects its latest value.
5. ``verdicts`` — at the year's last month a current figure is judged by the rule itself (met /
   missed). Earlier, and for a stale figure at its own month, the projection is judged: on track,
   at risk (short by at most ``Thresholds.at_risk_pct`` of the target), off track; a flow already at
   an open-ended target is met; a flow counted only at year end is not yet due. A figure published
   as "khoảng x" is judged on x, marked approximate where x ± ``Thresholds.figure_about_pct`` would
   reach the other side; a one-sided bound ("hơn x") that straddles the rule is undetermined.

``assess`` handles one plan, ``assess_many`` several areas at once; ``Thresholds`` holds every number
behind the status words.
"""
from __future__ import annotations

from collections.abc import Sequence
from operator import attrgetter
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .accounts import derive
from ..errors import KpiError
from ..model.period import MONTHS_PER_YEAR, Period, in_plan_year, slot_arrays
from ..model.plan import Plan
from ..model.rules import BASELINE_KINDS, achieved_of, bands_of
from ..model.season import history_shares, share_grid
from ..text.labels import GROUP_LABELS
from ..text.status import CODES

KEYS = ["area", "indicator"]
PROJECTED = ("seasonal", "profile", "run_rate")
"""Projection methods that extrapolate a partial-year figure (the others restate a figure)."""


@dataclass(frozen=True)
class Thresholds:
    """The numbers behind the status words.

    at_risk_pct : a target whose year-end projection falls short of the rule by at most this
        percent of the target (for flows: attainment at least 90% of the expected progress) is
        ``at_risk``; a larger shortfall is ``off_track``.
    figure_about_pct : a figure published as "khoảng x" is judged on x; its verdict is marked
        approximate when x ± this percent would reach the other side of the rule. (The *rule*
        ``about`` has its own tolerance, ``kpi.model.rules.RULE_ABOUT_TOLERANCE_PCT``.)
    figure_near_pct : a figure published as "gần x" (nearly x) stands for the values from x less this percent up
        to x, not for any value below x; its verdict is marked approximate where this reading decides it
        ("gần 1.980" against "trên 1.900" is met, ≈; "gần 1.905" stays undetermined).
    """

    at_risk_pct: float = 10.0
    figure_about_pct: float = 5.0
    figure_near_pct: float = 2.0


COLUMNS = ["indicator", "group", "group_name", "measure", "rule", "rule_kind", "rule_a", "rule_b", "rule_since", "rule_source", "target", "target_low", "target_high", "unit",
           "actual", "qualifier", "as_of", "stale", "baseline", "last_year", "gap", "attainment_pct",
           "expected_pct", "expected_basis", "expected_years", "projection", "projection_method", "required_pace",
           "status", "approximate", "kind", "source", "derived", "note",
           "stretch_kind", "stretch_a", "stretch_b", "stretch_target", "stretch_gap", "stretch_attainment_pct", "also"]


def targets_frame(plan: Plan, lang: str = "vi") -> pd.DataFrame:
    """The plan's targets as a frame: one row per target, rule parameters in columns, words in ``lang``."""
    ts = plan.targets
    params = np.array([t.rule.params for t in ts], dtype=float).reshape(len(ts), 2)

    def column(attribute: str) -> list:  # attrgetter runs in C: a third of the time of a comprehension
        return list(map(attrgetter(attribute), ts))

    rank = {g.code: k for k, g in enumerate(plan.groups)}  # the report's sections follow the plan's groups
    order = np.argsort(np.argsort([rank.get(t.group, len(rank)) for t in ts], kind="stable"), kind="stable")
    return pd.DataFrame({
        "area": plan.id, "order": order, "indicator": column("id"),
        "group": column("group"), "group_name": [plan.group_name(t.group, lang) for t in ts],
        "measure": column("measure"),
        "rule": [t.rule.text(t.unit_vi, lang, with_unit=False) for t in ts],
        "rule_kind": column("rule.kind"), "a": params[:, 0], "b": params[:, 1],
        "target": column("rule.reference"), "unit": column("unit_vi" if lang == "vi" else "unit_en"),
        "name": column("name_vi" if lang == "vi" else "name_en"), "parent": [p or "" for p in column("parent")], "year": plan.year,
        "profile": column("profile"), "calendar": column("calendar"), "cutoff_day": plan.cutoff_day, "lang": lang,
        # an amended target (``revised:``): the day its rule in force took effect, and the decision
        "rule_since": [t.amended.since.isoformat() if t.amended else "" for t in ts],
        "rule_source": [t.amended.source if t.amended else "" for t in ts],
        # the stretch target ("chỉ tiêu phấn đấu") as codes and numbers, like the rule; '' where none
        "stretch_kind": [t.stretch.kind if t.stretch else "" for t in ts],
        "stretch_a": [t.stretch.params[0] if t.stretch else np.nan for t in ts],
        "stretch_b": [t.stretch.params[1] if t.stretch else np.nan for t in ts],
        "also": [tuple((r.name(lang), r.value) for r in t.also) for t in ts],
    })


# --- the comparison of a figure with a rule -----------------------------------------------------------
def _value_interval(value: np.ndarray, qualifier: np.ndarray, near_pct: float | None = None):
    """The values a published figure stands for: 'hơn x' is (x, ∞); 'gần x' is [x − near_pct %, x), or (−∞, x)
    read as an open bound (``near_pct`` None); x otherwise."""
    value = np.round(value, 9)  # the precision bands are compared at (see rules.bands_of)
    more, less = qualifier == "more_than", qualifier == "less_than"
    below = -np.inf if near_pct is None else np.round(value - np.abs(value) * near_pct / 100, 9)
    return (np.where(less, below, value), more, np.where(more, np.inf, value), less)


def verdict(v_lo, v_lo_open, v_hi, v_hi_open, t_lo, t_lo_open, t_hi, t_hi_open) -> np.ndarray:
    """'met' if every value the figure stands for meets the rule, 'missed' if none does, else 'undetermined'."""
    inside_lo = (v_lo > t_lo) | ((v_lo == t_lo) & (~t_lo_open | v_lo_open))
    inside_hi = (v_hi < t_hi) | ((v_hi == t_hi) & (~t_hi_open | v_hi_open))
    apart = ((v_hi < t_lo) | ((v_hi == t_lo) & (v_hi_open | t_lo_open))
             | (v_lo > t_hi) | ((v_lo == t_hi) & (v_lo_open | t_hi_open)))
    return np.where(inside_lo & inside_hi, "met", np.where(apart, "missed", "undetermined"))


def _gap(v, t_lo, t_hi):
    """Signed distance to the band in the target's unit; positive (or 0 inside a two-sided band) is better."""
    v = np.round(v, 9)
    one_low = np.isinf(t_hi) & ~np.isinf(t_lo)
    one_high = np.isinf(t_lo) & ~np.isinf(t_hi)
    two = np.minimum(np.minimum(v - t_lo, t_hi - v), 0)
    with np.errstate(invalid="ignore"):
        return np.round(np.where(one_low, v - t_lo, np.where(one_high, t_hi - v, two)), 9)


def _judge(value, qualifier, band, t_hi, scale, at_risk_pct, near_pct=None):
    """Met / undetermined / at risk / off track of a (projected) figure against the band."""
    v_lo, v_lo_open, v_hi, v_hi_open = _value_interval(value, qualifier, near_pct)
    ahead = verdict(v_lo, v_lo_open, v_hi, v_hi_open, *band)
    shortfall_ok = -_gap(value, band[0], t_hi) <= at_risk_pct / 100 * scale
    return np.where(ahead == "met", "on_track", np.where(ahead == "undetermined", "undetermined",
                                                         np.where(shortfall_ok, "at_risk", "off_track")))


# --- stage 0: observations with slots ----------------------------------------------------------------
def _prepare(observations: pd.DataFrame, targets: pd.DataFrame, derivations=()) -> pd.DataFrame:
    """The observations of the targets, with derived figures, their slot (``_year``, ``_month``) and
    ``_pos``, the position of their target in ``targets`` (the stages group by it: an integer, where
    grouping by area and indicator would compare texts)."""
    obs = observations
    try:
        years, months = slot_arrays(obs["period"])
    except ValueError as e:
        raise KpiError(f"{e}.") from None
    obs = obs.assign(_year=years, _month=months)
    wanted = set(targets["indicator"].tolist())
    obs = derive(obs, [d for d in derivations if d.target in wanted])
    pos = _positions(targets, obs)
    obs = obs.assign(_pos=pos)
    return obs if (pos >= 0).all() else obs[pos >= 0]


DENSE_PAIRS = 20_000_000
"""Up to this many (area, indicator) pairs, targets are found through a table of every pair (160 MB at most)."""


def _positions(targets: pd.DataFrame, obs: pd.DataFrame) -> np.ndarray:
    """The row of ``targets`` each observation is a figure of (-1: none), by area and indicator."""
    areas, area_of = np.unique(targets["area"].to_numpy(dtype=object).astype(str), return_inverse=True)
    ids, id_of = np.unique(targets["indicator"].to_numpy(dtype=object).astype(str), return_inverse=True)
    if len(areas) * len(ids) > DENSE_PAIRS:  # a sparse plan set: match the pairs themselves
        keys = pd.MultiIndex.from_arrays([targets["area"], targets["indicator"]])
        return keys.get_indexer(pd.MultiIndex.from_arrays([obs["area"], obs["indicator"]]))
    table = np.full(len(areas) * len(ids), -1, dtype=np.int64)
    table[area_of * len(ids) + id_of] = np.arange(len(targets))
    a = pd.Index(areas).get_indexer(obs["area"])
    i = pd.Index(ids).get_indexer(obs["indicator"])
    return np.where((a >= 0) & (i >= 0), table[a * len(ids) + i], -1)


# --- stage 1: the figure in force --------------------------------------------------------------------
def figure_in_force(f: pd.DataFrame, obs: pd.DataFrame, period: Period) -> pd.DataFrame:
    """The latest figure of the plan year up to ``period``: value, qualifier, as_of, freshness."""
    month = obs["_month"].to_numpy()
    rows = np.flatnonzero((obs["_year"].to_numpy() == period.year) & (month <= period.month))
    pos = obs["_pos"].to_numpy()[rows]
    order = np.lexsort((month[rows], pos))  # by target, then month; stable, so the last row given wins a tie
    rows, pos = rows[order], pos[order]
    last = np.flatnonzero(np.append(pos[1:] != pos[:-1], True)) if len(pos) else pos
    rows, at = rows[last], pos[last]  # the latest row of each target that has one
    for src, dst in (("value", "actual"), ("qualifier", "qualifier"), ("period", "as_of"), ("_month", "as_of_month"),
                     ("kind", "kind"), ("source", "source"), ("derived", "derived"), ("note", "note")):
        numeric = src in ("value", "_month")
        column = np.full(len(f), np.nan, dtype=float if numeric else object)
        column[at] = obs[src].to_numpy(dtype=float if numeric else object)[rows]
        f[dst] = column
    has = f["actual"].notna().to_numpy()
    f["has"] = has
    f["due_month"] = due_months(f, period)
    f["stale"] = has & (f["as_of_month"].to_numpy(dtype=float) < f["due_month"].to_numpy())
    return f


def due_months(f: pd.DataFrame, period: Period) -> np.ndarray:
    """The end month of the latest figure due by each target's publication calendar in the report of ``period``
    (0: none yet this year); every month (the period's own) for a frame without calendars."""
    if "calendar" not in f or not len(f):
        return np.full(len(f), period.month)
    cutoffs = f["cutoff_day"].to_numpy(dtype=object) if "cutoff_day" in f else np.full(len(f), None)
    seen: dict = {}  # a plan has a handful of calendars: each asked once

    def due(calendar, cutoff) -> int:
        cutoff = None if cutoff is None or pd.isna(cutoff) else int(cutoff)
        key = (calendar, cutoff)
        if key not in seen:
            seen[key] = period.month if calendar is None else calendar.due_month(period.year, period.month, cutoff)
        return seen[key]

    return np.array([due(c, k) for c, k in zip(f["calendar"].to_numpy(dtype=object), cutoffs)], dtype=int)


# --- stage 2: baselines ------------------------------------------------------------------------------
def baselines(f: pd.DataFrame, obs: pd.DataFrame, period: Period) -> pd.DataFrame:
    """Last year's year-end level (for rules that need it) and the same month a year earlier."""
    earlier = period.year_earlier()
    prev = obs[["_pos", "_month", "value"]][obs["_year"].to_numpy() == earlier.year]
    rows = range(len(f))
    prev_end = prev[prev["_month"] == MONTHS_PER_YEAR].groupby("_pos", sort=False)["value"].last()
    same = prev[prev["_month"] == earlier.month].groupby("_pos", sort=False)["value"].last()
    needs = f["rule_kind"].isin(BASELINE_KINDS).to_numpy()
    f["baseline"] = np.where(needs, prev_end.reindex(rows).to_numpy(float), np.nan)
    f["last_year"] = same.reindex(rows).to_numpy(float)
    return f


# --- stage 3: the expected share ---------------------------------------------------------------------
def expected_shares(f: pd.DataFrame, obs: pd.DataFrame, period: Period) -> pd.DataFrame:
    """For flows: the share of the year-end total expected by the period and by the figure's month."""
    flow = (f["measure"] == "flow").to_numpy()
    as_of_month = np.nan_to_num(f["as_of_month"].to_numpy(dtype=float), nan=period.month).astype(int)
    profiles = f["profile"].to_numpy(dtype=object) if "profile" in f else np.full(len(f), None)
    declared = np.array([p is not None for p in profiles]) & flow

    def profile_at(months: np.ndarray) -> np.ndarray:
        out = np.full(len(f), np.nan)
        out[declared] = [p.share(m) for p, m in zip(profiles[declared], months[declared])]
        return out

    seasonal = flow & ~declared  # the targets whose season comes from history (or is linear)
    pos = obs["_pos"].to_numpy()
    history = obs[["_pos", "_year", "_month", "value"]][(obs["_year"].to_numpy() < period.year) & seasonal[pos]]
    grid = share_grid(history, ["_pos"])  # once, for the period's month and the figures' own months
    wanted_now = pd.DataFrame({"_pos": np.arange(len(f)), "month": period.month})[seasonal]
    wanted_asof = wanted_now.assign(month=as_of_month[seasonal])

    def placed(wanted: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
        """The share and the years of each target (NaN and '' where not seasonal): history_shares keeps
        the rows of ``wanted`` in their order, which is the targets' order."""
        got = history_shares(history, ["_pos"], wanted, grid)
        share, years = np.full(len(f), np.nan), np.full(len(f), "", dtype=object)
        share[seasonal] = got["share"].to_numpy(float)
        years[seasonal] = got["years"].fillna("").to_numpy(object)
        return share, years

    hist_now, years_now = placed(wanted_now)
    hist_asof, _ = placed(wanted_asof)

    linear_now = period.share_of_year()
    share_now = np.where(declared, profile_at(np.full(len(f), period.month)),
                         np.where(np.isnan(hist_now), linear_now, hist_now))
    share_asof = np.where(declared, profile_at(as_of_month),
                          np.where(np.isnan(hist_asof), as_of_month / MONTHS_PER_YEAR, hist_asof))
    year_end = np.array([p is not None and p.name == "year_end" for p in profiles]) & flow
    basis = np.where(year_end, "year_end", np.where(declared, "profile",
                                                    np.where(np.isnan(hist_now), "linear", "history")))
    f["expected_pct"] = np.where(flow, share_now * 100, np.nan)
    f["expected_basis"] = np.where(flow, basis, "")
    langs = f["lang"].to_numpy(dtype=object) if "lang" in f else np.full(len(f), "vi", dtype=object)
    notes = np.array([p.note(lang) if p is not None else "" for p, lang in zip(profiles, langs)], dtype=object)
    # the years of a history season, or what a declared profile rests on (its note: a schedule, an assumption)
    f["expected_years"] = np.where(flow & (basis == "history"), years_now, np.where(basis == "profile", notes, ""))
    f["share_asof"] = np.where(flow, share_asof, np.nan)
    f["asof_basis"] = np.where(year_end, "year_end", np.where(declared, "profile",
                                                              np.where(np.isnan(hist_asof), "linear", "history")))
    return f


# --- stage 4: the projection -------------------------------------------------------------------------
_METHOD = {"history": "seasonal", "profile": "profile", "linear": "run_rate", "year_end": "not_projectable"}


def projections(f: pd.DataFrame) -> pd.DataFrame:
    """The year-end projection and how it was made."""
    flow = (f["measure"] == "flow").to_numpy()
    actual = f["actual"].to_numpy(float)
    has = f["has"].to_numpy()
    whole = f["as_of_month"].to_numpy(dtype=float) == MONTHS_PER_YEAR
    share = f["share_asof"].to_numpy(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        factor = np.where(~flow | whole, 1.0, np.where(share > 0, 1 / share, np.nan))
    f["projection"] = np.round(np.where(has, actual * factor, np.nan), 9)
    method = np.array([_METHOD[b] for b in f["asof_basis"].tolist()], dtype=object) if len(f) else np.array([], object)
    f["projection_method"] = np.where(~has, "", np.where(~flow, "latest", np.where(whole, "actual", method)))
    f["factor"] = factor
    return f


# --- stage 5: the verdict ----------------------------------------------------------------------------
_UPWARD = ("above", "at_least", "increase_by")
"""Rules a larger figure meets: beyond the plan's figure, it is exceeded."""


def _plan_kind(kind: np.ndarray, measure: np.ndarray) -> np.ndarray:
    """The kind the verdict reads: a range on a flow or a growth rate ("tăng 7,5 - 8,5%", "khoảng 40 - 42 nghìn
    tỷ") is the plan at its lower end and the aim at its upper end, so beyond the aim is more than planned, not a
    miss; on a level it stays a band."""
    return np.where((kind == "between") & ((measure == "flow") | (measure == "growth")), "at_least", kind)


def _exceeding_band(f: pd.DataFrame, baseline: np.ndarray) -> tuple[tuple, np.ndarray]:
    """The values that exceed a target's plan ("vượt kế hoạch"), and where any do.

    With a stretch target (``stretch:``), the values that reach it. Else, any excess over the plan's figure in
    the direction the plan asks for: beyond the upper end of a range on a flow or a growth rate; above the figure
    of 'above', 'at least' and 'increase by'; below the level 'reduce by' asks for. A cap ('below', 'at most'),
    'about' and a band on a level are met or missed, never exceeded.
    """
    kind, measure = f["rule_kind"].to_numpy(), f["measure"].to_numpy()
    a, b = f["a"].to_numpy(float), f["b"].to_numpy(float)
    n = len(f)
    lo, hi = np.full(n, -np.inf), np.full(n, np.inf)
    ranged = (kind == "between") & ((measure == "flow") | (measure == "growth"))
    upward = np.isin(kind, _UPWARD)
    reduce = kind == "reduce_by"
    lo = np.where(ranged, b, np.where(kind == "increase_by", baseline + a, np.where(upward, a, lo)))
    hi = np.where(reduce, baseline - a, hi)
    lo_open, hi_open = ranged | upward, reduce
    some = ranged | upward | reduce
    s_kind = f["stretch_kind"].fillna("").to_numpy(dtype=object).astype(str)
    stretched = s_kind != ""
    if stretched.any():
        s_band = bands_of(np.where(stretched, _plan_kind(s_kind, measure), "at_least"),
                          np.where(stretched, f["stretch_a"].to_numpy(float), 0.0),
                          np.where(stretched, f["stretch_b"].to_numpy(float), np.nan), baseline)
        lo, lo_open, hi, hi_open = (np.where(stretched, s, o) for s, o in zip(s_band, (lo, lo_open, hi, hi_open)))
        some = some | stretched
    return (np.round(lo, 9), lo_open, np.round(hi, 9), hi_open), some


def _exceeded(status: np.ndarray, f: pd.DataFrame, actual, judged_on, baseline, near) -> np.ndarray:
    """A met target whose figure (every value it stands for: 'hơn x' is more than x) lies beyond its plan is
    ``exceeded``. Sets on ``f`` the gap and attainment against the stretch target and the other references."""
    for column, empty in (("stretch_kind", ""), ("stretch_a", np.nan), ("stretch_b", np.nan)):
        if column not in f:  # a frame made by hand: no stretch target
            f[column] = empty
    if "also" not in f:
        f["also"] = [()] * len(f)
    band, some = _exceeding_band(f, baseline)
    beyond = verdict(*_value_interval(actual, judged_on, near), *band) == "met"
    s_kind = f["stretch_kind"].fillna("").to_numpy(dtype=object).astype(str)
    stretched = s_kind != ""
    measure = f["measure"].to_numpy()
    s_a = f["stretch_a"].to_numpy(float)
    s_plan = np.where(stretched, _plan_kind(s_kind, measure), "at_least")
    s_band = bands_of(s_plan, np.where(stretched, s_a, 0.0), np.where(stretched, f["stretch_b"].to_numpy(float), np.nan),
                      baseline)
    has = f["has"].to_numpy()
    f["stretch_target"] = np.where(stretched & ((s_kind != "between") | (measure != "level")), s_a, np.nan)
    f["stretch_gap"] = np.where(stretched & has, _gap(actual, s_band[0], s_band[2]), np.nan)
    attain = achieved_of(s_plan, actual, np.where(stretched, s_a, np.nan), baseline)
    f["stretch_attainment_pct"] = np.round(np.where(stretched & (measure != "growth"), attain, np.nan), 9)
    # the other references (``also:``): the gap and attainment against each
    f["also"] = [tuple({"name": name, "target": value,
                        "gap": round(x - value, 9) if x == x else np.nan,
                        "attainment_pct": round(x / value * 100, 9) if x == x and value and m != "growth" else np.nan}
                       for name, value in refs)
                 for refs, x, m in zip(f["also"], actual, measure)]
    return np.where((status == "met") & some & beyond, "exceeded", status)
def verdicts(f: pd.DataFrame, period: Period, thresholds: Thresholds) -> pd.DataFrame:
    """Gap, attainment, the pace still needed, and the status (with the approximate mark)."""
    measure = f["measure"].to_numpy()
    flow = measure == "flow"
    kind = _plan_kind(f["rule_kind"].to_numpy(), measure)
    actual = f["actual"].to_numpy(float)
    has = f["has"].to_numpy()
    qualifier = f["qualifier"].fillna("").to_numpy(dtype=object).astype(str)
    baseline = f["baseline"].to_numpy(float)
    a = f["a"].to_numpy(float)
    band = bands_of(kind, a, f["b"].to_numpy(float), baseline)
    t_lo, t_hi = band[0], band[2]
    gap = _gap(actual, t_lo, t_hi)
    attain = np.where(measure == "growth", np.nan, achieved_of(kind, actual, a, baseline))

    # What the rest of the year must deliver, per remaining step of the period's kind.
    remaining = period.steps - period.step
    bound = np.where(np.isinf(t_lo), t_hi, t_lo)
    with np.errstate(invalid="ignore", divide="ignore"):
        flow_pace = np.where(np.isinf(t_hi) & (gap >= 0), 0.0, (bound - actual) / max(remaining, 1))
        level_need = np.where(gap >= 0, 0.0,
                              np.where(actual < t_lo, t_lo - actual, np.where(actual > t_hi, t_hi - actual, 0.0)))
    pace = np.where(~has | (remaining == 0), np.nan, np.where(flow, flow_pace, level_need))

    scale = np.abs(np.where(np.isinf(t_lo), t_hi, t_lo))
    scale = np.where(scale > 0, scale, 1.0)
    about = qualifier == "about"
    judged_on = np.where(about, "", qualifier)  # "khoảng x" is judged on x
    near = thresholds.figure_near_pct
    now = verdict(*_value_interval(actual, judged_on, near), *band)
    factor = np.where(has, f["factor"].to_numpy(float), 1.0)
    projected = actual * factor
    ahead = _judge(projected, judged_on, band, t_hi, scale, thresholds.at_risk_pct, near)
    whole = (f["as_of_month"].to_numpy(dtype=float) == MONTHS_PER_YEAR) & has
    basis = f["expected_basis"].to_numpy()
    # not yet due: a flow counted only at the year end, or whose declared profile expects nothing by now
    year_end = ((basis == "year_end") | ((basis == "profile") & (f["expected_pct"].to_numpy(float) == 0))) & flow
    # a flow already at an open-ended target is met before the year end; at the year end a stale figure
    # gives no year-end verdict (met or missed), only what it projects
    stale_at_end = f["stale"].to_numpy(dtype=bool) & period.is_year_end
    early = np.where(flow & np.isinf(t_hi) & (now == "met") & ~stale_at_end, "met",
                     np.where(year_end, "not_due", ahead))  # no projection: _judge says undetermined
    # without a figure: no data, unless nothing is due yet (then no figure is what is expected): a flow counted
    # at the year end, or an indicator whose calendar has had no figure due this year (a yearly one before the year end)
    due_month = f["due_month"].to_numpy() if "due_month" in f else np.full(len(f), period.month)
    nothing_due = (year_end & ~period.is_year_end) | (due_month == 0)
    status = np.where(~has, np.where(nothing_due, "not_due", "no_data"), np.where(whole, now, early))

    # Approximate: would x ± figure_about_pct change the verdict?
    d = np.abs(actual) * thresholds.figure_about_pct / 100
    lo_now, hi_now = (verdict(*_value_interval(actual + s * d, judged_on, near), *band) for s in (-1, 1))
    lo_ahead, hi_ahead = (_judge((actual + s * d) * factor, judged_on, band, t_hi, scale, thresholds.at_risk_pct,
                                 near) for s in (-1, 1))
    flips = np.where(whole, (lo_now != now) | (hi_now != now),
                     ~year_end & ((lo_ahead != ahead) | (hi_ahead != ahead)))
    # "gần x": would the open reading (any value below x) give another verdict? Then the tolerance decided it.
    open_now = verdict(*_value_interval(actual, judged_on), *band)
    open_ahead = _judge(projected, judged_on, band, t_hi, scale, thresholds.at_risk_pct)
    near_decides = (qualifier == "less_than") & np.where(whole, open_now != now, ~year_end & (open_ahead != ahead))
    status = _exceeded(status, f, actual, judged_on, baseline, near)
    f["approximate"] = has & ((about & flips) | near_decides)
    f["target_low"] = np.where(np.isinf(t_lo), np.nan, t_lo)
    f["target_high"] = np.where(np.isinf(t_hi), np.nan, t_hi)
    f["gap"] = np.where(has, gap, np.nan)
    f["attainment_pct"] = np.round(attain, 9)
    f["required_pace"] = np.round(pace, 9)
    f["status"] = status
    return f


def assess_many(targets: pd.DataFrame, observations: pd.DataFrame, period: str | Period,
                thresholds: Thresholds = Thresholds(), derivations=()) -> pd.DataFrame:
    """Assess the targets of many areas at once.

    Parameters
    ----------
    targets : one row per (area, target), as made by ``targets_frame``.
    observations : tidy observations with an ``area`` column.
    period : the month ``'YYYY-MM'`` or quarter ``'YYYY-Qn'`` reported.
    thresholds : the status thresholds.
    derivations : how targets are derived from components (``Plan.derivations``), for every area.

    Returns
    -------
    One row per (area, target) with the columns of ``COLUMNS`` plus ``area``, ``period`` and ``name``.
    """
    years = sorted({int(y) for y in targets["year"].unique()})
    p = Period.try_parse(period)
    if p is None or (years and p.year not in years):
        try:
            in_plan_year(str(period), years[0] if years else 0)  # raises the message every command gives
        except ValueError as e:
            raise KpiError(str(e) if len(years) <= 1 else
                           f"period '{period}' is outside the plan years {', '.join(map(str, years))}.") from None
    obs = _prepare(observations, targets, derivations)
    f = targets.set_index(KEYS)
    f = figure_in_force(f, obs, p)
    f = baselines(f, obs, p)
    f = expected_shares(f, obs, p)
    f = projections(f)
    f = verdicts(f, p, thresholds)
    f = f.reset_index()
    text = {c: f[c].fillna("").astype(str) for c in ("as_of", "qualifier", "kind", "source", "note")}
    text.update({c: f[c].fillna("").astype(str) if c in f else "" for c in ("rule_since", "rule_source")})
    if "group_name" not in f:  # a frame made by hand: the default groups' words
        text["group_name"] = [GROUP_LABELS["vi" if lang == "vi" else "en"].get(g, g)
                              for g, lang in zip(f["group"], f["lang"] if "lang" in f else ["vi"] * len(f))]
    out = f.assign(period=str(p), rule_a=f["a"], rule_b=f["b"], **text,
                   derived=f["derived"].fillna(False).astype(bool), stale=f["stale"].astype(bool),
                   approximate=f["approximate"].astype(bool))
    derived = out["derived"].to_numpy()
    if "lang" in out and derived.any():  # how a derived figure was computed, in the language of the names
        rows, by_id = out.loc[derived], {d.target: d for d in derivations}
        out.loc[derived, "note"] = [by_id[i].note(lang) for lang, i in zip(rows["lang"], rows["indicator"])]
    out = out.sort_values(["area", "order"], kind="stable").reset_index(drop=True)
    return out[["area", "period", "name", "parent", *COLUMNS]]


def assess(plan: Plan, observations: pd.DataFrame, period: str | Period, *, lang: str = "vi",
           thresholds: Thresholds = Thresholds()) -> pd.DataFrame:
    """Assess every target of ``plan`` at ``period``.

    Parameters
    ----------
    plan : the plan, from ``load_plan``.
    observations : its observations, from ``load_observations``.
    period : the month ``'YYYY-MM'`` or quarter ``'YYYY-Qn'`` reported.
    lang : language of the ``name``, ``rule`` and ``unit`` columns (words for an analyst to read; the outputs
        word the rule from its codes, ``rule_kind``, ``rule_a`` and ``rule_b``: ``kpi.model.rules.rule_words``).
    thresholds : the status thresholds.

    Returns
    -------
    One row per target, in plan order; see ``COLUMNS``.
    """
    obs = observations.assign(area=plan.id)
    p = Period.try_parse(str(period))
    if p is not None:  # an amended target is judged on the rule in force at the period's end (``revised:``)
        plan = plan.in_force(p)
    out = assess_many(targets_frame(plan, lang), obs, period, thresholds, plan.derivations)
    return out.drop(columns="area")


def latest_period(plan: Plan, observations: pd.DataFrame) -> str:
    """The latest period of the plan year that has a figure for any target or input.

    When a quarter and a month share that slot, the quarter is named (the committee's rhythm).
    """
    mine = observations[observations["indicator"].isin(plan.indicators)]
    if not mine.empty:
        years, months = slot_arrays(mine["period"])
        mine = mine.assign(_y=years, _m=months)
        mine = mine[mine["_y"] == plan.year]
    if mine.empty:
        raise KpiError(f"no figure for the plan year {plan.year} yet; add one, or give --period YYYY-MM or YYYY-Qn.")
    last = mine[mine["_m"] == mine["_m"].max()]["period"]
    return str(max(Period.parse(p) for p in last.unique()))


def all_periods(plan: Plan) -> list[str]:
    """The four quarters of the plan year."""
    return [str(p) for p in Period.year_steps(plan.year)]


def status_counts(status: pd.DataFrame, order: Sequence[str] = CODES) -> pd.Series:
    """How many targets have each status, in the order a headline lists them."""
    return status["status"].value_counts().reindex(list(order), fill_value=0)


def history(plan: Plan, observations: pd.DataFrame, period: str | Period, *, lang: str = "vi",
            thresholds: Thresholds = Thresholds()) -> pd.DataFrame:
    """The assessment at every period of the plan year up to ``period`` (same kind of step), stacked."""
    last = period if isinstance(period, Period) else Period.parse(period)
    frames = [assess(plan, observations, p, lang=lang, thresholds=thresholds) for p in last.steps_in_year()]
    return pd.concat(frames, ignore_index=True)
