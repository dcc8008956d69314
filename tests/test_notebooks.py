"""Every notebook is thin, has a typed and commented parameters cell, and runs as it is."""
import re

import nbformat
import papermill
import pytest

from kpi.paths import NOTEBOOKS

NOTEBOOK_NAMES = ["quarterly-report.ipynb", "economy.ipynb", "explore.ipynb"]


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


@pytest.mark.parametrize("name", NOTEBOOK_NAMES)
def test_notebook_runs_with_its_defaults(name, tmp_path):
    out = tmp_path / name
    papermill.execute_notebook(str(NOTEBOOKS / name), str(out), kernel_name="python3", progress_bar=False,
                               cwd=str(NOTEBOOKS), execution_timeout=300)
    nb = nbformat.read(out, as_version=4)
    outputs = [o for c in nb.cells for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.output_type == "error"]
    assert any("image/png" in o.get("data", {}) or "image/svg+xml" in o.get("data", {}) for o in outputs)
