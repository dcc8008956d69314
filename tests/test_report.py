"""The quarterly report, rendered through papermill, and its artefacts."""
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from PIL import Image

import kpi
from kpi.files import display
from kpi.render.execute import check_parameters, execute
from kpi.render.report import Job, render, render_many
from kpi.paths import REPORT_NOTEBOOK
from _digest import digest, digests
from conftest import FIXTURES, KONTUM, MINI, MONTHS

FIGURES = ["trend-grdp_growth", "flows", "scorecard"]  # at Q3 no share has a figure: no structure chart


def rows_of(html: str) -> dict[str, str]:
    return dict(re.findall(r'<tr data-indicator="([^"]+)" data-status="([^"]+)">', html))


def test_report_folder_holds_every_artefact(kontum_report):
    import ast
    from html import escape

    import yaml
    from pptx import Presentation

    assert kontum_report.name == "2021-Q3" and kontum_report.parent.name == "kontum-2021"
    assert sorted(p.name for p in kontum_report.iterdir()) == [
        "figures", "report.html", "report.ipynb", "report.pdf", "slides.pptx", "status.csv"]
    # the notebook: valid nbformat, run with the parameters the render injected
    nb = nbformat.read(kontum_report / "report.ipynb", as_version=4)
    nbformat.validate(nb)
    injected = [c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert len(injected) == 1
    given = {n.targets[0].id: ast.literal_eval(n.value) for n in ast.parse(injected[0].source).body}
    assert {k: given[k] for k in ("plan_dir", "period", "lang")} == {
        "plan_dir": str(KONTUM.resolve()), "period": "2021-Q3", "lang": "vi"}
    assert given["output_dir"]  # the staging folder the report was renamed from
    # the page: its title is the plan's title (read from plan.yaml) and the period
    title = yaml.safe_load((KONTUM / "plan.yaml").read_text(encoding="utf-8"))["title"]["vi"]
    html = (kontum_report / "report.html").read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>\n<html lang=\"vi\">")
    assert f"<title>{escape(title)} — Quý III và 9 tháng năm 2021</title>" in html and html.rstrip().endswith("</html>")
    # the PDF: a whole PDF, A4, the summary page and at least one more
    pdf = (kontum_report / "report.pdf").read_bytes()
    assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")
    if shutil.which("pdfinfo"):
        out = subprocess.run(["pdfinfo", str(kontum_report / "report.pdf")], capture_output=True, text=True,
                             check=True).stdout
        info = dict(line.split(":", 1) for line in out.splitlines())
        assert int(info["Pages"]) >= 2
        assert info["Page size"].strip().endswith("pts (A4)")
    # the slides: title, summary, one per figure, the scorecard, the targets with no figure
    deck = Presentation(kontum_report / "slides.pptx")
    titles = [next((s.text_frame.text for s in slide.shapes if s.has_text_frame and s.text_frame.text), "")
              for slide in deck.slides]
    assert len(deck.slides) >= 2 + len(FIGURES) + 2, titles
    status = pd.read_csv(kontum_report / "status.csv", keep_default_na=False)
    missing = int(((status["as_of"] == "") & (status["status"] != "not_due")).sum())  # due and missing, not the not-due
    assert missing > 0 and any(t.startswith("Bảng đánh giá chỉ tiêu") for t in titles)
    assert any(t.startswith(f"Chỉ tiêu chưa có số liệu ({missing})") for t in titles)
    from kpi.story.figures import read_manifest

    manifest = read_manifest(kontum_report / "figures")
    assert [f.name for f in manifest] == FIGURES
    assert sorted(p.name for p in (kontum_report / "figures").iterdir()) == sorted(
        ["manifest.json", "page", "slide"] + [f"{n}.{e}" for n in FIGURES for e in ("png", "svg")])
    # for the Word report, the page charts taller than 90 mm in parts: 13 flows 5, 4, 4; the 10-row scorecard 5, 5
    assert [f.prints for f in manifest] == [(), tuple(f"page/flows-{k}.png" for k in range(1, 4)),
                                            tuple(f"page/scorecard-{k}.png" for k in range(1, 3))]
    assert sorted(p.name for p in (kontum_report / "figures" / "page").iterdir()) == sorted(
        f"{Path(png).stem}.{e}" for f in manifest for png in f.prints for e in ("png", "svg"))
    # with the slides, each chart drawn again for a slide: a long one in parts (13 flows: 4, 3, 3, 3; 10 rows: 4, 3, 3)
    assert [f.slides for f in manifest] == [("slide/trend-grdp_growth.png",), tuple(f"slide/flows-{k}.png" for k in
                                            range(1, 5)), tuple(f"slide/scorecard-{k}.png" for k in range(1, 4))]
    assert sorted(p.name for p in (kontum_report / "figures" / "slide").iterdir()) == sorted(
        f"{Path(png).stem}.{e}" for f in manifest for png in f.slides for e in ("png", "svg"))
    assert manifest[0].targets == ("grdp_growth",) and manifest[0].caption == "Tốc độ tăng trưởng GRDP so với kế hoạch"
    for fig in FIGURES:
        png, svg = kontum_report / "figures" / f"{fig}.png", kontum_report / "figures" / f"{fig}.svg"
        assert svg.read_text(encoding="utf-8").lstrip().startswith("<?xml")
        with Image.open(png) as im:  # 300 dots per inch where it is printed: as wide as drawn, at most 165 mm
            width, dpi = im.size[0], im.info["dpi"][0]
        assert width / min(width / dpi, 165 / 25.4) >= 299
    assert not list(kontum_report.parent.glob(".*"))  # no temporary folder left behind


