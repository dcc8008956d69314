"""Printing the report's HTML to an A4 PDF with headless Chromium (Debian's package), via Playwright."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

from .errors import RenderError

CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]
FOOTER = ('<div style="font-family:DejaVu Sans,sans-serif;font-size:8px;color:#555;width:100%;'
          'text-align:center;padding:0 12mm"><span class="pageNumber"></span> / <span class="totalPages"></span></div>')


def chromium_path() -> str:
    """The Chromium executable: ``$KPI_CHROMIUM``, else ``chromium`` on the PATH."""
    path = os.environ.get("KPI_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        raise RenderError("report.pdf needs Chromium, which is not installed; run 'make deps' "
                          "(apt-get install chromium) or set KPI_CHROMIUM, or pass --no-pdf.")
    return path


def launch(playwright):
    """A headless Chromium that makes no network connection of its own."""
    return playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS, headless=True)


def _warm_page(browser):
    """A page that has already laid out text in the report's style and fonts.

    Opening a page (a renderer process) and its first layout take about half of a first print; done
    while the notebook runs, the print that waits for the notebook is that much shorter.
    """
    from .page import wrap

    page = browser.new_page()
    page.set_content(wrap("<h2>Báo cáo</h2><table><tr><td>Tiến độ</td><td class='num'>1,5</td></tr></table>",
                          title="", lang="vi"))
    return page


def _print(page, html: Path, pdf: Path) -> None:
    """Print ``html`` to ``pdf`` in ``page``: A4, page numbers in the footer, backgrounds kept."""
    page.goto(Path(html).resolve().as_uri(), wait_until="load")
    page.pdf(path=str(pdf), format="A4", print_background=True, display_header_footer=True,
             header_template="<span></span>", footer_template=FOOTER, prefer_css_page_size=True,
             margin={"top": "14mm", "bottom": "16mm", "left": "12mm", "right": "12mm"})


class PdfPrinter:
    """A browser started in a background thread, so that its start-up overlaps the notebook's run.

    ``with PdfPrinter() as p: ...; p.print(html, pdf)``; Playwright's sync API stays in its thread.
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
        from playwright.sync_api import Error, sync_playwright

        try:
            with sync_playwright() as p:
                browser = launch(p)
                try:
                    page = _warm_page(browser)
                    while (job := self._jobs.get()) is not None:
                        try:
                            if page.is_closed():  # a renderer that crashed: a new page
                                page = browser.new_page()
                            _print(page, *job)
                            self._done.put(None)
                        except Error as e:
                            self._done.put(RenderError(f"printing {job[0].name} to PDF failed: "
                                                       f"{str(e).splitlines()[0]}"))
                finally:
                    browser.close()
        except Exception as e:  # the browser would not start: report it to the waiting caller
            self._done.put(RenderError(f"Chromium could not start for the PDF: {str(e).splitlines()[0]}"))
            while self._jobs.get() is not None:
                self._done.put(RenderError("Chromium could not start for the PDF"))

    def print(self, html: Path, pdf: Path, timeout: float = 120) -> None:
        """Print one page; raises ``RenderError`` if it fails."""
        self._jobs.put((Path(html), Path(pdf)))
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
        printer.print(ctx.folder / "report.html", path)
    return [path]
