"""The rules of user administration (grants.py): table tests worked out by hand from the contract
in the module docstring, and hypothesis properties. No database."""

# Mutation testing (`make mutation GROUPS=grants`, decision 0017): 191 of 193 mutants killed
# (99.0 %). The 2 that survive cannot be killed by a test: _plain__mutmut_16 and _20 spell the
# codec "ASCII" instead of "ascii", which Python's codec lookup treats alike.

import re
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from boligsocial.accounts import grants
from boligsocial.accounts.grants import Actor, Person, ScopeError
from boligsocial.organisations.roles import Role, ScopeKind

ADMIN = Actor(user_id=1, is_admin=True)
HEAD_A = Actor(user_id=2, head_org_ids=frozenset({10}))
HEAD_AB = Actor(user_id=3, head_org_ids=frozenset({10, 20}))
NOBODY = Actor(user_id=4)
ORG_ROLES = (
    "social_staff",
    "social_head",
    "org_board",
    "org_management",
    "dept_board",
    "caretaker",
)


def test_heads_may_give_exactly_the_roles_inside_an_organisation():
    assert frozenset(ORG_ROLES) == grants.HEAD_GRANTABLE
    assert grants.grantable_roles(HEAD_A) == ORG_ROLES
    assert grants.grantable_roles(ADMIN) == (*ORG_ROLES, "municipal", "admin")
    assert grants.grantable_roles(NOBODY) == ()


@pytest.mark.parametrize(
    ("actor", "role", "org_id", "expected"),
    [
        (ADMIN, Role.ADMIN, None, True),
        (ADMIN, Role.MUNICIPAL, None, True),
        (ADMIN, Role.SOCIAL_STAFF, 99, True),
        (ADMIN, "no_such_role", 10, False),
        (HEAD_A, Role.SOCIAL_STAFF, 10, True),
        (HEAD_A, Role.SOCIAL_HEAD, 10, True),
        (HEAD_A, Role.ORG_BOARD, 10, True),
        (HEAD_A, Role.ORG_MANAGEMENT, 10, True),
        (HEAD_A, Role.DEPT_BOARD, 10, True),
        (HEAD_A, Role.CARETAKER, 10, True),
        (HEAD_A, Role.SOCIAL_STAFF, 20, False),  # another organisation
        (HEAD_A, Role.SOCIAL_STAFF, None, False),
        (HEAD_A, Role.ADMIN, None, False),
        (HEAD_A, Role.ADMIN, 10, False),
        (HEAD_A, Role.MUNICIPAL, None, False),
        (HEAD_A, Role.MUNICIPAL, 10, False),
        (HEAD_AB, Role.CARETAKER, 20, True),
        (NOBODY, Role.SOCIAL_STAFF, 10, False),
    ],
)
def test_may_grant(actor, role, org_id, expected):
    assert grants.may_grant(actor, role, org_id) is expected


STAFF_A = Person(user_id=50, org_ids=frozenset({10}))
SHARED = Person(user_id=51, org_ids=frozenset({10, 20}))
MUNICIPAL_TOO = Person(user_id=52, org_ids=frozenset({10}), outside=True)
ADMIN_PERSON = Person(user_id=53, is_admin=True, org_ids=frozenset({10}), outside=True)
NO_ROLES = Person(user_id=54)


@pytest.mark.parametrize(
    ("actor", "role", "org_id", "person", "expected"),
    [
        (HEAD_A, Role.SOCIAL_STAFF, 10, STAFF_A, True),
        (HEAD_A, Role.CARETAKER, 10, SHARED, True),  # the organisation A role of a shared person
        (HEAD_A, Role.CARETAKER, 20, SHARED, False),  # ... not their organisation B role
        (HEAD_A, Role.SOCIAL_STAFF, 10, ADMIN_PERSON, False),  # never an administrator
        (HEAD_A, Role.SOCIAL_HEAD, 10, Person(user_id=2, org_ids=frozenset({10})), False),  # self
        (HEAD_A, Role.MUNICIPAL, None, MUNICIPAL_TOO, False),
        (ADMIN, Role.MUNICIPAL, None, MUNICIPAL_TOO, True),
        (ADMIN, Role.SOCIAL_STAFF, 10, ADMIN_PERSON, True),
        (ADMIN, Role.ADMIN, None, Person(user_id=1, is_admin=True, outside=True), False),  # self
        (NOBODY, Role.SOCIAL_STAFF, 10, STAFF_A, False),
    ],
)
def test_may_manage_role(actor, role, org_id, person, expected):
    assert grants.may_manage_role(actor, role=role, org_id=org_id, person=person) is expected


