"""Downloads of the case list (content, so access-logged: one row per case exported) and of
the case statistics (counts only), as Excel or CSV through the one writer (core/exports.py)."""

from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from boligsocial.audit.services import log_reads
from boligsocial.cases.views.common import route_of
from boligsocial.cases.views.lists import VIEWS, case_listing
from boligsocial.core.downloads import chosen_format, table_response
from boligsocial.core.exports import Sheet

#: The most cases one export holds (the page says how many match; a filter narrows it).
EXPORT_MAX_ROWS = 10_000


def _person(user) -> str:
    return (user.get_full_name() or user.username) if user else ""


def case_list_export(request):
    view = request.GET.get("visning", "all")
    if view not in VIEWS:
        raise Http404
    listing = case_listing(request, view)
    cases = list(listing.page.paginator.object_list[:EXPORT_MAX_ROWS])
    log_reads(user=request.user, objs=cases, route=route_of(request), purpose="eksport")
    header = [
        _("Case"),
        _("Received"),
        _("Department"),
        _("Address"),
        _("Type"),
        _("Category"),
        _("Priority"),
        _("Status"),
        _("Next deadline"),
        _("Case worker"),
    ]
    rows = [
        [
            c.reference,
            c.received_at,
            c.department.name,
            c.address,
            c.get_kind_display(),
            c.get_category_display(),
            c.get_priority_display(),
            c.get_status_display(),
            c.next_due,
            _person(c.assignee),
        ]
        for c in cases
    ]
    stamp = timezone.localdate().strftime("%Y-%m-%d")
    return table_response(
        [Sheet(str(VIEWS[view][0]), header, rows)], f"sager-{stamp}", chosen_format(request)
    )
