"""Reading a workbook's data sheet as the person who filled it saw it.

A returned workbook may be filled carelessly or crafted. Before anything is parsed, the package is checked:
an encrypted workbook or an old ``.xls`` is named as such, a file that is not a ZIP package or is damaged is
named, and the sizes its parts declare are bounded (a "zip bomb" of 3 MB that unpacks to gigabytes is refused
at once; Python's ``zipfile`` never unpacks more than a part declares). Then openpyxl reads the whole
workbook (not its read-only mode, which trusts the sheet's ``<dimension>`` and the order of its rows, and so
drops rows of a file that states them wrongly): every cell at its own row and column, merged cells spread
over the cells they cover, formulas with their saved results.

A number cell is taken as Excel shows it (``shown``): a ``%`` in the number format multiplies by 100 unless it
is quoted or escaped (``0.00"%"`` shows 6.47 as "6.47%"), and a cell whose format hides digits (3499.6 shown
as "3.500"), divides by 1,000, or shows a negative figure without its sign is refused rather than guessed.
"""
from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Context, Decimal, localcontext
from pathlib import Path

from ..errors import DataError
from ..files import display
from ..text.labels import LANGS, WORKBOOK

MAX_FILE_BYTES = 64 * 2**20
"""Largest workbook file read (64 MB)."""
MAX_UNPACKED_BYTES = 32 * 2**20
"""Most bytes a workbook's parts may unpack to together (32 MB, pictures included)."""
PART_LIMITS = {"sheets": 2**20, "shared texts": 2**20, "styles": 2**18, "other parts": 2**20}
"""Most bytes each kind of part openpyxl parses may unpack to. openpyxl spends about 3 s on 1 MB of the smallest
cells, of shared texts or of 256 KB of cell formats (benchmarks/collect.py), and the kinds add up: together they
keep any workbook within 10 s and 500 MB. A department's workbook needs a few kilobytes of each; 1 MB of sheets
is about 1,500 rows as kpi template writes them, more as Excel saves them."""
MAX_CELLS = 200_000
"""Most cells the data sheet may span, from A1 to its last used cell (openpyxl makes every one of them)."""
MAX_PARTS = 2000
"""Most parts (files inside the package) a workbook may hold."""

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
"""The first bytes of an OLE compound file: an encrypted workbook, or an Excel 97-2003 .xls."""
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")

DATA_SHEETS = ("observations", *(WORKBOOK[lang]["data_sheet"] for lang in LANGS))
"""The names of the sheet kpi reads: the single sheet (``kpi template``) and a department's workbook's."""
HELP_SHEETS = ("help", *(WORKBOOK[lang]["help_sheet"] for lang in LANGS))
"""The instructions sheets kpi template writes: not read, and not worth a word."""


def check_package(path: Path) -> None:
    """Refuse, before parsing, a workbook that is not an .xlsx package, is encrypted, damaged or too large."""
    name = display(path)
    if not path.is_file():
        what = "a folder, not a file" if path.is_dir() else "file not found"
        raise DataError(f"{name}: {what}; check the name.")
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise DataError(f"{name}: the file is {size / 2**20:.0f} MB, more than the {MAX_FILE_BYTES // 2**20} MB a "
                        "workbook may hold; check that it is the right file.")
    with open(path, "rb") as fh:
        head = fh.read(8)
        if head == _OLE:
            body = head + fh.read()
    if head == _OLE:
        if _ENCRYPTED in body:
            raise DataError(f"{name}: the workbook is protected with a password to open it, so it cannot be read; "
                            "open it in Excel, remove the password (File › Info › Protect Workbook › Encrypt with "
                            "Password: clear it), save it, and collect it again.")
        raise DataError(f"{name}: an Excel 97-2003 workbook (.xls) renamed .xlsx; open it in Excel and save it as "
                        "'Excel Workbook (.xlsx)'.")
    if not zipfile.is_zipfile(path):
        raise DataError(f"{name}: not an Excel workbook (.xlsx): the file is not a workbook package (perhaps a CSV "
                        "or a web page renamed .xlsx); open it in Excel and save it as 'Excel Workbook (.xlsx)'.")
    try:
        with zipfile.ZipFile(path) as package:
            parts = package.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as e:
        raise DataError(f"{name}: the workbook is damaged ({e}); open it in Excel, which offers to repair it, save "
                        "it, and collect it again.") from None
    if len(parts) > MAX_PARTS:
        raise DataError(f"{name}: the workbook holds {len(parts)} parts, more than the {MAX_PARTS} of any workbook "
                        "kpi reads; check that it is the right file.")
    sizes = dict.fromkeys(PART_LIMITS, 0)
    for p in parts:
        kind = part_kind(p.filename)
        if kind:
            sizes[kind] += p.file_size
    total = sum(p.file_size for p in parts)
    over = [(kind, size, PART_LIMITS[kind]) for kind, size in sizes.items() if size > PART_LIMITS[kind]]
    if total > MAX_UNPACKED_BYTES:
        over.append(("parts", total, MAX_UNPACKED_BYTES))
    if over:
        kind, size, limit = over[0]
        raise DataError(f"{name}: the workbook's {kind} unpack to {_mb(size)}, more than the {_mb(limit)} kpi reads "
                        "from a workbook (a department's workbook needs a few kilobytes); make it again with kpi "
                        "template --by owner and copy the figures into it, or keep a large table in "
                        "observations.csv.")


