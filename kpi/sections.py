"""The report's text blocks as HTML, every text from a plan or data file escaped.

Each function returns ``Html``: a string that notebooks display as HTML.
"""
from __future__ import annotations

from html import escape

import pandas as pd

from .charts import DARK_STATUSES, STATUS_COLOURS
from .formatting import GROUP_LABELS, QUALIFIER_WORDS, STATUS_LABELS, is_missing, number, quantity
from .periods import parse_quarter
from .plan import Plan

ATTENTION = ("missed", "off_track", "at_risk", "undetermined")
"""Statuses the headline lists as needing attention, worst first."""

_T = {
    "vi": {"headline": "Tóm tắt", "attention": "Chỉ tiêu cần chú ý", "none": "Không có chỉ tiêu nào cần chú ý.",
           "target": "Chỉ tiêu", "plan": "Kế hoạch", "actual": "Thực hiện", "as_of": "Kỳ số liệu",
           "pct": "% kế hoạch", "expected": "Tiến độ cần đạt", "projection": "Ước cả năm", "status": "Đánh giá",
           "source": "Nguồn", "kind": "Loại số liệu", "no_data_list": "Chỉ tiêu chưa có số liệu",
           "of": "trên", "targets": "chỉ tiêu", "reached": "đạt", "of_plan": "kế hoạch", "slower": "chậm hơn tiến độ",
           "faster": "nhanh hơn tiến độ", "against": "so với kế hoạch", "document": "Căn cứ",
           "data_date": "Số liệu đến", "derived": "tính từ số liệu thành phần", "no_figure": "chưa có số liệu",
           "open": "chưa đủ căn cứ để so với tiến độ"},
    "en": {"headline": "Headline", "attention": "Targets that need attention", "none": "No target needs attention.",
           "target": "Target", "plan": "Plan", "actual": "Actual", "as_of": "Figure of", "pct": "% of plan",
           "expected": "Expected by now", "projection": "Year-end projection", "status": "Status",
           "source": "Source", "kind": "Kind", "no_data_list": "Targets with no data", "of": "of",
           "targets": "targets", "reached": "reached", "of_plan": "of the plan", "slower": "behind the expected",
           "faster": "ahead of the expected", "against": "against a plan of", "document": "Basis",
           "data_date": "Data up to", "derived": "derived from its components", "no_figure": "has no figure yet",
           "open": "too vague to compare with the expected"},
}
KIND_LABELS = {"vi": {"official": "chính thức", "preliminary": "sơ bộ", "estimate": "ước tính", "derived": "tính toán"},
               "en": {"official": "official", "preliminary": "preliminary", "estimate": "estimate",
                      "derived": "derived"}}


HEADINGS = {
    "vi": {"headline": "Tóm tắt", "economy": "Kinh tế", "growth": "Tăng trưởng", "structure": "Cơ cấu kinh tế",
           "flows": "Tiến độ các chỉ tiêu lũy kế và ước cả năm", "society": "Văn hóa - xã hội và môi trường",
           "security": "Quốc phòng, an ninh", "scorecard": "Bảng đánh giá toàn bộ chỉ tiêu",
           "by_quarter": "Đánh giá theo quý", "notes": "Ghi chú số liệu", "contributions": "Đóng góp vào tăng trưởng",
           "targets": "Các chỉ tiêu của kế hoạch", "observations": "Số liệu đã có", "assessment": "Bảng đánh giá"},
    "en": {"headline": "Headline", "economy": "Economy", "growth": "Growth", "structure": "Economic structure",
           "flows": "Cumulative targets: progress and year-end projection", "society": "Society and environment",
           "security": "Defence and security", "scorecard": "Scorecard of every target",
           "by_quarter": "Status by quarter", "notes": "Data notes", "contributions": "Contributions to growth",
           "targets": "Targets of the plan", "observations": "Figures on file", "assessment": "Assessment"},
}
"""Section titles of the notebooks, in each language."""


class Html(str):
    """HTML text that Jupyter displays as HTML."""

    def _repr_html_(self) -> str:
        return str(self)


def chip(status: str, lang: str = "vi") -> str:
    """A status label coloured like the charts (text colour chosen for contrast)."""
    ink = "#fff" if status in DARK_STATUSES else "#222"
    return (f'<span class="status status-{status}" style="background:{STATUS_COLOURS[status]};color:{ink}">'
            f"{escape(STATUS_LABELS[lang][status])}</span>")


def figure_text(row, lang: str = "vi") -> str:
    """The figure with unit and qualifier: 'hơn 20.000 tỷ đồng'."""
    return quantity(row["actual"], row["unit"], lang, qualifier=row["qualifier"])


