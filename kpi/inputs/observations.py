"""Loading and validating quarterly observations into one tidy long frame.

Checks run on whole columns (pandas, numpy) rather than row by row, so a file of a million figures is
checked in seconds; the messages still name the spreadsheet row. At most ``MAX_LISTED`` problems are
listed, the others counted.
"""
from __future__ import annotations

import csv
import io
import itertools
import math
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import MAX_LISTED, DataError, NoFigures
from ..files import decode, display, read_bytes
from ..text.numbers import PLAIN, THOUSANDS_COMMA, THOUSANDS_DOT, thousands_fix
from ..model.period import FORMAT_HINT, Period
from ..model.plan import Indicator, Plan, Target
from .planfile import close_match, load_plan
from .xlsxfile import column_letter
from ..text.safetext import unneutral

REQUIRED = ("indicator", "period", "value")
OPTIONAL = ("kind", "qualifier", "source", "note")
COLUMNS = REQUIRED + OPTIONAL
INPUTS = ("value",) + OPTIONAL
"""The columns a person fills in a workbook."""
KINDS = ("official", "preliminary", "estimate")
QUALIFIERS = ("more_than", "less_than", "about")
OBSERVATION_FILES = ("observations.csv", "observations.xlsx")

MAX_CSV_BYTES = 1024 * 2**20
"""Largest observations file read (1 GB; a million figures take about 80 MB)."""
MAX_FIELD = 128 * 1024
"""Longest cell, in characters (128 KB): a longer one is almost always a quote that is never closed."""
PLAUSIBLE_LOW_PCT = 1.0
PLAUSIBLE_HIGH_TIMES = 10.0
"""A figure under 1% (levels) or over 10 times (flows and levels) its target's plan figure is refused as a slip."""
FLOW_SLIP_PCT = 0.1
"""A flow's figure after its first quarter at most 0.1% of the year's plan is a thousands slip ("3.500" read as
3.5 is 1/1,000 of 3,500): it catches the slip of every figure up to the plan, while a real figure planted in the
rainy season (25 ha of 3,000 at 6 months, 0.8%) is taken."""

MAX_HINTS = 20
"""Typo hints ('did you mean ...?') are looked for the first 20 distinct unknown indicators only."""

def _key(text) -> str:
    """A header or word cell compared loosely: NFC, stripped, case-folded."""
    return unicodedata.normalize("NFC", str(text)).strip().casefold()


DISPLAY = ("name", "unit", "plan", "previous", "name_vi", "name_en", "rule", "measure", "previous_period",
           "previous_value")
"""Columns of the sheets kpi template writes that show the plan beside the figures; read only to check that a
row's name and unit are those of its indicator."""
NAMES = ("name", "name_vi", "name_en", "unit")
"""The shown columns compared with the plan: a row's name and unit must be its indicator's."""


def _workbook_aliases(worded: bool = True) -> tuple[dict[str, str], dict[str, str]]:
    """Column heads and kind/qualifier words, each to its code. The heads are the codes (``indicator``) and,
    ``worded``, the words of a department's workbook in every language (``kpi.text.labels``), which win where
    the two meet: in an English workbook "Indicator" is the name and "Indicator code" the code."""
    from ..text.labels import LANGS, QUALIFIER_ALIASES, WORKBOOK_COLUMNS, workbook_words

    heads = {_key(c): c for c in (*COLUMNS, *DISPLAY)}
    if worded:
        heads.update({_key(WORKBOOK_COLUMNS[lang][c]): c for lang in LANGS for c in WORKBOOK_COLUMNS[lang]})
    words = {_key(w): code for lang in LANGS for w, code in workbook_words(lang).items()}
    words.update({_key(w): code for w, code in QUALIFIER_ALIASES.items()})
    return heads, words


def _worded(header: list) -> bool:
    """Whether a header is a department workbook's (a head in words that is not a code, e.g. "Mã chỉ tiêu")."""
    from ..text.labels import LANGS, WORKBOOK_COLUMNS

    codes = {_key(c) for c in (*COLUMNS, *DISPLAY)}
    words = {_key(w) for lang in LANGS for w in WORKBOOK_COLUMNS[lang].values()} - codes
    return any(c is not None and _key(c) in words for c in header)


def _heads_expected() -> str:
    from ..text.labels import LANGS, WORKBOOK_COLUMNS

    words = "; ".join(", ".join(WORKBOOK_COLUMNS[lang].values()) for lang in LANGS)
    return f"{', '.join(COLUMNS)} (a department's workbook: {words})"


MAX_ABS_VALUE = 1e15
"""No figure reaches a million billion (a province's GRDP is 10^4-10^6 tỷ đồng, 10^13 đồng): a larger value is
a typo, and past it a float no longer holds every digit typed, nor can the arithmetic stay finite."""
_NUMBER = PLAIN
_NON_ASCII_DIGIT = re.compile(r"[^\x00-\x7f]")


@dataclass(frozen=True)
class Scope:
    """What a returned workbook may hold: the figures of one period, of the indicators of one owner.

    ``owner`` empty: any indicator of the plan. A month and the quarter it ends share a slot, so a
    workbook for ``2021-Q3`` may hold ``2021-09``.
    """

    period: Period
    owner: str = ""


@dataclass
class _Table:
    """The cells of an observations file before checking, with where each row sits in the file."""

    frame: pd.DataFrame               # columns as named in the header (lower case), raw cells
    rows: np.ndarray                  # the spreadsheet row of each frame row (header = row 1)
    where: str                        # how messages name the file: 'x.csv' or "x.xlsx, sheet 'observations'"
    percent: np.ndarray | None = None  # xlsx: the value cell has a % number format
    cells: dict = field(default_factory=dict)   # xlsx: (frame row, column) -> (cell, problem)
    value_column: str = ""            # xlsx: the letter of the value column
    ignored: list = field(default_factory=list)  # xlsx: the other sheets, named


