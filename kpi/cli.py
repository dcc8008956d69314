"""The ``kpi`` command line: validate, status, template, collect, report.

Heavy libraries are imported inside the commands, so ``kpi --help`` starts fast. Never a traceback:
every ``KpiError`` becomes one message on stderr and exit code 2 (bad options too, through argparse);
any other exception one line "kpi <cmd>: internal error: ...; please report it" and exit code 1;
Ctrl-C exit code 130 and SIGTERM 143 (both unwind, so temporary files are removed); a closed output
pipe (``kpi status | head``) ends quietly with 141, as for other Unix tools. Texts from the data reach
the terminal without control characters.
"""
from __future__ import annotations

import argparse
import os
import signal
import sys
from pathlib import Path

EXIT_USER_ERROR = 2
EXIT_INTERNAL = 1
EXIT_INTERRUPTED = 130
EXIT_TERMINATED = 143
EXIT_BROKEN_PIPE = 141
MAX_TIMEOUT = 24 * 3600


class _Terminated(KeyboardInterrupt):
    """SIGTERM, raised where the program is so that it unwinds like Ctrl-C."""


def _positive_int(what: str, most: int | None = None, why: str = ""):
    """An argparse type: a whole number from 1 to ``most``."""
    def parse(text: str) -> int:
        if not (text.isascii() and text.strip().isdigit()) or int(text) < 1:
            raise argparse.ArgumentTypeError(f"{what} must be a whole number of at least 1, not '{text}'")
        value = int(text)
        if most is not None and value > most:
            raise argparse.ArgumentTypeError(f"{what} {value} is more than {most}{why}; use at most {most}")
        return value
    return parse


def _jobs_cap() -> int:
    return 2 * (os.cpu_count() or 1)


def _period(text: str) -> str:
    """An argparse type: the period as typed, refused if it holds spaces, control or non-ASCII characters."""
    if text != text.strip() or not text.isascii() or not text.isprintable() or " " in text:
        from .text.safetext import printable

        raise argparse.ArgumentTypeError(f"'{printable(text)}' holds spaces or characters other than ASCII letters "
                                         "and digits; write YYYY-MM (e.g. 2021-05), YYYY-Qn (e.g. 2021-Q3) or 'latest'")
    return text


def _lang(value: str) -> str:
    if value not in ("vi", "en"):
        raise argparse.ArgumentTypeError(f"language '{value}' is not one of vi, en")
    return value


def _as_of(value: str):
    from .assessment.reporting import as_of_date

    try:
        return as_of_date(value)
    except ValueError as e:
        raise argparse.ArgumentTypeError(str(e)) from None


def _resolve_period(plan, obs, period: str) -> str:
    from .assessment.engine import latest_period
    from .errors import KpiError
    from .model.period import in_plan_year

    if period == "latest":
        return latest_period(plan, obs)
    try:
        in_plan_year(period, plan.year, name="--period", also="or 'latest'")
    except ValueError as e:
        raise KpiError(str(e)) from None
    return period


def _say(text: str) -> None:
    """Print a line built from data, without control characters."""
    from .text.safetext import printable

    print(printable(text, keep_newlines=True))


def cmd_validate(args) -> int:
    from .assessment.engine import latest_period
    from .errors import KpiError, PlanError
    from .inputs.observations import OBSERVATION_FILES, load, observations_path

    from .inputs.revisions import load_revisions, revisions_path

    failed = []
    for d in args.plan_dirs:
        try:
            plan, obs = load(d)
        except PlanError as e:  # the figures are checked against the plan: say that they wait for it
            figures = [f for f in OBSERVATION_FILES if (Path(d) / f).is_file()]
            failed.append(str(e) + (f"\n{figures[0]} is checked once plan.yaml has no problem." if figures else ""))
            continue
        except KpiError as e:
            failed.append(str(e))
            continue
        log = ""
        if revisions_path(d).exists():
            try:
                n = len(load_revisions(revisions_path(d), plan))
                log = f"; {revisions_path(d).name}: {n} revision{'s' if n != 1 else ''}"
            except KpiError as e:
                failed.append(str(e))
                continue
        try:
            latest = latest_period(plan, obs)
        except KpiError:
            latest = "none"
        _say(f"{d}: OK — plan '{plan.id}' ({plan.year}), {len(plan.targets)} targets, {len(plan.inputs)} inputs; "
              f"{observations_path(d).name}: {len(obs)} figures, {obs['indicator'].nunique()} indicators, "
              f"latest period with data {latest}{log}.")
        for t in plan.targets:  # how a range is read depends on the measure: say it where it is not a band
            if t.rule.kind == "between" and t.measure in ("flow", "growth"):
                low, high = t.rule.params
                _say(f"  {t.id}: the range {low:g}–{high:g} on a {'flow' if t.measure == 'flow' else 'growth rate'} "
                     f"is read as the plan {low:g} (the verdict's reference) and the aim {high:g}; beyond the aim is "
                     "more than planned, not a miss.")
    if failed:
        raise KpiError(failed if len(failed) > 1 else failed[0])
    return 0


