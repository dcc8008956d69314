"""A plan and its targets as values: what a plan file says, once read (``kpi.inputs.planfile`` reads it)."""
from __future__ import annotations

import calendar
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property
from pathlib import Path

from .derivations import Derivation
from .publication import MONTHLY, Calendar
from ..text.labels import GROUP_LABELS, ISSUER
from .rules import Rule
from .season import Profile

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
    owner: str = ""
    """The code of the department or agency that reports it (``""``: none named)."""
    calendar: Calendar = MONTHLY
    """How often it is published and how long after its period (``calendar:``; default every month, by the
    reporting deadline)."""

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
class Revision:
    """An amendment of a target's rule: from ``since`` (a date), ``rule`` replaces the plan's (``revised:``)."""

    since: date
    rule: Rule
    source: str = ""


@dataclass(frozen=True)
class Reference:
    """Another figure a target's reports measure it against, beside its rule (``also:``): the central
    government's budget estimate beside the Provincial People's Council's, say."""

    name_vi: str
    name_en: str
    value: float

    def name(self, lang: str = "vi") -> str:
        """The reference's name in ``lang`` ('dự toán Trung ương giao')."""
        return self.name_vi if lang == "vi" else self.name_en


@dataclass(frozen=True)
class Target(Indicator):
    """One numeric target of the plan, with its rule."""

    group: str = "economy"
    rule: Rule | None = None
    parent: str | None = None
    note: str = ""
    profile: Profile | None = None
    derive: Derivation | None = None
    """How the target is computed from other indicators where it is not published itself (``derive:``)."""
    revisions: tuple[Revision, ...] = ()
    """Amendments of the rule, oldest first (``revised:``): a period is judged on the rule in force at its end."""
    amended: Revision | None = None
    """In a plan as it stands at a period's end (``Plan.in_force``): the amendment whose rule is in force."""
    stretch: Rule | None = None
    """The stretch target ("chỉ tiêu phấn đấu", ``stretch:``): reported beside the plan, never the verdict's rule;
    a figure that reaches it is ``exceeded``."""
    also: tuple[Reference, ...] = ()
    """Other figures the reports measure the target against (``also:``), with their names."""

    def amendment_on(self, day: date) -> Revision | None:
        """The amendment in force on ``day``: the latest from that day or before; None while the plan's rule is."""
        found = None
        for r in self.revisions:
            if r.since <= day:
                found = r
        return found

    def rule_on(self, day: date) -> Rule | None:
        """The rule in force on ``day``."""
        amendment = self.amendment_on(day)
        return amendment.rule if amendment is not None else self.rule


@dataclass(frozen=True)
class Named:
    """What a plan declares with a code and a name in Vietnamese and English: an owner, a group."""

    code: str
    name_vi: str
    name_en: str

    def name(self, lang: str = "vi") -> str:
        """The name in ``lang``."""
        return self.name_vi if lang == "vi" else self.name_en


@dataclass(frozen=True)
class Group(Named):
    """A group of targets, a section of the report: ``economy``, Kinh tế (``groups:``)."""


DEFAULT_GROUPS = tuple(Group(code, GROUP_LABELS["vi"][code], GROUP_LABELS["en"][code]) for code in GROUPS)
"""The groups of a plan that declares none: economy, society, security, in the words of Kon Tum's decision."""


@dataclass(frozen=True)
class Owner(Named):
    """A department or agency that reports figures: ``cts``, Cục Thống kê tỉnh."""


SIGNERS = ("chairman", "vice_chairman")
"""Who signs the Word report for the issuing committee: its chairman (TM. ... / CHỦ TỊCH) or a vice chairman on
the chairman's behalf (TM. ... / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH)."""


