"""report.html in a real browser (Debian's Chromium driven by Playwright): what a reader sees on the page."""
import shutil

import pytest

from kpi.story.figures import read_manifest
from kpi.documents.pdf import CHROMIUM_FLAGS

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(shutil.which("chromium") is None, reason="chromium not installed (make deps)")]


def test_the_page_shows_the_report(kontum_report):
    from playwright.sync_api import sync_playwright

    errors = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_FLAGS)
        page = browser.new_page(viewport={"width": 1200, "height": 900})
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto((kontum_report / "report.html").as_uri(), wait_until="load")

        assert page.title() == "Chương trình hành động thực hiện kế hoạch phát triển kinh tế - xã hội năm 2021 — " \
                               "Quý III và 9 tháng năm 2021"
        assert page.get_by_role("heading", level=1).inner_text().startswith(
            "Chương trình hành động thực hiện kế hoạch phát triển")
        assert page.get_by_role("heading", level=2).all_inner_texts() == [
            "Tóm tắt", "Kinh tế", "Văn hóa - xã hội và môi trường", "Quốc phòng, an ninh",
            "Bảng đánh giá toàn bộ chỉ tiêu", "Ghi chú số liệu"]
        # budget revenue: about 2,000 of 3,500 billion dong by September, 2,000 / 3,500 = 57.1%; behind schedule
        assert page.locator("tr[data-indicator='budget_revenue'] td").all_inner_texts() == [
            "Thu ngân sách nhà nước trên địa bàn", "đạt 3.500\u00a0tỷ\u00a0đồng", "khoảng 2.000\u00a0tỷ\u00a0đồng", "9 tháng năm 2021",
            "57,1%", "74%\ntheo 2019, 2020", "2.712\u00a0tỷ\u00a0đồng", "Chậm tiến độ"]  # each number keeps its unit
        assert page.locator("table.scorecard tr[data-indicator]").count() == 43
        assert page.locator("table.scorecard tr[data-status='off_track']").count() == 5  # budget, medicinal plants (9 months); growth, macadamia, ginseng (6 months, stale)

        images = page.get_by_role("img")
        shown = images.evaluate_all("imgs => imgs.map(i => [i.alt, i.complete && i.naturalWidth > 0, "
                                    "i.getBoundingClientRect().width > 0])")
        # the trend whole; the flows (13) and the scorecard (10 rows) in the parts drawn for a printed page
        captions = [c for f in read_manifest(kontum_report / "figures") for c in f.page_captions()]
        assert captions[:3] == ["Tốc độ tăng trưởng GRDP so với kế hoạch",
                                "Tiến độ các chỉ tiêu lũy kế và ước cả năm (1/3)",
                                "Tiến độ các chỉ tiêu lũy kế và ước cả năm (2/3)"] and len(captions) == 6
        assert shown == [[c, True, True] for c in captions]
        browser.close()
    assert errors == []