def rule_text(row) -> str:
    """The rule with its unit: 'trên 50 triệu đồng', '21–22%'."""
    rule, unit = row["rule"], row["unit"]
    if unit == "%" or rule.endswith("%") or rule.endswith(")") or unit in rule:
        return rule
    return f"{rule} {unit}"


def _when(period: str, lang: str) -> str:
    label = parse_quarter(period).label(lang)
    return label[0].lower() + label[1:]


def takeaway(row, lang: str = "vi") -> str:
    """One sentence a leader reads: 'Thu ngân sách 9 tháng 2021 đạt 57,1% kế hoạch, chậm hơn tiến độ 75%.'"""
    t = _T[lang]
    if is_missing(row["actual"]):
        return f"{row['name']}: {STATUS_LABELS[lang]['no_data'].lower()}."
    when = _when(row["as_of"], lang)
    if row["measure"] == "flow" and not is_missing(row["attainment_pct"]):
        bound = QUALIFIER_WORDS[lang].get(row["qualifier"], "") if row["qualifier"] else ""
        text = (f"{row['name']} {when} {t['reached']} {bound}{number(row['attainment_pct'], lang, digits=1)}% "
                f"{t['of_plan']}")
        if row["as_of"] == row["period"] and row["period"][-1] != "4" and not is_missing(row["expected_pct"]):
            ahead = row["attainment_pct"] >= row["expected_pct"]
            word = t["open"] if row["status"] == "undetermined" else t["faster"] if ahead else t["slower"]
            text += f", {word} {number(row['expected_pct'], lang, digits=0)}%"
        return text + "."
    text = f"{row['name']} {when}: {figure_text(row, lang)}, {t['against']} {rule_text(row)}"
    if row["as_of"] != row["period"]:
        return f"{text}; {_when(row['period'], lang)} {t['no_figure']}."
    return f"{text} — {STATUS_LABELS[lang][row['status']].lower()}."


def title(plan: Plan, status: pd.DataFrame, lang: str = "vi") -> Html:
    """The report's title block: plan, region, quarter, basis, date of the data."""
    t = _T[lang]
    period = status["period"].iloc[0]
    dated = status.loc[status["as_of"] != "", "as_of"]
    latest = parse_quarter(max(dated)).label(lang) if len(dated) else "—"
    return Html(
        f'<header class="title"><p class="region">{escape(plan.region(lang))}</p>'
        f"<h1>{escape(plan.title(lang))}</h1>"
        f'<p class="period">{escape(parse_quarter(period).label(lang))} ({escape(period)})</p>'
        f'<p class="basis">{t["document"]}: {escape(plan.document)} · {t["data_date"]}: {escape(latest)}</p></header>')


def attention(status: pd.DataFrame, top: int | None = None) -> pd.DataFrame:
    """The targets that need attention, worst status first (missed, off track, at risk, undetermined)."""
    rank = {s: i for i, s in enumerate(ATTENTION)}
    need = status[status["status"].isin(ATTENTION)]
    need = need.assign(_rank=need["status"].map(rank)).sort_values(["_rank", "group"], kind="stable")
    return need.drop(columns="_rank").head(top) if top else need.drop(columns="_rank")


def headline(status: pd.DataFrame, lang: str = "vi", *, top: int = 6) -> Html:
    """How many targets stand where, and the few that need attention, with why."""
    from .assessment import status_counts

    t = _T[lang]
    counts = status_counts(status)
    chips = " ".join(f'{chip(s, lang)} <b>{n}</b>' for s, n in counts.items() if n)
    need = attention(status, top)
    items = "".join(f"<li>{chip(r['status'], lang)} {escape(takeaway(r, lang))}</li>" for _, r in need.iterrows())
    body = f"<ul class='attention'>{items}</ul>" if items else f"<p>{t['none']}</p>"
    return Html(f'<section class="headline"><p class="counts">{len(status)} {t["targets"]}: {chips}</p>'
                f"<h3>{t['attention']}</h3>{body}</section>")


def group_summary(status: pd.DataFrame, group: str, lang: str = "vi") -> Html:
    """A group's targets in a few lines: counts by status, one sentence per target with a figure."""
    from .assessment import status_counts

    t = _T[lang]
    rows = status[status["group"] == group]
    counts = status_counts(rows)
    chips = " ".join(f"{chip(s, lang)} <b>{n}</b>" for s, n in counts.items() if n)
    known = rows[rows["as_of"] != ""]
    items = "".join(f"<li>{chip(r['status'], lang)} {escape(takeaway(r, lang))}</li>" for _, r in known.iterrows())
    missing = len(rows) - len(known)
    tail = f"<p class='missing'>{missing} {t['targets']}: {escape(STATUS_LABELS[lang]['no_data'].lower())}.</p>" \
        if missing else ""
    return Html(f'<section class="group-summary"><p class="counts">{len(rows)} {t["targets"]}: {chips}</p>'
                f"<ul class='attention'>{items}</ul>{tail}</section>")


