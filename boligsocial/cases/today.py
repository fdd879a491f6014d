"""The social unit's today view (docs/decisions/0029-today-view.md): what needs doing now.

Reads only: new and unassigned cases, open cases without a next deadline (flagged: the rule in
cases/followup.py), overdue and due-soon cases with their relative wording, open crises, the
red departments whose prescribed review comes up, and the workload per case worker. Access is
the caller's: pass `access.visible_cases(user)` and `access.case_create_departments(user)`.
A fixed number of queries, whatever the number of cases (each list is cut at `LIMIT` rows and
counted)."""

from dataclasses import dataclass
from datetime import date

from django.contrib.auth import get_user_model
from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from boligsocial.cases import badges, followup, workdays
from boligsocial.cases.models import OPEN_STATUSES, Case, CaseKind, Deadline, DeadlineKind, Status
from boligsocial.organisations.roles import Role

#: Rows shown per list on the today view; the count says how many there are in all.
LIMIT = 25
#: "Due soon" on the today view: the deadlines in the coming working days.
SOON_WORKING_DAYS = 3
#: The roles that work on cases (the workload table and the reassignment's choice).
CASE_WORKER_ROLES = (Role.SOCIAL_STAFF, Role.SOCIAL_HEAD)


def due_phrase(relative: badges.RelativeDue) -> str:
    """The relative wording of a deadline (`badges.relative_due`), in the active language:
    "i dag", "om 2 arbejdsdage", "2 arbejdsdage over fristen", "" without a deadline."""
    n = relative.working_days
    if relative.kind == "today":
        return _("today")
    if relative.kind == "overdue":
        if n == 0:
            return _("deadline passed")
        return ngettext("%(n)d working day overdue", "%(n)d working days overdue", n) % {"n": n}
    if relative.kind == "ahead":
        if n == 0:
            return _("before the next working day")
        return ngettext("in %(n)d working day", "in %(n)d working days", n) % {"n": n}
    return ""


@dataclass
class Row:
    case: Case
    badge: str  # "overdue", "today" or "" (badges.badge_for)
    phrase: str  # due_phrase


@dataclass
class Section:
    rows: list[Row]
    count: int

    @property
    def more(self) -> int:
        return self.count - len(self.rows)


def _rows(qs: QuerySet[Case], today: date) -> list[Row]:
    return [
        Row(
            c,
            badges.badge_for(c.next_due, today),
            due_phrase(badges.relative_due(c.next_due, today)),
        )
        for c in qs.select_related("department", "assignee").defer("search_text", "description")[
            :LIMIT
        ]
    ]


def _section(qs: QuerySet[Case], today: date) -> Section:
    rows = _rows(qs, today)
    count = len(rows) if len(rows) < LIMIT else qs.order_by().count()
    return Section(rows, count)


def _short_section(
    qs: QuerySet[Case], today: date, key: str, newest_first: bool = False
) -> Section:
    """A list meant to stay short (each row is a flag to fix): its (key, id) pairs are read
    without an order, so the database seeks the index on its filter instead of walking every
    case of the organisation in the list's order (SQLite without statistics did that: ~400 ms
    at 200,000 cases); the first `LIMIT` of them in the list's order are then read as rows.
    2 queries."""
    pairs = sorted(qs.order_by().values_list(key, "id"), reverse=newest_first)
    rows = _rows(qs.filter(pk__in=[pk for _key, pk in pairs[:LIMIT]]), today)
    return Section(rows, len(pairs))


def unassigned(cases: QuerySet[Case]) -> QuerySet[Case]:
    """Open cases nobody is assigned to, newest first (new ones — status received — on top)."""
    return cases.filter(status__in=OPEN_STATUSES, assignee__isnull=True).order_by(
        "-received_at", "-id"
    )


def without_deadline(cases: QuerySet[Case]) -> QuerySet[Case]:
    """Open cases with no next deadline: flagged, oldest first (cases/followup.py). The today
    view reads it as a short section (`_short_section`: the index case_org_due_status)."""
    return cases.filter(status__in=OPEN_STATUSES, next_due__isnull=True).order_by(
        "next_due", "received_at", "id"
    )


def overdue(cases: QuerySet[Case], today: date) -> QuerySet[Case]:
    return cases.filter(status__in=OPEN_STATUSES, next_due__lt=today).order_by("next_due", "id")


def due_soon(cases: QuerySet[Case], today: date) -> QuerySet[Case]:
    until = workdays.add_working_days(today, SOON_WORKING_DAYS)
    return cases.filter(
        status__in=OPEN_STATUSES, next_due__gte=today, next_due__lte=until
    ).order_by("next_due", "id")


