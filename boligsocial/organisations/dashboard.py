"""This app's tile on the home page (see core/contributions.py): the organisations,
municipalities and housing areas the user sees (the first 20 of each)."""

from boligsocial.organisations import selectors

ORDER = 30
KEY = "housing"
TEMPLATE = "organisations/dashboard/housing.html"
SHOWN = 20


def data(user, scope) -> dict | None:
    if scope.is_empty:
        return None
    return {
        "organisations": list(selectors.organisations_with_counts(user).order_by("name")[:SHOWN]),
        "municipalities": list(
            selectors.municipalities_with_counts(user)
            .filter(department_total__gt=0)
            .order_by("name")[:SHOWN]
        ),
        "areas": list(selectors.areas_with_departments(user).order_by("name")[:SHOWN]),
    }
