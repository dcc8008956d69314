"""Reading a plan file: the YAML checked key by key, every problem collected, a ``Plan`` made (targets are
data, never code)."""
from __future__ import annotations

import difflib
import math
import re
from dataclasses import replace
from pathlib import Path

from ..model.derivations import METHODS, Derivation, default_note
from ..errors import PlanError, Problems
from ..files import display
from ..model.plan import MEASURES, PLAN_FILE, SIGNERS, Dispatch, Indicator, Owner, Plan, Target
from ..model.rules import RULES, Rule, make_rule
from ..model.publication import FREQUENCIES, MAX_LAG_DAYS, Calendar
from ..model.season import parse_profile
from .yamlfile import load_yaml

PLAN_ID = re.compile(r"[a-z0-9][a-z0-9._-]{0,63}", re.ASCII)
"""A plan id names the report folder: lowercase letters, digits, '.', '_', '-' (and never '..')."""
INDICATOR_ID = re.compile(r"[a-z][a-z0-9_]{0,63}", re.ASCII)
"""A target or input id names files (``trend-<id>.png``): lowercase letters, digits and '_'."""
OWNER_CODE = re.compile(r"[a-z][a-z0-9_-]{0,31}", re.ASCII)
"""An owner's code names its workbook (``cts-2021-Q3.xlsx``): lowercase letters, digits, '-' and '_'."""
MAX_CUTOFF_DAY = 31
TOP_KEYS = ("id", "year", "region", "title", "source", "issuer", "place", "owners", "reporting", "calendar", "groups",
            "targets", "inputs", "contributions")
TARGET_KEYS = ("id", "group", "owner", "name", "unit", "measure", "rule", "parent", "note", "profile", "derive",
               "revised", "stretch", "also", "calendar")
REVISION_KEYS = ("from", "rule", "source")
ISSUER_KEYS = ("vi", "en", "recipients", "copies", "drafter", "signer")
"""The issuer block: its name (vi, en) and how the Word report goes out (``kpi.model.plan.Dispatch``)."""
SIGNER_KEYS = ("title", "name")
ALSO_KEYS = ("name", "value")
_UPWARD = ("above", "at_least", "increase_by")
"""Rules a larger figure meets better: a stretch target of these lies above the plan's figure."""
INPUT_KEYS = ("id", "owner", "name", "unit", "measure", "calendar")
CALENDAR_KEYS = ("frequency", "lag_days")
"""What an indicator's ``calendar:`` says; the plan's ``calendar:`` also takes ``measure`` and ``group``."""
DERIVE_KEYS = {"growth": (), "share": ("of",), "ratio": ("per", "times", "year_end"), "less": ()}
"""Each method of ``derive:`` and the keys it takes besides its own and ``note``."""


MAX_CANDIDATES = 500
"""At most this many ids are compared with a misspelt one (a typo hint must not cost seconds)."""


def close_match(word: str, choices) -> str | None:
    """The choice closest to ``word`` (``difflib``), or ``None``; bounded for plans of many thousand ids.

    Only choices of about the same length that share the first or the second letter are compared.
    """
    word = str(word)
    choices = list(choices)
    if len(choices) > MAX_CANDIDATES:
        choices = [c for c in choices if abs(len(c) - len(word)) <= 3
                   and (c[:1] == word[:1] or c[1:2] == word[1:2])][:MAX_CANDIDATES]
    close = difflib.get_close_matches(word, choices, n=1)
    return close[0] if close else None


def _suggest(word: str, choices) -> str:
    close = close_match(word, choices)
    return f"; did you mean '{close}'?" if close else ""


def _unknown_keys(entry: dict, known, where: str, problems: Problems) -> None:
    """A key the reader does not know is a problem, with the closest known key as the fix: ignored, a typo
    such as 'profle' would silently change a verdict."""
    for key in entry:
        if key not in known:
            hint = _suggest(key, known) or f"; the keys here are {', '.join(known)}."
            problems.add(f"{where}: unknown key '{key}'{hint}")


