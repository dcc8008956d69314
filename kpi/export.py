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

from .errors import RenderError

EXPORTERS: dict[str, tuple[str, tuple[str, ...]]] = {
    # format: (module holding ``export(ctx)``, the files it writes)
    "html": ("page", ("report.html",)),
    "pdf": ("pdf", ("report.pdf",)),
    "slides": ("slides", ("slides.pptx",)),
    "docx": ("docx", ("report.docx",)),
    "xlsx": ("spreadsheet", ("status.xlsx",)),
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
    resources: dict = field(default_factory=dict)

    @property
    def notebook(self) -> Path:
        """The executed notebook."""
        return self.folder / "report.ipynb"


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


def run(formats, ctx: Context) -> list[Path]:
    """Write every format into ``ctx.folder``; returns the files written."""
    written: list[Path] = []
    for f in check_formats(formats):
        module = import_module(f".{EXPORTERS[f][0]}", __package__)
        written += module.export(ctx)
    return written
