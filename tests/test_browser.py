"""report.html in a real browser: Debian's Chromium driven by Playwright."""
import shutil

import pytest

from kpi.pdf import CHROMIUM_FLAGS

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(shutil.which("chromium") is None, reason="chromium not installed (make deps)")]


def test_report_opens_without_console_errors(kontum_report, tmp_path):
    from playwright.sync_api import sync_playwright

    errors = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_FLAGS)
        page = browser.new_page(viewport={"width": 1200, "height": 900})
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto((kontum_report / "report.html").as_uri(), wait_until="load")
        rows = page.locator("table.scorecard tr[data-indicator]")
        assert rows.count() == 43
        assert page.locator("table.scorecard tr[data-status='off_track']").count() == 5  # budget, medicinal plants (9 months); growth, macadamia, ginseng (6 months, stale)
        assert page.title().startswith("Chương trình hành động")
        shot = tmp_path / "report.png"
        page.screenshot(path=str(shot), full_page=True)
        browser.close()
    assert errors == []
    assert shot.stat().st_size > 50_000
