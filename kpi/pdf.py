"""Printing the report's HTML to an A4 PDF with headless Chromium (Debian's package), over its DevTools pipe."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

from .errors import RenderError
from .theme import FONT, MUTED

CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]
FOOTER = (f'<div style="font-family:{FONT},sans-serif;font-size:8px;color:{MUTED};width:100%;'
          'text-align:center;padding:0 12mm"><span class="pageNumber"></span> / <span class="totalPages"></span></div>')


def chromium_path() -> str:
    """The Chromium executable: ``$KPI_CHROMIUM``, else ``chromium`` on the PATH."""
    path = os.environ.get("KPI_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        raise RenderError("report.pdf needs Chromium, which is not installed; run 'make deps' "
                          "(apt-get install chromium) or set KPI_CHROMIUM, or pass --no-pdf.")
    return path


A4 = {"paperWidth": 8.27, "paperHeight": 11.7}
"""Inches, as Playwright's format 'A4' gave them (the PDFs are the same, byte for byte)."""
MARGINS_MM = {"Top": 14, "Bottom": 16, "Left": 12, "Right": 12}


def _print_params() -> dict:
    """``Page.printToPDF``: A4, page numbers in the footer, backgrounds kept, the CSS page size preferred."""
    return {**A4, "printBackground": True, "displayHeaderFooter": True, "headerTemplate": "<span></span>",
            "footerTemplate": FOOTER, "preferCSSPageSize": True, "generateTaggedPDF": False,
            "generateDocumentOutline": False,
            **{f"margin{side}": mm * 3.78 / 96 for side, mm in MARGINS_MM.items()}}  # mm -> inches as Playwright


def launch():
    """A headless Chromium (``kpi.cdp``) that makes no network connection of its own."""
    from .cdp import Browser

    return Browser(chromium_path(), CHROMIUM_FLAGS)


def _warm_page(browser):
    """A page that has already laid out text in the report's style and fonts.

    Opening a page (a renderer process) and its first layout take about half of a first print; done
    while the notebook runs, the print that waits for the notebook is that much shorter.
    """
    from .page import wrap

    page = browser.page()
    page.set_content(wrap("<h2>Báo cáo</h2><table><tr><td>Tiến độ</td><td class='num'>1,5</td></tr></table>",
                          title="", lang="vi"))
    return page


def _print(page, html: Path, pdf: Path) -> None:
    """Print ``html`` to ``pdf`` in ``page``."""
    page.goto(Path(html).resolve().as_uri())
    page.pdf(pdf, **_print_params())


class PdfPrinter:
    """A browser started in a background thread, so that its start-up overlaps the notebook's run.

    ``with PdfPrinter() as p: ...; p.print(html, pdf)``; the browser is used from its thread only.
    """

    def __init__(self) -> None:
        import queue
        import threading

        chromium_path()  # fail early, in the caller's thread, if there is no browser
        self._jobs: queue.Queue = queue.Queue()
        self._done: queue.Queue = queue.Queue()
        self._thread = threading.Thread(target=self._run, name="kpi-pdf", daemon=True)

    def __enter__(self) -> "PdfPrinter":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._jobs.put(None)
        self._thread.join(timeout=60)

    def _run(self) -> None:
        from .cdp import BrowserError

        try:
            browser = launch()
        except BrowserError as e:  # the browser would not start: report it to the waiting caller
            while self._jobs.get() is not None:
                self._done.put(RenderError(f"Chromium could not start for the PDF: {e}"))
            return
        try:
            page = None
            try:
                page = _warm_page(browser)
            except BrowserError:
                pass  # a page is opened again for the first print, which reports the error
            while (job := self._jobs.get()) is not None:
                try:
                    page = page or browser.page()
                    _print(page, *job)
                    self._done.put(None)
                except BrowserError as e:
                    page = None  # a renderer that crashed: a new page for the next print
                    self._done.put(RenderError(f"printing {job[0].name} to PDF failed: {e}"))
        finally:
            browser.close()

    def print(self, html: Path, pdf: Path, timeout: float = 120, *, last: bool = False) -> None:
        """Print one page; raises ``RenderError`` if it fails.

        ``last``: nothing more to print; the browser is closed in the background (about 0.2 s) while the
        caller goes on (a render writes the Word report meanwhile).
        """
        self._jobs.put((Path(html), Path(pdf)))
        if last:
            self._jobs.put(None)
        error = self._done.get(timeout=timeout)
        if error is not None:
            raise error


def export(ctx) -> list[Path]:
    """Exporter ``pdf``: prints ``report.html`` with the browser started while the notebook ran."""
    printer = ctx.resources.get("printer")
    path = ctx.folder / "report.pdf"
    if printer is None:
        with PdfPrinter() as printer:
            printer.print(ctx.folder / "report.html", path)
    else:
        printer.print(ctx.folder / "report.html", path, last=True)
    return [path]