def _revisions(entry: dict, year: int, measure: str, where: str, problems: Problems) -> tuple:
    """The amendments of a target's rule (``revised:``), oldest first: each from a day of the plan year."""
    from datetime import date

    from ..model.plan import Revision

    spec = entry.get("revised")
    if spec is None:
        return ()
    if not isinstance(spec, list):
        problems.add(f"{where}: revised is {spec!r}; write a list of amendments, e.g. 'revised: [{{from: "
                     f"{year}-08-22, rule: {{at_least: 10}}, source: \"Nghị quyết số ...\"}}]'.")
        return ()
    out = []
    for k, item in enumerate(spec, start=1):
        at = f"{where}, revised #{k}"
        if not isinstance(item, dict):
            problems.add(f"{at}: {item!r} is not a mapping; write {{from: {year}-08-22, rule: {{...}}, source: ...}}.")
            continue
        _unknown_keys(item, REVISION_KEYS, at, problems)
        try:
            since = date.fromisoformat(str(item.get("from")))
        except ValueError:
            problems.add(f"{at}: from {item.get('from')!r} is not a date; write the day the amendment takes effect "
                         f"as YYYY-MM-DD, e.g. {year}-08-22.")
            continue
        if since.year != year:
            problems.add(f"{at}: from {since.isoformat()} is not in the plan year {year}; an amendment changes "
                         "the year's target from a day of that year.")
            continue
        if out and since <= out[-1].since:
            problems.add(f"{at}: from {since.isoformat()} is not after the amendment before it "
                         f"({out[-1].since.isoformat()}); list the amendments in the order they were made.")
            continue
        if "rule" not in item:
            problems.add(f"{at}: no rule; give the rule in force from {since.isoformat()}, e.g. "
                         "'rule: {at_least: 10}'.")
            continue
        rule = _rule(item, at, problems)
        if rule is None:
            continue
        if rule.needs_baseline and measure != "level":
            problems.add(f"{at}: rule '{rule.kind}' compares with last year's level, so measure must be 'level'.")
            continue
        source = item.get("source")
        if source is not None and not isinstance(source, str):
            problems.add(f"{at}: source is {source!r}; write the decision as a text, e.g. \"Nghị quyết số 12/NQ-HĐND "
                         "ngày 22/8/2025\".")
            continue
        out.append(Revision(since=since, rule=rule, source=source or ""))
    return tuple(out)


def _stretch(entry: dict, rule, measure: str, where: str, problems: Problems):
    """The stretch target ("chỉ tiêu phấn đấu", ``stretch:``): a rule of its own, beyond the plan's."""
    if entry.get("stretch") is None:
        return None
    at = f"{where}, stretch"
    stretch = _rule({"rule": entry["stretch"]}, at, problems)
    if stretch is None or rule is None:
        return None
    if stretch.needs_baseline and measure != "level":
        problems.add(f"{at}: rule '{stretch.kind}' compares with last year's level, so measure must be 'level'.")
        return None
    plan_low, stretch_low = rule.params[0], stretch.params[0]
    if rule.kind in (*_UPWARD, "between") and stretch.kind in (*_UPWARD, "between") and stretch_low <= plan_low:
        problems.add(f"{at}: {stretch.label('en')} is not beyond the plan's {rule.label('en')}; a stretch target "
                     "asks for more than the plan (e.g. plan 'at_least: 7.5', stretch 'at_least: 8.5').")
        return None
    return stretch


def _also(entry: dict, where: str, problems: Problems) -> tuple:
    """Other figures the reports measure the target against (``also:``): each a name and a value."""
    from ..model.plan import Reference

    spec = entry.get("also")
    if spec is None:
        return ()
    example = "'also: [{name: {vi: dự toán Trung ương giao, en: central government estimate}, value: 5430}]'"
    if not isinstance(spec, list):
        problems.add(f"{where}: also is {spec!r}; write a list of references, e.g. {example}.")
        return ()
    out = []
    for k, item in enumerate(spec, start=1):
        at = f"{where}, also #{k}"
        if not isinstance(item, dict):
            problems.add(f"{at}: {item!r} is not a mapping; write {{name: {{vi: ..., en: ...}}, value: ...}}.")
            continue
        _unknown_keys(item, ALSO_KEYS, at, problems)
        name = _text_pair(item, "name", at, problems)
        value = item.get("value")
        if value.__class__ not in (int, float) or not math.isfinite(value):
            problems.add(f"{at}: value is {_number_text(value)}; write the reference's number in the target's unit, "
                         "e.g. 'value: 5430'.")
            continue
        if name[0]:
            out.append(Reference(name_vi=name[0], name_en=name[1], value=float(value)))
    return tuple(out)


def _derive(entry: dict, tid: str, where: str, problems: Problems):
    """The raw ``derive:`` of a target, checked for its shape: ``(method, spec)`` or ``None``."""
    spec = entry.get("derive")
    if spec is None:
        return None
    example = "e.g. 'derive: {growth: grdp_constant_prices}' or 'derive: {share: va_services_current, of: grdp_current_prices}'"
    methods = [k for k in spec if k in METHODS] if isinstance(spec, dict) else []
    if not isinstance(spec, dict) or len(methods) != 1:
        problems.add(f"{where}: derive is {spec!r}; give exactly one of {', '.join(METHODS)} with the indicator "
                     f"it is computed from, {example}.")
        return None
    method = methods[0]
    _unknown_keys(spec, (method, *DERIVE_KEYS[method], "note"), f"{where}, derive", problems)
    return method, spec


