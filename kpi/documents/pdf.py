"""Printing the report's HTML to an A4 PDF with headless Chromium (Debian's package), driven by Playwright."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

from ..errors import RenderError
from ..text.theme import FONT, MUTED

CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]
"""No sandbox (a container has none to give), no GPU, and no network connection of the browser's own."""
FOOTER = (f'<div style="font-family:{FONT},sans-serif;font-size:8px;color:{MUTED};width:100%;'
          'text-align:center;padding:0 12mm"><span class="pageNumber"></span> / <span class="totalPages"></span></div>')
MARGINS = {"top": "14mm", "bottom": "16mm", "left": "12mm", "right": "12mm"}
TIMEOUT_MS = 120_000
SOCKET_PATH_MAX = 107
"""Longest path of a Unix socket on Linux (``sun_path`` holds 108 bytes with its NUL)."""
SOCKET_TAIL = 45
"""What Chromium adds to its ``$TMPDIR`` for the socket that keeps one browser per profile
(``/.org.chromium.Chromium.XXXXXX/SingletonSocket``); measured: a TMPDIR of 62 characters works, 63 does not
(Chromium exits at once, and Playwright says 'Target page, context or browser has been closed')."""


def chromium_path() -> str:
    """The Chromium executable: ``$KPI_CHROMIUM``, else ``chromium`` on the PATH; ``RenderError`` if none."""
    chosen = os.environ.get("KPI_CHROMIUM")
    if chosen and not (os.path.isfile(chosen) and os.access(chosen, os.X_OK)):
        raise RenderError(f"KPI_CHROMIUM is {chosen}, which is not an executable file; point it at Chromium, "
                          "or unset it to use the chromium that 'make deps' installs, or pass --no-pdf.")
    path = chosen or shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        raise RenderError("report.pdf needs Chromium, which is not installed; run 'make deps' "
                          "(apt-get install chromium) or set KPI_CHROMIUM, or pass --no-pdf.")
    return path


def print_pdf(html: Path, pdf: Path) -> None:
    """Print ``html`` to ``pdf``: A4, the page numbers 'n / N' in the footer, backgrounds kept.

    Raises ``RenderError`` if there is no Chromium, if it does not start, or if the print fails. The print runs
    in a thread of its own: Playwright's synchronous API refuses to run in a thread whose asyncio loop is
    running (a Jupyter kernel's). The browser starts here, after the notebook: started beside the notebook it
    saved about 1 s, but a SIGTERM that came while modules were still being imported once kept the command
    from ending within 60 s (seen once, in a full test run).
    """
    from concurrent.futures import ThreadPoolExecutor

    executable = chromium_path()  # no browser: said at once
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="kpi-pdf") as pool:
        pool.submit(_print, executable, Path(html), Path(pdf)).result()


def _print(executable: str, html: Path, pdf: Path) -> None:
    """Launch Chromium, load ``html``, print it to ``pdf``, close Chromium; errors as ``RenderError``."""
    from playwright.sync_api import Error, sync_playwright

    short = short_tmpdir()
    try:
        with sync_playwright() as p:
            try:
                browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS, timeout=TIMEOUT_MS,
                                            env=None if short is None else {**os.environ, "TMPDIR": short})
            except Error as e:
                raise RenderError(f"Chromium ({executable}) could not start for the PDF: {_first_line(e)}") from None
            try:
                page = browser.new_page()
                page.goto(html.resolve().as_uri(), wait_until="load", timeout=TIMEOUT_MS)
                page.pdf(path=pdf, format="A4", margin=MARGINS, print_background=True, prefer_css_page_size=True,
                         display_header_footer=True, header_template="<span></span>", footer_template=FOOTER)
            except Error as e:
                pdf.unlink(missing_ok=True)
                raise RenderError(f"printing {html.name} to PDF failed: {_first_line(e)}") from None
            finally:
                browser.close()
    finally:
        if short is not None:
            shutil.rmtree(short, ignore_errors=True)


def short_tmpdir() -> str | None:
    """A new folder in /tmp for Chromium's ``$TMPDIR`` if the current one is too long for its socket, else ``None``."""
    import tempfile

    if len(os.environ.get("TMPDIR") or tempfile.gettempdir()) + SOCKET_TAIL <= SOCKET_PATH_MAX:
        return None
    try:
        return tempfile.mkdtemp(prefix="kpi-chromium-", dir="/tmp")
    except OSError:
        return None  # no /tmp: Chromium is given what there is


def _first_line(e: Exception) -> str:
    """The first line of Playwright's message (the rest is its call log), without the method's name."""
    import re

    lines = [ln.strip() for ln in str(e).splitlines() if ln.strip()]
    return re.sub(r"^\w+\.\w+: ", "", lines[0]) if lines else type(e).__name__


def export(ctx) -> list[Path]:
    """Exporter ``pdf``: prints ``report.html``, which the ``html`` exporter wrote just before."""
    path = ctx.folder / "report.pdf"
    print_pdf(ctx.folder / "report.html", path)
    return [path]
