"""Collecting the departments' returned workbooks into a plan's observations file.

``collect(plan_dir, workbooks)`` reads every workbook with the observations loader (the same checks and
messages as ``kpi validate``), checks it against the plan, owner and period stamped in it, then merges
its figures into ``observations.csv``:

- a figure equal to the recorded one for its slot (same value and qualifier) changes nothing;
- a new slot is appended as a new row;
- a different figure for a recorded slot is refused, or with ``revise`` replaces the recorded row in
  place, the old one copied to ``revisions.csv`` first.

Nothing is merged while any workbook has a problem, unless ``skip_bad`` (the good ones are merged, the
bad ones listed). The observations file is rewritten under a lock (``.observations.csv.lock``) through
a temporary file renamed into place, so concurrent collects and a killed one leave it whole; rows that
do not change keep their bytes, and the header its columns.
"""
from __future__ import annotations

import csv
import io
import os
import time
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

import pandas as pd

from ..errors import DataError, KpiError, NoFigures
from ..files import display, locked, remove_leftovers, replacing, written
from ..text.labels import QUALIFIER_WORDS
from ..text.safetext import spreadsheet_text
from .observations import COLUMNS, OBSERVATION_FILES, Scope, load_observations, number_text
from ..model.period import Period
from ..model.plan import Plan
from .planfile import close_match, load_plan
from .revisions import REVISION_FILE, to_csv
from .workbook import Stamp, read_stamp
from .xlsxfile import check_package

PAUSE_HOOK = "KPI_TEST_PAUSE_MID_WRITE"
"""Tests only: seconds to pause with half the new observations file written (to kill the process there)."""


@dataclass(frozen=True)
class Figure:
    """One figure: from a returned workbook (``file``, ``owner``) or as recorded (``row`` of the observations)."""

    indicator: str
    period: str
    value: float
    kind: str = ""
    qualifier: str = ""
    source: str = ""
    note: str = ""
    row: int = 0
    file: str = ""
    owner: str = ""
    where: str = ""   # how a message names its file (and sheet): "returned/stc-2021-Q4.xlsx, sheet 'Số liệu'"

    @property
    def slot(self) -> tuple[str, int]:
        """(indicator, month index): a quarter and its last month are the same slot."""
        return (self.indicator, Period.parse(self.period).index)

    def same(self, other: Figure) -> bool:
        """The same published figure: value and qualifier (kind, source and note are not compared)."""
        return self.value == other.value and self.qualifier == other.qualifier

    def shown(self) -> str:
        """'about 2000 (kind 'estimate', source 'https://...')' for a message."""
        bound = QUALIFIER_WORDS["en"].get(self.qualifier, "")
        return f"{bound}{number_text(self.value)} (kind '{self.kind}', source '{self.source}')"


@dataclass
class Outcome:
    """What a collect did: figures added, revised (old, new), unchanged and refused (figure, why); bad files."""

    target: str
    added: list[Figure] = field(default_factory=list)
    revised: list[tuple[Figure, Figure]] = field(default_factory=list)
    unchanged: list[Figure] = field(default_factory=list)
    refused: list[tuple[Figure, str]] = field(default_factory=list)
    bad: list[tuple[str, KpiError]] = field(default_factory=list)
    empty: list[tuple[str, str]] = field(default_factory=list)  # (file, owner): returned with nothing filled in
    notes: list[str] = field(default_factory=list)  # what was left aside: the other sheets of a workbook

    @property
    def skipped(self) -> list[str]:
        """The workbooks left out because they have problems (``skip_bad``)."""
        return [name for name, _ in self.bad]

    def counts(self) -> pd.DataFrame:
        """Per owner (``""``: a workbook with no owner): added, revised, unchanged, refused."""
        rows: dict[str, dict[str, int]] = {}
        for what, figures in (("added", self.added), ("revised", [new for _, new in self.revised]),
                              ("unchanged", self.unchanged), ("refused", [f for f, _ in self.refused])):
            for f in figures:
                rows.setdefault(f.owner, dict(added=0, revised=0, unchanged=0, refused=0))[what] += 1
        frame = pd.DataFrame.from_dict(rows, orient="index", columns=["added", "revised", "unchanged", "refused"])
        frame.index.name = "owner"
        return frame.astype(int)

    def summary(self, plan: Plan) -> str:
        """What changed, in a few lines: the totals, then one line per owner."""
        order = {o.code: i for i, o in enumerate(plan.owners)}
        counts = self.counts()
        counts = counts.iloc[sorted(range(len(counts)), key=lambda i: order.get(counts.index[i], len(order)))]
        total = counts.sum() if len(counts) else pd.Series(0, index=counts.columns)
        lines = [f"{self.target}: " + ", ".join(f"{int(total[c])} {c}" for c in counts.columns) + "."]
        codes = {o.code for o in plan.owners}

        def who(owner: str) -> str:
            return f"{owner} ({plan.owner(owner).name_vi})" if owner in codes else "(no owner)"

        for owner, c in counts.iterrows():
            lines.append(f"- {who(owner)}: " + ", ".join(f"{int(c[k])} {k}" for k in counts.columns))
        for name, owner in self.empty:
            lines.append(f"- {who(owner)}: nothing filled in ({name}); not reported yet")
        lines += self.notes
        if self.skipped:
            lines.append(f"skipped (with errors): {', '.join(self.skipped)}")
        return "\n".join(lines)


