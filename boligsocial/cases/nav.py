"""This app's entries in the main navigation (see core/context_processors.py)."""

NAMESPACE = "cases"


def items(user, scope) -> list:
    """NavItem objects for this user; `scope` is organisations.access.scope(user)."""
    return []
