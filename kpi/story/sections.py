"""The report's text blocks as HTML, every text from a plan or data file escaped.

Each function returns ``Html``: a string that notebooks display as HTML.
"""
from __future__ import annotations

from html import escape

import pandas as pd

from ..assessment.engine import PROJECTED
from ..text.formatting import DIGITS, MAX_DIGITS, bounded, is_missing, number, quantity
from ..text.labels import (HEADINGS, KIND_LABELS, QUALIFIER_WORDS, REPORTING, SECTION, SENTENCE, basis_short,
                           status_label)
from ..model.period import Period
from ..model.plan import Plan
from ..model.rules import rule_words
from ..text.status import ATTENTION, attention_rank, status_of


class Html(str):
    """HTML text that Jupyter displays as HTML."""

    def _repr_html_(self) -> str:
        return str(self)


def chip(status: str, lang: str = "vi", *, approximate: bool = False) -> str:
    """A status label coloured like the charts (text colour chosen for contrast); ≈ when approximate."""
    s = status_of(status)
    return (f'<span class="status status-{status}" style="background:{s.colour};'
            f'color:{s.ink}">{escape(status_label(status, lang, approximate=approximate))}</span>')


def row_chip(row, lang: str = "vi") -> str:
    """The chip of one assessed target."""
    return chip(row["status"], lang, approximate=bool(row.get("approximate", False)))


def figure_text(row, lang: str = "vi") -> str:
    """The figure with unit and qualifier: 'hơn 20.000 tỷ đồng'."""
    return quantity(row["actual"], row["unit"], lang, qualifier=row["qualifier"])


def rule_text(row, lang: str = "vi") -> str:
    """The rule with its unit: 'trên 50 triệu đồng', '21–22%' (``kpi.model.rules.rule_words``)."""
    return rule_words(row, lang)


def data_until(status: pd.DataFrame, lang: str = "vi", *, none: str = "—") -> str:
    """The period of the latest figure the assessment uses, as a label ('9 tháng năm 2021'); ``none`` when it uses
    none. The title of the report, of the slides and the Word report's opening say it."""
    latest = Period.latest(status["as_of"])
    return latest.label(lang) if latest is not None else none


def verdict_text(row, lang: str = "vi", *, capital: bool = False) -> str:
    """The status in words, lower case (``capital``: as a label starts, 'Chậm tiến độ'), with ≈ and the
    figure's own period when it is stale: 'chậm tiến độ (số liệu 6 tháng)'."""
    word = status_label(row["status"], lang, approximate=bool(row.get("approximate", False)))
    word = word if capital else word.lower()
    if row.get("stale", False):
        word += f" ({SECTION[lang]['stale'].format(span=Period.parse(row['as_of']).span(lang))})"
    return word


def takeaway(row, lang: str = "vi") -> str:
    """The sentence a provincial report writes for one target, the verdict woven in.

    'Thu ngân sách 9 tháng năm 2021 ước đạt 2.000 tỷ đồng, bằng 57,1% kế hoạch năm, tăng 5,2% so với cùng kỳ năm trước,
    chậm hơn tiến độ cần đạt đến thời điểm này (75%); có nguy cơ không đạt kế hoạch năm.' A target with no figure
    for the period says so once, then what is known (the latest figure and its period).
    """
    w = SENTENCE[lang]
    period = Period.parse(row["period"])
    if is_missing(row["actual"]):
        if row["status"] == "not_due" and row.get("expected_basis") not in ("year_end", "profile"):
            return w["not_published"].format(name=row["name"]) + "."  # its calendar: nothing due yet
        head = w["no_figure_yet"].format(name=row["name"])
        return f"{head}; {_verdict_words(row, lang)}." if row["status"] == "not_due" else f"{head}."
    when = Period.parse(row["as_of"]).in_text(lang)
    stale = bool(row.get("stale", False))
    figure = f"{_verb(row, lang)} {figure_text(row, lang)}".strip()
    clauses = [*_plan_clauses(row, lang), _last_year(row, lang) if not stale else "",
               *([] if stale else _pace(row, period, lang))]
    details = "".join(c if c.startswith(" (") else f", {c}" for c in clauses if c)
    if stale:
        head = w["no_figure"].format(name=row["name"], period=period.in_text(lang))
        text = f"{head}; {w['earlier'].format(period=when)}: {figure}{details}"
    elif lang == "vi":
        text = f"{row['name']} {when} {figure}{details}"
    else:
        text = f"{row['name']}, {when}: {figure}{details}"
    return f"{text}; {_verdict_words(row, lang)}."


