"""The change log search (beside the access log): every write a service recorded with
`audit.services.record_change`, for the head of social services (their organisations) and
administrators (everything, also entries that belong to no organisation)."""

from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext_lazy as _

from boligsocial.audit.models import ChangeAction, ChangeLogEntry
from boligsocial.cases.filters import ChangeLogFilter
from boligsocial.cases.views.oversight import _log_organisations
from boligsocial.core.listing import SortColumn, build_listing
from boligsocial.core.partials import render_page
from boligsocial.organisations import access as housing

CHANGE_COLUMNS = (
    SortColumn("at", _("Time"), ("at", "id")),
    SortColumn("user", _("User"), ("actor__username", "at", "id")),
    SortColumn("action", _("Action"), ("action", "at", "id")),
    SortColumn("object", _("Object"), ("object_repr", "at", "id")),
)


def change_log(request):
    organisations = _log_organisations(request.user)
    entries = ChangeLogEntry.objects.select_related("actor", "content_type")
    if not housing.scope(request.user).is_admin:
        entries = entries.filter(organisation_id__in=[o.pk for o in organisations])
    listing = build_listing(
        request,
        entries,
        filterset_class=ChangeLogFilter,
        columns=CHANGE_COLUMNS,
        default_sort="-at",
        per_page=50,
    )
    labels = dict(ChangeAction.choices)
    rows = [
        {
            "entry": e,
            "action": labels.get(e.action, e.action),
            "type": _type_label(e),
            "changes": _readable_changes(e),
        }
        for e in listing.page.object_list
    ]
    return render_page(
        request,
        "cases/change_log.html",
        "results",
        {"form": listing.filterset.form, "listing": listing, "rows": rows},
    )


def _type_label(entry: ChangeLogEntry) -> str:
    model = entry.content_type.model_class()
    return model._meta.verbose_name if model else entry.content_type.model


def _readable_changes(entry: ChangeLogEntry) -> list[dict]:
    """The changed fields by their names in the page's language, choice values by their labels
    (`priority: normal -> high` reads "prioritet: Normal -> Høj"), in the labels' order."""
    model = entry.content_type.model_class()
    rows = []
    for name, change in (entry.changes or {}).items():
        old, new = change if isinstance(change, list | tuple) and len(change) == 2 else ("", change)
        label, choices = name, {}
        if model is not None:
            try:
                field = model._meta.get_field(name)
            except FieldDoesNotExist:
                field = None
            if field is not None:
                label = getattr(field, "verbose_name", name)
                choices = dict(field.flatchoices) if getattr(field, "choices", None) else {}
        rows.append({"field": label, "old": _shown(old, choices), "new": _shown(new, choices)})
    # PostgreSQL's jsonb keeps keys in its own order (by length), SQLite as written: sort by the
    # label read so the page is the same on both
    return sorted(rows, key=lambda row: str(row["field"]))


def _shown(value, choices: dict):
    """A logged value as read: a choice by its label, a list (a multiple choice, several ids) as
    its items' labels joined, anything else unhashable as its text."""
    if isinstance(value, list | tuple):
        return ", ".join(str(_shown(item, choices)) for item in value)
    if isinstance(value, dict):
        return ", ".join(f"{key}: {_shown(item, choices)}" for key, item in value.items())
    return choices.get(value, value)
