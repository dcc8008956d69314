"""Rendering the quarterly report: papermill runs the notebook, nbconvert writes HTML without code.

A render writes into a temporary folder beside the target and replaces the previous report only
when every artefact was written; a failed render leaves the previous report as it was.
"""
from __future__ import annotations

import os
import shutil
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor, as_completed
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

from .errors import KpiError, RenderError
from .files import display
from .paths import REPORT_NOTEBOOK

KERNEL = "python3"
HIDDEN_TAGS = {"parameters", "injected-parameters", "remove"}
FIGURE_DPI = 300


def save_figure(ax_or_fig, name: str, output_dir: str | Path | None) -> list[Path]:
    """Save a chart as ``figures/<name>.png`` (300 dpi) and ``.svg`` under ``output_dir``.

    Does nothing when ``output_dir`` is empty (a notebook run by hand shows its charts only).
    """
    if not output_dir:
        return []
    fig = getattr(ax_or_fig, "figure", ax_or_fig)
    folder = Path(output_dir) / "figures"
    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / f"{name}.png", folder / f"{name}.svg"]
    fig.savefig(paths[0], dpi=FIGURE_DPI, bbox_inches="tight", facecolor="white")
    fig.savefig(paths[1], bbox_inches="tight", facecolor="white", metadata={"Date": None})
    return paths


def show_figure(ax_or_fig, name: str, output_dir: str | Path | None):
    """Save a chart (``save_figure``) and show it in the notebook.

    With an ``output_dir`` the saved SVG is shown (vector in the HTML and the PDF, and no second
    rendering); without one the figure itself is shown. The figure is closed either way.
    """
    import matplotlib.pyplot as plt
    from IPython.display import SVG, display

    fig = getattr(ax_or_fig, "figure", ax_or_fig)
    paths = save_figure(fig, name, output_dir)
    display(SVG(filename=str(paths[1])) if paths else fig)
    plt.close(fig)


@contextmanager
def _kernel_stderr_quiet():
    """Keep the kernel's start-up chatter (it inherits our stderr) off the user's terminal."""
    sys.stderr.flush()
    saved = os.dup(2)
    with open(os.devnull, "w") as null:
        os.dup2(null.fileno(), 2)
        try:
            yield
        finally:
            os.dup2(saved, 2)
            os.close(saved)


def _skip_slow_iri_checker() -> None:
    """Skip jsonschema's optional 'iri' format checker before nbformat imports jsonschema.

    The checker's package (rfc3987-syntax, brought in by jupyterlab's dependencies) compiles a grammar
    on import: 1.4 s in every process that renders. Notebook schemas use no 'iri' format.
    """
    if "jsonschema" not in sys.modules:
        sys.modules.setdefault("rfc3987_syntax", None)


def check_parameters(notebook: Path, parameters: dict) -> None:
    """Refuse, before execution, parameters the notebook's ``parameters`` cell does not declare."""
    _skip_slow_iri_checker()
    import papermill

    declared = papermill.inspect_notebook(str(notebook))
    unknown = sorted(set(parameters) - set(declared))
    if unknown:
        raise RenderError(f"{display(notebook)}: unknown parameter{'s' if len(unknown) > 1 else ''} "
                          f"{', '.join(repr(u) for u in unknown)}; the notebook declares "
                          f"{', '.join(sorted(declared))}.")