def cmd_status(args) -> int:
    from .documents import csv as csvfile
    from .documents import terminal
    from .assessment.engine import assess
    from .inputs.observations import load

    plan, obs = load(args.plan_dir)
    period = _resolve_period(plan, obs, args.period)
    status = assess(plan, obs, period, lang=args.lang)
    if args.format == "csv":
        sys.stdout.write(csvfile.to_csv(status))
    elif args.format == "json":
        sys.stdout.write(csvfile.to_json(status))
    else:
        colour = args.colour == "always" or (args.colour == "auto" and sys.stdout.isatty())
        from .text.labels import TABLE_NOTES, status_label
        from .assessment.engine import status_counts

        counts = status_counts(status)
        from .model.period import Period

        from .text.safetext import printable

        head = (f"{printable(plan.region(args.lang))} — {Period.parse(period).label(args.lang)} ({period})\n"
                f"{printable(plan.title(args.lang))}")
        items = [f"{status_label(k, args.lang)}: {v}" for k, v in counts.items() if v]
        lines = [""]
        for item in items:  # whole "status: count" items per line, at most 100 columns
            joined = f"{lines[-1]}, {item}" if lines[-1] else item
            if len(joined) > 100 and lines[-1]:
                lines[-1] += ","
                lines.append(item)
            else:
                lines[-1] = joined
        sys.stdout.write(head + "\n" + "\n".join(lines) + "\n\n")
        sys.stdout.write(terminal.terminal(status, args.lang, colour=colour))
        if status["stale"].any():
            sys.stdout.write("\n* " + TABLE_NOTES[args.lang]["stale"] + "\n")
        if plan.owners:
            from .assessment import reporting

            table = reporting.reporting_table(plan, status, lang=args.lang, as_of=args.as_of)
            sys.stdout.write("\n" + reporting.terminal(table, args.lang))
    return 0


def _read_by_a_plan(target: Path, plan_dirs: list[str]) -> bool:
    """Whether ``target`` (resolved) is a file a plan reads: of a plan folder given, or of any folder with a plan.yaml."""
    from .inputs.observations import OBSERVATION_FILES
    from .model.plan import PLAN_FILE

    protected = {(Path(d) / f).resolve() for d in plan_dirs for f in (PLAN_FILE, *OBSERVATION_FILES)}
    return target in protected or (target.name in (PLAN_FILE, *OBSERVATION_FILES)
                                   and (target.parent / PLAN_FILE).exists())


def _check_output(out: Path, plan_dirs: list[str], force: bool) -> None:
    """Refuse an output path that would overwrite a plan's file, a folder, or (without --force) any file."""
    from .errors import KpiError
    from .files import display

    shown = display(out)
    if out.is_dir():
        raise KpiError(f"-o {shown}: is a folder; give a file name ending in .xlsx, e.g. -o {shown}/q4.xlsx.")
    target = out.resolve()
    if _read_by_a_plan(target, plan_dirs):
        raise KpiError(f"-o {shown}: this is a file a plan reads; the template is never written over a plan's "
                       "files. Write it elsewhere (e.g. -o q4.xlsx), fill it, then merge it with kpi collect.")
    if out.suffix.lower() != ".xlsx":
        raise KpiError(f"-o {shown}: the template is an Excel workbook; give a file name ending in .xlsx.")
    if out.exists() and not force:
        raise KpiError(f"-o {shown}: the file exists; give another name, or add --force to replace it.")
    if not target.parent.is_dir():
        raise KpiError(f"-o {shown}: the folder {display(target.parent)} does not exist; create it first.")
    if not os.access(target.parent, os.W_OK):
        raise KpiError(f"-o {shown}: the folder {display(target.parent)} is not writable; choose another place.")