def _figures(frame: pd.DataFrame, file: str, owner: str) -> list[Figure]:
    """The figures of a checked frame (``rows=True``), in the order of their rows."""
    where = frame.attrs.get("where", file)
    return sorted((Figure(indicator=r.indicator, period=r.period, value=float(r.value), kind=r.kind,
                          qualifier=r.qualifier, source=r.source, note=r.note, row=int(r.row), file=file, owner=owner,
                          where=where)
                   for r in frame.itertuples(index=False)), key=lambda f: f.row)


def _stamp_problems(stamp: Stamp, plan: Plan, name: str) -> list[str]:
    """What is wrong with the stamp of a workbook: another plan, an unknown owner, a period outside the year."""
    problems = []
    if stamp.plan != plan.id:
        problems.append(f"{name}: the workbook was made for the plan '{stamp.plan}', not '{plan.id}'; collect it "
                        "into that plan's folder, or make this plan's workbook with kpi template --by owner.")
    codes = [o.code for o in plan.owners]
    if stamp.owner and stamp.owner not in codes:
        close = close_match(stamp.owner, codes)
        hint = f"; did you mean '{close}'?" if close else "; make the workbook again with kpi template --by owner."
        problems.append(f"{name}: the workbook's owner '{stamp.owner}' is not one of the plan's owners "
                        f"({', '.join(codes) or 'none declared'}){hint}")
    period = Period.try_parse(stamp.period)
    if period is None or period.year != plan.year:
        problems.append(f"{name}: the workbook's period '{stamp.period}' is not a month or quarter of the plan year "
                        f"{plan.year}; make the workbook again with kpi template --by owner --period ....")
    return problems