def _verb(row, lang: str) -> str:
    """'ước đạt' for an estimate, 'đạt' otherwise; 'còn' for a rate the plan asks to bring down, 'ở mức' for a
    figure under a cap (a cap is not something to reach)."""
    w = SENTENCE[lang]
    estimate = row.get("kind") == "estimate" and not (lang == "en" and row["qualifier"])  # not "an estimated about"
    if row["rule_kind"] == "reduce_by":
        return w["remains_estimate" if estimate else "remains"]
    if row["rule_kind"] in ("below", "at_most"):
        return w["stands_estimate" if estimate else "stands"]
    return w["estimate" if estimate else "reached"]


def _percent_unit(row) -> bool:
    return str(row["unit"]).strip() == "%"


def _amount(value: float, row, lang: str, *, points: bool = False) -> str:
    """A difference in the target's unit; a difference of percents in percentage points."""
    if points or _percent_unit(row):
        return f"{number(value, lang)} {SENTENCE[lang]['points']}"
    return quantity(value, row["unit"], lang)


def _plan_clauses(row, lang: str) -> list[str]:
    """The figure against the plan, the stretch target and the other references, in the words reports use."""
    w = SENTENCE[lang]
    year_end = Period.parse(row["period"]).is_year_end
    bound = QUALIFIER_WORDS[lang].get(row["qualifier"], "") if row["qualifier"] else ""
    out = []
    attained = not is_missing(row["attainment_pct"]) and row["measure"] == "flow"
    if attained:
        pct = number(bounded(row["attainment_pct"], row["qualifier"], DIGITS["attainment_pct"]), lang,
                     digits=DIGITS["attainment_pct"])
        out.append(w["of_plan_end" if year_end else "of_plan"].format(pct=bound + pct))
    elif row["rule_kind"] in ("reduce_by", "increase_by") and not is_missing(row.get("baseline")):
        change = abs(row["actual"] - row["baseline"])
        key = "reduced" if row["actual"] <= row["baseline"] else "increased"
        year = Period.parse(row["period"]).year - 1
        plan = w["plan"].format(rule=rule_text(row, lang))
        out.append(w[key].format(gap=_amount(round(change, 9), row, lang), year=year) + f" ({plan})")
    else:
        out.append(f" ({w['plan'].format(rule=rule_text(row, lang))})")
    return out + reference_clauses(row, lang)


def reference_clauses(row, lang: str = "vi") -> list[str]:
    """The figure against its other references (``also:``) and its stretch target, in the words reports use:
    'bằng 53,0% dự toán Trung ương giao', 'thấp hơn chỉ tiêu phấn đấu (trên 8,5%) 2,87 điểm phần trăm'. The
    sentence, status.xlsx and the slides say them alike."""
    w = SENTENCE[lang]
    bound = QUALIFIER_WORDS[lang].get(row["qualifier"], "") if row["qualifier"] else ""
    attained = not is_missing(row["attainment_pct"]) and row["measure"] == "flow"
    out = []
    for ref in row.get("also", ()) or ():
        if not is_missing(ref["attainment_pct"]):
            pct = number(bounded(ref["attainment_pct"], row["qualifier"], DIGITS["attainment_pct"]), lang,
                         digits=DIGITS["attainment_pct"])
            out.append(w["of_reference"].format(pct=bound + pct, name=ref["name"]))
    if row.get("stretch_kind"):
        if attained and not is_missing(row.get("stretch_attainment_pct")):
            pct = number(bounded(row["stretch_attainment_pct"], row["qualifier"], DIGITS["attainment_pct"]), lang,
                         digits=DIGITS["attainment_pct"])
            out.append(w["of_reference"].format(pct=bound + pct, name=w["stretch"]))
        elif not is_missing(row.get("stretch_gap")) and row["stretch_gap"] != 0:
            stretch = rule_words({"rule_kind": row["stretch_kind"], "rule_a": row["stretch_a"],
                                  "rule_b": row["stretch_b"], "unit": row["unit"]}, lang)
            what = f"{w['stretch']} ({stretch})"
            key = "above_by" if row["stretch_gap"] > 0 else "below_by"
            out.append(w[key].format(what=what, gap=_amount(abs(row["stretch_gap"]), row, lang)))
    return out