def cmd_template(args) -> int:
    from .errors import KpiError
    from .inputs.observations import load
    from .model.period import Period
    from .inputs.template import template, write_template
    from .inputs.workbook import Stamp

    if args.by == "owner":
        return _template_by_owner(args)
    if args.lang is not None:
        raise KpiError("--lang applies to the departments' workbooks; add --by owner (the single sheet holds both "
                       "languages' names).")
    out = Path(args.output)
    _check_output(out, [args.plan_dir], args.force)
    plan, obs = load(args.plan_dir)
    period = _resolve_period(plan, obs, args.period)
    write_template(template(plan, obs, Period.parse(period)), out, stamp=Stamp(plan=plan.id, period=period))
    _say(f"wrote {out}: {len(plan.targets)} targets for {period}; fill value, kind, qualifier and source.")
    return 0


def _check_folder(out: Path) -> None:
    """Refuse, for --by owner, an -o that is a file, a workbook name or a plan folder."""
    from .errors import KpiError
    from .files import display
    from .model.plan import PLAN_FILE

    shown = display(out)
    if out.exists() and not out.is_dir():
        raise KpiError(f"-o {shown}: is a file; with --by owner give a folder (created if missing), e.g. -o returned/.")
    if out.suffix.lower() == ".xlsx":
        raise KpiError(f"-o {shown}: with --by owner, -o names a folder that gets one workbook per owner; "
                       f"e.g. -o {out.parent / out.stem}/.")
    if (out / PLAN_FILE).exists():
        raise KpiError(f"-o {shown}: this is a plan folder; the workbooks go to a folder of their own, e.g. -o returned/.")


def _template_by_owner(args) -> int:
    from .errors import KpiError
    from .files import display
    import pandas as pd

    from .inputs.observations import COLUMNS, OBSERVATION_FILES, load
    from .model.period import Period
    from .inputs.planfile import load_plan
    from .inputs.workbook import workbook_name, write_workbook

    out = Path(args.output)
    _check_folder(out)
    if any((Path(args.plan_dir) / f).exists() for f in OBSERVATION_FILES) or not Path(args.plan_dir).is_dir():
        plan, obs = load(args.plan_dir)
    else:  # a new plan: no figures yet, the workbooks bring the first ones
        plan, obs = load_plan(args.plan_dir), pd.DataFrame(columns=list(COLUMNS))
    period = Period.parse(_resolve_period(plan, obs, args.period))
    if not plan.owners:
        raise KpiError(f"{display(plan.path)}: the plan declares no owners; add an 'owners:' list and an owner to "
                       "each target (see data/README.md), or write one sheet with -o FILE.xlsx.")
    owners = [o for o in plan.owners if plan.owned_by(o.code)]
    paths = {o.code: out / workbook_name(o.code, period) for o in owners}
    linked = [p for p in paths.values() if p.is_symlink() and _read_by_a_plan(p.resolve(), [args.plan_dir])]
    if linked:  # a workbook is written through a link: never into a plan's file
        raise KpiError([f"-o {display(out)}: {p.name} is a link to {display(p.resolve())}, a file a plan reads; the "
                        "workbooks are never written over a plan's files. Remove the link, or give another folder."
                        for p in linked])
    exist = [p for p in paths.values() if p.exists()]
    if exist and not args.force:
        raise KpiError([f"-o {display(out)}: {p.name} exists; give another folder, or add --force to replace it."
                        for p in exist])
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise KpiError(f"-o {display(out)}: the folder cannot be created ({e.strerror}); choose another place.") from None
    if not os.access(out, os.W_OK):
        raise KpiError(f"-o {display(out)}: the folder is not writable; choose another place.")
    lang = args.lang or "vi"
    for o in owners:
        n = write_workbook(plan, obs, period, o.code, paths[o.code], lang=lang)
        _say(f"wrote {display(paths[o.code])}: {n} row{'s' if n != 1 else ''} for {o.code} ({o.name(lang)})")
    orphans = [t.id for t in plan.targets if not t.owner]
    if orphans:
        _say(f"{len(orphans)} targets have no owner and are in no workbook: {', '.join(orphans)}.")
    return 0