def _check_header(header: list, name: str) -> list[str]:
    """The header's column codes; a head kpi does not know, a column given twice, or (in a department's
    workbook, whose heads are words) a column missing, is an error listing the heads expected."""
    from ..text.labels import WORKBOOK_COLUMNS

    worded = _worded(header)
    heads, _ = _workbook_aliases(worded)
    columns, unknown = [], []
    for i, c in enumerate(header):
        text = "" if c is None else str(c).strip()
        code = heads.get(_key(text), "") if text else ""
        if text and not code:
            unknown.append(f"'{text}' (column {column_letter(i)})")
            code = f"?{i}"
        columns.append(code)
    problems = []
    if unknown and all(c.startswith("?") or not c for c in columns):
        problems.append(f"{name}: row 1 holds no column head kpi knows ({', '.join(unknown)}); the header must be the "
                        f"first row, with the heads {_heads_expected()}: delete the rows above it.")
    elif unknown:
        problems.append(f"{name}: the column head{'s' if len(unknown) > 1 else ''} {', '.join(unknown)} "
                        f"{'are' if len(unknown) > 1 else 'is'} not one kpi reads, so the column would be lost; "
                        f"the heads are {_heads_expected()}: write each head as kpi template wrote it.")
    seen: dict[str, int] = {}
    for i, c in enumerate(columns):
        if c and c in seen and not c.startswith("?"):
            problems.append(f"{name}: the column '{c}' appears twice in the header (columns "
                            f"{column_letter(seen[c])} and {column_letter(i)}); keep one.")
        seen.setdefault(c, i)
    if worded and not problems:
        missing = [c for c in WORKBOOK_COLUMNS["vi"] if c not in columns]
        if missing:
            problems.append(f"{name}: the header has no column {', '.join(repr(c) for c in missing)}; a department's "
                            f"workbook has the heads {_heads_expected()}: make the workbook again with kpi template "
                            "--by owner and copy the figures into it.")
    if problems:
        raise DataError(problems)
    return columns


def _read_csv(path: Path) -> _Table:
    name = display(path)
    raw = read_bytes(path, DataError, MAX_CSV_BYTES)
    nul = raw.find(b"\x00")
    if nul >= 0:
        line = raw.count(b"\n", 0, nul) + 1
        raise DataError(f"{name}, line {line}: the file holds NUL bytes, so it is not plain text (perhaps a "
                        "workbook renamed .csv, or UTF-16); open it in Excel and save it as 'CSV UTF-8'.")
    text = decode(raw, name, DataError)
    first = next((line for line in text[:65536].splitlines() if line.strip()), "")
    if first.lower().replace(" ", "").startswith("sep="):
        raise DataError(f"{name}: the first line '{first.strip()}' is a hint for Excel, not the header; delete it, "
                        "so that the header (indicator, period, value, ...) is the first line.")
    for sep, word in ((";", "';'"), ("\t", "tabs")):
        if first.count(sep) > first.count(","):
            raise DataError(f"{name}: the file is separated by {word}, not by commas; save it as comma-separated "
                            "'CSV UTF-8' (in Excel: File › Save As › CSV UTF-8).")
    del text
    # Pass 1 (csv module, streamed): the header, and the number of fields of every record.
    limit = csv.field_size_limit(MAX_FIELD)  # the csv module refuses longer cells
    try:
        with io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8-sig", newline="") as fh:
            reader = csv.reader(fh, skipinitialspace=True)
            lead, header = 0, next(reader, None)
            while header is not None and not any(c.strip() for c in header):
                lead, header = lead + 1, next(reader, None)
            if header is None:
                raise DataError(f"{name}: the file holds no header; start it with the line "
                                f"{','.join(COLUMNS)}.")
            columns = _check_header(header, name)
            n = len(header)
            lengths = np.fromiter(map(len, reader), dtype=np.int64)
    except csv.Error:
        _csv_error(raw, name)
    finally:
        csv.field_size_limit(limit)
    first_row = lead + 2  # the spreadsheet row of the first record after the header
    odd = np.flatnonzero(lengths != n)
    if len(odd):  # read those records again: a blank line is not a short row
        odd_set, problems, bad_total = set(odd.tolist()), [], 0
        with io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8-sig", newline="") as fh:
            for k, row in enumerate(itertools.islice(csv.reader(fh, skipinitialspace=True), lead + 1, None)):
                if k in odd_set and any(c.strip() for c in row):
                    bad_total += 1
                    if len(problems) < MAX_LISTED and any("\n" in c or "\r" in c for c in row):
                        problems.append(f"{name}, row {first_row + k}: a double quote opened in this row is never "
                                        "closed, so the lines after it were read into one cell; close the quote.")
                    elif len(problems) < MAX_LISTED:
                        problems.append(f"{name}, row {first_row + k}: {len(row)} fields, but the header has {n}; "
                                        "write a number without a comma (1234.5, not 1.234,5) and put a text holding "
                                        "a comma in double quotes.")
        if problems:
            raise DataError(problems, total=bad_total)
    records = len(lengths)
    # Pass 2 (pandas' C parser): the cells, as text; every record becomes a row, blank ones included.
    try:
        frame = pd.read_csv(io.BytesIO(raw), header=None, names=list(range(n)), dtype=object, encoding="utf-8-sig",
                            keep_default_na=False, na_filter=False, skip_blank_lines=False, skipinitialspace=True,
                            engine="c")
        frame = frame.iloc[lead + 1:]
    except (pd.errors.ParserError, ValueError):
        frame = None
    if frame is None or len(frame) != records:  # pandas and csv disagree (odd quoting): trust the csv module
        with io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8-sig", newline="") as fh:
            body = list(csv.reader(fh, skipinitialspace=True))[lead + 1:]
        frame = pd.DataFrame([r + [""] * (n - len(r)) for r in body], columns=list(range(n)), dtype=object)
    del raw
    frame.columns = columns
    frame = frame.reset_index(drop=True)
    return _Table(frame=frame, rows=np.arange(first_row, first_row + len(frame)), where=name)