def part_kind(filename: str) -> str:
    """Which limit of ``PART_LIMITS`` a part of the package counts against ('' for pictures and other binaries,
    which openpyxl does not parse)."""
    if filename.startswith("xl/worksheets/") and filename.endswith(".xml"):
        return "sheets"
    if filename == "xl/sharedStrings.xml":
        return "shared texts"
    if filename == "xl/styles.xml":
        return "styles"
    if filename.endswith((".xml", ".rels", ".vml")):
        return "other parts"
    return ""


def _mb(n: int) -> str:
    """A size in words: 256 KB, 1.0 MB, 3.0 GB."""
    if n < 2**20:
        return f"{n / 2**10:,.0f} KB"
    return f"{n / 2**20:,.1f} MB" if n < 2**30 else f"{n / 2**30:,.1f} GB"


# -- number formats -----------------------------------------------------------------------------------------

_LITERAL = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]|_.|\*.')
"""The parts of a number format that are shown as they are: quoted text, an escaped character, a [colour] or
[condition], a space the width of a character (_x), a fill character (*x)."""
_PLACEHOLDER = re.compile(r"[0#?]")


def _sections(fmt: str) -> list[str]:
    """A format's sections (positive; negative; zero; text), split on the ';' that are not quoted or escaped."""
    sections, start = [], 0
    for m in re.finditer(r'"[^"]*"|\\.|\[[^\]]*\]|;', fmt):
        if m.group() == ";":
            sections.append(fmt[start:m.start()])
            start = m.end()
    sections.append(fmt[start:])
    return sections


@dataclass(frozen=True)
class Shown:
    """How Excel shows a number cell: ``percent`` (a real %, the value multiplied by 100), or ``problem``."""

    percent: bool = False
    problem: str = ""


def shown(value: float, fmt: str | None) -> Shown:
    """How a number formatted with ``fmt`` is shown, as far as the figure read from it depends on it.

    ``General`` and ``@`` show the number as it is. A ``%`` that is not quoted or escaped multiplies by 100
    (``percent``); two of them are refused. A format that shows fewer decimals than the cell holds, a comma
    after the last digit (÷ 1,000), a scientific or fraction format, a negative section with no sign, or a
    section that shows no digit of a non-zero number gives a ``problem`` (the fix for the person).
    """
    fmt = (fmt or "General").strip()
    if fmt.lower() == "general" or fmt == "@":
        return Shown()
    condition = re.search(r"\[(?:[<>]=?|=)[^\]]*\]", fmt)
    if condition:
        return Shown(problem=f"its number format '{fmt}' has a condition ({condition.group()}), so what it shows "
                             "depends on the figure; set the cell's format to General")
    sections = _sections(fmt)
    if value < 0 and len(sections) >= 2:
        section, negative_section = sections[1], True
    elif value == 0 and len(sections) >= 3:
        section, negative_section = sections[2], False
    else:
        section, negative_section = sections[0], False
    code = _LITERAL.sub("", section)
    if code.strip().lower() == "general":
        if negative_section and "-" not in section:
            return Shown(problem=f"its number format '{fmt}' shows the negative figure {value:g} without its sign; "
                                 "set the cell's format to General and type the figure with its sign")
        return Shown()
    if not _PLACEHOLDER.search(code):
        what = f"shows 0 as '{section.strip()}'" if value == 0 and section.strip() else (
            "shows nothing for 0" if value == 0 else f"does not show the figure {value:g}")
        return Shown(problem=f"its number format '{fmt}' {what}; clear the cell if nothing was published, or set the "
                             "cell's format to General and type the figure")
    if re.search(r"[eE][-+]", code) or "/" in code:
        return Shown(problem=f"its number format '{fmt}' shows the figure in scientific or fraction form; set the "
                             "cell's format to General and type the figure")
    if negative_section and "-" not in section and "(" not in section:
        return Shown(problem=f"its number format '{fmt}' shows the negative figure {value:g} without its sign; set "
                             "the cell's format to General and type the figure with its sign")
    percent = code.count("%")
    if percent > 1:
        return Shown(problem=f"its number format '{fmt}' multiplies the figure by {100 ** percent:,}; set the cell's "
                             "format to General and type the figure")
    whole = code.split(".")[0]  # a comma after the last digit of the whole part divides by 1,000 (#,##0, and 0,.0)
    scale = sum(len(m.group()) for m in re.finditer(r",+", whole) if not _PLACEHOLDER.search(whole[m.end():]))
    if scale:
        return Shown(problem=f"its number format '{fmt}' divides the figure by {1000 ** scale:,} (shows "
                             f"{value / 1000 ** scale:g} for {value:g}); set the cell's format to General and type "
                             "the figure in the indicator's unit")
    point = code.find(".")
    decimals = len(_PLACEHOLDER.findall(code[point + 1:])) if point >= 0 else 0
    with localcontext(Context(prec=60)):
        exact = Decimal(repr(float(value))) * (100 ** percent)
        rounded = exact.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    if rounded != exact:
        sign = "%" if percent else ""
        return Shown(problem=f"holds {_plain(exact)}{sign} but its number format '{fmt}' shows "
                             f"{_plain(rounded)}{sign}; set the cell's format to General (or to as many decimals "
                             "as the figure has) and check the figure")
    return Shown(percent=bool(percent))


