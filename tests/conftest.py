"""Shared fixtures: the bundled Kon Tum plan, the small test plans, and writable copies of them."""
import shutil
from pathlib import Path

import pytest

import kpi
from _loaded import load

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
KONTUM = ROOT / "data" / "kontum-2021"
MINI = FIXTURES / "mini"
MONTHS = FIXTURES / "months"

SLOW_FILES = {"test_notebooks.py", "test_browser.py", "test_report.py", "test_slides.py", "test_readback.py",
              "test_slide_fit.py"}
"""Test files that execute notebooks, render reports, print PDFs or drive a browser."""


def pytest_addoption(parser):
    parser.addoption("--all-periods", action="store_true",
                     help="also run the analyst notebooks on the bundled plan at a quarter (tests/test_notebooks.py)")


def pytest_ignore_collect(collection_path, config):
    """With ``-m "not slow"``, the slow files are not even imported (papermill, nbformat: seconds of imports)."""
    if collection_path.name in SLOW_FILES and config.getoption("markexpr", "").replace(" ", "") == "notslow":
        return True
    return None


def pytest_collection_modifyitems(config, items):
    """Mark as slow every test of ``SLOW_FILES`` and every test that uses the rendered report."""
    for item in items:
        if item.path.name in SLOW_FILES or "kontum_report" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def kontum():
    return load(KONTUM)


@pytest.fixture(scope="session")
def mini():
    return load(MINI)


@pytest.fixture(scope="session")
def months():
    return load(MONTHS)


@pytest.fixture(scope="session")
def mini_plan():
    return kpi.load_plan(MINI)


@pytest.fixture
def plan_copy(tmp_path):
    """A factory: ``plan_copy("mini")`` copies a plan folder into ``tmp_path`` and returns the copy.

    ``name`` is a folder of ``tests/fixtures`` (``mini``, ``months``, ``owned``, ...) or ``kontum-2021`` (the
    bundled plan); ``to`` names the copy (default: ``name``), for tests that need two copies or a given name.
    The originals are never written: a test edits its copy.
    """
    def copy(name: str = "mini", *, to: str | None = None) -> Path:
        source = KONTUM if name == KONTUM.name else FIXTURES / name
        if not (source / "plan.yaml").is_file():
            raise ValueError(f"no plan folder {name!r} in tests/fixtures (or {KONTUM.name})")
        return Path(shutil.copytree(source, tmp_path / (to or name)))

    return copy


@pytest.fixture(scope="session")
def kontum_report(tmp_path_factory):
    """The bundled Kon Tum report for 2021-Q3, rendered once with PDF and slides."""
    from kpi.render.report import Job, render

    out = tmp_path_factory.mktemp("reports")
    rendered = render(Job(plan_dir=str(KONTUM), period="2021-Q3", lang="vi", out=str(out),
                          formats=("html", "pdf", "slides"), timeout=300))
    return rendered.folder
