"""This app's tile on the home page (see core/contributions.py): the departments per light in
the newest year with lights, for the departments the user sees."""

from boligsocial.organisations import access

ORDER = 20
KEY = "traffic_lights"
TEMPLATE = "screening/dashboard/traffic_lights.html"


def data(user, scope) -> dict | None:
    """{"year", "counts": {colour: n}, "total"}; None without scope or without any light. 2
    queries."""
    from boligsocial.screening import selectors

    if scope.is_empty:
        return None
    departments = access.visible_departments(user)
    years = selectors.years_with_lights(departments)
    if not years:
        return None
    counts = selectors.colour_distribution(departments, years[0]).get(years[0], {})
    counts = {colour: counts.get(colour, 0) for colour in selectors.COLOURS}
    return {"year": years[0], "counts": counts, "total": sum(counts.values())}
