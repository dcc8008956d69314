"""Loading and validating quarterly observations into one tidy long frame."""
from __future__ import annotations

import csv
import difflib
import io
import math
from pathlib import Path

import pandas as pd

from .errors import DataError, Problems
from .files import display, read_text
from .period import FORMAT_HINT, Period
from .plan import Plan, load_plan

REQUIRED = ("indicator", "period", "value")
OPTIONAL = ("kind", "qualifier", "source", "note")
COLUMNS = REQUIRED + OPTIONAL
KINDS = ("official", "preliminary", "estimate")
QUALIFIERS = ("more_than", "less_than", "about")
OBSERVATION_FILES = ("observations.csv", "observations.xlsx")


def _read_table(path: Path) -> pd.DataFrame:
    name = display(path)
    if path.suffix.lower() == ".xlsx":
        if not path.is_file():
            raise DataError(f"{name}: file not found; check the folder name.")
        try:
            frame = pd.read_excel(path, dtype=object, engine="openpyxl")
        except Exception as e:  # openpyxl raises many types for a damaged workbook
            raise DataError(f"{name}: not a readable Excel workbook ({e}); save it again as .xlsx.") from None
        if frame.empty and not len(frame.columns):
            raise DataError(f"{name}: the sheet is empty; fill it in as data/README.md describes.")
        return frame
    text = read_text(path, DataError)
    rows = [r for r in csv.reader(io.StringIO(text), skipinitialspace=True) if any(c.strip() for c in r)]
    header, body = rows[0], rows[1:]
    problems = Problems()
    for i, row in enumerate(rows[1:], start=2):
        if len(row) != len(header):
            problems.add(f"{name}, row {i}: {len(row)} fields, but the header has {len(header)}; write a number "
                         "without a comma (1234.5, not 1.234,5) and put a text holding a comma in double quotes.")
    problems.raise_if_any(DataError)
    return pd.DataFrame(body, columns=header, dtype=object)


def _text(v) -> str:
    """A cell as stripped text; empty for a missing cell."""
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v).strip()


def _number(raw) -> tuple[float | None, str | None]:
    """The value as a float, or ``None`` and the fix to suggest."""
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        return (None, "write the number") if math.isnan(raw) else (float(raw), None)
    text = "" if raw is None else str(raw).strip()
    if not text:
        return None, "write the number, or delete the row if nothing was published"
    try:
        value = float(text)
        if math.isfinite(value):
            return value, None
        return None, "write a finite number"
    except ValueError:
        pass
    if "," in text:
        fixed = text.replace(".", "").replace(",", ".") if "." in text else text.replace(",", ".")
        try:
            float(fixed)
            return None, f"write {fixed} (a decimal point, no thousands separator)"
        except ValueError:
            pass
    return None, "write a plain number such as 1483 or 63.1, without words or units"


