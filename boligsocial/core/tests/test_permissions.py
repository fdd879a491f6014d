"""The one dispatcher: apps register a policy per action; can() asks the owner."""

import pytest

from boligsocial.cases import access as case_access
from boligsocial.core import permissions
from boligsocial.organisations import access as housing
from boligsocial.screening import access as screening_access


def test_every_app_policy_is_registered_for_exactly_its_actions():
    actions = permissions.registered_actions()
    assert actions >= housing.ACTIONS
    assert actions >= case_access.ACTIONS
    assert actions >= screening_access.ACTIONS
    assert permissions._POLICIES[housing.VIEW] is housing.can
    assert permissions._POLICIES[case_access.VIEW_CASE] is case_access.can
    assert permissions._POLICIES[screening_access.IMPORT_VALUES] is screening_access.can


def test_an_unknown_action_raises():
    with pytest.raises(ValueError, match="unknown action 'fly'"):
        permissions.can(None, "fly", object())


def test_an_action_cannot_get_a_second_owner():
    def other(user, action, obj):
        return True

    with pytest.raises(ValueError, match="action 'view' is already registered by"):
        permissions.register(other, actions={housing.VIEW})
    assert permissions._POLICIES[housing.VIEW] is housing.can


def test_registering_the_same_policy_again_is_harmless():
    permissions.register(housing.can, actions={housing.VIEW})
    assert permissions._POLICIES[housing.VIEW] is housing.can


def test_can_returns_the_policy_answer_as_a_bool(monkeypatch):
    calls = []

    def policy(user, action, obj):
        calls.append((user, action, obj))
        return 1

    monkeypatch.setitem(permissions._POLICIES, "test_action", policy)
    assert permissions.can("u", "test_action", "o") is True
    assert calls == [("u", "test_action", "o")]


@pytest.mark.django_db
def test_the_dispatcher_answers_like_each_app_policy(world, personas):
    for name, user in personas.items():
        assert permissions.can(user, housing.MANAGE, world.org_a) == housing.can(
            user, housing.MANAGE, world.org_a
        ), name
        assert permissions.can(user, case_access.CREATE_CASE, world.dept_a1) == case_access.can(
            user, case_access.CREATE_CASE, world.dept_a1
        ), name
    assert [n for n, u in personas.items() if permissions.can(u, housing.MANAGE, world.org_a)] == [
        "admin",
        "head_a",
        "management_a",
    ]
    assert [
        n for n, u in personas.items() if permissions.can(u, screening_access.MANAGE_LEGENDS, None)
    ] == ["admin"]
    assert [
        n
        for n, u in personas.items()
        if permissions.can(u, screening_access.IMPORT_VALUES, world.org_b)
    ] == ["admin"]
