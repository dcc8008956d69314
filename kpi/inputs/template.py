"""The Excel sheet an analyst fills for a quarter: one row per target."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..files import replacing
from ..text.labels import TEMPLATE_HELP
from ..model.period import Period, slot_arrays
from ..model.plan import Plan
from ..text.safetext import FORMULA_START
from ..text.theme import INPUT_FILL, argb


def template(plan: Plan, observations: pd.DataFrame, period: Period) -> pd.DataFrame:
    """The rows of the sheet: id, names, unit, rule, the last figure on file before ``period``, empty
    value/kind/source."""
    earlier = observations
    if not earlier.empty:
        years, months = slot_arrays(earlier["period"])
        earlier = earlier.assign(_i=years * 12 + months)
        earlier = earlier[earlier["_i"] < period.index + 1].sort_values("_i", kind="stable")
        earlier = earlier.groupby("indicator").last()
    last_period = earlier["period"] if not earlier.empty else pd.Series(dtype=object)
    last_value = earlier["value"] if not earlier.empty else pd.Series(dtype=float)
    plan = plan.in_force(period)  # the plan figure in force at the period's end
    rows = [dict(indicator=t.id, period=str(period), value=None, kind=None, qualifier=None, source=None,
                 note=None, name_vi=t.name_vi, name_en=t.name_en, unit=t.unit_vi, rule=t.rule.label("vi"),
                 measure=t.measure, previous_period=last_period.get(t.id), previous_value=last_value.get(t.id))
            for t in plan.targets]
    return pd.DataFrame(rows)


def write_template(frame: pd.DataFrame, path: Path, *, stamp=None) -> None:
    """Write the sheet with readable column widths, a frozen header and a help sheet.

    The workbook is written to a temporary file beside ``path`` and then renamed over it, so a
    failed write never leaves half a file. Texts that start like a formula (``kpi.text.safetext.FORMULA_START``:
    ``=``, ``+``, ``-``, ``@``, a tab or a carriage return) are stored as text, never as formulas. ``stamp`` (a ``kpi.inputs.workbook.Stamp``): the plan and
    period stored in the workbook's properties, which ``kpi collect`` checks the rows against.
    """
    from openpyxl.styles import Font, PatternFill

    with replacing(Path(path)) as tmp:  # created as any new file is (the umask), as the workbooks per owner
        with pd.ExcelWriter(tmp, engine="openpyxl") as xl:
            frame.to_excel(xl, sheet_name="observations", index=False)
            pd.DataFrame({TEMPLATE_HELP["head"]: [TEMPLATE_HELP["text"]]}).to_excel(xl, sheet_name="help",
                                                                                    index=False)
            ws = xl.sheets["observations"]
            if stamp is not None:
                from .workbook import stamp as put_stamp

                put_stamp(xl.book, stamp)
            ws.freeze_panes = "B2"
            fill = PatternFill("solid", fgColor=argb(INPUT_FILL))
            for row in ws.iter_rows(min_row=2):
                for cell in row:
                    if cell.data_type == "f" or (isinstance(cell.value, str) and cell.value.startswith(
                            FORMULA_START)):
                        cell.data_type = "s"  # a name such as '=1+1' stays a text
                        cell.quotePrefix = True
            for col, name in enumerate(frame.columns, start=1):
                letter = ws.cell(row=1, column=col).column_letter
                ws.cell(row=1, column=col).font = Font(bold=True)
                width = max([len(str(name))] + [len(str(v)) for v in frame[name].dropna()][:200])
                ws.column_dimensions[letter].width = min(max(width + 2, 8), 60)
                if name in ("value", "kind", "qualifier", "source", "note"):
                    for row in range(2, len(frame) + 2):
                        ws.cell(row=row, column=col).fill = fill
