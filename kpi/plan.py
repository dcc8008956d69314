"""A plan and its targets, read from a YAML file: targets are data, never code."""
from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .errors import PlanError, Problems
from .files import display, read_text
from .rules import RULES, Rule, make_rule
from .season import Profile, parse_profile

MEASURES = ("flow", "level", "growth")
GROUPS = ("economy", "society", "security")
PLAN_FILE = "plan.yaml"
_REGION_WORDS = ("tỉnh", "thành phố", "province", "city")
"""Words dropped from a region's name to get the place of a report's date line."""


@dataclass(frozen=True)
class Indicator:
    """Something measured: a target of the plan, or an input that derives one."""

    id: str
    name_vi: str
    name_en: str
    unit_vi: str
    unit_en: str
    measure: str

    def name(self, lang: str = "vi") -> str:
        """The name in ``lang``."""
        return self.name_vi if lang == "vi" else self.name_en

    def unit(self, lang: str = "vi") -> str:
        """The unit in ``lang``."""
        return self.unit_vi if lang == "vi" else self.unit_en

    @property
    def is_percent(self) -> bool:
        """A rate or share in percent (growth rates excluded): its values lie in 0-100."""
        return self.unit_vi.strip() == "%" and self.measure != "growth"


@dataclass(frozen=True)
class Target(Indicator):
    """One numeric target of the plan, with its rule."""

    group: str = "economy"
    rule: Rule | None = None
    parent: str | None = None
    note: str = ""
    profile: Profile | None = None


@dataclass(frozen=True)
class Plan:
    """A province's plan for one year."""

    id: str
    year: int
    region_vi: str
    region_en: str
    title_vi: str
    title_en: str
    document: str
    source_url: str
    targets: tuple[Target, ...]
    inputs: tuple[Indicator, ...] = ()
    path: Path | None = field(default=None, compare=False)
    issuer_vi: str = ""
    issuer_en: str = ""
    place_vi: str = ""
    place_en: str = ""

    def title(self, lang: str = "vi") -> str:
        """The plan's title in ``lang``."""
        return self.title_vi if lang == "vi" else self.title_en

    def region(self, lang: str = "vi") -> str:
        """The region's name in ``lang``."""
        return self.region_vi if lang == "vi" else self.region_en

    def issuer(self, lang: str = "vi") -> str:
        """The body that issues the reports: 'ỦY BAN NHÂN DÂN TỈNH KON TUM' (default from the region)."""
        given = self.issuer_vi if lang == "vi" else self.issuer_en
        if given:
            return given
        region = self.region(lang).upper()
        return f"ỦY BAN NHÂN DÂN {region}" if lang == "vi" else f"{region} PEOPLE'S COMMITTEE"

    def place(self, lang: str = "vi") -> str:
        """The place of the date line: 'Kon Tum' (default: the region without 'Tỉnh' / 'province')."""
        given = self.place_vi if lang == "vi" else self.place_en
        if given:
            return given
        region = self.region(lang).strip()
        for word in _REGION_WORDS:
            if region.lower().startswith(word + " "):
                region = region[len(word) + 1:]
            elif region.lower().endswith(" " + word):
                region = region[: -len(word) - 1]
        return region.strip()

    @property
    def indicators(self) -> dict[str, Indicator]:
        """Every indicator observations may name: targets first, then inputs."""
        return {i.id: i for i in (*self.targets, *self.inputs)}

    def target(self, target_id: str) -> Target:
        """The target with this id."""
        for t in self.targets:
            if t.id == target_id:
                return t
        raise KeyError(target_id)


def _suggest(word: str, choices) -> str:
    close = difflib.get_close_matches(str(word), list(choices), n=1)
    return f"; did you mean '{close[0]}'?" if close else ""


def _text_pair(entry, key: str, where: str, problems: Problems, required: bool = True) -> tuple[str, str]:
    value = entry.get(key)
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


def _indicator_fields(entry: dict, where: str, problems: Problems) -> dict:
    name = _text_pair(entry, "name", where, problems)
    unit = _text_pair(entry, "unit", where, problems)
    measure = entry.get("measure")
    if measure not in MEASURES:
        problems.add(f"{where}: measure '{measure}' is not one of {', '.join(MEASURES)}"
                     f"{_suggest(measure, MEASURES) or '; flow = cumulative from 1 January, level = as at the end of the quarter, growth = % change on a year earlier.'}")
    return dict(id=str(entry.get("id")), name_vi=name[0], name_en=name[1], unit_vi=unit[0], unit_en=unit[1],
                measure=measure)


def _rule(entry: dict, where: str, problems: Problems) -> Rule | None:
    spec = entry.get("rule")
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
    try:
        return make_rule(kind, spec[kind], tolerance)
    except ValueError as e:
        fix = ""
        if kind == "between" and "exceed" in str(e):
            fix = f"; write [{spec[kind][1]}, {spec[kind][0]}]"
        problems.add(f"{where}: {kind} {spec[kind]!r}: {e}{fix}.")
        return None


