"""The home page's tiles: each app's `dashboard.py` (found by discovery, see
core/contributions.py) gives its data for the user, or None for no tile."""

from types import ModuleType

from boligsocial.core.contributions import Tile
from boligsocial.site.discovery import app_modules

REQUIRED = {"ORDER": int, "KEY": str, "TEMPLATE": str, "data": callable}


def dashboard_modules() -> list[ModuleType]:
    return app_modules("dashboard", REQUIRED)


def tiles(user, scope) -> list[Tile]:
    """The user's tiles in ORDER; a module whose data is None gives none."""
    found = []
    for module in dashboard_modules():
        data = module.data(user, scope)
        if data is not None:
            found.append(Tile(key=module.KEY, template=module.TEMPLATE, data=data))
    return found