def _derivation(tid: str, method: str, spec: dict, names: dict, where: str, problems: Problems):
    """The ``Derivation`` of a target, its components checked against the plan's indicators."""
    keys = {"growth": (method, None), "share": (method, "of"), "ratio": (method, "per"), "less": (None, method)}
    of_key, by_key = keys[method]
    for key in (k for k in (of_key, by_key) if k):
        value = spec.get(key)
        if not isinstance(value, str) or value not in names:
            fix = _suggest(value, names) if isinstance(value, str) else ""
            found = "but it is missing" if value is None else f"not {value!r}"
            problems.add(f"{where}: derive '{method}' needs '{key}' to name a target or input of this plan, {found}"
                         f"{fix or '; declare the component under inputs: first.'}")
            return None
    of, by = spec.get(of_key, "") if of_key else "", spec.get(by_key, "") if by_key else ""
    if of == tid or by == tid:
        problems.add(f"{where}: derive '{method}' computes the target from itself; name its components.")
        return None
    times = spec.get("times", 1)
    if isinstance(times, bool) or not isinstance(times, (int, float)) or not times > 0:
        problems.add(f"{where}: derive times is {_number_text(times)}; write a positive number, e.g. 'times: 1000'.")
        return None
    year_end = spec.get("year_end", False)
    if not isinstance(year_end, bool):
        problems.add(f"{where}: derive year_end is {year_end!r}; write true or false.")
        return None
    note = _text_pair(spec, "note", where + ", derive", problems, required="note" in spec)
    words = {lang: dict(target=names[tid][lang], of=names[of][lang] if of else "", by=names[by][lang] if by else "",
                        times=f"{times:g}") for lang in ("vi", "en")}
    return Derivation(target=tid, method=method, of=of, by=by, times=float(times), year_end=year_end,
                      note_vi=note[0] or default_note(method, "vi", **words["vi"]),
                      note_en=note[1] or default_note(method, "en", **words["en"]))


def _contributions(doc: dict, names: dict, name: str, problems: Problems):
    """``contributions: {total: id, parts: [id, ...]}``: ``(total, parts)`` or ``None``."""
    spec = doc.get("contributions")
    if spec is None:
        return None
    where = f"{name}, contributions"
    if not isinstance(spec, dict):
        problems.add(f"{where}: write 'contributions: {{total: grdp_constant_prices, parts: [va_industry_constant, "
                     "...]}}'.")
        return None
    _unknown_keys(spec, ("total", "parts"), where, problems)
    total, parts = spec.get("total"), spec.get("parts")
    if not isinstance(parts, list) or not parts:
        problems.add(f"{where}: 'parts' is {parts!r}; write a list of indicator ids, e.g. [va_industry_constant].")
        return None
    bad = [v for v in (total, *parts) if not isinstance(v, str) or v not in names]
    for v in bad:
        fix = _suggest(v, names) if isinstance(v, str) else ""
        problems.add(f"{where}: {v!r} is not a target or input of this plan{fix or '; declare it under inputs: first.'}")
    return None if bad else (total, tuple(parts))


def _number_text(value) -> str:
    """How a value that should be a number reads in a message."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(value)


_VI_EN = frozenset(("vi", "en"))


def _text_pair(entry, key: str, where: str, problems: Problems, required: bool = True) -> tuple[str, str]:
    value = entry.get(key)
    if value.__class__ is dict and value.keys() <= _VI_EN:  # the usual {vi: ..., en: ...}, checked at once
        vi, en = value.get("vi"), value.get("en")
        if vi.__class__ is str and vi.strip():
            return vi, en if en.__class__ is str and en.strip() else vi
    if isinstance(value, str) and value.strip():
        return value, value
    if isinstance(value, dict) and set(value) - {"vi", "en"}:
        extra = ", ".join(repr(k) for k in value if k not in ("vi", "en"))
        problems.add(f"{where}: '{key}' has unexpected keys {extra}; a text with a comma must be quoted, "
                     f'e.g. {key}: {{vi: "Nông, lâm nghiệp", en: "Agriculture, forestry"}}.')
        return "", ""
    if isinstance(value, dict) and isinstance(value.get("vi"), str) and value.get("vi").strip():
        en = value.get("en")
        return value["vi"], en if isinstance(en, str) and en.strip() else value["vi"]
    if required:
        found = "nothing" if value is None else repr(value)
        problems.add(f"{where}: '{key}' is {found}; write it as {{vi: ..., en: ...}} "
                     f"(the Vietnamese text is required).")
    return "", ""


def _text_list(block: dict, key: str, where: str, problems: Problems) -> tuple[tuple[str, str], ...]:
    """A list of texts, each a string or {vi: ..., en: ...} (``recipients:``, ``copies:``); () if absent."""
    items = block.get(key)
    if items is None:
        return ()
    if not isinstance(items, list) or not items:
        problems.add(f"{where}: '{key}' is {items!r}; write a list, one name a line, e.g. "
                     f"'- {{vi: Thường trực Tỉnh ủy, en: Standing Board of the Provincial Party Committee}}'.")
        return ()
    pairs = tuple(_text_pair({key: item}, key, f"{where}, {key} #{i}", problems) for i, item in enumerate(items, 1))
    return tuple(p for p in pairs if p[0])


def _issuer(doc: dict, name: str, problems: Problems) -> tuple[tuple[str, str], Dispatch]:
    """The ``issuer:`` block: the issuing body's name ({vi: ..., en: ...} or one text) and, optionally, the Word
    report's recipients, copies, drafting unit and signer (``kpi.model.plan.Dispatch``)."""
    value = doc.get("issuer")
    if not isinstance(value, dict) or value.keys() <= _VI_EN:
        return _text_pair(doc, "issuer", name, problems, required=False), Dispatch()
    where = f"{name}, issuer"
    _unknown_keys(value, ISSUER_KEYS, where, problems)
    issuer = _text_pair({"issuer": {k: v for k, v in value.items() if k in _VI_EN} or None}, "issuer", name,
                        problems, required=False)
    signer, signer_name = "chairman", ""
    spec = value.get("signer")
    if isinstance(spec, str):
        spec = {"title": spec}
    if isinstance(spec, dict):
        _unknown_keys(spec, SIGNER_KEYS, f"{where}, signer", problems)
        signer = spec.get("title", "chairman")
        if signer not in SIGNERS:
            problems.add(f"{where}, signer: title {signer!r} is not one of {', '.join(SIGNERS)}"
                         f"{_suggest(str(signer), SIGNERS) or '; chairman signs TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH, vice_chairman KT. CHỦ TỊCH / PHÓ CHỦ TỊCH.'}")
            signer = "chairman"
        signer_name = spec.get("name") or ""
        if not isinstance(signer_name, str):
            problems.add(f"{where}, signer: name is {signer_name!r}; write the signer's full name as text, "
                         "e.g. 'name: Nguyễn Văn A', or leave it out for a blank line.")
            signer_name = ""
    elif spec is not None:
        problems.add(f"{where}: 'signer' is {spec!r}; write e.g. 'signer: {{title: vice_chairman, name: Nguyễn Văn A}}' "
                     f"(title: {' or '.join(SIGNERS)}; the name may be left out).")
    dispatch = Dispatch(recipients=_text_list(value, "recipients", where, problems),
                        copies=_text_list(value, "copies", where, problems),
                        drafter=_text_pair(value, "drafter", where, problems, required=False),
                        signer=signer, signer_name=signer_name.strip())
    return issuer, dispatch