def read_returns(plan: Plan, workbooks: list[Path], notes: list[str] | None = None
                 ) -> tuple[dict[str, list[Figure]], list[tuple[str, KpiError]], list[tuple[str, str]]]:
    """Read and check every returned workbook: ``({file: figures}, [(file, its error), ...], [(file, owner), ...])``.

    ``notes`` receives a line per workbook whose other sheets were not read.
    The last list holds the department workbooks (stamped by ``kpi template --by owner``) returned with no
    figure filled in: not reported yet, which is not a problem of the file. A figure given twice with
    different values by two workbooks is a problem of the later one.
    """
    good: dict[str, list[Figure]] = {}
    bad: list[tuple[str, KpiError]] = []
    empty: list[tuple[str, str]] = []
    seen: dict[tuple[str, int], Figure] = {}
    notes = notes if notes is not None else []
    for path in workbooks:
        path = Path(path)
        name = display(path)
        if path.suffix.lower() != ".xlsx":
            bad.append((name, DataError(f"{name}: not a workbook (.xlsx); kpi collect reads the workbooks made by "
                                        "kpi template and filled in.")))
            continue
        try:
            check_package(path)  # encrypted, damaged or a zip bomb: named before anything is parsed
        except DataError as e:
            bad.append((name, e))
            continue
        stamp = read_stamp(path)
        problems = _stamp_problems(stamp, plan, name) if stamp is not None else []
        scope = None
        if stamp is not None and not problems:
            scope = Scope(period=Period.parse(stamp.period), owner=stamp.owner)
        try:
            frame = load_observations(path, plan, scope=scope, rows=True)
        except NoFigures as e:
            if scope is None or not stamp.owner:  # not a department's workbook (or a bad stamp): an error as ever
                bad.append((name, DataError(problems + e.problems, total=len(problems) + e.total)))
            else:
                empty.append((name, stamp.owner))
            continue
        except KpiError as e:
            bad.append((name, DataError(problems + e.problems, total=len(problems) + e.total)))
            continue
        if problems:
            bad.append((name, DataError(problems)))
            continue
        figures = _figures(frame, name, stamp.owner if stamp is not None else "")
        if frame.attrs.get("ignored"):
            notes.append(f"{frame.attrs['where']} was read; not read: the sheet{'s' if len(frame.attrs['ignored']) > 1 else ''} "
                         f"{', '.join(frame.attrs['ignored'])}.")
        clashes = []
        for f in figures:
            first = seen.get(f.slot)
            if first is not None and first.file != f.file and not first.same(f):
                clashes.append(f"{f.where}, row {f.row}: '{f.indicator}' for {f.period} is {f.shown()}, but "
                               f"{first.where}, row {first.row} gives {first.shown()}; collect one of the two "
                               "workbooks, or make them agree.")
        if clashes:  # both workbooks are held back: which figure is right is not for the order of the files to say
            bad.append((name, DataError(clashes)))
            for first in {seen[f.slot].file for f in figures if f.slot in seen} & set(good):
                bad.append((first, DataError(f"{first}: gives figures that {name} contradicts (see there); collect the "
                                             "two once they agree.")))
                del good[first]
            continue
        for f in figures:
            seen.setdefault(f.slot, f)
        good[name] = figures
    return good, bad, empty


@dataclass
class _Csv:
    """An observations file as records: the lines each record spans, its cells, and its line end."""

    prefix: str                      # a byte-order mark, or nothing
    lines: list[str]                 # the file's lines, each with its line end
    spans: dict[int, tuple[int, int]]  # spreadsheet row -> (first line, line after the last)
    cells: dict[int, list[str]]      # spreadsheet row -> its cells as written
    header: list[str]                # the columns, lower case
    eol: str


def _parse(text: str) -> _Csv:
    prefix = "\ufeff" if text.startswith("\ufeff") else ""
    lines = list(io.StringIO(text[len(prefix):], newline=""))
    consumed = 0

    def feed():
        nonlocal consumed
        for line in lines:
            consumed += 1
            yield line

    spans, cells, header = {}, {}, None
    start = 0
    for row, record in enumerate(csv.reader(feed(), skipinitialspace=True), start=1):
        spans[row], cells[row] = (start, consumed), record
        start = consumed
        if header is None and any(c.strip() for c in record):
            header = [c.strip().lower() for c in record]
    first = lines[0] if lines else ""
    eol = "\r\n" if first.endswith("\r\n") else "\r" if first.endswith("\r") else "\n"
    return _Csv(prefix=prefix, lines=lines, spans=spans, cells=cells, header=header or list(COLUMNS), eol=eol)


def _record(f: Figure, header: list[str], eol: str) -> str:
    out = io.StringIO()
    cells = dict(indicator=f.indicator, period=f.period, value=number_text(f.value), kind=f.kind,
                 qualifier=f.qualifier, source=spreadsheet_text(f.source), note=spreadsheet_text(f.note))
    csv.writer(out, lineterminator=eol).writerow([cells.get(c, "") for c in header])
    return out.getvalue()


def _who() -> str:
    import getpass

    try:
        return getpass.getuser()
    except Exception:  # no user name in this environment (a container): the user id
        return str(os.getuid())