def cmd_collect(args) -> int:
    from .inputs.collection import collect
    from .errors import KpiError
    from .inputs.planfile import load_plan
    from .text.safetext import printable

    outcome = collect(args.plan_dir, args.workbooks, revise=args.revise, skip_bad=args.skip_bad)
    _say(outcome.summary(load_plan(args.plan_dir)))
    for _, error in outcome.bad:
        print(printable(f"kpi collect: skipped: {error}", keep_newlines=True), file=sys.stderr)
    merged = len(outcome.added) + len(outcome.revised)
    skipped = (f"{len(outcome.bad)} workbook{'s were' if len(outcome.bad) != 1 else ' was'} skipped (see above)"
               if outcome.bad else "")
    if outcome.refused:
        after = (f"The other {merged} figure{'s were' if merged != 1 else ' was'} merged into {outcome.target} "
                 "(see above)." if merged else f"Nothing else changed in {outcome.target}.")
        raise KpiError([why for _, why in outcome.refused], after=after + (f"\n{skipped}." if skipped else ""))
    if skipped:  # the good ones are merged, but the command did not do all it was asked: a non-zero exit
        raise KpiError(f"{skipped}; the figures of the others were merged into {outcome.target}." if merged else
                       f"{skipped}; the others changed nothing in {outcome.target}.")
    return 0


def _langs(value: str) -> tuple[str, ...]:
    langs = tuple(dict.fromkeys(v.strip() for v in value.split(",")))
    for lang in langs:
        _lang(lang)
    return langs