def _indicator_fields(entry: dict, where: str, problems: Problems) -> dict:
    name = _text_pair(entry, "name", where, problems)
    unit = _text_pair(entry, "unit", where, problems)
    measure = entry.get("measure")
    if measure not in MEASURES:
        problems.add(f"{where}: measure '{measure}' is not one of {', '.join(MEASURES)}"
                     f"{_suggest(measure, MEASURES) or '; flow = cumulative from 1 January, level = as at the end of the quarter, growth = % change on a year earlier.'}")
    owner = entry.get("owner")
    if owner is not None and not isinstance(owner, str):
        problems.add(f"{where}: owner is {owner!r}; write the code of one of the plan's owners, e.g. 'owner: cts'.")
        owner = None
    return dict(id=str(entry.get("id")), name_vi=name[0], name_en=name[1], unit_vi=unit[0], unit_en=unit[1],
                measure=measure, owner=owner or "")


def _rule(entry: dict, where: str, problems: Problems) -> Rule | None:
    spec = entry.get("rule")
    if spec.__class__ is dict and len(spec) == 1:  # the usual one-number rule, e.g. {above: 10}: built at once
        ((kind, value),) = spec.items()
        if (value.__class__ is int or value.__class__ is float) and kind in RULES and kind != "between" \
                and math.isfinite(value):
            try:
                return make_rule(kind, value)
            except ValueError:
                pass  # the problem is worded below
    allowed = ", ".join(RULES)
    if not isinstance(spec, dict):
        problems.add(f"{where}: rule is {spec!r}; write one of {allowed} as a mapping, e.g. 'rule: {{above: 10}}'.")
        return None
    tolerance = spec.get("tolerance")
    kinds = [k for k in spec if k != "tolerance"]
    if len(kinds) != 1:
        problems.add(f"{where}: rule has {len(kinds)} kinds ({', '.join(map(str, kinds)) or 'none'}); "
                     f"give exactly one of {allowed}.")
        return None
    kind = kinds[0]
    if kind not in RULES:
        problems.add(f"{where}: rule '{kind}' is not one of {allowed}{_suggest(kind, RULES) or '.'}")
        return None
    if tolerance is not None and kind != "about":
        problems.add(f"{where}: 'tolerance' only applies to the rule 'about'; remove it.")
        tolerance = None
    if tolerance is not None and (isinstance(tolerance, bool) or not isinstance(tolerance, (int, float))):
        problems.add(f"{where}: tolerance is {_number_text(tolerance)}; write a percent of the target, "
                     "e.g. 'tolerance: 1' for ±1%.")
        return None
    values = spec[kind] if isinstance(spec[kind], list) else [spec[kind]]
    odd = [v for v in values if isinstance(v, bool) or (isinstance(v, float) and not math.isfinite(v))]
    if odd:
        example = "[21, 22]" if kind == "between" else "10"
        problems.add(f"{where}: rule '{kind}' needs a number, not {_number_text(odd[0])}; "
                     f"write e.g. '{kind}: {example}'.")
        return None
    try:
        return make_rule(kind, spec[kind], tolerance)
    except ValueError as e:
        fix = ""
        if kind == "between" and "exceed" in str(e):
            fix = f"; write [{spec[kind][1]}, {spec[kind][0]}]"
        problems.add(f"{where}: {kind} {spec[kind]!r}: {e}{fix}.")
        return None