def _last_year(row, lang: str) -> str:
    """The change on the same period a year earlier, where that figure is on file ('' for a growth rate, which is
    that change already, and for a bounded figure)."""
    w = SENTENCE[lang]
    before = row.get("last_year")
    if row["measure"] == "growth" or is_missing(before) or row["qualifier"] in ("more_than", "less_than") \
            or row["rule_kind"] in ("reduce_by", "increase_by"):  # the change on last year's end is said already
        return ""
    end = "_end" if Period.parse(row["period"]).is_year_end else ""
    if _percent_unit(row):
        diff = round(row["actual"] - before, 2)
        change = _amount(abs(diff), row, lang)
    else:
        if before <= 0:
            return ""
        diff = round(row["actual"] / before * 100 - 100, DIGITS["attainment_pct"])
        change = number(abs(diff), lang, digits=DIGITS["attainment_pct"]) + "%"
    if diff == 0:
        return w["last_year_same"]
    return w[("last_year_up" if diff > 0 else "last_year_down") + end].format(change=change)


def _pace(row, period: Period, lang: str) -> list[str]:
    """For a flow in the year: against the progress expected by now, and what the rest of the year must deliver."""
    w = SENTENCE[lang]
    if row["measure"] != "flow" or period.is_year_end or row["status"] in ("not_due", "met", "exceeded") \
            or is_missing(row["expected_pct"]) or is_missing(row["attainment_pct"]):
        return []
    out = []
    if row["status"] != "undetermined":
        key = "faster" if row["attainment_pct"] >= row["expected_pct"] else "slower"
        out.append(w[key].format(pct=number(row["expected_pct"], lang, digits=DIGITS["expected_pct"])))
    pace = row.get("required_pace")
    if row["status"] in ("at_risk", "off_track") and not is_missing(pace) and pace > 0:
        left = period.steps - period.step
        amount = quantity(pace, row["unit"], lang, digits=DIGITS["projection"])
        unit = "quarter" if period.is_quarter else "month"
        out.append(w[f"pace_{unit}"].format(amount=amount) if left == 1 else
                   w[f"pace_{unit}s"].format(n=left, amount=amount))
    return out


def _verdict_words(row, lang: str) -> str:
    """The verdict as the end of a sentence: 'có nguy cơ không đạt kế hoạch năm'; a flow already past its target
    in the year 'đã vượt kế hoạch năm'; with why it is approximate where it is."""
    w = SENTENCE[lang]
    status = row["status"]
    in_year = not Period.parse(row["period"]).is_year_end
    words = w["in_year"].get(status, w["verdicts"][status]) if in_year else w["verdicts"][status]
    if row.get("approximate", False):
        words += f" ({w['approximate']})"
    return words


def title(plan: Plan, status: pd.DataFrame, lang: str = "vi") -> Html:
    """The report's title block: plan, region, quarter, basis (a link to the plan's ``source: {url}`` when it is a
    web address), date of the data."""
    t = SECTION[lang]
    period = status["period"].iloc[0]
    latest = data_until(status, lang)
    return Html(
        f'<header class="title"><p class="region">{escape(plan.region(lang))}</p>'
        f"<h1>{escape(plan.title(lang))}</h1>"
        f'<p class="period">{escape(_capital(Period.parse(period).subject(lang)))}</p>'
        f'<p class="basis">{t["document"]}: {_basis(plan)} · {t["data_date"]}: {escape(latest)}</p></header>')


def _capital(text: str) -> str:
    """The first letter in capitals: 'Quý III và 9 tháng năm 2021'."""
    return text[:1].upper() + text[1:]


def _basis(plan: Plan) -> str:
    """The plan's document, linked to its address when that is a web address (else the document alone)."""
    url = plan.source_url
    if not url.startswith(("https://", "http://")):
        return escape(plan.document)
    return f'<a href="{escape(url)}">{escape(plan.document or url)}</a>'


def attention(status: pd.DataFrame, top: int | None = None) -> pd.DataFrame:
    """The targets that need attention, worst status first (missed, off track, at risk, undetermined)."""
    need = status[status["status"].isin(ATTENTION)]
    need = need.assign(_rank=need["status"].map(attention_rank)).sort_values(["_rank", "group"], kind="stable")
    return need.drop(columns="_rank").head(top) if top else need.drop(columns="_rank")


