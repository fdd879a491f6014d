"""Access-matrix rows per app, collected by tests/test_access_matrix.py.

Each module defines PAGES and API (rows as in test_access_matrix.py), NOT_IN_MATRIX (URL names
handled elsewhere, e.g. POST-only or public), and extend_world(world, personas), which creates the
objects its rows refer to and sets them as attributes on `world` (kwargs values that name an
attribute of `world` are replaced by that object's pk). extend_world must be idempotent: the
modules of one app may share objects (create them once, e.g. `if not hasattr(world, "x")`)."""

from tests.access_rows import (
    accounts,
    cases_api,
    cases_pages,
    imports,
    screening_data,
    screening_pages,
)

_MODULES = (imports, screening_pages, screening_data, cases_pages, cases_api, accounts)

EXTRA_PAGES = [row for m in _MODULES for row in m.PAGES]
EXTRA_API = [row for m in _MODULES for row in m.API]
EXTRA_NOT_IN_MATRIX = set().union(*(m.NOT_IN_MATRIX for m in _MODULES))
EXTENDERS = [m.extend_world for m in _MODULES]
