"""Who sees and acts on imports (the pair of conventions.md for this app).

Who may *start* an import of a kind is the kind's own rule (`ImportKind.may_import` and
`ImportKind.organisations`, declared with the kind in its app's `import_kinds.py` from that
app's access rules: the roles that manage housing data, `RoleRule.manages_housing`, for the
organisations they manage). This module decides about existing imports:
- see (`visible_batches`, VIEW_IMPORT): administrators every import; an importer of the kind the
  imports of the organisations they manage, and their own (an importer who manages nothing,
  e.g. of the plans' kinds, only their own);
- confirm or cancel a preview (CONFIRM_IMPORT): the user who uploaded the file;
- undo (UNDO_IMPORT): an importer of the kind who manages the batch's organisation, or an
  administrator (a batch of no single organisation, e.g. national values: administrators only);
  for a kind with `undo_by_importer` (the plans' budget lines and sessions) also its uploader.
  Whether a batch can still be undone (the latest of its kind for its organisation, nothing
  changed since) is the service's answer (`services.undo_state`), not an access rule.
"""

from django.db.models import Q, QuerySet

from boligsocial.imports import registry
from boligsocial.imports.models import ImportBatch
from boligsocial.organisations.access import scope

VIEW_IMPORT = "view_import"
CONFIRM_IMPORT = "confirm_import"
UNDO_IMPORT = "undo_import"
ACTIONS = frozenset({VIEW_IMPORT, CONFIRM_IMPORT, UNDO_IMPORT})


def may_import_any(user) -> bool:
    """May the user import anything at all (the import pages answer 403 otherwise)?"""
    return bool(registry.kinds_for(user))


def visible_batches(user) -> QuerySet[ImportBatch]:
    """Administrators see every import; other importers the imports of the organisations they
    manage and their own."""
    s = scope(user)
    qs = ImportBatch.objects.all()
    if s.is_admin:
        return qs
    if not s.manage_org_ids:
        # importers of kinds open to non-managers (ImportKind.undo_by_importer) see their own
        return qs.filter(created_by=user) if user.is_authenticated else qs.none()
    return qs.filter(Q(organisation_id__in=s.manage_org_ids) | Q(created_by=user))


def policy(user, action: str, obj) -> bool:
    if not isinstance(obj, ImportBatch):
        return False
    kind = registry.by_code(obj.kind)
    if kind is None or not kind.may_import(user):
        return False
    s = scope(user)
    manages = s.is_admin or (
        obj.organisation_id is not None and obj.organisation_id in s.manage_org_ids
    )
    own = obj.created_by_id is not None and obj.created_by_id == user.pk
    if action == VIEW_IMPORT:
        return manages or own
    if action == CONFIRM_IMPORT:
        return own
    if action == UNDO_IMPORT:
        return kind.undo is not None and (manages or (own and kind.undo_by_importer))
    return False
