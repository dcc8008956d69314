"""pyproject.toml is the single source of the dependencies; environment.yml must agree."""
import re
import tomllib

import yaml

from conftest import ROOT


def _name(spec: str) -> str:
    return re.split(r"[<>=!~ \[]", spec.strip(), maxsplit=1)[0].lower()


def test_environment_yml_matches_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = {s.replace(" ", "") for s in project["dependencies"] + project["optional-dependencies"]["test"]}
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    conda = {d.replace(" ", "") for d in env["dependencies"] if isinstance(d, str) and _name(d) not in ("python", "pip")}
    assert conda == wanted
    assert "python=3.11" in env["dependencies"]