def test_html_scorecard_has_every_target_with_its_status(kontum_report):
    html = (kontum_report / "report.html").read_text(encoding="utf-8")
    status = pd.read_csv(kontum_report / "status.csv", keep_default_na=False)
    assert rows_of(html) == dict(zip(status["indicator"], status["status"]))
    assert len(rows_of(html)) == 43
    assert rows_of(html)["budget_revenue"] == "off_track"
    assert "khoảng 2.000\u00a0tỷ\u00a0đồng" in html and "57,1%" in html  # Vietnamese number format, unit bound


def test_html_has_no_code_and_no_parameters(kontum_report):
    html = (kontum_report / "report.html").read_text(encoding="utf-8")
    for code in ["import kpi", "plan_dir", "output_dir", "papermill", "jp-InputArea", "input_area", "In&nbsp;["]:
        assert code not in html, code
    assert "<script" not in html  # self-contained, nothing to run
    nb = nbformat.read(kontum_report / "report.ipynb", as_version=4)
    assert not [o for c in nb.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]


def test_status_csv_equals_kpi_status(kontum_report):
    out = subprocess.run([sys.executable, "-m", "kpi.cli", "status", str(KONTUM), "--period", "2021-Q3",
                          "--format", "csv"], capture_output=True, text=True, check=True).stdout
    raw = (kontum_report / "status.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # a byte-order mark, so that Excel reads UTF-8
    assert raw[3:].decode("utf-8") == out
    # What the exporters read back is the frame the notebook assessed, value for value.
    from kpi.documents.csv import read_csv

    plan, obs = kpi.load(KONTUM)
    pd.testing.assert_frame_equal(read_csv(kontum_report / "status.csv"), kpi.assess(plan, obs, "2021-Q3"),
                                  check_dtype=False)


def test_mini_plan_renders_in_english(tmp_path):
    folder = render(Job(plan_dir=str(MINI), period="2021-Q2", lang="en", out=str(tmp_path), formats=("html",))).folder
    html = (folder / "report.html").read_text(encoding="utf-8")
    assert len(rows_of(html)) == 11
    assert rows_of(html)["revenue"] == "on_track"
    assert "Budget revenue" in html and "1,111\u00a0bn\u00a0VND" in html  # English number format, unit bound
    assert (folder / "figures" / "trend-grdp_growth.png").exists()


def test_text_from_data_is_escaped(tmp_path):
    folder = render(Job(plan_dir=str(FIXTURES / "escaping"), period="2021-Q1", lang="vi", out=str(tmp_path),
                        formats=("html",))).folder
    html = (folder / "report.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    for raw in ["<script>alert(1)", "<script>alert(4)", "<b>Tỉnh</b>", "<i>thử</i>", "<img src=x", "<u>đồng</u>",
                'href="javascript:']:
        assert raw not in html, raw
    svg = (folder / "figures" / "flows.svg").read_text(encoding="utf-8")
    assert "<script>" not in svg and "&lt;script&gt;alert(1)&lt;/script&gt;" in svg


def test_failed_render_keeps_the_previous_report(tmp_path, plan_copy):
    plan_dir = plan_copy("mini")
    out = tmp_path / "reports"
    job = Job(plan_dir=str(plan_dir), period="2021-Q2", lang="vi", out=str(out), formats=("html",))
    folder = render(job).folder
    before = digests(p for p in folder.iterdir() if p.is_file())
    with (plan_dir / "observations.csv").open("a", encoding="utf-8") as fh:
        fh.write("revenue,2021-Q3,\"5,5\",estimate,,,\n")
    with pytest.raises(kpi.RenderError) as info:
        render(job)
    assert str(info.value) == (f"{plan_dir} 2021-Q2: {plan_dir}/observations.csv, row 27: value '5,5' is not a "
                               "number; write 5.5 (a decimal point, no thousands separator). "
                               "The previous report is kept.")
    assert digests(p for p in folder.iterdir() if p.is_file()) == before
    assert sorted(p.name for p in folder.parent.iterdir()) == ["2021-Q2"]


def test_failing_cell_is_named_and_previous_report_kept(tmp_path, monkeypatch, plan_copy):
    plan_dir = plan_copy("mini")
    out = tmp_path / "reports"
    job = Job(plan_dir=str(plan_dir), period="2021-Q2", lang="vi", out=str(out), formats=("html",))
    folder = render(job).folder
    before = digest(folder / "report.html")
    broken = tmp_path / "broken.ipynb"
    nb = nbformat.read(REPORT_NOTEBOOK, as_version=4)
    nb.cells.insert(3, nbformat.v4.new_code_cell("1 / 0"))
    nbformat.write(nb, broken)
    monkeypatch.setattr("kpi.render.report.REPORT_NOTEBOOK", broken)
    with pytest.raises(kpi.RenderError) as info:
        render(job)
    message = str(info.value)
    assert "broken.ipynb, cell 4 (`1 / 0`): ZeroDivisionError: division by zero. The previous report" in message
    assert message.endswith("The previous report is kept.") and "\n" not in message
    assert digest(folder / "report.html") == before
    assert sorted(p.name for p in folder.parent.iterdir()) == ["2021-Q2"]


def test_unknown_parameters_are_refused_before_execution(tmp_path):
    with pytest.raises(kpi.RenderError, match=r"unknown parameter 'colour'; the notebook declares as_of, lang, "
                                              r"media, output_dir, period, plan_dir\."):
        check_parameters(REPORT_NOTEBOOK, {"period": "2021-Q1", "colour": "red"})
    with pytest.raises(kpi.RenderError):
        execute(REPORT_NOTEBOOK, tmp_path / "x.ipynb", {"colour": "red"})
    assert not (tmp_path / "x.ipynb").exists()


def test_render_many_in_parallel_names_each_failure(tmp_path, capsys, plan_copy):
    bad = plan_copy("mini", to="bad")
    (bad / "observations.csv").write_text("indicator,period,value\nrevenu,2021-Q1,1\n", encoding="utf-8")
    code = render_many([str(MINI), str(bad)], period="all", out=tmp_path / "out", jobs=2, formats=("html",))
    err = capsys.readouterr()
    assert code == 2
    assert "kpi report: 1 of 5 failed:" in err.err
    assert "indicator 'revenu' is not in the plan; did you mean 'revenue'?" in err.err
    assert sorted(p.name for p in (tmp_path / "out" / "mini-2021").iterdir()) == [f"2021-Q{q}" for q in (1, 2, 3, 4)]
    assert err.out.count("report.html") == 4 and err.out.count("wrote ") == 4


def test_attention_lists_the_worst_first(kontum):
    from kpi.story.sections import attention

    plan, obs = kontum
    need = attention(kpi.assess(plan, obs, "2021-Q2"))
    assert list(need["status"]) == ["off_track"] * 5 + ["at_risk", "undetermined", "undetermined"]
    assert list(need["indicator"][:2]) == ["grdp_growth", "budget_revenue"]
    assert len(attention(kpi.assess(plan, obs, "2021-Q2"), 3)) == 3


def test_rerender_over_an_existing_report_leaves_one_folder_and_says_what_was_dropped(tmp_path, capsys):
    out = tmp_path / "out"
    assert render_many([str(MINI)], period="2021-Q2", out=out, formats=("html", "slides")) == 0
    assert render_many([str(MINI)], period="2021-Q2", out=out, formats=("html",)) == 0
    text = capsys.readouterr().out
    assert sorted(p.name for p in (out / "mini-2021").iterdir()) == ["2021-Q2"]
    assert "removed from the previous report (not asked for this time): slides.pptx" in text
    assert sorted(p.name for p in (out / "mini-2021" / "2021-Q2").iterdir()) == [
        "figures", "report.html", "report.ipynb", "status.csv"]


def test_both_languages_side_by_side(tmp_path):
    out = tmp_path / "out"
    assert render_many([str(MINI)], period="2021-Q2", langs=("vi", "en"), out=out, formats=("html",)) == 0
    vi = (out / "mini-2021" / "2021-Q2" / "report.html").read_text(encoding="utf-8")
    en = (out / "mini-2021" / "2021-Q2-en" / "report.html").read_text(encoding="utf-8")
    assert '<html lang="vi">' in vi and "Thu ngân sách" in vi
    assert '<html lang="en">' in en and "Budget revenue" in en
    # rendering one language again leaves the other's files as they were
    before = digest(out / "mini-2021" / "2021-Q2-en" / "report.html")
    assert render_many([str(MINI)], period="2021-Q2", langs=("vi",), out=out, formats=("html",)) == 0
    assert digest(out / "mini-2021" / "2021-Q2-en" / "report.html") == before


def test_two_plans_with_one_id_are_refused_up_front(tmp_path, capsys, plan_copy):
    twin = plan_copy("mini", to="twin")
    code = render_many([str(MINI), str(twin)], period="2021-Q2", out=tmp_path / "out", formats=("html",))
    err = capsys.readouterr().err
    assert code == 2
    assert f"- {twin}: plan id 'mini-2021' is also the id of {display(MINI)}; their reports would overwrite each other: " \
           "give each plan its own id." in err
    assert not (tmp_path / "out").exists()


def test_a_plan_id_cannot_write_outside_the_output_folder(tmp_path):
    from kpi.render.report import folder_for

    assert folder_for(tmp_path, "kontum-2021", "2021-Q3", "vi") == (tmp_path / "kontum-2021" / "2021-Q3").resolve()
    for bad in ("../../x", "..", "/etc", "a/b"):
        with pytest.raises(kpi.RenderError, match=f"plan id '{re.escape(bad)}' would write outside the output"):
            folder_for(tmp_path, bad, "2021-Q3", "vi")


def test_sigterm_during_a_render_keeps_the_previous_report_and_leaves_nothing(tmp_path):
    import signal
    import time

    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "kpi.cli", "report", str(MINI), "--period", "2021-Q2", "--out", str(out),
           "--no-pdf", "--no-docx"]
    subprocess.run(cmd, check=True, capture_output=True)
    folder = out / "mini-2021" / "2021-Q2"
    before = digest(folder / "report.html")
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    parent = out / "mini-2021"
    deadline = time.time() + 60
    while not any(p.name.startswith(".2021-Q2.tmp-") for p in parent.iterdir()) and time.time() < deadline:
        time.sleep(0.05)
    time.sleep(1.0)  # the notebook is running
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 143, err  # SIGTERM, as the README says (Ctrl-C is 130)
    assert b"kpi: terminated" in err and b"Traceback" not in err
    assert sorted(p.name for p in parent.iterdir()) == ["2021-Q2"]
    assert digest(folder / "report.html") == before


