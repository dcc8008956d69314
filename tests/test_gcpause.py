"""The cycle collector pauses while a large plan is built, and comes back as it was."""
import gc

import pytest

from kpi.gcpause import paused


@pytest.mark.parametrize("before", [True, False])
def test_the_collector_pauses_inside_and_is_restored_after(before):
    (gc.enable if before else gc.disable)()
    try:
        with paused():
            assert not gc.isenabled()
        assert gc.isenabled() is before
        with pytest.raises(ZeroDivisionError):
            with paused():
                1 / 0
        assert gc.isenabled() is before
    finally:
        gc.enable()


def test_a_yaml_file_is_built_with_the_collector_paused(monkeypatch, tmp_path):
    from kpi import yamlfile
    from kpi.errors import PlanError

    seen = []
    build = yamlfile._build
    monkeypatch.setattr(yamlfile, "_build", lambda *a: seen.append(gc.isenabled()) or build(*a))
    path = tmp_path / "plan.yaml"
    path.write_text("id: x\n", encoding="utf-8")
    assert yamlfile.load_yaml(path, PlanError) == {"id": "x"}
    assert seen == [False] and gc.isenabled()
