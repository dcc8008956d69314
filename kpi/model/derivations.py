"""How a plan derives a target from other indicators: the ``derive:`` of a target in plan.yaml.

A closed vocabulary, as the rules are: ``growth``, ``share``, ``ratio``, ``less`` (data/README.md).
The computation is ``kpi.assessment.accounts.derive``; no indicator id is known to the code.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..text.labels import DERIVED_NOTES

METHODS = ("growth", "share", "ratio", "less")
"""The methods: ``growth`` reads ``of``; ``share`` and ``ratio`` read ``of`` and ``by``; ``less`` reads ``by`` and
the target's own figure at the end of last year."""


@dataclass(frozen=True)
class Derivation:
    """How one target is computed from its components where they are published and it is not.

    ``growth``: (``of`` / ``of`` a year earlier − 1) × 100; ``share``: ``of`` / ``by`` × 100; ``ratio``:
    ``of`` / ``by`` × ``times`` (only at the year's end when ``year_end``); ``less``: the target's own
    figure at the end of last year less ``by``.
    """

    target: str
    method: str
    of: str = ""
    by: str = ""
    times: float = 1.0
    year_end: bool = False
    note_vi: str = ""
    note_en: str = ""

    def __post_init__(self) -> None:
        if self.method not in METHODS:
            raise ValueError(f"'{self.method}' is not one of {', '.join(METHODS)}")

    @property
    def needs(self) -> tuple[str, ...]:
        """The indicators read: the components, and for ``less`` the target's own last-year figure."""
        own = (self.target,) if self.method == "less" else ()
        return tuple(i for i in (self.of, self.by, *own) if i)

    def note(self, lang: str = "vi") -> str:
        """How the figure was computed, in ``lang``."""
        return self.note_vi if lang == "vi" else self.note_en


def default_note(method: str, lang: str, **names: str) -> str:
    """The note of a derivation the plan gives no note for; ``names``: target, of, by, times, as words."""
    return DERIVED_NOTES["vi" if lang == "vi" else "en"][method].format(**names)
