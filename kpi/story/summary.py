"""The one-page summary for leaders: where the targets stand, the five that need attention most (with
their numbers), and what the year-end projection says.

``summarise`` gives the words once; ``summary`` lays them out as the first page of the report (HTML and
PDF), ``kpi.documents.pptx`` as the first content slide. Every text from a plan or data file is escaped.
"""
from __future__ import annotations

from dataclasses import dataclass
from html import escape

import pandas as pd

from ..assessment.engine import PROJECTED, status_counts
from ..text.formatting import DIGITS, is_missing, number, quantity
from ..text.labels import SECTION, SUMMARY
from ..model.period import Period
from .sections import Html, attention, chip, row_chip, takeaway
from ..text.status import VERDICTS, status_of

TOP = 5
"""How many targets the summary names."""



@dataclass(frozen=True)
class Point:
    """One target that needs attention: its status, and the sentence with its numbers."""

    indicator: str
    status: str
    sentence: str
    projection: str = ""

    @property
    def text(self) -> str:
        """The sentence, and the projection when there is one."""
        return f"{self.sentence} {self.projection}" if self.projection else self.sentence


@dataclass(frozen=True)
class Summary:
    """The words of the summary, for any layout."""

    period: str
    total: int
    counts: tuple[tuple[str, int], ...]
    points: tuple[Point, ...]
    projection: str


def projection_clause(row, lang: str = "vi") -> str:
    """'Ước cả năm 2.712 tỷ đồng (77,5% kế hoạch).' for a flow projected from its figure, else ''; from a figure of
    an earlier period, that period is said ('…, theo số liệu 8 tháng năm 2021'): the verdict the summary counts rests
    on it, so the reader sees it."""
    if row["projection_method"] not in PROJECTED or is_missing(row["projection"]):
        return ""
    t = SUMMARY[lang]
    text = f"{t['projected']} {quantity(row['projection'], row['unit'], lang, digits=DIGITS['projection'])}"
    if not is_missing(row["target"]) and row["target"]:
        share = number(row["projection"] / row["target"] * 100, lang, digits=DIGITS["attainment_pct"])
        text += f" ({share}% {SECTION[lang]['of_plan']})"
    if row["stale"]:
        text += ", " + t["from_figure"].format(period=Period.parse(row["as_of"]).in_text(lang))
    return text + "."


def projection_text(status: pd.DataFrame, lang: str = "vi") -> str:
    """What the year-end projection says, in a few short sentences, from the targets' statuses.

    At the year end it is the year's result, on current figures only; a figure of an earlier period is
    counted apart (its year-end verdict is never given).
    """
    t = SUMMARY[lang]
    year_end = Period.parse(status["period"].iloc[0]).is_year_end
    stale = status["stale"].astype(bool) & (status["as_of"] != "")
    judged = status[~stale] if year_end else status
    counts = judged["status"].value_counts()
    parts = [t["verdicts"][key].format(n=n) for key, statuses in VERDICTS
             if (n := int(sum(counts.get(s, 0) for s in statuses)))]
    if exceeded := int(counts.get("exceeded", 0)):  # as provinces count: "đạt và vượt 18/24, trong đó vượt 6"
        met = int(sum(counts.get(s, 0) for key, statuses in VERDICTS if key == "met" for s in statuses))
        parts[0] = t["met_exceeded"].format(n=met, total=len(status), z=exceeded)
    head = t["year_end" if year_end else "in_year"]
    text = f"{head}: {', '.join(parts)}." if parts else f"{head}: {t['nothing']}."
    if stale.any():
        text += " " + t["stale_year_end" if year_end else "stale"].format(n=int(stale.sum()))
    for key in ("no_data", "not_due"):
        if n := int((status["status"] == key).sum()):
            text += " " + t[key].format(n=n)
    return text


def summarise(status: pd.DataFrame, lang: str = "vi", *, top: int = TOP) -> Summary:
    """The summary's words: counts by status, the ``top`` targets that need attention most, the projection."""
    counts = tuple((s, int(n)) for s, n in status_counts(status).items() if n)
    points = tuple(
        Point(r["indicator"], r["status"], takeaway(r, lang), projection_clause(r, lang))
        for _, r in attention(status, top).iterrows())
    return Summary(period=status["period"].iloc[0], total=len(status), counts=counts, points=points,
                   projection=projection_text(status, lang))


def counts_text(s: Summary, lang: str = "vi") -> str:
    """'43 chỉ tiêu: 1 đúng tiến độ, 1 có nguy cơ, …'."""
    return f"{s.total} {SECTION[lang]['targets']}: " + ", ".join(
        f"{n} {status_of(st).word(lang).lower()}" for st, n in s.counts)


def summary(status: pd.DataFrame, lang: str = "vi", *, top: int = TOP) -> Html:
    """The summary as the report's first page (a page break follows it in print)."""
    s = summarise(status, lang, top=top)
    t, sec = SUMMARY[lang], SECTION[lang]
    rows = status.set_index("indicator", drop=False)
    chips = " ".join(f"{chip(st, lang)} <b>{n}</b>" for st, n in s.counts)
    items = "".join(f"<li>{row_chip(rows.loc[p.indicator], lang)} {escape(p.text)}</li>" for p in s.points)
    body = f"<ol class='attention'>{items}</ol>" if items else f"<p>{sec['none']}</p>"
    return Html(f'<section class="summary"><h2>{escape(t["title"])}</h2>'
                f'<p class="counts">{s.total} {sec["targets"]}: {chips}</p>'
                f"<h3>{escape(t['attention'].format(n=len(s.points)))}</h3>{body}"
                f"<h3>{escape(t['projection'])}</h3><p class='projection'>{escape(s.projection)}</p></section>")
