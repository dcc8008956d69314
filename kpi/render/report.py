"""Rendering reports: one plan and one period -> a folder of artefacts; many of them in parallel.

One render: papermill runs the report notebook into a staging folder (``execute``); the notebook
writes the assessment (``status.csv``) and the figures with their manifest; the exporters write the
formats asked for (``export``); the staging folder then replaces the previous report (``swap``). A
failed, interrupted or killed render never leaves a half-written report and never destroys the
previous one.
"""
from __future__ import annotations

import os
import sys
from concurrent.futures import ProcessPoolExecutor, as_completed
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from . import swap
from ..errors import KpiError, RenderError
from .execute import execute, prepare
from ..documents.registry import DEFAULT_FORMATS, Context, artefacts, check_formats, preload, run
from ..files import display
from ..paths import REPORT_NOTEBOOK

STATUS_FILE = "status.csv"
ALWAYS = ("report.ipynb", STATUS_FILE, "figures")
"""What every report folder holds, whatever the formats."""


@dataclass(frozen=True)
class Job:
    """One report to render."""

    plan_dir: str
    period: str
    lang: str
    out: str
    formats: tuple[str, ...] = DEFAULT_FORMATS
    timeout: int = 300
    as_of: str = ""  # YYYY-MM-DD: the date the report is made as of; "": kpi.assessment.reporting.report_date
    figures: bool = False  # also draw every chart for a 16:9 slide (figures/slide/), as the slides do

    @property
    def media(self) -> str:
        """What the notebook draws the charts for: the page always, a slide for the deck or ``--figures``."""
        return "page,slide" if self.figures or "slides" in self.formats else "page"


@dataclass(frozen=True)
class Rendered:
    """A finished render: its folder, the files written, and what the previous report had that is gone."""

    folder: Path
    files: tuple[str, ...]
    removed: tuple[str, ...] = field(default_factory=tuple)


def folder_for(out: Path | str, plan_id: str, period: str, lang: str) -> Path:
    """``<out>/<plan id>/<period>/``, or ``<period>-en`` for English: one folder per language.

    ``RenderError`` if the folder would not lie inside ``out`` (a plan id such as ``../x``).
    """
    root = Path(out).resolve()
    folder = (root / plan_id / (period if lang == "vi" else f"{period}-{lang}")).resolve()
    if root not in folder.parents or folder.parent.parent != root:
        raise RenderError(f"plan id '{plan_id}' would write outside the output folder {display(root)}; "
                          "use a plain id such as 'kontum-2021'.")
    return folder


def render(job: Job) -> Rendered:
    """Render one report into ``<out>/<plan id>/<period>/``.

    Raises ``RenderError`` (bad data, a failing cell, a missing browser); the previous report is kept.
    The notebook runs in a new kernel, which papermill starts for it and stops after its last cell.
    """
    return _render(job, check_formats(job.formats))


def _render(job: Job, formats: list[str]) -> Rendered:
    from ..inputs.observations import load

    try:
        plan, _ = load(job.plan_dir)  # bad data is named by its file and row, before any cell runs
        final = folder_for(job.out, plan.id, job.period, job.lang)
        if "pdf" in formats:
            from ..documents.pdf import chromium_path

            chromium_path()  # no browser: said before the notebook runs
    except KpiError as e:
        text = str(e) if str(e).endswith(".") else f"{e}."
        kept = " The previous report is kept." if _previous(job) else ""
        raise RenderError(f"{display(job.plan_dir)} {job.period}: {text}{kept}") from None
    swap.recover(final.parent)
    tmp = swap.staging(final)
    try:
        with _tmpdir():  # the browser's temporary files die with the render's scratch folder
            files = _build(job, plan, tmp, formats)
        removed = _removed(final, tmp)
        swap.replace(tmp, final)
    except KpiError as e:
        swap.discard(tmp)
        text = str(e) if str(e).endswith(".") else f"{e}."
        kept = " The previous report is kept." if final.exists() else ""
        raise RenderError(f"{display(job.plan_dir)} {job.period}: {text}{kept}") from None
    except BaseException:
        swap.discard(tmp)
        raise
    return Rendered(final, tuple(files), tuple(removed))


