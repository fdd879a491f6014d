"""The home page: the user's roles and the apps' tiles."""

from django.shortcuts import render

from boligsocial.organisations import access
from boligsocial.site.dashboard import dashboard_modules, tiles


def home(request):
    user = request.user
    scope = access.scope(user)
    shown = tiles(user, scope)
    # Each tile's data also under its key (None without a tile), for the page's tests.
    by_key = {module.KEY: None for module in dashboard_modules()}
    by_key.update({tile.key: tile.data for tile in shown})
    return render(
        request,
        "site/home.html",
        {
            "memberships": sorted(scope.memberships, key=lambda m: m.role),
            "is_admin": scope.is_admin,
            "tiles": shown,
            **by_key,
        },
    )
