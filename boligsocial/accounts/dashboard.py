"""This app's tile on the home page (see core/contributions.py): for heads of social services
and administrators, how many board members are due for the yearly review."""

from boligsocial.accounts import access, selectors

ORDER = 40
KEY = "people_review"
TEMPLATE = "accounts/dashboard/people_review.html"


def data(user, scope) -> dict | None:
    """The number of board roles due for review; None for those who do not administer people."""
    if not access.may_manage_people(user):
        return None
    return {"due": selectors.review_due(user).count()}
