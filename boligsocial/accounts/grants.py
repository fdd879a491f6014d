"""Who may give, change and end which role, where a new role applies, when a board member is due
for the yearly review, and the username a new person gets.

Pure rules over plain values (role codes, ids, dates). `accounts.access` feeds them from the
database; the forms and services ask them. The role table itself is `organisations.roles`
(data, imported here; nothing else of Django is used).

Contract:
- an administrator may give every role anywhere; a head of social services (`SOCIAL_HEAD` of an
  organisation) may give the roles that live inside an organisation (`HEAD_GRANTABLE`: not
  administrator, not municipal coordinator), in the organisations they head, and nowhere else;
- nobody changes, ends or deactivates themselves here (ask another head or an administrator);
- a head never acts on an administrator, and deactivates a person only when every role the
  person holds lies in the organisations the head heads (otherwise the head ends the role);
- a role applies to exactly the scope its `RoleRule.scopes` allow (`resolve_scope`);
- a board role (`REVIEWED_ROLES`) is due for review when it was appointed, or last confirmed, a
  year ago or more (`one_year_before`: 29 February counts back to 28 February).
"""

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from boligsocial.organisations.roles import ROLE_RULES, Role, ScopeKind

INSIDE_ORGANISATION = frozenset({ScopeKind.ORGANISATION, ScopeKind.DEPARTMENT})
HEAD_GRANTABLE = frozenset(
    role for role, rule in ROLE_RULES.items() if rule.scopes <= INSIDE_ORGANISATION
)
REVIEWED_ROLES = frozenset({Role.ORG_BOARD, Role.DEPT_BOARD})
USERNAME_MAX = 150


@dataclass(frozen=True)
class Actor:
    """The person administering: their id, whether they are an administrator, and the
    organisations they head."""

    user_id: int
    is_admin: bool = False
    head_org_ids: frozenset[int] = frozenset()


@dataclass(frozen=True)
class Person:
    """The person acted on: their id, whether they are an administrator, the organisations their
    roles lie in (a department role by its department's organisation), and whether they hold a
    role outside every organisation (municipal coordinator, administrator)."""

    user_id: int
    is_admin: bool = False
    org_ids: frozenset[int] = frozenset()
    outside: bool = False


def grantable_roles(actor: Actor) -> tuple[str, ...]:
    """The roles `actor` may give somewhere, in the order of `Role`."""
    if actor.is_admin:
        return tuple(Role.values)
    if not actor.head_org_ids:
        return ()
    return tuple(r for r in Role.values if r in HEAD_GRANTABLE)


def may_grant(actor: Actor, role: str, org_id: int | None) -> bool:
    """May `actor` give `role` in organisation `org_id` (None: a role outside organisations)?"""
    if role not in ROLE_RULES:
        return False
    if actor.is_admin:
        return True
    return role in HEAD_GRANTABLE and org_id is not None and org_id in actor.head_org_ids


def may_manage_role(actor: Actor, *, role: str, org_id: int | None, person: Person) -> bool:
    """May `actor` change, end or confirm `person`'s role `role` in organisation `org_id`?"""
    if person.user_id == actor.user_id:
        return False
    if actor.is_admin:
        return True
    return not person.is_admin and may_grant(actor, role, org_id)


def may_deactivate(actor: Actor, person: Person) -> bool:
    """May `actor` deactivate `person`'s user (they can no longer log in)?"""
    if person.user_id == actor.user_id:
        return False
    if actor.is_admin:
        return True
    return (
        not person.is_admin
        and not person.outside
        and bool(person.org_ids)
        and person.org_ids <= actor.head_org_ids
    )


def roles_for_scope(actor: Actor, kind: str, org_id: int | None) -> tuple[str, ...]:
    """The roles an existing role of scope `kind` (in `org_id`) may be changed to by `actor`."""
    return tuple(
        r
        for r in grantable_roles(actor)
        if kind in ROLE_RULES[r].scopes and may_grant(actor, r, org_id)
    )


class ScopeError(ValueError):
    """The chosen organisation, department and municipality do not fit the role. `code` names
    what is wrong (the form turns it into a Danish message)."""

    def __init__(self, code: str, field: str):
        super().__init__(code)
        self.code = code
        self.field = field


def resolve_scope(
    role: str,
    *,
    organisation_id: int | None,
    department_id: int | None,
    department_org_id: int | None,
    municipality_id: int | None,
) -> str:
    """The `ScopeKind` a new role gets from what was chosen, or ScopeError.

    A department role keeps only the department (its organisation may be chosen too, if it is the
    department's); a role that may have either (caretaker) is a department role when a department
    is chosen."""
    scopes = ROLE_RULES[role].scopes
    if ScopeKind.GLOBAL in scopes:
        if organisation_id or department_id or municipality_id:
            raise ScopeError("global_has_target", "role")
        return ScopeKind.GLOBAL
    if ScopeKind.MUNICIPALITY in scopes:
        if organisation_id or department_id:
            raise ScopeError("municipal_has_housing", "municipality")
        if not municipality_id:
            raise ScopeError("municipality_required", "municipality")
        return ScopeKind.MUNICIPALITY
    if municipality_id:
        raise ScopeError("municipality_not_allowed", "municipality")
    if department_id and ScopeKind.DEPARTMENT in scopes:
        if organisation_id and organisation_id != department_org_id:
            raise ScopeError("department_not_in_organisation", "department")
        return ScopeKind.DEPARTMENT
    if department_id:
        raise ScopeError("department_not_allowed", "department")
    if ScopeKind.ORGANISATION in scopes:
        if not organisation_id:
            raise ScopeError("organisation_required", "organisation")
        return ScopeKind.ORGANISATION
    raise ScopeError("department_required", "department")


def one_year_before(today: date) -> date:
    """The same day a year earlier (29 February -> 28 February)."""
    try:
        return today.replace(year=today.year - 1)
    except ValueError:
        return today.replace(year=today.year - 1, day=28)


def review_from(appointed_on: date, reviewed_on: date | None) -> date:
    """The day the yearly review counts from: the later of appointment and last confirmation."""
    return max(appointed_on, reviewed_on) if reviewed_on else appointed_on


def review_due(*, role: str, appointed_on: date, reviewed_on: date | None, today: date) -> bool:
    """A board role is due when it was appointed or last confirmed a year ago or more."""
    return role in REVIEWED_ROLES and review_from(appointed_on, reviewed_on) <= one_year_before(
        today
    )


_DANISH = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "ae", "Ø": "oe", "Å": "aa"})


def _plain(text: str) -> str:
    ascii_text = (
        unicodedata.normalize("NFKD", text.translate(_DANISH))
        .encode("ascii", "ignore")
        .decode("ascii")
        .lower()
    )
    return "-".join(re.findall(r"[a-z0-9]+", ascii_text))


def username_for(first_name: str, last_name: str, taken: Callable[[str], bool]) -> str:
    """`fornavn.efternavn` in plain lower-case letters (æ -> ae, ø -> oe, å -> aa), with 2, 3, …
    appended when `taken(name)` says it exists; "bruger" when the name has no letters."""
    base = ".".join(p for p in (_plain(first_name), _plain(last_name)) if p) or "bruger"
    base = base[: USERNAME_MAX - 6]
    candidate, n = base, 1
    while taken(candidate):
        n += 1
        candidate = f"{base}{n}"
    return candidate