def _plain(d: Decimal) -> str:
    return format(d.normalize(), "f")


# -- the sheet ------------------------------------------------------------------------------------------------

@dataclass
class Sheet:
    """The data sheet's cells: ``rows`` of (spreadsheet row, [cell values]); per cell its number format, and
    the problems of cells that cannot be read (error values, formulas without a saved result, merged values)."""

    where: str                                   # "file.xlsx, sheet 'Số liệu'"
    header: list                                 # the first row's values
    rows: list[tuple[int, list]]                 # (row number, values from column A), header excluded
    formats: dict = field(default_factory=dict)  # (row, column index) -> number format, for number cells
    problems: dict = field(default_factory=dict)  # (row, column index) -> why the cell cannot be read
    ignored: list[str] = field(default_factory=list)  # the other sheets, named: "'Hướng dẫn'", "'x' (hidden)"
    merged: list = field(default_factory=list)   # merged blocks: (first row, last row, first col, last col, 'A1:B2')
    hidden_rows: set = field(default_factory=set)     # rows the person did not see
    hidden_columns: set = field(default_factory=set)  # columns (0-based) the person did not see
    links: dict = field(default_factory=dict)    # (row, column index) -> the address a cell links to


def column_letter(i: int) -> str:
    """The letter of a 0-based column: 0 -> A, 26 -> AA."""
    letters = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        letters = chr(65 + r) + letters
    return letters


_ERROR_VALUES = ("#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA", "#SPILL!",
                 "#CALC!")


def _load(path: Path, name: str, data_only: bool):
    from openpyxl import load_workbook

    try:
        return load_workbook(path, data_only=data_only, keep_links=False)
    except Exception as e:  # openpyxl raises many types for a damaged workbook
        detail = str(e).splitlines()[0][:200] if str(e) else type(e).__name__
        raise DataError(f"{name}: the workbook is damaged and cannot be read ({type(e).__name__}: {detail}); open "
                        "it in Excel, which offers to repair it, save it, and collect it again (or make it again "
                        "with kpi template).") from None


def _data_sheet(book, name: str):
    """The sheet to read: the visible one named as kpi names it, else the only visible sheet besides kpi's
    instructions. Another visible sheet holding anything is an error: its figures would be lost."""
    visible = [ws for ws in book.worksheets if ws.sheet_state == "visible" and ws.title not in HELP_SHEETS]
    named = [ws for ws in visible if ws.title in DATA_SHEETS]
    hidden = [ws.title for ws in book.worksheets if ws.sheet_state != "visible" and ws.title in DATA_SHEETS]
    if named:
        sheet = named[0]
    elif len(visible) == 1 and not hidden:
        sheet = visible[0]
    elif hidden:
        raise DataError(f"{name}: the sheet '{hidden[0]}' is hidden; unhide it (right-click a sheet tab › Unhide), "
                        "save, and collect again.")
    else:
        titles = ", ".join(f"'{ws.title}'" for ws in visible) or "none"
        raise DataError(f"{name}: no sheet named {' or '.join(repr(s) for s in DATA_SHEETS)} among the visible sheets "
                        f"({titles}); name the sheet that holds the figures 'observations', or collect the workbook "
                        "kpi template made.")
    others = [ws.title for ws in visible if ws is not sheet
              and any(v is not None for row in ws.iter_rows(values_only=True) for v in row)]
    if others:
        raise DataError(f"{name}: the sheet{'s' if len(others) > 1 else ''} {', '.join(repr(t) for t in others)} "
                        f"hold{'' if len(others) > 1 else 's'} cells too, but kpi reads only the sheet '{sheet.title}'; "
                        f"copy any figure into '{sheet.title}', delete the other sheet, save, and collect again.")
    return sheet