def _csv_error(raw: bytes, name: str) -> None:
    """Find the record the csv module stops at, and raise the message for it."""
    limit = csv.field_size_limit(MAX_FIELD)
    k = 0
    try:
        with io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8-sig", newline="") as fh:
            for k, _ in enumerate(csv.reader(fh, skipinitialspace=True), start=1):
                pass
    except csv.Error as e:
        row = k + 1
        if "field larger than field limit" in str(e):
            raise DataError(f"{name}, row {row}: a cell is longer than {MAX_FIELD // 1024} KB; a double quote that is "
                            "never closed swallows the rest of the file: close the quote, or shorten the text.") from None
        raise DataError(f"{name}, row {row}: not readable as CSV ({e}); save the file as 'CSV UTF-8'.") from None
    finally:
        csv.field_size_limit(limit)
    raise DataError(f"{name}: not readable as CSV; save the file as 'CSV UTF-8'.")


def _read_xlsx(path: Path) -> _Table:
    """The data sheet of a workbook (``kpi.inputs.xlsxfile``): cells as the person saw them; the cells that
    cannot be read are kept as problems naming the cell."""
    from .xlsxfile import read_sheet, shown

    sheet = read_sheet(path)
    where = sheet.where
    header = list(sheet.header)
    while header and header[-1] is None:
        header.pop()
    if not header:
        if any(v is not None for _, values in sheet.rows for v in values):
            raise DataError(f"{where}: row 1 is empty, but the header must be the first row; delete the empty rows "
                            "above it, save, and collect again.")
        raise DataError(f"{where}: the sheet is empty; fill it in as data/README.md describes.")
    columns = _check_header(header, where)
    _, words = _workbook_aliases()
    n = len(columns)
    value_at = columns.index("value") if "value" in columns else -1
    merged_values = [(r0, r1, coord) for r0, r1, c0, c1, coord in sheet.merged
                     if r1 > r0 and c0 <= value_at <= c1]
    source_at = columns.index("source") if "source" in columns else -1
    data, rows, percent, cells = [], [], [], {}
    unnamed: list[str] = []
    for r, values in sheet.rows:
        out = list(values[:n]) + [None] * (n - len(values))
        stray = [j for j in range(len(values)) if values[j] is not None and (j >= n or not columns[j])]
        if stray and len(unnamed) < MAX_LISTED:
            unnamed += [f"{where}, row {r} (cell {column_letter(j)}{r}): the cell holds '{values[j]}' but its column "
                        "has no head; move it to the column it belongs in (a remark goes in the note)." for j in stray]
        pct = False
        for j in range(n):
            v = out[j]
            cell = f"{column_letter(j)}{r}"
            why = sheet.problems.get((r, j))
            if why:
                cells[(len(data), j)] = (cell, why)
                out[j] = None
            elif isinstance(v, bool) or hasattr(v, "year"):
                if j == value_at:
                    what = "a yes/no value" if isinstance(v, bool) else "a date"
                    cells[(len(data), j)] = (cell, f"holds {what} ({v}); type the figure as a number")
                    out[j] = None
                else:
                    out[j] = str(v)
            elif j == value_at and isinstance(v, (int, float)):
                look = shown(v, sheet.formats.get((r, j)))
                if look.problem:
                    cells[(len(data), j)] = (cell, look.problem)
                    out[j] = None
                pct = look.percent
            elif isinstance(v, str) and "\r" in v:
                out[j] = v.replace("\r\n", "\n").replace("\r", "\n")  # a line break as Excel on a Mac writes it
        link = sheet.links.get((r, source_at))
        if link and link not in str(out[source_at] or ""):  # a source typed as a link: its address is the source
            out[source_at] = f"{out[source_at]} ({link})" if out[source_at] else link
        inputs = [j for j in range(n) if columns[j] in INPUTS and (out[j] is not None or (len(data), j) in cells)]
        if inputs and r in sheet.hidden_rows:
            cells.setdefault((len(data), inputs[0]), (f"{column_letter(inputs[0])}{r}", "is in a hidden row, so "
                             "whoever filled the sheet did not see it; unhide the row (select the rows around it, "
                             "right-click › Unhide), check it, save, and collect again"))
        for j in inputs:
            if j in sheet.hidden_columns:
                cells.setdefault((len(data), j), (f"{column_letter(j)}{r}", "is in a hidden column, so whoever filled "
                                 "the sheet did not see it; unhide the column (right-click the column letters › "
                                 "Unhide), check it, save, and collect again"))
        for r0, r1, coord in merged_values:
            if r0 <= r <= r1:
                cells[(len(data), value_at)] = (coord, "is one value cell merged over several rows, so it gives one "
                                                       "figure for several indicators; unmerge the cells and type "
                                                       "each figure in its own row")
        data.append(out)
        rows.append(r)
        percent.append(pct)
    if unnamed:
        raise DataError(unnamed[:MAX_LISTED], total=len(unnamed))
    frame = pd.DataFrame(data, columns=columns, dtype=object) if data else pd.DataFrame(columns=columns, dtype=object)
    for c in ("kind", "qualifier"):  # 'ước tính', 'khoảng' chosen from a workbook's list -> estimate, about
        if c in frame.columns:
            frame[c] = frame[c].map(lambda v: words.get(_key(v), v) if isinstance(v, str) else v)
    return _Table(frame=frame, rows=np.array(rows, dtype=int), where=where, percent=np.array(percent, dtype=bool),
                  cells=cells, value_column=column_letter(value_at) if value_at >= 0 else "",
                  ignored=sheet.ignored)


def _text(v) -> str:
    """A cell as stripped text; empty for a missing cell."""
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v).strip()


