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


def print_pdf(html: Path, pdf: Path) -> None:
    """Print ``html`` to ``pdf``: A4, page numbers in the footer, backgrounds kept."""
    from playwright.sync_api import Error, sync_playwright

    try:
        with sync_playwright() as p:
            browser = launch(p)
            try:
                page = browser.new_page()
                page.goto(Path(html).resolve().as_uri(), wait_until="load")
                page.pdf(path=str(pdf), format="A4", print_background=True, display_header_footer=True,
                         header_template="<span></span>", footer_template=FOOTER, prefer_css_page_size=True,
                         margin={"top": "14mm", "bottom": "16mm", "left": "12mm", "right": "12mm"})
            finally:
                browser.close()
    except Error as e:
        raise RenderError(f"printing {html.name} to PDF failed: {str(e).splitlines()[0]}") from None
