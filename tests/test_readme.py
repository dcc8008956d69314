"""Every command the README's tour shows runs as written (slow: it renders reports).

The commands come from the fenced ``sh`` blocks of the README's tour. ``source .venv/bin/activate`` is
replaced by running the programs of the environment kpi runs in, ``jupyter lab`` by a check that it is
installed, and the commands that write files write them under a temporary folder (``--out``, ``-o``).
"""
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

pytestmark = pytest.mark.slow
BIN = Path(sys.executable).parent


def tour_commands() -> list[str]:
    """The commands of the sh blocks under '## A five-minute tour', comments dropped."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    tour = text.split("## A five-minute tour", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```sh\n(.*?)```", tour, flags=re.S)
    lines = [ln.split("  #", 1)[0].split(" # ", 1)[0].strip() for b in blocks for ln in b.splitlines()]
    return [ln for ln in lines if ln]


def test_the_tour_lists_the_commands_we_run():
    commands = tour_commands()
    assert commands[0] == "source .venv/bin/activate"
    assert commands[-1] == "jupyter lab notebooks/"
    assert sum(c.startswith("kpi ") for c in commands) == len(commands) - 2


def test_every_tour_command_runs(tmp_path):
    for command in tour_commands():
        args = shlex.split(command)
        if args[:1] == ["source"]:
            assert (ROOT / ".venv" / "bin" / "activate").exists() or (BIN / "activate").exists()
            continue
        if args[:2] == ["jupyter", "lab"]:
            done = subprocess.run([str(BIN / "jupyter"), "lab", "--version"], capture_output=True, text=True)
            assert done.returncode == 0 and re.fullmatch(r"\d+\.\d+\.\d+\S*", done.stdout.strip()), done.stderr
            assert (ROOT / args[2]).is_dir()
            continue
        assert args[0] == "kpi", command
        if args[1] == "report":
            args += ["--out", str(tmp_path / "reports")]
        if "-o" in args:
            args[args.index("-o") + 1] = str(tmp_path / args[args.index("-o") + 1])
        done = subprocess.run([str(BIN / "kpi"), *args[1:]], cwd=ROOT, capture_output=True, text=True, timeout=900)
        assert done.returncode == 0, f"{command}\n{done.stderr}"
    assert (tmp_path / "q4.xlsx").is_file()
    reports = tmp_path / "reports"
    # both languages of Q3 with their slides; the last command renders Q4 of two plans, without slides
    assert (reports / "kontum-2021" / "2021-Q3-en" / "slides.pptx").is_file()
    assert (reports / "kontum-2021" / "2021-Q3" / "slides.pptx").is_file()
    assert sorted(p.name for p in (reports / "kontum-2021").iterdir()) == ["2021-Q3", "2021-Q3-en", "2021-Q4"]
    assert sorted(p.name for p in (reports / "mini-2021").iterdir()) == ["2021-Q4"]
    assert not (reports / "kontum-2021" / "2021-Q4" / "slides.pptx").exists()
