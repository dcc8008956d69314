"""The kernel a render starts ahead and keeps for the next render: the next notebook runs as in a new kernel,
a kernel is never reused after a failure, and none is left running."""
import os
import tempfile
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from kpi import kernel as kernels
from kpi.errors import RenderError
from kpi.execute import execute


def _notebook(folder: Path, name: str, *sources: str) -> Path:
    nb = new_notebook(cells=[new_code_cell("x_param = 0", metadata={"tags": ["parameters"]}),
                             *(new_code_cell(s) for s in sources)])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    path = folder / name
    nbformat.write(nb, path)
    return path


def _run(folder: Path, kern, *sources: str):
    """Run the cells in ``kern``; returns the executed notebook's code cells (the injected one left out)."""
    nb = _notebook(folder, "in.ipynb", *sources)
    assert kern.ready()
    execute(nb, folder / "out.ipynb", {"x_param": 1}, timeout=60, km=kern.manager)
    cells = nbformat.read(folder / "out.ipynb", as_version=4).cells
    return [c for c in cells if "injected-parameters" not in c.metadata.get("tags", [])]


def _text(cell) -> str:
    return "".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream")


def _pid(kern) -> int:
    return kern.manager.provisioner.process.pid


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    stat = Path(f"/proc/{pid}/stat")
    return not stat.exists() or stat.read_text().split(") ")[1][0] != "Z"  # a zombie has stopped


@pytest.fixture
def kern(tmp_path):
    k = kernels.take(tmp_path)
    yield k
    kernels.close()
    k.shutdown()


def test_the_next_notebook_runs_as_in_a_new_kernel(tmp_path, kern):
    pid = _pid(kern)
    first = _run(tmp_path, kern,
                 "import matplotlib as mpl, matplotlib.pyplot as plt\nleft_over = 42\nfig = plt.figure()\n"
                 "mpl.rcParams['axes.linewidth'] = 7.0\nprint(len(plt.get_fignums()), mpl.rcParams['axes.linewidth'])")
    assert [c.execution_count for c in first] == [1, 3]  # the parameters cell, the injected one (2), ours
    assert _text(first[1]).split() == ["1", "7.0"]
    kernels.keep(kern)
    again = kernels.take(tmp_path)
    assert again is kern and _pid(again) == pid  # the same kernel process: no second start
    second = _run(tmp_path, again,
                  "import matplotlib as mpl, matplotlib.pyplot as plt\n"
                  "print('left_over' in globals(), len(plt.get_fignums()), mpl.rcParams['axes.linewidth'])")
    assert [c.execution_count for c in second] == [1, 3]  # counted from 1 again
    fresh = kernels.Kernel(tmp_path)
    try:
        expected = _run(tmp_path, fresh, "import matplotlib as mpl\nprint(mpl.rcParams['axes.linewidth'])")
    finally:
        fresh.shutdown()
    # nothing left from the first notebook; matplotlib's settings as in a new kernel (the oracle)
    assert _text(second[1]).split() == ["False", "0", _text(expected[1]).split()[0]]


def test_a_kernel_whose_notebook_failed_is_shut_down_not_kept(tmp_path):
    from kpi.paths import REPORT_NOTEBOOK
    from kpi.report import Job, render
    from conftest import KONTUM

    kernels.close()
    job = Job(plan_dir=str(KONTUM), period="2021-Q9", lang="vi", out=str(tmp_path / "out"), formats=("html",))
    started = []
    real = kernels.Kernel

    class Recording(real):
        def __init__(self, cwd):
            super().__init__(cwd)
            started.append((self, _pid(self)))

    kernels.Kernel = Recording
    try:
        with pytest.raises(RenderError):
            render(job)  # no such quarter: the notebook fails
    finally:
        kernels.Kernel = real
    [(kern, pid)] = started
    assert kern.closed and not _running(pid)
    assert kernels._kept is None and not kern.folder.exists()
    assert REPORT_NOTEBOOK.exists()


def test_close_stops_the_kept_kernel_and_removes_its_folder(tmp_path, kern):
    kernels.keep(kern)
    pid, folder = _pid(kern), kern.folder
    assert _running(pid) and folder.is_dir()
    kernels.close()
    assert not _running(pid) and not folder.exists() and kernels._kept is None
    kernels.close()  # twice is harmless