def scorecard_table(status: pd.DataFrame, lang: str = "vi", *, groups: list[str] | None = None) -> Html:
    """Every target in one table, grouped, status coloured, numbers in the reader's format."""
    t = _T[lang]
    head = "".join(f"<th>{h}</th>" for h in (t["target"], t["plan"], t["actual"], t["as_of"], t["pct"],
                                            t["expected"], t["projection"], t["status"]))
    cols = "".join(f'<col style="width:{w}%">' for w in (25, 13, 14, 9, 8, 8, 9, 14))
    parts = [f'<table class="scorecard"><colgroup>{cols}</colgroup><thead><tr>{head}</tr></thead>']
    for group, rows in status.groupby("group", sort=False):
        if groups and group not in groups:
            continue
        parts.append(f'<tbody><tr class="group"><th colspan="8">{escape(GROUP_LABELS[lang].get(group, group))}'
                     "</th></tr>")
        for _, r in rows.iterrows():
            current = r["as_of"] == r["period"]
            cells = [
                f'<td class="name{" child" if r["parent"] else ""}">{escape(r["name"])}</td>',
                f"<td>{escape(rule_text(r))}</td>",
                f'<td class="num">{escape(figure_text(r, lang))}</td>',
                f"<td>{escape(parse_quarter(r['as_of']).label(lang)) if r['as_of'] else '—'}</td>",
                f'<td class="num">{"" if is_missing(r["attainment_pct"]) else number(r["attainment_pct"], lang, digits=1) + "%"}</td>',
                f'<td class="num">{number(r["expected_pct"], lang, digits=0) + "%" if current and not is_missing(r["expected_pct"]) else ""}</td>',
                f'<td class="num">{escape(quantity(r["projection"], r["unit"], lang, digits=0)) if current and r["projection_method"] in ("run_rate", "seasonal") else ""}</td>',
                f"<td>{chip(r['status'], lang)}</td>",
            ]
            parts.append(f'<tr data-indicator="{escape(r["indicator"])}" data-status="{r["status"]}">'
                         + "".join(cells) + "</tr>")
        parts.append("</tbody>")
    parts.append("</table>")
    return Html("".join(parts))


def _link(url: str) -> str:
    if url.startswith(("https://", "http://")):
        return f'<a href="{escape(url)}">{escape(url)}</a>'
    return escape(url)


def data_notes(status: pd.DataFrame, lang: str = "vi") -> Html:
    """Source and kind of every figure used, and the targets with no figure."""
    t = _T[lang]
    used = status[status["as_of"] != ""]
    rows = "".join(
        f"<tr><td>{escape(r['name'])}</td><td>{escape(parse_quarter(r['as_of']).label(lang))}</td>"
        f"<td>{escape(KIND_LABELS[lang].get(r['kind'], r['kind']))}</td>"
        f"<td class='source'>{_link(r['source']) if r['source'] else escape(t['derived'])}"
        f"{'<br><small>' + escape(r['note']) + '</small>' if r['note'] else ''}</td></tr>"
        for _, r in used.iterrows())
    missing = status[status["as_of"] == ""]
    names = ", ".join(escape(n) for n in missing["name"])
    return Html(f'<table class="notes"><thead><tr><th>{t["target"]}</th><th>{t["as_of"]}</th><th>{t["kind"]}</th>'
                f"<th>{t['source']}</th></tr></thead><tbody>{rows}</tbody></table>"
                f"<h3>{t['no_data_list']} ({len(missing)})</h3><p class='missing'>{names or '—'}</p>")


def styled(status: pd.DataFrame):
    """The assessment frame as a pandas Styler: status cells in the chart colours, missing as a dash."""
    def colour(s: str) -> str:
        return f"background-color: {STATUS_COLOURS[s]}; color: {'white' if s in DARK_STATUSES else 'black'}"

    return status.style.map(colour, subset=["status"]).format(precision=2, na_rep="—")


def heading(key: str, lang: str = "vi", level: int = 2) -> Html:
    """A section heading from ``HEADINGS`` (or the text itself), escaped."""
    text = HEADINGS[lang].get(key, key)
    return Html(f"<h{level}>{escape(text)}</h{level}>")


def paragraph(text: str) -> Html:
    """A paragraph of escaped text."""
    return Html(f"<p>{escape(text)}</p>")
