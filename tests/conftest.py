"""Shared fixtures: the bundled Kon Tum plan and the small test plan."""
from pathlib import Path

import pytest

import kpi

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
KONTUM = ROOT / "data" / "kontum-2021"
MINI = FIXTURES / "mini"


@pytest.fixture(scope="session")
def kontum():
    return kpi.load(KONTUM)


@pytest.fixture(scope="session")
def mini():
    return kpi.load(MINI)


@pytest.fixture(scope="session")
def mini_plan():
    return kpi.load_plan(MINI)