def test_a_month_report_through_the_command(tmp_path):
    """kpi report at May 2021 (tests/fixtures/months): the period in words, and how the progress expected by
    May was set, in the table and in the flows chart the page shows."""
    import base64

    from kpi.cli import main

    assert main(["report", str(MONTHS), "--period", "2021-05", "--no-pdf", "--no-docx", "--out", str(tmp_path)]) == 0
    html = (tmp_path / "months-2021" / "2021-05" / "report.html").read_text(encoding="utf-8")
    assert "<title>Kế hoạch theo tháng năm 2021 — 5 tháng năm 2021</title>" in html
    assert '<p class="period">5 tháng năm 2021</p>' in html
    # sales 540 of 1200 against May 2020's 40%; coverage 61 above 60; growth 6.5 short of 7 by 0.5 <= 0.7
    assert {k: v for k, v in rows_of(html).items() if k in ("sales", "coverage", "growth")} == dict(
        sales="on_track", coverage="on_track", growth="at_risk")
    # expected by May: sales 400 of 1000 in May 2020; visitors the median of 2019's 30% and 2020's 40%;
    # planted the declared 10% by Q1 and 30% by Q2: 10 + 20 * 2/3 = 23.3%
    for cells in (  # nbconvert writes <br> as <br/>
                  '<td class="num">40%<br/><small class="basis">theo 2020</small></td>',
                  '<td class="num">35%<br/><small class="basis">theo 2019, 2020</small></td>',
                  '<td class="num">23%<br/><small class="basis">phân bổ theo kế hoạch</small></td>'):
        assert cells in html
    svg = re.search(r'<img alt="Tiến độ các chỉ tiêu lũy kế và ước cả năm" src="data:image/svg\+xml;base64,([^"]+)"',
                    html).group(1)
    chart = base64.b64decode(svg).decode("utf-8")
    assert "Số liệu đến 5 tháng năm 2021" in chart
    words = " ".join(re.findall(r"<text[^>]*>([^<]*)</text>", chart))  # the heading is wrapped to the chart's width
    assert ("Tiến độ cần đạt tính theo tiến độ năm 2020; tiến độ các năm 2019, 2020 (trung vị); "
            "phân bổ theo kế hoạch.") in re.sub(r"\s+", " ", words)