def execute(notebook: Path, output: Path, parameters: dict, *, timeout: int = 300) -> None:
    """Run ``notebook`` with papermill into ``output``; a failing cell becomes one RenderError."""
    _skip_slow_iri_checker()
    import papermill
    from papermill.exceptions import PapermillExecutionError

    check_parameters(notebook, parameters)
    try:
        with _kernel_stderr_quiet():
            papermill.execute_notebook(str(notebook), str(output), parameters=parameters, kernel_name=KERNEL,
                                       execution_timeout=timeout, progress_bar=False, log_output=False,
                                       cwd=str(notebook.parent))
    except PapermillExecutionError as e:
        last = (e.evalue or "").strip().splitlines()
        raise RenderError(f"{display(notebook)}, {_cell_name(output, e.cell_index)}: {e.ename}: "
                          f"{last[-1] if last else ''}") from None
    except Exception as e:  # a dead kernel, a timeout, a broken notebook file
        raise RenderError(f"{display(notebook)}: the notebook could not run ({type(e).__name__}: "
                          f"{str(e).strip().splitlines()[0] if str(e).strip() else 'no detail'})") from None


def _cell_name(executed: Path, index: int) -> str:
    """'cell 4 (`1 / 0`)': the cell's number in the notebook as saved (the injected cell not counted)."""
    import nbformat

    try:
        cells = [c for c in nbformat.read(executed, as_version=4).cells  # papermill adds an error banner cell
                 if "papermill-error-cell-tag" not in c.get("metadata", {}).get("tags", [])]
    except Exception:  # the output may be unreadable after a crash; fall back to the raw index
        return f"cell {index + 1}"
    injected = sum(1 for c in cells[:index] if "injected-parameters" in c.get("metadata", {}).get("tags", []))
    first = next((ln for ln in cells[index].source.splitlines() if ln.strip() and not ln.startswith("#")), "")
    return f"cell {index + 1 - injected} (`{first.strip()[:60]}`)"


def export_html(executed: Path, html_path: Path, *, title: str, lang: str) -> None:
    """The executed notebook as a self-contained HTML page with no code and no parameter cells."""
    import nbformat
    from nbconvert import HTMLExporter

    from .page import wrap

    nb = nbformat.read(executed, as_version=4)
    nb.cells = [c for c in nb.cells if not HIDDEN_TAGS & set(c.get("metadata", {}).get("tags", []))]
    exporter = HTMLExporter(template_name="basic", exclude_input=True, exclude_input_prompt=True,
                            exclude_output_prompt=True)
    body, _ = exporter.from_notebook_node(nb)
    html_path.write_text(wrap(body, title=title, lang=lang), encoding="utf-8")


@dataclass(frozen=True)
class Job:
    """One report to render."""

    plan_dir: str
    period: str
    lang: str
    out: str
    slides: bool
    pdf: bool
    timeout: int


def render(job: Job) -> Path:
    """Render one report into ``<out>/<plan id>/<period>/``; returns that folder.

    Raises ``KpiError`` (bad data, a failing cell, a missing browser); the previous report is kept.
    """
    from .plan import load_plan

    try:
        plan = load_plan(job.plan_dir)
    except KpiError as e:
        raise RenderError(f"{display(job.plan_dir)} {job.period}: {e}") from None
    final = Path(job.out) / plan.id / job.period
    final.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{job.period}.", dir=final.parent))
    tmp.chmod(0o755)
    with ExitStack() as stack:
        try:
            printer = None
            if job.pdf:
                from .pdf import PdfPrinter

                printer = stack.enter_context(PdfPrinter())  # starts the browser while the notebook runs
            _build(job, plan, tmp, printer)
            _replace(tmp, final)
        except KpiError as e:
            shutil.rmtree(tmp, ignore_errors=True)
            text = str(e) if str(e).endswith(".") else f"{e}."
            kept = " The previous report is kept." if final.exists() else ""
            raise RenderError(f"{display(job.plan_dir)} {job.period}: {text}{kept}") from None
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
    return final