def collect(plan_dir: Path | str, workbooks: list[Path | str], *, revise: bool = False, skip_bad: bool = False,
            user: str | None = None, now: datetime | None = None) -> Outcome:
    """Merge the figures of returned workbooks into the plan folder's ``observations.csv``.

    Parameters
    ----------
    plan_dir : the plan folder.
    workbooks : the filled workbooks (``kpi template --by owner``, or any sheet with the observations columns).
    revise : replace a recorded figure that a workbook changes (the old one goes to ``revisions.csv``).
    skip_bad : merge the good workbooks when some have problems (they are listed in ``Outcome.bad``).
    user, now : who and when, for the revision log (default: the computer's user, the time now).

    Returns
    -------
    The ``Outcome``: added, revised, unchanged and refused figures, and the bad workbooks.

    Raises
    ------
    KpiError
        With every problem of every workbook, if any has one and not ``skip_bad`` (nothing is written);
        if the plan keeps its figures in observations.xlsx, or its observations file has a problem.
    """
    plan_dir = Path(plan_dir)
    if not plan_dir.is_dir():
        raise DataError(f"{display(plan_dir)}: not a folder; give a plan folder such as data/kontum-2021.")
    plan = load_plan(plan_dir)
    target = plan_dir / OBSERVATION_FILES[0]
    if not target.exists() and (plan_dir / OBSERVATION_FILES[1]).exists():
        raise DataError(f"{display(plan_dir / OBSERVATION_FILES[1])}: kpi collect writes observations.csv and never "
                        "rewrites a workbook; save this one as observations.csv (Excel: File › Save As › CSV UTF-8), "
                        "move the .xlsx away, then collect again.")
    if not workbooks:
        raise KpiError("no workbook given; name the filled workbooks, e.g. kpi collect data/kontum-2021 returned/*.xlsx.")
    notes: list[str] = []
    good, bad, empty = read_returns(plan, [Path(w) for w in workbooks], notes)
    if bad and (not skip_bad or not good):
        problems = [p for _, e in bad for p in e.problems]
        raise DataError(problems, total=sum(e.total for _, e in bad),
                        after=f"Nothing was merged into {display(target)}: fix the workbooks and collect again"
                              + ("." if skip_bad else " (--skip-bad merges the good ones and lists the others)."))
    outcome = Outcome(target=display(target), bad=bad, empty=empty, notes=notes)
    now = now or datetime.now().astimezone()
    figures = [_with_provenance(f, plan, now) for file in good.values() for f in file]
    log = plan_dir / REVISION_FILE
    with locked(target):
        remove_leftovers(target)
        _settle(plan_dir, plan)
        if target.exists():
            recorded = load_observations(target, plan, rows=True)
            raw = target.read_bytes().decode("utf-8")
        else:
            recorded = pd.DataFrame(columns=[*COLUMNS, "row"])
            raw = "\ufeff" + ",".join(COLUMNS) + "\n"
        table = _parse(raw)
        on_file = {f.slot: f for f in _figures(recorded, outcome.target, "")}
        replaced: dict[int, Figure] = {}
        for f in figures:
            old = on_file.get(f.slot)
            if old is None:
                outcome.added.append(f)
                on_file[f.slot] = f
            elif old.same(f):
                outcome.unchanged.append(f)
            elif revise:
                outcome.revised.append((old, f))
                replaced[old.row] = f
                on_file[f.slot] = replace(f, row=old.row)  # the same revision from a second workbook is unchanged
            else:
                outcome.refused.append((f, f"{f.where}, row {f.row}: '{f.indicator}' for {f.period} is {f.shown()}, "
                                           f"but {outcome.target}, row {old.row} records {old.shown()} for "
                                           f"{old.period}; check which is right, then collect again with --revise "
                                           f"to replace it (the recorded figure is kept in {REVISION_FILE})."))
        if not outcome.added and not outcome.revised:
            return outcome
        missing = sorted({c for f in [*outcome.added, *replaced.values()] for c in ("kind", "qualifier", "source",
                                                                                      "note")
                          if getattr(f, c) and c not in table.header})
        if missing:
            raise DataError(f"{outcome.target}: the header has no column {', '.join(repr(c) for c in missing)}, but "
                            "the workbooks give them; add the column to the header (see data/README.md) and collect "
                            "again.")
        lines = list(table.lines)
        for row, f in sorted(replaced.items(), reverse=True):
            first, end = table.spans[row]
            eol = lines[end - 1][len(lines[end - 1].rstrip("\r\n")):] or table.eol
            lines[first:end] = [_record(f, table.header, eol)]
        if lines and not lines[-1].endswith(("\n", "\r")):
            lines[-1] += table.eol
        lines += [_record(f, table.header, table.eol) for f in outcome.added]
        data = (table.prefix + "".join(lines)).encode("utf-8")
        if outcome.revised:  # the log is written whole first, then the figures, then the log is put in place
            pending = _pending(log)
            try:
                pending.write_bytes(_log(log, outcome, table, user or _who(), now))
            except OSError as e:
                raise KpiError(f"{display(pending)}: cannot be written ({e.strerror}); nothing was changed: check the "
                               "plan folder's permissions, then collect again.") from None
        _write(target, data, plan)
        if outcome.revised:
            _promote(log)
    return outcome