def load_observations(path: Path | str, plan: Plan) -> pd.DataFrame:
    """Read and check an observations file (``.csv`` or ``.xlsx``) against ``plan``.

    Returns one tidy frame with the columns ``indicator, period, value, kind, qualifier, source,
    note``. Every problem in the file is collected and raised together as one ``DataError``;
    row numbers are those a spreadsheet shows (the header is row 1). The file is only read.
    """
    path = Path(path)
    name = display(path)
    frame = _read_table(path)
    frame.columns = [str(c).strip().lower() for c in frame.columns]
    missing = [c for c in REQUIRED if c not in frame.columns]
    if missing:
        raise DataError(f"{name}: missing column{'s' if len(missing) > 1 else ''} "
                        f"{', '.join(repr(c) for c in missing)}; the header must hold indicator, period, value "
                        f"(and optionally {', '.join(OPTIONAL)}).")
    if frame.empty:
        raise DataError(f"{name}: the file has a header but no rows; add one row per published figure.")
    for c in OPTIONAL:
        if c not in frame.columns:
            frame[c] = ""
    # A row with nothing but indicator and period (an unfilled template row) means "not reported".
    blank = frame[["value", "kind", "qualifier", "source"]].map(lambda v: _text(v) == "")
    rows = [i for i in range(len(frame)) if not blank.iloc[i].all()]
    frame = frame.iloc[rows].copy()
    lines = [i + 2 for i in rows]
    if frame.empty:
        raise DataError(f"{name}: no row holds a value; fill in the figures that were published.")
    indicators = plan.indicators
    problems = Problems()
    values: list[float] = []
    seen: dict[tuple, tuple[int, str]] = {}
    for i, row in zip(lines, frame.itertuples(index=False)):
        where = f"{name}, row {i}"
        ind, per = _text(row.indicator), _text(row.period)
        indicator = indicators.get(ind)
        if indicator is None:
            close = difflib.get_close_matches(ind, list(indicators), n=1)
            hint = f"did you mean '{close[0]}'?" if close else "use a target or input id from plan.yaml."
            problems.add(f"{where}: indicator '{ind}' is not in the plan; {hint}")
        period = Period.try_parse(per)
        if period is None:
            problems.add(f"{where}: period '{per}' is not a month or a quarter; {FORMAT_HINT.replace('2021', str(plan.year))}.")
        elif period.year > plan.year:
            problems.add(f"{where}: period '{per}' lies after the plan year {plan.year}; figures of the plan "
                         "year and of earlier years (for baselines and seasons) belong here.")
        value, fix = _number(row.value)
        if value is None:
            problems.add(f"{where}: value '{_text(row.value)}' "
                         f"is not a number; {fix}.")
        elif indicator is not None:
            if indicator.is_percent and not 0 <= value <= 100:
                problems.add(f"{where}: value {value:g} for '{ind}' is a percent outside 0–100; "
                             "write the percent itself, e.g. 63.1 for 63,1%.")
            elif indicator.measure != "growth" and value < 0:
                problems.add(f"{where}: value {value:g} for '{ind}' is negative, but a count or amount "
                             f"({indicator.unit_en}) cannot be; check the sign.")
        values.append(math.nan if value is None else value)
        kind = _text(row.kind)
        if kind and kind not in KINDS:
            problems.add(f"{where}: kind '{kind}' is not one of {', '.join(KINDS)}; leave it empty if unknown.")
        qualifier = _text(row.qualifier)
        if qualifier and qualifier not in QUALIFIERS:
            problems.add(f"{where}: qualifier '{qualifier}' is not one of {', '.join(QUALIFIERS)} "
                         "(hơn/trên = more_than, gần = less_than, khoảng = about); leave it empty for an exact figure.")
        key = (ind, period.slot if period is not None else per)
        if key in seen:
            first_row, first_per = seen[key]
            same = "the same period" if first_per == per else f"{first_per}, the same slot as {per}"
            problems.add(f"{where}: indicator '{ind}' already has a figure for {same} (row {first_row}); "
                         "keep one figure per indicator and period (a quarter is the same as its last month), "
                         "and note the choice in 'note'.")
        else:
            seen[key] = (i, per)
    problems.raise_if_any(DataError)
    out = pd.DataFrame({
        "indicator": [_text(v) for v in frame["indicator"]],
        "period": [_text(v) for v in frame["period"]],
        "value": pd.Series(values, dtype="float64"),
    })
    for c in OPTIONAL:
        out[c] = [_text(v) for v in frame[c]]
    return out.sort_values(["indicator", "period"], kind="stable").reset_index(drop=True)


def observations_path(plan_dir: Path | str) -> Path:
    """The observations file of a plan folder (CSV preferred over XLSX)."""
    plan_dir = Path(plan_dir)
    for f in OBSERVATION_FILES:
        if (plan_dir / f).is_file():
            return plan_dir / f
    raise DataError(f"{display(plan_dir)}: no {' or '.join(OBSERVATION_FILES)}; "
                    "add the quarterly figures there (see data/README.md).")


def load(plan_dir: Path | str) -> tuple[Plan, pd.DataFrame]:
    """Load and check a plan folder: its ``plan.yaml`` and its observations."""
    plan_dir = Path(plan_dir)
    if not plan_dir.is_dir():
        raise DataError(f"{display(plan_dir)}: not a folder; give a plan folder such as data/kontum-2021.")
    plan = load_plan(plan_dir)
    return plan, load_observations(observations_path(plan_dir), plan)
