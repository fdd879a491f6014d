"""The change log search (beside the access log): every write a service recorded with
`audit.services.record_change`, for the head of social services (their organisations) and
administrators (everything, also entries that belong to no organisation)."""

from urllib.parse import urlencode

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from boligsocial.audit.models import ChangeAction, ChangeLogEntry
from boligsocial.cases import forms
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
FILTERS = ("user", "object", "action", "date_from", "date_to")


def change_log(request):
    organisations = _log_organisations(request.user)
    entries = ChangeLogEntry.objects.select_related("actor", "content_type")
    if not housing.scope(request.user).is_admin:
        entries = entries.filter(organisation_id__in=[o.pk for o in organisations])
    form = forms.ChangeLogFilterForm(request.GET or None)
    if form.is_valid():
        data = form.cleaned_data
        if data["user"]:
            entries = entries.filter(
                Q(actor__username__icontains=data["user"])
                | Q(actor__first_name__icontains=data["user"])
                | Q(actor__last_name__icontains=data["user"])
            )
        if data["object"]:
            entries = entries.filter(object_repr__icontains=data["object"])
        if data["action"]:
            entries = entries.filter(action=data["action"])
        if data["date_from"]:
            entries = entries.filter(at__date__gte=data["date_from"])
        if data["date_to"]:
            entries = entries.filter(at__date__lte=data["date_to"])
    listing = build_listing(
        request, entries, columns=CHANGE_COLUMNS, default_sort="-at", per_page=50
    )
    filters = {k: v for k in FILTERS if (v := request.GET.get(k))}
    if filters:
        extra = "&" + urlencode(filters)
        for column in listing.columns.values():
            column.url += extra
        listing.base_params.update(filters)
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
        {"form": form, "listing": listing, "rows": rows},
    )
