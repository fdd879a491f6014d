"""What the plans' two import kinds share: who may import them, the organisations offered for the
template file, how a plan or an activity named in a row is found (only through `access`, so a
forged number reads as unknown), and the plan of changes both kinds show as a preview.

Who: the users who may edit a part of some plan (administrators, the social unit of a housing
organisation, a municipal coordinator); the rows say which plan or activity, and each row is
checked against the plan's own rights (`access.own_funder_ids`, `access.EDIT_ACTIVITY`). They
need not manage housing data, so they see and undo their own imports (`undo_by_importer`)."""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from boligsocial.core.importkinds import CREATE, UPDATE, Change, FieldChange
from boligsocial.organisations.access import scope
from boligsocial.organisations.models import Organisation
from boligsocial.organisations.roles import Role
from boligsocial.plans import access


def may_import(user) -> bool:
    """Decided from the scope alone (the menu asks on every page): editors of some plan part."""
    s = scope(user)
    return s.is_admin or bool(s.social_org_ids) or Role.MUNICIPAL in s.roles


def organisations(user):
    """The organisations of the plans the user sees (the template file is filled per one)."""
    return Organisation.objects.filter(plans__in=access.visible_plans(user)).distinct()


def unknown_plan(number) -> str:
    return _("There is no plan number %(number)s that you can see.") % {"number": number}


def name_mismatch(what: str, number, stored: str, given: str) -> str:
    return _(
        "%(what)s number %(number)s is called “%(stored)s”, not “%(given)s”. Check the number."
    ) % {"what": what, "number": number, "stored": stored, "given": given}


def rows_text(lines) -> str:
    """ "line 2" or "lines 2, 3 and 5" (the rows a rule breach is about)."""
    lines = sorted(set(lines))
    if len(lines) == 1:
        return _("line %(line)s") % {"line": lines[0]}
    return _("lines %(lines)s and %(last)s") % {
        "lines": ", ".join(str(n) for n in lines[:-1]),
        "last": lines[-1],
    }


@dataclass
class RowPlan:
    """The plan (core.importkinds.Plan) of a plans import: rows to create, rows to change (with
    their old and new values), rows already as in the file. `subject(item)` names a row for the
    preview; `fields(item)` gives its (label, old, new) texts; `key(item)` what the fingerprint
    hashes."""

    subject: Callable
    fields: Callable
    key: Callable
    create: list = field(default_factory=list)  # (line, item)
    update: list = field(default_factory=list)  # (line, item)
    unchanged: int = 0
    organisation_ids: frozenset[int] = frozenset()

    @property
    def created(self) -> int:
        return len(self.create)

    @property
    def updated(self) -> int:
        return len(self.update)

    @property
    def fingerprint(self) -> str:
        digest = hashlib.sha256()
        for action, items in ((CREATE, self.create), (UPDATE, self.update)):
            for line, item in items:
                digest.update(repr((action, line, self.key(item))).encode())
        return digest.hexdigest()

    def changes(self, limit: int) -> list[Change]:
        out = [
            Change(
                line,
                self.subject(item),
                action,
                tuple(FieldChange(*f) for f in self.fields(item)),
            )
            for action, items in ((CREATE, self.create), (UPDATE, self.update))
            for line, item in items
        ]
        return sorted(out, key=lambda c: c.line)[:limit]
