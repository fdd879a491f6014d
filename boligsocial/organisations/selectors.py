"""Read queries for the housing pages: always built on the access module's querysets."""

from django.db.models import Avg, Count, Prefetch, Q, QuerySet, Sum
from django.utils.translation import gettext

from boligsocial.organisations import access
from boligsocial.organisations.models import Area, Department, Lease, Municipality


def departments_for_listing(user) -> QuerySet[Department]:
    return access.visible_departments(user).select_related("organisation", "municipality")


def organisations_with_counts(user, departments: QuerySet[Department] | None = None):
    """Visible organisations with counts over the visible departments (or the given subset of
    them, in which case only organisations with a department in it are returned)."""
    visible = access.visible_departments(user) if departments is None else departments
    organisations = access.visible_organisations(user)
    if departments is not None:
        organisations = organisations.filter(id__in=departments.values("organisation_id"))
    return organisations.annotate(
        department_total=Count("departments", filter=Q(departments__in=visible), distinct=True),
        lease_total=Sum("departments__lease_count", filter=Q(departments__in=visible)),
    )


def municipalities_with_counts(user) -> QuerySet[Municipality]:
    visible = access.visible_departments(user)
    return (
        access.visible_municipalities(user)
        .select_related("region")
        .annotate(
            department_total=Count("departments", filter=Q(departments__in=visible), distinct=True),
            lease_total=Sum("departments__lease_count", filter=Q(departments__in=visible)),
        )
    )


def areas_with_departments(user) -> QuerySet[Area]:
    """Areas with only the departments this user may see prefetched, and the total count."""
    visible = access.visible_departments(user).select_related("organisation")
    return (
        access.visible_areas(user)
        .select_related("municipality")
        .annotate(department_total=Count("departments", distinct=True))
        .prefetch_related(Prefetch("departments", queryset=visible, to_attr="visible_departments"))
    )


def lease_summary(department: Department) -> list[dict]:
    """Aggregates by number of rooms (for roles that may not list the leases)."""
    return list(
        Lease.objects.filter(department=department)
        .values("rooms")
        .annotate(count=Count("id"), average_m2=Avg("area_m2"))
        .order_by("rooms")
    )


def history_of(obj, limit: int = 10) -> list[dict]:
    """The latest changes of one object: who, when, what (changed field names and values)."""
    records = list(
        obj.history.select_related("history_user").order_by("-history_date")[: limit + 1]
    )
    changes = []
    for newer, older in zip(records, [*records[1:], None], strict=False):
        if len(changes) == limit:
            break
        fields = []
        if older is not None:
            delta = newer.diff_against(older)
            fields = [
                {"field": _verbose(obj, c.field), "old": c.old, "new": c.new} for c in delta.changes
            ]
        changes.append(
            {
                "when": newer.history_date,
                "user": _user_label(newer.history_user),
                "type": newer.get_history_type_display(),
                "fields": fields,
            }
        )
    return changes


def _user_label(user) -> str:
    if user is None:
        return gettext("the system")
    return user.get_full_name() or user.username


def _verbose(obj, name: str) -> str:
    try:
        return str(obj._meta.get_field(name).verbose_name)
    except Exception:  # a field that was removed since
        return name
