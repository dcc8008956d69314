"""A large observations file is read by a second process while the plan is read: same result, same errors."""
import os
import shutil
import threading
import time

import pandas as pd
import pytest

import kpi
from conftest import KONTUM
from kpi import observations
from kpi.background import Background
from kpi.errors import DataError


def _raise():
    raise ValueError("in the child")


def _exit_badly():
    os._exit(3)


def test_the_value_is_computed_in_another_process():
    job = Background(os.getpid)
    assert job.started
    child = job.result()
    assert isinstance(child, int) and child != os.getpid()
    assert not job.started  # collected


@pytest.mark.parametrize("fn", [_raise, _exit_badly], ids=["raises", "exits-3"])
def test_a_failing_child_gives_none_so_the_caller_does_the_work(fn):
    assert Background(fn).result() is None


def test_leaving_the_block_early_kills_the_child():
    with Background(time.sleep, 60) as job:
        pid = job.pid
    with pytest.raises(ProcessLookupError):  # killed and collected: no such process any more
        os.kill(pid, 0)


def test_no_fork_while_other_threads_run():
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        job = Background(os.getpid)
        assert not job.started and job.result() is None
    finally:
        stop.set()
        thread.join()


@pytest.fixture
def forks(monkeypatch):
    """Every observations CSV is read in the background; the list records the children started."""
    started = []

    class Recording(Background):
        def __init__(self, fn, *args):
            super().__init__(fn, *args)
            started.append(self.pid)

        def result(self):
            value = super().result()
            started.append(type(value).__name__)  # what came back from the child
            return value

    monkeypatch.setattr(observations, "BACKGROUND_BYTES", 0)
    monkeypatch.setattr(observations, "Background", Recording)
    return started


def test_load_in_the_background_gives_the_same_frames(forks, monkeypatch):
    shares = []
    read = observations.load_plan
    monkeypatch.setattr(observations, "load_plan", lambda d, head_share: shares.append(head_share) or read(d))
    plan, obs = kpi.load(KONTUM)
    assert shares == [observations.BUSY_HEAD_SHARE] and observations.BUSY_HEAD_SHARE > 0.5  # the larger part here
    assert len(forks) == 2 and forks[0] is not None and forks[1] == "Cells"  # read by the child, used here
    alone = observations.load_observations(KONTUM / "observations.csv", plan)
    pd.testing.assert_frame_equal(obs, alone)
    assert len(obs) == 42 and obs.loc[obs["indicator"].eq("budget_revenue") & obs["period"].eq("2021-Q4"),
                                      "value"].item() == 3500


def _kontum_with(tmp_path, old: str, new: str):
    """A copy of the Kon Tum folder whose observations have ``old`` replaced by ``new``: (folder, original text)."""
    folder = tmp_path / "plan"
    shutil.copytree(KONTUM, folder)
    text = (folder / "observations.csv").read_text(encoding="utf-8")
    (folder / "observations.csv").write_text(text.replace(old, new), encoding="utf-8")
    return folder, text


def test_errors_of_a_file_read_in_the_background_are_the_usual_ones(forks, tmp_path):
    folder, text = _kontum_with(tmp_path, "2021-Q4,3500,", "2021-Q4,3.500,")
    with pytest.raises(DataError) as e:
        kpi.load(folder)
    assert len(forks) == 2 and forks[0] is not None and forks[1] == "Cells"  # the child reads; the check is here
    row = 1 + next(i for i, line in enumerate(text.splitlines()) if "2021-Q4,3500," in line)
    assert str(e.value) == (f"{observations.display(folder / 'observations.csv')}, row {row}: value '3.500' is "
                            "ambiguous; write 3500 (no thousands separator), or 3.5 if you meant a decimal.")


def test_a_file_the_child_cannot_read_is_read_again_here_for_the_message(forks, tmp_path):
    folder, _ = _kontum_with(tmp_path, ",", ";")
    with pytest.raises(DataError) as e:
        kpi.load(folder)
    assert forks[1] == "NoneType"  # the child raised; the parent read the file itself and raised the same
    assert str(e.value) == (f"{observations.display(folder / 'observations.csv')}: the file is separated by ';', "
                            "not by commas; save it as comma-separated 'CSV UTF-8' (in Excel: File › Save As › "
                            "CSV UTF-8).")
