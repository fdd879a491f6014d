"""The case list with filters, search, sorting and pagination; overdue and due-soon views."""

from urllib.parse import urlencode

from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from boligsocial.cases import access, services
from boligsocial.cases.forms import CaseFilterForm
from boligsocial.cases.models import OPEN_STATUSES, Case, Category, Status
from boligsocial.core.listing import MAX_QUERY_LENGTH, SortColumn, build_listing
from boligsocial.core.partials import render_page
from boligsocial.organisations import access as housing

CASE_COLUMNS = (
    SortColumn("reference", _("Case"), ("reference",)),
    SortColumn("received", _("Received"), ("received_at", "id")),
    SortColumn("department", _("Department"), ("department__name", "received_at", "id")),
    SortColumn("address", _("Address"), ("address", "id")),
    SortColumn("category", _("Category"), ("category", "received_at", "id")),
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
    "category",
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


def filtered_cases(request, queryset, form):
    """Apply the valid filters of `form` and the free-text search `q`."""
    data = form.cleaned_data if form.is_valid() else {}
    for name in ("status", "kind", "track", "category"):
        if data.get(name):
            queryset = queryset.filter(**{name: data[name]})
    if data.get("department"):
        queryset = queryset.filter(department=data["department"])
    assignee = data.get("assignee")
    if assignee == "me":
        queryset = queryset.filter(assignee=request.user)
    elif assignee == "none":
        queryset = queryset.filter(assignee__isnull=True)
    elif assignee:
        queryset = queryset.filter(assignee_id=int(assignee))
    deadline = data.get("deadline")
    if deadline == "overdue":
        queryset = services.overdue(queryset)
    elif deadline == "due_soon":
        queryset = services.due_soon(queryset)
    elif deadline == "open":
        queryset = queryset.filter(status__in=OPEN_STATUSES)
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    if query:  # reference, address or a party's name (Case.search_text, one column)
        queryset = queryset.filter(search_text__contains=query.lower())
    return queryset


def _filter_selects(form, view: str) -> list[dict]:
    """The filter form's select boxes with their options worked out here: one small loop in
    the template instead of Django's widget templates (two template renders per option)."""
    selects = []
    for name in FILTER_NAMES:
        if name == "deadline" and view != "all":
            continue  # the overdue and due-soon views are that filter
        field = form[name]
        current = field.value()
        current = "" if current is None else str(current)
        options = [
            (str(value), label, str(value) == current) for value, label in field.field.choices
        ]
        selects.append({"field": field, "options": options})
    return selects


def _rows(page) -> list[Case]:
    """The page's cases, loaded once, with what each row shows worked out in Python: the
    category and status labels (one dict lookup instead of Model.get_FOO_display, which builds
    the choices dict on every call) and the deadline badge ("overdue" / "today" / "")."""
    today = timezone.localdate()
    categories = {value: str(label) for value, label in Category.choices}
    statuses = {value: str(label) for value, label in Status.choices}
    cases = list(page.object_list)
    for case in cases:
        case.category_label = categories.get(case.category, case.category)
        case.status_label = statuses.get(case.status, case.status)
        due = case.next_due
        case.due_badge = (
            "" if due is None else "overdue" if due < today else "today" if due == today else ""
        )
    page.object_list = cases
    return cases


def _case_list(request, view: str):
    user = request.user
    departments = access.case_create_departments(user)
    params = request.GET.copy()
    if VIEWS[view][1]:
        params["deadline"] = VIEWS[view][1]
    form = CaseFilterForm(
        params, departments=departments.order_by("name"), assignees=_assignees(user)
    )
    queryset = filtered_cases(
        request,
        access.visible_cases(user).select_related("department", "assignee").only(*ROW_FIELDS),
        form,
    )
    listing = build_listing(
        request,
        queryset,
        columns=CASE_COLUMNS,
        default_sort="due" if view != "all" else "-received",
    )
    _rows(listing.page)
    filters = {
        k: v
        for k in FILTER_NAMES
        if (v := request.GET.get(k, "")) and not (view != "all" and k == "deadline")
    }
    if filters:
        extra = "&" + urlencode(filters)
        for column in listing.columns.values():
            column.url += extra
        listing.base_params.update(filters)
    title, _key = VIEWS[view]
    return render_page(
        request,
        "cases/case_list.html",
        "results",
        {
            "title": title,
            "view": view,
            "form": form,
            # a callable: only a whole page calls it (an htmx request renders the results only)
            "filter_selects": lambda: _filter_selects(form, view),
            "listing": listing,
            "filters_active": bool(filters) or bool(listing.query),
            "can_create": access.case_create_departments(user).exists(),
        },
    )


def case_list(request):
    return _case_list(request, "all")


def overdue_list(request):
    return _case_list(request, "overdue")


def due_soon_list(request):
    return _case_list(request, "due_soon")
