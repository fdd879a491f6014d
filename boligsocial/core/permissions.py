"""The one `can()` that views, templates and the API call.

Each app owns its rules in its own `access.py` and registers a policy for the actions it owns,
from its `AppConfig.ready()`:

    permissions.register(policy, actions={VIEW_CASE, EDIT_CASE, ...})

A policy is `policy(user, action, obj) -> bool`. `can()` finds the policy that owns the action
and asks it; an action nobody registered is a programming error (ValueError), an object the
policy does not know is denied (the policy returns False). core imports no app: the registry is
filled by the apps, never by core.
"""

from collections.abc import Callable, Iterable

Policy = Callable[[object, str, object], bool]

_POLICIES: dict[str, Policy] = {}


def register(policy: Policy, *, actions: Iterable[str]) -> None:
    """Make `policy` answer for `actions`. An action has one owner: registering it again for
    another policy is refused (two apps must not both decide the same thing)."""
    for action in actions:
        owner = _POLICIES.get(action)
        if owner is not None and owner is not policy:
            raise ValueError(f"action {action!r} is already registered by {owner!r}")
        _POLICIES[action] = policy


def can(user, action: str, obj) -> bool:
    """May `user` do `action` on `obj`? Unknown objects are denied; unknown actions raise."""
    policy = _POLICIES.get(action)
    if policy is None:
        raise ValueError(f"unknown action {action!r}")
    return bool(policy(user, action, obj))


def registered_actions() -> frozenset[str]:
    return frozenset(_POLICIES)