def cmd_report(args) -> int:
    from .documents.registry import DEFAULT_FORMATS
    from .render.report import render_many

    formats = [f for f in DEFAULT_FORMATS if not (f == "pdf" and args.no_pdf) and not (f == "docx" and args.no_docx)]
    if args.slides:
        formats.append("slides")
    # SIGTERM is main()'s: it unwinds like Ctrl-C (the render in progress discarded, the previous one kept)
    # and exits 143, as the README says
    return render_many(args.plan_dirs, period=args.period, langs=args.lang, out=Path(args.out), jobs=args.jobs,
                       formats=formats, timeout=args.timeout, as_of=args.as_of, figures=args.figures)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``kpi``."""
    p = argparse.ArgumentParser(prog="kpi", description="Follow a province's annual plan: validate figures, "
                                "assess targets, render the quarterly report.")
    sub = p.add_subparsers(dest="command", required=True)

    v = sub.add_parser("validate", help="check a plan folder's plan.yaml and observations")
    v.add_argument("plan_dirs", nargs="+", metavar="PLAN_DIR")
    v.set_defaults(func=cmd_validate)

    s = sub.add_parser("status", help="the assessment table for a month or a quarter")
    s.add_argument("plan_dir", metavar="PLAN_DIR")
    s.add_argument("--period", type=_period, default="latest", help="YYYY-MM, YYYY-Qn or 'latest' (default)")
    s.add_argument("--format", choices=("table", "csv", "json"), default="table")
    s.add_argument("--lang", type=_lang, default="vi")
    s.add_argument("--colour", "--color", choices=("auto", "always", "never"), default="auto")
    s.add_argument("--as-of", type=_as_of, default=None, metavar="YYYY-MM-DD",
                   help="the date overdue is judged on (default: the day after the period's deadline once it has "
                        "passed, else today)")
    s.set_defaults(func=cmd_status)

    t = sub.add_parser("template", help="write the Excel sheet to fill for a month or a quarter")
    t.add_argument("plan_dir", metavar="PLAN_DIR")
    t.add_argument("--period", type=_period, required=True,
                   help="YYYY-MM, YYYY-Qn or 'latest' (the latest period with a figure)")
    t.add_argument("-o", "--output", required=True,
                   help="FILE.xlsx (never a plan's own file), or with --by owner a folder (created if missing)")
    t.add_argument("--by", choices=("owner",), help="one workbook per owner, named <owner>-<period>.xlsx")
    t.add_argument("--lang", type=_lang, default=None, help="with --by owner: vi (default) or en")
    t.add_argument("--force", action="store_true", help="replace existing workbooks")
    t.set_defaults(func=cmd_template)

    c = sub.add_parser("collect", help="merge filled workbooks into the plan's observations.csv")
    c.add_argument("plan_dir", metavar="PLAN_DIR")
    c.add_argument("workbooks", nargs="+", metavar="WORKBOOK")
    c.add_argument("--revise", action="store_true",
                   help="replace recorded figures the workbooks change (the old ones go to revisions.csv)")
    c.add_argument("--skip-bad", action="store_true",
                   help="merge the good workbooks, list the ones with problems (and exit with code 2)")
    c.set_defaults(func=cmd_collect)

    r = sub.add_parser("report", help="render the quarterly report (HTML, PDF, figures, status.csv)")
    r.add_argument("plan_dirs", nargs="+", metavar="PLAN_DIR")
    r.add_argument("--period", type=_period, default="latest",
                   help="YYYY-MM, YYYY-Qn, 'latest' (default) or 'all' (the four quarters)")
    r.add_argument("--lang", type=_langs, default=("vi",), help="vi (default), en, or both: vi,en")
    r.add_argument("-o", "--out", default="reports", help="output folder (default: reports)")
    r.add_argument("--jobs", type=_positive_int("--jobs", _jobs_cap(), f" (twice the {os.cpu_count() or 1} processors)"),
                   default=1, help="renders in parallel (1 to twice the processors)")
    r.add_argument("--slides", action="store_true", help="also write slides.pptx")
    r.add_argument("--figures", action="store_true",
                   help="also draw every chart for a 16:9 slide: figures/slide/*.png (300 dpi) and .svg, beside the "
                        "A4-page figures/*.png and .svg, to paste into a presentation")
    r.add_argument("--no-pdf", action="store_true", help="skip report.pdf")
    r.add_argument("--no-docx", action="store_true", help="skip report.docx")
    r.add_argument("--as-of", type=_as_of, default=None, metavar="YYYY-MM-DD",
                   help="the date the report is made as of, printed on it (default: the day after the period's "
                        "reporting deadline once it has passed, so a past period renders the same any day; else "
                        "today)")
    r.add_argument("--timeout", type=_positive_int("--timeout", MAX_TIMEOUT, " (a day)"), default=300,
                   help="seconds allowed per notebook cell")
    r.set_defaults(func=cmd_report)
    return p


def _on_sigterm(signum, frame) -> None:
    raise _Terminated()


def _quiet_stdout() -> None:
    """After a closed pipe: send what is left to /dev/null, so that exiting does not complain."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = build_parser().parse_args(argv)
    from .errors import KpiError
    from .text.safetext import printable

    try:
        previous = signal.signal(signal.SIGTERM, _on_sigterm)
    except ValueError:  # not the main thread
        previous = None
    try:
        code = args.func(args)
        sys.stdout.flush()
        return code
    except KpiError as e:
        print(f"kpi {args.command}: {printable(e, keep_newlines=True)}", file=sys.stderr)
        return EXIT_USER_ERROR
    except BrokenPipeError:
        _quiet_stdout()
        return EXIT_BROKEN_PIPE
    except _Terminated:
        print("kpi: terminated", file=sys.stderr)
        return EXIT_TERMINATED
    except KeyboardInterrupt:
        print("kpi: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as e:  # a bug: one line, not a traceback
        text = printable(f"{type(e).__name__}: {e}")
        print(f"kpi {args.command}: internal error: {text}; please report it", file=sys.stderr)
        return EXIT_INTERNAL
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def run() -> None:
    """The ``kpi`` command: ``main``, then exit with its code (a reader that left the pipe is quiet)."""
    code = main()
    try:
        sys.stdout.flush()
    except BrokenPipeError:  # the reader left (``kpi status | head``): quietly, as main() does
        _quiet_stdout()
        code = code or EXIT_BROKEN_PIPE
    except (OSError, ValueError):
        pass
    sys.exit(code)


if __name__ == "__main__":
    run()