def provenance(owner: str, file: str, plan: Plan, now: datetime) -> str:
    """The source of a figure whose workbook gave none: who sent it, in which workbook, received when."""
    received = now.strftime("%d/%m/%Y")
    name = Path(file).name
    codes = {o.code for o in plan.owners}
    if owner in codes:
        return f"{plan.owner(owner).name_vi} ({owner}), sổ {name}, nhận ngày {received}"
    return f"Sổ {name}, nhận ngày {received}"


def _with_provenance(f: Figure, plan: Plan, now: datetime) -> Figure:
    return f if f.source else replace(f, source=provenance(f.owner, f.file, plan, now))


def _log(path: Path, outcome: Outcome, table: _Csv, user: str, now: datetime) -> bytes:
    """The revision log with one entry more per revision: the bytes of the whole new log."""
    entries = []
    for old, new in outcome.revised:
        was = dict(zip(table.header, table.cells[old.row]))
        entry = dict(when=now.isoformat(timespec="seconds"), user=user, owner=new.owner, indicator=new.indicator,
                     period=new.period, old_period=was.get("period", old.period), file=new.file)
        for c in ("value", "kind", "qualifier", "source", "note"):
            entry[f"old_{c}"] = was.get(c, "").strip()
            entry[f"new_{c}"] = number_text(new.value) if c == "value" else spreadsheet_text(getattr(new, c))
        entries.append(entry)
    before = path.read_bytes() if path.exists() else b""
    if before and not before.endswith(b"\n"):
        before += b"\n"
    return before + to_csv(entries, header=not before)


def _pending(log: Path) -> Path:
    """Where a collect puts the new revision log until the figures it logs are written: ``.revisions.csv.pending``
    beside the log (beside the file a symlinked log leads to, so that putting it in place is one rename)."""
    real = written(log)
    return real.with_name(f".{real.name}.pending")


def _promote(log: Path) -> None:
    """Put the pending revision log in place (a rename: whole or not at all)."""
    with replacing(log) as tmp:
        os.replace(_pending(log), tmp)


def _settle(plan_dir: Path, plan: Plan) -> None:
    """A revision log left pending by a killed collect: put in place if the figures it logs were written, else
    dropped (the collect never happened, so neither did its revisions)."""
    log = plan_dir / REVISION_FILE
    pending = _pending(log)
    if not pending.exists():
        return
    from .revisions import load_revisions

    try:
        entries = load_revisions(pending, plan)
        done = len(load_revisions(log, plan)) if log.exists() else 0
        recorded = load_observations(plan_dir / OBSERVATION_FILES[0], plan)
    except KpiError as e:  # never dropped unread: it may hold the only record of a replaced figure
        raise KpiError([f"{display(pending)}: a revision log left by a collect that was stopped cannot be checked "
                        "against the figures, so it is kept as it is:", *e.problems],
                       after=f"Fix the problems above, then collect again (it puts the log in place if its figures "
                             f"were written); or compare {display(pending)} with {display(log)} yourself and keep "
                             "the right one.") from None
    new = entries.iloc[done:]
    slots = {(r.indicator, Period.parse(r.period).index): (float(r.value), r.qualifier)
             for r in recorded.itertuples(index=False)}
    written = len(new) > 0 and all(
        slots.get((e.indicator, Period.parse(e.period).index)) == (float(e.new_value), e.new_qualifier)
        for e in new.itertuples(index=False))
    if written:
        _promote(log)
    else:
        pending.unlink()


def _write(path: Path, data: bytes, plan: Plan) -> None:
    """Write the observations file whole (a temporary file renamed over it), once it reads back without a problem."""
    with replacing(path) as tmp:
        with open(tmp, "wb") as fh:
            pause = os.environ.get(PAUSE_HOOK)
            if pause:
                fh.write(data[: len(data) // 2])
                fh.flush()
                time.sleep(float(pause))
                data = data[len(data) // 2:]
            fh.write(data)
        try:
            load_observations(tmp, plan)
        except KpiError as e:
            raise DataError(f"{display(path)}: the file kpi collect would write does not read back ({e.problems[0]}); "
                            "nothing was changed. Please report this with the workbooks collected.") from None
