"""The PNGs drawn beside the notebook (kpi.drawer) are the PNGs the notebook would have drawn."""
import json
import os
import signal
import threading

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from PIL import Image  # noqa: E402

from kpi import charts  # noqa: E402
from kpi.assessment import history  # noqa: E402
from kpi import drawer as drawer_module  # noqa: E402
from kpi.drawer import PngDrawer  # noqa: E402
from kpi.errors import RenderError  # noqa: E402
from kpi.figures import PNG_QUEUE, read_manifest, save_figure  # noqa: E402


@pytest.fixture(scope="module")
def steps(kontum):
    plan, obs = kontum
    return history(plan, obs, "2021-Q3")


def _trend(steps, kontum):
    charts.use_theme()
    return charts.trend(steps, "grdp_growth", observations=kontum[1], lang="en")  # number ticks: a formatter


@pytest.fixture(params=["process", "thread"])
def drawn_by(request, monkeypatch):
    """A forked process draws (the pytest process may run threads of its own: counted as none here), or,
    where forking is unsafe because another thread runs, a thread."""
    if request.param == "process":
        monkeypatch.setattr(drawer_module.threading, "active_count", lambda: 1)
        yield "process"
        return
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    yield "thread"
    stop.set()
    other.join()


@pytest.mark.slow  # draws the report's charts at 300 dpi, twice
def test_queued_png_is_the_png_drawn_in_place(steps, kontum, tmp_path, monkeypatch, drawn_by):
    from matplotlib import font_manager

    # A forked drawing process starts with matplotlib's font objects new (matplotlib clears their cache at fork);
    # the oracle is drawn the same way, not with objects that this long test process has used before.
    font_manager._get_font.cache_clear()
    in_place = tmp_path / "in-place"
    save_figure(_trend(steps, kontum), "trend", in_place, caption="Growth", targets=["grdp_growth"])
    plt.close("all")

    beside = tmp_path / "beside"
    monkeypatch.delenv(PNG_QUEUE, raising=False)
    with PngDrawer(tmp_path / "queue") as drawer:
        assert (drawer.pid is not None) == (drawn_by == "process") and drawer.pid != os.getpid()
        assert os.environ[PNG_QUEUE] == str(tmp_path / "queue")  # what the kernel inherits
        entry = save_figure(_trend(steps, kontum), "trend", beside, caption="Growth", targets=["grdp_growth"])
        plt.close("all")
        drawer.wait()
    assert entry.png == "trend.png"
    drawn, oracle = (Image.open(d / "figures" / "trend.png") for d in (beside, in_place))
    assert (drawn.size, drawn.info["dpi"]) == (oracle.size, oracle.info["dpi"])  # same size, same resolution
    # The same pixels, but for glyph edges: FreeType's state in a long test process can move a few text pixels
    # (one full CI run in many: differing bytes; comparing them as bytes also made pytest spend minutes on a diff).
    differ = np.any(np.asarray(drawn) != np.asarray(oracle), axis=-1)
    assert differ.mean() <= 0.001, f"{differ.sum()} of {differ.size} pixels differ"
    assert read_manifest(beside / "figures") == read_manifest(in_place / "figures")
    assert not list((tmp_path / "queue").iterdir())  # every queued figure taken
    assert PNG_QUEUE not in os.environ


def test_queue_holds_the_figure_not_its_png(steps, kontum, tmp_path, monkeypatch):
    monkeypatch.setenv(PNG_QUEUE, str(tmp_path))
    (tmp_path / "out").mkdir()
    save_figure(_trend(steps, kontum), "a", tmp_path / "out")
    save_figure(_trend(steps, kontum), "b", tmp_path / "out")
    plt.close("all")
    assert sorted(p.name for p in (tmp_path / "out" / "figures").iterdir()) == ["a.svg", "b.svg", "manifest.json"]
    queued = sorted(p.name for p in tmp_path.glob("*.pickle"))
    assert len(queued) == 2 and queued[0] < queued[1]  # numbered: drawn in the order saved
    assert [f["png"] for f in json.loads((tmp_path / "out" / "figures" / "manifest.json").read_text())] == \
        ["a.png", "b.png"]


def test_settings_travel_as_the_notebook_had_them(steps, kontum, tmp_path):
    """The kernel's settings may name a colour map this process does not know (seaborn registers 'rocket'
    in the kernel; the rendering process does not import seaborn): the map travels with the figure."""
    from matplotlib import colormaps

    colormaps.register(colormaps["viridis"].copy(), name="kpi-test-only")
    try:
        ax = _trend(steps, kontum)  # its colour-mapped artists take the default map when drawn
        with matplotlib.rc_context({"image.cmap": "kpi-test-only"}), PngDrawer(tmp_path / "queue") as drawer:
            save_figure(ax, "trend", tmp_path)
            plt.close("all")
            colormaps.unregister("kpi-test-only")
            drawer.wait()
    finally:
        if "kpi-test-only" in colormaps:
            colormaps.unregister("kpi-test-only")
    assert (tmp_path / "figures" / "trend.png").stat().st_size > 0
    assert matplotlib.rcParams["image.cmap"] != "kpi-test-only"


def test_a_figure_that_cannot_be_drawn_is_named(tmp_path, drawn_by):
    with PngDrawer(tmp_path / "queue") as drawer:
        (tmp_path / "queue" / "1-00000.pickle").write_bytes(b"not a pickle")
        with pytest.raises(RenderError, match="a figure could not be drawn"):
            drawer.wait()
    assert not list((tmp_path / "queue").iterdir())



def test_a_drawing_process_that_is_killed_is_named(tmp_path, monkeypatch):
    monkeypatch.setattr(drawer_module.threading, "active_count", lambda: 1)
    with PngDrawer(tmp_path / "queue") as drawer:
        os.kill(drawer.pid, signal.SIGKILL)
        with pytest.raises(RenderError, match=r"^the process drawing the PNGs stopped \(killed by signal 9\)$"):
            drawer.wait()


def test_a_render_that_stops_stops_the_drawing_process_at_once(tmp_path, monkeypatch):
    monkeypatch.setattr(drawer_module.threading, "active_count", lambda: 1)
    with pytest.raises(KeyboardInterrupt):
        with PngDrawer(tmp_path / "queue") as drawer:
            pid = drawer.pid
            raise KeyboardInterrupt
    with pytest.raises(ChildProcessError):  # killed and collected
        os.waitpid(pid, os.WNOHANG)
    assert drawer.pid is None


def test_an_interrupted_wait_ends_in_the_interruption_not_in_an_error_of_its_own(tmp_path, monkeypatch):
    """Ctrl-C or SIGTERM while the render waits for the PNGs: the render stops with that, the process is
    collected (the second collection once closed the pipes again: OSError, Bad file descriptor)."""
    monkeypatch.setattr(drawer_module.threading, "active_count", lambda: 1)
    real = os.fdopen

    def interrupted(fd, *args, **kwargs):
        os.close(fd)
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        with PngDrawer(tmp_path / "queue") as drawer:
            pid = drawer.pid
            monkeypatch.setattr(drawer_module.os, "fdopen", interrupted)
            drawer.wait()
    monkeypatch.setattr(drawer_module.os, "fdopen", real)
    with pytest.raises(ChildProcessError):  # killed and collected
        os.waitpid(pid, os.WNOHANG)