STATE_CELL = """\
import json, os, warnings
import numpy as np
import pandas as pd
import kpi.text.labels
print("STATE " + json.dumps({"precision": pd.get_option("display.precision"), "filters": len(warnings.filters),
                             "cwd": os.getcwd(), "global": getattr(kpi.text.labels, "LEFT_BY_A_REPORT", None),
                             "random": float(np.random.random())}))
pd.set_option("display.precision", 1)  # what a careless report leaves behind, for the next one to find
warnings.simplefilter("ignore")
kpi.text.labels.LEFT_BY_A_REPORT = period
os.chdir("/")
np.random.seed(0)
"""


def test_no_state_carries_from_one_report_to_the_next_in_a_batch(tmp_path, monkeypatch):
    """Each report of a batch runs in a new kernel: a pandas option, a warnings filter, a module global, the
    working directory or numpy's random state set by one report is not seen by the next."""
    import json

    import numpy as np

    import kpi.render.report

    nb = nbformat.read(REPORT_NOTEBOOK, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(STATE_CELL))
    notebook = tmp_path / "nb" / "quarterly-report.ipynb"
    notebook.parent.mkdir()
    nbformat.write(nb, notebook)
    monkeypatch.setattr(kpi.render.report, "REPORT_NOTEBOOK", notebook)
    out = tmp_path / "out"
    assert render_many([str(MINI)], period="2021-Q2", langs=("vi", "en"), out=out, formats=()) == 0

    def state(folder: str) -> dict:
        cell = nbformat.read(out / "mini-2021" / folder / "report.ipynb", as_version=4).cells[-1]
        [line] = [ln for o in cell.outputs for ln in o.get("text", "").splitlines() if ln.startswith("STATE ")]
        return json.loads(line[len("STATE "):])

    np.random.seed(0)
    seeded = float(np.random.random())  # what a report would draw first if a seed of the one before carried over
    states = [{**s, "random": "seeded" if s["random"] == seeded else "fresh"}
              for s in (state("2021-Q2"), state("2021-Q2-en"))]
    # each kernel works in its own report's staging folder (beside the report, in the output folder)
    folders = [Path(s.pop("cwd")) for s in states]
    assert folders[0] != folders[1] and all(f.parent == out / "mini-2021" for f in folders)
    fresh = {"precision": 6, "filters": states[0]["filters"], "global": None, "random": "fresh"}  # pandas' default: 6
    assert states == [fresh, fresh]
    assert pd.get_option("display.precision") == 6 and not hasattr(kpi.text.labels, "LEFT_BY_A_REPORT")


