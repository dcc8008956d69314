"""report.pdf: printed by Chromium from the same HTML; its text keeps the Vietnamese letters."""
import re
import shutil
import subprocess

import pandas as pd
import pytest

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed (make deps)")


def pdf_text(path) -> str:
    raw = subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return re.sub(r"\s+", " ", raw)


def test_pdf_is_a4_with_page_numbers(kontum_report):
    info = subprocess.run(["pdfinfo", str(kontum_report / "report.pdf")], capture_output=True, text=True).stdout
    assert "595.92 x 842.88 pts (A4)" in info or "594.96 x 841.92 pts (A4)" in info
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    text = pdf_text(kontum_report / "report.pdf")
    assert f"1 / {pages}" in text and f"{pages} / {pages}" in text


def test_pdf_text_has_title_and_every_target(kontum_report):
    text = pdf_text(kontum_report / "report.pdf")
    assert "Chương trình hành động thực hiện kế hoạch phát triển kinh tế - xã hội năm 2021" in text
    status = pd.read_csv(kontum_report / "status.csv", keep_default_na=False)
    missing = [n for n in status["name"] if n not in text]
    assert missing == []
