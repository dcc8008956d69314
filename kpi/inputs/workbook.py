"""A department's workbook: the figures one owner reports for a period, made for a person to fill.

In Vietnamese by default: column heads in words, an instructions sheet, the plan figure and the last
recorded figure shown but locked (sheet protection, only the input cells unlocked), drop-down lists
for kind and qualifier, number cells that refuse text. The plan, owner and period are stored in the
workbook's custom document properties (its ``Stamp``), so that ``kpi collect`` knows what it reads.
The indicator code and period columns stay (locked), so every row maps back exactly.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..files import replacing
from .observations import INPUTS  # the columns a person fills; every other cell is locked
from ..text.formatting import number
from ..text.labels import KIND_LABELS, QUALIFIER_WORDS, WORKBOOK, WORKBOOK_COLUMNS
from ..model.period import Period, slot_arrays
from ..model.plan import Plan, Target
from ..text.safetext import spreadsheet_text
from ..text.theme import HEADER_FILL, HEADER_INK, INPUT_FILL, LOCKED_FILL, argb

COLUMNS = tuple(WORKBOOK_COLUMNS["vi"])
"""The columns of a department's workbook, in order: indicator, name, unit, plan, previous, period, value, ..."""
_PREFIX = "kpi."
_LIMIT = 1e15
"""Largest figure the value cells accept (a slip of many digits is refused as you type)."""


@dataclass(frozen=True)
class Stamp:
    """What a workbook was made for: the plan, the period and (for a department's workbook) the owner."""

    plan: str
    period: str
    owner: str = ""
    lang: str = "vi"


def workbook_name(owner: str, period: Period | str) -> str:
    """The file name of an owner's workbook: ``cts-2021-Q3.xlsx``."""
    return f"{owner}-{period}.xlsx"


def last_recorded(observations: pd.DataFrame, period: Period) -> pd.DataFrame:
    """The latest figure on file of each indicator up to ``period`` (its slot included), indexed by indicator."""
    if observations.empty:
        return pd.DataFrame(columns=["period", "value", "qualifier"])
    years, months = slot_arrays(observations["period"])
    earlier = observations.assign(_i=years * 12 + months - 1)
    earlier = earlier[earlier["_i"] <= period.index].sort_values("_i", kind="stable")
    return earlier.groupby("indicator").last()[["period", "value", "qualifier"]]


def _shown(value: float, lang: str) -> str:
    """A recorded figure in the reader's number format with every decimal it was recorded with (26.698,59)."""
    from .observations import number_text

    text = number_text(value)
    if "e" in text:
        return text
    digits = len(text.partition(".")[2].rstrip("0"))
    return number(value, lang, digits=digits) if digits < 10 else text


def owner_rows(plan: Plan, observations: pd.DataFrame, period: Period, owner: str,
               lang: str = "vi") -> pd.DataFrame:
    """The rows of ``owner``'s workbook: its targets, then its inputs, with the plan and the last figure.

    Columns are ``COLUMNS``; ``value`` to ``note`` are empty, to be filled.
    """
    last = last_recorded(observations, period)
    plan = plan.in_force(period)  # the plan figure in force at the period's end
    rows = []
    for i in plan.owned_by(owner):
        previous = ""
        if i.id in last.index:
            got = last.loc[i.id]
            bound = QUALIFIER_WORDS[lang].get(got["qualifier"], "") if isinstance(got["qualifier"], str) else ""
            previous = f"{bound}{_shown(got['value'], lang)} ({Period.parse(got['period']).label(lang)})"
        rule = i.rule.label(lang) if isinstance(i, Target) and i.rule is not None else ""
        rows.append(dict(indicator=i.id, name=i.name(lang), unit=i.unit(lang), plan=rule, previous=previous,
                         period=str(period), value=None, kind=None, qualifier=None, source=None, note=None))
    return pd.DataFrame(rows, columns=list(COLUMNS))


def stamp(book, stamp: Stamp) -> None:
    """Store ``stamp`` in an openpyxl workbook's custom document properties."""
    from openpyxl.packaging.custom import StringProperty

    for key in ("plan", "owner", "period", "lang"):
        book.custom_doc_props.append(StringProperty(name=_PREFIX + key, value=getattr(stamp, key)))