def headline(status: pd.DataFrame, lang: str = "vi", *, top: int = 6) -> Html:
    """How many targets stand where, and the few that need attention, with why."""
    from ..assessment.engine import status_counts

    t = SECTION[lang]
    counts = status_counts(status)
    chips = " ".join(f'{chip(s, lang)} <b>{n}</b>' for s, n in counts.items() if n)
    need = attention(status, top)
    items = "".join(f"<li>{row_chip(r, lang)} {escape(takeaway(r, lang))}</li>" for _, r in need.iterrows())
    body = f"<ul class='attention'>{items}</ul>" if items else f"<p>{t['none']}</p>"
    return Html(f'<section class="headline"><p class="counts">{len(status)} {t["targets"]}: {chips}</p>'
                f"<h3>{t['attention']}</h3>{body}</section>")


def scorecard_table(status: pd.DataFrame, lang: str = "vi", *, groups: list[str] | None = None) -> Html:
    """Every target in one table, grouped, status coloured, numbers in the reader's format."""
    t = SECTION[lang]
    head = "".join(f"<th>{h}</th>" for h in (t["target"], t["plan"], t["actual"], t["as_of"], t["pct"],
                                            t["expected"], t["projection"], t["status"]))
    cols = "".join(f'<col style="width:{w}%">' for w in (21, 12, 14, 9, 8, 10, 12, 14))
    parts = [f'<table class="scorecard"><colgroup>{cols}</colgroup><thead><tr>{head}</tr></thead>']
    for group, rows in status.groupby("group", sort=False):
        if groups and group not in groups:
            continue
        parts.append(f'<tbody><tr class="group"><th colspan="8">{escape(rows["group_name"].iloc[0])}'
                     "</th></tr>")
        for _, r in rows.iterrows():
            current = bool(r["as_of"]) and not r["stale"]
            cells = [
                f'<td class="name{" child" if r["parent"] else ""}">{escape(r["name"])}</td>',
                f"<td>{escape(rule_text(r, lang))}</td>",
                f'<td class="num">{escape(figure_text(r, lang))}</td>',
                f"<td>{escape(Period.parse(r['as_of']).label(lang)) if r['as_of'] else '—'}</td>",
                f'<td class="num">{"" if is_missing(r["attainment_pct"]) else number(r["attainment_pct"], lang, digits=DIGITS["attainment_pct"]) + "%"}</td>',
                f'<td class="num">{_expected(r, lang) if current else ""}</td>',
                f'<td class="num">{escape(quantity(r["projection"], r["unit"], lang, digits=DIGITS["projection"])) if current and r["projection_method"] in PROJECTED else ""}</td>',
                f"<td>{row_chip(r, lang)}</td>",
            ]
            parts.append(f'<tr data-indicator="{escape(r["indicator"])}" data-status="{r["status"]}">'
                         + "".join(cells) + "</tr>")
        parts.append("</tbody>")
    parts.append("</table>")
    return Html("".join(parts))


def basis_words(row, lang: str = "vi") -> str:
    """How the expected progress of a row was set, in a few words ('theo 2019, 2020', '9/12 tháng'); '' with no
    expected progress. The report's table and status.xlsx both say it."""
    if is_missing(row["expected_pct"]):
        return ""
    basis = row.get("expected_basis")  # None in a frame without the basis columns: no words
    return basis_short(basis, row.get("expected_years"), Period.parse(row["period"]).month, lang) if basis else ""


def _expected(row, lang: str = "vi") -> str:
    """The progress expected by now and, under it in small type, how it was set: '74%<br>theo 2019, 2020'."""
    if is_missing(row["expected_pct"]):
        return ""
    basis = basis_words(row, lang)
    return number(row["expected_pct"], lang, digits=DIGITS["expected_pct"]) + "%" + (
        f'<br><small class="basis">{escape(basis)}</small>' if basis else "")


def _link(url: str) -> str:
    if url.startswith(("https://", "http://")):
        return f'<a href="{escape(url)}">{escape(url)}</a>'
    return escape(url)


def amendment(row, lang: str = "vi") -> str:
    """The sentence for a target judged on an amended rule (``revised:``): from when, by which decision, what."""
    from ..model.rules import rule_words

    day = "/".join(reversed(row["rule_since"].split("-")))
    source = f" ({row['rule_source']})" if row["rule_source"] else ""
    return SECTION[lang]["amended"].format(name=row["name"], date=day, source=source, rule=rule_words(row, lang))


