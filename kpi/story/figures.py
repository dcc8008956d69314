"""Figures of a report: each chart drawn for the medium it is seen in, saved as PNG + SVG, listed in a manifest.

A chart is drawn at its final size, never drawn once and scaled: a ``Medium`` says how wide it is placed, how
tall it may be, the smallest text it may hold there and the resolution of its PNG. ``PAGE`` is the Word report
and the printed page (the 165-mm text column of an A4 page), ``SLIDE`` a 16:9 slide. ``save_for`` is what an
analyst calls to save a chart for a presentation; the report notebook saves its charts with ``show_figure``
and the manifest ``figures/manifest.json`` records them (name, files per medium, caption, target ids);
exporters (slides, Word) read the manifest, never file names.
"""
from __future__ import annotations

import json
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path

from ..errors import KpiError

FIGURE_DPI = 300
PRINT_WIDTH_MM = 165
"""The widest a figure is printed: the text column of the Word report (A4, Decree 30 margins 30 + 15 mm)."""
MANIFEST = "manifest.json"
PAD_IN = 0.1
"""The white margin around a saved chart, in inches (inside the medium's width: a chart is drawn that much
narrower, so that the picture is placed at its own size)."""
SLIDE_FOLDER = "slide"
"""Under ``figures/``: the charts drawn for a 16:9 slide (``kpi report --slides`` or ``--figures``)."""


@dataclass(frozen=True)
class Medium:
    """Where a chart is seen, and at what size: the chart is drawn at that size, so its text is as set.

    Attributes
    ----------
    name : 'page' or 'slide'.
    width_in : the chart's width as placed, in inches.
    height_in : the most height it may take there, in inches.
    min_pt : the smallest text it holds, in points as placed (printed, or projected on a 13.33-inch slide).
    dpi : the resolution of its PNG.
    max_rows : the most bars (rows) one chart holds; a longer chart is drawn as several.
    """

    name: str
    width_in: float
    height_in: float
    min_pt: float
    dpi: int = FIGURE_DPI
    max_rows: int = 40

    def __post_init__(self) -> None:
        if self.width_in <= 0 or self.height_in <= 0 or self.min_pt <= 0 or self.max_rows < 1:
            raise ValueError(f"medium '{self.name}': sizes must be positive and max_rows at least 1")

    @contextmanager
    def drawing(self):
        """The kpi theme at this medium's text size and width, for the figures drawn inside the block."""
        import matplotlib as mpl

        from ..text.theme import use_theme

        with mpl.rc_context():
            use_theme(text_pt=self.min_pt, size=(self.width_in - 2 * PAD_IN, self.height_in - 2 * PAD_IN))
            yield self


PAGE = Medium("page", PRINT_WIDTH_MM / 25.4, 170 / 25.4, 8.0, FIGURE_DPI, 40)
"""The printed page and the Word report: the 165-mm column of an A4 page, at most 170 mm tall (the Word report
shrinks a taller picture), no text under 8 pt."""
SLIDE = Medium("slide", 13.333 - 1.0, 5.2, 14.0, FIGURE_DPI, 6)
"""A 16:9 slide (13.33 × 7.5 in): the width inside 0.5-in margins, the height left under a one-line title and a
two-line takeaway above the slide number, no text under 14 pt as projected; at most six bars a chart, fewer when
they do not fit in that height (a bar with a two-line name takes about three lines of 14-pt text), so a long
chart is split across slides."""
MEDIA = {m.name: m for m in (PAGE, SLIDE)}
PRINT_HEIGHT_MM = 90
"""The tallest chart the Word report places whole (``kpi.documents.docx.FIGURE_MAX_MM``, about 90.8 mm: picture
and caption within 40% of an A4 page's text area, so that pages fill). A page chart drawn taller (13 flows: about
138 mm) is also drawn in parts at most this tall (``PRINT_PART``, ``figures/page/<name>-1.png``…), which Word
places at their own size (shrunk whole, its 8-pt text printed at about 5 pt) and the notebook shows, so that the
PDF's pages break between them."""
PRINT_PART = Medium("page", PAGE.width_in, PRINT_HEIGHT_MM / 25.4, PAGE.min_pt, PAGE.dpi, PAGE.max_rows)
"""A part of a tall page chart, for the Word report: the page's width and text, ``PRINT_HEIGHT_MM`` tall."""
PAGE_FOLDER = "page"
"""Under ``figures/``: the parts of a page chart too tall for the Word report to place whole."""


