"""Every write of a safety walk and its findings: one function per use case, in a transaction,
writing the change log (`record_change`; participants' names masked as personal data).

Errors are `WalkError` with a Danish message (when Danish is active) and change nothing."""

import calendar
from dataclasses import dataclass
from datetime import date, time
from decimal import Decimal

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from boligsocial.audit.models import ChangeAction
from boligsocial.audit.services import record_change
from boligsocial.walks.models import (
    FOLLOW_UP_MONTHS,
    MAX_PARTICIPANTS,
    OPEN_STATUSES,
    Category,
    Finding,
    FindingStatus,
    Participant,
    RoutePoint,
    Walk,
    WalkStatus,
)

MAX_PHOTO_BYTES = 10 * 1024 * 1024
#: content type -> label; recognised by the file's first bytes, never by its name.
ALLOWED_PHOTO_TYPES = {"image/jpeg": "JPEG", "image/png": "PNG"}
MAX_POINTS = 40


class WalkError(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Point:
    name: str
    latitude: Decimal | None = None
    longitude: Decimal | None = None


@dataclass(frozen=True)
class Invited:
    role: str
    count: int = 1
    name: str = ""
    organisation_name: str = ""


def add_months(day: date, months: int) -> date:
    """`day` plus `months` calendar months, on the last day of a shorter month."""
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def suggested_follow_up(walk_date: date) -> date:
    """domain.md § 4.4: the follow-up meeting about six months after the walk."""
    return add_months(walk_date, FOLLOW_UP_MONTHS)


def participants_problem(invited: list[Invited]) -> str | None:
    """Why the invited group is refused (more than 25 people), or None."""
    total = sum(p.count for p in invited)
    if total > MAX_PARTICIPANTS:
        return _(
            "A safety walk has at most %(max)s participants; %(n)s are invited. "
            "Make the group smaller or plan a second walk."
        ) % {"max": MAX_PARTICIPANTS, "n": total}
    if any(p.count < 1 for p in invited):
        return _("Each participant row counts at least 1 person.")
    return None


def _check(*, organisation, departments, walk_date, follow_up_date, points, invited):
    if not departments:
        raise WalkError(_("Choose at least one department."))
    if any(d.organisation_id != organisation.pk for d in departments):
        raise WalkError(_("The departments must belong to the walk's housing organisation."))
    if len({d.municipality_id for d in departments}) > 1:
        raise WalkError(_("The departments of one walk must lie in the same municipality."))
    if follow_up_date and follow_up_date <= walk_date:
        raise WalkError(_("The follow-up meeting must come after the walk."))
    if not points:
        raise WalkError(_("The route needs at least one point."))
    if len(points) > MAX_POINTS:
        raise WalkError(_("The route has at most %(max)s points.") % {"max": MAX_POINTS})
    problem = participants_problem(invited)
    if problem:
        raise WalkError(problem)


def _write_route(walk: Walk, points: list[Point]) -> None:
    old = {p.position: p for p in walk.points.all()}
    for i, point in enumerate(points, start=1):
        row = old.pop(i, None) or RoutePoint(walk=walk, position=i)
        row.name, row.latitude, row.longitude = point.name, point.latitude, point.longitude
        row.save()
    RoutePoint.objects.filter(pk__in=[p.pk for p in old.values()]).delete()


def _write_participants(walk: Walk, invited: list[Invited]) -> None:
    walk.participants.all().delete()
    Participant.objects.bulk_create(
        Participant(
            walk=walk,
            role=p.role,
            count=p.count,
            name=p.name,
            organisation_name=p.organisation_name,
        )
        for p in invited
    )


def _participant_changes(invited: list[Invited]) -> dict:
    return {
        # text, not lists: the change-log page reads values as scalars
        "invited": (
            None,
            ", ".join(
                f"{p.role} {p.count}" + (f" ({p.organisation_name})" if p.organisation_name else "")
                for p in invited
            ),
        ),
        "invited_names": (None, ", ".join(p.name for p in invited if p.name)),
    }


@transaction.atomic
def plan_walk(
    *,
    organisation,
    departments,
    title: str,
    walk_date: date,
    points: list[Point],
    invited: list[Invited],
    actor,
    area=None,
    start_time: time | None = None,
    meeting_point: str = "",
    follow_up_date: date | None = None,
) -> Walk:
    departments = list(departments)
    follow_up_date = follow_up_date or suggested_follow_up(walk_date)
    _check(
        organisation=organisation,
        departments=departments,
        walk_date=walk_date,
        follow_up_date=follow_up_date,
        points=points,
        invited=invited,
    )
    walk = Walk.objects.create(
        organisation=organisation,
        municipality_id=departments[0].municipality_id,
        area=area,
        title=title,
        walk_date=walk_date,
        start_time=start_time,
        meeting_point=meeting_point,
        follow_up_date=follow_up_date,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    walk.departments.set(departments)
    _write_route(walk, points)
    _write_participants(walk, invited)
    record_change(
        actor=actor,
        obj=walk,
        action=ChangeAction.CREATE,
        changes={
            "title": (None, title),
            "walk_date": (None, walk_date),
            "department_ids": (None, ", ".join(str(d.pk) for d in departments)),
            "route_points": (None, "; ".join(p.name for p in points)),
            **_participant_changes(invited),
        },
        personal=("invited_names",),
    )
    return walk


@transaction.atomic
def update_walk(
    *,
    walk: Walk,
    departments,
    title: str,
    walk_date: date,
    points: list[Point],
    invited: list[Invited],
    actor,
    area=None,
    start_time: time | None = None,
    meeting_point: str = "",
    follow_up_date: date | None = None,
    summary: str | None = None,
) -> Walk:
    walk = Walk.objects.select_for_update().get(pk=walk.pk)
    departments = list(departments)
    _check(
        organisation=walk.organisation,
        departments=departments,
        walk_date=walk_date,
        follow_up_date=follow_up_date,
        points=points,
        invited=invited,
    )
    if walk.status == WalkStatus.CLOSED:
        raise WalkError(_("The walk is closed and can no longer be changed."))
    changes = {}
    new = {
        "title": title,
        "walk_date": walk_date,
        "start_time": start_time,
        "meeting_point": meeting_point,
        "follow_up_date": follow_up_date,
        "area_id": area.pk if area else None,
        "municipality_id": departments[0].municipality_id,
    }
    if summary is not None:
        new["summary"] = summary
    for field, value in new.items():
        if getattr(walk, field) != value:
            changes[field] = (getattr(walk, field), value)
            setattr(walk, field, value)
    walk.save()
    walk.departments.set(departments)
    _write_route(walk, points)
    _write_participants(walk, invited)
    changes.update(_participant_changes(invited))
    changes["route_points"] = (None, "; ".join(p.name for p in points))
    record_change(
        actor=actor,
        obj=walk,
        action=ChangeAction.UPDATE,
        changes=changes,
        personal=("invited_names",),
    )
    return walk


_NEXT = {WalkStatus.PLANNED: WalkStatus.HELD, WalkStatus.HELD: WalkStatus.CLOSED}


@transaction.atomic
def advance_walk(*, walk: Walk, to: str, actor, summary: str | None = None) -> Walk:
    """planned → held (the walk took place) → closed (the follow-up meeting is held)."""
    walk = Walk.objects.select_for_update().get(pk=walk.pk)
    if _NEXT.get(walk.status) != to:
        raise WalkError(_("The walk cannot move to that status now."))
    if to == WalkStatus.HELD and walk.walk_date > timezone.localdate():
        raise WalkError(_("A walk planned for a later date cannot be marked as held yet."))
    changes = {"status": (walk.status, to)}
    walk.status = to
    if summary is not None and summary != walk.summary:
        changes["summary"] = (walk.summary, summary)
        walk.summary = summary
    walk.save(update_fields=["status", "summary", "updated_at"])
    record_change(actor=actor, obj=walk, action=ChangeAction.TRANSITION, changes=changes)
    return walk


def photo_problem(uploaded) -> tuple[str | None, str]:
    """(why the photo is refused in Danish, or None; its content type by its first bytes)."""
    from boligsocial.core.storage import sniff_content_type

    size = uploaded.size or 0
    if size == 0:
        return _("The photo is empty."), ""
    if size > MAX_PHOTO_BYTES:
        return _("The photo is too large. The maximum is %(max)s MB.") % {
            "max": MAX_PHOTO_BYTES // 1024 // 1024
        }, ""
    uploaded.seek(0)
    content_type = sniff_content_type(uploaded.read(16))
    uploaded.seek(0)
    if content_type not in ALLOWED_PHOTO_TYPES:
        return _("The photo must be a JPEG or PNG image."), ""
    return None, content_type


@transaction.atomic
def record_finding(
    *,
    walk: Walk,
    category: str,
    description: str,
    actor,
    point: RoutePoint | None = None,
    latitude: Decimal | None = None,
    longitude: Decimal | None = None,
    place_note: str = "",
    severity: str = "",
    photo=None,
) -> Finding:
    walk = Walk.objects.select_for_update().get(pk=walk.pk)
    if walk.status == WalkStatus.CLOSED:
        raise WalkError(_("The walk is closed; no more findings can be recorded."))
    if point is not None and point.walk_id != walk.pk:
        raise WalkError(_("Choose a point on this walk's route."))
    if (latitude is None) != (longitude is None):
        raise WalkError(_("Give both latitude and longitude, or neither."))
    if point is None and latitude is None:
        raise WalkError(_("Choose the place on the route or give a position on the map."))
    if category not in Category.values:
        raise WalkError(_("Choose a category."))
    if category != Category.GOOD and not severity:
        raise WalkError(_("Choose how serious the problem is."))
    if not description.strip():
        raise WalkError(_("Describe what you see."))
    content_type = ""
    if photo is not None:
        problem, content_type = photo_problem(photo)
        if problem:
            raise WalkError(problem)
    number = (walk.findings.aggregate(n=Max("number"))["n"] or 0) + 1
    finding = Finding(
        walk=walk,
        number=number,
        point=point,
        latitude=latitude,
        longitude=longitude,
        place_note=place_note,
        category=category,
        description=description.strip(),
        severity="" if category == Category.GOOD else severity,
        status=FindingStatus.DONE if category == Category.GOOD else FindingStatus.OPEN,
        photo_type=content_type,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    if photo is not None:
        finding.photo.save("foto", photo, save=False)
    try:
        finding.save()
        record_change(
            actor=actor,
            obj=finding,
            action=ChangeAction.CREATE,
            changes={
                "category": (None, category),
                "description": (None, finding.description),
                "severity": (None, finding.severity),
                "point": (None, point.pk if point else None),
                "photo": (None, bool(content_type)),
            },
            organisation_id=walk.organisation_id,
        )
    except Exception:
        if finding.photo:
            finding.photo.delete(save=False)
        raise
    return finding


@transaction.atomic
def update_finding(
    *,
    finding: Finding,
    actor,
    owner_kind: str,
    owner_name: str,
    due_date: date | None,
    status: str,
    status_note: str = "",
) -> Finding:
    finding = Finding.objects.select_for_update().select_related("walk").get(pk=finding.pk)
    if finding.walk.status == WalkStatus.CLOSED:
        raise WalkError(_("The walk is closed and its findings can no longer be changed."))
    if status not in FindingStatus.values:
        raise WalkError(_("Choose a status."))
    if status == FindingStatus.DROPPED and not status_note.strip():
        raise WalkError(_("Say why the finding is dropped."))
    if status in OPEN_STATUSES and not finding.is_good_place and due_date and not owner_kind:
        raise WalkError(_("Choose who is responsible before setting a due date."))
    if due_date and due_date < finding.walk.walk_date:
        raise WalkError(_("The due date cannot be before the walk."))
    new = {
        "owner_kind": owner_kind,
        "owner_name": owner_name.strip(),
        "due_date": due_date,
        "status": status,
        "status_note": status_note.strip(),
    }
    if status == FindingStatus.DONE and finding.status != FindingStatus.DONE:
        new["resolved_on"] = timezone.localdate()
    elif status != FindingStatus.DONE:
        new["resolved_on"] = None
    changes = {}
    for field, value in new.items():
        if getattr(finding, field) != value:
            changes[field] = (getattr(finding, field), value)
            setattr(finding, field, value)
    if not changes:
        return finding
    finding.save()
    record_change(
        actor=actor,
        obj=finding,
        action=ChangeAction.UPDATE,
        changes=changes,
        organisation_id=finding.walk.organisation_id,
    )
    return finding