def test_a_forked_process_does_not_take_its_parents_kernel(tmp_path, kern, monkeypatch):
    kernels.keep(kern)
    monkeypatch.setattr(kernels, "_owner", os.getpid() + 1)  # as in a worker forked after keep()
    other = kernels.take(tmp_path)
    try:
        assert other is not kern and _pid(other) != _pid(kern)
        assert _running(_pid(kern))  # the parent's kernel is the parent's to close
    finally:
        other.shutdown()
        monkeypatch.setattr(kernels, "_owner", os.getpid())
        kernels.close()


def test_a_kernel_that_has_died_is_not_taken(tmp_path, kern):
    import signal

    kernels.keep(kern)
    os.kill(_pid(kern), signal.SIGKILL)
    kern.manager.provisioner.process.wait()
    other = kernels.take(tmp_path)
    try:
        assert other is not kern and kern.closed and _running(_pid(other))
    finally:
        other.shutdown()


def test_a_batch_leaves_no_kernel_running(tmp_path):
    from kpi.report import render_many
    from conftest import KONTUM

    before = _children()
    assert render_many([str(KONTUM)], period="2021-Q2", out=tmp_path / "out", formats=("html",)) == 0
    assert kernels._kept is None
    assert _children() - before == set()


def _children() -> set[int]:
    found = set()
    for task in Path(f"/proc/{os.getpid()}/task").iterdir():
        found |= {int(c) for c in (task / "children").read_text().split() if _running(int(c))}
    return found


def _keep_one_in_a_worker(cwd: str) -> int:
    kern = kernels.take(Path(cwd))
    kernels.keep(kern)
    return _pid(kern)


def test_a_worker_of_a_process_pool_shuts_its_kernel_down_as_it_ends(tmp_path):
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork")) as pool:
        pid = pool.submit(_keep_one_in_a_worker, str(tmp_path)).result()
        assert _running(pid)
    assert not _running(pid)  # multiprocessing runs no atexit in a worker: the kernel is closed by its Finalize


def test_a_kernel_that_fails_its_warm_up_is_replaced_by_papermills_own(tmp_path, monkeypatch):
    """The render goes on in a kernel papermill starts, whose figures reach the same queue; nothing is kept."""
    from conftest import KONTUM
    from kpi.report import Job, render

    kernels.close()
    monkeypatch.setattr(kernels, "WARM", "raise RuntimeError('no warm-up')")
    started = []
    real = kernels.Kernel

    class Recording(real):
        def __init__(self, cwd):
            super().__init__(cwd)
            started.append(self)

    monkeypatch.setattr(kernels, "Kernel", Recording)
    done = render(Job(plan_dir=str(KONTUM), period="2021-Q3", lang="vi", out=str(tmp_path / "out"),
                      formats=("html",)))
    assert sorted(p.name for p in (done.folder / "figures").glob("*.png")) == [
        "flows.png", "scorecard.png", "trend-grdp_growth.png"]
    [kern] = started
    assert kern.closed and not kern.folder.exists() and kernels._kept is None


def test_a_kernel_that_cannot_start_leaves_the_render_to_papermills_own(tmp_path, monkeypatch):
    """No traceback from the early start: papermill starts the kernel the notebook names, as before."""
    from jupyter_client.kernelspec import NoSuchKernel

    from conftest import KONTUM
    from kpi.report import Job, render

    kernels.close()
    monkeypatch.setattr(kernels, "KERNEL_NAME", "no-such-kernel")
    with pytest.raises(NoSuchKernel):  # what the early start meets (the oracle: jupyter_client itself)
        from jupyter_client.kernelspec import KernelSpecManager
        KernelSpecManager().get_kernel_spec("no-such-kernel")
    done = render(Job(plan_dir=str(KONTUM), period="2021-Q2", lang="vi", out=str(tmp_path / "out"),
                      formats=("html",)))
    assert (done.folder / "report.html").is_file() and len(list((done.folder / "figures").glob("*.png"))) == 3
    assert kernels._kept is None and not list(Path(tempfile.gettempdir()).glob(f"kpi-{os.getpid()}-*"))
