"""Picking a target, an owner or a period by the name a planner knows it by, not only by its id.

A name is matched whole, ignoring case, spacing and Unicode composition ('Thu ngân sách nhà nước trên địa bàn',
'state budget revenue in the province', 'budget_revenue'); then ignoring Vietnamese accents too, if that leaves one
candidate. Anything else is a ``KpiError`` listing the closest names, so a typo never picks another target.
"""
from __future__ import annotations

import difflib
import unicodedata

import pandas as pd

from ..errors import KpiError
from ..model.period import MONTHS_PER_YEAR, QUARTERS_PER_YEAR, Period, in_plan_year
from ..model.plan import Plan
from ..text.labels import PICK

MAX_SUGGESTED = 5
"""At most this many close names are listed in an error."""


def _key(text: str) -> str:
    """Case, spacing and composition folded: two spellings of one name meet."""
    return " ".join(unicodedata.normalize("NFC", str(text)).casefold().split())


def _plain(text: str) -> str:
    """``_key`` without Vietnamese accents ('Thu ngân sách' -> 'thu ngan sach')."""
    decomposed = unicodedata.normalize("NFD", _key(text).replace("đ", "d"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _pick(what: str, text: str, names: dict[str, list[str]], where: str) -> str:
    """The id whose names (id -> its id and names) hold ``text``; ``KpiError`` with the closest names otherwise."""
    wanted = _key(text)
    exact = {i for i, ns in names.items() if wanted in {_key(n) for n in ns}}
    if len(exact) == 1:
        return exact.pop()
    plain = _plain(text)
    loose = exact or {i for i, ns in names.items() if plain in {_plain(n) for n in ns}}
    if len(loose) == 1:
        return loose.pop()
    shown = {i: f"'{ns[1]}' ({i})" for i, ns in names.items()}  # the first name after the id, with the id
    if loose:  # two names that differ only by accents or case: the reader chooses
        listed = sorted(loose, key=list(names).index)
        raise KpiError(f"{what} '{text}' names more than one of {where}: {', '.join(shown[i] for i in listed)}; "
                       "give the id or the name with its accents.")
    by_plain = {_plain(n): i for i, ns in names.items() for n in ns}
    near = [by_plain[n] for n in by_plain if plain and plain in n]  # a part of a name: 'thu ngan sach'
    near += [by_plain[n] for n in difflib.get_close_matches(plain, list(by_plain), n=MAX_SUGGESTED, cutoff=0.5)]
    near = list(dict.fromkeys(near))[:MAX_SUGGESTED]
    hint = f"the closest: {', '.join(shown[i] for i in near)}" if near else f"{where} lists {len(names)}"
    raise KpiError(f"{what} '{text}' is not one of {where} (an id, or a name in Vietnamese or English); {hint}.")


def target_id(plan: Plan, text: str) -> str:
    """The id of the target named ``text``: its id, or its name in Vietnamese or in English.

    Raises ``KpiError`` listing the closest names when none (or more than one) matches.

    >>> target_id(plan, "Thu ngân sách nhà nước trên địa bàn")   # doctest: +SKIP
    'budget_revenue'
    """
    names = {t.id: [t.id, t.name_vi, t.name_en] for t in plan.targets}
    return _pick("target", text, names, f"the targets of plan {plan.id}")


def owner_code(plan: Plan, text: str) -> str:
    """The code of the owner (department, agency) named ``text``: its code, or its name in Vietnamese or English.

    An empty text names the targets with no owner (``""``), as the reporting table lists them.
    Raises ``KpiError`` listing the closest names; a plan that declares no owners has none to pick.
    """
    if not str(text).strip():
        return ""
    if not plan.owners:
        raise KpiError(f"plan {plan.id} declares no owners, so there is no '{text}' to pick; declare them under "
                       "'owners:' in plan.yaml and name each target's 'owner:' (data/README.md).")
    names = {o.code: [o.code, o.name_vi, o.name_en] for o in plan.owners}
    return _pick("owner", text, names, f"the owners of plan {plan.id}")


def _period_names(year: int) -> dict[str, list[str]]:
    """Every period of the plan year with the names it goes by; a quarter after its month, so 'Q3' keeps '9 tháng'."""
    names: dict[str, list[str]] = {}
    for p in Period.year_steps(year, MONTHS_PER_YEAR) + Period.year_steps(year, QUARTERS_PER_YEAR):
        # the label, and as people also type it, without 'năm' ('9 tháng 2021' for '9 tháng năm 2021')
        names[str(p)] = [str(p), p.label("vi"), p.label("vi").replace(" năm ", " ", 1), p.label("en"),
                         p.quarter_label("vi"), p.quarter_label("en")]
    quarters = {str(q): names[str(q)] for q in Period.year_steps(year, QUARTERS_PER_YEAR)}
    for q, ns in quarters.items():  # '9 tháng 2021' is the quarter's name: the month of the same slot lets it go
        month = str(Period.month_of(year, Period.parse(q).month))
        names[month] = [n for n in names[month] if _key(n) not in {_key(x) for x in ns}]
    return names


def period_of(plan: Plan, observations: pd.DataFrame, text: str) -> str:
    """The period ``text`` names, as ``YYYY-MM`` or ``YYYY-Qn``: the text itself, ``'latest'`` (the latest period of
    the plan year with a figure, ``kpi.latest_period``), or its name: '9 tháng 2021', 'Quý I/2021', 'quý III/2021',
    'tháng 8/2021', '8 tháng 2021', 'Q3 2021', '9 months 2021', 'August 2021'.

    Raises ``KpiError``: a period outside the plan year says which are in it; a name none matches lists the closest.
    """
    from ..assessment.engine import latest_period

    text = str(text).strip()
    if _key(text) in ("latest", "mới nhất", "moi nhat"):
        return latest_period(plan, observations)
    if Period.try_parse(text) is not None or text[:5].rstrip("-").isdigit():  # a period, or meant as one: '2021-Q5'
        try:
            return str(in_plan_year(text, plan.year))
        except ValueError as e:
            raise KpiError(str(e)) from None
    return _pick("period", text, _period_names(plan.year), f"the periods of {plan.year}")


def choices(plan: Plan, what: str, lang: str = "vi", observations: pd.DataFrame | None = None) -> pd.DataFrame:
    """What a notebook's parameter may name: ``what`` is ``'target'``, ``'owner'`` or ``'period'``.

    Returns one row per choice: ``id`` (what to type, or a name of the ``name`` column) and ``name`` in ``lang``;
    periods are those of the plan year up to the latest with a figure when ``observations`` are given.
    """
    words = PICK[lang]
    if what == "target":
        rows = [(t.id, t.name(lang)) for t in plan.targets]
    elif what == "owner":
        rows = [(o.code, o.name(lang)) for o in plan.owners]
    elif what == "period":
        last = Period.parse(period_of(plan, observations, "latest")) if observations is not None else None
        periods = [p for p in Period.year_steps(plan.year, QUARTERS_PER_YEAR) + Period.year_steps(
            plan.year, MONTHS_PER_YEAR) if last is None or p.month <= last.month]
        # a quarter and its last month have one name ('3 tháng năm 2021'); the quarter's row says it is the quarter
        rows = [(str(p), p.label(lang) + (f" ({p.quarter_label(lang)})" if p.is_quarter and not p.is_year_end else ""))
                for p in sorted(periods)]
    else:
        raise KpiError(f"choices of '{what}': choose 'target', 'owner' or 'period'.")
    return pd.DataFrame(rows, columns=["id", "name"]).rename(columns={"id": words["id"], "name": words["name"]})