@contextmanager
def _tmpdir():
    """Point TMPDIR at a scratch folder of this render while it runs; remove it and restore TMPDIR after."""
    swap.sweep_scratch()
    folder = swap.scratch()
    saved = os.environ.get("TMPDIR")
    os.environ["TMPDIR"] = str(folder)
    try:
        yield folder
    finally:
        if saved is None:
            os.environ.pop("TMPDIR", None)
        else:
            os.environ["TMPDIR"] = saved
        swap.discard(folder)


def _previous(job: Job) -> bool:
    """Whether a report of this job's plan folder name and period exists (for the message only)."""
    try:
        from ..inputs.planfile import load_plan

        return folder_for(job.out, load_plan(job.plan_dir).id, job.period, job.lang).exists()
    except KpiError:
        return False


def _build(job: Job, plan, tmp: Path, formats: list[str]) -> list[str]:
    """Run the notebook, then the exporters, into ``tmp``; returns the names written."""
    from ..story.figures import read_manifest
    from ..documents.csv import read_csv

    from ..assessment.reporting import as_of_date, report_date

    prepare()
    preload(formats)  # the exporters' imports overlap the notebook's run
    as_of = as_of_date(job.as_of) if job.as_of else report_date(plan, job.period)  # one date for every artefact
    execute(REPORT_NOTEBOOK, tmp / "report.ipynb",
            dict(plan_dir=str(Path(job.plan_dir).resolve()), period=job.period, lang=job.lang,
                 output_dir=str(tmp.resolve()), as_of=as_of.isoformat(), media=job.media), timeout=job.timeout)
    status = read_csv(tmp / STATUS_FILE)
    figures = read_manifest(tmp / "figures")
    ctx = Context(plan=plan, status=status, folder=tmp, lang=job.lang, figures=figures, title=_title(plan, job),
                  as_of=as_of)
    written = run(formats, ctx)
    pictures = [png for f in figures for png in (f.png, *f.slides, *f.prints)]  # each a PNG with an SVG beside it
    return ["report.ipynb", STATUS_FILE] + [p.name for p in written] \
        + [f"figures/{png[:-4]}{ext}" for png in pictures for ext in (".png", ".svg")]


def _title(plan, job: Job) -> str:
    """The page's title (the PDF's too): the plan and the period in words, as the Word report's subject names it,
    never its code: 'Chương trình … năm 2021 — Quý III và 9 tháng năm 2021'."""
    from ..model.period import Period

    p = Period.try_parse(job.period)
    words = p.subject(job.lang) if p else job.period
    return f"{plan.title(job.lang)} — {words[0].upper()}{words[1:]}"


def _removed(final: Path, new: Path) -> list[str]:
    """Files of the previous report that this render does not write (a format not asked for this time)."""
    if not final.is_dir():
        return []
    return sorted(p.name for p in final.iterdir() if p.is_file() and not (new / p.name).exists())


def _render_safely(job: Job) -> tuple[Job, Rendered | None, str | None]:
    try:
        return job, render(job), None
    except KpiError as e:
        return job, None, str(e)
    except Exception as e:  # report any other failure per job, with its type, rather than stop the batch
        return job, None, f"{display(job.plan_dir)} {job.period}: {type(e).__name__}: {e}"