def write_workbook(plan: Plan, observations: pd.DataFrame, period: Period, owner: str, path: Path, *,
                   lang: str = "vi") -> int:
    """Write ``owner``'s workbook for ``period`` to ``path`` (whole or not at all); returns its number of rows.

    Every text from the plan goes through ``spreadsheet_text``, so none is ever run as a formula.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill, Protection
    from openpyxl.worksheet.datavalidation import DataValidation

    frame = owner_rows(plan, observations, period, owner, lang)
    words, heads = WORKBOOK[lang], WORKBOOK_COLUMNS[lang]
    who = plan.owner(owner).name(lang)
    wb = Workbook()
    ws = wb.active
    ws.title = words["data_sheet"]
    ws.append([heads[c] for c in COLUMNS])
    for row in frame.itertuples(index=False):
        ws.append([spreadsheet_text(v) if isinstance(v, str) else v for v in row])
    n = len(frame) + 1
    header_fill, input_fill, locked_fill = (PatternFill("solid", fgColor=argb(c))
                                            for c in (HEADER_FILL, INPUT_FILL, LOCKED_FILL))
    at = {c: i for i, c in enumerate(COLUMNS, start=1)}
    widths = {"indicator": 22, "name": 44, "unit": 14, "plan": 18, "previous": 24, "period": 10, "value": 14,
              "kind": 16, "qualifier": 16, "source": 40, "note": 30}
    for c, j in at.items():
        head = ws.cell(row=1, column=j)
        head.font, head.fill = Font(bold=True, color=argb(HEADER_INK)), header_fill
        head.alignment = Alignment(wrap_text=True, vertical="center")
        ws.column_dimensions[head.column_letter].width = widths[c]
        for r in range(2, n + 1):
            cell = ws.cell(row=r, column=j)
            if c in INPUTS:
                cell.protection = Protection(locked=False)
                cell.fill = input_fill
                cell.number_format = "General" if c == "value" else "@"
            else:
                cell.fill = locked_fill
                cell.data_type = "s" if cell.value is not None else cell.data_type
    ws.freeze_panes = "C2"
    letter = {c: ws.cell(row=1, column=j).column_letter for c, j in at.items()}

    def validation(**options) -> DataValidation:
        dv = DataValidation(allow_blank=True, showErrorMessage=True, errorStyle="stop", **options)
        ws.add_data_validation(dv)
        return dv

    if n > 1:
        number = validation(type="decimal", operator="between", formula1=str(-_LIMIT), formula2=str(_LIMIT),
                            errorTitle=words["number_title"], error=words["number_error"],
                            promptTitle=words["prompt_title"], prompt=words["prompt"], showInputMessage=True)
        number.add(f"{letter['value']}2:{letter['value']}{n}")
        kinds = ",".join(KIND_LABELS[lang][k] for k in ("official", "preliminary", "estimate"))
        bounds = ",".join(w.strip() for w in QUALIFIER_WORDS[lang].values())
        for c, choices in (("kind", kinds), ("qualifier", bounds)):
            dv = validation(type="list", formula1=f'"{choices}"', errorTitle=words["list_title"],
                            error=words["list_error"])
            dv.add(f"{letter[c]}2:{letter[c]}{n}")
    ws.protection.sheet = True
    ws.protection.formatColumns = False  # a person may still widen a column
    ws.protection.formatRows = False

    help_ = wb.create_sheet(words["help_sheet"])
    names = {c: heads[c] for c in COLUMNS}
    lines = [words["title"].format(period=period.label(lang), owner=who),
             words["plan"].format(title=plan.title(lang), region=plan.region(lang)),
             words["period"].format(period=period.label(lang), code=period)]
    due = cutoff_date(plan, period)
    if due is not None:
        lines.append(words["due"].format(date=due.strftime("%d/%m/%Y")))
    lines += ["", words["how"]]
    lines += [f"{k}. {step.format(sheet=words['data_sheet'], **names)}" for k, step in enumerate(words["steps"], 1)]
    for line in lines:
        help_.append([spreadsheet_text(line)])
    help_["A1"].font = Font(bold=True, size=13)
    help_.cell(row=lines.index(words["how"]) + 1, column=1).font = Font(bold=True)
    help_.column_dimensions["A"].width = 120
    for row in help_.iter_rows():
        row[0].alignment = Alignment(wrap_text=True, vertical="top")
    help_.protection.sheet = True

    title = words["title"].format(period=period.label(lang), owner=who)
    wb.properties.title = spreadsheet_text(title)
    wb.properties.subject = f"{plan.id} {owner} {period}"
    wb.properties.creator = "kpi"
    stamp(wb, Stamp(plan=plan.id, period=str(period), owner=owner, lang=lang))
    with replacing(Path(path)) as tmp:
        wb.save(tmp)
    return len(frame)


def cutoff_date(plan: Plan, period: Period):
    """The day a period's figures are due (``reporting: {cutoff_day: d}``): day d of the month after it, or None."""
    import calendar
    from datetime import date

    if plan.cutoff_day is None:
        return None
    year, month = (period.year + 1, 1) if period.month == 12 else (period.year, period.month + 1)
    return date(year, month, min(plan.cutoff_day, calendar.monthrange(year, month)[1]))


def read_stamp(path: Path) -> Stamp | None:
    """What a workbook was made for (its custom document properties), or None for a workbook kpi did not make."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True)
    except Exception:  # the loader names a damaged workbook; here it simply has no stamp
        return None
    try:
        props = {p.name[len(_PREFIX):]: str(p.value) for p in book.custom_doc_props
                 if str(p.name).startswith(_PREFIX) and p.value is not None}
    finally:
        book.close()
    if "plan" not in props or "period" not in props:
        return None
    return Stamp(plan=props["plan"], period=props["period"], owner=props.get("owner", ""),
                 lang=props.get("lang", "vi"))
