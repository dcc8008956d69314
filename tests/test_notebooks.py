"""Every notebook is thin, has a typed and commented parameters cell, and runs as it is."""
import re

import nbformat
import papermill
import pytest

from kpi.paths import NOTEBOOKS

REPORT_NAMES = ["quarterly-report.ipynb", "economy.ipynb", "explore.ipynb"]
ANALYST_NAMES = ["changes.ipynb", "target.ipynb", "department.ipynb", "what-if.ipynb"]
"""The analyst's questions (kpi.analysis): run below at a month and on the small plan, and at a quarter with
``--all-periods`` (each run is a kernel's start, 3-5 s; the suite stays within CI's minutes)."""
NOTEBOOK_NAMES = REPORT_NAMES + ANALYST_NAMES


@pytest.mark.parametrize("name", NOTEBOOK_NAMES)
def test_notebook_is_thin_and_stripped(name):
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    params = [c for c in code if "parameters" in c.metadata.get("tags", [])]
    assert len(params) == 1
    for line in params[0].source.splitlines():
        if line and not line.startswith("#"):
            assert re.match(r"^\w+: (str|int|float|bool) = .+  # \S", line), line
    for c in code:
        assert not re.search(r"^\s*(def|class) ", c.source, re.M), c.source
        assert c.outputs == [] and c.execution_count is None


@pytest.mark.parametrize("name", REPORT_NAMES)
def test_notebook_runs_with_its_defaults(name, tmp_path):
    out = tmp_path / name
    papermill.execute_notebook(str(NOTEBOOKS / name), str(out), kernel_name="python3", progress_bar=False,
                               cwd=str(NOTEBOOKS), execution_timeout=300)
    nb = nbformat.read(out, as_version=4)
    outputs = [o for c in nb.cells for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.output_type == "error"]
    assert any("image/png" in o.get("data", {}) or "image/svg+xml" in o.get("data", {}) for o in outputs)


def _run(name: str, parameters: dict, tmp_path) -> str:
    """Execute a notebook with ``parameters``; the text of its outputs (no error, and a chart among them)."""
    out = tmp_path / name
    papermill.execute_notebook(str(NOTEBOOKS / name), str(out), parameters=parameters, kernel_name="python3",
                               progress_bar=False, cwd=str(NOTEBOOKS), execution_timeout=300)
    outputs = [o for c in nbformat.read(out, as_version=4).cells for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.output_type == "error"]
    assert any("image/png" in o.get("data", {}) for o in outputs)
    return "\n".join(o.get("data", {}).get("text/html", "") + o.get("text", "") for o in outputs)


MINI = str(NOTEBOOKS.parent / "tests" / "fixtures" / "mini")
RUNS = {  # notebook: (parameters, a text its outputs must hold)
    ("changes.ipynb", "month"): ({"period": "2021-08"}, "Từ 7 tháng năm 2021 đến 8 tháng năm 2021: 1 số liệu mới"),
    ("target.ipynb", "month"): ({"period": "8 tháng 2021", "target": "Thu ngân sách nhà nước trên địa bàn"},
                                "Ước cả năm 3.123 tỷ đồng; theo tiến độ từng năm 2019, 2020: từ 2.903 đến 3.380 tỷ đồng."),
    ("department.ipynb", "month"): ({"period": "2021-08", "owner": "Sở Công Thương", "lang": "en"},
                                    "Department of Industry and Trade: 1 of 2 targets sent for 8 months 2021"),
    ("what-if.ipynb", "month"): ({"period": "2021-08", "basis": "linear", "at_risk_pct": 5.0},
                                 "khi ước theo bình quân theo thời gian, ngưỡng nguy cơ 5%."),
    ("changes.ipynb", "mini"): ({"plan_dir": MINI, "period": "2021-Q2"}, "Từ 3 tháng năm 2021 đến 6 tháng năm 2021: 14 số liệu mới"),
    ("target.ipynb", "mini"): ({"plan_dir": MINI, "target": "revenue", "lang": "en"},
                               "Year-end projection 1,111 bn VND; fewer than two seasons on file: no range."),
    ("department.ipynb", "mini"): ({"plan_dir": MINI, "owner": ""}, "(chưa giao đơn vị): 10/11 chỉ tiêu"),
    ("what-if.ipynb", "mini"): ({"plan_dir": MINI, "basis": "2020", "at_risk_pct": 2.0},
                                "chỉ tiêu thay đổi đánh giá khi ước theo tiến độ năm 2020, ngưỡng nguy cơ 2%."),
    ("changes.ipynb", "quarter"): ({"period": "2021-Q3"}, "Từ 6 tháng năm 2021 đến 9 tháng năm 2021: 4 số liệu mới"),
    ("target.ipynb", "quarter"): ({"period": "2021-Q3"}, "theo tiến độ từng năm 2019, 2020: từ 2.648 đến 2.780 tỷ đồng"),
    ("department.ipynb", "quarter"): ({"period": "Q3 2021"}, "Sở Tài chính: 1/1 chỉ tiêu đã gửi số liệu 9 tháng năm 2021"),
    ("what-if.ipynb", "quarter"): ({"period": "2021-Q3", "at_risk_pct": 25.0},
                                   "1 chỉ tiêu thay đổi đánh giá khi ước theo tiến độ năm trước, ngưỡng nguy cơ 25%."),
}


@pytest.mark.parametrize("name, run", list(RUNS), ids=[f"{n}-{r}" for n, r in RUNS])
def test_an_analyst_notebook_answers_its_question(name, run, tmp_path, request):
    if run == "quarter" and not request.config.getoption("--all-periods"):
        pytest.skip("the quarter runs with --all-periods (the month and the small plan run always)")
    parameters, expected = RUNS[(name, run)]
    if (name, run) == ("target.ipynb", "month"):  # and its chart saved for a slide in the same run
        parameters = parameters | {"slides_dir": str(tmp_path / "slides")}
    assert expected in _run(name, parameters, tmp_path)
    if (name, run) == ("target.ipynb", "month"):
        from PIL import Image

        png = tmp_path / "slides" / "budget_revenue-2021-08.png"
        assert (tmp_path / "slides" / "budget_revenue-2021-08.svg").is_file()
        # 300 dpi across the slide's picture width: 12,333 in (a 13,333 in slide less two 0,5 in margins) = 3.699 px
        assert Image.open(png).size[0] == 3699
