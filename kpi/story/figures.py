"""Figures of a report: saved once as PNG (300 dpi) + SVG, and listed in a manifest.

The notebook saves each chart with ``show_figure`` and the manifest ``figures/manifest.json`` records
it (name, files, caption, target ids); exporters (slides, Word) read the manifest, never file names.
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

FIGURE_DPI = 300
PRINT_WIDTH_MM = 165
"""The widest a figure is printed: the text column of the Word report (A4, Decree 30 margins 30 + 15 mm). A PNG
holds ``FIGURE_DPI`` dots per inch at that width (1,949 pixels across) whatever width the chart is drawn at: a
chart drawn wider is scaled down where it is placed, so more pixels would only cost drawing time (the flows
chart, drawn 10 inches wide, took 0.8-0.9 s as a 3,000-pixel PNG)."""
MANIFEST = "manifest.json"


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
    """Save a chart as ``figures/<name>.png`` (300 dpi as printed: ``png_dpi``) and ``.svg`` under ``output_dir``
    and record it.

    Does nothing when ``output_dir`` is empty (a notebook run by hand shows its charts only).
    """
    if not output_dir:
        return None
    fig = getattr(ax_or_fig, "figure", ax_or_fig)
    folder = Path(output_dir) / "figures"
    folder.mkdir(parents=True, exist_ok=True)
    png, svg = folder / f"{name}.png", folder / f"{name}.svg"
    box = _freeze(fig)
    import matplotlib as mpl

    # the same chart gives the same bytes on every render: no date, and the ids of clip paths and hatches drawn
    # from a fixed salt (the figure's name) rather than at random
    with mpl.rc_context({"svg.hashsalt": f"kpi-{name}"}):
        fig.savefig(svg, bbox_inches=box, facecolor="white", metadata={"Date": None})
    draw_png(fig, png, box)
    entry = Figure(name=name, png=png.name, svg=svg.name, caption=caption, targets=tuple(targets))
    _append(folder / MANIFEST, entry)
    return entry


def png_dpi(width_in: float) -> float:
    """The resolution to draw a chart ``width_in`` inches wide at: 300 dpi once printed at most 165 mm wide."""
    return FIGURE_DPI * min(1.0, PRINT_WIDTH_MM / 25.4 / width_in)


def draw_png(fig, path: Path, box) -> None:
    """The PNG of a figure laid out by ``_freeze``, cropped to ``box``: 300 dpi at the width it is printed."""
    fig.savefig(path, dpi=png_dpi(box.width), bbox_inches=box, facecolor="white", pil_kwargs={"compress_level": 1})


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
