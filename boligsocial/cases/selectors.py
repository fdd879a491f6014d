"""Reading cases: the lists and figures the pages, the API and the dashboard share (open,
overdue, due soon, repeats, crisis, time spent). Access is the caller's: pass a queryset that
already went through `cases.access`."""

from datetime import date

from django.db.models import Q, QuerySet

from boligsocial.cases import clock, workdays
from boligsocial.cases.models import OPEN_STATUSES, Case, CaseKind


def open_cases(qs: QuerySet[Case]) -> QuerySet[Case]:
    return qs.filter(status__in=OPEN_STATUSES)


def overdue(qs: QuerySet[Case], today: date | None = None) -> QuerySet[Case]:
    """Open cases with a task deadline before today, most overdue first."""
    today = today or clock.today()
    return qs.filter(status__in=OPEN_STATUSES, next_due__lt=today).order_by("next_due", "id")


def due_soon(qs: QuerySet[Case], today: date | None = None, working_days: int = 1):
    """Open cases with the next deadline today or within `working_days` working days."""
    today = today or clock.today()
    until = workdays.add_working_days(today, working_days)
    return qs.filter(status__in=OPEN_STATUSES, next_due__gte=today, next_due__lte=until).order_by(
        "next_due", "id"
    )


def deadline_status(case: Case, today: date | None = None) -> str | None:
    """ "overdue", "due_today", "due_soon", "ok", or None (no open deadline)."""
    if case.next_due is None:
        return None
    return workdays.deadline_status(case.next_due, today or clock.today())


def repeats_of(case: Case, qs: QuerySet[Case] | None = None) -> QuerySet[Case]:
    """Other cases at the same lease or the same normalised address (a repeat)."""
    qs = Case.objects.all() if qs is None else qs
    q = Q()
    if case.lease_id:
        q |= Q(lease_id=case.lease_id)
    if case.address_key:
        q |= Q(address_key=case.address_key)
    if not q:
        return qs.none()
    return (
        qs.filter(q, organisation_id=case.organisation_id)
        .exclude(pk=case.pk)
        .order_by("-received_at")
    )


def open_crisis_cases(qs: QuerySet[Case]) -> QuerySet[Case]:
    """Open crisis cases (shown on the department page while open)."""
    return qs.filter(kind=CaseKind.CRISIS, status__in=OPEN_STATUSES).order_by("-received_at")


def minutes_spent(case: Case) -> int:
    return sum(case.events.exclude(minutes=None).values_list("minutes", flat=True))
