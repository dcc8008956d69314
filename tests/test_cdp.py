"""kpi.cdp and the PDF printer when the browser is missing or broken: a message, never a hang."""
import os

import pytest

from kpi.cdp import Browser, BrowserError
from kpi.errors import RenderError
from kpi.pdf import PdfPrinter


def test_a_missing_executable_is_named(tmp_path, monkeypatch):
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    with pytest.raises(BrowserError, match="No such file"):
        Browser(str(tmp_path / "no-chromium"), [])
    assert not list(tmp_path.glob("kpi-chromium-*"))  # no profile folder left behind


def test_a_browser_that_exits_at_once_is_a_message(tmp_path, monkeypatch):
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    browser = Browser("/bin/true", [])
    assert len(list(tmp_path.glob("kpi-chromium-*"))) == 1  # its profile, in the render's scratch folder
    with pytest.raises(BrowserError, match="the browser has gone"):
        browser.page()
    browser.close()
    assert not list(tmp_path.glob("kpi-chromium-*"))


def test_printer_reports_a_broken_browser(tmp_path, monkeypatch):
    monkeypatch.setenv("KPI_CHROMIUM", "/bin/true")
    (tmp_path / "report.html").write_text("<p>x</p>", encoding="utf-8")
    with PdfPrinter() as printer:
        with pytest.raises(RenderError, match="printing report.html to PDF failed: the browser has gone"):
            printer.print(tmp_path / "report.html", tmp_path / "report.pdf", timeout=30)
    assert not (tmp_path / "report.pdf").exists()


@pytest.mark.slow  # a real Chromium
def test_printer_closes_its_browser_after_the_last_print(tmp_path, monkeypatch):
    import shutil

    if shutil.which("chromium") is None:
        pytest.skip("Chromium not installed (make deps)")
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    (tmp_path / "report.html").write_text("<p>Báo cáo</p>", encoding="utf-8")
    with PdfPrinter() as printer:
        printer.print(tmp_path / "report.html", tmp_path / "report.pdf", last=True)
        assert (tmp_path / "report.pdf").read_bytes().startswith(b"%PDF")
        printer._thread.join(timeout=30)  # closing by itself, not waiting for the end of the block
        assert not printer._thread.is_alive()
    assert not list(tmp_path.glob("kpi-chromium-*"))  # its profile removed


def test_socket_tmpdir_only_for_a_long_tmpdir():
    from kpi.cdp import socket_tmpdir

    assert socket_tmpdir("/tmp") is None and socket_tmpdir("/" + "x" * 61) is None  # 62 characters: fits
    made = socket_tmpdir("/" + "x" * 62)  # 63: Chromium exits at once (measured)
    try:
        assert made is not None and made.startswith("/tmp/kpi-chromium-") and os.path.isdir(made)
    finally:
        os.rmdir(made)


@pytest.mark.slow  # a real Chromium
def test_printer_works_under_a_long_tmpdir_and_leaves_nothing(tmp_path, monkeypatch):
    import glob
    import shutil

    if shutil.which("chromium") is None:
        pytest.skip("Chromium not installed (make deps)")
    deep = tmp_path / ("d" * 100)  # a deep output folder; Chromium's socket would not fit under it
    deep.mkdir()
    monkeypatch.setenv("TMPDIR", str(deep))
    (deep / "report.html").write_text("<p>Báo cáo</p>", encoding="utf-8")
    before = set(glob.glob("/tmp/kpi-chromium-*"))
    with PdfPrinter() as printer:
        printer.print(deep / "report.html", deep / "report.pdf", last=True)
    assert (deep / "report.pdf").read_bytes().startswith(b"%PDF")
    assert set(glob.glob("/tmp/kpi-chromium-*")) == before and not list(deep.glob("kpi-chromium-*"))
