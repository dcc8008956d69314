"""The folder swap: a new report replaces the old one, and no failure or kill loses a report."""
import os
import subprocess
import sys

import pytest

from kpi.render import swap


def _report(folder, text):
    folder.mkdir(parents=True)
    (folder / "report.html").write_text(text, encoding="utf-8")
    return folder


def test_replace_over_an_existing_report_leaves_exactly_one_folder(tmp_path):
    final = _report(tmp_path / "2021-Q3", "old")
    new = swap.staging(final)
    (new / "report.html").write_text("new", encoding="utf-8")
    swap.replace(new, final)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2021-Q3"]
    assert (final / "report.html").read_text(encoding="utf-8") == "new"


def test_a_failing_swap_restores_the_old_report(tmp_path, monkeypatch):
    final = _report(tmp_path / "2021-Q3", "old")
    new = swap.staging(final)
    (new / "report.html").write_text("new", encoding="utf-8")
    real = os.replace
    calls = []

    def flaky(src, dst):
        calls.append((os.path.basename(src), os.path.basename(dst)))
        if len(calls) == 2:  # moving the new report in fails
            raise OSError("disk full")
        return real(src, dst)

    monkeypatch.setattr(swap.os, "replace", flaky)
    with pytest.raises(OSError, match="disk full"):
        swap.replace(new, final)
    monkeypatch.setattr(swap.os, "replace", real)
    assert (final / "report.html").read_text(encoding="utf-8") == "old"
    assert calls[0] == ("2021-Q3", f".2021-Q3.old-{os.getpid()}")


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_recover_restores_a_report_killed_between_the_two_renames(tmp_path):
    pid = _dead_pid()
    _report(tmp_path / f".2021-Q3.old-{pid}", "old")
    assert swap.recover(tmp_path) == [f"restored 2021-Q3 from .2021-Q3.old-{pid}"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2021-Q3"]
    assert (tmp_path / "2021-Q3" / "report.html").read_text(encoding="utf-8") == "old"


def test_recover_removes_leftovers_of_dead_renders_only(tmp_path):
    pid = _dead_pid()
    _report(tmp_path / "2021-Q3", "new")
    _report(tmp_path / f".2021-Q3.old-{pid}", "old")
    _report(tmp_path / f".2021-Q2.tmp-{pid}", "half")
    live = _report(tmp_path / f".2021-Q1.tmp-{os.getppid()}", "someone else's render in progress")
    assert swap.recover(tmp_path) == [f"removed the half-written .2021-Q2.tmp-{pid}",
                                      f"removed the replaced copy .2021-Q3.old-{pid}"]
    assert sorted(p.name for p in tmp_path.iterdir()) == [live.name, "2021-Q3"]
    assert (tmp_path / "2021-Q3" / "report.html").read_text(encoding="utf-8") == "new"
