"""The imports app's place in the dependency direction (docs/decisions/0018-imports-app.md):
core, audit and organisations import nothing of it (their kinds are found by discovery), and it
imports neither the screening nor the cases; no module of it or of core's import pieces imports
another module in a circle."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]  # boligsocial/


def _imports(path: Path) -> set[str]:
    """The boligsocial modules a file imports (at the top or inside functions)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found |= {f"{node.module}.{a.name}" for a in node.names}
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
    return {m for m in found if m.startswith("boligsocial.")}


def _sources(app: str):
    for path in sorted((ROOT / app).rglob("*.py")):
        if "tests" not in path.parts and "migrations" not in path.parts:
            yield path


@pytest.mark.parametrize("app", ["core", "audit", "organisations"])
def test_lower_apps_do_not_import_the_imports_app(app):
    offenders = {
        str(path.relative_to(ROOT)): sorted(
            m for m in _imports(path) if m.startswith("boligsocial.imports")
        )
        for path in _sources(app)
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_the_imports_app_imports_neither_screening_nor_cases():
    offenders = {
        str(path.relative_to(ROOT)): sorted(
            m
            for m in _imports(path)
            if m.startswith(("boligsocial.screening", "boligsocial.cases"))
        )
        for path in _sources("imports")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def _module(path: Path) -> str:
    return "boligsocial." + ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(
        ".__init__"
    )


def test_no_import_circles_among_the_import_modules():
    paths = [
        *_sources("imports"),
        *(
            ROOT / "core" / n
            for n in ("tables.py", "workbooks.py", "cells.py", "importkinds.py", "importreport.py")
        ),
        *(ROOT / "organisations" / "imports").glob("*.py"),
        ROOT / "organisations" / "import_kinds.py",
        *(ROOT / "screening" / "imports").glob("*.py"),
        ROOT / "screening" / "import_kinds.py",
    ]
    graph = {_module(p): set() for p in paths}
    for path in paths:
        graph[_module(path)] = {m for m in _imports(path) if m in graph} - {_module(path)}

    def cycle_from(start):
        stack = [(start, [start])]
        while stack:
            node, trail = stack.pop()
            for nxt in graph[node]:
                if nxt == start:
                    return [*trail, start]
                if nxt not in trail:
                    stack.append((nxt, [*trail, nxt]))
        return None

    assert [c for c in map(cycle_from, sorted(graph)) if c] == []