@pytest.mark.parametrize(
    ("actor", "person", "expected"),
    [
        (HEAD_A, STAFF_A, True),
        (HEAD_A, SHARED, False),  # also has a role in organisation B
        (HEAD_AB, SHARED, True),  # heads both
        (HEAD_A, MUNICIPAL_TOO, False),  # also a municipal coordinator
        (HEAD_A, ADMIN_PERSON, False),
        (HEAD_A, NO_ROLES, False),  # nothing ties them to the head's organisation
        (HEAD_A, Person(user_id=2, org_ids=frozenset({10})), False),  # self
        (ADMIN, ADMIN_PERSON, True),
        (ADMIN, NO_ROLES, True),
        (ADMIN, Person(user_id=1, is_admin=True), False),  # self
        (NOBODY, STAFF_A, False),
    ],
)
def test_may_deactivate(actor, person, expected):
    assert grants.may_deactivate(actor, person) is expected


@pytest.mark.parametrize(
    ("actor", "kind", "org_id", "expected"),
    [
        (HEAD_A, ScopeKind.ORGANISATION, 10, (*ORG_ROLES[:4], "caretaker")),
        (HEAD_A, ScopeKind.DEPARTMENT, 10, ("dept_board", "caretaker")),
        (HEAD_A, ScopeKind.ORGANISATION, 20, ()),
        (HEAD_A, ScopeKind.MUNICIPALITY, None, ()),
        (ADMIN, ScopeKind.MUNICIPALITY, None, ("municipal",)),
        (ADMIN, ScopeKind.GLOBAL, None, ("admin",)),
    ],
)
def test_roles_for_scope(actor, kind, org_id, expected):
    assert grants.roles_for_scope(actor, kind, org_id) == expected


def _scope(role, organisation=None, department=None, department_org=None, municipality=None):
    return grants.resolve_scope(
        role,
        organisation_id=organisation,
        department_id=department,
        department_org_id=department_org,
        municipality_id=municipality,
    )


@pytest.mark.parametrize(
    ("role", "kwargs", "expected"),
    [
        (Role.SOCIAL_STAFF, {"organisation": 10}, ScopeKind.ORGANISATION),
        (Role.ORG_MANAGEMENT, {"organisation": 10}, ScopeKind.ORGANISATION),
        (Role.DEPT_BOARD, {"department": 5, "department_org": 10}, ScopeKind.DEPARTMENT),
        (
            Role.DEPT_BOARD,
            {"organisation": 10, "department": 5, "department_org": 10},
            ScopeKind.DEPARTMENT,
        ),
        (Role.CARETAKER, {"organisation": 10}, ScopeKind.ORGANISATION),
        (Role.CARETAKER, {"department": 5, "department_org": 10}, ScopeKind.DEPARTMENT),
        (Role.MUNICIPAL, {"municipality": 751}, ScopeKind.MUNICIPALITY),
        (Role.ADMIN, {}, ScopeKind.GLOBAL),
    ],
)
def test_resolve_scope(role, kwargs, expected):
    assert _scope(role, **kwargs) == expected


@pytest.mark.parametrize(
    ("role", "kwargs", "code", "field"),
    [
        (Role.ADMIN, {"organisation": 10}, "global_has_target", "role"),
        (Role.ADMIN, {"municipality": 751}, "global_has_target", "role"),
        (Role.MUNICIPAL, {}, "municipality_required", "municipality"),
        (
            Role.MUNICIPAL,
            {"municipality": 751, "organisation": 10},
            "municipal_has_housing",
            "municipality",
        ),
        (
            Role.SOCIAL_STAFF,
            {"organisation": 10, "municipality": 751},
            "municipality_not_allowed",
            "municipality",
        ),
        (Role.SOCIAL_STAFF, {}, "organisation_required", "organisation"),
        (
            Role.SOCIAL_STAFF,
            {"organisation": 10, "department": 5, "department_org": 10},
            "department_not_allowed",
            "department",
        ),
        (Role.DEPT_BOARD, {"organisation": 10}, "department_required", "department"),
        (
            Role.DEPT_BOARD,
            {"organisation": 20, "department": 5, "department_org": 10},
            "department_not_in_organisation",
            "department",
        ),
    ],
)
def test_resolve_scope_refuses_what_does_not_fit_the_role(role, kwargs, code, field):
    with pytest.raises(ScopeError, match=f"^{code}$") as raised:
        _scope(role, **kwargs)
    assert (raised.value.code, raised.value.field) == (code, field)


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2026, 5, 1), date(2025, 5, 1)),
        (date(2024, 2, 29), date(2023, 2, 28)),
        (date(2025, 3, 1), date(2024, 3, 1)),
        (date(2026, 1, 1), date(2025, 1, 1)),
    ],
)
def test_one_year_before(today, expected):
    assert grants.one_year_before(today) == expected


TODAY = date(2026, 5, 1)


@pytest.mark.parametrize(
    ("role", "appointed", "reviewed", "due"),
    [
        (Role.ORG_BOARD, date(2025, 5, 1), None, True),  # exactly a year ago
        (Role.ORG_BOARD, date(2025, 5, 2), None, False),  # a day short of a year
        (Role.DEPT_BOARD, date(2020, 1, 1), None, True),
        (Role.DEPT_BOARD, date(2020, 1, 1), date(2025, 9, 1), False),  # confirmed since
        (Role.DEPT_BOARD, date(2020, 1, 1), date(2025, 5, 1), True),  # confirmed a year ago
        (Role.ORG_BOARD, date(2025, 9, 1), date(2024, 1, 1), False),  # the later date counts
        (Role.ORG_MANAGEMENT, date(2020, 1, 1), None, False),  # not a board role
        (Role.SOCIAL_STAFF, date(2020, 1, 1), None, False),
    ],
)
def test_review_due(role, appointed, reviewed, due):
    assert (
        grants.review_due(role=role, appointed_on=appointed, reviewed_on=reviewed, today=TODAY)
        is due
    )


