"""The shape of the code (issue 12, docs/architecture.md): which app may import which, no import
circles between modules (lazy imports inside functions count too), no module over 600 lines.

Read from the source with `ast`, so the test sees every import, also those that never run in a
test. Tests and migrations are left out."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "boligsocial"
MAX_LINES = 600

# Layers, lowest first. An app may import its own modules and apps of lower layers only.
LAYERS = (
    {"core"},
    {"audit"},
    {"organisations"},
    {"imports"},  # shared machinery the capabilities use; it finds their kinds by discovery
    {"screening"},
    {"guides"},  # the question-guide engine (C3, C4, C5)
    {"catalogue"},  # C6: below cases and plans, which link to it
    {"cases"},
    {"analyses"},  # C3: above cases (a follow-up action opens a case)
    {"visits"},  # C4: service visits on the guide engine; findings go on to plans
    {"surveys"},  # C5: resident surveys on the guide engine
    {"walks"},  # C5: safety walks (tryghedsvandringer), their findings and follow-up
    {"plans"},  # C7: above the catalogue (activities link interventions)
    {"coordination"},  # C8: efforts from plans, cases, surveys and the municipality's own
    {"reports"},  # C9: the styringsdialog report uses everything below
    {"accounts"},
    {"api", "site"},
)
LAYER_OF = {app: n for n, apps in enumerate(LAYERS) for app in apps}


def source_files() -> list[Path]:
    return sorted(
        p
        for p in PACKAGE.rglob("*.py")
        if "tests" not in p.relative_to(PACKAGE).parts
        and "migrations" not in p.relative_to(PACKAGE).parts
    )


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {module_name(p): p for p in source_files()}


def resolve(name: str) -> str | None:
    """The module of ours that `name` denotes (a module, or the package holding a name)."""
    while name:
        if name in MODULES:
            return name
        name = name.rpartition(".")[0]
    return None


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    me = module_name(path)
    package = me if path.name == "__init__.py" else me.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            targets = [f"{base}.{alias.name}" for alias in node.names] + [base]
        else:
            continue
        for target in targets:
            if target.startswith("boligsocial"):
                resolved = resolve(target)
                if resolved and resolved != me:
                    found.add(resolved)
    return found


GRAPH = {name: imports_of(path) for name, path in MODULES.items()}


def app_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else None


def test_every_app_is_placed_in_a_layer():
    apps = {app_of(m) for m in MODULES} - {None}
    assert sorted(apps - set(LAYER_OF)) == []


def test_apps_import_only_lower_layers():
    wrong = sorted(
        f"{module} imports {target}"
        for module, targets in GRAPH.items()
        for target in targets
        if (a := app_of(module)) and (b := app_of(target)) and a != b
        if LAYER_OF.get(b, 99) >= LAYER_OF.get(a, -1)
    )
    assert wrong == []


def _cycles() -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    result: list[list[str]] = []
    counter = [0]

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in sorted(GRAPH.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                result.append(sorted(component))

    for v in sorted(GRAPH):
        if v not in index:
            visit(v)
    return sorted(result)


def test_there_are_no_import_circles_between_modules():
    assert _cycles() == []


def test_no_module_is_over_600_lines():
    long = sorted(
        f"{p.relative_to(ROOT)}: {n}"
        for p in source_files()
        if (n := len(p.read_text().splitlines())) > MAX_LINES
    )
    assert long == []


@pytest.mark.parametrize(
    ("module", "expected"),
    [
        ("boligsocial.core.permissions", set()),
        (
            "boligsocial.cases.access",
            {
                "boligsocial.cases.models",
                "boligsocial.organisations.access",
                "boligsocial.organisations.models",
                "boligsocial.organisations.roles",
            },
        ),
    ],
)
def test_the_reader_sees_the_imports_it_should(module, expected):
    assert GRAPH[module] == expected


def test_every_api_filters_through_the_strict_backend():
    """A view that names django-filter's own backend reads `?local=junk` as "no filter" and
    answers 200 (the schema contract found it on the catalogue): the API's views use
    core.strictfilters.StrictFilterBackend, which refuses it with a Danish 400."""
    plain = sorted(
        str(p.relative_to(ROOT))
        for p in source_files()
        if p.name != "strictfilters.py" and "DjangoFilterBackend" in p.read_text()
    )
    assert plain == []


def test_migration_tests_migrate_a_database_of_their_own():
    """A test that migrates the shared test database back unapplies every later migration of
    every app (a minute), and the tests after it would find tables missing: migration tests take
    the `fresh_database` fixture (conftest.py), which migrates an empty one forward."""
    tests = [*PACKAGE.rglob("tests/*.py"), *(ROOT / "tests").rglob("*.py")]
    direct = sorted(
        str(p.relative_to(ROOT))
        for p in tests
        if "MigrationExecutor" in p.read_text() and p.name != "test_architecture.py"
    )
    assert direct == []