def _parent_cycles(parents: dict[str, str | None], name: str) -> list[str]:
    """One message per loop of parents longer than one target (a -> b -> a); linear in the targets."""
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    found = []
    for start in parents:
        path = []
        node = start
        while node is not None and node in parents and state.get(node) is None:
            state[node] = 1
            path.append(node)
            node = parents[node]
        if node is not None and state.get(node) == 1 and parents.get(node) != node:
            loop = path[path.index(node):]
            found.append(f"{name}, target '{loop[0]}': the parents loop ({' → '.join(loop + [loop[0]])}); "
                         "a target can only be part of a larger one: remove one of these parents.")
        for n in path:
            state[n] = 2
    return found


def _owners(doc: dict, name: str, problems: Problems) -> tuple[Owner, ...]:
    """The ``owners:`` list: each with a code (a file name) and a name in Vietnamese and English."""
    entries = doc.get("owners")
    if entries is None:
        return ()
    if not isinstance(entries, list):
        problems.add(f"{name}: 'owners' is {entries!r}; write a list, each with a code and a name, e.g. "
                     "'- {code: cts, name: {vi: Cục Thống kê tỉnh, en: Provincial Statistics Office}}'.")
        return ()
    owners, seen = [], set()
    for i, entry in enumerate(entries, start=1):
        code = entry.get("code") if isinstance(entry, dict) else None
        if code is None or code == "":
            problems.add(f"{name}, owner #{i}: no 'code'; give each owner a short code, e.g. "
                         "'- {code: cts, name: {vi: Cục Thống kê tỉnh, en: Provincial Statistics Office}}'.")
            continue
        where = f"{name}, owner '{code}'"
        if not isinstance(code, str) or not OWNER_CODE.fullmatch(code):
            where = f"{name}, owner #{i}"
            problems.add(f"{where}: code {code!r} cannot name a file; write lowercase letters, digits, '-' or '_' "
                         "(at most 32, starting with a letter), e.g. 'code: cts'.")
        code = str(code)
        if code in seen:
            problems.add(f"{where}: the code is used twice; give each owner its own code.")
        seen.add(code)
        _unknown_keys(entry, ("code", "name"), where, problems)
        text = _text_pair(entry, "name", where, problems)
        owners.append(Owner(code=code, name_vi=text[0], name_en=text[1]))
    return tuple(owners)


def _groups(doc: dict, name: str, problems: Problems) -> tuple:
    """The ``groups:`` list (the report's sections, in order), each with a code and a name in Vietnamese and
    English; the default groups (economy, society, security) when the plan declares none."""
    from ..model.plan import DEFAULT_GROUPS, Group

    entries = doc.get("groups")
    if entries is None:
        return DEFAULT_GROUPS
    example = "'- {code: environment, name: {vi: Môi trường, en: Environment}}'"
    if not isinstance(entries, list) or not entries:
        problems.add(f"{name}: 'groups' is {entries!r}; write a list, each with a code and a name, e.g. {example}.")
        return DEFAULT_GROUPS
    groups, seen = [], set()
    for i, entry in enumerate(entries, start=1):
        code = entry.get("code") if isinstance(entry, dict) else None
        if not isinstance(code, str) or not INDICATOR_ID.fullmatch(code):
            problems.add(f"{name}, group #{i}: code {code!r} is not a code; write lowercase letters, digits and '_', "
                         f"starting with a letter, e.g. {example}.")
            continue
        where = f"{name}, group '{code}'"
        if code in seen:
            problems.add(f"{where}: the code is used twice; give each group its own code.")
            continue
        seen.add(code)
        _unknown_keys(entry, ("code", "name"), where, problems)
        text = _text_pair(entry, "name", where, problems)
        groups.append(Group(code=code, name_vi=text[0], name_en=text[1]))
    return tuple(groups) or DEFAULT_GROUPS


def _check_owners(indicators, owners: tuple[Owner, ...], name: str, problems: Problems) -> None:
    """Every owner a target or input names is declared in ``owners:``."""
    codes = list(dict.fromkeys(o.code for o in owners if OWNER_CODE.fullmatch(o.code)))
    shown = ", ".join(codes[:20]) + (", ..." if len(codes) > 20 else "")
    for kind, indicator in indicators:
        if not indicator.owner or indicator.owner in codes:
            continue
        where = f"{name}, {kind} '{indicator.id}'"
        if not owners:
            problems.add(f"{where}: owner '{indicator.owner}' is not declared; the plan has no 'owners:' list: "
                         "add one (see data/README.md) or remove the owner.")
            continue
        problems.add(f"{where}: owner '{indicator.owner}' is not one of the plan's owners ({shown})"
                     f"{_suggest(indicator.owner, codes) or '; declare it under owners: or name one of them.'}")