def medium(name) -> Medium:
    """The ``Medium`` named ``name`` ('page' or 'slide'); a ``Medium`` is returned as it is.

    ``KpiError`` for an unknown name, naming the known ones.
    """
    if isinstance(name, Medium):
        return name
    if name not in MEDIA:
        raise KpiError(f"unknown medium {name!r}; choose from {', '.join(map(repr, MEDIA))}.")
    return MEDIA[name]


@dataclass(frozen=True)
class Figure:
    """One saved chart: ``figures/<name>.png`` and ``.svg`` (drawn for ``PAGE``), its caption, the targets it shows,
    the PNGs drawn for ``SLIDE`` (``slide/<name>.png``, or ``slide/<name>-1.png``… when split), an SVG beside
    each, and the parts of a page chart too tall to print whole."""

    name: str
    png: str
    svg: str
    caption: str = ""
    targets: tuple[str, ...] = field(default_factory=tuple)
    slides: tuple[str, ...] = field(default_factory=tuple)
    prints: tuple[str, ...] = field(default_factory=tuple)
    """The parts of a page chart taller than ``PRINT_HEIGHT_MM`` (``page/<name>-1.png``…, an SVG beside each), for
    the Word report and the notebook's pages (HTML, PDF); empty when the page chart fits whole."""

    def page_captions(self) -> list[str]:
        """The caption of each picture a page shows: one, or one a part with '(1/3)', '(2/3)'… as Word prints it."""
        n = len(self.prints)
        return [self.caption + (f" ({k}/{n})" if n else "") for k in range(1, max(n, 1) + 1)]