def plan_jobs(plan_dirs: list[str], period: str, *, langs=("vi",), **options) -> tuple[list[Job], list[str]]:
    """The jobs for ``--period`` (a month, a quarter, 'latest' or 'all'), and the plan folders that failed.

    Two plan folders with the same id are refused up front (one would replace the other's reports).
    """
    from ..assessment.engine import all_periods, latest_period
    from ..inputs.observations import load
    from ..model.period import in_plan_year

    jobs, failures, seen, clash = [], [], {}, False
    for d in plan_dirs:
        try:
            plan, obs = load(d)
            if plan.id in seen:
                clash = True
                raise KpiError(f"plan id '{plan.id}' is also the id of {display(seen[plan.id])}; their reports would "
                               "overwrite each other: give each plan its own id.")
            seen[plan.id] = d
            if period == "all":
                periods = all_periods(plan)
            elif period == "latest":
                periods = [latest_period(plan, obs)]
            else:
                try:
                    in_plan_year(period, plan.year, name="--period", also="'latest' or 'all'")
                except ValueError as e:
                    raise KpiError(str(e)) from None
                periods = [period]
        except KpiError as e:
            text = str(e)
            failures.append(text if text.startswith(display(d)) else f"{display(d)}: {text}")
            continue
        jobs += [Job(plan_dir=d, period=p, lang=lang, **options) for p in periods for lang in langs]
    if clash:
        jobs = []  # refused up front: nothing is rendered
    return jobs, failures


def _run(todo: list[Job], jobs: int, bar, done: list, failures: list) -> None:
    """Render the jobs, ``jobs`` at a time."""
    if jobs > 1 and len(todo) > 1:
        pool = ProcessPoolExecutor(max_workers=min(jobs, len(todo)))
        try:
            futures = [pool.submit(_render_safely, j) for j in todo]
            for f in as_completed(futures):
                _, result, error = f.result()
                done.append(result) if result else failures.append(error)
                bar.update()
        except BaseException:
            _terminate(pool)
            raise
        pool.shutdown()
    else:
        for j in todo:
            _, result, error = _render_safely(j)
            done.append(result) if result else failures.append(error)
            bar.update()


def _terminate(pool: ProcessPoolExecutor) -> None:
    """Stop the workers of an interrupted batch: each cleans its staging folder on SIGTERM."""
    for proc in list(getattr(pool, "_processes", {}).values()):
        if proc.is_alive():
            proc.terminate()
    pool.shutdown(wait=True, cancel_futures=True)


def render_many(plan_dirs: list[str], *, period: str = "latest", langs=("vi",), out: Path = Path("reports"),
                jobs: int = 1, formats=DEFAULT_FORMATS, timeout: int = 300, as_of=None, figures: bool = False) -> int:
    """Render every (plan, period, language), ``jobs`` at a time, with a progress bar; returns the exit code.

    Every file written is listed on stdout; every failure is named in the summary on stderr; the
    exit code is 2 if any failed (or if the plans could not all be read: then nothing is rendered).
    """
    from tqdm import tqdm

    check_formats(formats)
    done: list[Rendered] = []
    todo, failures = plan_jobs(list(plan_dirs), period, langs=tuple(langs), out=str(out),
                               formats=tuple(formats), timeout=timeout, as_of=as_of.isoformat() if as_of else "",
                               figures=figures)
    bar = tqdm(total=len(todo), desc="kpi report", unit="report", file=sys.stderr, disable=None)
    _run(todo, jobs, bar, done, failures)
    bar.close()
    for r in sorted(done, key=lambda r: str(r.folder)):
        print(f"wrote {display(r.folder)}/: {', '.join(n for n in r.files if not n.startswith('figures/'))}, "
              f"figures/ ({sum(n.endswith('.png') for n in r.files)} PNG + SVG)")
        if r.removed:
            print(f"  removed from the previous report (not asked for this time): {', '.join(r.removed)}")
    if failures:
        total = len(done) + len(failures)
        print(f"kpi report: {len(failures)} of {total} failed:", file=sys.stderr)
        for f in failures:
            print("- " + str(f).replace("\n", "\n  "), file=sys.stderr)  # a plan's own list, under its name
        return 2
    return 0


__all__ = ["Job", "Rendered", "render", "render_many", "plan_jobs", "folder_for", "artefacts", "ALWAYS"]