_CALENDAR_EXAMPLE = "e.g. 'calendar: {frequency: quarterly, lag_days: 20}'"


def _calendar_fields(spec, where: str, problems: Problems, keys=CALENDAR_KEYS) -> dict:
    """The fields one ``calendar:`` mapping gives (``frequency``, ``lag_days``), each checked; {} when it has none."""
    if not isinstance(spec, dict):
        problems.add(f"{where}: calendar is {spec!r}; write how often the figure is published and how many days after "
                     f"its period, {_CALENDAR_EXAMPLE}.")
        return {}
    _unknown_keys(spec, keys, f"{where}, calendar", problems)
    out = {}
    if "frequency" in spec:
        frequency = spec["frequency"]
        if frequency in FREQUENCIES:
            out["frequency"] = frequency
        else:
            hint = _suggest(frequency, FREQUENCIES) if isinstance(frequency, str) else ""
            problems.add(f"{where}: calendar frequency {_number_text(frequency)} is not one of "
                         f"{', '.join(FREQUENCIES)}{hint or '; write the one the figure is published at.'}")
    if "lag_days" in spec:
        lag = spec["lag_days"]
        if isinstance(lag, int) and not isinstance(lag, bool) and 0 <= lag <= MAX_LAG_DAYS:
            out["lag_days"] = lag
        else:
            problems.add(f"{where}: calendar lag_days is {_number_text(lag)}; write the days after the period's end "
                         f"by which the figure is published, a whole number from 0 to {MAX_LAG_DAYS}, e.g. "
                         "'lag_days: 20' (leave it out for the plan's reporting deadline).")
    return out


def _calendar_defaults(doc: dict, name: str, groups: tuple[str, ...], problems: Problems):
    """The plan's ``calendar:``: the fields for every indicator, and by ``measure`` and by ``group`` (each a
    mapping of a measure or a group code to its fields)."""
    spec = doc.get("calendar")
    if spec is None:
        return {}, {}, {}
    where = name
    if not isinstance(spec, dict):
        problems.add(f"{where}: calendar is {spec!r}; write the plan's default and its exceptions, e.g. 'calendar: "
                     "{frequency: quarterly, measure: {level: {frequency: yearly}}}'.")
        return {}, {}, {}
    plan_wide = _calendar_fields({k: v for k, v in spec.items() if k not in ("measure", "group")}, where, problems,
                                 (*CALENDAR_KEYS, "measure", "group"))
    by = {}
    for key, known in (("measure", MEASURES), ("group", groups)):
        entries = spec.get(key) or {}
        if not isinstance(entries, dict):
            problems.add(f"{where}, calendar: {key} is {entries!r}; write a mapping of each {key} to its calendar, "
                         f"e.g. '{key}: {{{known[0]}: {{frequency: yearly}}}}'.")
            entries = {}
        by[key] = {}
        for code, fields in entries.items():
            if code not in known:
                problems.add(f"{where}, calendar: {key} '{code}' is not one of {', '.join(known)}"
                             f"{_suggest(code, known) or '.'}")
                continue
            by[key][code] = _calendar_fields(fields, f"{where}, calendar, {key} '{code}'", problems)
    return plan_wide, by["measure"], by["group"]


def _calendar(entry: dict, fields: dict, group: str | None, defaults, where: str, problems: Problems) -> Calendar:
    """An indicator's calendar: its own ``calendar:`` over its group's, its measure's and the plan's, field by
    field; every month by the reporting deadline where nothing is said."""
    plan_wide, by_measure, by_group = defaults
    own = _calendar_fields(entry["calendar"], where, problems) if "calendar" in entry else {}
    merged = {**plan_wide, **by_measure.get(fields.get("measure"), {}), **by_group.get(group, {}), **own}
    return Calendar(**merged)


def _cutoff_day(doc: dict, name: str, problems: Problems) -> int | None:
    """``reporting: {cutoff_day: 20}``: the day of the month after a period by which its figures are due."""
    spec = doc.get("reporting")
    if spec is None:
        return None
    example = "'reporting: {cutoff_day: 20}'"
    if not isinstance(spec, dict) or set(spec) - {"cutoff_day"}:
        problems.add(f"{name}: 'reporting' is {spec!r}; write {example} (figures due by the 20th of the month "
                     "after the period).")
        return None
    day = spec.get("cutoff_day")
    if isinstance(day, bool) or not isinstance(day, int) or not 1 <= day <= MAX_CUTOFF_DAY:
        problems.add(f"{name}: reporting cutoff_day is {_number_text(day)}; write a day of the month from 1 to "
                     f"{MAX_CUTOFF_DAY}, e.g. {example}.")
        return None
    return day