def _children(pid: int) -> list[str]:
    """The names of a process's child processes (Linux)."""
    names = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        try:
            names += [Path(f"/proc/{child}/comm").read_text().strip() for child in task.read_text().split()]
        except OSError:  # a thread or a child that has just ended
            pass
    return names


def _printing(pid: int) -> bool:
    """Whether Playwright's driver (Node.js, its main thread named 'node-MainThread') runs: the print has begun."""
    return any(name.startswith("node") for name in _children(pid))


@pytest.mark.skipif(shutil.which("chromium") is None, reason="chromium not installed (make deps)")
def test_sigterm_while_the_pdf_prints_keeps_the_previous_report_and_leaves_no_browser(tmp_path):
    import signal
    import time

    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "kpi.cli", "report", str(MINI), "--period", "2021-Q2", "--out", str(out), "--no-docx"]
    subprocess.run(cmd, check=True, capture_output=True)
    folder = out / "mini-2021" / "2021-Q2"
    before = digest(folder / "report.pdf")
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.time() + 120
    while not _printing(proc.pid) and proc.poll() is None and time.time() < deadline:
        time.sleep(0.02)
    assert _printing(proc.pid), proc.communicate()
    time.sleep(0.5)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 143, err
    assert b"kpi: terminated" in err and b"Traceback" not in err
    assert sorted(p.name for p in (out / "mini-2021").iterdir()) == ["2021-Q2"]
    assert digest(folder / "report.pdf") == before
    # Chromium's profile was in the render's scratch folder kpi-<pid>-*: no process uses it, and it is gone
    left = subprocess.run(["pgrep", "-f", f"kpi-{proc.pid}-"], capture_output=True, text=True).stdout.split()
    assert left == [] and not list(Path(tempfile.gettempdir()).glob(f"kpi-{proc.pid}-*"))


