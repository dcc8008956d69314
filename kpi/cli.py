"""The ``kpi`` command line: validate, status, template, report.

Heavy libraries are imported inside the commands, so ``kpi --help`` starts fast. Every ``KpiError``
becomes one message on stderr and exit code 2; never a traceback.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

EXIT_USER_ERROR = 2


def _lang(value: str) -> str:
    if value not in ("vi", "en"):
        raise argparse.ArgumentTypeError(f"language '{value}' is not one of vi, en")
    return value


def _resolve_period(plan, obs, period: str) -> str:
    from .assessment import latest_period
    from .errors import KpiError
    from .period import Period

    if period == "latest":
        return latest_period(plan, obs)
    p = Period.try_parse(period)
    if p is None:
        raise KpiError(f"--period '{period}' is not a month or a quarter; write YYYY-MM (e.g. {plan.year}-05), "
                       f"YYYY-Qn (e.g. {plan.year}-Q3) or 'latest'.")
    if p.year != plan.year:
        raise KpiError(f"--period '{period}' is outside the plan year {plan.year}; "
                       f"choose a month {plan.year}-01 to {plan.year}-12 or a quarter {plan.year}-Q1 to "
                       f"{plan.year}-Q4.")
    return period


def cmd_validate(args) -> int:
    from .assessment import latest_period
    from .errors import KpiError
    from .observations import load, observations_path

    failed = []
    for d in args.plan_dirs:
        try:
            plan, obs = load(d)
        except KpiError as e:
            failed.append(str(e))
            continue
        try:
            latest = latest_period(plan, obs)
        except KpiError:
            latest = "none"
        print(f"{d}: OK — plan '{plan.id}' ({plan.year}), {len(plan.targets)} targets, {len(plan.inputs)} inputs; "
              f"{observations_path(d).name}: {len(obs)} figures, {obs['indicator'].nunique()} indicators, "
              f"latest period with data {latest}.")
    if failed:
        raise KpiError(failed if len(failed) > 1 else failed[0])
    return 0


def cmd_status(args) -> int:
    from . import table
    from .assessment import assess
    from .observations import load

    plan, obs = load(args.plan_dir)
    period = _resolve_period(plan, obs, args.period)
    status = assess(plan, obs, period, lang=args.lang)
    if args.format == "csv":
        sys.stdout.write(table.to_csv(status))
    elif args.format == "json":
        sys.stdout.write(table.to_json(status))
    else:
        colour = args.colour == "always" or (args.colour == "auto" and sys.stdout.isatty())
        from .labels import STATUS_LABELS
        from .assessment import status_counts

        counts = status_counts(status)
        from .period import Period

        head = f"{plan.region(args.lang)} — {Period.parse(period).label(args.lang)} ({period})\n{plan.title(args.lang)}"
        import textwrap

        line = ", ".join(f"{STATUS_LABELS[args.lang][k]}: {v}" for k, v in counts.items() if v)
        sys.stdout.write(head + "\n" + "\n".join(textwrap.wrap(line, 100)) + "\n\n")
        sys.stdout.write(table.terminal(status, args.lang, colour=colour))
        if status["stale"].any():
            sys.stdout.write("\n* " + ("đánh giá theo số liệu kỳ trước (cột Kỳ)" if args.lang == "vi" else
                                       "verdict of the figure's own, earlier period (column As of)") + "\n")
    return 0


def cmd_template(args) -> int:
    from .errors import KpiError
    from .observations import load
    from .period import Period
    from .template import template, write_template

    plan, obs = load(args.plan_dir)
    period = _resolve_period(plan, obs, args.period)
    out = Path(args.output)
    if out.suffix.lower() != ".xlsx":
        raise KpiError(f"-o {out}: the template is an Excel workbook; give a file name ending in .xlsx.")
    write_template(template(plan, obs, Period.parse(period)), out)
    print(f"wrote {out}: {len(plan.targets)} targets for {period}; fill value, kind, qualifier and source.")
    return 0


def _langs(value: str) -> tuple[str, ...]:
    langs = tuple(dict.fromkeys(v.strip() for v in value.split(",")))
    for lang in langs:
        _lang(lang)
    return langs


def cmd_report(args) -> int:
    from .export import DEFAULT_FORMATS
    from .report import interrupt_on_sigterm, render_many

    formats = [f for f in DEFAULT_FORMATS if not (f == "pdf" and args.no_pdf) and not (f == "docx" and args.no_docx)]
    if args.slides:
        formats.append("slides")
    interrupt_on_sigterm()
    return render_many(args.plan_dirs, period=args.period, langs=args.lang, out=Path(args.out), jobs=args.jobs,
                       formats=formats, timeout=args.timeout)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``kpi``."""
    p = argparse.ArgumentParser(prog="kpi", description="Follow a province's annual plan: validate figures, "
                                "assess targets, render the quarterly report.")
    sub = p.add_subparsers(dest="command", required=True)

    v = sub.add_parser("validate", help="check a plan folder's plan.yaml and observations")
    v.add_argument("plan_dirs", nargs="+", metavar="PLAN_DIR")
    v.set_defaults(func=cmd_validate)

    s = sub.add_parser("status", help="the assessment table for a quarter")
    s.add_argument("plan_dir", metavar="PLAN_DIR")
    s.add_argument("--period", default="latest", help="YYYY-MM, YYYY-Qn or 'latest' (default)")
    s.add_argument("--format", choices=("table", "csv", "json"), default="table")
    s.add_argument("--lang", type=_lang, default="vi")
    s.add_argument("--colour", "--color", choices=("auto", "always", "never"), default="auto")
    s.set_defaults(func=cmd_status)

    t = sub.add_parser("template", help="write the Excel sheet to fill for a quarter")
    t.add_argument("plan_dir", metavar="PLAN_DIR")
    t.add_argument("--period", required=True, help="YYYY-MM or YYYY-Qn")
    t.add_argument("-o", "--output", required=True, help="FILE.xlsx")
    t.set_defaults(func=cmd_template)

    r = sub.add_parser("report", help="render the quarterly report (HTML, PDF, figures, status.csv)")
    r.add_argument("plan_dirs", nargs="+", metavar="PLAN_DIR")
    r.add_argument("--period", default="latest", help="YYYY-MM, YYYY-Qn, 'latest' (default) or 'all' (the four quarters)")
    r.add_argument("--lang", type=_langs, default=("vi",), help="vi (default), en, or both: vi,en")
    r.add_argument("--out", default="reports", help="output folder (default: reports)")
    r.add_argument("--jobs", type=int, default=1, help="renders in parallel")
    r.add_argument("--slides", action="store_true", help="also write slides.pptx")
    r.add_argument("--no-pdf", action="store_true", help="skip report.pdf")
    r.add_argument("--no-docx", action="store_true", help="skip report.docx")
    r.add_argument("--timeout", type=int, default=300, help="seconds allowed per notebook cell")
    r.set_defaults(func=cmd_report)
    return p


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = build_parser().parse_args(argv)
    from .errors import KpiError

    try:
        return args.func(args)
    except KpiError as e:
        print(f"kpi {args.command}: {e}", file=sys.stderr)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        print("kpi: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