def parts(rows: int, per: int) -> list[dict]:
    """How a chart of ``rows`` bars is split into charts of at most ``per``: the ``first`` and ``count`` keywords of
    each part, as even as they can be and the larger first (13 bars, 6 a chart: 5, 4 and 4); ``[{}]`` when one
    chart holds them all."""
    if rows <= per:
        return [{}]
    n = -(-rows // per)
    bounds = [-(-i * rows // n) for i in range(n + 1)]
    return [{"first": a, "count": b - a} for a, b in zip(bounds, bounds[1:])]


def _figure_of(drawn):
    return getattr(drawn, "figure", drawn)


def _draw(chart, m: Medium, **part):
    """The matplotlib figure of ``chart`` for ``m``: a function is called under ``m.drawing()``; a figure already
    drawn is set to the medium's width (its aspect kept, at most the medium's height)."""
    if callable(chart) and not hasattr(chart, "savefig") and not hasattr(chart, "figure"):
        with m.drawing():
            return _figure_of(chart(**part))
    fig = _figure_of(chart)
    w, h = fig.get_size_inches()
    fig.set_size_inches(m.width_in, min(h * m.width_in / w, m.height_in))
    return fig


def _write(fig, stem: Path, m: Medium, suffixes=(".png", ".svg")) -> list[Path]:
    """``stem.svg`` and ``stem.png`` (``m.dpi`` at the width it is placed), laid out once (``_freeze``); the files
    written, the PNG last."""
    import matplotlib as mpl

    stem.parent.mkdir(parents=True, exist_ok=True)
    box = _freeze(fig)
    out = []
    if ".svg" in suffixes:
        out.append(stem.with_suffix(".svg"))
        # the same chart gives the same bytes on every render: no date, and the ids of clip paths and hatches drawn
        # from a fixed salt (the file's name) rather than at random
        with mpl.rc_context({"svg.hashsalt": f"kpi-{stem.name}"}):
            fig.savefig(out[-1], bbox_inches=box, facecolor="white", metadata={"Date": None})
    if ".png" in suffixes:
        out.append(stem.with_suffix(".png"))
        fig.savefig(out[-1], dpi=png_dpi(box.width, m), bbox_inches=box, facecolor="white",
                    pil_kwargs={"compress_level": 1})
    return out


def save_for(chart, medium_name, path: str | Path) -> list[Path]:
    """Save a chart for a slide deck or a page, drawn at the size it is seen there: for your own presentation.

    Parameters
    ----------
    chart : a function that draws the chart and returns its Axes (or Figure), called with no argument, e.g.
        ``functools.partial(charts.trend, steps, "grdp_growth", lang="vi")``. It is drawn under the kpi theme at
        the medium's width with its text at the medium's size, so nothing is smaller than ``min_pt`` where the
        picture is placed at its own size. An Axes or a Figure already drawn is saved too, at the medium's
        width (aspect kept, at most the medium's height), but its text stays as drawn: pass a function.
    medium_name : ``'slide'`` (a 16:9 slide: 12.3 in wide, at most 5.3 in tall, text at least 14 pt) or
        ``'page'`` (an A4 page, the Word report: 165 mm wide, text at least 8 pt), or a ``Medium``.
    path : the file: ``'flows.png'`` or ``'flows.svg'`` writes that one; no suffix writes both (PNG at 300 dpi
        at its placed width, SVG with live text). Folders are created.

    Returns
    -------
    The files written. The figure is closed.

    Examples
    --------
    >>> from functools import partial
    >>> from kpi.story import charts
    >>> kpi.save_for(partial(charts.bullet, status, lang="vi"), "slide", "out/flows")  # doctest: +SKIP
    [PosixPath('out/flows.png'), PosixPath('out/flows.svg')]

    A chart of many bars is best split for a slide (``SLIDE.max_rows`` a chart): ``charts.bullet`` and
    ``charts.scorecard`` take ``first=`` and ``count=``, and ``parts(rows, SLIDE.max_rows)`` gives them.
    """
    import matplotlib.pyplot as plt

    m = medium(medium_name)
    path = Path(path)
    known = {".png", ".svg"}
    if path.suffix and path.suffix.lower() not in known:
        raise KpiError(f"{path}: a chart is saved as .png or .svg, not {path.suffix}; write e.g. "
                       f"{path.with_suffix('.png').name}, or no suffix for both.")
    fig = _draw(chart, m)
    try:
        with m.drawing():
            return _write(fig, path.with_suffix("") if not path.suffix else path, m,
                          (path.suffix.lower(),) if path.suffix else (".png", ".svg"))
    finally:
        plt.close(fig)


def save_figure(chart, name: str, output_dir: str | Path | None, *, caption: str = "", targets=(),
                media="page", rows: int = 0) -> Figure | None:
    """Save a chart as ``figures/<name>.png`` (300 dpi as printed: ``png_dpi``) and ``.svg`` under ``output_dir``
    and record it; with ``'slide'`` in ``media``, also drawn for a slide (``figures/slide/``), split into
    ``parts(rows, SLIDE.max_rows)`` when it has more bars than a slide holds. A page chart of ``rows`` bars taller
    than ``PRINT_HEIGHT_MM`` is also drawn in parts for the Word report (``figures/page/``).

    ``chart`` is a function that draws it (called once per medium and part, with ``first``/``count`` when
    split) or an Axes/Figure already drawn (then for the page only). Does nothing when ``output_dir`` is empty
    (a notebook run by hand shows its charts only).
    """
    if not output_dir:
        return None
    import matplotlib.pyplot as plt

    wanted = [medium(m) for m in (media.split(",") if isinstance(media, str) else media) if m]
    folder = Path(output_dir) / "figures"
    drawn = not callable(chart) or hasattr(chart, "savefig") or hasattr(chart, "figure")
    fig = _draw(chart, PAGE) if not drawn else _figure_of(chart)
    with PAGE.drawing() if not drawn else _nothing():
        _write(fig, folder / name, PAGE)
        height = _laid_out_height(fig) if not drawn and rows > 1 else 0.0  # a chart of bars may be split
    if not drawn:
        plt.close(fig)
    prints = []
    if height > PRINT_PART.height_in:  # first try: bars in proportion to the height
        per = int(rows * PRINT_PART.height_in / height)
        for k, fig in enumerate(_parts_that_fit(chart, PRINT_PART, rows, per), start=1):
            with PRINT_PART.drawing():
                *_, png = _write(fig, folder / PAGE_FOLDER / f"{name}-{k}", PRINT_PART)
            plt.close(fig)
            prints.append(png.relative_to(folder).as_posix())
    slides = []
    if SLIDE in wanted and not drawn:
        for k, fig in enumerate(figures := _parts_that_fit(chart, SLIDE, rows), start=1):
            with SLIDE.drawing():
                *_, png = _write(fig, folder / SLIDE_FOLDER / (f"{name}-{k}" if len(figures) > 1 else name), SLIDE)
            plt.close(fig)
            slides.append(png.relative_to(folder).as_posix())
    entry = Figure(name=name, png=f"{name}.png", svg=f"{name}.svg", caption=caption, targets=tuple(targets),
                   slides=tuple(slides), prints=tuple(prints) if len(prints) > 1 else ())
    _append(folder / MANIFEST, entry)
    return entry


def _parts_that_fit(chart, m: Medium, rows: int, per: int | None = None) -> list:
    """The figures of ``chart`` for ``m``, split into parts of at most ``per`` (default ``m.max_rows``) bars, or
    fewer when a part would be taller than the medium (a bar whose words take three lines): the first, largest
    part is drawn, measured, and the split made finer until it fits (or holds one bar)."""
    import matplotlib.pyplot as plt

    per = max(1, min(per or m.max_rows, m.max_rows, rows or 1))
    while True:
        split = parts(rows, per)
        first = _draw(chart, m, **split[0])
        with m.drawing():
            height = _freeze(first).height
        if height <= m.height_in or per == 1 or not split[0]:
            break
        plt.close(first)
        per = max(1, min(per - 1, int(per * m.height_in / height)))
    return [first] + [_draw(chart, m, **part) for part in split[1:]]


def _laid_out_height(fig) -> float:
    """The height of a figure already laid out (``_freeze``), as saved, in inches."""
    return fig.get_tightbbox(fig.canvas.get_renderer()).padded(PAD_IN).height


@contextmanager
def _nothing():
    yield


def png_dpi(width_in: float, m: Medium = PAGE) -> float:
    """The resolution to draw a chart ``width_in`` inches wide at: ``m.dpi`` once placed at most ``m.width_in``
    wide (300 dpi in a 165-mm column)."""
    return m.dpi * min(1.0, m.width_in / width_in)


def _freeze(fig):
    """Lay the figure out once and keep that layout; returns its tight bounding box, in inches.

    ``savefig(bbox_inches="tight")`` draws the figure twice per file and the constrained layout runs at
    every draw; laid out once, the SVG and the 300-dpi PNG are each drawn once, with the same layout.
    """

    fig.draw_without_rendering()
    fig.set_layout_engine("none")
    box = fig.get_tightbbox(fig.canvas.get_renderer())
    return box.padded(PAD_IN)


def show_figure(chart, name: str, output_dir: str | Path | None, *, caption: str = "", targets=(), media="page",
                rows: int = 0):
    """Save a chart (``save_figure``: for the page, and for a slide if ``media`` says so) and show it in the
    notebook, then close it.

    With an ``output_dir`` the saved SVG is shown (vector in the HTML and the PDF, and no second
    rendering), with the caption as its alt text: the SVGs of its parts when it was drawn in parts for print
    (``Figure.prints``: a printed page breaks between them, not under a chart taller than half the page);
    without one the figure itself is shown.
    """
    import matplotlib.pyplot as plt
    from IPython.display import SVG, display

    entry = save_figure(chart, name, output_dir, caption=caption, targets=targets, media=media, rows=rows)
    if entry is not None:  # a chart too tall for a printed page in its parts, as the Word report prints it
        for svg in [png[:-4] + ".svg" for png in entry.prints] or [entry.svg]:
            display(SVG(filename=str(Path(output_dir) / "figures" / svg)),
                    metadata={"image/svg+xml": {"alt": caption}} if caption else None)
        if hasattr(chart, "figure") or hasattr(chart, "savefig"):
            plt.close(_figure_of(chart))
    else:
        fig = _draw(chart, PAGE)
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
    return [Figure(**{**d, "targets": tuple(d.get("targets", ())), "slides": tuple(d.get("slides", ())),
                      "prints": tuple(d.get("prints", ()))})
            for d in json.loads(path.read_text(encoding="utf-8"))]
