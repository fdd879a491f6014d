"""The case list with filters, search, sorting and pagination; overdue and due-soon views."""

from urllib.parse import urlencode

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from boligsocial.audit.services import log_reads
from boligsocial.cases import access
from boligsocial.cases.badges import badge_for
from boligsocial.cases.filters import CaseListFilter
from boligsocial.cases.models import Case, CaseKind, Category, Priority, Status
from boligsocial.cases.views.common import route_of
from boligsocial.core.listing import SortColumn, build_listing
from boligsocial.core.partials import render_page
from boligsocial.organisations import access as housing

CASE_COLUMNS = (
    SortColumn("reference", _("Case"), ("reference",)),
    SortColumn("received", _("Received"), ("received_at", "id")),
    SortColumn("department", _("Department"), ("department__name", "received_at", "id")),
    SortColumn("address", _("Address"), ("address", "id")),
    SortColumn("kind", _("Type"), ("kind", "received_at", "id")),
    SortColumn("category", _("Category"), ("category", "received_at", "id")),
    SortColumn("priority", _("Priority"), ("priority", "received_at", "id")),
    SortColumn("status", _("Status"), ("status", "received_at", "id")),
    SortColumn("due", _("Next deadline"), ("next_due", "id")),
    SortColumn("assignee", _("Case worker"), ("assignee__first_name", "assignee__last_name", "id")),
)
#: The columns a row of the list shows (and sorts on): the rows are loaded without the rest.
ROW_FIELDS = (
    "id",
    "reference",
    "received_at",
    "address",
    "kind",
    "category",
    "priority",
    "status",
    "next_due",
    "department__name",
    "assignee__first_name",
    "assignee__last_name",
    "assignee__username",
)
FILTER_NAMES = ("status", "kind", "track", "category", "department", "assignee", "deadline")

VIEWS = {
    "all": (_("Cases"), ""),
    "overdue": (_("Overdue cases"), "overdue"),
    "due_soon": (_("Cases due soon"), "due_soon"),
}


def _assignees(user):
    organisations = housing.scope(user).social_org_ids
    users = get_user_model().objects.filter(is_active=True)
    if not housing.scope(user).is_admin:
        users = users.filter(
            memberships__organisation_id__in=organisations,
            memberships__role__in=("social_staff", "social_head"),
        )
    return users.distinct().order_by("first_name", "last_name", "username")


def _filter_selects(filterset, view: str) -> list[dict]:
    """The filter boxes with their options worked out here: one small loop in the template
    instead of Django's widget templates (two template renders per option)."""
    selects = []
    for name in FILTER_NAMES:
        if name == "deadline" and view != "all":
            continue  # the overdue and due-soon views are that filter
        field = filterset.form[name]
        current = field.value()
        current = "" if current is None else str(current)
        options = [
            (str(value), label, str(value) == current) for value, label in field.field.choices
        ]
        selects.append({"field": field, "options": options})
    return selects


def _once(compute):
    """`compute()` the first time it is asked for, the same list after that."""
    found = []

    def choices():
        if not found:
            found.append(list(compute()))
        return found[0]

    return choices


def _offered(user) -> dict:
    """The departments and case workers the filter boxes offer (read only when needed)."""
    return {
        "department_choices": _once(
            lambda: (
                (str(d.pk), d.name)
                for d in access.case_create_departments(user).order_by("name").only("id", "name")
            )
        ),
        "assignee_choices": _once(
            lambda: [
                ("me", _("Me")),
                ("none", _("Nobody")),
                *((str(u.pk), u.get_full_name() or u.username) for u in _assignees(user)),
            ]
        ),
    }


def _rows(page) -> list[Case]:
    """The page's cases, loaded once, with what each row shows worked out in Python: the
    category and status labels (one dict lookup instead of Model.get_FOO_display, which builds
    the choices dict on every call) and the deadline badge ("overdue" / "today" / "")."""
    today = timezone.localdate()
    categories = {value: str(label) for value, label in Category.choices}
    statuses = {value: str(label) for value, label in Status.choices}
    kinds = {value: str(label) for value, label in CaseKind.choices}
    priorities = {value: str(label) for value, label in Priority.choices}
    cases = list(page.object_list)
    for case in cases:
        case.kind_label = kinds.get(case.kind, case.kind)
        case.priority_label = priorities.get(case.priority, case.priority)
        case.is_crisis = case.kind == CaseKind.CRISIS
        case.is_pressing = case.priority in (Priority.HIGH, Priority.URGENT)
        case.category_label = categories.get(case.category, case.category)
        case.status_label = statuses.get(case.status, case.status)
        case.due_badge = badge_for(case.next_due, today)
    page.object_list = cases
    return cases


def case_tools(user) -> list[tuple[str, str]]:
    """The case pages of heads and administrators (label, URL), shown beside the list: the
    access and change logs, the letter templates and the export of one person's data (right of
    access). All four are the head's (and the administrator's), so one check decides; for
    everyone else it costs no query (an empty set of organisations)."""
    if not access.access_log_organisations(user).exists():
        return []
    return [
        (_("Access log"), reverse("cases:access_log")),
        (_("Change log"), reverse("cases:change_log")),
        (_("Letter templates"), reverse("cases:letter_templates")),
        (_("Right of access: export a person's data"), reverse("cases:person_export")),
    ]


def case_listing(request, view: str):
    """The list as the page shows it (filters, search, sort): the page and its export."""
    user = request.user
    deadline = VIEWS[view][1]
    return build_listing(
        request,
        access.visible_cases(user).select_related("department", "assignee").only(*ROW_FIELDS),
        filterset_class=CaseListFilter,
        filterset_kwargs=_offered(user),
        search_filter="search",
        fixed={"deadline": deadline} if deadline else {},
        # Open cases until the user picks a filter ("All cases, closed ones too" is one).
        defaults={} if deadline else {"deadline": "open"},
        columns=CASE_COLUMNS,
        default_sort="due" if view != "all" else "-received",
    )


def _export_links(listing, view: str) -> list[tuple[str, str]]:
    params = {k: v for k, v in listing.base_params.items() if k != listing.page_param}
    if view != "all":
        params["visning"] = view
    url = reverse("cases:list_export")
    return [
        (label, f"{url}?{urlencode({**params, 'format': fmt})}")
        for fmt, label in (("xlsx", _("Excel")), ("csv", _("CSV")))
    ]


def _case_list(request, view: str):
    user = request.user
    listing = case_listing(request, view)
    cases = _rows(listing.page)
    # A list shows case content (addresses; a search by name tells whose cases they are): one
    # access-log row per case shown, as the API's list (decision 0023).
    log_reads(user=user, objs=cases, route=route_of(request))
    title, _key = VIEWS[view]
    return render_page(
        request,
        "cases/case_list.html",
        "results",
        {
            "title": title,
            "view": view,
            # a callable: only a whole page calls it (an htmx request renders the results only)
            "filter_selects": lambda: _filter_selects(listing.filterset, view),
            "listing": listing,
            "filters_active": listing.filters_active,
            "can_create": access.case_create_departments(user).exists(),
            "tools": lambda: case_tools(user),
            "exports": _export_links(listing, view),
        },
    )


def case_list(request):
    return _case_list(request, "all")


def overdue_list(request):
    return _case_list(request, "overdue")


def due_soon_list(request):
    return _case_list(request, "due_soon")
