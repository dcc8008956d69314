"""The package is layered: no module of kpi imports, directly or through others, a module that imports it.

Imports inside functions count too (a cycle hidden in a function still ties two modules together).
"""
import ast
from pathlib import Path

KPI = Path(__file__).resolve().parent.parent / "kpi"


def imports() -> dict[str, set[str]]:
    """Module -> the kpi modules it imports, read from the source with ast (top level and in functions)."""
    modules = {p.stem for p in KPI.glob("*.py")}
    graph: dict[str, set[str]] = {}
    for path in KPI.glob("*.py"):
        found = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 1:
                found |= {node.module.split(".")[0]} if node.module else {a.name for a in node.names}
            elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("kpi."):
                found.add(node.module.split(".")[1])
            elif isinstance(node, ast.Import):
                found |= {a.name.split(".")[1] for a in node.names if a.name.startswith("kpi.")}
        graph[path.stem] = {m for m in found if m in modules and m != path.stem}
    return graph


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


def test_no_import_cycle_in_kpi():
    graph = imports()
    assert {"assessment", "labels", "theme", "report", "cli"} <= set(graph)
    assert "labels" in graph["sections"]  # the reader sees the imports: a module known to use the labels
    assert cycle(graph) == []


def test_words_and_colours_depend_on_nothing():
    graph = imports()
    assert graph["theme"] == set() and graph["period"] == set()
    assert graph["status"] == {"theme"} and graph["labels"] == {"status"}  # a status's words are in its row
