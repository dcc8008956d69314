"""The package is layered: each subpackage imports only from the ones below it, and no module imports,
directly or through others, a module that imports it.

Imports inside functions count too (a cycle hidden in a function still ties two modules together).
"""
import ast
from pathlib import Path

KPI = Path(__file__).resolve().parent.parent / "kpi"
LAYERS = ("", "text", "model", "inputs", "assessment", "story", "analysis", "documents", "render", "cli")
"""From the bottom: the top-level helpers (errors, files, paths), then each subpackage, then the command."""


def _name(path: Path) -> str:
    parts = path.relative_to(KPI).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _where() -> dict[str, str]:
    """The names ``kpi/__init__`` hands out and the module each comes from (``kpi.assess`` -> assessment.engine)."""
    tree = ast.parse((KPI / "__init__.py").read_text(encoding="utf-8"))
    found = next(n.value for n in tree.body if isinstance(n, ast.Assign) and n.targets[0].id == "_WHERE")
    return ast.literal_eval(found)


def _resolve(module: str, node: ast.ImportFrom, is_package: bool) -> list[str]:
    """The kpi modules an ``ImportFrom`` names (relative or ``kpi.``), as dotted names under kpi."""
    if node.level:
        base = module.split(".") if module else []
        base = base if is_package else base[:-1]
        base = base[: len(base) - (node.level - 1)]
        prefix = ".".join(base + ([node.module] if node.module else []))
    elif node.module == "kpi" or (node.module or "").startswith("kpi."):
        prefix = node.module[4:]
    else:
        return []
    where = _where() if prefix == "" else {}
    return [where.get(a.name) or f"{prefix}.{a.name}".lstrip(".") for a in node.names] + [prefix]


def imports_of(source: str, name: str, is_package: bool = False) -> set[str]:
    """The kpi modules (dotted, under kpi) one module's source imports: ``from .x``, ``from kpi.x``, ``from kpi
    import name`` (through kpi's own table of names), ``import kpi.x`` and ``import_module("kpi.x")``."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom):
            found |= set(_resolve(name, node, is_package))
        elif isinstance(node, ast.Import):
            found |= {a.name[4:] for a in node.names if a.name.startswith("kpi.")}
        elif isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) == "import_module":
            arg = node.args[0] if node.args else None
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str) and arg.value.startswith("kpi."):
                found.add(arg.value.partition(":")[0][4:])
    return found


def imports() -> dict[str, set[str]]:
    """Module -> the kpi modules it imports, read from the source with ast (top level and in functions)."""
    paths = {_name(p): p for p in KPI.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in paths.items():
        found = imports_of(path.read_text(encoding="utf-8"), name, path.name == "__init__.py")
        graph[name] = {m for m in found if m in paths and m != name and m != ""}
    return graph


def layer(module: str) -> int:
    head = module.split(".")[0]
    return LAYERS.index(head) if head in LAYERS else 0


def cycle(graph: dict[str, set[str]]) -> list[str]:
    """One import cycle (its modules in order, the first repeated at the end), or [] if there is none."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(m: str) -> list[str]:
        state[m] = 1
        path.append(m)
        for n in sorted(graph[m]):
            if state.get(n) == 1:
                return path[path.index(n):] + [n]
            if n not in state and (found := visit(n)):
                return found
        state[m] = 2
        path.pop()
        return []

    for m in sorted(graph):
        if m not in state and (found := visit(m)):
            return found
    return []


def test_the_finder_sees_a_cycle():
    assert cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert cycle({"a": {"b"}, "b": set(), "c": {"a", "b"}}) == []


def test_the_reader_sees_every_form_of_import():
    source = ("from kpi import assess\nimport kpi.render.report\n"
              "def f():\n    from ..story import charts\n    import_module('kpi.documents.pdf')\n")
    assert imports_of(source, "text.theme") >= {"assessment.engine", "render.report", "story.charts", "documents.pdf"}


def test_the_reader_resolves_relative_imports():
    graph = imports()
    assert "text.labels" in graph["story.sections"]  # a module known to use the labels, one package up
    assert "assessment.accounts" in graph["assessment.engine"]  # a sibling


def test_no_import_cycle_in_kpi():
    graph = imports()
    assert {"assessment.engine", "text.labels", "text.theme", "render.report", "cli"} <= set(graph)
    assert cycle({m: deps for m, deps in graph.items() if m}) == []


def test_each_subpackage_imports_only_from_those_below():
    graph = imports()
    upward = sorted(f"{m} -> {d}" for m, deps in graph.items() if m for d in deps if layer(d) > layer(m))
    assert upward == []


def test_words_and_colours_depend_on_nothing_above_them():
    graph = imports()
    assert graph["text.theme"] == set() and graph["model.period"] == set()
    assert graph["text.labels"] == {"text.status"} and graph["text.status"] == {"text.theme"}  # words, colours