@dataclass(frozen=True)
class Dispatch:
    """How the Word report goes out (the issuer block of a plan file, Decree 30/2020/NĐ-CP): whom it is addressed
    to ("Kính gửi:"), who else gets a copy ("Nơi nhận:"), the drafting unit of the "Lưu:" line and who signs.

    Texts are ``(vi, en)`` pairs; empty when the plan does not say.
    """

    recipients: tuple[tuple[str, str], ...] = ()
    copies: tuple[tuple[str, str], ...] = ()
    drafter: tuple[str, str] = ("", "")
    signer: str = "chairman"
    signer_name: str = ""

    def text(self, pair: tuple[str, str], lang: str = "vi") -> str:
        """One of the block's texts in ``lang``."""
        return pair[0] if lang == "vi" else pair[1]


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
    owners: tuple[Owner, ...] = ()
    cutoff_day: int | None = None
    """Figures of a period are due by this day of the month after the period ends (``reporting: {cutoff_day: 20}``)."""
    groups: tuple[Group, ...] = DEFAULT_GROUPS
    """The sections of the report, in order (``groups:``; default economy, society, security)."""
    document_en: str = ""
    """The source document's name in English (``source: {document: {vi: ..., en: ...}}``); empty if not given."""
    dispatch: Dispatch = Dispatch()
    """Recipients, copies, drafting unit and signer of the Word report (the issuer block)."""
    contributions: tuple[str, tuple[str, ...]] | None = None
    """``(total, parts)``: the indicators at constant prices whose growth the parts contribute to (``contributions:``)."""

    def group_name(self, code: str, lang: str = "vi") -> str:
        """A group's name in ``lang`` (its code if the plan does not declare it)."""
        return next((g.name(lang) for g in self.groups if g.code == code), code)

    def in_force(self, period) -> Plan:
        """The plan as it stands at the end of ``period`` (a ``Period``): each amended target with the rule in
        force on that day (the plan itself when nothing is amended)."""
        if not any(t.revisions for t in self.targets):
            return self
        day = date(period.year, period.month, calendar.monthrange(period.year, period.month)[1])
        return replace(self, targets=tuple(replace(t, rule=t.rule_on(day), amended=t.amendment_on(day))
                                           if t.revisions else t for t in self.targets))

    @property
    def derivations(self) -> tuple[Derivation, ...]:
        """How targets are derived from their components, in plan order."""
        return tuple(t.derive for t in self.targets if t.derive is not None)

    def title(self, lang: str = "vi") -> str:
        """The plan's title in ``lang``."""
        return self.title_vi if lang == "vi" else self.title_en

    def region(self, lang: str = "vi") -> str:
        """The region's name in ``lang``."""
        return self.region_vi if lang == "vi" else self.region_en

    def document_name(self, lang: str = "vi") -> str:
        """The source document's name in ``lang``: the English one when given, else '' in English."""
        return self.document if lang == "vi" else self.document_en

    def issuer(self, lang: str = "vi") -> str:
        """The body that issues the reports: 'ỦY BAN NHÂN DÂN TỈNH KON TUM' (default from the region)."""
        given = self.issuer_vi if lang == "vi" else self.issuer_en
        if given:
            return given
        region = self.region(lang).upper()
        return ISSUER["vi" if lang == "vi" else "en"].format(region=region)

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

    @cached_property
    def indicators(self) -> dict[str, Indicator]:
        """Every indicator observations may name: targets first, then inputs (built once per plan)."""
        return {i.id: i for i in (*self.targets, *self.inputs)}

    @cached_property
    def _targets_by_id(self) -> dict[str, Target]:
        return {t.id: t for t in self.targets}

    def target(self, target_id: str) -> Target:
        """The target with this id."""
        return self._targets_by_id[target_id]

    @cached_property
    def _owners_by_code(self) -> dict[str, Owner]:
        return {o.code: o for o in self.owners}

    def owner(self, code: str) -> Owner:
        """The owner with this code (``KeyError`` if the plan declares none such)."""
        return self._owners_by_code[code]

    def owned_by(self, code: str) -> tuple[Indicator, ...]:
        """The targets, then the inputs, that the owner ``code`` reports, in plan order."""
        return tuple(i for i in self.indicators.values() if i.owner == code)