def amended(status: pd.DataFrame) -> pd.DataFrame:
    """The targets judged on a rule amended since the plan (``revised:``); none for a frame without the column."""
    return status[status["rule_since"] != ""] if "rule_since" in status else status.iloc[:0]


def amendments(status: pd.DataFrame, lang: str = "vi") -> Html:
    """A paragraph per amended target (``amendment``), escaped; nothing when none is."""
    return Html("".join(f"<p class='amended'>{escape(amendment(r, lang))}</p>" for _, r in amended(status).iterrows()))


def data_notes(status: pd.DataFrame, lang: str = "vi") -> Html:
    """Source and kind of every figure used, and the targets with no figure."""
    t = SECTION[lang]
    used = status[status["as_of"] != ""]
    rows = "".join(
        f"<tr><td>{escape(r['name'])}</td><td>{escape(Period.parse(r['as_of']).label(lang))}</td>"
        f"<td>{escape(KIND_LABELS[lang].get(r['kind'], r['kind']))}</td>"
        f"<td class='source'>{_link(r['source']) if r['source'] else escape(t['derived'])}"
        f"{'<br><small>' + escape(r['note']) + '</small>' if r['note'] else ''}</td></tr>"
        for _, r in used.iterrows())
    missing = status[(status["as_of"] == "") & (status["status"] != "not_due")]
    names = ", ".join(escape(n) for n in missing["name"])
    waiting = status[(status["as_of"] == "") & (status["status"] == "not_due")]  # none due yet: no alarm
    later = (f"<h3>{t['not_due_list']} ({len(waiting)})</h3><p class='not-due'>"
             f"{', '.join(escape(n) for n in waiting['name'])}</p>") if len(waiting) else ""
    return Html(f'<table class="notes"><thead><tr><th>{t["target"]}</th><th>{t["as_of"]}</th><th>{t["kind"]}</th>'
                f"<th>{t['source']}</th></tr></thead><tbody>{rows}</tbody></table>"
                f"<h3>{t['no_data_list']} ({len(missing)})</h3><p class='missing'>{names or '—'}</p>{later}")


def styled(status: pd.DataFrame):
    """The assessment frame as a pandas Styler: status cells in the chart colours, missing as a dash."""
    def colour(s: str) -> str:
        return f"background-color: {status_of(s).colour}; color: {status_of(s).ink}"

    return status.style.map(colour, subset=["status"]).format(precision=MAX_DIGITS, na_rep="—")


def heading(key: str, lang: str = "vi", level: int = 2) -> Html:
    """A section heading from ``HEADINGS`` (or the text itself), escaped."""
    text = HEADINGS[lang].get(key, key)
    return Html(f"<h{level}>{escape(text)}</h{level}>")


def paragraph(text: str) -> Html:
    """A paragraph of escaped text."""
    return Html(f"<p>{escape(text)}</p>")


def reporting(table: pd.DataFrame, lang: str = "vi") -> Html:
    """Which offices reported their targets for the period (``kpi.assessment.reporting.reporting_table``), escaped.

    Empty for a plan that names no owners.
    """
    if table.empty:
        return Html("")
    w = REPORTING[lang]
    head = "".join(f"<th>{escape(w[k])}</th>" for k in ("owner", "reported", "state", "due", "missing"))
    rows = []
    for r in table.itertuples(index=False):
        state = escape(w["states"][r.state]) + (f" <b>({escape(w['overdue'])})</b>" if r.overdue else "")
        due = escape(r.due.strftime("%d/%m/%Y")) if r.due is not None and not is_missing(r.due) else "—"
        rows.append(f'<tr data-owner="{escape(r.owner)}" data-state="{escape(r.state)}"><td>{escape(r.name)}</td>'
                    f'<td class="num">{r.reported}/{r.targets}</td><td>{state}</td><td>{due}</td>'
                    f"<td>{escape(r.missing) or '—'}</td></tr>")
    from ..assessment.reporting import as_of_words

    when = as_of_words(table, lang)
    title = escape(w["title"] + (f" ({when})" if when else ""))
    return Html(f'<section class="reporting"><h3>{title}</h3><table class="reporting"><thead><tr>'
                f"{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></section>")
