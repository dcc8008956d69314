"""Figures of a report: saved once as PNG (300 dpi) + SVG, and listed in a manifest.

The notebook saves each chart with ``show_figure`` and the manifest ``figures/manifest.json`` records
it (name, files, caption, target ids); exporters (slides, Word) read the manifest, never file names.
In a render the notebook draws only the SVG it shows; the PNG is drawn by the rendering process beside
the notebook (``PNG_QUEUE``, ``kpi.drawer``).
"""
from __future__ import annotations

import itertools
import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path

FIGURE_DPI = 300
MANIFEST = "manifest.json"
PNG_QUEUE = "KPI_PNG_QUEUE"
"""Environment variable: a folder where ``save_figure`` leaves each figure, pickled, for the process that
started the notebook to draw its PNG (``kpi.drawer``) while the notebook goes on. Unset: drawn in place."""


@dataclass(frozen=True)
class Figure:
    """One saved chart: ``figures/<name>.png`` and ``.svg``, its caption and the targets it shows."""

    name: str
    png: str
    svg: str
    caption: str = ""
    targets: tuple[str, ...] = field(default_factory=tuple)


def save_figure(ax_or_fig, name: str, output_dir: str | Path | None, *, caption: str = "",
                targets=()) -> Figure | None:
    """Save a chart as ``figures/<name>.png`` (300 dpi) and ``.svg`` under ``output_dir`` and record it.

    Does nothing when ``output_dir`` is empty (a notebook run by hand shows its charts only).
    """
    if not output_dir:
        return None
    fig = getattr(ax_or_fig, "figure", ax_or_fig)
    folder = Path(output_dir) / "figures"
    folder.mkdir(parents=True, exist_ok=True)
    png, svg = folder / f"{name}.png", folder / f"{name}.svg"
    box = _freeze(fig)
    fig.savefig(svg, bbox_inches=box, facecolor="white", metadata={"Date": None})
    queue = os.environ.get(PNG_QUEUE)
    if queue:
        _enqueue(Path(queue), fig, png.resolve(), box)
    else:
        draw_png(fig, png, box)
    entry = Figure(name=name, png=png.name, svg=svg.name, caption=caption, targets=tuple(targets))
    _append(folder / MANIFEST, entry)
    return entry


def draw_png(fig, path: Path, box) -> None:
    """The 300-dpi PNG of a figure laid out by ``_freeze``, cropped to ``box``."""
    fig.savefig(path, dpi=FIGURE_DPI, bbox_inches=box, facecolor="white", pil_kwargs={"compress_level": 1})


_queued = itertools.count()


def _enqueue(queue: Path, fig, png: Path, box) -> None:
    """Leave ``(png path, box, rcParams, default colour map, figure)`` pickled in ``queue`` for ``kpi.drawer``.

    The settings travel with the figure (some are read at drawing time), so that the PNG is the one this
    process would draw, byte for byte. Written under a temporary name, then renamed: the drawer never
    reads half a file. Files are numbered, so that they are drawn in the order they were saved.
    """
    import matplotlib as mpl

    rc = {k: v for k, v in mpl.rcParams.items() if k != "backend"}
    default_cmap = mpl.colormaps.get_cmap(None)  # may be one the drawer does not know (seaborn's 'rocket')
    path = queue / f"{os.getpid()}-{next(_queued):05d}.pickle"
    with open(path.with_suffix(".tmp"), "wb") as f:
        _dump((str(png), box, rc, default_cmap, fig), f)
    os.replace(path.with_suffix(".tmp"), path)


def _dump(obj, file) -> None:
    """Pickle ``obj``; its figures without their pyplot registration (the drawer opens no window for them)."""
    import pickle

    from matplotlib.figure import Figure

    class Pickler(pickle.Pickler):
        def reducer_override(self, o):
            if type(o) is not Figure:
                return NotImplemented
            rv = list(o.__reduce_ex__(pickle.HIGHEST_PROTOCOL))
            rv[2] = {k: v for k, v in rv[2].items() if k != "_restore_to_pyplot"}
            return tuple(rv)

    Pickler(file, protocol=pickle.HIGHEST_PROTOCOL).dump(obj)


def _freeze(fig):
    """Lay the figure out once and keep that layout; returns its tight bounding box, in inches.

    ``savefig(bbox_inches="tight")`` draws the figure twice per file and the constrained layout runs at
    every draw; laid out once, the SVG and the 300-dpi PNG are each drawn once, with the same layout.
    """
    import matplotlib as mpl

    fig.draw_without_rendering()
    fig.set_layout_engine("none")
    box = fig.get_tightbbox(fig.canvas.get_renderer())
    return box.padded(mpl.rcParams["savefig.pad_inches"])


def show_figure(ax_or_fig, name: str, output_dir: str | Path | None, *, caption: str = "", targets=()):
    """Save a chart (``save_figure``) and show it in the notebook, then close it.

    With an ``output_dir`` the saved SVG is shown (vector in the HTML and the PDF, and no second
    rendering), with the caption as its alt text; without one the figure itself is shown.
    """
    import matplotlib.pyplot as plt
    from IPython.display import SVG, display

    fig = getattr(ax_or_fig, "figure", ax_or_fig)
    entry = save_figure(fig, name, output_dir, caption=caption, targets=targets)
    if entry is not None:
        display(SVG(filename=str(Path(output_dir) / "figures" / entry.svg)),
                metadata={"image/svg+xml": {"alt": caption}} if caption else None)
    else:
        display(fig)
    plt.close(fig)


def _append(path: Path, entry: Figure) -> None:
    items = [f for f in read_manifest(path.parent) if f.name != entry.name]
    items.append(entry)
    path.write_text(json.dumps([asdict(f) for f in items], ensure_ascii=False, indent=1), encoding="utf-8")


def read_manifest(folder: str | Path) -> list[Figure]:
    """The figures recorded in ``folder/manifest.json`` (``folder`` is a report's ``figures``), in order."""
    path = Path(folder) / MANIFEST
    if not path.is_file():
        return []
    return [Figure(**{**d, "targets": tuple(d.get("targets", ()))})
            for d in json.loads(path.read_text(encoding="utf-8"))]
