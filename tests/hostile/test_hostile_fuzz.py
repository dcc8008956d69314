"""Random bytes and random YAML: the loaders answer with a KpiError or a valid result, never another exception."""
import tempfile
from pathlib import Path

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kpi

HERE = Path(__file__).parent / "fixtures"
PLAN = kpi.load_plan(HERE / "plan.yaml")
BASE_PLAN = (HERE / "plan.yaml").read_text(encoding="utf-8")
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

yaml_bits = st.sampled_from(["id: x\n", "year: 2021\n", "targets:\n", "  - ", "{", "}", "[", "]", ": ", ", ", "&a ",
                             "*a ", "!!str ", "!!python/name:os.system ", "3.500", "0100", "1:30", ".inf", "true",
                             "no", "'", '"', "\n", "  ", "\t", "#", "---\n", "? ", "|\n", ">\n", "\x00", "é", "🙂"])


def _check(path: Path, load):
    try:
        result = load(path)
    except kpi.KpiError as e:
        assert str(e) and e.problems
        return
    return result


@SETTINGS
@given(st.binary(max_size=2000))
def test_random_bytes_as_a_plan(data):
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "plan.yaml"
        path.write_bytes(data)
        plan = _check(path, kpi.load_plan)
        assert plan is None or isinstance(plan, kpi.Plan)


@SETTINGS
@given(st.lists(yaml_bits, max_size=60).map("".join) | st.text(max_size=500))
def test_random_yaml_text_as_a_plan(text):
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "plan.yaml"
        path.write_text(text, encoding="utf-8")
        plan = _check(path, kpi.load_plan)
        assert plan is None or isinstance(plan, kpi.Plan)


@SETTINGS
@given(st.integers(min_value=0, max_value=len(BASE_PLAN) - 1), st.lists(yaml_bits, min_size=1, max_size=4).map("".join))
def test_a_valid_plan_with_something_inserted(at, bit):
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "plan.yaml"
        path.write_text(BASE_PLAN[:at] + bit + BASE_PLAN[at:], encoding="utf-8")
        plan = _check(path, kpi.load_plan)
        assert plan is None or isinstance(plan, kpi.Plan)


csv_bits = st.sampled_from(["revenue", "cattle", "cover", "growth", "2021-Q1", "2021-Q4", "２０２１", "3.500", "3,5",
                            "-1", "1e308", "nan", "", ",", ";", '"', "\n", "\r", "\r\n", "\t", "\x00", " ", "official",
                            "more_than", "=1+1", "٣", "0.305"])
HEADER = "indicator,period,value,kind,qualifier,source,note\n"


@SETTINGS
@given(st.binary(max_size=2000))
def test_random_bytes_as_observations(data):
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "observations.csv"
        path.write_bytes(data)
        obs = _check(path, lambda p: kpi.load_observations(p, PLAN))
        assert obs is None or isinstance(obs, pd.DataFrame)


@SETTINGS
@given(st.lists(csv_bits, max_size=80).map("".join))
def test_random_rows_as_observations(body):
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "observations.csv"
        path.write_text(HEADER + body, encoding="utf-8", newline="")
        obs = _check(path, lambda p: kpi.load_observations(p, PLAN))
        if obs is not None:  # a valid result: finite numbers, known indicators, no duplicate figure
            assert obs["value"].map(lambda v: v == v and abs(v) != float("inf")).all()
            assert obs["indicator"].isin(list(PLAN.indicators)).all()
            assert not obs.duplicated(["indicator", "period"]).any()
