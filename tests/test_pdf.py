"""report.pdf: printed by Debian's Chromium through Playwright from the same HTML; its text keeps the Vietnamese
letters; a machine without Chromium gets a message that says what to do."""
import asyncio
import os
import re
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pandas as pd
import pytest

from kpi.documents import pdf
from kpi.errors import RenderError
from kpi.files import display
from kpi.render.report import Job, render
from conftest import MINI

NO_CHROMIUM = ("report.pdf needs Chromium, which is not installed; run 'make deps' (apt-get install chromium) "
               "or set KPI_CHROMIUM, or pass --no-pdf.")
needs_pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
needs_chromium = pytest.mark.skipif(shutil.which("chromium") is None, reason="chromium not installed (make deps)")
PAGE = """<!doctype html><html lang="vi"><head><meta charset="utf-8"><style>
.break { break-before: page; }</style></head>
<body><h1>Báo cáo tình hình thực hiện</h1><p>Thu ngân sách 2.000 tỷ đồng, đạt 57,1% dự toán.</p>
<p class="break">Trang thứ hai: chỉ tiêu chậm tiến độ.</p></body></html>"""


def pdf_text(path) -> str:
    raw = subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return re.sub(r"\s+", " ", raw)


def pdf_info(path) -> tuple[int, str]:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", info).group(1)), re.search(r"Page size:\s+(.+)", info).group(1).strip()


A4 = ("595.92 x 842.88 pts (A4)", "594.96 x 841.92 pts (A4)")


@pytest.fixture
def no_chromium(tmp_path, monkeypatch):
    monkeypatch.delenv("KPI_CHROMIUM", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))


def test_a_machine_without_chromium_is_told_what_to_do(no_chromium, tmp_path):
    with pytest.raises(RenderError) as e:
        pdf.print_pdf(tmp_path / "report.html", tmp_path / "report.pdf")
    assert str(e.value) == NO_CHROMIUM


def test_a_render_without_chromium_says_so_before_the_notebook_runs(no_chromium, tmp_path):
    with pytest.raises(RenderError) as e:
        render(Job(plan_dir=str(MINI), period="2021-Q2", lang="vi", out=str(tmp_path / "out"), formats=("pdf",)))
    assert str(e.value) == f"{display(MINI)} 2021-Q2: {NO_CHROMIUM}"
    assert not (tmp_path / "out").exists()  # nothing staged, nothing half-written


def test_kpi_chromium_that_is_not_a_program_is_named(tmp_path, monkeypatch):
    monkeypatch.setenv("KPI_CHROMIUM", str(tmp_path / "no-chromium"))
    with pytest.raises(RenderError) as e:
        pdf.chromium_path()
    assert str(e.value) == (f"KPI_CHROMIUM is {tmp_path / 'no-chromium'}, which is not an executable file; point it "
                            "at Chromium, or unset it to use the chromium that 'make deps' installs, or pass --no-pdf.")


def test_a_browser_that_exits_at_once_is_a_message_and_no_pdf(tmp_path, monkeypatch):
    monkeypatch.setenv("KPI_CHROMIUM", "/bin/true")
    (tmp_path / "report.html").write_text(PAGE, encoding="utf-8")
    with pytest.raises(RenderError, match=r"^Chromium \(/bin/true\) could not start for the PDF: Target page, "
                                          r"context or browser has been closed$"):
        pdf.print_pdf(tmp_path / "report.html", tmp_path / "report.pdf")
    assert not (tmp_path / "report.pdf").exists()


def test_a_short_tmpdir_only_for_a_long_tmpdir(monkeypatch):
    monkeypatch.setenv("TMPDIR", "/" + "x" * 61)  # 62 characters: Chromium's socket fits (measured)
    assert pdf.short_tmpdir() is None
    monkeypatch.setenv("TMPDIR", "/" + "x" * 62)  # 63: Chromium exits at once (measured)
    made = pdf.short_tmpdir()
    try:
        assert made is not None and made.startswith("/tmp/kpi-chromium-")
    finally:
        shutil.rmtree(made)


@pytest.mark.slow
@pytest.mark.browser
@needs_chromium
@needs_pdftotext
@pytest.mark.parametrize("where", ["here", "thread", "asyncio loop"])
def test_print_is_a4_with_the_text_and_page_numbers(tmp_path, where):
    html, out = tmp_path / "report.html", tmp_path / "report.pdf"
    html.write_text(PAGE, encoding="utf-8")
    if where == "here":
        pdf.print_pdf(html, out)
    elif where == "thread":  # as kpi.documents.registry prints, beside the Word report
        with ThreadPoolExecutor(1) as pool:
            pool.submit(pdf.print_pdf, html, out).result()
    else:  # as in a Jupyter kernel, whose asyncio loop runs: Playwright's sync API would refuse it there

        async def inside():
            pdf.print_pdf(html, out)

        asyncio.run(inside())
    assert pdf_info(out)[0] == 2 and pdf_info(out)[1] in A4
    assert pdf_text(out) == ("Báo cáo tình hình thực hiện Thu ngân sách 2.000 tỷ đồng, đạt 57,1% dự toán. 1 / 2 "
                             "Trang thứ hai: chỉ tiêu chậm tiến độ. 2 / 2 ")