def load_plan(path: Path | str) -> Plan:
    """Read and check a plan file (or the ``plan.yaml`` of a plan folder).

    Every problem in the file is collected and raised together as one ``PlanError``.
    """
    path = Path(path)
    if path.is_dir():
        path = path / PLAN_FILE
    name = display(path)
    text = read_text(path, PlanError)
    try:
        doc = yaml.safe_load(text)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        line = f" at line {mark.line + 1}" if mark else ""
        raise PlanError(f"{name}: not valid YAML{line} ({getattr(e, 'problem', e)}); fix the syntax there.") from None
    if not isinstance(doc, dict):
        what = "a " + type(doc).__name__ if doc is not None else "empty"
        raise PlanError(f"{name}: the top level is {what}, "
                        "not a mapping; start the file with keys such as 'id:', 'year:' and 'targets:' "
                        "(see data/README.md).")
    problems = Problems()
    year = doc.get("year")
    if not isinstance(year, int) or isinstance(year, bool) or not 1900 < year < 2200:
        problems.add(f"{name}: year is {year!r}; write the plan year as a number, e.g. 'year: 2021'.")
    for key in ("id",):
        if not isinstance(doc.get(key), str) or not doc.get(key):
            problems.add(f"{name}: '{key}' is missing; write a short id such as 'id: kontum-2021'.")
    region = _text_pair(doc, "region", name, problems)
    title = _text_pair(doc, "title", name, problems)
    issuer = _text_pair(doc, "issuer", name, problems, required=False)
    place = _text_pair(doc, "place", name, problems, required=False)
    source = doc.get("source") if isinstance(doc.get("source"), dict) else {}

    targets: list[Target] = []
    entries = doc.get("targets")
    if not isinstance(entries, list) or not entries:
        problems.add(f"{name}: 'targets' is {'missing' if entries is None else repr(entries)}; "
                     "write a list of targets, each with id, group, name, unit, measure and rule.")
        entries = []
    seen: set[str] = set()
    for i, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict) or not entry.get("id"):
            problems.add(f"{name}, target #{i}: no 'id'; every target needs a stable id such as 'id: grdp_growth'.")
            continue
        tid = str(entry["id"])
        where = f"{name}, target '{tid}'"
        if tid in seen:
            problems.add(f"{where}: the id is used twice; give each target its own id.")
        seen.add(tid)
        group = entry.get("group")
        if group not in GROUPS:
            problems.add(f"{where}: group '{group}' is not one of {', '.join(GROUPS)}{_suggest(group, GROUPS) or '.'}")
        fields = _indicator_fields(entry, where, problems)
        rule = _rule(entry, where, problems)
        if rule is not None and rule.needs_baseline and fields["measure"] != "level":
            problems.add(f"{where}: rule '{rule.kind}' compares with last year's level, so measure must be "
                         f"'level', not '{fields['measure']}'.")
        profile = None
        if entry.get("profile") is not None:
            try:
                profile = parse_profile(entry["profile"])
            except ValueError as e:
                problems.add(f"{where}: {e}; see 'profile' in data/README.md.")
            if fields["measure"] != "flow":
                problems.add(f"{where}: a profile describes how a cumulative figure builds up over the year, "
                             f"so measure must be 'flow', not '{fields['measure']}'; remove the profile.")
        targets.append(Target(**fields, group=group, rule=rule, parent=entry.get("parent"),
                              note=str(entry.get("note") or ""), profile=profile))
    for t in targets:
        if t.parent is not None and t.parent not in seen:
            problems.add(f"{name}, target '{t.id}': parent '{t.parent}' is not a target of this plan"
                         f"{_suggest(t.parent, seen) or '; name an existing target id or remove parent.'}")

    inputs: list[Indicator] = []
    for i, entry in enumerate(doc.get("inputs") or [], start=1):
        if not isinstance(entry, dict) or not entry.get("id"):
            problems.add(f"{name}, input #{i}: no 'id'; every input needs an id such as 'id: grdp_current_prices'.")
            continue
        where = f"{name}, input '{entry['id']}'"
        if str(entry["id"]) in seen:
            problems.add(f"{where}: the id is already used by a target; give the input its own id.")
        seen.add(str(entry["id"]))
        inputs.append(Indicator(**_indicator_fields(entry, where, problems)))

    problems.raise_if_any(PlanError)
    return Plan(id=doc["id"], year=year, region_vi=region[0], region_en=region[1], title_vi=title[0],
                title_en=title[1], document=str(source.get("document", "")), source_url=str(source.get("url", "")),
                targets=tuple(targets), inputs=tuple(inputs), path=path, issuer_vi=issuer[0], issuer_en=issuer[1],
                place_vi=place[0], place_en=place[1])
