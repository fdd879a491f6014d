"""The change log search (beside the access log): every write a service recorded with
`audit.services.record_change`, for the head of social services (their organisations) and
administrators (everything, also entries that belong to no organisation)."""

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
            "type": e.content_type.model_class()._meta.verbose_name
            if e.content_type.model_class()
            else e.content_type.model,
            "changes": [
                {"field": name, "old": pair[0], "new": pair[1]}
                for name, pair in (e.changes or {}).items()
            ],
        }
        for e in listing.page.object_list
    ]
    return render_page(
        request,
        "cases/change_log.html",
        "results",
        {"form": listing.filterset.form, "listing": listing, "rows": rows},
    )