@pytest.mark.slow
@pytest.mark.browser
@needs_chromium
@needs_pdftotext
def test_a_render_under_a_long_tmpdir_prints_and_leaves_nothing(tmp_path):
    """Chromium's socket lives under $TMPDIR: under a TMPDIR of 100+ characters it would not start."""
    deep = tmp_path / ("d" * 100)
    deep.mkdir()
    before = set(p.name for p in Path("/tmp").glob("kpi-chromium-*"))
    done = subprocess.run([sys.executable, "-m", "kpi.cli", "report", str(MINI), "--period", "2021-Q2", "--no-docx",
                           "--out", str(tmp_path / "out")], capture_output=True, text=True,
                          env={**os.environ, "TMPDIR": str(deep)})
    assert done.returncode == 0, done.stderr
    report = tmp_path / "out" / "mini-2021" / "2021-Q2" / "report.pdf"
    assert "Thu ngân sách" in pdf_text(report)
    assert list(deep.iterdir()) == []  # the render's scratch folder, Playwright's profile: all removed
    assert set(p.name for p in Path("/tmp").glob("kpi-chromium-*")) == before


def test_pdf_is_a4_with_page_numbers(kontum_report):
    pages, size = pdf_info(kontum_report / "report.pdf")
    # Kon Tum Q3: 8 pages: tables break between rows (main), the 28 yearly levels not yet due at 9 months are
    # no longer listed as "no data" needing attention (the publication calendar) but named in their section as the
    # Word report names them; the flows and the scorecard in parts, the page breaking between them
    assert size in A4 and pages == 8
    text = pdf_text(kontum_report / "report.pdf")
    assert all(f"{n} / {pages}" in text for n in range(1, pages + 1))


def test_pdf_text_has_title_and_every_target(kontum_report):
    text = pdf_text(kontum_report / "report.pdf")
    assert "Chương trình hành động thực hiện kế hoạch phát triển kinh tế - xã hội năm 2021" in text
    status = pd.read_csv(kontum_report / "status.csv", keep_default_na=False)
    missing = [n for n in status["name"] if n not in text]
    assert missing == []


def page_text(pdf, n: int) -> str:
    raw = subprocess.run(["pdftotext", "-f", str(n), "-l", str(n), "-raw", str(pdf), "-"], capture_output=True,
                         text=True, check=True).stdout
    return raw.strip()


@needs_pdftotext
def test_no_page_is_more_than_two_fifths_blank_but_a_sections_last(kontum_report):
    """Q3 printed pages 2, 4 and 8 55-75% blank (a whole table or a chart 186 mm wide pushed onto the next page).
    Measured on the PDF itself: below the last ink of each page's text area (A4 less the 14 and 16 mm margins)."""
    from _pages import blank_shares

    pdf = kontum_report / "report.pdf"
    shares = blank_shares(pdf, top_mm=14, bottom_mm=16)
    assert page_text(pdf, 2).startswith("Kinh tế")  # page 1 is the summary's last page (it ends with a page break)
    assert page_text(pdf, 1).startswith("TỈNH KON TUM")
    inner = {n: round(share, 2) for n, _, share in shares[1:-1]}  # the document's last page ends its last section
    assert {n: share for n, share in inner.items() if share > 0.40} == {}, inner


def test_a_number_keeps_its_unit_on_its_line():
    """'3.500 tỷ / đồng' broke in the narrow columns: the plan's units are bound to their number."""
    from kpi.documents.html import keep_units

    html = "<td>đạt 3.500 tỷ đồng</td><td>khoảng 2.000 tỷ đồng; 960 ha, 12 hao</td><td>63,1%</td><td>tỷ đồng</td>"
    assert keep_units(html, {"tỷ đồng", "ha", "%", ""}) == (
        "<td>đạt 3.500\u00a0tỷ\u00a0đồng</td><td>khoảng 2.000\u00a0tỷ\u00a0đồng; 960\u00a0ha, 12 hao</td>"
        "<td>63,1%</td><td>tỷ đồng</td>")


def test_the_report_page_binds_numbers_and_units(kontum_report):
    html = (kontum_report / "report.html").read_text(encoding="utf-8")
    assert "3.500\u00a0tỷ\u00a0đồng" in html and "3.500 tỷ đồng" not in html