def load_plan(path: Path | str) -> Plan:
    """Read and check a plan file (or the ``plan.yaml`` of a plan folder).

    Every problem in the file is collected and raised together as one ``PlanError``.
    """
    path = Path(path)
    if path.is_dir():
        path = path / PLAN_FILE
    name = display(path)
    doc = load_yaml(path, PlanError)
    if not isinstance(doc, dict):
        what = "a " + type(doc).__name__ if doc is not None else "empty"
        raise PlanError(f"{name}: the top level is {what}, "
                        "not a mapping; start the file with keys such as 'id:', 'year:' and 'targets:' "
                        "(see data/README.md).")
    problems = Problems()
    _unknown_keys(doc, TOP_KEYS, name, problems)
    year = doc.get("year")
    if not isinstance(year, int) or isinstance(year, bool) or not 1900 < year < 2200:
        problems.add(f"{name}: year is {year!r}; write the plan year as a number, e.g. 'year: 2021'.")
    plan_id = doc.get("id")
    if plan_id is None or plan_id == "":
        problems.add(f"{name}: 'id' is missing; write a short id such as 'id: kontum-2021'.")
    elif not isinstance(plan_id, str) or not PLAN_ID.fullmatch(plan_id) or ".." in plan_id:
        problems.add(f"{name}: id {plan_id!r} cannot name a folder; write lowercase letters, digits, '.', '_' "
                     "or '-' (at most 64, starting with a letter or digit, no '..'), e.g. 'id: kontum-2021'.")
    region = _text_pair(doc, "region", name, problems)
    title = _text_pair(doc, "title", name, problems)
    issuer, dispatch = _issuer(doc, name, problems)
    place = _text_pair(doc, "place", name, problems, required=False)
    source = doc.get("source")
    if source is not None and not isinstance(source, dict):
        problems.add(f"{name}: 'source' is {source!r}; write the decision and its address, e.g. "
                     "'source: {document: Quyết định số 54/QĐ-UBND ngày 25/01/2021, url: \"https://...\"}'.")
    source = source if isinstance(source, dict) else {}
    _unknown_keys(source, ("document", "url"), f"{name}, source", problems)
    document = _text_pair(source, "document", f"{name}, source", problems, required=False)
    document_en = document[1] if isinstance(source.get("document"), dict) and document[1] != document[0] else ""

    groups = _groups(doc, name, problems)
    codes = tuple(g.code for g in groups)
    calendars = _calendar_defaults(doc, name, codes, problems)
    targets: list[Target] = []
    entries = doc.get("targets")
    if not isinstance(entries, list) or not entries:
        problems.add(f"{name}: 'targets' is {'missing' if entries is None else repr(entries)}; "
                     "write a list of targets, each with id, group, name, unit, measure and rule.")
        entries = []
    seen: set[str] = set()
    derives: dict[str, tuple] = {}
    settled = True  # every derive: read: only then is an input that none names worth a message
    for i, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict) or not entry.get("id"):
            problems.add(f"{name}, target #{i}: no 'id'; every target needs a stable id such as 'id: grdp_growth'.")
            continue
        tid = str(entry["id"])
        where = f"{name}, target '{tid}'"
        if not isinstance(entry["id"], str) or not INDICATOR_ID.fullmatch(tid):
            where = f"{name}, target #{i}"
            problems.add(f"{where}: id {entry['id']!r} is not a valid id; write lowercase letters, digits and '_', "
                         "starting with a letter (at most 64), e.g. 'id: grdp_growth'.")
        if tid in seen:
            problems.add(f"{where}: the id is used twice; give each target its own id.")
        seen.add(tid)
        _unknown_keys(entry, TARGET_KEYS, where, problems)
        derives[tid] = (_derive(entry, tid, where, problems), where)
        settled = settled and (derives[tid][0] is not None or "derive" not in entry)
        group = entry.get("group")
        if group not in codes:
            hint = _suggest(group, codes) or ("." if "groups" in doc else
                                              "; a plan with groups of its own declares them under 'groups:'.")
            problems.add(f"{where}: group '{group}' is not one of {', '.join(codes)}{hint}")
        fields = _indicator_fields(entry, where, problems)
        rule = _rule(entry, where, problems)
        if rule is not None and rule.needs_baseline and fields["measure"] != "level":
            problems.add(f"{where}: rule '{rule.kind}' compares with last year's level, so measure must be "
                         f"'level', not '{fields['measure']}'.")
        profile = None
        if entry.get("profile") is not None:
            spec = entry["profile"]
            note = ("", "")
            if isinstance(spec, dict) and "note" in spec:  # what the season rests on, printed with the expected pace
                note = _text_pair(spec, "note", where + ", profile", problems)
                spec = {k: v for k, v in spec.items() if k != "note"}
            try:
                profile = replace(parse_profile(spec), note_vi=note[0], note_en=note[1])
            except ValueError as e:
                problems.add(f"{where}: {e}; see 'profile' in data/README.md.")
            if fields["measure"] != "flow":
                problems.add(f"{where}: a profile describes how a cumulative figure builds up over the year, "
                             f"so measure must be 'flow', not '{fields['measure']}'; remove the profile.")
        parent = entry.get("parent")
        if parent is not None and not isinstance(parent, str):
            kind = "list" if isinstance(parent, list) else "mapping" if isinstance(parent, dict) else "number" \
                if isinstance(parent, (int, float)) and not isinstance(parent, bool) else type(parent).__name__
            problems.add(f"{where}: parent is a {kind} ({parent!r}); write one target id, "
                         "e.g. 'parent: total_investment'.")
            parent = None
        revisions = _revisions(entry, year, fields["measure"], where, problems)
        stretch = _stretch(entry, rule, fields["measure"], where, problems)
        fields["calendar"] = _calendar(entry, fields, group, calendars, where, problems)
        targets.append(Target(**fields, group=group, rule=rule, parent=parent,
                              note=str(entry.get("note") or ""), profile=profile, revisions=revisions,
                              stretch=stretch, also=_also(entry, where, problems)))
    parents = {t.id: t.parent for t in targets}
    for t in targets:
        if t.parent is None:
            continue
        if t.parent not in seen:
            problems.add(f"{name}, target '{t.id}': parent '{t.parent}' is not a target of this plan"
                         f"{_suggest(t.parent, seen) or '; name an existing target id or remove parent.'}")
        elif t.parent == t.id:
            problems.add(f"{name}, target '{t.id}': the target is its own parent; remove parent or name another "
                         "target.")
    problems.items.extend(_parent_cycles(parents, name))

    inputs: list[Indicator] = []
    input_entries = doc.get("inputs") or []
    if not isinstance(input_entries, list):
        problems.add(f"{name}: 'inputs' is {input_entries!r}; write a list of inputs, each with id, name, unit "
                     "and measure.")
        input_entries = []
    for i, entry in enumerate(input_entries, start=1):
        if not isinstance(entry, dict) or not entry.get("id"):
            problems.add(f"{name}, input #{i}: no 'id'; every input needs an id such as 'id: grdp_current_prices'.")
            continue
        where = f"{name}, input '{entry['id']}'"
        if not isinstance(entry["id"], str) or not INDICATOR_ID.fullmatch(entry["id"]):
            where = f"{name}, input #{i}"
            problems.add(f"{where}: id {entry['id']!r} is not a valid id; write lowercase letters, digits and '_', "
                         "starting with a letter (at most 64), e.g. 'id: grdp_current_prices'.")
        if str(entry["id"]) in seen:
            problems.add(f"{where}: the id is already used by a target; give the input its own id.")
        seen.add(str(entry["id"]))
        _unknown_keys(entry, INPUT_KEYS, where, problems)
        fields = _indicator_fields(entry, where, problems)
        inputs.append(Indicator(**fields, calendar=_calendar(entry, fields, None, calendars, where, problems)))

    names = {i.id: {"vi": i.name_vi, "en": i.name_en} for i in (*targets, *inputs)}
    settled = settled and bool(targets)
    for k, t in enumerate(targets):
        raw, where = derives.get(t.id, (None, ""))
        if raw is not None:
            targets[k] = replace(t, derive=_derivation(t.id, *raw, names, where, problems))
            settled = settled and targets[k].derive is not None
    contributions = _contributions(doc, names, name, problems)
    read = {i for t in targets if t.derive is not None for i in t.derive.needs}
    read |= {contributions[0], *contributions[1]} if contributions else set()
    for i in inputs if settled and (contributions or "contributions" not in doc) else ():  # else said above
        if i.id not in read and INDICATOR_ID.fullmatch(i.id):
            problems.add(f"{name}, input '{i.id}': no target is derived from it and 'contributions:' does not name it, "
                         "so its figures would change nothing; name it in the 'derive:' of the target it computes, "
                         f"e.g. 'derive: {{growth: {i.id}}}' (see data/README.md), or remove the input.")

    owners = _owners(doc, name, problems)
    _check_owners([*(("target", t) for t in targets), *(("input", i) for i in inputs)], owners, name, problems)
    cutoff_day = _cutoff_day(doc, name, problems)

    problems.raise_if_any(PlanError)
    return Plan(id=doc["id"], year=year, region_vi=region[0], region_en=region[1], title_vi=title[0],
                title_en=title[1], document=document[0], document_en=document_en, source_url=str(source.get("url", "")),
                targets=tuple(targets), inputs=tuple(inputs), path=path, issuer_vi=issuer[0], issuer_en=issuer[1],
                place_vi=place[0], place_en=place[1], owners=owners, cutoff_day=cutoff_day, groups=groups,
                contributions=contributions, dispatch=dispatch)
