"""The exporters of a report, one module per format, behind a small registry (as nbconvert has).

Each exporter reads what the notebook left in the report folder (the executed notebook, the
assessment ``status.csv`` and the figure manifest) through a ``Context`` and writes its own files.
Adding a format adds a module and one line in ``EXPORTERS``; ``report`` does not change.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from importlib import import_module
from pathlib import Path
from typing import Any

from ..errors import RenderError

EXPORTERS: dict[str, tuple[str, tuple[str, ...]]] = {
    # format: (module holding ``export(ctx)``, the files it writes)
    "html": ("html", ("report.html",)),
    "pdf": ("pdf", ("report.pdf",)),
    "slides": ("pptx", ("slides.pptx",)),
    "docx": ("docx", ("report.docx",)),
    "xlsx": ("xlsx", ("status.xlsx",)),
}
"""Every output format, in the order they are written (the PDF prints the HTML)."""
NEEDS = {"pdf": "html"}
DEFAULT_FORMATS = ("html", "pdf", "docx", "xlsx")


@dataclass
class Context:
    """What an exporter reads: the plan, the assessment the notebook used, the figures it drew."""

    plan: Any
    status: Any
    folder: Path
    lang: str
    title: str
    figures: list = field(default_factory=list)
    as_of: Any = None  # the date the report is made as of (kpi.assessment.reporting.report_date)

    @property
    def notebook(self) -> Path:
        """The executed notebook."""
        return self.folder / "report.ipynb"

    def drawn(self) -> list:
        """The figures, their PNG and SVG files written by the notebook (Word and the slides read the PNGs)."""
        return self.figures


def check_formats(formats) -> list[str]:
    """The formats in writing order, with what they need; ``RenderError`` for an unknown one."""
    unknown = [f for f in formats if f not in EXPORTERS]
    if unknown:
        raise RenderError(f"unknown format{'s' if len(unknown) > 1 else ''} {', '.join(map(repr, unknown))}; "
                          f"choose from {', '.join(EXPORTERS)}.")
    wanted = set(formats) | {NEEDS[f] for f in formats if f in NEEDS}
    return [f for f in EXPORTERS if f in wanted]


def artefacts(formats) -> list[str]:
    """The file names the formats write."""
    return [name for f in check_formats(formats) for name in EXPORTERS[f][1]]


def chains(formats) -> list[list[str]]:
    """The formats in groups that must run one after the other (the PDF prints the HTML); the groups
    are independent of each other."""
    order = check_formats(formats)
    groups: list[list[str]] = []
    for f in order:
        group = next((g for g in groups if NEEDS.get(f) in g or any(NEEDS.get(x) == f for x in g)), None)
        group.append(f) if group is not None else groups.append([f])
    return groups


def _write(group: list[str], ctx: Context) -> dict[str, list[Path]]:
    return {f: import_module(f".{EXPORTERS[f][0]}", __package__).export(ctx) for f in group}


def run(formats, ctx: Context) -> list[Path]:
    """Write every format into ``ctx.folder``; returns the files written, in ``EXPORTERS`` order.

    The first chain (HTML → PDF) goes first: its head (the HTML) is written alone, since it is Python work
    that would share the interpreter with the other exporters; then the rest of the chain (Chromium
    printing) runs in a thread while the Word report and the workbook are written. Each exporter writes
    its own files only.
    """
    from concurrent.futures import ThreadPoolExecutor

    groups = chains(formats)
    done: dict[str, list[Path]] = {}
    if len(groups) > 1:
        (head, *first), rest = groups[0], [f for g in groups[1:] for f in g]
        done.update(_write([head], ctx))
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="kpi-export") as pool:
            future = pool.submit(_write, first, ctx)
            try:
                done.update(_write(rest, ctx))
            finally:
                done.update(future.result())  # waits; raises the chain's error, if any
    else:
        for g in groups:
            done.update(_write(g, ctx))
    return [p for f in check_formats(formats) for p in done[f]]


def preload(formats) -> None:
    """Make the HTML exporter ready and import the Word, workbook and slide libraries, in a background
    thread while the notebook runs.

    Call it after papermill is imported (``kpi.render.execute.prepare``): nbconvert imported beside papermill's
    own imports can meet a module half-initialised (jupyter_client).
    """
    import threading

    heavy = {"html": ("kpi.documents.html:warm",), "docx": ("docx", "PIL.Image"), "xlsx": ("openpyxl",),
             "slides": ("pptx", "PIL.Image")}
    names = list(dict.fromkeys(n for f in check_formats(formats) for n in heavy.get(f, ())))

    def load() -> None:
        for n in names:
            module, _, function = n.partition(":")
            try:
                m = import_module(module)
                if function:
                    getattr(m, function)()
            except ImportError:  # the exporter reports it when it runs
                pass

    if names:
        threading.Thread(target=load, name="kpi-preload", daemon=True).start()
