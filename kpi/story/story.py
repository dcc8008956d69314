"""The report's content, told once per plan and period, for any layout.

``tell(status, lang)`` gives a ``Story``: the summary (``kpi.story.summary``), the amendments made since the plan,
and one ``Section`` per group of the plan, in its order and under its own name: the sentence of each target with
a figure (its year-end estimate beside it), then the targets without one, those whose figure was due apart from
those whose calendar owes none yet. The notebook (HTML and PDF) and the Word report lay out the same sections,
the slides the same summary: none of them decides on its own what to say.
"""
from __future__ import annotations

from dataclasses import dataclass
from html import escape

import pandas as pd

from ..assessment.engine import status_counts
from ..text.labels import SECTION
from .outline import roman
from .sections import Html, amended, amendment, chip, row_chip, takeaway
from .summary import Point, Summary, projection_clause, summarise


@dataclass(frozen=True)
class Section:
    """One group of the plan as the report tells it.

    Attributes
    ----------
    group, name : the group's code and its name in the report's language ('economy', 'Kinh tế').
    number : its Roman numeral in the report's outline ('I'), as the Word appendix and status.xlsx number it.
    counts : (status, count) of its targets, in the status table's order, none zero.
    points : the targets with a figure, in the plan's order: the sentence, and the year-end estimate of a flow.
    no_figure : the sentence naming the targets whose figure was due and is not on file ('' when none).
    not_due : the sentence naming the targets whose calendar owes no figure yet ('' when none).
    """

    group: str
    number: str
    name: str
    counts: tuple[tuple[str, int], ...]
    points: tuple[Point, ...]
    no_figure: str = ""
    not_due: str = ""

    @property
    def total(self) -> int:
        return sum(n for _, n in self.counts)


@dataclass(frozen=True)
class Story:
    """What the report says for one plan and period: its summary, amendments and sections."""

    summary: Summary
    amendments: tuple[str, ...]
    sections: tuple[Section, ...]

    def section(self, group: str) -> Section | None:
        """The section of ``group`` (its code), or ``None`` when the plan has no target in it."""
        return next((s for s in self.sections if s.group == group), None)


def tell(status: pd.DataFrame, lang: str = "vi") -> Story:
    """The story of an assessment (``kpi.assess``): built once, laid out by each medium."""
    groups = list(dict.fromkeys(status["group"]))
    return Story(summary=summarise(status, lang),
                 amendments=tuple(amendment(r, lang) for _, r in amended(status).iterrows()),
                 sections=tuple(_section(status[status["group"] == g], k, lang) for k, g in enumerate(groups, 1)))


def _section(rows: pd.DataFrame, k: int, lang: str) -> Section:
    t = SECTION[lang]
    known = rows[rows["as_of"] != ""]
    missing = rows[rows["as_of"] == ""]
    due, not_due = missing[missing["status"] != "not_due"], missing[missing["status"] == "not_due"]

    def names(key: str, these: pd.DataFrame) -> str:
        return t[key].format(names="; ".join(these["name"])) if len(these) else ""

    return Section(group=rows["group"].iloc[0], number=roman(k), name=rows["group_name"].iloc[0],
                   counts=tuple((s, int(n)) for s, n in status_counts(rows).items() if n),
                   points=tuple(Point(r["indicator"], r["status"], takeaway(r, lang), projection_clause(r, lang))
                                for _, r in known.iterrows()),
                   no_figure=names("no_figure_names", due), not_due=names("not_due_names", not_due))


def section_html(section: Section | None, status: pd.DataFrame, lang: str = "vi") -> Html:
    """A section's targets as the report's HTML: counts by status, one sentence a target with a figure (its
    status chip before it), then the targets without one; every text escaped. Nothing for ``None``."""
    if section is None:
        return Html("")
    t = SECTION[lang]
    rows = status.set_index("indicator", drop=False)
    chips = " ".join(f"{chip(s, lang)} <b>{n}</b>" for s, n in section.counts)
    items = "".join(f"<li>{row_chip(rows.loc[p.indicator], lang)} {escape(p.text)}</li>" for p in section.points)
    tail = "".join(f"<p class='missing'>{escape(s)}</p>" for s in (section.no_figure, section.not_due) if s)
    return Html(f'<section class="group-summary"><p class="counts">{section.total} {t["targets"]}: {chips}</p>'
                + (f"<ul class='attention'>{items}</ul>" if items else "") + f"{tail}</section>")