def read_sheet(path: Path) -> Sheet:
    """The data sheet of a workbook, read whole (see the module's docstring); ``DataError`` for a bad package."""
    name = display(path)
    check_package(path)
    book = _load(path, name, data_only=False)
    ws = _data_sheet(book, name)
    where = f"{name}, sheet '{ws.title}'"
    ignored = [f"'{s.title}'" + ("" if s.sheet_state == "visible" else f" ({s.sheet_state})")
               for s in book.worksheets if s is not ws and not (s.title in HELP_SHEETS and s.sheet_state == "visible")]
    if ws.max_row * ws.max_column > MAX_CELLS:
        raise DataError(f"{where}: the sheet reaches cell {column_letter(ws.max_column - 1)}{ws.max_row}, more than "
                        f"the {MAX_CELLS:,} cells kpi reads; delete the rows and columns after the table (select "
                        "them, right-click › Delete), save, and collect again.")
    grid = list(ws.iter_rows())
    formulas = {(c.row, c.column - 1) for row in grid for c in row if c.data_type == "f"}
    saved, blank = {}, set()
    if formulas:
        values = _load(path, name, data_only=True)[ws.title]
        for r, j in formulas:
            cell = values.cell(row=r, column=j + 1)
            saved[(r, j)] = cell.value
            if cell.value is None and cell.data_type == "str":  # a saved result that is the empty text: ""
                blank.add((r, j))
    problems, formats = {}, {}
    cells: dict[tuple[int, int], object] = {}
    for row in grid:
        for c in row:
            at = (c.row, c.column - 1)
            v = c.value
            if at in formulas:
                v = saved.get(at)
                if v is None and at not in blank:
                    text = c.value.text if hasattr(c.value, "text") else str(c.value)
                    problems[at] = (f"holds the formula '{text}' with no saved result; open the workbook in Excel, "
                                    "let it calculate, and save it (or type the figure)")
            if c.data_type == "e" or (isinstance(v, str) and v in _ERROR_VALUES):
                problems[at] = f"holds the error {v}; fix the formula or type the figure"
                v = None
            elif isinstance(v, (int, float)) and not isinstance(v, bool):
                formats[at] = c.number_format
            cells[at] = v
    for merged in ws.merged_cells.ranges:  # what a merged block shows in each of its cells: its first cell
        top = cells.get((merged.min_row, merged.min_col - 1))
        for r in range(merged.min_row, merged.max_row + 1):
            for j in range(merged.min_col - 1, merged.max_col):
                if (r, j) != (merged.min_row, merged.min_col - 1):
                    cells[(r, j)] = top
                    if (merged.min_row, merged.min_col - 1) in formats:
                        formats[(r, j)] = formats[(merged.min_row, merged.min_col - 1)]
    n_rows = max((r for r, _ in cells), default=0)
    n_cols = max((j for _, j in cells), default=-1) + 1
    table = [[cells.get((r, j)) for j in range(n_cols)] for r in range(1, n_rows + 1)]
    header = table[0] if table else []
    merged = [(m.min_row, m.max_row, m.min_col - 1, m.max_col - 1, m.coord) for m in ws.merged_cells.ranges]
    hidden_columns = {j for d in ws.column_dimensions.values() if d.hidden and d.min
                      for j in range(d.min - 1, (d.max or d.min))}
    links = {(c.row, c.column - 1): c.hyperlink.target for row in grid for c in row
             if c.hyperlink is not None and c.hyperlink.target}
    return Sheet(where=where, header=header, rows=[(r, table[r - 1]) for r in range(2, n_rows + 1)],
                 formats=formats, problems=problems, ignored=ignored, merged=merged,
                 hidden_rows={r for r, d in ws.row_dimensions.items() if d.hidden}, hidden_columns=hidden_columns,
                 links=links)
