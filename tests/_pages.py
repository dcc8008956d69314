"""How much of each page of a PDF is left blank at its foot: the page drawn small by pdftoppm (poppler), every
row of its text area looked at for ink. Text, tables and pictures all count (pdftotext would see only text)."""
import subprocess
import tempfile
from pathlib import Path

from PIL import Image

DPI = 30
"""About 1.2 pixels a millimetre: enough to find the last line of 10-pt text, fast (a page in a few ms)."""
INK = 200
"""A pixel darker than this (0 black, 255 white) is ink; the palest fill of the report (#f2f2f2) is not."""


def blank_shares(pdf, *, top_mm: float, bottom_mm: float) -> list[tuple[int, bool, float]]:
    """For each page of ``pdf``: its number (from 1), whether it is landscape, and the share of its text area
    (the page less ``top_mm`` and ``bottom_mm``, where header and footer sit) below the last ink."""
    out = []
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(["pdftoppm", "-r", str(DPI), "-gray", str(pdf), f"{folder}/p"], check=True)
        for n, path in enumerate(sorted(Path(folder).glob("p-*.pgm"), key=lambda p: int(p.stem.split("-")[1])), 1):
            with Image.open(path) as im:
                width, height = im.size
                px = DPI / 25.4
                top, bottom = round(top_mm * px), height - round(bottom_mm * px)
                rows = im.crop((0, top, width, bottom))
                last = -1
                data = rows.load()
                for y in range(rows.height - 1, -1, -1):
                    if any(data[x, y] < INK for x in range(rows.width)):
                        last = y
                        break
                out.append((n, width > height, (rows.height - 1 - last) / rows.height))
    return out
