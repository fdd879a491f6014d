"""Access-matrix rows per app, collected by tests/test_access_matrix.py.

Every module of this package is found by discovery (a new app adds one file,
`tests/access_rows/<app>.py`, and nothing else), except `common` (the persona sets) and names
starting with an underscore. Each module defines PAGES and API (rows as in
test_access_matrix.py), NOT_IN_MATRIX (URL names handled elsewhere, e.g. POST-only or public),
and extend_world(world, personas), which creates the objects its rows refer to and sets them as
attributes on `world` (kwargs values that name an attribute of `world` are replaced by that
object's pk). extend_world must be idempotent: the modules of one app may share objects (create
them once, e.g. `if not hasattr(world, "x")`). The world is built once for the whole matrix
module, so extend_world runs once per test run, in the modules' alphabetical order."""

import importlib
import pkgutil
from types import ModuleType

_NOT_ROWS = {"common"}
_INTERFACE = ("PAGES", "API", "NOT_IN_MATRIX", "extend_world")


def row_modules() -> tuple[ModuleType, ...]:
    """The row modules of this package, sorted by name, each checked for the interface."""
    modules = []
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        if info.name in _NOT_ROWS or info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        missing = [name for name in _INTERFACE if not hasattr(module, name)]
        if missing:
            raise TypeError(f"{module.__name__} lacks {', '.join(missing)} (see {__name__})")
        modules.append(module)
    return tuple(modules)


_MODULES = row_modules()

EXTRA_PAGES = [row for m in _MODULES for row in m.PAGES]
EXTRA_API = [row for m in _MODULES for row in m.API]
EXTRA_NOT_IN_MATRIX = set().union(*(m.NOT_IN_MATRIX for m in _MODULES))
EXTENDERS = [m.extend_world for m in _MODULES]
