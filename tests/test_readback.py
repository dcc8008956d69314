"""One report, every medium: read each artefact back and find the same facts in it.

The oracle is the assessment itself (``kpi.assess`` on the bundled plan), not any file: for every target with a
figure, its figure with its unit, its status and, for a flow projected from its figure, the year-end projection
must be found in the page (HTML), the Word report, the slides and status.xlsx. An artefact that drops a target,
rounds a figure its own way or says another verdict fails here.
"""
from html.parser import HTMLParser

import pytest

import kpi
from conftest import KONTUM
from kpi.assessment.engine import PROJECTED
from kpi.text.formatting import DIGITS, quantity
from kpi.text.labels import status_label

pytestmark = pytest.mark.slow
PERIOD = "2021-Q3"


@pytest.fixture(scope="module")
def q3(tmp_path_factory):
    from kpi.render.report import Job, render

    out = tmp_path_factory.mktemp("readback")
    rendered = render(Job(plan_dir=str(KONTUM), period=PERIOD, lang="vi", out=str(out),
                          formats=("html", "docx", "xlsx", "slides"), timeout=300))
    return rendered.folder


class _Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts, self.rows = [], {}
        self._row = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "tr" and "data-indicator" in attrs:
            self._row = attrs["data-indicator"]
            self.rows[self._row] = {"status": attrs.get("data-status"), "text": []}

    def handle_endtag(self, tag):
        if tag == "tr":
            self._row = None

    def handle_data(self, data):
        self.parts.append(data)
        if self._row:
            self.rows[self._row]["text"].append(data)


def _plain(text: str) -> str:
    """Text as a reader sees it, line by line: a no-break space is a space, runs of spaces one."""
    return "\n".join(" ".join(line.replace("\u00a0", " ").replace("\u202f", " ").split())
                     for line in text.split("\n"))


def _html(folder):
    parser = _Text()
    parser.feed((folder / "report.html").read_text(encoding="utf-8"))
    rows = {k: {"status": v["status"], "text": _plain(" ".join(v["text"]))} for k, v in parser.rows.items()}
    return _plain(" ".join(parser.parts)), rows


def _docx(folder):
    from docx import Document

    doc = Document(folder / "report.docx")
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts.append(" | ".join(c.text.replace("\n", " ") for c in row.cells))
    return _short("\n".join(parts))


def _short(text: str) -> str:
    """The Word report's text with each abbreviation as the page writes it: the report spells one out at its first
    use (Decree 30: 'tổng sản phẩm trên địa bàn (GRDP)'), the page does not."""
    from kpi.text.labels import ABBREVIATIONS

    text = _plain(text)
    for abbr, words in ABBREVIATIONS["vi"].items():
        for spelled in (words, words[0].upper() + words[1:]):
            text = text.replace(f"{spelled} ({abbr})", abbr)
    return text


def _pptx(folder):
    from pptx import Presentation

    deck = Presentation(folder / "slides.pptx")
    parts = []
    for slide in deck.slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                parts.append(shape.text_frame.text)
            if shape.has_table:
                for row in shape.table.rows:
                    parts.append(" | ".join(c.text for c in row.cells))
    return _plain("\n".join(parts))


def _xlsx(folder):
    from openpyxl import load_workbook

    sheet = load_workbook(folder / "status.xlsx").active
    rows = [[c.value for c in r] for r in sheet.iter_rows()]
    return rows


@pytest.fixture(scope="module")
def truth():
    plan, obs = kpi.load(KONTUM)
    status = kpi.assess(plan, obs, PERIOD)
    return status[status["as_of"] != ""]


def test_every_figure_and_status_is_in_the_page(q3, truth):
    text, rows = _html(q3)
    for _, r in truth.iterrows():
        figure = quantity(r["actual"], r["unit"], "vi", qualifier=r["qualifier"])
        row = rows[r["indicator"]]
        assert row["status"] == r["status"], r["indicator"]
        assert figure in row["text"], (r["indicator"], figure, row["text"])
        assert status_label(r["status"], "vi", approximate=r["approximate"]) in row["text"]
        if r["projection_method"] in PROJECTED and not r["stale"]:
            projection = quantity(r["projection"], r["unit"], "vi", digits=DIGITS["projection"])
            assert projection in row["text"], (r["indicator"], projection)


def test_every_figure_status_and_projection_is_in_the_word_report(q3, truth):
    text = _docx(q3)
    for _, r in truth.iterrows():
        figure = quantity(r["actual"], r["unit"], "vi", qualifier=r["qualifier"])
        assert figure in text, (r["indicator"], figure)
        assert f"{r['name']} |" in text  # its row in the appendix
        if r["projection_method"] in PROJECTED:
            projection = quantity(r["projection"], r["unit"], "vi", digits=DIGITS["projection"])
            assert f"Ước cả năm {projection}" in text, (r["indicator"], projection)
    appendix = {line.split(" | ")[1]: line for line in text.split("\n") if line.count(" | ") > 3}
    for _, r in truth.iterrows():
        line = appendix[r["name"]]
        assert status_label(r["status"], "vi", approximate=r["approximate"]) in line, (r["indicator"], line)


def test_every_figure_and_status_is_on_the_slides(q3, truth):
    text = _pptx(q3)
    for _, r in truth.iterrows():
        figure = quantity(r["actual"], r["unit"], "vi", qualifier=r["qualifier"])
        assert figure in text, (r["indicator"], figure)
        assert r["name"] in text, r["indicator"]


def test_every_figure_and_status_is_in_status_xlsx(q3, truth):
    rows = _xlsx(q3)
    for _, r in truth.iterrows():
        row = next(x for x in rows if r["name"] in x)
        assert r["actual"] in row, (r["indicator"], row)
        assert status_label(r["status"], "vi", approximate=r["approximate"]) in row, (r["indicator"], row)


def test_each_targets_sentence_is_the_same_in_the_page_and_the_word_report(q3, truth):
    """The story is told once: the sentence of every target with a figure, word for word, in both."""
    from kpi.story.sections import takeaway

    page, _ = _html(q3)
    word = _docx(q3)
    for _, r in truth.iterrows():
        sentence = _plain(takeaway(r, "vi"))
        assert sentence in page, (r["indicator"], sentence)
        assert sentence in word, (r["indicator"], sentence)