def _build(job: Job, plan, tmp: Path, printer) -> None:
    """Write every artefact of one report into ``tmp``."""
    from . import table
    from .assessment import assess
    from .observations import load_observations, observations_path

    obs = load_observations(observations_path(job.plan_dir), plan)
    status = assess(plan, obs, job.period, lang=job.lang)
    (tmp / "status.csv").write_text(table.to_csv(status), encoding="utf-8")
    execute(REPORT_NOTEBOOK, tmp / "report.ipynb",
            dict(plan_dir=str(Path(job.plan_dir).resolve()), period=job.period, lang=job.lang,
                 output_dir=str(tmp.resolve())), timeout=job.timeout)
    title = f"{plan.title(job.lang)} — {job.period}"
    export_html(tmp / "report.ipynb", tmp / "report.html", title=title, lang=job.lang)
    if printer is not None:
        printer.print(tmp / "report.html", tmp / "report.pdf")
    if job.slides:
        from .slides import build_deck

        build_deck(plan, status, tmp, lang=job.lang)


def _replace(new: Path, final: Path) -> None:
    """Put ``new`` in place of ``final``: the old report is moved aside first and removed last."""
    old = None
    if final.exists():
        old = final.with_name(f".{final.name}.old-{os.getpid()}")
        os.replace(final, old)
    try:
        os.replace(new, final)
    except BaseException:
        if old is not None:
            os.replace(old, final)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _render_safely(job: Job) -> tuple[Job, str | None, str | None]:
    try:
        return job, str(render(job)), None
    except KpiError as e:
        return job, None, str(e)
    except Exception as e:  # report any other failure per job, with its type, rather than stop the batch
        return job, None, f"{display(job.plan_dir)} {job.period}: {type(e).__name__}: {e}"


def plan_jobs(plan_dirs: list[str], period: str, **options) -> tuple[list[Job], list[str]]:
    """The jobs for ``--period`` (a quarter, 'latest' or 'all'), and the plan folders that failed to load."""
    from .assessment import all_periods, latest_period
    from .observations import load
    from .period import Period

    jobs, failures = [], []
    for d in plan_dirs:
        try:
            plan, obs = load(d)
            if period == "all":
                periods = all_periods(plan)
            elif period == "latest":
                periods = [latest_period(plan, obs)]
            else:
                q = Period.try_parse(period)
                if q is None or q.year != plan.year:
                    raise KpiError(f"--period '{period}' is not a month or quarter of the plan year {plan.year}; "
                                   f"write {plan.year}-01 to {plan.year}-12, {plan.year}-Q1 to {plan.year}-Q4, "
                                   "'latest' or 'all'.")
                periods = [period]
        except KpiError as e:
            text = str(e)
            failures.append(text if text.startswith(display(d)) else f"{display(d)}: {text}")
            continue
        jobs += [Job(plan_dir=d, period=p, **options) for p in periods]
    return jobs, failures


def render_many(plan_dirs: list[str], *, period: str = "latest", lang: str = "vi", out: Path = Path("reports"),
                jobs: int = 1, slides: bool = False, pdf: bool = True, timeout: int = 300) -> int:
    """Render every (plan, period), ``jobs`` at a time, with a progress bar; returns the exit code.

    Every failure is named in the summary on stderr; the exit code is 2 if any failed.
    """
    from tqdm import tqdm

    todo, failures = plan_jobs(list(plan_dirs), period, lang=lang, out=str(out), slides=slides, pdf=pdf,
                               timeout=timeout)
    done: list[str] = []
    bar = tqdm(total=len(todo), desc="kpi report", unit="report", file=sys.stderr, disable=None)
    if jobs > 1 and len(todo) > 1:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            futures = [pool.submit(_render_safely, j) for j in todo]
            for f in as_completed(futures):
                _, path, error = f.result()
                done.append(path) if path else failures.append(error)
                bar.update()
    else:
        for j in todo:
            _, path, error = _render_safely(j)
            done.append(path) if path else failures.append(error)
            bar.update()
    bar.close()
    for path in sorted(done):
        print(f"wrote {path}/report.html")
    if failures:
        total = len(done) + len(failures)
        print(f"kpi report: {len(failures)} of {total} failed:", file=sys.stderr)
        for f in failures:
            print(f"- {f}", file=sys.stderr)
        return 2
    return 0