def test_the_report_is_made_as_of_a_date_that_does_not_move(tmp_path, plan_copy):
    """A past period, rendered today: the reporting table is judged the day after its deadline (20/10/2021 with
    cutoff_day 20), not today; --as-of sets another date, printed with the table."""
    from kpi.cli import main

    owned = plan_copy("owned")
    assert main(["report", str(owned), "--period", "2021-Q3", "--no-pdf", "--no-docx", "--slides",
                 "--out", str(tmp_path / "a")]) == 0
    html = (tmp_path / "a" / "owned-2021" / "2021-Q3" / "report.html").read_text(encoding="utf-8")
    assert "<h3>Tình hình báo cáo số liệu (hạn gửi 20/10/2021; tính đến ngày 21/10/2021)</h3>" in html
    assert "(quá hạn)" in html
    assert main(["report", str(owned), "--period", "2021-Q3", "--no-pdf", "--no-docx", "--as-of", "2021-10-15",
                 "--out", str(tmp_path / "b")]) == 0
    html = (tmp_path / "b" / "owned-2021" / "2021-Q3" / "report.html").read_text(encoding="utf-8")
    assert "<h3>Tình hình báo cáo số liệu (hạn gửi 20/10/2021; tính đến ngày 15/10/2021)</h3>" in html
    assert "(quá hạn)" not in html