def _factorize(column: pd.Series, text_only: bool) -> tuple[np.ndarray, np.ndarray]:
    """A column as stripped text, factorized: ``(codes, distinct texts)``; work is done once per distinct cell."""
    if not text_only:
        column = column.map(_text)
    codes, uniq = pd.factorize(column.to_numpy(dtype=object), use_na_sentinel=False)
    uniq = np.asarray(uniq, dtype=object)
    stripped = np.array([u.strip() if isinstance(u, str) else _text(u) for u in uniq], dtype=object)
    if len(stripped) and not all(a is b or a == b for a, b in zip(stripped, uniq)):
        again, uniq = pd.factorize(stripped, use_na_sentinel=False)
        codes = again[codes]
        uniq = np.asarray(uniq, dtype=object)
    else:
        uniq = stripped
    return codes, uniq


def _numbers(texts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Distinct value texts -> (floats, plain): plain ASCII numbers without thousands dots, read exactly."""
    n = len(texts)
    plain = np.zeros(n, dtype=bool)
    joined = "\x00".join(texts)
    if joined.count("\x00") == max(n - 1, 0) and n and re.fullmatch(f"(?:{_NUMBER}\x00)*{_NUMBER}", joined) \
            and not re.search(f"(?:^|\x00){THOUSANDS_DOT.pattern}(?:\x00|$)", joined):
        plain[:] = True  # the usual case: one regular-expression pass over every distinct value
    else:
        number, thousands = re.compile(_NUMBER), THOUSANDS_DOT
        plain[:] = [bool(number.fullmatch(t)) and not thousands.fullmatch(t) for t in texts]
    floats = np.full(n, np.nan)
    if plain.any():
        floats[plain] = texts[plain].astype(float)  # float() per text: correctly rounded
    return floats, plain


def _show(value: float) -> str:
    """A number in a message: 131, 0.305, 35000000, 1e+308."""
    return f"{value:.15g}"


def _ascii_digits(text: str) -> str:
    return "".join(str(unicodedata.decimal(c)) if not c.isascii() and unicodedata.decimal(c, None) is not None
                   else c for c in text)


def _has_foreign_digit(text: str) -> bool:
    return bool(_NON_ASCII_DIGIT.search(text)) and any(c.isdigit() and not c.isascii() for c in text)


def _value_fix(text: str) -> str:
    """Why a value cell is not a number, and the fix."""
    if not text:
        return ("the value is empty but the row has a kind, qualifier, source or note; fill in the value, or, if "
                "nothing was published, clear the row's other cells (in a CSV file, delete the row).")
    if _has_foreign_digit(text):
        fixed = _ascii_digits(text)
        hint = f" ({fixed})" if re.fullmatch(_NUMBER, fixed) else ""
        return f"value '{text}' is written with non-ASCII digits; type it with the digits 0-9{hint}."
    if THOUSANDS_DOT.fullmatch(text):
        return f"value '{text}' is ambiguous; {thousands_fix(text)}."
    if re.fullmatch(_NUMBER, text):
        if math.isfinite(float(text)):
            return (f"value '{text}' is too large: a figure must be less than 1e15 (a million billion) either "
                    "way; check the number and its unit.")
        return f"value '{text}' is not a finite number; write a finite number."
    try:
        if not math.isfinite(float(text)):
            return f"value '{text}' is not a number; write a finite number."
    except ValueError:
        pass
    if THOUSANDS_COMMA.fullmatch(text):
        return f"value '{text}' is ambiguous; {thousands_fix(text)}."
    if text.endswith("%") and re.fullmatch(_NUMBER, text[:-1].strip()):
        return f"value '{text}' is not a number; write {text[:-1].strip()} (the percent itself, without '%')."
    if "," in text:
        fixed = text.replace(".", "").replace(",", ".") if "." in text else text.replace(",", ".")
        if re.fullmatch(_NUMBER, fixed):
            return f"value '{text}' is not a number; write {fixed} (a decimal point, no thousands separator)."
    return (f"value '{text}' is not a number; write a plain number such as 1483 or 63.1, without words or "
            "units.")


MAX_SOURCE = 1000
MAX_NOTE = 4000
"""Longest source and note, in characters: an address with a few words, a remark of a few sentences."""
_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_CONTROLS_BUT_BREAKS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _text_problem(column: str, text: str, limit: int, controls: re.Pattern) -> str | None:
    """Why a source or note cannot be recorded as it is, with the fix; None when it can."""
    if len(text) > limit:
        return (f"the {column} is {len(text):,} characters long, more than the {limit:,} kpi records; shorten it "
                "(a source is an address and a few words, a note a few sentences).")
    bad = controls.search(text)
    if bad:
        what = {"\r": "a carriage return", "\t": "a tab", "\n": "a line break"}.get(bad.group(),
                                                                          f"the control character U+{ord(bad.group()):04X}")
        where = " (write the source on one line)" if column == "source" else ""
        return f"the {column} holds {what} at character {bad.start() + 1}; remove it{where}."
    return None


def _expected(indicator: Indicator, column: str) -> tuple[str, ...]:
    """What a shown column of a template holds for an indicator: its name (either language) or unit."""
    return {"name": (indicator.name_vi, indicator.name_en), "name_vi": (indicator.name_vi,),
            "name_en": (indicator.name_en,), "unit": (indicator.unit_vi, indicator.unit_en)}[column]


_UNKNOWN = (False, False, False, -math.inf, math.inf, False, math.nan)
"""The facts of an indicator that is not in the plan (its rows are refused anyway)."""


def _facts(indicator: Indicator | None) -> tuple[bool, bool, bool, float, float, bool, float]:
    """What the value checks need of an indicator, in one pass: (unit is %, a percent in 0-100 (not a growth
    rate), may be negative (a growth rate), plausible low, plausible high, a flow, the plan figure the bounds
    rest on (NaN: none))."""
    if indicator is None:
        return _UNKNOWN
    ref = _reference(indicator)
    return (indicator.unit_vi.strip() == "%", indicator.is_percent, indicator.measure == "growth",
            *_bounds(indicator), indicator.measure == "flow" and math.isfinite(ref), ref)


def _reference(indicator: Indicator) -> float:
    """The plan figure a figure's plausibility is judged against: a positive, finite figure of a rule that
    needs no baseline; NaN otherwise."""
    rule = indicator.rule if isinstance(indicator, Target) else None
    if rule is None or rule.needs_baseline:
        return math.nan
    ref = rule.reference
    if math.isnan(ref):  # a band ('between', 'about'): its lower end
        ref = rule.params[0]
    return ref if math.isfinite(ref) and ref > 0 else math.nan


def _bounds(indicator: Indicator) -> tuple[float, float]:
    """The plausible range of a figure: (low, high); values outside (but not 0) are refused as slips.

    A level: 1% to 10 times its plan figure; a flow: up to 10 times (its low end depends on the month); a
    growth rate: up to 10 times its plan figure and at least 100% (647 for a plan of 10% is a percent format
    read twice).
    """
    ref = _reference(indicator)
    if math.isnan(ref) or indicator.measure not in ("flow", "level", "growth"):
        return (-math.inf, math.inf)
    if indicator.measure == "growth":
        return (-math.inf, max(100.0, ref * PLAUSIBLE_HIGH_TIMES))
    low = ref * PLAUSIBLE_LOW_PCT / 100 if indicator.measure == "level" else -math.inf
    return (low, ref * PLAUSIBLE_HIGH_TIMES)


def load_observations(path: Path | str, plan: Plan, *, scope: Scope | None = None,
                      rows: bool = False) -> pd.DataFrame:
    """Read and check an observations file (``.csv`` or ``.xlsx``) against ``plan``.

    Returns one tidy frame with the columns ``indicator, period, value, kind, qualifier, source,
    note``. Every problem in the file is collected and raised together as one ``DataError`` (the
    first ``MAX_LISTED`` listed, the rest counted); row numbers are those a spreadsheet shows (the
    header is row 1). The file is only read.

    Refused besides the format rules of data/README.md: numbers with thousands dots (``3.500``),
    non-ASCII digits, non-finite numbers, a figure under 1% (levels) or over 10 times (flows and
    levels) its target's plan figure, and in a workbook error cells and formulas with no saved result.
    A workbook cell formatted as a percent (stored 0.305, shown 30.5%) is read as 30.5 for an
    indicator in %, and refused for any other unit. A workbook may name its columns and its kinds
    and qualifiers in the words of a department's workbook (``kpi.text.labels.WORKBOOK_COLUMNS``).

    ``scope`` (a returned workbook): a row of another period, or of an indicator another owner
    reports, is a problem too. ``rows``: add a ``row`` column, the spreadsheet row of each figure.
    """
    return _check(read_cells(path), plan, scope=scope, rows=rows)


@dataclass
class Cells:
    """The filled rows of an observations file, read but not yet checked against a plan.

    Each column is factorized: ``cols[c] = (codes, distinct stripped texts)``, one code per row.
    """

    cols: dict                  # column -> (codes, distinct texts)
    rows: np.ndarray            # the spreadsheet row of each filled row
    where: str                  # how messages name the file
    columns: list               # the file's column names, in order
    raw_value: pd.Series | None  # xlsx: the value cells as read (numbers stay numbers); None for a CSV
    percent: np.ndarray         # xlsx: the value cell has a % number format
    cells: dict                 # xlsx: (filled row, column) -> (cell, problem)
    value_column: str           # xlsx: the letter of the value column
    numbers: tuple              # the distinct value texts read as numbers: (floats, plain), see _numbers
    ignored: list = field(default_factory=list)  # xlsx: the workbook's other sheets, named


def read_cells(path: Path | str) -> Cells:
    """Read an observations file (``.csv`` or ``.xlsx``): its filled rows, factorized, not yet checked.

    Raises ``DataError`` for a file that cannot be read as a table (encoding, separator, header, ragged
    rows, no filled row).
    """
    path = Path(path)
    table = _read_xlsx(path) if path.suffix.lower() == ".xlsx" else _read_csv(path)
    frame, where_file = table.frame, table.where
    missing = [c for c in REQUIRED if c not in frame.columns]
    if missing:
        raise DataError(f"{where_file}: missing column{'s' if len(missing) > 1 else ''} "
                        f"{', '.join(repr(c) for c in missing)}; the header must hold indicator, period, value "
                        f"(and optionally {', '.join(OPTIONAL)}).")
    if frame.empty:
        raise DataError(f"{where_file}: the file has a header but no rows; add one row per published figure.")
    text_only = table.percent is None  # a CSV: every cell is text
    empty = np.zeros(0, dtype=object)
    cols = {c: _factorize(frame[c], text_only) if c in frame.columns
            else (np.zeros(len(frame), dtype=np.intp), np.array([""], dtype=object)) for c in COLUMNS}
    cols.update({c: _factorize(frame[c], text_only) for c in NAMES if c in frame.columns})

    def is_empty(c: str) -> np.ndarray:
        codes, uniq = cols[c]
        return (np.array([u == "" for u in uniq], dtype=bool) if len(uniq) else empty.astype(bool))[codes]

    # A row with nothing but indicator and period (an unfilled template row) means "not reported"; a row with
    # only a note is not blank: its value is missing.
    blank = is_empty("value") & is_empty("kind") & is_empty("qualifier") & is_empty("source") & is_empty("note")
    for (i, j) in table.cells:  # a cell with an error or an unsaved formula is never "not reported"
        blank[i] = False
    keep = ~blank
    if not keep.any():
        raise NoFigures(f"{where_file}: no row holds a value; fill in the figures that were published.")
    index = np.flatnonzero(keep)
    if len(index) < len(frame):
        cols = {c: (codes[index], uniq) for c, (codes, uniq) in cols.items()}
    raw_value = None if text_only else frame["value"].iloc[index].reset_index(drop=True)
    percent = table.percent[index] if table.percent is not None else np.zeros(len(index), dtype=bool)
    position = {int(p): k for k, p in enumerate(index)} if table.cells else {}
    cells = {(position[i], j): v for (i, j), v in table.cells.items() if i in position}
    return Cells(cols=cols, rows=table.rows[index], where=where_file, columns=list(frame.columns),
                 raw_value=raw_value, percent=percent, cells=cells, value_column=table.value_column,
                 numbers=_numbers(cols["value"][1]), ignored=table.ignored)


def _check(read: Cells, plan: Plan, *, scope: Scope | None, rows: bool) -> pd.DataFrame:
    """``load_observations`` of cells already read: every check against the plan, then the tidy frame."""
    with_rows = rows
    cols, rows, where_file, cells = read.cols, read.rows, read.where, read.cells
    text_only, raw_value, percent = read.raw_value is None, read.raw_value, read.percent
    value_col = read.columns.index("value")
    n = len(rows)

    # Indicators, periods, kinds and qualifiers: checked once per distinct text.
    indicators = plan.indicators
    ind_codes, ind_uniq = cols["indicator"]
    ind_known = np.array([u in indicators for u in ind_uniq], dtype=bool)
    ind_foreign = (np.zeros(len(ind_uniq), dtype=bool) if "".join(ind_uniq).isascii() else  # the usual case
                   np.array([_has_foreign_digit(u) for u in ind_uniq], dtype=bool))
    per_codes, per_uniq = cols["period"]
    per_problem, per_slot = [], []
    for p in per_uniq:
        period = Period.try_parse(p)
        per_slot.append(period.index if period is not None else -1)
        if _has_foreign_digit(p):
            per_problem.append(f"period '{p}' is written with non-ASCII digits; type it with the digits 0-9, "
                               f"e.g. {plan.year}-Q3.")
        elif period is None:
            per_problem.append(f"period '{p}' is not a month or a quarter; "
                               f"{FORMAT_HINT.replace('2021', str(plan.year))}.")
        elif period.year > plan.year:
            per_problem.append(f"period '{p}' lies after the plan year {plan.year}; figures of the plan year and of "
                               "earlier years (for baselines and seasons) belong here.")
        else:
            per_problem.append(None)
    per_bad = np.array([m is not None for m in per_problem], dtype=bool)

    # Values: a plain ASCII number (no thousands dots), or a number typed into a workbook cell.
    val_codes, val_uniq = cols["value"]
    floats, plain_uniq = read.numbers
    values, plain = floats[val_codes], plain_uniq[val_codes]
    if text_only:
        is_number_cell = np.zeros(n, dtype=bool)
    else:
        is_number_cell = raw_value.map(lambda v: isinstance(v, (int, float)) and not isinstance(v, bool)).to_numpy()
        values[is_number_cell] = raw_value[is_number_cell].astype(float).to_numpy()
        plain &= ~is_number_cell
    cell_in = {c: np.zeros(n, dtype=bool) for c in ("indicator", "period", "value")}
    for (i, j) in cells:
        if read.columns[j] in cell_in:
            cell_in[read.columns[j]][i] = True
    cell_in_value = cell_in["value"]
    with np.errstate(invalid="ignore"):
        ok = (plain | is_number_cell) & (np.abs(values) < MAX_ABS_VALUE) & ~cell_in_value  # NaN, inf: not ok
    # A %-formatted workbook cell holds 0.305 for 30.5%.
    facts = pd.DataFrame([_facts(indicators.get(u)) for u in ind_uniq] or [_UNKNOWN])
    unit_pct = facts[0].to_numpy(bool)[ind_codes] if n else np.zeros(0, dtype=bool)
    pct_scaled = ok & percent & unit_pct
    for k in np.flatnonzero(pct_scaled):
        values[k] = float(Decimal(repr(float(values[k]))) * 100)
    pct_refused = ok & percent & ~unit_pct & ind_known[ind_codes]
    ok &= ~pct_refused
    bad_value = ~ok & ~cell_in_value & ~pct_refused
    checked = ok & ind_known[ind_codes]
    is_pct, signed = facts[1].to_numpy(bool)[ind_codes], facts[2].to_numpy(bool)[ind_codes]
    bounds = facts[[3, 4]].to_numpy(float)[ind_codes]
    month = np.array([s % 12 + 1 if s >= 0 else 0 for s in per_slot], dtype=np.int64)[per_codes] if n else \
        np.zeros(0, dtype=np.int64)
    is_flow = facts[5].to_numpy(bool)[ind_codes] if n else np.zeros(0, dtype=bool)
    reference = facts[6].to_numpy(float)[ind_codes] if n else np.zeros(0)
    with np.errstate(invalid="ignore"):
        out_of_range = checked & is_pct & ((values < 0) | (values > 100))
        fraction = checked & is_pct & ~out_of_range & (values > 0) & (values < 1) & (reference >= 10)
        negative = checked & ~out_of_range & ~signed & (values < 0)
        fall = checked & signed & (values < -100)
        rest = checked & ~out_of_range & ~negative & ~fraction & ~fall
        too_high = rest & (values > bounds[:, 1])
        too_low = rest & (values != 0) & (values < bounds[:, 0])
        # a flow is counted from 1 January: after its first quarter, under 1% of the year's plan is a slip
        flow_low = rest & ~too_low & is_flow & (month > 3) & (values > 0) & (values <= reference * FLOW_SLIP_PCT / 100)

    kind_codes, kind_uniq = cols["kind"]
    kind_bad = np.array([k != "" and k not in KINDS for k in kind_uniq], dtype=bool)[kind_codes]
    qual_codes, qual_uniq = cols["qualifier"]
    qual_bad = np.array([q != "" and q not in QUALIFIERS for q in qual_uniq], dtype=bool)[qual_codes]
    # A row's name and unit are its indicator's: rows sorted or codes swapped never land on another target.
    shown_bad, shown_msg = {}, {}
    for c in NAMES:
        if c not in cols:
            continue
        codes, uniq = cols[c]
        width = max(len(uniq), 1)
        pairs, back = np.unique(ind_codes.astype(np.int64) * width + codes, return_inverse=True)
        wrong = np.zeros(len(pairs), dtype=bool)
        for p, pair in enumerate(pairs):
            i = indicators.get(ind_uniq[pair // width])
            if i is not None:
                wrong[p] = _key(unneutral(uniq[pair % width])) not in {_key(e) for e in _expected(i, c)}
        shown_bad[c] = wrong[back.reshape(-1)] & ind_known[ind_codes] & ~cell_in["indicator"]

        def message(k: int, c=c, codes=codes, uniq=uniq) -> str:
            what = "unit" if c == "unit" else "name"
            i = indicators[ind(k)]
            return (f"the {what} '{uniq[codes[k]]}' beside '{ind(k)}' is not that indicator's {what} "
                    f"('{_expected(i, c)[0]}'): the rows were sorted, or a code or a {what} was changed; put each "
                    "figure beside its own indicator's code, or make the workbook again with kpi template.")
        shown_msg[c] = message
    # Sources and notes are written to observations.csv as they are: nothing that cannot be read back.
    text_bad = {}
    for c, limit, controls in (("source", MAX_SOURCE, _CONTROLS), ("note", MAX_NOTE, _CONTROLS_BUT_BREAKS)):
        codes, uniq = cols[c]
        why = [_text_problem(c, u, limit, controls) for u in uniq]
        text_bad[c] = (np.array([w is not None for w in why], dtype=bool)[codes], why, codes)
    # One figure per indicator and slot: a quarter is the same slot as its last month (Q3 = 09).
    slots = np.array(per_slot, dtype=np.int64)
    slot_codes, _ = pd.factorize(np.where(slots[per_codes] >= 0, slots[per_codes], -1 - per_codes)) if n else (
        np.zeros(0, dtype=np.int64), None)
    key = ind_codes.astype(np.int64) * max(n, 1) + slot_codes
    _, first_at, inverse = np.unique(key, return_index=True, return_inverse=True)
    first_pos = first_at[inverse.reshape(-1)]
    duplicate = first_pos != np.arange(n)

    vals = values
    hints: dict[str, str] = {}

    def unknown(k: int) -> str:
        ind = ind_uniq[ind_codes[k]]
        if _has_foreign_digit(ind):
            return f"indicator '{ind}' is written with non-ASCII characters; use the id from plan.yaml."
        if ind not in hints:
            close = close_match(ind, indicators) if len(hints) < MAX_HINTS else None
            hints[ind] = f"did you mean '{close}'?" if close else "use a target or input id from plan.yaml."
        return f"indicator '{ind}' is not in the plan; {hints[ind]}"

    def unit(k: int) -> str:
        return indicators[ind_uniq[ind_codes[k]]].unit_en

    def ind(k: int) -> str:
        return ind_uniq[ind_codes[k]]

    def _same(k: int) -> str:
        first, this = per_uniq[per_codes[first_pos[k]]], per_uniq[per_codes[k]]
        return "the same period" if first == this else f"{first}, the same slot as {this}"

    def ref(k: int) -> float:
        return float(reference[k])

    other_owner = np.zeros(n, dtype=bool)
    other_period = np.zeros(n, dtype=bool)
    if scope is not None:
        if scope.owner:
            foreign = np.array([u in indicators and indicators[u].owner != scope.owner for u in ind_uniq], dtype=bool)
            other_owner = foreign[ind_codes] & ~cell_in["indicator"] if n else other_owner
        slot_other = np.array([s >= 0 and s != scope.period.index for s in per_slot], dtype=bool)
        other_period = slot_other[per_codes] & ~cell_in["period"] if n else other_period

    def not_theirs(k: int) -> str:
        code = indicators[ind(k)].owner
        mine = f"'{scope.owner}' ({plan.owner(scope.owner).name_en})"
        if not code:
            return (f"indicator '{ind(k)}' has no owner in the plan, so it does not belong in the workbook of {mine}; "
                    "delete the row.")
        return (f"indicator '{ind(k)}' is reported by '{code}' ({plan.owner(code).name_en}), not by {mine}, whose "
                f"workbook this is; delete the row (the figure belongs in the workbook of '{code}').")

    def not_now(k: int) -> str:
        return (f"period '{per_uniq[per_codes[k]]}' is not the workbook's period {scope.period} "
                f"({scope.period.label('en')}); write {scope.period}, or put the figure in a workbook for its period.")

    checks = [
        (0, (~ind_known[ind_codes] | ind_foreign[ind_codes]) & ~cell_in["indicator"], unknown),
        (0, other_owner, not_theirs),
        (1, other_period & ~per_bad[per_codes], not_now),
        (1, per_bad[per_codes] & ~cell_in["period"], lambda k: per_problem[per_codes[k]]),
        (2, bad_value, lambda k: _value_fix(val_uniq[val_codes[k]])),
        (2, pct_refused, lambda k: f"(cell {read.value_column}{rows[k]}): formatted as a percent "
                                   f"(shows {_show(float(Decimal(repr(float(vals[k]))) * 100))}%), but '{ind(k)}' is in "
                                   f"{unit(k)}; remove the % format and type the figure."),
        (2, out_of_range, lambda k: f"value {_show(vals[k])} for '{ind(k)}' is a percent outside 0–100; "
                                    "write the percent itself, e.g. 63.1 for 63,1%."),
        (2, negative, lambda k: f"value {_show(vals[k])} for '{ind(k)}' is negative, but a count or amount "
                                f"({unit(k)}) cannot be; check the sign."),
        (2, too_high & signed, lambda k: f"value {_show(vals[k])} for '{ind(k)}' is a growth rate of {_show(vals[k])}%, "
                                         f"{_show(float(f'{vals[k] / ref(k):.3g}'))} times its plan figure "
                                         f"{_show(ref(k))}%; check the number format (a % format multiplies by 100) "
                                         "and the decimal point (a growth rate over 100% and over "
                                         f"{PLAUSIBLE_HIGH_TIMES:g} times the plan figure is taken for a slip)."),
        (2, fall, lambda k: f"value {_show(vals[k])} for '{ind(k)}' is a fall of more than 100%, which no figure can "
                            "fall; check the sign and the decimal point."),
        (2, too_high & ~signed, lambda k: f"value {_show(vals[k])} for '{ind(k)}' is {_show(float(f'{vals[k] / ref(k):.3g}'))} times its plan "
                                f"figure {_show(ref(k))} ({unit(k)}); check the unit and the decimal point "
                                f"(a figure over {PLAUSIBLE_HIGH_TIMES:g} times the plan figure is taken for a slip)."),
        (2, too_low, lambda k: f"value {_show(vals[k])} for '{ind(k)}' is under {PLAUSIBLE_LOW_PCT:g}% of its plan "
                               f"figure {_show(ref(k))} ({unit(k)}); check the unit and the decimal point (a level "
                               f"under {PLAUSIBLE_LOW_PCT:g}% of the plan figure is taken for a slip)."),
        (2, fraction, lambda k: f"value {_show(vals[k])} for '{ind(k)}' looks like a fraction, but the figure is a "
                                f"percent (plan {_show(ref(k))}%); write the percent itself: "
                                f"{_show(float(Decimal(repr(float(vals[k]))) * 100))} for "
                                f"{_show(float(Decimal(repr(float(vals[k]))) * 100))}%."),
        (2, flow_low, lambda k: f"value {_show(vals[k])} for '{ind(k)}' in {per_uniq[per_codes[k]]} is at most "
                                f"{FLOW_SLIP_PCT:g}% of the year's plan figure {_show(ref(k))} ({unit(k)}), though it "
                                "counts from 1 January: a thousands slip (3.500, three thousand five hundred, read as "
                                "3.5)? Type the figure in full without separators, and check the unit."),
        (3, kind_bad, lambda k: f"kind '{kind_uniq[kind_codes[k]]}' is not one of {', '.join(KINDS)}; leave it empty "
                                "if unknown."),
        (4, qual_bad, lambda k: f"qualifier '{qual_uniq[qual_codes[k]]}' is not one of {', '.join(QUALIFIERS)} "
                                "(hơn/trên = more_than, gần = less_than, khoảng = about); leave it empty for an "
                                "exact figure."),
        *((1, shown_bad[c], shown_msg[c]) for c in shown_bad),
        *((6, bad, lambda k, why=why, codes=codes: why[codes[k]]) for bad, why, codes in text_bad.values()),
        (5, duplicate, lambda k: f"indicator '{ind(k)}' already has a figure for {_same(k)} "
                                 f"(row {rows[first_pos[k]]}); keep one figure per indicator and period (a quarter "
                                 "is the same as its last month), and note the choice in 'note'."),
    ]
    found: list[tuple[int, float, int, object]] = []
    total = 0
    for (i, j), (cell, why) in cells.items():
        total += 1
        found.append((int(rows[i]), 2 if j == value_col else -1 + j / 100, i,
                      lambda k, cell=cell, why=why: f"(cell {cell}): {why}."))
    for order, mask, message in checks:
        hits = np.flatnonzero(mask)
        total += len(hits)
        found += [(int(rows[k]), order, int(k), message) for k in hits[:MAX_LISTED]]
    if total:
        found.sort(key=lambda f: (f[0], f[1]))
        listed = []
        for row, _, k, message in found[:MAX_LISTED]:
            text_ = message(k)
            sep = " " if text_.startswith("(cell") else ": "
            listed.append(f"{where_file}, row {row}{sep}{text_}")
        raise DataError(listed, total=total)

    # One tidy frame, sorted by indicator then period (ranks of the distinct texts; a stable sort).
    ind_rank = np.argsort(np.argsort(ind_uniq, kind="stable"), kind="stable")
    per_rank = np.argsort(np.argsort(per_uniq, kind="stable"), kind="stable")
    order = np.lexsort((per_rank[per_codes], ind_rank[ind_codes]))

    def column(c: str) -> pd.Series:
        codes, uniq = cols[c]
        return pd.Series(pd.array(uniq, dtype="str").take(codes[order]))

    out = pd.DataFrame({"indicator": column("indicator"), "period": column("period"),
                        "value": pd.Series(values[order], dtype="float64")})
    for c in OPTIONAL:
        out[c] = column(c)
    if text_only:  # a CSV written by kpi collect keeps a text that starts like a formula behind a "'"
        for c in ("source", "note"):
            out[c] = out[c].map(unneutral)
    if with_rows:
        out["row"] = rows[order]
        out.attrs["where"] = where_file
        out.attrs["ignored"] = list(read.ignored)
    return out


def number_text(value: float) -> str:
    """A figure as observations.csv holds it, read back exactly: 63.1, 3500, 554.1990 (never '554.199', a
    thousands dot), 1e+20."""
    text = repr(float(value))
    if text.endswith(".0"):
        text = text[:-2]
    if THOUSANDS_DOT.fullmatch(text):
        text += "0"
    return text


def observations_path(plan_dir: Path | str) -> Path:
    """The observations file of a plan folder: ``observations.csv`` or ``observations.xlsx``, never both.

    Raises ``DataError`` when neither is there, and when both are (one would be silently ignored).
    """
    plan_dir = Path(plan_dir)
    found = [plan_dir / f for f in OBSERVATION_FILES if (plan_dir / f).is_file()]
    if len(found) > 1:
        raise DataError(f"{display(plan_dir)}: both {' and '.join(display(f) for f in found)} hold figures and "
                        "only one is read; keep one (copy the rows of the other into it) and move the other "
                        "out of the plan folder.")
    if found:
        return found[0]
    raise DataError(f"{display(plan_dir)}: no {' or '.join(OBSERVATION_FILES)}; "
                    "add the quarterly figures there (see data/README.md).")


def load(plan_dir: Path | str) -> tuple[Plan, pd.DataFrame]:
    """Load and check a plan folder: its ``plan.yaml`` and its observations."""
    plan_dir = Path(plan_dir)
    if not plan_dir.is_dir():
        raise DataError(f"{display(plan_dir)}: not a folder; give a plan folder such as data/kontum-2021.")
    plan = load_plan(plan_dir)
    return plan, load_observations(observations_path(plan_dir), plan)
