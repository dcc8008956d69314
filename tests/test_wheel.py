"""kpi built as a wheel and installed in a new environment outside the checkout renders a report: the report
notebook ships in the package, and nothing reads the checkout."""
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
@pytest.mark.browser
def test_a_wheel_installed_outside_the_checkout_renders_a_report(tmp_path, plan_copy):
    source = tmp_path / "source"  # built from a copy: a build in the checkout leaves build/ there, which a later
    # build reuses where it is newer than the source (a wheel could ship old code)
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(".git", ".venv", "build", "mutants", "reports",
                                                                "__pycache__", "*.egg-info", ".pytest_cache"))
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps",
                    "--wheel-dir", str(wheels), str(source)], check=True, cwd=tmp_path)
    wheel = next(wheels.glob("kpi-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "kpi/render/quarterly-report.ipynb" in names and "kpi/documents/registry.py" in names
    assert not [n for n in names if n.startswith(("data/", "tests/", "notebooks/"))]

    env = tmp_path / "env"  # a new environment: kpi from the wheel; its dependencies from this one, by a .pth
    subprocess.run([sys.executable, "-m", "venv", str(env)], check=True)
    python = env / "bin" / "python"
    site = Path(subprocess.run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                               capture_output=True, text=True, check=True).stdout.strip())
    (site / "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    subprocess.run([python, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", str(wheel)], check=True)

    plan = plan_copy("kontum-2021", to="kontum")
    clean = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    clean["PATH"] = f"{env / 'bin'}{os.pathsep}{clean.get('PATH', '')}"
    clean["JUPYTER_PATH"] = str(Path(sys.prefix) / "share" / "jupyter")  # the data files of the borrowed dependencies
    # (nbconvert's templates): an environment that installs them itself has them under its own prefix
    where = subprocess.run([python, "-c", "import kpi; print(kpi.__file__)"], capture_output=True, text=True,
                           check=True, cwd=tmp_path, env=clean).stdout.strip()
    assert Path(where).is_relative_to(site) and not Path(where).is_relative_to(ROOT)
    run = subprocess.run([env / "bin" / "kpi", "report", str(plan), "--period", "2021-Q3", "-o", "out"],
                         capture_output=True, text=True, cwd=tmp_path, env=clean, timeout=600)
    assert run.returncode == 0, run.stderr
    folder = tmp_path / "out" / "kontum-2021" / "2021-Q3"
    assert {"report.ipynb", "report.html", "report.pdf", "report.docx", "status.xlsx", "status.csv"} <= \
        {p.name for p in folder.iterdir()}
    assert "Thu ngân sách nhà nước trên địa bàn" in (folder / "report.html").read_text(encoding="utf-8")