@pytest.mark.parametrize(
    ("first", "last", "taken", "expected"),
    [
        ("Birthe", "Mønstergaard", (), "birthe.moenstergaard"),
        ("Åse", "Ærø", (), "aase.aeroe"),
        ("Jens Peter", "Hansen-Bøg", (), "jens-peter.hansen-boeg"),
        ("Zoë", "Müller", (), "zoe.muller"),
        ("Ida", "Jensen", ("ida.jensen",), "ida.jensen2"),
        ("Ida", "Jensen", ("ida.jensen", "ida.jensen2"), "ida.jensen3"),
        ("", "", (), "bruger"),
        ("!!!", "李", (), "bruger"),
        ("Ida", "", (), "ida"),
    ],
)
def test_username_for(first, last, taken, expected):
    assert grants.username_for(first, last, set(taken).__contains__) == expected


def test_a_long_name_leaves_room_for_a_number_within_djangos_150_characters():
    long = "a" * 200
    assert grants.username_for(long, "", lambda name: False) == "a" * 144
    assert grants.username_for(long, "", {"a" * 144}.__contains__) == "a" * 144 + "2"


# --- properties ----------------------------------------------------------------------------------

actors = st.builds(
    Actor,
    user_id=st.integers(1, 5),
    is_admin=st.booleans(),
    head_org_ids=st.frozensets(st.integers(1, 4), max_size=3),
)
people = st.builds(
    Person,
    user_id=st.integers(1, 5),
    is_admin=st.booleans(),
    org_ids=st.frozensets(st.integers(1, 4), max_size=3),
    outside=st.booleans(),
)
roles = st.sampled_from(Role.values)
org_ids = st.one_of(st.none(), st.integers(1, 4))


@given(actors, roles, org_ids)
def test_a_head_never_gives_admin_or_municipal_nor_outside_their_organisations(actor, role, org):
    if not actor.is_admin and grants.may_grant(actor, role, org):
        assert role not in {Role.ADMIN, Role.MUNICIPAL}
        assert org in actor.head_org_ids


@given(actors, roles, org_ids, people)
def test_nobody_acts_on_themselves_and_heads_never_on_administrators(actor, role, org, person):
    managed = grants.may_manage_role(actor, role=role, org_id=org, person=person)
    deactivated = grants.may_deactivate(actor, person)
    if person.user_id == actor.user_id:
        assert not managed and not deactivated
    if not actor.is_admin and person.is_admin:
        assert not managed and not deactivated
    if managed and not actor.is_admin:
        assert grants.may_grant(actor, role, org)


@given(actors, people)
def test_a_head_deactivates_only_people_wholly_in_their_organisations(actor, person):
    if grants.may_deactivate(actor, person) and not actor.is_admin:
        assert person.org_ids and person.org_ids <= actor.head_org_ids and not person.outside


@given(actors, st.sampled_from(list(ScopeKind)), org_ids)
def test_roles_for_scope_fit_the_scope_and_may_be_given(actor, kind, org):
    from boligsocial.organisations.roles import ROLE_RULES

    for role in grants.roles_for_scope(actor, kind, org):
        assert kind in ROLE_RULES[role].scopes
        assert grants.may_grant(actor, role, org)


@given(st.dates(min_value=date(1901, 1, 1)))
def test_one_year_before_is_365_or_366_days_and_keeps_the_month(today):
    earlier = grants.one_year_before(today)
    assert (today - earlier).days in (365, 366)
    assert (earlier.year, earlier.month) == (today.year - 1, today.month)


@given(st.dates(min_value=date(1901, 1, 1)), st.integers(0, 800), st.none() | st.integers(0, 800))
def test_a_board_role_is_due_exactly_when_counted_from_a_year_ago_or_more(today, ago, reviewed):
    appointed_on = today - timedelta(days=ago)
    reviewed_on = today - timedelta(days=reviewed) if reviewed is not None else None
    due = grants.review_due(
        role=Role.ORG_BOARD, appointed_on=appointed_on, reviewed_on=reviewed_on, today=today
    )
    newest = min(ago, reviewed) if reviewed is not None else ago
    assert due is (today - timedelta(days=newest) <= grants.one_year_before(today))


@given(st.text(max_size=80), st.text(max_size=80), st.sets(st.text(max_size=20), max_size=5))
def test_usernames_are_plain_short_and_free(first, last, taken):
    name = grants.username_for(first, last, taken.__contains__)
    assert re.fullmatch(r"[a-z0-9.-]+", name)
    assert len(name) <= grants.USERNAME_MAX
    assert name not in taken
