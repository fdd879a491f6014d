"""Reads of safety walks shared by the pages, the API, the dashboard and the coordination view.
They take querysets that already went through `walks.access` (or say who must check)."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Prefetch, Q, QuerySet

from boligsocial.walks.models import (
    OPEN_STATUSES,
    Category,
    Finding,
    FindingStatus,
    Participant,
    ParticipantRole,
    Walk,
)

_PROBLEM = ~Q(findings__category=Category.GOOD)


def overview(walks: QuerySet[Walk], today: date) -> QuerySet[Walk]:
    """The walk list: counts of findings, open ones and open ones past their due date, in one
    query (departments prefetched: two queries per page in all)."""
    return (
        walks.select_related("organisation", "municipality")
        .prefetch_related("departments")
        .annotate(
            finding_count=Count("findings", filter=_PROBLEM, distinct=True),
            open_count=Count(
                "findings",
                filter=_PROBLEM & Q(findings__status__in=OPEN_STATUSES),
                distinct=True,
            ),
            overdue_count=Count(
                "findings",
                filter=_PROBLEM
                & Q(findings__status__in=OPEN_STATUSES, findings__due_date__lt=today),
                distinct=True,
            ),
        )
    )


def findings_of(walk: Walk) -> QuerySet[Finding]:
    return walk.findings.select_related("point").order_by("number")


def overdue_findings(findings: QuerySet[Finding], today: date) -> QuerySet[Finding]:
    return findings.exclude(category=Category.GOOD).filter(
        status__in=OPEN_STATUSES, due_date__lt=today
    )


def findings_in_municipality(municipality, walks: QuerySet[Walk] | None = None):
    """Every finding of the walks in `municipality` (a Municipality or its code), across
    organisations, for issue 17's coordination view. `walks` is the caller's
    `access.visible_walks(user)`; without it the caller has checked access itself."""
    code = getattr(municipality, "code", municipality)
    base = walks if walks is not None else Walk.objects.all()
    return (
        Finding.objects.filter(walk__in=base.filter(municipality_id=code))
        .select_related("walk__organisation", "point")
        .order_by("walk__walk_date", "walk_id", "number")
    )


@dataclass
class CategoryGroup:
    category: str
    label: str
    findings: list = field(default_factory=list)


@dataclass
class RoleGroup:
    role: str
    label: str
    count: int
    people: list = field(default_factory=list)  # (name, organisation) of the named ones


@dataclass
class WalkSummary:
    walk: Walk
    points: list
    roles: list[RoleGroup]
    participant_total: int
    problems: list[CategoryGroup]
    good_places: list
    status_counts: list[tuple[str, int]]  # (label, count) over the problems
    problem_total: int
    done_total: int
    named: bool  # a participant is named (reads are logged)


def summary(walk: Walk) -> WalkSummary:
    """The walk page, the follow-up and the closing report: route, participants by role,
    findings by category (problems in the order of the categories), the good places."""
    walk = (
        Walk.objects.filter(pk=walk.pk)
        .select_related("organisation", "municipality", "area")
        .prefetch_related(
            "departments",
            "points",
            Prefetch("participants", queryset=Participant.objects.order_by("id")),
            Prefetch("findings", queryset=Finding.objects.select_related("point")),
        )
        .get()
    )
    roles = []
    for role, label in ParticipantRole.choices:
        rows = [p for p in walk.participants.all() if p.role == role]
        if rows:
            roles.append(
                RoleGroup(
                    role,
                    str(label),
                    sum(p.count for p in rows),
                    [(p.name, p.organisation_name) for p in rows if p.name or p.organisation_name],
                )
            )
    findings = list(walk.findings.all())
    problems = []
    for category, label in Category.choices:
        if category == Category.GOOD:
            continue
        rows = [f for f in findings if f.category == category]
        if rows:
            problems.append(CategoryGroup(category, str(label), rows))
    problem_rows = [f for f in findings if f.category != Category.GOOD]
    status_counts = [
        (str(label), sum(1 for f in problem_rows if f.status == value))
        for value, label in FindingStatus.choices
    ]
    return WalkSummary(
        walk=walk,
        points=list(walk.points.all()),
        roles=roles,
        participant_total=sum(r.count for r in roles),
        problems=problems,
        good_places=[f for f in findings if f.category == Category.GOOD],
        status_counts=status_counts,
        problem_total=len(problem_rows),
        done_total=sum(1 for f in problem_rows if f.status == FindingStatus.DONE),
        named=any(p.name for p in walk.participants.all()),
    )


@dataclass
class FollowUp:
    done: list  # resolved since the walk, by date
    open: list  # still open or in progress, overdue first
    dropped: list
    unassigned: int  # open problems without a responsible organisation
    overdue: int


def follow_up(walk: Walk, today: date) -> FollowUp:
    problems = list(findings_of(walk).exclude(category=Category.GOOD))
    open_rows = [f for f in problems if f.status in OPEN_STATUSES]
    open_rows.sort(key=lambda f: (f.due_date is None, f.due_date or today, f.number))
    return FollowUp(
        done=sorted(
            (f for f in problems if f.status == FindingStatus.DONE),
            key=lambda f: (f.resolved_on or walk.walk_date, f.number),
        ),
        open=open_rows,
        dropped=[f for f in problems if f.status == FindingStatus.DROPPED],
        unassigned=sum(1 for f in open_rows if not f.owner_kind),
        overdue=sum(1 for f in open_rows if f.due_date and f.due_date < today),
    )