def open_crises(cases: QuerySet[Case]) -> QuerySet[Case]:
    return cases.filter(kind=CaseKind.CRISIS, status__in=OPEN_STATUSES).order_by("-received_at")


@dataclass
class CourtWindow:
    case: Case
    due: date
    badge: str
    phrase: str


def court_windows(cases: QuerySet[Case], today: date) -> list[CourtWindow]:
    """Open cases whose beboerklagenævn decision may still be brought before the housing court:
    the 4-week window (`DeadlineKind.HOUSING_COURT_WINDOW`, not met), soonest first, at any
    distance: a missed window cannot be undone, so it shows from the day the decision is
    registered, not only in the coming working days. 1 query."""
    found = (
        Deadline.objects.filter(
            kind=DeadlineKind.HOUSING_COURT_WINDOW,
            met_at__isnull=True,
            case__in=cases.filter(status__in=OPEN_STATUSES).values("id"),
        )
        .select_related("case__department", "case__assignee")
        .defer("case__search_text", "case__description")
        .order_by("due", "case_id")[:LIMIT]
    )
    return [
        CourtWindow(
            d.case,
            d.due,
            badges.badge_for(d.due, today),
            due_phrase(badges.relative_due(d.due, today)),
        )
        for d in found
    ]


@dataclass
class Review:
    department: object
    year: int
    follow_up: str
    review_on: date
    phrase: str


def red_reviews(departments, today: date) -> list[Review]:
    """Red departments whose prescribed review comes up within `followup.REVIEW_NOTICE_MONTHS`,
    soonest first: their light in the newest year with lights (as the home page's light tile).
    2 queries."""
    from django.db.models import Max

    from boligsocial.screening.models import Light

    lights = Light.objects.filter(department__in=departments)
    newest = lights.aggregate(year=Max("year"))["year"]
    if newest is None:
        return []
    found = []
    for light in (
        lights.filter(year=newest, colour="red", review_months__gte=1)
        .select_related("department")
        .only("department", "year", "colour", "follow_up", "review_months")
    ):
        review_on = followup.next_review(light.year, light.review_months, today)
        if followup.review_coming_up(review_on, today):
            rel = badges.relative_due(review_on, today)
            found.append(
                Review(light.department, light.year, light.follow_up, review_on, due_phrase(rel))
            )
    return sorted(found, key=lambda r: (r.review_on, r.department.number, r.department.pk))


@dataclass
class Load:
    user: object  # None: the unassigned cases
    open: int
    overdue: int


def case_workers(organisation_ids) -> QuerySet:
    """Active case workers (social staff and heads) of these organisations."""
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            memberships__organisation_id__in=organisation_ids,
            memberships__role__in=CASE_WORKER_ROLES,
        )
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


def workload(cases: QuerySet[Case], organisation_ids, today: date) -> list[Load]:
    """Open and overdue cases per case worker of the organisations (every worker, also those
    with none), then the unassigned ones. 2 queries."""
    counts = {
        row["assignee_id"]: row
        for row in cases.filter(status__in=OPEN_STATUSES)
        .order_by()
        .values("assignee_id")
        .annotate(n=Count("id"), late=Count("id", filter=Q(next_due__lt=today)))
    }
    loads = []
    for user in case_workers(organisation_ids):
        row = counts.pop(user.pk, {"n": 0, "late": 0})
        loads.append(Load(user, row["n"], row["late"]))
    loads.sort(key=lambda x: (-x.open, -x.overdue))
    none = counts.pop(None, {"n": 0, "late": 0})
    # Cases assigned to someone no longer a case worker here still count, under that user.
    if counts:
        users = get_user_model().objects.in_bulk(list(counts))
        for pk, row in counts.items():
            loads.append(Load(users.get(pk), row["n"], row["late"]))
    loads.append(Load(None, none["n"], none["late"]))
    return loads


def overview(cases: QuerySet[Case], departments, organisation_ids, today: date) -> dict:
    """Everything the today view shows (see the module docstring)."""
    return {
        "today": today,
        "unassigned": _section(unassigned(cases), today),
        "without_deadline": _short_section(without_deadline(cases), today, "received_at"),
        "overdue": _section(overdue(cases, today), today),
        "due_soon": _section(due_soon(cases, today), today),
        "crises": _short_section(open_crises(cases), today, "received_at", newest_first=True),
        "court_windows": court_windows(cases, today),
        "reviews": red_reviews(departments, today),
        "workload": workload(cases, organisation_ids, today),
        "new_status": Status.RECEIVED,
    }
